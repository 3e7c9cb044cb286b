// Helpers of the HAL conformance suite: the device under test, the
// fixture's known-good executable, and buffers for running it.
#ifndef NURI_HAL_CTS_CTS_UTIL_H
#define NURI_HAL_CTS_CTS_UTIL_H

#include "cts_fixture.h"
#include "nuri/hal/device.h"

#include <memory>
#include <string_view>
#include <vector>

namespace nuri::hal_cts {

// The suite uses its own names so errors can be checked for them.
inline constexpr std::string_view kSegmentName = "cts_segment";

// A fresh device from the driver under test, found through the built-in
// registration list (REQUIREs success).
std::shared_ptr<hal::Device> createDevice();

// The fixture's executable, built once (REQUIREs success, so call it from
// the test's own thread: Catch2's assertions are not thread-safe).
const KnownGoodExecutable &knownGood();
// A spec over `good` (which must outlive it), named kSegmentName.
hal::ExecutableSpec specOf(const KnownGoodExecutable &good);
// Loads knownGood() on `device` (REQUIREs success).
std::shared_ptr<hal::Executable> loadKnownGood(hal::Device &device);

// Buffers for one execution of the known-good executable: x holds
// `first`, `first` + 0.5, ... (exactly representable, so y = 2x is exact).
struct RunBuffers {
  std::shared_ptr<hal::Buffer> input, output, arena, constants;
  float first = 0;

  hal::Bindings bindings() const;
  std::vector<float> outputValues() const;
  // True when y = x + x.
  bool outputCorrect() const;
  // True when y is all zeros (never written).
  bool outputUntouched() const;
};
RunBuffers makeRunBuffers(hal::Device &device, float first);

// A submission of `executable` on `buffers` with the given points.
hal::Submission makeSubmission(std::shared_ptr<hal::Executable> executable,
                               const RunBuffers &buffers,
                               hal::SemaphorePoint wait,
                               hal::SemaphorePoint signal);

// An executable no device loaded: every driver must refuse to run it.
class ForeignExecutable final : public hal::Executable {
public:
  std::string_view format() const override { return "nuri-cts-foreign"; }
};

} // namespace nuri::hal_cts

#endif // NURI_HAL_CTS_CTS_UTIL_H
