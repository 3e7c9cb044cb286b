// The artifact loader: the happy path and each rejection, in check order.
#include "artifact/loader.h"
#include "artifact_generated.h"
#include "test_util.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace nuri;
using namespace nuri::testing;
using hal::ValueKind;

namespace {
Status loadStatus(const std::vector<uint8_t> &bytes) {
  return Model::fromMemory(bytes).status();
}
} // namespace

TEST_CASE("loader reads an identity model", "[loader]") {
  auto model = loadSpec(identityModel({2, 3}));
  REQUIRE(model.ok());
  CHECK(model->name() == "identity");
  CHECK(model->target() == "cpu-ref");
  CHECK(model->producer() == "nuri-test-builder");
  REQUIRE(model->inputs().size() == 1);
  CHECK(model->inputs()[0].name == "x");
  CHECK(model->inputs()[0].dtype == DType::kFloat32);
  CHECK(model->inputs()[0].shape == Shape{2, 3});
  REQUIRE(model->outputs().size() == 1);
  CHECK(model->outputs()[0].name == "y");
  CHECK(model->inputIndex("x") == 0u);
  CHECK_FALSE(model->inputIndex("y").has_value());
  CHECK(model->outputIndex("y") == 0u);

  const detail::LoadedModel &loaded = model->loaded();
  REQUIRE(loaded.values.size() == 2);
  CHECK(loaded.values[0].kind == ValueKind::kInput);
  CHECK(loaded.values[1].kind == ValueKind::kOutput);
  CHECK(loaded.values[1].size == 24);
  REQUIRE(loaded.segments.size() == 1);
  CHECK(loaded.segments[0].name == "main");
  CHECK(loaded.segments[0].format == "cpu-ref-program");
  CHECK(loaded.segments[0].formatVersion == 1);
  CHECK_FALSE(loaded.segments[0].payload.empty());
  CHECK(loaded.versionMajor == 1);
}

TEST_CASE("loader reads constants and the memory plan", "[loader]") {
  auto model = loadSpec(twoSegmentModel());
  REQUIRE(model.ok());
  const detail::LoadedModel &loaded = model->loaded();
  CHECK(loaded.arenaSize == 128);
  CHECK(loaded.arenaAlignment == 64);
  REQUIRE(loaded.constants.size() == 64 + 24);
  CHECK(reinterpret_cast<uintptr_t>(loaded.constants.data()) % 64 == 0);
  float c[6];
  std::memcpy(c, loaded.constants.data() + 64, sizeof c);
  CHECK(c[0] == 0.5f);
  CHECK(c[5] == 3.0f);
  CHECK(loaded.segments.size() == 2);
  CHECK(model->outputs().size() == 2);
}

TEST_CASE("loader memory-maps files and names them in errors", "[loader]") {
  TempDir dir;
  std::string path = dir.file("m.nuri");
  REQUIRE(writeFile(path, buildArtifact(identityModel())).ok());
  auto model = Model::load(path);
  REQUIRE(model.ok());
  CHECK(model->loaded().source == path);

  auto missing = Model::load(dir.file("missing.nuri"));
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK_THAT(missing.status().message(), Catch::Contains("missing.nuri"));

  std::string empty = dir.file("empty.nuri");
  REQUIRE(writeFile(empty, {}).ok());
  auto emptyModel = Model::load(empty);
  CHECK(emptyModel.status().code() == StatusCode::kDataLoss);
  CHECK_THAT(emptyModel.status().message(),
             Catch::Contains("empty.nuri") &&
                 Catch::Contains("not a Nuri artifact"));

  auto directory = Model::load(dir.path().string());
  CHECK_FALSE(directory.ok());
}

TEST_CASE("loader keeps the bytes alive after the caller's copy is gone",
          "[loader]") {
  std::optional<Model> model;
  {
    std::vector<uint8_t> bytes = buildArtifact(twoSegmentModel());
    auto loaded = Model::fromMemory(bytes);
    REQUIRE(loaded.ok());
    model = *loaded;
    std::fill(bytes.begin(), bytes.end(), 0);
  }
  float c0;
  std::memcpy(&c0, model->loaded().constants.data() + 64, sizeof c0);
  CHECK(c0 == 0.5f);
}

TEST_CASE("loader rejects random bytes and tiny files", "[loader]") {
  std::vector<uint8_t> noise(256);
  uint32_t x = 12345;
  for (auto &b : noise) {
    x = x * 1664525u + 1013904223u;
    b = static_cast<uint8_t>(x >> 24);
  }
  Status status = loadStatus(noise);
  CHECK(status.code() == StatusCode::kDataLoss);
  CHECK_THAT(status.message(), Catch::Contains("not a Nuri artifact"));

  status = loadStatus({1, 2, 3});
  CHECK(status.code() == StatusCode::kDataLoss);
  CHECK_THAT(status.message(), Catch::Contains("not a Nuri artifact") &&
                                   Catch::Contains("3 bytes"));
}

