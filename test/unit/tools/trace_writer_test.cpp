// The Chrome trace writer's time bases and host track, beyond what the
// npu_sim trace test covers.
#include "common/chrome_trace.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace nuri;

namespace {

hal::ProfileRecord deviceRecord(uint64_t start, uint64_t cycles) {
  hal::ProfileRecord record;
  record.name = "vadd";
  record.opType = "vadd";
  record.track = "core0.vpu";
  record.startCycle = start;
  record.cycles = cycles;
  return record;
}

std::string trace(const hal::ExecutionProfile &profile,
                  const tools::TraceOptions &options = {}) {
  std::ostringstream out;
  REQUIRE(tools::writeChromeTrace(profile, out, options).ok());
  return out.str();
}

} // namespace

TEST_CASE("device cycles become microseconds at the clock", "[tools][trace]") {
  hal::ExecutionProfile profile;
  profile.records = {deviceRecord(2000, 500)};
  profile.counters = {{"clock_mhz", 500}};
  std::string text = trace(profile);
  CHECK_THAT(text, Catch::Contains(
                       R"("time_base": "device cycles / clock_mhz (500 MHz) )"
                       R"(as microseconds")"));
  CHECK_THAT(text, Catch::Contains(R"("ts": 4, "dur": 1, "args": )"
                                   R"({"start_cycle": 2000, "cycles": 500}})"));
  CHECK_THAT(text, Catch::Contains(R"("clock_mhz": 500)"));
}

TEST_CASE("without a clock, device cycles are shown raw", "[tools][trace]") {
  hal::ExecutionProfile profile;
  profile.records = {deviceRecord(2000, 500)};
  std::string text = trace(profile);
  CHECK_THAT(text, Catch::Contains("raw device cycles (no clock_mhz counter)"));
  CHECK_THAT(text, Catch::Contains(R"("ts": 2000, "dur": 500)"));
}

TEST_CASE("host records go end to end on the named host track",
          "[tools][trace]") {
  hal::ExecutionProfile profile;
  hal::ProfileRecord a, b;
  a.name = "conv";
  a.opType = "Conv";
  a.microseconds = 1.5;
  b.name = "relu";
  b.microseconds = 0.25;
  profile.records = {a, b};
  tools::TraceOptions options;
  options.hostTrack = "cpu";
  std::string text = trace(profile, options);
  CHECK_THAT(text, Catch::Contains(R"("args": {"name": "cpu"})"));
  CHECK_THAT(text, Catch::Contains(R"("time_base": "host microseconds)"));
  CHECK_THAT(text, Catch::Contains(R"("ts": 1.5, "dur": 0.25)"));
  CHECK_THAT(text, Catch::Contains(R"("cat": "op")")); // no op type
}

TEST_CASE("an empty profile is still a well-formed trace", "[tools][trace]") {
  std::string text = trace(hal::ExecutionProfile());
  CHECK(text == R"({"displayTimeUnit": "ns", "otherData": {"time_unit": "us", )"
                R"("time_base": "host microseconds, records laid end to )"
                R"(end"}, "traceEvents": [)"
                "\n]}\n");
}
