#include "npu_sim/driver/executable.h"

#include "npu_sim/schema/program_payload.h"
#include "npu_sim/sim/execution_profile.h"
#include "npu_sim/sim/simulator.h"

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace nuri::npu_sim {
namespace {

using npu::RegionKind;

struct FreeDeleter {
  void operator()(uint8_t *p) const { std::free(p); }
};
// Zeroed scratch memory (calloc: large regions cost only what is touched).
using ScratchMemory = std::unique_ptr<uint8_t, FreeDeleter>;

std::string
profileNames(std::span<const std::shared_ptr<const npu::NpuProfile>> profiles) {
  std::string names;
  for (const auto &profile : profiles)
    names += strCat(names.empty() ? "" : ", ", profile->name);
  return names;
}

// Input/output regions must name a slot the value table has.
Status checkRegions(const npu::Program &program,
                    std::span<const hal::ValueInfo> values,
                    const npu::NpuProfile &profile) {
  for (size_t r = 0; r < program.regions.size(); ++r) {
    const npu::Region &region = program.regions[r];
    if (region.kind == RegionKind::kScratch &&
        region.scratchBytes > profile.dram.bytes)
      return resourceExhausted("region ", r, " asks for ", region.scratchBytes,
                               " bytes of scratch but ", profile.name, " has ",
                               profile.dram.bytes, " bytes of DRAM");
    if (region.kind != RegionKind::kInput && region.kind != RegionKind::kOutput)
      continue;
    hal::ValueKind kind = region.kind == RegionKind::kInput
                              ? hal::ValueKind::kInput
                              : hal::ValueKind::kOutput;
    bool found = std::any_of(
        values.begin(), values.end(), [&](const hal::ValueInfo &value) {
          return value.kind == kind && value.index == region.slot;
        });
    if (!found)
      return dataLoss("region ", r, " (", npu::regionDescription(region),
                      ") names a slot no value of the artifact has");
  }
  return okStatus();
}

// One region's binding for a run. Scratch memory is allocated here and
// kept alive by `scratch`.
Result<npu::DramRegion> bindRegion(const npu::Region &region, size_t index,
                                   const hal::Bindings &bindings,
                                   std::vector<ScratchMemory> &scratch) {
  npu::DramRegion bound;
  bound.writable = npu::regionWritable(region.kind);
  const hal::Buffer *buffer = nullptr;
  switch (region.kind) {
  case RegionKind::kConstants:
    buffer = bindings.constants;
    break;
  case RegionKind::kArena:
    buffer = bindings.arena;
    break;
  case RegionKind::kInput:
    if (region.slot < bindings.inputs.size())
      buffer = bindings.inputs[region.slot];
    break;
  case RegionKind::kOutput:
    if (region.slot < bindings.outputs.size())
      buffer = bindings.outputs[region.slot];
    break;
  case RegionKind::kScratch: {
    scratch.emplace_back(
        static_cast<uint8_t *>(std::calloc(region.scratchBytes, 1)));
    if (!scratch.back())
      return resourceExhausted("cannot allocate ", region.scratchBytes,
                               " bytes of scratch for region ", index);
    bound.data = scratch.back().get();
    bound.size = region.scratchBytes;
    bound.description = strCat(npu::regionDescription(region));
    return bound;
  }
  }
  if (!buffer) {
    // Constants and arena may be absent when the model has none; any
    // access to them then faults as a bad address.
    if (region.kind == RegionKind::kInput || region.kind == RegionKind::kOutput)
      return failedPrecondition("region ", index, " (",
                                npu::regionDescription(region),
                                ") has no buffer bound");
    bound.description = strCat(npu::regionDescription(region), ", 0 bytes");
    return bound;
  }
  // Read-only regions are never written: the simulator checks `writable`
  // before every store.
  bound.data = static_cast<uint8_t *>(const_cast<void *>(buffer->map()));
  bound.size = buffer->size();
  bound.description =
      strCat(npu::regionDescription(region), ", ", bound.size, " bytes");
  return bound;
}

} // namespace

std::string_view NpuSimExecutable::format() const {
  return npu::kProgramFormat;
}

Result<std::shared_ptr<NpuSimExecutable>> NpuSimExecutable::load(
    const hal::ExecutableSpec &spec,
    std::span<const std::shared_ptr<const npu::NpuProfile>> profiles) {
  std::string context = strCat("segment '", spec.name, "'");
  if (spec.format != npu::kProgramFormat)
    return invalidArgument("npu-sim cannot load format '", spec.format,
                           "' (it loads '", npu::kProgramFormat, "')")
        .withContext(context);
  if (spec.formatVersion > npu::kProgramFormatVersion)
    return failedPrecondition("npu-program format version ", spec.formatVersion,
                              " is newer than ", npu::kProgramFormatVersion)
        .withContext(context);
  Result<npu::Program> program = npu::readProgramPayload(spec.payload);
  if (!program.ok())
    return program.status().withContext(context);

  auto executable = std::make_shared<NpuSimExecutable>();
  executable->name_ = std::string(spec.name);
  executable->program_ = std::move(program).value();
  for (const auto &profile : profiles)
    if (profile->name == executable->program_.profile)
      executable->profile_ = profile;
  if (!executable->profile_)
    return failedPrecondition("the program targets profile '",
                              executable->program_.profile,
                              "', which npu-sim does not simulate (it has ",
                              profileNames(profiles), ")")
        .withContext(context);
  Status status =
      npu::checkProgram(executable->program_, *executable->profile_);
  if (status.ok())
    status =
        checkRegions(executable->program_, spec.values, *executable->profile_);
  if (!status.ok())
    return status.withContext(context);
  return executable;
}

Status NpuSimExecutable::execute(const hal::Bindings &bindings,
                                 hal::ExecutionProfile *profile) const {
  std::string context = strCat("segment '", name_, "'");
  std::vector<npu::DramRegion> regions;
  std::vector<ScratchMemory> scratch;
  for (size_t r = 0; r < program_.regions.size(); ++r) {
    Result<npu::DramRegion> bound =
        bindRegion(program_.regions[r], r, bindings, scratch);
    if (!bound.ok())
      return bound.status().withContext(context);
    regions.push_back(std::move(bound).value());
  }
  npu::SimOptions options;
  options.recordInstructions = profile != nullptr;
  Result<npu::RunStats> stats =
      npu::simulate(program_, *profile_, regions, options);
  if (!stats.ok())
    return stats.status().withContext(context);
  if (profile)
    npu::fillExecutionProfile(*stats, program_, *profile_, *profile);
  return okStatus();
}

} // namespace nuri::npu_sim
