// The Chrome/Perfetto trace writer: one named track per engine, one slice
// per instruction at its simulated time, counters as metadata.
#include "common/chrome_trace.h"
#include "npu_sim/sim/execution_profile.h"
#include "sim_test_util.h"

#include <catch2/catch.hpp>

#include <sstream>

namespace nuri::npu::testing {
namespace {

TEST_CASE("a run becomes a trace with a track per engine", "[npu][trace]") {
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 8192
.region 0 scratch 4096
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[4096]
  sig s0, 1
.engine vpu
  wait s0, 1
  vexp 0x1000:f32, 0x0:f32, cols=1024
)");
  HostDram dram(program);
  Result<RunStats> stats = run(program, dram, edge(), true);
  REQUIRE(stats.ok());
  hal::ExecutionProfile profile;
  fillExecutionProfile(*stats, program, edge(), profile);
  std::ostringstream out;
  REQUIRE(tools::writeChromeTrace(profile, out).ok());
  std::string trace = out.str();

  CHECK_THAT(trace, Catch::StartsWith("{\"displayTimeUnit\": \"ns\""));
  CHECK_THAT(trace, Catch::Contains(R"("args": {"name": "core0.dma0"})"));
  CHECK_THAT(trace, Catch::Contains(R"("args": {"name": "core0.vpu"})"));
  // ld: DRAM 16..144 (4096 / 32), lands 264: at 1000 MHz, 0 us for 0.264.
  CHECK_THAT(trace, Catch::Contains(
                        R"({"name": "dma.ld 0x0, %0+0x0, dims=[4096], )"
                        R"(esize=1, dram_strides=[1], sram_strides=[1]", )"
                        R"("cat": "dma.ld", "ph": "X", "pid": 1, "tid": 0, )"
                        R"("ts": 0, "dur": 0.264, "args": )"
                        R"({"start_cycle": 0, "cycles": 264}})"));
  // sig waits for the load to land (264), raises s0 at 264 + 1 = 265; the
  // vpu's wait issues at 265 (busy 1); vexp issues at 266, busy
  // ceil(1024 / 64) x 2 = 32, lands 16 later: 266 + 32 + 16 = 314.
  CHECK(stats->cycles == 314);
  CHECK_THAT(trace, Catch::Contains(R"({"start_cycle": 266, "cycles": 48})"));
  CHECK_THAT(trace, Catch::Contains(R"(, "cycles": 314,)"));
  CHECK_THAT(trace, Catch::Contains(R"("roofline_cycles": 128)"));
  // Balanced braces and brackets: a well-formed JSON skeleton.
  int braces = 0, brackets = 0;
  for (char ch : trace) {
    braces += ch == '{' ? 1 : ch == '}' ? -1 : 0;
    brackets += ch == '[' ? 1 : ch == ']' ? -1 : 0;
  }
  CHECK(braces == 0);
  CHECK(brackets == 0);
}

TEST_CASE("records without a track go on a host track", "[npu][trace]") {
  hal::ExecutionProfile profile;
  hal::ProfileRecord a, b;
  a.name = "conv \"1\"";
  a.opType = "Conv";
  a.microseconds = 5;
  b.name = "relu";
  b.opType = "Relu";
  b.microseconds = 2;
  profile.records = {a, b};
  std::ostringstream out;
  REQUIRE(tools::writeChromeTrace(profile, out).ok());
  std::string trace = out.str();
  CHECK_THAT(trace, Catch::Contains(R"("args": {"name": "host"})"));
  CHECK_THAT(trace, Catch::Contains(R"("name": "conv \"1\"")"));
  CHECK_THAT(trace, Catch::Contains(R"("ts": 5, "dur": 2)"));
}

} // namespace
} // namespace nuri::npu::testing
