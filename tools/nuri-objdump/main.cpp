// nuri-objdump: shows what a compiled artifact (*.nuri) holds, in the
// manner of llvm-objdump and tt-mlir's `ttrt read`: header, signature,
// memory plan, constants, segments, the value table, and each segment's
// payload disassembled by the printer its backend registered.
//
// Exit status: 0 success; 2 any error (printed as
// "nuri-objdump: error: <message>"): an unreadable or corrupt artifact, an
// unknown --segment, or a payload its printer cannot read.
#include "json_report.h"
#include "objdump_options.h"
#include "text_report.h"

#include "artifact/loader.h"
#include "common/command_line.h"
#include "common/tooling_registry.h"

#include <exception>
#include <iostream>

namespace nuri::objdump {
namespace {

constexpr int kExitError = 2;

void declareOptions(tools::CommandLine &cl, Options &o) {
  // Help lines stay within 50 columns so --help fits 80.
  cl.positional("ARTIFACT", "The compiled model (*.nuri).", &o.artifact);
  cl.flag("values",
          "Also print the value table: each value's index,\n"
          "location (input/output slot, constant or arena\n"
          "offset), name, type and size.",
          &o.values);
  cl.flag("disassemble",
          "Also print each segment's payload through the\n"
          "printer its backend registers for the segment's\n"
          "format (NPU programs: per-engine disassembly;\n"
          "cpu-ref programs: the node list). A format no\n"
          "backend prints is named, with its size only.",
          &o.disassemble);
  cl.shortName('d', "disassemble");
  cl.option("segment", "NAME",
            "Only show segment NAME (in the segment table,\n"
            "the disassembly and the JSON).",
            &o.segment);
  cl.flag("json",
          "Print one JSON object instead of text: file,\n"
          "file_size, schema_version, producer, target,\n"
          "model_name, signature, memory_plan, constants,\n"
          "segments (with disassembly under -d), values\n"
          "(under --values).",
          &o.json);
}

// The indices of the segments to show.
Result<std::vector<size_t>> selectSegments(const detail::LoadedModel &model,
                                           const std::string &name) {
  std::vector<size_t> selected;
  for (size_t s = 0; s < model.segments.size(); ++s)
    if (name.empty() || model.segments[s].name == name)
      selected.push_back(s);
  if (!name.empty() && selected.empty()) {
    std::string names;
    for (const detail::LoadedSegment &segment : model.segments)
      names += strCat(names.empty() ? "" : ", ", "'", segment.name, "'");
    return notFound("--segment: '", model.source, "' has no segment named '",
                    name,
                    "'; its segments are: ", names.empty() ? "(none)" : names);
  }
  return selected;
}

Status runTool(const Options &o) {
  NURI_ASSIGN_OR_RETURN(std::shared_ptr<const detail::LoadedModel> model,
                        detail::loadArtifactFile(o.artifact));
  NURI_ASSIGN_OR_RETURN(std::vector<size_t> segments,
                        selectSegments(*model, o.segment));
  tools::ToolingRegistry registry;
  tools::registerBuiltinTooling(registry);
  std::vector<Status> errors =
      o.json ? printJson(*model, segments, o, registry, std::cout)
             : printText(*model, segments, o, registry, std::cout);
  std::cout.flush();
  if (!std::cout)
    return dataLoss("cannot write the report to standard output");
  if (errors.empty())
    return okStatus();
  // Every damaged segment is reported; main() prints the last.
  for (size_t i = 0; i + 1 < errors.size(); ++i)
    std::cerr << "nuri-objdump: error: " << errors[i].message() << "\n";
  return errors.back();
}

int mainImpl(int argc, char **argv) {
  Options o;
  tools::CommandLine cl(
      "nuri-objdump", "ARTIFACT [options]",
      "Shows what a compiled Nuri model (*.nuri) holds: header (schema\n"
      "version, producer, target, model name), signature, memory plan,\n"
      "constants and segments (name, target, format, payload size).\n"
      "The artifact is verified by the runtime's own loader first.\n"
      "Exit status: 0 success; 2 any error (an unreadable or corrupt\n"
      "artifact, an unknown --segment, a payload its printer cannot\n"
      "read), printed as 'nuri-objdump: error: ...'.");
  declareOptions(cl, o);
  Status status = cl.parse(argc, argv);
  if (status.ok() && cl.helpRequested()) {
    std::cout << cl.helpText();
    return 0;
  }
  if (status.ok())
    status = runTool(o);
  if (!status.ok()) {
    std::cerr << "nuri-objdump: error: " << status.message() << "\n";
    return kExitError;
  }
  return 0;
}

} // namespace
} // namespace nuri::objdump

int main(int argc, char **argv) {
  // Nuri reports errors as Status; this only guards against a library
  // throwing, e.g. std::bad_alloc.
  try {
    return nuri::objdump::mainImpl(argc, argv);
  } catch (const std::exception &e) {
    std::cerr << "nuri-objdump: error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "nuri-objdump: error: unexpected exception\n";
  }
  return 2;
}
