#include "cts_util.h"

#include "api/builtin_drivers.h"

#include <catch2/catch.hpp>

#include <cstring>

namespace nuri::hal_cts {

std::shared_ptr<hal::Device> createDevice() {
  hal::DriverRegistry registry;
  registerBuiltinDrivers(registry);
  hal::Driver *driver = registry.find(driverUnderTest());
  INFO("driver '" << driverUnderTest() << "'");
  REQUIRE(driver != nullptr);
  Result<std::shared_ptr<hal::Device>> device = driver->createDevice();
  INFO(device.status().toString());
  REQUIRE(device.ok());
  REQUIRE(*device != nullptr);
  return *device;
}

const KnownGoodExecutable &knownGood() {
  static const Result<KnownGoodExecutable> good = buildKnownGoodExecutable();
  INFO(good.status().toString());
  REQUIRE(good.ok());
  return *good;
}

hal::ExecutableSpec specOf(const KnownGoodExecutable &good) {
  hal::ExecutableSpec spec;
  spec.name = kSegmentName;
  spec.format = good.format;
  spec.formatVersion = good.formatVersion;
  spec.payload = good.payload;
  spec.values = good.values;
  return spec;
}

std::shared_ptr<hal::Executable> loadKnownGood(hal::Device &device) {
  Result<std::shared_ptr<hal::Executable>> executable =
      device.loadExecutable(specOf(knownGood()));
  INFO(executable.status().toString());
  REQUIRE(executable.ok());
  REQUIRE(*executable != nullptr);
  return *executable;
}

RunBuffers makeRunBuffers(hal::Device &device, float first) {
  const KnownGoodExecutable &good = knownGood();
  hal::Allocator &allocator = device.allocator();
  size_t bytes = static_cast<size_t>(good.elements) * sizeof(float);
  RunBuffers buffers;
  buffers.first = first;
  auto allocate = [&](size_t size) {
    Result<std::shared_ptr<hal::Buffer>> buffer = allocator.allocate(size, 64);
    INFO(buffer.status().toString());
    REQUIRE(buffer.ok());
    return *buffer;
  };
  buffers.input = allocate(bytes);
  buffers.output = allocate(bytes);
  if (good.arenaBytes > 0)
    buffers.arena = allocate(good.arenaBytes);
  if (!good.constants.empty()) {
    buffers.constants = allocate(good.constants.size());
    std::memcpy(buffers.constants->map(), good.constants.data(),
                good.constants.size());
  }
  auto *x = static_cast<float *>(buffers.input->map());
  for (int64_t i = 0; i < good.elements; ++i)
    x[i] = first + 0.5f * static_cast<float>(i);
  return buffers;
}

hal::Bindings RunBuffers::bindings() const {
  hal::Bindings bindings;
  bindings.arena = arena.get();
  bindings.constants = constants.get();
  bindings.inputs = {input.get()};
  bindings.outputs = {output.get()};
  return bindings;
}

std::vector<float> RunBuffers::outputValues() const {
  const auto *y = static_cast<const float *>(output->map());
  return std::vector<float>(y, y + output->size() / sizeof(float));
}

bool RunBuffers::outputCorrect() const {
  const auto *x = static_cast<const float *>(input->map());
  std::vector<float> y = outputValues();
  for (size_t i = 0; i < y.size(); ++i)
    if (y[i] != x[i] + x[i])
      return false;
  return !y.empty();
}

bool RunBuffers::outputUntouched() const {
  for (float v : outputValues())
    if (v != 0.0f)
      return false;
  return true;
}

hal::Submission makeSubmission(std::shared_ptr<hal::Executable> executable,
                               const RunBuffers &buffers,
                               hal::SemaphorePoint wait,
                               hal::SemaphorePoint signal) {
  hal::Submission submission;
  submission.executable = std::move(executable);
  submission.bindings = buffers.bindings();
  submission.wait = std::move(wait);
  submission.signal = std::move(signal);
  return submission;
}

} // namespace nuri::hal_cts