TEST_CASE("loader rejects a wrong file identifier", "[loader]") {
  std::vector<uint8_t> bytes = buildArtifact(identityModel());
  std::memcpy(bytes.data() + 4, "ONNX", 4);
  Status status = loadStatus(bytes);
  CHECK(status.code() == StatusCode::kDataLoss);
  CHECK_THAT(status.message(), Catch::Contains("not a Nuri artifact") &&
                                   Catch::Contains("'ONNX'") &&
                                   Catch::Contains("memory"));
}

TEST_CASE("loader rejects truncated artifacts", "[loader]") {
  std::vector<uint8_t> bytes = buildArtifact(twoSegmentModel());
  for (size_t cut : {size_t(12), size_t(24), bytes.size() / 4, bytes.size() / 2,
                     bytes.size() * 3 / 4}) {
    INFO("cut at " << cut << " of " << bytes.size());
    std::vector<uint8_t> truncated(bytes.begin(), bytes.begin() + cut);
    Status status = loadStatus(truncated);
    CHECK(status.code() == StatusCode::kDataLoss);
    CHECK_THAT(status.message(), Catch::Contains("corrupt or truncated"));
  }
  std::vector<uint8_t> header(bytes.begin(), bytes.begin() + 4);
  CHECK_THAT(loadStatus(header).message(),
             Catch::Contains("not a Nuri artifact"));
}

TEST_CASE("loader rejects a corrupted vector length in the middle",
          "[loader]") {
  std::vector<uint8_t> bytes = buildArtifact(twoSegmentModel());
  const fb::Artifact *artifact = fb::GetArtifact(bytes.data());
  // The uint32 length just before the values vector's first element.
  size_t lengthAt =
      reinterpret_cast<const uint8_t *>(artifact->values()) - bytes.data();
  REQUIRE(lengthAt > 8);
  REQUIRE(lengthAt + 4 < bytes.size());
  std::memset(bytes.data() + lengthAt, 0xff, 4);
  Status status = loadStatus(bytes);
  CHECK(status.code() == StatusCode::kDataLoss);
  CHECK_THAT(status.message(), Catch::Contains("corrupt or truncated"));
}

TEST_CASE("loader never crashes on flipped bytes", "[loader]") {
  // Every single-byte corruption must either be rejected with a message or
  // load into a model that passes the semantic checks; the session created
  // from it must be usable or fail cleanly too.
  std::vector<uint8_t> original = buildArtifact(twoSegmentModel());
  auto device = Device::open("cpu-ref");
  REQUIRE(device.ok());
  int rejected = 0;
  for (size_t i = 0; i < original.size(); ++i) {
    std::vector<uint8_t> bytes = original;
    bytes[i] ^= 0xa5;
    auto model = Model::fromMemory(bytes);
    if (!model.ok()) {
      ++rejected;
      REQUIRE_FALSE(model.status().message().empty());
      continue;
    }
    auto session = Session::create(*model, *device);
    if (!session.ok())
      continue;
    // Inputs may be bound without a copy: keep them alive through run().
    std::vector<Tensor> inputs;
    for (size_t k = 0; k < model->inputs().size(); ++k) {
      const TensorInfo &info = model->inputs()[k];
      auto tensor = Tensor::allocate(info.dtype, info.shape);
      if (!tensor.ok())
        continue;
      inputs.push_back(*tensor);
      (void)session->setInput(k, inputs.back().view());
    }
    (void)session->run();
  }
  CHECK(rejected > 0);
}

TEST_CASE("loader checks the schema version", "[loader]") {
  ArtifactSpec spec = identityModel();
  spec.versionMajor = 2;
  Status status = loadStatus(buildArtifact(spec));
  CHECK(status.code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(status.message(),
             Catch::Contains("2.0") && Catch::Contains("1.0"));

  spec.versionMajor = 1;
  spec.versionMinor = 1;
  status = loadStatus(buildArtifact(spec));
  CHECK(status.code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(status.message(),
             Catch::Contains("1.1") && Catch::Contains("1.0"));

  spec.versionMajor = 0;
  spec.versionMinor = 0;
  CHECK(loadStatus(buildArtifact(spec)).code() ==
        StatusCode::kFailedPrecondition);
}

TEST_CASE("loader rejects bad values", "[loader]") {
  SECTION("unknown dtype") {
    ArtifactSpec spec = identityModel();
    spec.values[1].dtype = static_cast<DType>(42);
    spec.values[1].size = 24;
    Status status = loadStatus(buildArtifact(spec));
    CHECK(status.code() == StatusCode::kDataLoss);
    CHECK_THAT(status.message(),
               Catch::Contains("'y'") && Catch::Contains("dtype 42"));
  }
  SECTION("string dtype") {
    ArtifactSpec spec = identityModel();
    spec.values[1].dtype = DType::kString;
    spec.values[1].size = 0;
    spec.outputs[0].withType = false;
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("string"));
  }
  SECTION("negative dimension") {
    ArtifactSpec spec = identityModel();
    spec.values[0].shape = {2, -3};
    spec.values[0].size = 24;
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("'x'") && Catch::Contains("negative"));
  }
  SECTION("size differs from dtype x shape") {
    ArtifactSpec spec = identityModel();
    spec.values[0].size = 20;
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("size 20") && Catch::Contains("24 bytes"));
  }
  SECTION("shape overflowing 64 bits") {
    ArtifactSpec spec = identityModel();
    spec.values[0].shape = {int64_t(1) << 40, int64_t(1) << 40};
    spec.values[0].size = 0;
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("too large"));
  }
}

