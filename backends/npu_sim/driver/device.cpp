#include "npu_sim/driver/device.h"

#include "npu_sim/driver/executable.h"
#include "npu_sim/schema/program_payload.h"

namespace nuri::npu_sim {

NpuSimDevice::NpuSimDevice(std::vector<npu::NpuProfile> profiles) {
  info_.name = std::string(kDeviceName);
  info_.driver = std::string(kDeviceName);
  info_.formats = {std::string(npu::kProgramFormat)};
  for (npu::NpuProfile &profile : profiles) {
    info_.targets.push_back(profile.name);
    profiles_.push_back(
        std::make_shared<const npu::NpuProfile>(std::move(profile)));
  }
}

Result<std::shared_ptr<hal::Executable>>
NpuSimDevice::loadExecutable(const hal::ExecutableSpec &spec) {
  NURI_ASSIGN_OR_RETURN(std::shared_ptr<NpuSimExecutable> executable,
                        NpuSimExecutable::load(spec, profiles_));
  return std::shared_ptr<hal::Executable>(std::move(executable));
}

Status NpuSimDevice::queueExecute(hal::Submission submission) {
  const hal::SemaphorePoint &signal = submission.signal;
  if (!signal.semaphore)
    return invalidArgument("npu-sim: a submission needs a signal semaphore");
  auto *executable =
      dynamic_cast<const NpuSimExecutable *>(submission.executable.get());
  if (!executable)
    return invalidArgument(
        "npu-sim: the submitted executable was not loaded by npu-sim");
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

} // namespace nuri::npu_sim
