#include "cpu_ref/driver/device.h"

#include "cpu_ref/driver/executable.h"
#include "cpu_ref/schema/program_payload.h"
#include "nuri/hal/inline_execution.h"

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
  auto *executable =
      dynamic_cast<const CpuRefExecutable *>(submission.executable.get());
  if (!executable)
    return invalidArgument(
        "cpu-ref: the submitted executable was not loaded by cpu-ref");

  return hal::executeInline(
      "cpu-ref", submission, [&](hal::ExecutionProfile *profile) {
        return executable->execute(submission.bindings, profile);
      });
}

} // namespace nuri::cpu_ref
