// Registers the "npu-sim" driver (called from the generated
// registerBuiltinDrivers, see backends/CMakeLists.txt).
#include "npu_sim/driver/device.h"
#include "npu_sim/profile/profile_loader.h"

namespace nuri::npu_sim {
namespace {

class NpuSimDriver final : public hal::Driver {
public:
  std::string_view name() const override { return kDeviceName; }
  // Reads the built-in profiles and those under NURI_NPU_PROFILE_PATH; a
  // malformed profile file fails the device with the loader's message.
  Result<std::shared_ptr<hal::Device>> createDevice() override {
    NURI_ASSIGN_OR_RETURN(std::vector<npu::NpuProfile> profiles,
                          npu::loadAvailableProfiles());
    return std::shared_ptr<hal::Device>(
        std::make_shared<NpuSimDevice>(std::move(profiles)));
  }
};

} // namespace

void registerDriver(hal::DriverRegistry &registry) {
  // Only fails on a duplicate name, which the generated list cannot have.
  Status status = registry.registerDriver(std::make_unique<NpuSimDriver>());
  (void)status;
}

} // namespace nuri::npu_sim
