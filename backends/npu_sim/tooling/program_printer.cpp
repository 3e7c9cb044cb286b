#include "npu_sim/tooling/program_printer.h"

#include "npu_sim/isa/disassembler.h"
#include "npu_sim/profile/profile_loader.h"
#include "npu_sim/schema/program_payload.h"
#include "npu_sim/sim/operand_ranges.h"

#include <algorithm>
#include <map>
#include <optional>

namespace nuri::npu {
namespace {

// The smallest range covering every range added.
struct Span {
  std::optional<ByteRange> range;
  void add(const ByteRange &r) {
    if (r.hi <= r.lo)
      return;
    range =
        range ? ByteRange{std::min(range->lo, r.lo), std::max(range->hi, r.hi)}
              : r;
  }
  std::string text() const {
    return range ? strCat("[", hexString(range->lo), ", ", hexString(range->hi),
                          ")")
                 : std::string("nothing");
  }
};

// What the program touches: SRAM per core and each DRAM region.
struct Footprint {
  std::vector<Span> sram;      // per core
  std::map<int, Span> regions; // by region index
};

Footprint footprintOf(const Program &program) {
  Footprint footprint;
  footprint.sram.resize(program.cores.size());
  std::vector<Access> reads, writes;
  for (size_t c = 0; c < program.cores.size(); ++c)
    for (const Stream &stream : program.cores[c].streams)
      for (const Instruction &instruction : stream.instructions) {
        reads.clear();
        writes.clear();
        instructionAccesses(instruction, reads, writes);
        for (const auto *list : {&reads, &writes})
          for (const Access &access : *list) {
            if (access.space == kSramSpace)
              footprint.sram[c].add(access.range);
            else
              footprint.regions[access.space].add(access.range);
          }
      }
  return footprint;
}

// The chip the program names, when this build knows it.
std::optional<NpuProfile> knownProfile(const std::string &name) {
  Result<std::vector<NpuProfile>> profiles = loadAvailableProfiles();
  if (!profiles.ok())
    profiles = builtinProfiles();
  if (profiles.ok())
    if (const NpuProfile *profile = findProfile(*profiles, name))
      return *profile;
  return std::nullopt;
}

// What region `region` is bound to, from the value table.
std::string bindingText(const Region &region,
                        std::span<const hal::ValueInfo> values) {
  switch (region.kind) {
  case RegionKind::kConstants:
    return "the artifact's constant data (read-only)";
  case RegionKind::kArena:
    return "the session arena";
  case RegionKind::kScratch:
    return "zeroed per-run memory";
  case RegionKind::kInput:
  case RegionKind::kOutput: {
    hal::ValueKind kind = region.kind == RegionKind::kInput
                              ? hal::ValueKind::kInput
                              : hal::ValueKind::kOutput;
    for (size_t v = 0; v < values.size(); ++v)
      if (values[v].kind == kind && values[v].index == region.slot)
        return strCat("value %", v, " ", values[v].name, ": ",
                      dtypeName(values[v].dtype), " ",
                      shapeToString(values[v].shape), ", ", values[v].size,
                      " bytes");
    return "no value of the artifact (the driver rejects this)";
  }
  }
  return "?";
}

void printHeader(const Program &program, std::ostream &out) {
  out << "  isa " << program.isaMajor << "." << program.isaMinor << ", profile "
      << program.profile << ", " << program.cores.size()
      << (program.cores.size() == 1 ? " core" : " cores") << "\n";
  std::optional<NpuProfile> profile = knownProfile(program.profile);
  out << "  sram: " << program.sramBytes << " bytes per core declared";
  if (profile) {
    double percent = profile->sram.bytes
                         ? 100.0 * static_cast<double>(program.sramBytes) /
                               static_cast<double>(profile->sram.bytes)
                         : 0.0;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", percent);
    out << " (" << text << " of " << program.profile << "'s "
        << profile->sram.bytes << ")";
  } else {
    out << " (profile '" << program.profile << "' is unknown to this build)";
  }
  out << "\n";
}

void printRegions(const Program &program, const Footprint &footprint,
                  std::span<const hal::ValueInfo> values, std::ostream &out) {
  out << "  regions:" << (program.regions.empty() ? " none" : "") << "\n";
  for (size_t r = 0; r < program.regions.size(); ++r) {
    const Region &region = program.regions[r];
    auto touched = footprint.regions.find(static_cast<int>(r));
    out << "    %" << r << " " << regionDescription(region) << ": "
        << bindingText(region, values) << "; touches "
        << (touched == footprint.regions.end() ? std::string("nothing")
                                               : touched->second.text())
        << "\n";
  }
  for (const auto &[index, span] : footprint.regions)
    if (index < 0 || static_cast<size_t>(index) >= program.regions.size())
      out << "    %" << index << " (not declared): touches " << span.text()
          << "\n";
}

void printStreams(const Program &program, const Footprint &footprint,
                  std::ostream &out) {
  for (size_t c = 0; c < program.cores.size(); ++c) {
    const CoreProgram &core = program.cores[c];
    out << "  core " << c << ": sram touched " << footprint.sram[c].text()
        << "\n";
    for (const Stream &stream : core.streams) {
      size_t words =
          wordOffset(stream.instructions, stream.instructions.size());
      out << "    " << stream.engine.name() << ": "
          << stream.instructions.size()
          << (stream.instructions.size() == 1 ? " instruction, "
                                              : " instructions, ")
          << words << (words == 1 ? " word" : " words") << "\n";
      size_t word = 0;
      for (size_t i = 0; i < stream.instructions.size(); ++i) {
        const Instruction &instruction = stream.instructions[i];
        std::string where = strCat("#", i);
        where.resize(std::max<size_t>(where.size(), 5), ' ');
        std::string at = strCat("w", word);
        at.resize(std::max<size_t>(at.size(), 5), ' ');
        out << "      " << where << " " << at << " " << disassemble(instruction)
            << "\n";
        word += opcodeInfo(instruction.opcode).words;
      }
    }
  }
}

} // namespace

Status printProgram(const tools::SegmentInfo &segment, std::ostream &out) {
  if (segment.formatVersion > kProgramFormatVersion)
    return failedPrecondition(
        "npu-program format version ", segment.formatVersion, " is newer than ",
        kProgramFormatVersion, ", the newest this build reads");
  NURI_ASSIGN_OR_RETURN(Program program, readProgramPayload(segment.payload));
  Footprint footprint = footprintOf(program);
  printHeader(program, out);
  printRegions(program, footprint, segment.values, out);
  printStreams(program, footprint, out);
  return okStatus();
}

} // namespace nuri::npu
