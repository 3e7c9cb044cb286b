// A loaded "npu-program" segment: the decoded program, the profile it runs
// on, and how its DRAM regions bind to a submission's buffers.
#ifndef NURI_NPU_SIM_DRIVER_EXECUTABLE_H
#define NURI_NPU_SIM_DRIVER_EXECUTABLE_H

#include "npu_sim/isa/program.h"
#include "npu_sim/profile/profile.h"
#include "nuri/hal/executable.h"

#include <memory>
#include <span>
#include <string>

namespace nuri::npu_sim {

class NpuSimExecutable final : public hal::Executable {
public:
  // Verifies and decodes a segment (every instruction), checks it against
  // its profile and its regions against the value table. Errors name the
  // segment.
  static Result<std::shared_ptr<NpuSimExecutable>>
  load(const hal::ExecutableSpec &spec,
       std::span<const std::shared_ptr<const npu::NpuProfile>> profiles);

  std::string_view format() const override;
  const std::string &name() const { return name_; }
  const npu::Program &program() const { return program_; }
  const npu::NpuProfile &profile() const { return *profile_; }

  // Binds the regions to `bindings` and simulates; errors (faults
  // included) name the segment.
  Status execute(const hal::Bindings &bindings,
                 hal::ExecutionProfile *profile) const;

private:
  std::string name_;
  npu::Program program_;
  std::shared_ptr<const npu::NpuProfile> profile_;
};

} // namespace nuri::npu_sim

#endif // NURI_NPU_SIM_DRIVER_EXECUTABLE_H