TEST_CASE("loader rejects out-of-range constants", "[loader]") {
  ArtifactSpec spec = twoSegmentModel();
  SECTION("past the end") {
    spec.values[3].offset = 80; // 80 + 24 > 88
    Status status = loadStatus(buildArtifact(spec));
    CHECK(status.code() == StatusCode::kDataLoss);
    CHECK_THAT(status.message(), Catch::Contains("'c'") &&
                                     Catch::Contains("constant_data has 88"));
  }
  SECTION("offset that would overflow") {
    spec.values[3].offset = ~uint64_t(0) - 8;
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("'c'"));
  }
  SECTION("no constant data at all") {
    spec.constants.clear();
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("constant_data has 0"));
  }
}

TEST_CASE("loader rejects arena values outside the plan", "[loader]") {
  ArtifactSpec spec = twoSegmentModel();
  spec.arenaSize = 80; // t lives at [64, 88)
  Status status = loadStatus(buildArtifact(spec));
  CHECK(status.code() == StatusCode::kDataLoss);
  CHECK_THAT(status.message(),
             Catch::Contains("'t'") && Catch::Contains("arena has 80"));
  spec.hasMemoryPlan = false;
  CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
             Catch::Contains("arena has 0"));
  spec = twoSegmentModel();
  spec.arenaAlignment = 48;
  CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
             Catch::Contains("power of two"));
}

TEST_CASE("loader rejects bad input/output slots and signatures", "[loader]") {
  ArtifactSpec spec = identityModel();
  SECTION("input slot out of range") {
    spec.values[0].index = 3;
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("input slot 3") && Catch::Contains("1 inputs"));
  }
  SECTION("output slot out of range") {
    spec.values[1].index = 1;
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("output slot 1"));
  }
  SECTION("signature refers to a missing value") {
    spec.inputs[0].value = 9;
    spec.inputs[0].withType = false;
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("input 'x'") && Catch::Contains("#9"));
  }
  SECTION("signature refers to a value of the wrong kind") {
    spec.outputs[0].value = 0; // x is an input
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("output 'y'") &&
                   Catch::Contains("kind is input"));
  }
  SECTION("signature type differs from the value") {
    spec.inputs[0].shapeOverride = Shape{3, 2};
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("input 'x' is float32 [3, 2]") &&
                   Catch::Contains("float32 [2, 3]"));
  }
  SECTION("two values claim one input slot") {
    spec.values.push_back({"z", DType::kInt32, {4}, ValueKind::kInput, 0});
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("'z'") && Catch::Contains("input slot 0"));
  }
  SECTION("duplicate input names") {
    spec.values.push_back(
        {"x2", DType::kFloat32, {2, 3}, ValueKind::kInput, 1});
    spec.inputs.push_back({"x", 2});
    CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
               Catch::Contains("two inputs named 'x'"));
  }
}

TEST_CASE("loader rejects misaligned constant data", "[loader]") {
  // Without force_align the writer places constant_data wherever; vary the
  // producer's length until it lands off a 64-byte boundary.
  ArtifactSpec spec = twoSegmentModel();
  spec.alignConstants = false;
  bool tested = false;
  for (int pad = 0; pad < 64 && !tested; ++pad) {
    spec.producer = std::string(pad, 'p');
    std::vector<uint8_t> bytes = buildArtifact(spec);
    const fb::Artifact *artifact = fb::GetArtifact(bytes.data());
    size_t at = artifact->constant_data()->data() - bytes.data();
    if (at % 64 == 0)
      continue;
    tested = true;
    Status status = loadStatus(bytes);
    CHECK(status.code() == StatusCode::kDataLoss);
    CHECK_THAT(status.message(), Catch::Contains("64-byte aligned"));
  }
  CHECK(tested);
}

TEST_CASE("loader rejects a segment without a format", "[loader]") {
  ArtifactSpec spec = identityModel();
  spec.segments[0].format = "";
  CHECK_THAT(loadStatus(buildArtifact(spec)).message(),
             Catch::Contains("segment 'main' has no format"));
}
