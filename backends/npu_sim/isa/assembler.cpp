#include "npu_sim/isa/assembler.h"

#include "npu_sim/isa/asm_instructions.h"
#include "npu_sim/isa/asm_operands.h"

#include <cctype>
#include <optional>

namespace nuri::npu {
namespace {

using detail::Piece;
using detail::SourcePosition;
using detail::stripComment;

class ProgramAssembler {
public:
  explicit ProgramAssembler(std::string_view source) { pos_.source = source; }

  Result<Program> run(std::string_view text) {
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos)
        end = text.size();
      Piece line =
          detail::trim({stripComment(text.substr(start, end - start)), 1});
      if (!line.text.empty())
        NURI_RETURN_IF_ERROR(line.text[0] == '.' ? directive(line)
                                                 : instruction(line));
      start = end + 1;
      ++pos_.line;
    }
    if (program_.profile.empty())
      return invalidArgument(pos_.source,
                             ": missing '.profile <name>' directive");
    return std::move(program_);
  }

private:
  Status directive(Piece line) {
    size_t split = line.text.find_first_of(" \t");
    std::string_view name = line.text.substr(0, split);
    Piece args = detail::trim(
        {split == std::string_view::npos ? std::string_view()
                                         : line.text.substr(split),
         line.column +
             (split == std::string_view::npos ? line.text.size() : split)});
    std::vector<Piece> words = splitWords(args);
    auto need = [&](size_t count) -> Status {
      if (words.size() != count)
        return pos_.error(line.column, name, " takes ", count,
                          " argument(s), got ", words.size());
      return okStatus();
    };
    if (name == ".profile") {
      NURI_RETURN_IF_ERROR(need(1));
      program_.profile = std::string(words[0].text);
      return okStatus();
    }
    if (name == ".isa")
      return isaVersion(line, words);
    if (name == ".sram") {
      NURI_RETURN_IF_ERROR(need(1));
      NURI_ASSIGN_OR_RETURN(
          int64_t bytes, detail::parseIntegerIn(words[0], 0, int64_t{1} << 40,
                                                "SRAM bytes", pos_));
      program_.sramBytes = static_cast<uint64_t>(bytes);
      return okStatus();
    }
    if (name == ".region")
      return region(line, words);
    if (name == ".core") {
      NURI_RETURN_IF_ERROR(need(1));
      NURI_ASSIGN_OR_RETURN(
          int64_t core, detail::parseIntegerIn(words[0], 0, 255, "core", pos_));
      if (program_.cores.size() <= static_cast<size_t>(core))
        program_.cores.resize(static_cast<size_t>(core) + 1);
      core_ = static_cast<size_t>(core);
      stream_ = nullptr;
      return okStatus();
    }
    if (name == ".engine") {
      NURI_RETURN_IF_ERROR(need(1));
      if (!core_)
        return pos_.error(line.column, ".engine before any .core");
      std::optional<EngineId> engine = parseEngineName(words[0].text);
      if (!engine)
        return pos_.error(words[0].column, "unknown engine '", words[0].text,
                          "' (dma0..dma9, mxu, vpu)");
      CoreProgram &core = program_.cores[*core_];
      stream_ = nullptr;
      for (Stream &stream : core.streams)
        if (stream.engine == *engine)
          stream_ = &stream;
      if (!stream_) {
        core.streams.push_back({*engine, {}});
        stream_ = &core.streams.back();
      }
      return okStatus();
    }
    return pos_.error(line.column, "unknown directive '", name, "'");
  }

