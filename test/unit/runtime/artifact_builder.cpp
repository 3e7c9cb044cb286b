#include "artifact_builder.h"

#include "artifact_generated.h"
#include "cpu_ref_program_generated.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace nuri::testing {
namespace {

namespace cfb = nuri::cpu_ref::fb;

flatbuffers::Offset<cfb::Attr> buildAttr(flatbuffers::FlatBufferBuilder &b,
                                         const AttrSpec &attr) {
  auto name = b.CreateString(attr.name);
  if (auto *i = std::get_if<int64_t>(&attr.value))
    return cfb::CreateAttr(b, name, cfb::AttrKind::Int, *i);
  if (auto *f = std::get_if<float>(&attr.value))
    return cfb::CreateAttr(b, name, cfb::AttrKind::Float, 0, *f);
  if (auto *s = std::get_if<std::string>(&attr.value))
    return cfb::CreateAttr(b, name, cfb::AttrKind::String, 0, 0,
                           b.CreateString(*s));
  if (auto *ints = std::get_if<std::vector<int64_t>>(&attr.value))
    return cfb::CreateAttr(b, name, cfb::AttrKind::Ints, 0, 0, 0,
                           b.CreateVector(*ints));
  auto &floats = std::get<std::vector<float>>(attr.value);
  return cfb::CreateAttr(b, name, cfb::AttrKind::Floats, 0, 0, 0, 0,
                         b.CreateVector(floats));
}

fb::DType toFb(DType dtype) { return static_cast<fb::DType>(dtype); }

} // namespace

std::vector<uint8_t> buildProgram(const std::vector<NodeSpec> &nodes) {
  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<cfb::Node>> built;
  for (const NodeSpec &node : nodes) {
    std::vector<flatbuffers::Offset<cfb::Attr>> attrs;
    for (const AttrSpec &attr : node.attrs)
      attrs.push_back(buildAttr(b, attr));
    built.push_back(cfb::CreateNodeDirect(b, node.opType.c_str(),
                                          node.name.c_str(), &node.inputs,
                                          &node.outputs, &attrs));
  }
  auto program = cfb::CreateProgramDirect(b, &built);
  cfb::FinishProgramBuffer(b, program);
  return std::vector<uint8_t>(b.GetBufferPointer(),
                              b.GetBufferPointer() + b.GetSize());
}

std::vector<uint8_t> buildArtifact(const ArtifactSpec &spec) {
  flatbuffers::FlatBufferBuilder b;

  auto tensorType = [&](DType dtype, const Shape &shape) {
    return fb::CreateTensorTypeDirect(b, toFb(dtype), &shape);
  };

  std::vector<flatbuffers::Offset<fb::Value>> values;
  for (const ValueSpec &v : spec.values) {
    uint64_t size = v.size ? *v.size
                           : static_cast<uint64_t>(numElements(v.shape)) *
                                 dtypeSize(v.dtype);
    values.push_back(fb::CreateValueDirect(
        b, v.name.c_str(), tensorType(v.dtype, v.shape),
        static_cast<fb::ValueKind>(v.kind), v.index, v.offset, size));
  }

  auto signature = [&](const std::vector<SignatureSpec> &entries) {
    std::vector<flatbuffers::Offset<fb::SignatureEntry>> out;
    for (const SignatureSpec &e : entries) {
      flatbuffers::Offset<fb::TensorType> type = 0;
      if (e.withType && e.value < spec.values.size())
        type = tensorType(spec.values[e.value].dtype,
                          e.shapeOverride ? *e.shapeOverride
                                          : spec.values[e.value].shape);
      out.push_back(
          fb::CreateSignatureEntryDirect(b, e.name.c_str(), type, e.value));
    }
    return out;
  };
  auto inputs = signature(spec.inputs);
  auto outputs = signature(spec.outputs);

  std::vector<flatbuffers::Offset<fb::Segment>> segments;
  for (const SegmentSpec &s : spec.segments) {
    std::vector<uint8_t> payload =
        s.rawPayload ? *s.rawPayload : buildProgram(s.nodes);
    b.ForceVectorAlignment(payload.size(), 1, 16);
    auto payloadOffset = b.CreateVector(payload);
    segments.push_back(fb::CreateSegment(
        b, b.CreateString(s.name), b.CreateString(s.target),
        b.CreateString(s.format), s.formatVersion, payloadOffset));
  }

  flatbuffers::Offset<flatbuffers::Vector<uint8_t>> constants = 0;
  if (!spec.constants.empty()) {
    // ForceVectorAlignment would do, but FlatBuffers 2.0.8 asserts (in
    // debug builds) on alignments over FLATBUFFERS_MAX_ALIGNMENT (32); the
    // builder itself handles 64 fine.
    if (spec.alignConstants)
      b.PreAlign(spec.constants.size(), 64);
    constants = b.CreateVector(spec.constants);
  }

  flatbuffers::Offset<fb::MemoryPlan> plan = 0;
  if (spec.hasMemoryPlan)
    plan = fb::CreateMemoryPlan(b, spec.arenaSize, spec.arenaAlignment);

  fb::SchemaVersion version(spec.versionMajor, spec.versionMinor);
  auto artifact = fb::CreateArtifact(
      b, &version, b.CreateString(spec.producer), b.CreateString(spec.target),
      b.CreateString(spec.modelName), b.CreateVector(inputs),
      b.CreateVector(outputs), b.CreateVector(values), plan,
      b.CreateVector(segments), constants);
  fb::FinishArtifactBuffer(b, artifact);
  return std::vector<uint8_t>(b.GetBufferPointer(),
                              b.GetBufferPointer() + b.GetSize());
}

