// The segment printers backends register through the tooling list: the
// registry itself, the npu-program disassembly and region table, the
// cpu-ref node listing, and damaged payloads (errors, never crashes).
#include "artifact/loader.h"
#include "common/tooling_registry.h"
#include "npu_sim/isa/assembler.h"
#include "npu_sim/isa/disassembler.h"
#include "tool_artifacts.h"

#include <catch2/catch.hpp>

#include <sstream>

namespace nuri::testing {
namespace {

const tools::ToolingRegistry &builtin() {
  static const tools::ToolingRegistry *registry = [] {
    auto *r = new tools::ToolingRegistry();
    tools::registerBuiltinTooling(*r);
    return r;
  }();
  return *registry;
}

std::shared_ptr<const detail::LoadedModel> load(const ArtifactSpec &spec) {
  auto model = detail::loadArtifactBytes(buildArtifact(spec));
  INFO(model.status().toString());
  REQUIRE(model.ok());
  return *model;
}

tools::SegmentInfo segmentInfo(const detail::LoadedModel &model,
                               size_t index = 0) {
  const detail::LoadedSegment &segment = model.segments.at(index);
  return {segment.name,          segment.target,  segment.format,
          segment.formatVersion, segment.payload, model.values};
}

struct Printed {
  Status status;
  std::string text;
};

Printed print(const tools::SegmentInfo &info) {
  const tools::SegmentPrinter *printer =
      builtin().findSegmentPrinter(info.format);
  REQUIRE(printer != nullptr);
  std::ostringstream out;
  Status status = (*printer)(info, out);
  return {status, out.str()};
}

TEST_CASE("every backend's printer is registered by the tooling list",
          "[tools][tooling]") {
  std::vector<std::string> formats = builtin().printerFormats();
  CHECK(std::count(formats.begin(), formats.end(), "cpu-ref-program") == 1);
  CHECK(std::count(formats.begin(), formats.end(), "npu-program") == 1);
  CHECK(builtin().findSegmentPrinter("acme-blob") == nullptr);
}

TEST_CASE("the registry refuses empty and duplicate registrations",
          "[tools][tooling]") {
  tools::ToolingRegistry registry;
  auto printer = [](const tools::SegmentInfo &, std::ostream &) {
    return okStatus();
  };
  REQUIRE(registry.registerSegmentPrinter("fmt", "alpha", printer).ok());
  Status duplicate = registry.registerSegmentPrinter("fmt", "beta", printer);
  CHECK(duplicate.code() == StatusCode::kFailedPrecondition);
  CHECK(duplicate.message() ==
        "backends 'alpha' and 'beta' both register a printer for format "
        "'fmt'");
  CHECK_FALSE(registry.registerSegmentPrinter("", "gamma", printer).ok());
  CHECK_FALSE(registry.registerSegmentPrinter("other", "gamma", nullptr).ok());
  CHECK(registry.printerFormats() == std::vector<std::string>{"fmt"});
}

TEST_CASE("an npu program prints its header, regions and every instruction",
          "[tools][tooling][npu]") {
  auto model = load(npuModel());
  Printed printed = print(segmentInfo(*model));
  INFO(printed.text);
  REQUIRE(printed.status.ok());
  const std::string &text = printed.text;
  CHECK_THAT(text, Catch::StartsWith("  isa 1.0, profile npu-edge, 1 core\n"
                                     "  sram: 4096 bytes per core declared "
                                     "(0.1% of npu-edge's 4194304)\n"));
  CHECK_THAT(text,
             Catch::Contains("    %0 input 0: value %0 x: float32 [2, 16], 128 "
                             "bytes; touches [0x0, 0x80)\n"
                             "    %1 constants: the artifact's constant data "
                             "(read-only); touches [0x40, 0x80)\n"));
  CHECK_THAT(text, Catch::Contains("    %4 scratch 256: zeroed per-run "
                                   "memory; touches [0x0, 0x80)\n"));
  CHECK_THAT(text, Catch::Contains("  core 0: sram touched [0x0, 0x580)\n"
                                   "    dma0: 11 instructions, 32 words\n"));
  // The index and word of an instruction, as fault messages name them.
  CHECK_THAT(text, Catch::Contains(
                       "      #4    w10   dma.st %2+0x0, 0x200, dims=[32], "
                       "esize=4, dram_strides=[4], sram_strides=[4]\n"));
  CHECK_THAT(text, Catch::Contains("    vpu: 6 instructions, 10 words\n"));

  // Every instruction, in the ISA library's own disassembly.
  Result<npu::Program> program = npu::assemble(npuModelProgram());
  REQUIRE(program.ok());
  for (const npu::Stream &stream : program->cores[0].streams)
    for (const npu::Instruction &instruction : stream.instructions)
      CHECK_THAT(text, Catch::Contains(
                           strCat(" ", npu::disassemble(instruction), "\n")));
}

TEST_CASE("a cpu-ref program prints its nodes with values and attributes",
          "[tools][tooling][cpu-ref]") {
  auto model = load(cpuRefAttributeModel());
  Printed printed = print(segmentInfo(*model));
  REQUIRE(printed.status.ok());
  CHECK(printed.text ==
        "  1 node, in execution order\n"
        "  #0 Conv \"conv/1\"\n"
        "      inputs:  %0 x: float32 [1, 2, 4, 4], %1 w: float32 [3, 2, 3, "
        "3], -\n"
        "      outputs: %2 y: float32 [1, 3, 4, 4]\n"
        "      attrs:   group=1, alpha=0.25, auto_pad=\"NOTSET\", pads=[1, 1, "
        "1, 1], scales=[0.5, 2]\n");
}

TEST_CASE("a cpu-ref node naming a missing value is shown, not trusted",
          "[tools][tooling][cpu-ref]") {
  std::vector<uint8_t> payload =
      buildProgram({{"Relu", "", {7}, {1}, {}}, {"", "n", {}, {}, {}}});
  std::vector<hal::ValueInfo> values(2);
  values[0].name = std::string(1, 'a');
  values[1].name = std::string(1, 'b');
  tools::SegmentInfo info{"s", "cpu-ref", "cpu-ref-program",
                          1,   payload,   values};
  Printed printed = print(info);
  REQUIRE(printed.status.ok());
  CHECK_THAT(printed.text,
             Catch::Contains("  #0 Relu\n      inputs:  %7 <no such value: "
                             "the artifact has 2>\n"));
  CHECK_THAT(printed.text, Catch::Contains("  #1 <no op type> \"n\"\n"));
}

// Every truncation and many byte flips of `payload`: an error or a
// listing, never a crash; cutting more than the trailing padding fails.
void checkDamage(const tools::SegmentInfo &good) {
  std::vector<uint8_t> payload(good.payload.begin(), good.payload.end());
  for (size_t size = 0; size < payload.size(); ++size) {
    std::vector<uint8_t> cut(payload.begin(), payload.begin() + size);
    tools::SegmentInfo info = good;
    info.payload = cut;
    Printed printed = print(info);
    if (size + 16 <= payload.size()) {
      INFO("the first " << size << " of " << payload.size() << " bytes");
      CHECK_FALSE(printed.status.ok());
    }
  }
  for (size_t i = 0; i < payload.size(); ++i) {
    std::vector<uint8_t> flipped = payload;
    flipped[i] ^= 0xff;
    tools::SegmentInfo info = good;
    info.payload = flipped;
    (void)print(info);
  }
}

TEST_CASE("damaged payloads are errors, never crashes", "[tools][tooling]") {
  auto npuArtifact = load(npuModel());
  checkDamage(segmentInfo(*npuArtifact));
  auto cpuArtifact = load(cpuRefAttributeModel());
  checkDamage(segmentInfo(*cpuArtifact));

  auto damaged = load(damagedNpuModel());
  Printed printed = print(segmentInfo(*damaged));
  CHECK(printed.status.code() == StatusCode::kDataLoss);
  CHECK(printed.status.message() ==
        "corrupt or truncated npu program payload (464 bytes)");
}

TEST_CASE("a newer npu-program format version is refused",
          "[tools][tooling][npu]") {
  auto model = load(npuModel());
  tools::SegmentInfo info = segmentInfo(*model);
  info.formatVersion = 2;
  Printed printed = print(info);
  CHECK(printed.status.message() ==
        "npu-program format version 2 is newer than 1, the newest this "
        "build reads");
}

} // namespace
} // namespace nuri::testing
