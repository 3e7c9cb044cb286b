// The HAL conformance suite's known-good executable on cpu-ref: one Add
// node reading x twice.
#include "cts_fixture.h"
#include "cpu_ref/schema/program_payload.h"

namespace nuri::hal_cts {
namespace {

// Slot 0 of `kind`, float32 [elements].
hal::ValueInfo floatValue(std::string name, hal::ValueKind kind,
                          int64_t elements) {
  hal::ValueInfo value;
  value.name = std::move(name);
  value.dtype = DType::kFloat32;
  value.shape = {elements};
  value.kind = kind;
  value.size = static_cast<uint64_t>(elements) * sizeof(float);
  return value;
}

} // namespace

Result<KnownGoodExecutable> buildKnownGoodExecutable() {
  constexpr int64_t kElements = 96;
  KnownGoodExecutable good;
  good.format = std::string(cpu_ref::kProgramFormat);
  good.formatVersion = cpu_ref::kProgramFormatVersion;
  good.elements = kElements;
  good.values = {floatValue("x", hal::ValueKind::kInput, kElements),
                 floatValue("y", hal::ValueKind::kOutput, kElements)};

  namespace fb = cpu_ref::fb;
  flatbuffers::FlatBufferBuilder b;
  std::vector<int32_t> inputs = {0, 0}, outputs = {1};
  std::vector<flatbuffers::Offset<fb::Node>> nodes = {
      fb::CreateNodeDirect(b, "Add", "cts_add", &inputs, &outputs)};
  fb::FinishProgramBuffer(b, fb::CreateProgram(b, b.CreateVector(nodes)));
  good.payload.assign(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
  return good;
}

} // namespace nuri::hal_cts
