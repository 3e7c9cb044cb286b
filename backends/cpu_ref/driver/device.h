// The "cpu-ref" device: host memory, reference kernels, and synchronous
// execution on the submitting thread (like IREE's local-sync driver).
#ifndef NURI_CPU_REF_DRIVER_DEVICE_H
#define NURI_CPU_REF_DRIVER_DEVICE_H

#include "nuri/hal/device.h"
#include "nuri/hal/host_allocator.h"

namespace nuri::cpu_ref {

class CpuRefDevice final : public hal::Device {
public:
  CpuRefDevice();
  const hal::DeviceInfo &info() const override { return info_; }
  hal::Allocator &allocator() override { return allocator_; }
  Result<std::shared_ptr<hal::Executable>>
  loadExecutable(const hal::ExecutableSpec &spec) override;
  // Waits on submission.wait, runs, then signals or fails
  // submission.signal, all before returning.
  Status queueExecute(hal::Submission submission) override;

private:
  hal::DeviceInfo info_;
  hal::HostAllocator allocator_;
};

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_DRIVER_DEVICE_H
