#include "nuri/hal/inline_execution.h"

namespace nuri::hal {

Status executeInline(std::string_view device, const Submission &submission,
                     const std::function<Status(ExecutionProfile *)> &execute) {
  const SemaphorePoint &signal = submission.signal;
  if (!signal.semaphore)
    return invalidArgument(device, ": a submission needs a signal semaphore");
  if (submission.wait.semaphore) {
    Status waited = submission.wait.semaphore->wait(submission.wait.value);
    if (!waited.ok()) {
      // The dependency's failure becomes this work's failure.
      signal.semaphore->fail(waited);
      return okStatus();
    }
  }
  if (submission.profile)
    *submission.profile = ExecutionProfile();
  Status status = execute(submission.profile);
  if (!status.ok())
    signal.semaphore->fail(status);
  else
    signal.semaphore->signal(signal.value);
  return okStatus();
}

} // namespace nuri::hal
