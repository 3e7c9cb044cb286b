// Device and Session through the public API on cpu-ref.
#include "artifact/loaded_model.h"
#include "test_util.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace nuri;
using namespace nuri::testing;
using hal::ValueKind;

namespace {
Device cpuRef() {
  auto device = Device::open("cpu-ref");
  REQUIRE(device.ok());
  return *device;
}

Tensor filled(Shape shape, float start) {
  Tensor t = std::move(Tensor::allocate(DType::kFloat32, shape)).value();
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.as<float>()[i] = start + static_cast<float>(i);
  return t;
}

std::vector<float> values(const TensorView &view) {
  const float *p = view.as<float>();
  return std::vector<float>(p, p + view.numElements());
}
} // namespace

TEST_CASE("devices: cpu-ref is available and cached", "[session]") {
  std::vector<std::string> names = Device::available();
  REQUIRE_FALSE(names.empty());
  CHECK(std::find(names.begin(), names.end(), "cpu-ref") != names.end());
  Device a = cpuRef();
  Device b = cpuRef();
  CHECK(a.hal() == b.hal());
  CHECK(a.name() == "cpu-ref");
  CHECK(a.hal()->info().targets == std::vector<std::string>{"cpu-ref"});
  CHECK(a.hal()->info().formats == std::vector<std::string>{"cpu-ref-program"});
}

TEST_CASE("devices: unknown name lists the available ones", "[session]") {
  auto device = Device::open("tpu-9000");
  CHECK(device.status().code() == StatusCode::kNotFound);
  CHECK_THAT(device.status().message(),
             Catch::Contains("tpu-9000") && Catch::Contains("cpu-ref"));
}

