// The "npu-sim" device: the Nuri NPU of every known profile, simulated.
// Host memory is device memory; execution runs synchronously on the
// submitting thread (several threads may submit at once).
#ifndef NURI_NPU_SIM_DRIVER_DEVICE_H
#define NURI_NPU_SIM_DRIVER_DEVICE_H

#include "npu_sim/profile/profile.h"
#include "nuri/hal/device.h"
#include "nuri/hal/host_allocator.h"

#include <memory>
#include <vector>

namespace nuri::npu_sim {

inline constexpr std::string_view kDeviceName = "npu-sim";

class NpuSimDevice final : public hal::Device {
public:
  // DeviceInfo::targets are the profiles' names.
  explicit NpuSimDevice(std::vector<npu::NpuProfile> profiles);
  const hal::DeviceInfo &info() const override { return info_; }
  hal::Allocator &allocator() override { return allocator_; }
  Result<std::shared_ptr<hal::Executable>>
  loadExecutable(const hal::ExecutableSpec &spec) override;
  // Waits on submission.wait, simulates, then signals or fails
  // submission.signal, all before returning.
  Status queueExecute(hal::Submission submission) override;

private:
  hal::DeviceInfo info_;
  hal::HostAllocator allocator_;
  std::vector<std::shared_ptr<const npu::NpuProfile>> profiles_;
};

} // namespace nuri::npu_sim

#endif // NURI_NPU_SIM_DRIVER_DEVICE_H