  Status isaVersion(Piece line, const std::vector<Piece> &words) {
    if (words.size() != 1)
      return pos_.error(line.column, ".isa takes <major>.<minor>");
    std::string_view text = words[0].text;
    size_t dot = text.find('.');
    if (dot == std::string_view::npos)
      return pos_.error(words[0].column, ".isa takes <major>.<minor>");
    NURI_ASSIGN_OR_RETURN(
        int64_t major,
        detail::parseIntegerIn({text.substr(0, dot), words[0].column}, 0,
                               UINT16_MAX, "major", pos_));
    NURI_ASSIGN_OR_RETURN(int64_t minor,
                          detail::parseIntegerIn(
                              {text.substr(dot + 1), words[0].column + dot + 1},
                              0, UINT16_MAX, "minor", pos_));
    program_.isaMajor = static_cast<uint16_t>(major);
    program_.isaMinor = static_cast<uint16_t>(minor);
    return okStatus();
  }

  Status region(Piece line, const std::vector<Piece> &words) {
    if (words.size() < 2 || words.size() > 3)
      return pos_.error(line.column,
                        ".region takes <id> <kind> [<slot or bytes>]");
    NURI_ASSIGN_OR_RETURN(
        int64_t id, detail::parseIntegerIn(words[0], 0, 255, "region", pos_));
    if (static_cast<size_t>(id) != program_.regions.size())
      return pos_.error(words[0].column, "region ", id,
                        " declared out of order; next is ",
                        program_.regions.size());
    std::optional<RegionKind> kind = parseRegionKind(words[1].text);
    if (!kind)
      return pos_.error(words[1].column, "unknown region kind '", words[1].text,
                        "' (constants, arena, input, output, scratch)");
    Region region;
    region.kind = *kind;
    bool needsArgument = *kind == RegionKind::kInput ||
                         *kind == RegionKind::kOutput ||
                         *kind == RegionKind::kScratch;
    if (needsArgument != (words.size() == 3))
      return pos_.error(line.column, "region kind ", words[1].text,
                        needsArgument ? " needs a slot or byte count"
                                      : " takes no argument");
    if (*kind == RegionKind::kScratch) {
      NURI_ASSIGN_OR_RETURN(
          int64_t bytes, detail::parseIntegerIn(words[2], 1, int64_t{1} << 48,
                                                "scratch bytes", pos_));
      region.scratchBytes = static_cast<uint64_t>(bytes);
    } else if (needsArgument) {
      NURI_ASSIGN_OR_RETURN(
          int64_t slot,
          detail::parseIntegerIn(words[2], 0, UINT32_MAX, "slot", pos_));
      region.slot = static_cast<uint32_t>(slot);
    }
    program_.regions.push_back(region);
    return okStatus();
  }

  Status instruction(Piece line) {
    if (!stream_)
      return pos_.error(line.column, "instruction outside an .engine section");
    NURI_ASSIGN_OR_RETURN(Instruction inst,
                          detail::buildInstruction(line, pos_));
    if (!runsOn(inst.opcode, stream_->engine.kind))
      return pos_.error(line.column, opcodeInfo(inst.opcode).mnemonic,
                        " cannot run on engine ", stream_->engine.name());
    stream_->instructions.push_back(std::move(inst));
    return okStatus();
  }

  static std::vector<Piece> splitWords(Piece text) {
    std::vector<Piece> words;
    size_t i = 0;
    while (i < text.text.size()) {
      while (i < text.text.size() &&
             std::isspace(static_cast<unsigned char>(text.text[i])))
        ++i;
      size_t start = i;
      while (i < text.text.size() &&
             !std::isspace(static_cast<unsigned char>(text.text[i])))
        ++i;
      if (i > start)
        words.push_back(
            {text.text.substr(start, i - start), text.column + start});
    }
    return words;
  }

  SourcePosition pos_;
  Program program_;
  std::optional<size_t> core_;
  Stream *stream_ = nullptr;
};

} // namespace

Result<Program> assemble(std::string_view text, std::string_view sourceName) {
  return ProgramAssembler(sourceName).run(text);
}

Result<Instruction> assembleInstruction(std::string_view text) {
  SourcePosition pos{"<asm>", 1};
  Piece line = detail::trim({stripComment(text), 1});
  if (line.text.empty())
    return pos.error(1, "no instruction");
  return detail::buildInstruction(line, pos);
}

} // namespace nuri::npu
