// Session::profile() over several segments: additive counters are summed,
// device constants kept, the MAC-mix peak, roofline and utilization
// recomputed for the whole run (runtime/src/api/session.cpp), and device
// records laid out one segment after another.
#include "artifact/loaded_model.h"
#include "nuri/runtime.h"
#include "tool_artifacts.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

namespace nuri::testing {
namespace {

using Counters = std::map<std::string, double>;

Counters countersOf(const hal::ExecutionProfile &profile) {
  return Counters(profile.counters.begin(), profile.counters.end());
}

// The counter `name`, which must be present (operator[] would make a
// missing one 0 and let comparisons of missing counters pass).
double counter(const Counters &counters, const std::string &name) {
  INFO("counter '" << name << "'");
  REQUIRE(counters.count(name) == 1);
  return counters.at(name);
}

// Runs `payload` alone on npu-sim with the model's value table.
hal::ExecutionProfile runSegmentAlone(const Model &model, const Device &device,
                                      const std::vector<uint8_t> &payload) {
  hal::Device &hal = *device.hal();
  hal::ExecutableSpec spec;
  spec.name = "alone";
  spec.format = "npu-program";
  spec.formatVersion = 1;
  spec.payload = payload;
  spec.values = model.loaded().values;
  auto executable = hal.loadExecutable(spec);
  INFO(executable.status().toString());
  REQUIRE(executable.ok());
  auto input = hal.allocator().allocate(128, 64);
  auto arena = hal.allocator().allocate(128, 64);
  auto output = hal.allocator().allocate(128, 64);
  REQUIRE((input.ok() && arena.ok() && output.ok()));
  hal::Submission submission;
  submission.executable = *executable;
  submission.bindings.arena = arena->get();
  submission.bindings.inputs = {input->get()};
  submission.bindings.outputs = {output->get()};
  submission.signal = {std::make_shared<hal::Semaphore>(), 1};
  hal::ExecutionProfile profile;
  submission.profile = &profile;
  auto signal = submission.signal.semaphore;
  REQUIRE(hal.queueExecute(std::move(submission)).ok());
  REQUIRE(signal->wait(1).ok());
  return profile;
}

hal::ExecutionProfile runModel(const Model &model, const Device &device) {
  auto session = Session::create(model, device, {.profile = true});
  INFO(session.status().toString());
  REQUIRE(session.ok());
  std::vector<float> x(32, 1.0f);
  REQUIRE(session->setInput(0, {DType::kFloat32, {2, 16}, x.data()}).ok());
  Status ran = session->run();
  INFO(ran.toString());
  REQUIRE(ran.ok());
  return session->profile();
}

TEST_CASE("segment profiles merge by what each counter measures",
          "[tools][profile]") {
  auto model = Model::fromMemory(buildArtifact(npuTwoSegmentModel()));
  REQUIRE(model.ok());
  auto device = Device::open("npu-sim");
  REQUIRE(device.ok());
  const Counters a =
      countersOf(runSegmentAlone(*model, *device, npuTwoSegmentPayload(0)));
  const Counters b =
      countersOf(runSegmentAlone(*model, *device, npuTwoSegmentPayload(1)));
  hal::ExecutionProfile merged = runModel(*model, *device);
  const Counters m = countersOf(merged);
  REQUIRE(a.size() == m.size());

  // Summed: counts, cycles, bytes, per-engine busy and stall cycles.
  for (const char *name : {"cycles", "macs", "macs_int8", "macs_bf16",
                           "dram_bytes", "instructions", "vector_elements",
                           "busy_cycles.core0.mxu", "stall_cycles.core0.vpu"}) {
    INFO(name);
    CHECK(counter(m, name) == counter(a, name) + counter(b, name));
  }
  // Device constants: the same device ran both segments.
  for (const char *name :
       {"clock_mhz", "cores", "dram_bytes_per_cycle",
        "peak_macs_per_cycle_bf16", "peak_macs_per_cycle_int8"}) {
    INFO(name);
    CHECK(counter(m, name) == counter(a, name));
    CHECK(counter(m, name) == counter(b, name));
  }
  // One segment did int8 MACs, the other bf16: the run's peak is that of
  // the mix (docs/npu/timing.md), between the two.
  CHECK(counter(a, "peak_macs_per_cycle") == 8192);
  CHECK(counter(b, "peak_macs_per_cycle") == 4096);
  double macs = counter(a, "macs") + counter(b, "macs");
  double peak = macs / (counter(a, "macs") / 8192 + counter(b, "macs") / 4096);
  CHECK(counter(m, "peak_macs_per_cycle") == Approx(peak));
  CHECK(counter(m, "roofline_cycles") ==
        Approx(std::max(macs / peak, counter(m, "dram_bytes") / 32)));
  CHECK(counter(m, "mxu_utilization") ==
        Approx((counter(a, "mxu_utilization") * counter(a, "cycles") +
                counter(b, "mxu_utilization") * counter(b, "cycles")) /
               (counter(a, "cycles") + counter(b, "cycles"))));
  CHECK(counter(m, "mxu_utilization") ==
        Approx(macs /
               (counter(m, "cycles") * counter(m, "peak_macs_per_cycle"))));

  // The second segment's records start after the first's cycles.
  uint64_t firstEnd = static_cast<uint64_t>(counter(a, "cycles"));
  size_t firstRecords = static_cast<size_t>(counter(a, "instructions"));
  REQUIRE(merged.records.size() ==
          static_cast<size_t>(counter(a, "instructions") +
                              counter(b, "instructions")));
  for (size_t i = 0; i < merged.records.size(); ++i) {
    INFO("record " << i);
    if (i < firstRecords)
      CHECK(merged.records[i].startCycle < firstEnd);
    else
      CHECK(merged.records[i].startCycle >= firstEnd);
  }
}

TEST_CASE("one segment's profile is the run's profile", "[tools][profile]") {
  ArtifactSpec spec = npuTwoSegmentModel();
  spec.segments.resize(1); // int8_part alone: x -> arena
  auto model = Model::fromMemory(buildArtifact(spec));
  REQUIRE(model.ok());
  auto device = Device::open("npu-sim");
  REQUIRE(device.ok());
  hal::ExecutionProfile alone =
      runSegmentAlone(*model, *device, npuTwoSegmentPayload(0));
  hal::ExecutionProfile run = runModel(*model, *device);
  CHECK(run.counters == alone.counters);
  CHECK(run.records.size() == alone.records.size());
}

TEST_CASE("host records of several segments are concatenated",
          "[tools][profile]") {
  auto model = Model::fromMemory(buildArtifact(twoSegmentModel()));
  REQUIRE(model.ok());
  auto device = Device::open("cpu-ref");
  REQUIRE(device.ok());
  auto session = Session::create(*model, *device, {.profile = true});
  REQUIRE(session.ok());
  std::vector<float> x(6, 1.0f);
  REQUIRE(session->setInput(0, {DType::kFloat32, {2, 3}, x.data()}).ok());
  REQUIRE(session->run().ok());
  const hal::ExecutionProfile &profile = session->profile();
  CHECK(profile.counters.empty());
  REQUIRE(profile.records.size() == 3);
  CHECK(profile.records[0].name == "copy_in");
  CHECK(profile.records[2].name == "copy_const");
}

} // namespace
} // namespace nuri::testing
