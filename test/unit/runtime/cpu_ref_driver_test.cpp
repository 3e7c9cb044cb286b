// The cpu-ref HAL driver used directly, below the Session API.
#include "artifact_builder.h"
#include "cpu_ref/driver/device.h"
#include "cpu_ref/driver/executable.h"

#include <catch2/catch.hpp>

using namespace nuri;
using namespace nuri::testing;
using hal::ValueInfo;
using hal::ValueKind;

namespace {

std::vector<ValueInfo> identityValues() {
  return {{"x", DType::kFloat32, {4}, ValueKind::kInput, 0, 0, 16},
          {"y", DType::kFloat32, {4}, ValueKind::kOutput, 0, 0, 16}};
}

hal::ExecutableSpec specFor(const std::vector<uint8_t> &payload,
                            const std::vector<ValueInfo> &values) {
  hal::ExecutableSpec spec;
  spec.name = "seg";
  spec.format = "cpu-ref-program";
  spec.formatVersion = 1;
  spec.payload = payload;
  spec.values = values;
  return spec;
}

} // namespace

TEST_CASE("cpu-ref loads a program and converts attributes", "[cpu_ref]") {
  cpu_ref::CpuRefDevice device;
  CHECK(device.info().name == "cpu-ref");
  std::vector<ValueInfo> values = identityValues();
  NodeSpec node{"Identity", "id", {0}, {1}, {}};
  node.attrs = {{"alpha", 0.5f},
                {"axes", std::vector<int64_t>{1, -1}},
                {"mode", std::string("nearest")},
                {"keepdims", int64_t(0)},
                {"scales", std::vector<float>{2.0f}}};
  std::vector<uint8_t> payload = buildProgram({node});
  auto loaded = device.loadExecutable(specFor(payload, values));
  REQUIRE(loaded.ok());
  CHECK((*loaded)->format() == "cpu-ref-program");
  auto *executable = dynamic_cast<cpu_ref::CpuRefExecutable *>(loaded->get());
  REQUIRE(executable);
  REQUIRE(executable->nodes().size() == 1);
  const cpu_ref::AttributeMap &attrs = executable->nodes()[0].attrs;
  CHECK(*attrs.getFloat("alpha", 0) == 0.5f);
  CHECK(*attrs.getInts("axes", {}) == std::vector<int64_t>{1, -1});
  CHECK(*attrs.getString("mode", "") == "nearest");
  CHECK(*attrs.getInt("keepdims", 1) == 0);
  CHECK(*attrs.getFloats("scales", {}) == std::vector<float>{2.0f});
}

TEST_CASE("cpu-ref rejects bad payloads", "[cpu_ref]") {
  cpu_ref::CpuRefDevice device;
  std::vector<ValueInfo> values = identityValues();
  std::vector<uint8_t> good = buildProgram({{"Identity", "id", {0}, {1}, {}}});

  SECTION("wrong format") {
    hal::ExecutableSpec spec = specFor(good, values);
    spec.format = "npu-isa";
    auto r = device.loadExecutable(spec);
    CHECK(r.status().code() == StatusCode::kUnimplemented);
    CHECK_THAT(r.status().message(), Catch::Contains("npu-isa"));
  }
  SECTION("newer format version") {
    hal::ExecutableSpec spec = specFor(good, values);
    spec.formatVersion = 99;
    CHECK_THAT(device.loadExecutable(spec).status().message(),
               Catch::Contains("99"));
  }
  SECTION("not a program") {
    std::vector<uint8_t> junk(64, 7);
    auto r = device.loadExecutable(specFor(junk, values));
    CHECK(r.status().code() == StatusCode::kDataLoss);
    CHECK_THAT(r.status().message(),
               Catch::Contains("segment 'seg'") && Catch::Contains("NCRP"));
  }
  SECTION("truncated program") {
    std::vector<uint8_t> cut(good.begin(), good.begin() + good.size() / 2);
    CHECK_THAT(device.loadExecutable(specFor(cut, values)).status().message(),
               Catch::Contains("corrupt or truncated"));
  }
  SECTION("value index out of range") {
    auto payload = buildProgram({{"Identity", "id", {0}, {5}, {}}});
    auto r = device.loadExecutable(specFor(payload, values));
    CHECK(r.status().code() == StatusCode::kDataLoss);
    CHECK_THAT(r.status().message(), Catch::Contains("node 'id' (Identity)") &&
                                         Catch::Contains("value #5"));
  }
  SECTION("negative index other than -1") {
    auto payload = buildProgram({{"Identity", "id", {-2}, {1}, {}}});
    CHECK_THAT(
        device.loadExecutable(specFor(payload, values)).status().message(),
        Catch::Contains("value #-2"));
  }
  SECTION("writing an input") {
    auto payload = buildProgram({{"Identity", "id", {1}, {0}, {}}});
    CHECK_THAT(
        device.loadExecutable(specFor(payload, values)).status().message(),
        Catch::Contains("read-only"));
  }
  SECTION("unknown op type") {
    auto payload = buildProgram({{"Frobnicate", "f1", {0}, {1}, {}}});
    auto r = device.loadExecutable(specFor(payload, values));
    CHECK(r.status().code() == StatusCode::kUnimplemented);
    CHECK_THAT(r.status().message(),
               Catch::Contains("Frobnicate") && Catch::Contains("'f1'"));
  }
  SECTION("missing op type") {
    auto payload = buildProgram({{"", "", {0}, {1}, {}}});
    CHECK_THAT(
        device.loadExecutable(specFor(payload, values)).status().message(),
        Catch::Contains("node '#0' has no op type"));
  }
  SECTION("duplicate attribute") {
    NodeSpec node{"Identity", "id", {0}, {1}, {}};
    node.attrs = {{"a", int64_t(1)}, {"a", int64_t(2)}};
    CHECK_THAT(device.loadExecutable(specFor(buildProgram({node}), values))
                   .status()
                   .message(),
               Catch::Contains("'a' appears twice"));
  }
}

