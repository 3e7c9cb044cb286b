// Device::open and friends over one process-wide driver registry.
#include "api/builtin_drivers.h"
#include "artifact/loaded_model.h"
#include "nuri/runtime.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace nuri {
namespace {

// The registry is filled once; devices are created on first open and kept
// for the process so every session of a device shares its allocator and
// executable cache entries.
struct DeviceTable {
  hal::DriverRegistry registry;
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<hal::Device>, std::less<>> devices;
};

DeviceTable &deviceTable() {
  static DeviceTable *table = [] {
    auto *t = new DeviceTable(); // never destroyed: outlives static sessions
    registerBuiltinDrivers(t->registry);
    return t;
  }();
  return *table;
}

std::string joinNames(const std::vector<std::string> &names) {
  if (names.empty())
    return "(none)";
  std::string s;
  for (const std::string &name : names) {
    if (!s.empty())
      s += ", ";
    s += name;
  }
  return s;
}

bool contains(const std::vector<std::string> &list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

Result<Device> Device::open(std::string_view name) {
  DeviceTable &table = deviceTable();
  std::lock_guard<std::mutex> lock(table.mutex);
  auto it = table.devices.find(name);
  if (it != table.devices.end())
    return Device(it->second);
  hal::Driver *driver = table.registry.find(name);
  if (!driver)
    return notFound("no device named '", name, "'; available devices: ",
                    joinNames(table.registry.names()));
  Result<std::shared_ptr<hal::Device>> device = driver->createDevice();
  if (!device.ok())
    return device.status().withContext(strCat("opening device '", name, "'"));
  table.devices.emplace(std::string(name), device.value());
  return Device(std::move(device).value());
}

std::vector<std::string> Device::available() {
  return deviceTable().registry.names();
}

Result<Device> Device::bestFor(const Model &model) {
  std::vector<std::string> names = available();
  std::string reasons;
  for (const std::string &name : names) {
    Result<Device> device = Device::open(name);
    if (!device.ok()) {
      reasons += strCat("; ", device.status().message());
      continue;
    }
    if (device->canRun(model).ok())
      return device;
  }
  return failedPrecondition(
      "no available device runs model '", model.name(), "' (target '",
      model.target(), "'); available devices: ", joinNames(names), reasons);
}

const std::string &Device::name() const { return device_->info().name; }

Status Device::canRun(const Model &model) const {
  const hal::DeviceInfo &info = device_->info();
  if (!contains(info.targets, model.target()))
    return failedPrecondition("device '", info.name, "' cannot run model '",
                              model.name(), "': it was compiled for target '",
                              model.target(), "' and the device runs ",
                              joinNames(info.targets));
  for (const detail::LoadedSegment &segment : model.loaded().segments)
    if (!contains(info.formats, segment.format))
      return failedPrecondition(
          "device '", info.name, "' cannot run segment '", segment.name,
          "' of model '", model.name(), "': its format '", segment.format,
          "' is not one the device loads (", joinNames(info.formats), ")");
  return okStatus();
}

} // namespace nuri
