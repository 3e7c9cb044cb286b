// Executing a submission on the submitting thread, for devices without a
// queue of their own (like IREE's local-sync driver).
#ifndef NURI_HAL_INLINE_EXECUTION_H
#define NURI_HAL_INLINE_EXECUTION_H

#include "nuri/hal/device.h"

#include <functional>
#include <string_view>

namespace nuri::hal {

// Waits on `submission.wait`, resets the profile, calls `execute`, then
// signals `submission.signal` or fails it with the error. A failed wait
// fails the signal too, without executing. Returns an error only when the
// submission cannot be queued at all (it names `device`).
Status executeInline(std::string_view device, const Submission &submission,
                     const std::function<Status(ExecutionProfile *)> &execute);

} // namespace nuri::hal

#endif // NURI_HAL_INLINE_EXECUTION_H
