#include "npu_sim/isa/program.h"

#include "nuri/status.h"

namespace nuri::npu {

std::string_view regionKindName(RegionKind kind) {
  switch (kind) {
  case RegionKind::kConstants:
    return "constants";
  case RegionKind::kArena:
    return "arena";
  case RegionKind::kInput:
    return "input";
  case RegionKind::kOutput:
    return "output";
  case RegionKind::kScratch:
    return "scratch";
  }
  return "?";
}

std::optional<RegionKind> parseRegionKind(std::string_view name) {
  for (RegionKind kind :
       {RegionKind::kConstants, RegionKind::kArena, RegionKind::kInput,
        RegionKind::kOutput, RegionKind::kScratch})
    if (regionKindName(kind) == name)
      return kind;
  return std::nullopt;
}

std::string regionDescription(const Region &region) {
  switch (region.kind) {
  case RegionKind::kInput:
  case RegionKind::kOutput:
    return strCat(regionKindName(region.kind), " ", region.slot);
  case RegionKind::kScratch:
    return strCat("scratch ", region.scratchBytes);
  default:
    return std::string(regionKindName(region.kind));
  }
}

bool regionWritable(RegionKind kind) {
  return kind == RegionKind::kArena || kind == RegionKind::kOutput ||
         kind == RegionKind::kScratch;
}

std::string EngineId::name() const {
  switch (kind) {
  case EngineKind::kDma:
    return strCat("dma", int(index));
  case EngineKind::kMatrix:
    return "mxu";
  case EngineKind::kVector:
    return "vpu";
  }
  return "?";
}

std::optional<EngineId> parseEngineName(std::string_view name) {
  if (name == "mxu")
    return EngineId{EngineKind::kMatrix, 0};
  if (name == "vpu")
    return EngineId{EngineKind::kVector, 0};
  if (name.size() == 4 && name.substr(0, 3) == "dma" && name[3] >= '0' &&
      name[3] <= '9')
    return EngineId{EngineKind::kDma, static_cast<uint8_t>(name[3] - '0')};
  return std::nullopt;
}

const Stream *CoreProgram::find(EngineId engine) const {
  for (const Stream &stream : streams)
    if (stream.engine == engine)
      return &stream;
  return nullptr;
}

} // namespace nuri::npu
