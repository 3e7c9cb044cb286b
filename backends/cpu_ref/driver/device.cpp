#include "cpu_ref/driver/device.h"

#include "cpu_ref/driver/executable.h"

namespace nuri::cpu_ref {

CpuRefDevice::CpuRefDevice() {
  info_.name = "cpu-ref";
  info_.driver = "cpu-ref";
  info_.targets = {"cpu-ref"};
  info_.formats = {std::string(kProgramFormat)};
}

Result<std::shared_ptr<hal::Executable>>
CpuRefDevice::loadExecutable(const hal::ExecutableSpec &spec) {
  NURI_ASSIGN_OR_RETURN(std::shared_ptr<CpuRefExecutable> executable,
                        CpuRefExecutable::load(spec));
  return std::shared_ptr<hal::Executable>(std::move(executable));
}

Status CpuRefDevice::queueExecute(hal::Submission submission) {
  const hal::SemaphorePoint &signal = submission.signal;
  if (!signal.semaphore)
    return invalidArgument("cpu-ref: a submission needs a signal semaphore");
  auto *executable =
      dynamic_cast<const CpuRefExecutable *>(submission.executable.get());
  if (!executable)
    return invalidArgument(
        "cpu-ref: the submitted executable was not loaded by cpu-ref");

  if (submission.wait.semaphore) {
    Status waited = submission.wait.semaphore->wait(submission.wait.value);
    if (!waited.ok()) {
      // The dependency's failure becomes this work's failure.
      signal.semaphore->fail(waited);
      return okStatus();
    }
  }
  if (submission.profile)
    *submission.profile = hal::ExecutionProfile();
  Status status = executable->execute(submission.bindings, submission.profile);
  if (!status.ok())
    signal.semaphore->fail(status);
  else
    signal.semaphore->signal(signal.value);
  return okStatus();
}

} // namespace nuri::cpu_ref
