#include "tool_artifacts.h"

#include "npu_sim/isa/assembler.h"
#include "npu_sim/schema/program_payload.h"
#include "scale_program.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace nuri::testing {
namespace {

using hal::ValueKind;

const char *kNpuModel = npu::testing::kScaleProgram;

// Segment `index` of npuTwoSegmentModel: DMA in, vadd, DMA out, and a
// matmul on SRAM running alongside.
std::string twoSegmentProgram(int index) {
  bool int8 = index == 0;
  return strCat(R"(
.profile npu-edge
.sram 65536
.region 0 )",
                int8 ? "input 0" : "arena", R"(
.region 1 )",
                int8 ? "arena" : "output 0", R"(
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[32], esize=4
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x100, dims=[32], esize=4
.engine vpu
  wait s0, 1
  vadd 0x100:f32, 0x0:f32, 0x0:f32, rows=2, cols=16
  sig s1, 1
.engine mxu
  )",
                int8 ? "mm.i8" : "mm.bf16",
                " 0x8000, 0x1000, 0x4000, m=64, k=64, n=64\n");
}

std::vector<ValueSpec> xtyValues() {
  return {{"x", DType::kFloat32, {2, 16}, ValueKind::kInput, 0},
          {"t", DType::kFloat32, {2, 16}, ValueKind::kArena, 0, 0},
          {"y", DType::kFloat32, {2, 16}, ValueKind::kOutput, 0}};
}

SegmentSpec rawSegment(std::string name, std::string target, std::string format,
                       std::vector<uint8_t> payload) {
  SegmentSpec segment;
  segment.name = std::move(name);
  segment.target = std::move(target);
  segment.format = std::move(format);
  segment.rawPayload = std::move(payload);
  return segment;
}

} // namespace

std::vector<uint8_t> npuPayload(const std::string &text) {
  Result<npu::Program> program = npu::assemble(text, "tool_artifacts.s");
  Result<std::vector<uint8_t>> payload =
      program.ok() ? npu::writeProgramPayload(*program) : program.status();
  if (!payload.ok()) {
    std::fprintf(stderr, "bad test program: %s\n",
                 payload.status().toString().c_str());
    std::abort();
  }
  return *payload;
}

const char *npuModelProgram() { return kNpuModel; }

ArtifactSpec npuModel() {
  ArtifactSpec spec;
  spec.target = "npu-edge";
  spec.modelName = "npu_model";
  spec.values = {{"x", DType::kFloat32, {2, 16}, ValueKind::kInput, 0},
                 {"c", DType::kFloat32, {16}, ValueKind::kConstant, 0, 64},
                 {"t", DType::kFloat32, {2, 16}, ValueKind::kArena, 0, 0},
                 {"y", DType::kFloat32, {2, 16}, ValueKind::kOutput, 0}};
  spec.inputs = {{"x", 0}};
  spec.outputs = {{"y", 3}};
  spec.arenaSize = 128;
  std::vector<float> c(32, 0.0f);
  for (int j = 0; j < 16; ++j)
    c[16 + j] = static_cast<float>(j % 4) + 0.5f;
  spec.constants.resize(128);
  std::memcpy(spec.constants.data(), c.data(), 128);
  spec.segments = {
      rawSegment("main", "npu-edge", "npu-program", npuPayload(kNpuModel))};
  return spec;
}

std::vector<uint8_t> npuTwoSegmentPayload(int index) {
  return npuPayload(twoSegmentProgram(index));
}

ArtifactSpec npuTwoSegmentModel() {
  ArtifactSpec spec;
  spec.target = "npu-edge";
  spec.modelName = "npu_two_segments";
  spec.values = xtyValues();
  spec.inputs = {{"x", 0}};
  spec.outputs = {{"y", 2}};
  spec.arenaSize = 128;
  spec.segments = {rawSegment("int8_part", "npu-edge", "npu-program",
                              npuTwoSegmentPayload(0)),
                   rawSegment("bf16_part", "npu-edge", "npu-program",
                              npuTwoSegmentPayload(1))};
  return spec;
}

ArtifactSpec cpuRefAttributeModel() {
  ArtifactSpec spec;
  spec.modelName = "attributes";
  spec.values = {
      {"x", DType::kFloat32, {1, 2, 4, 4}, ValueKind::kInput, 0},
      {"w", DType::kFloat32, {3, 2, 3, 3}, ValueKind::kConstant, 0, 0},
      {"y", DType::kFloat32, {1, 3, 4, 4}, ValueKind::kOutput, 0}};
  spec.inputs = {{"x", 0}};
  spec.outputs = {{"y", 2}};
  spec.constants.resize(3 * 2 * 3 * 3 * sizeof(float));
  SegmentSpec segment;
  segment.name = "main";
  segment.nodes = {{"Conv",
                    "conv/1",
                    {0, 1, -1},
                    {2},
                    {{"group", int64_t{1}},
                     {"alpha", 0.25f},
                     {"auto_pad", std::string("NOTSET")},
                     {"pads", std::vector<int64_t>{1, 1, 1, 1}},
                     {"scales", std::vector<float>{0.5f, 2.0f}}}}};
  spec.segments = {segment};
  return spec;
}

ArtifactSpec unknownFormatModel() {
  ArtifactSpec spec = identityModel({2, 3});
  spec.modelName = "unknown_format";
  std::vector<uint8_t> blob(37);
  for (size_t i = 0; i < blob.size(); ++i)
    blob[i] = static_cast<uint8_t>(i * 7);
  spec.segments.push_back(
      rawSegment("accelerated", "acme-npu", "acme-blob", blob));
  return spec;
}

ArtifactSpec damagedNpuModel() {
  ArtifactSpec spec = npuModel();
  spec.modelName = "damaged_npu";
  std::vector<uint8_t> payload = npuPayload(kNpuModel);
  payload.resize(payload.size() / 2); // truncated inside the artifact
  spec.segments = {
      rawSegment("main", "npu-edge", "npu-program", std::move(payload))};
  return spec;
}

} // namespace nuri::testing
