#include "sim_test_util.h"

#include "npu_program_generated.h"
#include "npu_sim/isa/assembler.h"
#include "npu_sim/isa/encoding.h"
#include "npu_sim/profile/profile_loader.h"
#include "npu_sim/schema/program_payload.h"
#include "nuri/float16.h"

#include <catch2/catch.hpp>

#include <map>

namespace nuri::npu::testing {

const NpuProfile &builtinProfile(const std::string &name) {
  static const std::vector<NpuProfile> profiles = [] {
    Result<std::vector<NpuProfile>> loaded = builtinProfiles();
    return loaded.ok() ? std::move(loaded).value() : std::vector<NpuProfile>{};
  }();
  const NpuProfile *profile = findProfile(profiles, name);
  if (!profile)
    FAIL("no built-in profile " << name);
  return *profile;
}

Program assembleOrFail(const std::string &text) {
  Result<Program> program = assemble(text, "test.s");
  if (!program.ok())
    FAIL(program.status().toString());
  return std::move(program).value();
}

std::vector<uint8_t> payloadOf(const std::string &text) {
  Result<std::vector<uint8_t>> payload =
      writeProgramPayload(assembleOrFail(text));
  INFO(payload.status().toString());
  REQUIRE(payload.ok());
  return std::move(payload).value();
}

std::vector<uint8_t> payloadWithWords(const std::vector<Word> &words,
                                      EngineKind engine, uint64_t sramBytes) {
  flatbuffers::FlatBufferBuilder b;
  std::vector<fb::Word> raw;
  for (const Word &word : words)
    raw.emplace_back(word.lo, word.hi);
  fb::EngineKind kind = engine == EngineKind::kDma ? fb::EngineKind::Dma
                        : engine == EngineKind::kMatrix
                            ? fb::EngineKind::Matrix
                            : fb::EngineKind::Vector;
  std::vector<flatbuffers::Offset<fb::Stream>> streams = {
      fb::CreateStream(b, kind, 0, b.CreateVectorOfStructs(raw))};
  std::vector<flatbuffers::Offset<fb::Core>> cores = {
      fb::CreateCore(b, b.CreateVector(streams))};
  fb::IsaVersion version(kIsaVersionMajor, kIsaVersionMinor);
  auto program = fb::CreateProgram(b, &version, b.CreateString("npu-edge"),
                                   sramBytes, 0, b.CreateVector(cores));
  fb::FinishProgramBuffer(b, program);
  return {b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()};
}

HostDram::HostDram(const Program &program) {
  for (const Region &region : program.regions)
    regions.emplace_back(
        region.kind == RegionKind::kScratch ? region.scratchBytes : 0, 0);
}

std::vector<DramRegion> HostDram::bind(const Program &program) {
  std::vector<DramRegion> bound;
  for (size_t r = 0; r < regions.size(); ++r)
    bound.push_back({regions[r].data(), regions[r].size(),
                     regionWritable(program.regions[r].kind),
                     regionDescription(program.regions[r])});
  return bound;
}

Result<RunStats> run(const Program &program, HostDram &dram,
                     const NpuProfile &profile, bool records) {
  std::vector<DramRegion> bound = dram.bind(program);
  SimOptions options;
  options.recordInstructions = records;
  // As a loader does: simulate itself does not check the program.
  NURI_RETURN_IF_ERROR(checkProgram(program, profile));
  return simulate(program, profile, bound, options);
}

Result<RunStats> runSramOnly(const std::string &text,
                             const NpuProfile &profile) {
  Program program = assembleOrFail(text);
  HostDram dram(program);
  return run(program, dram, profile);
}

uint16_t bf16(float x) { return floatToBFloat16(x); }
float bf16Value(uint16_t b) { return bfloat16ToFloat(b); }
uint32_t bits(float x) { return floatBits(x); }

} // namespace nuri::npu::testing
