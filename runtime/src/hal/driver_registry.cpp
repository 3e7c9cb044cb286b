#include "nuri/hal/device.h"

namespace nuri::hal {

Status DriverRegistry::registerDriver(std::unique_ptr<Driver> driver) {
  if (!driver)
    return invalidArgument("cannot register a null driver");
  if (driver->name().empty())
    return invalidArgument("cannot register a driver without a name");
  if (find(driver->name()))
    return failedPrecondition("a driver named '", driver->name(),
                              "' is already registered");
  drivers_.push_back(std::move(driver));
  return okStatus();
}

Driver *DriverRegistry::find(std::string_view name) const {
  for (const auto &driver : drivers_)
    if (driver->name() == name)
      return driver.get();
  return nullptr;
}

std::vector<std::string> DriverRegistry::names() const {
  std::vector<std::string> result;
  result.reserve(drivers_.size());
  for (const auto &driver : drivers_)
    result.emplace_back(driver->name());
  return result;
}

} // namespace nuri::hal
