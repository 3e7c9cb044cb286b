// Writes an ExecutionProfile (any device's) as a Chrome trace-event JSON
// file, which chrome://tracing and ui.perfetto.dev open: one track per
// engine ("core0.dma0", "core0.mxu", ...), one slice per record, and the
// counters as metadata. Records without a track (cpu-ref) go on one host
// track, laid end to end.
#ifndef NURI_TOOLS_COMMON_CHROME_TRACE_H
#define NURI_TOOLS_COMMON_CHROME_TRACE_H

#include "nuri/hal/executable.h"
#include "nuri/status.h"

#include <ostream>
#include <string>

namespace nuri::tools {

struct TraceOptions {
  // The track of records that have none (host devices).
  std::string hostTrack = "host";
};

// Timestamps are microseconds. Device records (those with a track) are at
// startCycle / clock_mhz when the profile has a "clock_mhz" counter, else at
// their raw cycle numbers, one cycle per microsecond; host records use their
// own microseconds. otherData.time_base says which was used.
Status writeChromeTrace(const hal::ExecutionProfile &profile, std::ostream &out,
                        const TraceOptions &options = {});

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_CHROME_TRACE_H
