#include "json_report.h"

#include "artifact_summary.h"
#include "common/json.h"
#include "disassembly.h"

namespace nuri::objdump {
namespace {

using tools::JsonWriter;

void writeShape(JsonWriter &json, const Shape &shape) {
  json.beginArray(/*compact=*/true);
  for (int64_t dim : shape)
    json.value(dim);
  json.endArray();
}

void writeSignature(JsonWriter &json, const std::vector<TensorInfo> &infos,
                    const std::vector<uint32_t> &values) {
  json.beginArray();
  for (size_t i = 0; i < infos.size(); ++i) {
    json.beginObject()
        .field("name", infos[i].name)
        .field("dtype", dtypeName(infos[i].dtype))
        .key("shape");
    writeShape(json, infos[i].shape);
    json.field("value", values[i]).endObject();
  }
  json.endArray();
}

void writeSummary(JsonWriter &json, const SectionSummary &summary) {
  json.field("values", summary.values).field("value_bytes", summary.valueBytes);
}

void writeValues(JsonWriter &json, const detail::LoadedModel &model) {
  json.key("values").beginArray();
  for (size_t v = 0; v < model.values.size(); ++v) {
    const hal::ValueInfo &value = model.values[v];
    json.beginObject()
        .field("index", v)
        .field("name", value.name)
        .field("kind", hal::valueKindName(value.kind))
        .field("dtype", dtypeName(value.dtype))
        .key("shape");
    writeShape(json, value.shape);
    if (value.kind == hal::ValueKind::kInput ||
        value.kind == hal::ValueKind::kOutput)
      json.field("slot", value.index);
    else
      json.field("offset", value.offset);
    json.field("size", value.size).endObject();
  }
  json.endArray();
}

} // namespace

std::vector<Status> printJson(const detail::LoadedModel &model,
                              const std::vector<size_t> &segments,
                              const Options &options,
                              const tools::ToolingRegistry &registry,
                              std::ostream &out) {
  std::vector<Status> errors;
  JsonWriter json(out);
  json.beginObject()
      .field("file", model.source)
      .field("file_size", model.bytes->bytes().size());
  json.key("schema_version")
      .beginObject(/*compact=*/true)
      .field("major", model.versionMajor)
      .field("minor", model.versionMinor)
      .endObject();
  json.field("producer", model.producer)
      .field("target", model.target)
      .field("model_name", model.name);

  json.key("signature").beginObject().key("inputs");
  writeSignature(json, model.inputs, model.inputValues);
  json.key("outputs");
  writeSignature(json, model.outputs, model.outputValues);
  json.endObject();

  json.key("memory_plan")
      .beginObject()
      .field("arena_size", model.arenaSize)
      .field("alignment", model.arenaAlignment);
  writeSummary(json, summarize(model, hal::ValueKind::kArena));
  json.endObject();
  json.key("constants").beginObject().field("bytes", model.constants.size());
  writeSummary(json, summarize(model, hal::ValueKind::kConstant));
  json.endObject();

  json.key("segments").beginArray();
  for (size_t s : segments) {
    const detail::LoadedSegment &segment = model.segments[s];
    json.beginObject()
        .field("index", s)
        .field("name", segment.name)
        .field("target", segment.target)
        .field("format", segment.format)
        .field("format_version", segment.formatVersion)
        .field("payload_bytes", segment.payload.size());
    if (options.disassemble) {
      Disassembly disassembly = disassemble(model, segment, registry);
      json.field("printer", disassembly.hasPrinter);
      if (!disassembly.hasPrinter)
        json.field("note", noPrinterMessage(segment, registry));
      else
        json.field("disassembly", disassembly.text);
      if (!disassembly.status.ok()) {
        json.field("error", disassembly.status.message());
        errors.push_back(disassembly.status.withContext(
            strCat("segment '", segment.name, "'")));
      }
    }
    json.endObject();
  }
  json.endArray();
  if (options.values)
    writeValues(json, model);
  json.endObject();
  return errors;
}

} // namespace nuri::objdump
