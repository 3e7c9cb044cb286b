#include "npu_sim/driver/device.h"

#include "npu_sim/driver/executable.h"
#include "npu_sim/schema/program_payload.h"
#include "nuri/hal/inline_execution.h"

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
  auto *executable =
      dynamic_cast<const NpuSimExecutable *>(submission.executable.get());
  if (!executable)
    return invalidArgument(
        "npu-sim: the submitted executable was not loaded by npu-sim");
  return hal::executeInline(
      "npu-sim", submission, [&](hal::ExecutionProfile *profile) {
        return executable->execute(submission.bindings, profile);
      });
}

} // namespace nuri::npu_sim
