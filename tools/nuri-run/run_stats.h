// nuri-run --stats-json: one run's device counters and per-engine activity
// as JSON, for scripts and dashboards:
//   model, target, device, runs, wall_ms {median, min, last},
//   ops_on_npu, ops_on_host, counters {...}, engines {<track>: {...}}.
// Counters and engines describe the last run. ops_on_npu/ops_on_host are
// the device's own counters when it reports them, else its profile records
// counted by where they ran: records on a device track (an engine) are on
// the NPU, records without one (cpu-ref's nodes) on the host. Each engine
// (track) has its record count ("instructions"), its busy time
// ("busy_cycles": the device's busy_cycles.<track> counter or the sum of its
// records' cycles; host tracks "busy_us") and "utilization" (busy over the
// run's "cycles" counter, or over the last run's wall time on the host),
// plus "stall_cycles" when the device counts them.
#ifndef NURI_TOOLS_NURI_RUN_RUN_STATS_H
#define NURI_TOOLS_NURI_RUN_RUN_STATS_H

#include "nuri/hal/executable.h"
#include "nuri/status.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace nuri::run {

// The name of the host track (records without a track): in the stats and
// in --trace.
inline constexpr const char *kHostTrack = "cpu";

struct RunFacts {
  std::string model;
  std::string target;
  std::string device;
  std::vector<double> runMs; // wall time of every run, in order
};

void writeStatsJson(const hal::ExecutionProfile &profile, const RunFacts &facts,
                    std::ostream &out);

} // namespace nuri::run

#endif // NURI_TOOLS_NURI_RUN_RUN_STATS_H