ArtifactSpec identityModel(Shape shape, DType dtype) {
  using hal::ValueKind;
  ArtifactSpec spec;
  spec.modelName = "identity";
  spec.values = {{"x", dtype, shape, ValueKind::kInput, 0},
                 {"y", dtype, shape, ValueKind::kOutput, 0}};
  spec.inputs = {{"x", 0}};
  spec.outputs = {{"y", 1}};
  SegmentSpec segment;
  segment.name = "main";
  segment.nodes = {{"Identity", "id0", {0}, {1}, {}}};
  spec.segments = {segment};
  return spec;
}

std::vector<float> twoSegmentConstant() {
  std::vector<float> c(6);
  for (size_t i = 0; i < c.size(); ++i)
    c[i] = 0.5f * static_cast<float>(i + 1);
  return c;
}

ArtifactSpec twoSegmentModel() {
  using hal::ValueKind;
  ArtifactSpec spec;
  spec.modelName = "two_segments";
  Shape shape = {2, 3};
  // Arena value t at offset 64 to check offsets are honoured.
  spec.values = {{"x", DType::kFloat32, shape, ValueKind::kInput, 0},
                 {"t", DType::kFloat32, shape, ValueKind::kArena, 0, 64},
                 {"y", DType::kFloat32, shape, ValueKind::kOutput, 0},
                 {"c", DType::kFloat32, shape, ValueKind::kConstant, 0, 64},
                 {"k", DType::kFloat32, shape, ValueKind::kOutput, 1}};
  spec.inputs = {{"x", 0}};
  spec.outputs = {{"y", 2}, {"k", 4}};
  spec.arenaSize = 128;
  std::vector<float> c = twoSegmentConstant();
  spec.constants.assign(64, 0xee); // filler before c
  const auto *bytes = reinterpret_cast<const uint8_t *>(c.data());
  spec.constants.insert(spec.constants.end(), bytes,
                        bytes + c.size() * sizeof(float));
  SegmentSpec first;
  first.name = "first";
  first.nodes = {{"Identity", "copy_in", {0}, {1}, {}}};
  SegmentSpec second;
  second.name = "second";
  second.nodes = {{"Identity", "copy_out", {1}, {2}, {}},
                  {"Identity", "copy_const", {3}, {4}, {}}};
  spec.segments = {first, second};
  return spec;
}

Status writeFile(const std::string &path, const std::vector<uint8_t> &bytes) {
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    return invalidArgument("cannot create '", path,
                           "': ", std::strerror(errno));
  size_t written =
      bytes.empty() ? 0 : std::fwrite(bytes.data(), 1, bytes.size(), f);
  bool ok = written == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok)
    return dataLoss("error writing '", path, "'");
  return okStatus();
}

} // namespace nuri::testing
