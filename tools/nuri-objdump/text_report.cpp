#include "text_report.h"

#include "artifact_summary.h"
#include "disassembly.h"

#include <algorithm>

namespace nuri::objdump {
namespace {

// Rows of cells printed with each column padded to its widest cell.
class Table {
public:
  void row(std::vector<std::string> cells) {
    rows_.push_back(std::move(cells));
  }
  void print(std::ostream &out, std::string_view indent = "  ") const {
    std::vector<size_t> widths;
    for (const auto &cells : rows_)
      for (size_t c = 0; c < cells.size(); ++c) {
        widths.resize(std::max(widths.size(), cells.size()), 0);
        widths[c] = std::max(widths[c], cells[c].size());
      }
    for (const auto &cells : rows_) {
      std::string line(indent);
      for (size_t c = 0; c < cells.size(); ++c) {
        line += cells[c];
        if (c + 1 < cells.size())
          line += std::string(widths[c] - cells[c].size() + 2, ' ');
      }
      out << line << "\n";
    }
  }

private:
  std::vector<std::vector<std::string>> rows_;
};

// "1 arena value", "2 arena values".
std::string count(uint64_t n, std::string_view what) {
  return strCat(n, " ", what, n == 1 ? "" : "s");
}

std::string orNone(const std::string &text) {
  return text.empty() ? "(none)" : text;
}

std::string typeText(const TensorInfo &info) {
  return strCat(dtypeName(info.dtype), " ", shapeToString(info.shape));
}

void printHeader(const detail::LoadedModel &model, std::ostream &out) {
  out << model.source << ": Nuri artifact, schema " << model.versionMajor << "."
      << model.versionMinor << "\n\nheader:\n";
  Table table;
  table.row(
      {"schema version", strCat(model.versionMajor, ".", model.versionMinor)});
  table.row({"producer", orNone(model.producer)});
  table.row({"target", orNone(model.target)});
  table.row({"model", orNone(model.name)});
  table.row({"file size", strCat(model.bytes->bytes().size(), " bytes")});
  table.print(out);
}

void printSignature(const detail::LoadedModel &model, std::ostream &out) {
  out << "\nsignature:\n";
  Table table;
  for (size_t i = 0; i < model.inputs.size(); ++i)
    table.row({"input", strCat(i), model.inputs[i].name,
               typeText(model.inputs[i]),
               strCat("value %", model.inputValues[i])});
  for (size_t i = 0; i < model.outputs.size(); ++i)
    table.row({"output", strCat(i), model.outputs[i].name,
               typeText(model.outputs[i]),
               strCat("value %", model.outputValues[i])});
  if (model.inputs.empty() && model.outputs.empty())
    table.row({"(no inputs or outputs)"});
  table.print(out);
}

void printMemory(const detail::LoadedModel &model, std::ostream &out) {
  SectionSummary arena = summarize(model, hal::ValueKind::kArena);
  out << "\nmemory plan:\n  arena " << model.arenaSize << " bytes, alignment "
      << model.arenaAlignment << "; " << count(arena.values, "arena value")
      << ", " << arena.valueBytes << " bytes in all";
  if (arena.valueBytes > model.arenaSize && arena.valueBytes > 0)
    out << " (the plan reuses "
        << (100 * (arena.valueBytes - model.arenaSize) / arena.valueBytes)
        << "%)";
  out << "\n";

  SectionSummary constants = summarize(model, hal::ValueKind::kConstant);
  out << "\nconstants:\n  " << model.constants.size() << " bytes of data, "
      << count(constants.values, "constant value") << ", "
      << constants.valueBytes << " bytes in all";
  if (constants.largest >= 0) {
    const hal::ValueInfo &largest = model.values[constants.largest];
    out << "; largest %" << constants.largest << " " << largest.name << " ("
        << largest.size << " bytes)";
  }
  out << "\n";
}

void printSegments(const detail::LoadedModel &model,
                   const std::vector<size_t> &segments, std::ostream &out) {
  out << "\nsegments:\n";
  Table table;
  table.row({"idx", "name", "target", "format", "version", "payload"});
  for (size_t s : segments) {
    const detail::LoadedSegment &segment = model.segments[s];
    table.row({strCat(s), segment.name, segment.target, segment.format,
               strCat(segment.formatVersion),
               strCat(segment.payload.size(), " bytes")});
  }
  table.print(out);
}

void printValues(const detail::LoadedModel &model, std::ostream &out) {
  out << "\nvalues:\n";
  Table table;
  table.row({"idx", "location", "name", "type", "size"});
  for (size_t v = 0; v < model.values.size(); ++v) {
    const hal::ValueInfo &value = model.values[v];
    table.row({strCat("%", v), valueLocation(value), value.name,
               strCat(dtypeName(value.dtype), " ", shapeToString(value.shape)),
               strCat(value.size, " bytes")});
  }
  table.print(out);
}

} // namespace

std::vector<Status> printText(const detail::LoadedModel &model,
                              const std::vector<size_t> &segments,
                              const Options &options,
                              const tools::ToolingRegistry &registry,
                              std::ostream &out) {
  printHeader(model, out);
  printSignature(model, out);
  printMemory(model, out);
  printSegments(model, segments, out);
  if (options.values)
    printValues(model, out);
  std::vector<Status> errors;
  if (!options.disassemble)
    return errors;
  for (size_t s : segments) {
    const detail::LoadedSegment &segment = model.segments[s];
    out << "\nDisassembly of segment '" << segment.name << "' ("
        << segment.format << " v" << segment.formatVersion << ", target "
        << segment.target << ", " << segment.payload.size() << " bytes):\n";
    Disassembly disassembly = disassemble(model, segment, registry);
    if (!disassembly.hasPrinter) {
      out << "  " << noPrinterMessage(segment, registry) << "; "
          << segment.payload.size() << " payload bytes not shown\n";
      continue;
    }
    out << disassembly.text;
    if (!disassembly.status.ok()) {
      out << "  <error: " << disassembly.status.message() << ">\n";
      errors.push_back(disassembly.status.withContext(
          strCat("segment '", segment.name, "'")));
    }
  }
  return errors;
}

} // namespace nuri::objdump
