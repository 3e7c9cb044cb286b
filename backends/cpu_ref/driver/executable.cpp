#include "cpu_ref/driver/executable.h"

#include "cpu_ref/driver/attribute_convert.h"
#include "cpu_ref/schema/program_payload.h"

#include <algorithm>

namespace nuri::cpu_ref {
namespace {

// Checks one input/output list and converts it.
Status convertIndices(const flatbuffers::Vector<int32_t> *indices,
                      bool isOutput, std::span<const hal::ValueInfo> values,
                      std::vector<int32_t> &out) {
  if (!indices)
    return okStatus();
  const char *what = isOutput ? "output" : "input";
  for (size_t i = 0; i < indices->size(); ++i) {
    int32_t index = indices->Get(i);
    if (index < -1 ||
        (index >= 0 && static_cast<size_t>(index) >= values.size()))
      return dataLoss(what, " ", i, " refers to value #", index,
                      " but the artifact has ", values.size(), " values");
    if (isOutput && index >= 0) {
      hal::ValueKind kind = values[index].kind;
      if (kind == hal::ValueKind::kInput || kind == hal::ValueKind::kConstant)
        return dataLoss(
            "output ", i, " writes value '", values[index].name,
            "', which is read-only (",
            kind == hal::ValueKind::kInput ? "an input" : "a constant", ")");
    }
    out.push_back(index);
  }
  return okStatus();
}

Result<ProgramNode> convertNode(const fb::Node &node, size_t position,
                                std::span<const hal::ValueInfo> values) {
  ProgramNode result;
  result.name = node.name() && node.name()->size() > 0 ? node.name()->str()
                                                       : strCat("#", position);
  if (!node.op_type() || node.op_type()->size() == 0)
    return dataLoss("node '", result.name, "' has no op type");
  result.opType = node.op_type()->str();
  std::string where = strCat("node '", result.name, "' (", result.opType, ")");
  result.kernel = findKernel(result.opType);
  if (!result.kernel)
    return unimplemented(where, ": cpu-ref has no kernel for op type '",
                         result.opType, "'");
  Status status = convertIndices(node.inputs(), false, values, result.inputs);
  if (status.ok())
    status = convertIndices(node.outputs(), true, values, result.outputs);
  if (!status.ok())
    return status.withContext(where);
  Result<AttributeMap> attrs = convertAttributes(node.attrs());
  if (!attrs.ok())
    return Status(StatusCode::kDataLoss, attrs.status().message())
        .withContext(where);
  result.attrs = std::move(attrs).value();
  return result;
}

} // namespace

std::string_view CpuRefExecutable::format() const { return kProgramFormat; }

Result<std::shared_ptr<CpuRefExecutable>>
CpuRefExecutable::load(const hal::ExecutableSpec &spec) {
  std::string context = strCat("segment '", spec.name, "'");
  if (spec.format != kProgramFormat)
    return unimplemented("cpu-ref cannot load format '", spec.format, "'")
        .withContext(context);
  if (spec.formatVersion > kProgramFormatVersion)
    return unimplemented("cpu-ref-program version ", spec.formatVersion,
                         " is newer than this driver's (",
                         kProgramFormatVersion, ")")
        .withContext(context);
  Result<const fb::Program *> program = readProgramPayload(spec.payload);
  if (!program.ok())
    return program.status().withContext(context);

  auto executable = std::make_shared<CpuRefExecutable>();
  executable->name_ = std::string(spec.name);
  executable->values_.assign(spec.values.begin(), spec.values.end());
  if ((*program)->nodes()) {
    for (const fb::Node *node : *(*program)->nodes()) {
      Result<ProgramNode> converted =
          convertNode(*node, executable->nodes_.size(), spec.values);
      if (!converted.ok())
        return converted.status().withContext(context);
      executable->nodes_.push_back(std::move(converted).value());
    }
  }
  std::vector<bool> used(spec.values.size(), false);
  for (const ProgramNode &node : executable->nodes_) {
    for (const auto *list : {&node.inputs, &node.outputs})
      for (int32_t index : *list)
        if (index >= 0 && !used[index]) {
          used[index] = true;
          executable->usedValues_.push_back(index);
        }
  }
  std::sort(executable->usedValues_.begin(), executable->usedValues_.end());
  return executable;
}

} // namespace nuri::cpu_ref
