// Writes an ExecutionProfile as a Chrome trace-event JSON file, which
// chrome://tracing and ui.perfetto.dev open: one track per engine
// ("core0.dma0", "core0.mxu", ...), one slice per instruction, and the
// counters as metadata. Records without a track (cpu-ref) go on one "host"
// track laid end to end.
#ifndef NURI_NPU_TRACE_CHROME_TRACE_H
#define NURI_NPU_TRACE_CHROME_TRACE_H

#include "nuri/hal/executable.h"
#include "nuri/status.h"

#include <ostream>

namespace nuri::npu {

// Timestamps are microseconds: cycles / clock_mhz when the profile has a
// "clock_mhz" counter, else the records' own microseconds.
Status writeChromeTrace(const hal::ExecutionProfile &profile,
                        std::ostream &out);

} // namespace nuri::npu

#endif // NURI_NPU_TRACE_CHROME_TRACE_H
