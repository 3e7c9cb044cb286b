// The driver through the registration list, its devices and DeviceInfo.
#include "api/builtin_drivers.h"
#include "cts_util.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

namespace nuri::hal_cts {
namespace {

TEST_CASE("the driver is in the built-in registration list", "[cts][driver]") {
  hal::DriverRegistry registry;
  registerBuiltinDrivers(registry);
  std::vector<std::string> names = registry.names();
  CHECK(std::count(names.begin(), names.end(), driverUnderTest()) == 1);
  hal::Driver *driver = registry.find(driverUnderTest());
  REQUIRE(driver != nullptr);
  CHECK(driver->name() == driverUnderTest());
  CHECK(registry.find("nuri-cts-no-such-driver") == nullptr);
}

TEST_CASE("the driver creates working devices, each time asked",
          "[cts][driver]") {
  std::shared_ptr<hal::Device> first = createDevice();
  std::shared_ptr<hal::Device> second = createDevice();
  CHECK(first != second);
  CHECK(first->info().name == second->info().name);
  // Either device runs work, whichever was created last.
  for (hal::Device *device : {second.get(), first.get()}) {
    auto executable = loadKnownGood(*device);
    RunBuffers buffers = makeRunBuffers(*device, 1.0f);
    auto signal = std::make_shared<hal::Semaphore>();
    REQUIRE(
        device
            ->queueExecute(makeSubmission(executable, buffers, {}, {signal, 1}))
            .ok());
    REQUIRE(signal->wait(1).ok());
    CHECK(buffers.outputCorrect());
  }
}

TEST_CASE("DeviceInfo names the device, its targets and formats",
          "[cts][driver]") {
  std::shared_ptr<hal::Device> device = createDevice();
  const hal::DeviceInfo &info = device->info();
  CHECK_FALSE(info.name.empty());
  CHECK(info.driver == driverUnderTest());
  CHECK_FALSE(info.targets.empty());
  CHECK_FALSE(info.formats.empty());
  for (const auto *list : {&info.targets, &info.formats}) {
    std::set<std::string> unique(list->begin(), list->end());
    CHECK(unique.size() == list->size());
    CHECK(unique.count("") == 0);
  }
  CHECK(std::count(info.formats.begin(), info.formats.end(),
                   knownGood().format) == 1);
  // The same object every time: callers keep references to it.
  CHECK(&device->info() == &info);
}

} // namespace
} // namespace nuri::hal_cts
