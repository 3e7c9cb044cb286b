#include "npu_artifact.h"

#include "artifact_generated.h"

namespace nuri::npu::testing {

std::vector<hal::ValueInfo> valueInfos(const std::vector<NpuValue> &values) {
  std::vector<hal::ValueInfo> infos;
  for (const NpuValue &value : values) {
    hal::ValueInfo info;
    info.name = value.name;
    info.dtype = value.dtype;
    info.shape = value.shape;
    info.kind = value.kind;
    info.index = value.index;
    info.offset = value.offset;
    info.size = static_cast<uint64_t>(numElements(value.shape)) *
                dtypeSize(value.dtype);
    infos.push_back(info);
  }
  return infos;
}

std::vector<uint8_t> buildNpuArtifact(const NpuArtifactSpec &spec) {
  namespace fb = nuri::fb;
  flatbuffers::FlatBufferBuilder b;
  auto type = [&](const NpuValue &value) {
    return fb::CreateTensorTypeDirect(b, static_cast<fb::DType>(value.dtype),
                                      &value.shape);
  };
  std::vector<flatbuffers::Offset<fb::Value>> values;
  for (const hal::ValueInfo &info : valueInfos(spec.values)) {
    const NpuValue &value = spec.values[values.size()];
    values.push_back(
        fb::CreateValueDirect(b, info.name.c_str(), type(value),
                              static_cast<fb::ValueKind>(info.kind), info.index,
                              info.offset, info.size));
  }
  auto signature = [&](const std::vector<uint32_t> &indices) {
    std::vector<flatbuffers::Offset<fb::SignatureEntry>> entries;
    for (uint32_t index : indices)
      entries.push_back(fb::CreateSignatureEntryDirect(
          b, spec.values[index].name.c_str(), type(spec.values[index]), index));
    return entries;
  };
  auto inputs = signature(spec.inputs);
  auto outputs = signature(spec.outputs);
  b.ForceVectorAlignment(spec.payload.size(), 1, 16);
  auto payload = b.CreateVector(spec.payload);
  std::vector<flatbuffers::Offset<fb::Segment>> segments = {
      fb::CreateSegment(b, b.CreateString("main"), b.CreateString(spec.target),
                        b.CreateString("npu-program"), 1, payload)};
  b.ForceVectorAlignment(spec.constants.size(), 1, 64);
  auto constants = b.CreateVector(spec.constants);
  fb::SchemaVersion version(1, 0);
  auto memoryPlan = fb::CreateMemoryPlan(b, spec.arenaSize, 64);
  auto artifact = fb::CreateArtifact(
      b, &version, b.CreateString("npu-test"), b.CreateString(spec.target),
      b.CreateString("npu-test-model"), b.CreateVector(inputs),
      b.CreateVector(outputs), b.CreateVector(values), memoryPlan,
      b.CreateVector(segments), constants);
  fb::FinishArtifactBuffer(b, artifact);
  return std::vector<uint8_t>(b.GetBufferPointer(),
                              b.GetBufferPointer() + b.GetSize());
}

} // namespace nuri::npu::testing