TEST_CASE("devices: canRun checks target and segment formats", "[session]") {
  Device device = cpuRef();
  auto ok = loadSpec(identityModel());
  REQUIRE(ok.ok());
  CHECK(device.canRun(*ok).ok());

  ArtifactSpec spec = identityModel();
  spec.target = "npu-x";
  auto other = loadSpec(spec);
  REQUIRE(other.ok());
  Status status = device.canRun(*other);
  CHECK(status.code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(status.message(),
             Catch::Contains("npu-x") && Catch::Contains("cpu-ref"));
  CHECK_FALSE(Device::bestFor(*other).ok());
  CHECK_FALSE(Session::create(*other, device).ok());

  spec = identityModel();
  spec.segments[0].format = "npu-x-isa";
  auto format = loadSpec(spec);
  REQUIRE(format.ok());
  CHECK_THAT(device.canRun(*format).message(),
             Catch::Contains("npu-x-isa") && Catch::Contains("'main'"));

  auto best = Device::bestFor(*ok);
  REQUIRE(best.ok());
  CHECK(best->name() == "cpu-ref");
}

TEST_CASE("session runs an identity model", "[session]") {
  auto model = loadSpec(identityModel({2, 3}));
  REQUIRE(model.ok());
  auto session = Session::create(*model, cpuRef());
  REQUIRE(session.ok());
  CHECK(&session->model().loaded() == &model->loaded());
  Tensor x = filled({2, 3}, 1);
  REQUIRE(session->setInput("x", x.view()).ok());
  REQUIRE(session->run().ok());
  auto y = session->output("y");
  REQUIRE(y.ok());
  CHECK(y->dtype == DType::kFloat32);
  CHECK(y->shape == Shape{2, 3});
  CHECK(values(*y) == std::vector<float>{1, 2, 3, 4, 5, 6});
  CHECK(reinterpret_cast<uintptr_t>(y->data) % 64 == 0);
  CHECK(session->output(size_t(0)).ok());
  CHECK(session->profile().records.empty());
}

TEST_CASE("session runs two segments with arena and constants", "[session]") {
  auto model = loadSpec(twoSegmentModel());
  REQUIRE(model.ok());
  auto session = Session::create(*model, cpuRef(), {.profile = true});
  REQUIRE(session.ok());
  Tensor x = filled({2, 3}, 10);
  REQUIRE(session->setInput(0, x.view()).ok());
  REQUIRE(session->run().ok());
  CHECK(values(*session->output("y")) ==
        std::vector<float>{10, 11, 12, 13, 14, 15});
  CHECK(values(*session->output("k")) == twoSegmentConstant());
  const hal::ExecutionProfile &profile = session->profile();
  REQUIRE(profile.records.size() == 3);
  CHECK(profile.records[0].name == "copy_in");
  CHECK(profile.records[1].name == "copy_out");
  CHECK(profile.records[2].name == "copy_const");
  for (const auto &record : profile.records) {
    CHECK(record.opType == "Identity");
    CHECK(record.microseconds >= 0);
  }
  // A second run replaces the profile rather than appending.
  REQUIRE(session->run().ok());
  CHECK(session->profile().records.size() == 3);
}

TEST_CASE("session binding errors", "[session]") {
  auto model = loadSpec(identityModel({2, 3}));
  REQUIRE(model.ok());
  auto session = Session::create(*model, cpuRef());
  REQUIRE(session.ok());
  Tensor x = filled({2, 3}, 0);

  SECTION("unknown input name lists the valid ones") {
    Status status = session->setInput("z", x.view());
    CHECK(status.code() == StatusCode::kNotFound);
    CHECK_THAT(status.message(),
               Catch::Contains("'z'") && Catch::Contains("inputs are: x"));
  }
  SECTION("index out of range") {
    CHECK(session->setInput(size_t(1), x.view()).code() ==
          StatusCode::kOutOfRange);
  }
  SECTION("wrong dtype") {
    Tensor i = std::move(Tensor::allocate(DType::kInt32, {2, 3})).value();
    Status status = session->setInput("x", i.view());
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(status.message(), Catch::Contains("expects float32 [2, 3]") &&
                                     Catch::Contains("got int32 [2, 3]"));
  }
  SECTION("wrong shape") {
    Tensor wrong = filled({3, 2}, 0);
    Status status = session->setInput("x", wrong.view());
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(status.message(), Catch::Contains("expects float32 [2, 3]") &&
                                     Catch::Contains("got float32 [3, 2]"));
  }
  SECTION("null data") {
    TensorView view{DType::kFloat32, {2, 3}, nullptr};
    CHECK_THAT(session->setInput("x", view).message(),
               Catch::Contains("no data"));
  }
  SECTION("missing input") {
    Status status = session->run();
    CHECK(status.code() == StatusCode::kFailedPrecondition);
    CHECK_THAT(status.message(),
               Catch::Contains("input 'x'") && Catch::Contains("not bound"));
  }
  SECTION("a failed bind unbinds the slot") {
    REQUIRE(session->setInput("x", x.view()).ok());
    Tensor wrong = filled({3, 2}, 0);
    CHECK_FALSE(session->setInput("x", wrong.view()).ok());
    CHECK(session->run().code() == StatusCode::kFailedPrecondition);
  }
  SECTION("outputs before a run") {
    CHECK(session->output("y").status().code() ==
          StatusCode::kFailedPrecondition);
    CHECK_THAT(session->output("nope").status().message(),
               Catch::Contains("outputs are: y"));
    CHECK(session->output(size_t(4)).status().code() ==
          StatusCode::kOutOfRange);
  }
}

TEST_CASE("session imports aligned inputs without copying", "[session]") {
  auto model = loadSpec(identityModel({2, 3}));
  REQUIRE(model.ok());
  auto session = Session::create(*model, cpuRef());
  REQUIRE(session.ok());
  Tensor x = filled({2, 3}, 1); // Tensor storage is 64-byte aligned
  REQUIRE(reinterpret_cast<uintptr_t>(x.data()) % 64 == 0);
  REQUIRE(session->setInput("x", x.view()).ok());
  // Changed after binding: a zero-copy binding sees the change.
  x.as<float>()[0] = 42;
  REQUIRE(session->run().ok());
  CHECK(values(*session->output("y"))[0] == 42);
}

TEST_CASE("session copies unaligned inputs at bind time", "[session]") {
  auto model = loadSpec(identityModel({2, 3}));
  REQUIRE(model.ok());
  auto session = Session::create(*model, cpuRef());
  REQUIRE(session.ok());
  alignas(64) float storage[8] = {0, 1, 2, 3, 4, 5, 6, 0};
  TensorView view{DType::kFloat32, {2, 3}, storage + 1}; // 4 bytes off
  REQUIRE(session->setInput("x", view).ok());
  storage[1] = 42; // after binding: the copy must not see it
  REQUIRE(session->run().ok());
  CHECK(values(*session->output("y")) == std::vector<float>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("session reports kernel failures with segment and node",
          "[session]") {
  // Identity into an output of another dtype fails inside the kernel.
  ArtifactSpec spec = identityModel({2, 3});
  spec.values[1].dtype = DType::kInt32;
  auto model = loadSpec(spec);
  REQUIRE(model.ok());
  auto session = Session::create(*model, cpuRef());
  REQUIRE(session.ok());
  Tensor x = filled({2, 3}, 0);
  REQUIRE(session->setInput("x", x.view()).ok());
  Status status = session->run();
  CHECK_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains("segment 'main'") &&
                                   Catch::Contains("node 'id0' (Identity)") &&
                                   Catch::Contains("differs"));
  CHECK_FALSE(session->output("y").ok());
  // The session stays usable: the next run fails the same way, not with a
  // stale semaphore error.
  Status again = session->run();
  CHECK(again.message() == status.message());
}

TEST_CASE("session creation fails on an unknown op type", "[session]") {
  ArtifactSpec spec = identityModel();
  spec.segments[0].nodes[0].opType = "NoSuchOp";
  auto model = loadSpec(spec);
  REQUIRE(model.ok());
  auto session = Session::create(*model, cpuRef());
  CHECK(session.status().code() == StatusCode::kUnimplemented);
  CHECK_THAT(session.status().message(), Catch::Contains("NoSuchOp") &&
                                             Catch::Contains("'id0'") &&
                                             Catch::Contains("segment 'main'"));
}

TEST_CASE("session creation fails on a bad value index in a segment",
          "[session]") {
  ArtifactSpec spec = identityModel();
  spec.segments[0].nodes[0].inputs = {7};
  auto model = loadSpec(spec);
  REQUIRE(model.ok());
  auto session = Session::create(*model, cpuRef());
  CHECK(session.status().code() == StatusCode::kDataLoss);
  CHECK_THAT(session.status().message(),
             Catch::Contains("value #7") && Catch::Contains("'id0'"));
}

TEST_CASE("sessions of one model share executables", "[session]") {
  auto model = loadSpec(twoSegmentModel());
  REQUIRE(model.ok());
  Device device = cpuRef();
  auto a = Session::create(*model, device);
  auto b = Session::create(*model, device);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const detail::LoadedModel &loaded = model->loaded();
  std::lock_guard<std::mutex> lock(loaded.executablesMutex);
  REQUIRE(loaded.executables.size() == 1);
  CHECK(loaded.executables[0].executables.size() == 2);
}

TEST_CASE("session uses the Add kernel once it exists", "[session]") {
  ArtifactSpec spec = identityModel({4});
  spec.values.push_back({"b", DType::kFloat32, {4}, ValueKind::kConstant, 0});
  std::vector<float> b = {1, 2, 3, 4};
  spec.constants.assign(reinterpret_cast<uint8_t *>(b.data()),
                        reinterpret_cast<uint8_t *>(b.data() + 4));
  spec.segments[0].nodes[0] = {"Add", "add0", {0, 2}, {1}, {}};
  auto model = loadSpec(spec);
  REQUIRE(model.ok());
  auto session = Session::create(*model, cpuRef());
  INFO(session.status().message());
  REQUIRE(session.ok());
  Tensor x = filled({4}, 10);
  REQUIRE(session->setInput("x", x.view()).ok());
  REQUIRE(session->run().ok());
  CHECK(values(*session->output("y")) == std::vector<float>{11, 13, 15, 17});
}
