// Registers the "cpu-ref" driver (called from the generated
// registerBuiltinDrivers, see backends/CMakeLists.txt).
#include "cpu_ref/driver/device.h"

namespace nuri::cpu_ref {
namespace {

class CpuRefDriver final : public hal::Driver {
public:
  std::string_view name() const override { return "cpu-ref"; }
  Result<std::shared_ptr<hal::Device>> createDevice() override {
    return std::shared_ptr<hal::Device>(std::make_shared<CpuRefDevice>());
  }
};

} // namespace

void registerDriver(hal::DriverRegistry &registry) {
  // Only fails on a duplicate name, which the generated list cannot have.
  Status status = registry.registerDriver(std::make_unique<CpuRefDriver>());
  (void)status;
}

} // namespace nuri::cpu_ref
