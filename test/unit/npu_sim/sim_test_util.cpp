#include "sim_test_util.h"

#include "npu_sim/isa/assembler.h"
#include "npu_sim/profile/profile_loader.h"
#include "nuri/float16.h"

#include <catch2/catch.hpp>

#include <map>

namespace nuri::npu::testing {

const NpuProfile &builtinProfile(const std::string &name) {
  static const std::map<std::string, NpuProfile> profiles = [] {
    std::map<std::string, NpuProfile> byName;
    Result<std::vector<NpuProfile>> loaded = builtinProfiles();
    if (loaded.ok())
      for (NpuProfile &profile : *loaded)
        byName.emplace(profile.name, profile);
    return byName;
  }();
  auto it = profiles.find(name);
  if (it == profiles.end())
    FAIL("no built-in profile " << name);
  return it->second;
}

Program assembleOrFail(const std::string &text) {
  Result<Program> program = assemble(text, "test.s");
  if (!program.ok())
    FAIL(program.status().toString());
  return std::move(program).value();
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
