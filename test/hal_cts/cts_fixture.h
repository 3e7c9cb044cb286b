// The per-driver part of the HAL conformance suite (test/hal_cts): what a
// driver supplies so the generic test cases can run work on it and check
// the results. A driver opts in with one line in its backend's CMake:
//   nuri_hal_cts(<driver-name> <fixture library>...)
// whose library defines buildKnownGoodExecutable() below.
#ifndef NURI_HAL_CTS_CTS_FIXTURE_H
#define NURI_HAL_CTS_CTS_FIXTURE_H

#include "nuri/hal/executable.h"
#include "nuri/status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nuri::hal_cts {

// An executable the driver runs correctly. It reads the value in input
// slot 0 and writes the value in output slot 0, both float32 with
// `elements` elements, computing y[i] = x[i] + x[i] (exact in float32 for
// the suite's inputs). It may also use an arena of `arenaBytes` and the
// constant data `constants`; the suite binds both.
struct KnownGoodExecutable {
  std::string format; // Segment.format, one of the device's formats
  uint32_t formatVersion = 1;
  std::vector<uint8_t> payload;
  std::vector<hal::ValueInfo> values; // the value table the payload uses
  int64_t elements = 0;
  uint64_t arenaBytes = 0;
  std::vector<uint8_t> constants;
};

// Defined by the driver's fixture library.
Result<KnownGoodExecutable> buildKnownGoodExecutable();

// The name given to nuri_hal_cts() (generated per test binary).
const char *driverUnderTest();

} // namespace nuri::hal_cts

#endif // NURI_HAL_CTS_CTS_FIXTURE_H
