// Builds Nuri artifacts directly with the FlatBuffers builder, for tests
// that need artifacts before (and independently of) the compiler. Every
// field can be set wrong on purpose to exercise the loader's checks.
#ifndef NURI_TEST_RUNTIME_ARTIFACT_BUILDER_H
#define NURI_TEST_RUNTIME_ARTIFACT_BUILDER_H

#include "nuri/hal/executable.h"
#include "nuri/status.h"
#include "nuri/tensor.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace nuri::testing {

struct AttrSpec {
  std::string name;
  std::variant<int64_t, float, std::string, std::vector<int64_t>,
               std::vector<float>>
      value;
};

struct NodeSpec {
  std::string opType;
  std::string name;
  std::vector<int32_t> inputs;  // value indices, -1 = absent
  std::vector<int32_t> outputs; // value indices, -1 = unused
  std::vector<AttrSpec> attrs;
};

struct SegmentSpec {
  std::string name;
  std::string target = "cpu-ref";
  std::string format = "cpu-ref-program";
  uint32_t formatVersion = 1;
  std::vector<NodeSpec> nodes;
  // When set, used as the payload instead of a program built from `nodes`.
  std::optional<std::vector<uint8_t>> rawPayload;
};

struct ValueSpec {
  std::string name;
  DType dtype = DType::kFloat32;
  Shape shape;
  hal::ValueKind kind = hal::ValueKind::kArena;
  uint32_t index = 0;
  uint64_t offset = 0;
  std::optional<uint64_t> size = std::nullopt; // default: dense byte size
};

struct SignatureSpec {
  std::string name;
  uint32_t value = 0;
  bool withType = true; // write the value's type into the entry
  std::optional<Shape> shapeOverride = std::nullopt; // write this instead
};

struct ArtifactSpec {
  uint16_t versionMajor = 1;
  uint16_t versionMinor = 0;
  std::string producer = "nuri-test-builder";
  std::string target = "cpu-ref";
  std::string modelName = "test";
  std::vector<SignatureSpec> inputs;
  std::vector<SignatureSpec> outputs;
  std::vector<ValueSpec> values;
  bool hasMemoryPlan = true;
  uint64_t arenaSize = 0;
  uint32_t arenaAlignment = 64;
  std::vector<SegmentSpec> segments;
  std::vector<uint8_t> constants;
  bool alignConstants = true; // honour the schema's force_align: 64
};

// The cpu-ref-program payload for `nodes`.
std::vector<uint8_t> buildProgram(const std::vector<NodeSpec> &nodes);
// The artifact file bytes for `spec`.
std::vector<uint8_t> buildArtifact(const ArtifactSpec &spec);

// y = Identity(x), both `dtype` `shape`.
ArtifactSpec identityModel(Shape shape = {2, 3}, DType dtype = DType::kFloat32);
// Two segments sharing an arena value and reading a constant:
//   segment "first":  t = Identity(x)      (t in the arena)
//   segment "second": y = Identity(t); k = Identity(c)
// x, y, t, c, k are float32 [2, 3]; c holds 0.5 * (i + 1) for element i.
ArtifactSpec twoSegmentModel();
// The constant twoSegmentModel() stores in `c`.
std::vector<float> twoSegmentConstant();

Status writeFile(const std::string &path, const std::vector<uint8_t> &bytes);

} // namespace nuri::testing

#endif // NURI_TEST_RUNTIME_ARTIFACT_BUILDER_H
