#include "artifact/model_checks.h"

#include "artifact_generated.h"

#include <cstdint>
#include <limits>
#include <set>

namespace nuri::detail {
namespace {

using hal::ValueInfo;
using hal::ValueKind;

std::string str(const flatbuffers::String *s) {
  return s ? s->str() : std::string();
}

std::string describeValue(size_t index, const std::string &name) {
  if (name.empty())
    return strCat("value #", index);
  return strCat("value #", index, " ('", name, "')");
}

// True when [offset, offset + size) lies inside [0, limit), without
// overflowing on hostile offsets.
bool rangeInside(uint64_t offset, uint64_t size, uint64_t limit) {
  return offset <= limit && size <= limit - offset;
}

// dtype and shape of a TensorType; `what` names the owner in errors.
Status convertType(const fb::TensorType *type, const std::string &what,
                   DType &dtype, Shape &shape) {
  if (!type)
    return dataLoss(what, " has no type");
  auto raw = static_cast<uint32_t>(type->dtype());
  if (!isKnownDType(raw))
    return dataLoss(what, " has unknown dtype ", raw);
  dtype = static_cast<DType>(raw);
  shape.clear();
  if (type->shape()) {
    for (int64_t dim : *type->shape()) {
      if (dim < 0)
        return dataLoss(what, " has a negative dimension ", dim,
                        " in its shape");
      shape.push_back(dim);
    }
  }
  return okStatus();
}

// Dense byte size of dtype x shape, or an error when it overflows 64 bits.
Result<uint64_t> denseByteSize(DType dtype, const Shape &shape,
                               const std::string &what) {
  uint64_t bytes = dtypeSize(dtype);
  for (int64_t dim : shape) {
    auto d = static_cast<uint64_t>(dim);
    if (d != 0 && bytes > std::numeric_limits<uint64_t>::max() / d)
      return dataLoss(what, " of shape ", shapeToString(shape),
                      " is too large to address");
    bytes *= d;
  }
  return bytes;
}

Status convertValues(const fb::Artifact &artifact, LoadedModel &model) {
  uint64_t numInputs = artifact.inputs() ? artifact.inputs()->size() : 0;
  uint64_t numOutputs = artifact.outputs() ? artifact.outputs()->size() : 0;
  if (!artifact.values())
    return okStatus();
  model.values.reserve(artifact.values()->size());
  for (const fb::Value *v : *artifact.values()) {
    size_t i = model.values.size();
    ValueInfo info;
    info.name = str(v->name());
    std::string what = describeValue(i, info.name);
    NURI_RETURN_IF_ERROR(convertType(v->type(), what, info.dtype, info.shape));
    if (dtypeSize(info.dtype) == 0)
      return dataLoss(what, " has dtype ", dtypeName(info.dtype),
                      ", which the runtime cannot store densely");
    NURI_ASSIGN_OR_RETURN(uint64_t bytes,
                          denseByteSize(info.dtype, info.shape, what));
    info.size = v->size();
    if (info.size != bytes)
      return dataLoss(what, " has size ", info.size, " but ",
                      dtypeName(info.dtype), " ", shapeToString(info.shape),
                      " needs ", bytes, " bytes");
    auto rawKind = static_cast<uint32_t>(v->kind());
    if (rawKind > static_cast<uint32_t>(ValueKind::kArena))
      return dataLoss(what, " has unknown kind ", rawKind);
    info.kind = static_cast<ValueKind>(rawKind);
    info.index = v->index();
    info.offset = v->offset();
    switch (info.kind) {
    case ValueKind::kInput:
      if (info.index >= numInputs)
        return dataLoss(what, " is input slot ", info.index,
                        " but the model has ", numInputs, " inputs");
      break;
    case ValueKind::kOutput:
      if (info.index >= numOutputs)
        return dataLoss(what, " is output slot ", info.index,
                        " but the model has ", numOutputs, " outputs");
      break;
    case ValueKind::kConstant:
      if (!rangeInside(info.offset, info.size, model.constants.size()))
        return dataLoss(what, " is constant bytes [", info.offset, ", +",
                        info.size, ") but constant_data has ",
                        model.constants.size(), " bytes");
      break;
    case ValueKind::kArena:
      if (!rangeInside(info.offset, info.size, model.arenaSize))
        return dataLoss(what, " is arena bytes [", info.offset, ", +",
                        info.size, ") but the memory plan's arena has ",
                        model.arenaSize, " bytes");
      break;
    }
    model.values.push_back(std::move(info));
  }
  return okStatus();
}

// Converts inputs() or outputs(); `kind` is what their values must be.
Status convertSignature(
    const flatbuffers::Vector<flatbuffers::Offset<fb::SignatureEntry>> *entries,
    ValueKind kind, LoadedModel &model, std::vector<TensorInfo> &infos,
    std::vector<uint32_t> &valueIndices) {
  if (!entries)
    return okStatus();
  std::set<std::string> names;
  for (const fb::SignatureEntry *entry : *entries) {
    size_t slot = infos.size();
    TensorInfo info;
    info.name = str(entry->name());
    if (info.name.empty())
      return dataLoss(hal::valueKindName(kind), " #", slot, " has no name");
    std::string what = strCat(hal::valueKindName(kind), " '", info.name, "'");
    if (!names.insert(info.name).second)
      return dataLoss("the model has two ", hal::valueKindName(kind),
                      "s named '", info.name, "'");
    uint32_t valueIndex = entry->value();
    if (valueIndex >= model.values.size())
      return dataLoss(what, " refers to value #", valueIndex,
                      " but the artifact has ", model.values.size(), " values");
    const ValueInfo &value = model.values[valueIndex];
    std::string valueWhat = describeValue(valueIndex, value.name);
    if (value.kind != kind)
      return dataLoss(what, " refers to ", valueWhat, ", whose kind is ",
                      hal::valueKindName(value.kind), ", not ",
                      hal::valueKindName(kind));
    if (value.index != slot)
      return dataLoss(what, " is slot ", slot, " but ", valueWhat,
                      " says slot ", value.index);
    if (entry->type()) {
      NURI_RETURN_IF_ERROR(
          convertType(entry->type(), what, info.dtype, info.shape));
      if (info.dtype != value.dtype || info.shape != value.shape)
        return dataLoss(what, " is ", dtypeName(info.dtype), " ",
                        shapeToString(info.shape), " but ", valueWhat, " is ",
                        dtypeName(value.dtype), " ",
                        shapeToString(value.shape));
    } else {
      info.dtype = value.dtype;
      info.shape = value.shape;
    }
    infos.push_back(std::move(info));
    valueIndices.push_back(valueIndex);
  }
  return okStatus();
}

// Every Input/Output value must be the one its slot's signature entry names,
// otherwise a driver would bind a buffer of another size to it.
Status checkSlotsUnique(const LoadedModel &model) {
  for (size_t i = 0; i < model.values.size(); ++i) {
    const ValueInfo &value = model.values[i];
    const std::vector<uint32_t> *slots = nullptr;
    if (value.kind == ValueKind::kInput)
      slots = &model.inputValues;
    else if (value.kind == ValueKind::kOutput)
      slots = &model.outputValues;
    if (slots && (*slots)[value.index] != i)
      return dataLoss(describeValue(i, value.name), " claims ",
                      hal::valueKindName(value.kind), " slot ", value.index,
                      ", which the signature gives to value #",
                      (*slots)[value.index]);
  }
  return okStatus();
}

Status convertSegments(const fb::Artifact &artifact, LoadedModel &model) {
  if (!artifact.segments())
    return okStatus();
  for (const fb::Segment *segment : *artifact.segments()) {
    LoadedSegment loaded;
    loaded.name = str(segment->name());
    if (loaded.name.empty())
      loaded.name = strCat("#", model.segments.size());
    loaded.target = str(segment->target());
    loaded.format = str(segment->format());
    if (loaded.format.empty())
      return dataLoss("segment '", loaded.name, "' has no format");
    loaded.formatVersion = segment->format_version();
    if (segment->payload())
      loaded.payload = {segment->payload()->data(), segment->payload()->size()};
    model.segments.push_back(std::move(loaded));
  }
  return okStatus();
}

Status convertMemoryPlan(const fb::Artifact &artifact, LoadedModel &model) {
  const fb::MemoryPlan *plan = artifact.memory_plan();
  if (!plan)
    return okStatus();
  model.arenaSize = plan->arena_size();
  uint32_t alignment = plan->alignment();
  if (alignment == 0)
    alignment = 64;
  if ((alignment & (alignment - 1)) != 0)
    return dataLoss("memory plan alignment ", alignment,
                    " is not a power of two");
  model.arenaAlignment = alignment;
  return okStatus();
}

Status convertConstants(const fb::Artifact &artifact, LoadedModel &model) {
  const flatbuffers::Vector<uint8_t> *data = artifact.constant_data();
  if (!data || data->size() == 0)
    return okStatus();
  model.constants = {data->data(), data->size()};
  // Kernels and zero-copy imports rely on this; a writer that ignored
  // alignment, or bytes copied to an odd address, break it.
  if (reinterpret_cast<uintptr_t>(data->data()) % 64 != 0)
    return dataLoss("constant_data is not 64-byte aligned in memory (address "
                    "mod 64 is ",
                    reinterpret_cast<uintptr_t>(data->data()) % 64,
                    "); the writer must align it (see artifact.fbs)");
  return okStatus();
}

} // namespace

Status checkAndConvertContents(const fb::Artifact &artifact,
                               LoadedModel &model) {
  NURI_RETURN_IF_ERROR(convertMemoryPlan(artifact, model));
  NURI_RETURN_IF_ERROR(convertConstants(artifact, model));
  NURI_RETURN_IF_ERROR(convertValues(artifact, model));
  NURI_RETURN_IF_ERROR(convertSignature(artifact.inputs(), ValueKind::kInput,
                                        model, model.inputs,
                                        model.inputValues));
  NURI_RETURN_IF_ERROR(convertSignature(artifact.outputs(), ValueKind::kOutput,
                                        model, model.outputs,
                                        model.outputValues));
  NURI_RETURN_IF_ERROR(checkSlotsUnique(model));
  return convertSegments(artifact, model);
}

} // namespace nuri::detail