TEST_CASE("cpu-ref executes synchronously and signals", "[cpu_ref]") {
  cpu_ref::CpuRefDevice device;
  std::vector<ValueInfo> values = identityValues();
  auto payload = buildProgram({{"Identity", "id", {0}, {1}, {}}});
  auto executable = device.loadExecutable(specFor(payload, values));
  REQUIRE(executable.ok());
  auto in = std::move(device.allocator().allocate(16, 64)).value();
  auto out = std::move(device.allocator().allocate(16, 64)).value();
  float *x = static_cast<float *>(in->map());
  for (int i = 0; i < 4; ++i)
    x[i] = static_cast<float>(i) + 0.5f;

  auto semaphore = std::make_shared<hal::Semaphore>();
  hal::ExecutionProfile profile;
  hal::Submission submission;
  submission.executable = *executable;
  submission.bindings.inputs = {in.get()};
  submission.bindings.outputs = {out.get()};
  submission.signal = {semaphore, 1};
  submission.profile = &profile;
  REQUIRE(device.queueExecute(submission).ok());
  CHECK(semaphore->value() == 1); // done before queueExecute returned
  CHECK(static_cast<float *>(out->map())[3] == 3.5f);
  REQUIRE(profile.records.size() == 1);
  CHECK(profile.records[0].opType == "Identity");
  CHECK(profile.records[0].name == "id");

  SECTION("a failed dependency fails the signal") {
    auto dependency = std::make_shared<hal::Semaphore>();
    dependency->fail(aborted("upstream broke"));
    auto signal = std::make_shared<hal::Semaphore>();
    submission.wait = {dependency, 1};
    submission.signal = {signal, 1};
    REQUIRE(device.queueExecute(submission).ok());
    CHECK(signal->status().message() == "upstream broke");
  }
  SECTION("a missing binding fails the signal") {
    submission.bindings.inputs.clear();
    auto signal = std::make_shared<hal::Semaphore>();
    submission.signal = {signal, 1};
    REQUIRE(device.queueExecute(submission).ok());
    CHECK_THAT(signal->status().message(),
               Catch::Contains("input value 'x' has no buffer bound"));
  }
  SECTION("a too small binding fails the signal") {
    auto small = std::move(device.allocator().allocate(8, 64)).value();
    submission.bindings.outputs = {small.get()};
    auto signal = std::make_shared<hal::Semaphore>();
    submission.signal = {signal, 1};
    REQUIRE(device.queueExecute(submission).ok());
    CHECK_THAT(signal->status().message(), Catch::Contains("'y'"));
  }
  SECTION("a submission without a signal is refused") {
    submission.signal = {};
    CHECK(device.queueExecute(submission).code() ==
          StatusCode::kInvalidArgument);
  }
}
