// loadExecutable: the known-good payload loads; another format, garbage,
// truncated or damaged bytes and a too-new version are refused with an
// error that names the segment, never a crash. Damaged payloads that do
// load must run, or fail with a message.
#include "cts_util.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>

namespace nuri::hal_cts {
namespace {

// Checks that `status`, a refused load, is a clear error.
void checkLoadError(const Status &status) {
  CHECK(status.code() != StatusCode::kInternal);
  CHECK_THAT(status.message(), Catch::Contains(std::string(kSegmentName)));
}

// The error loading `spec`, checked to be a clear one.
Status loadError(hal::Device &device, const hal::ExecutableSpec &spec) {
  Result<std::shared_ptr<hal::Executable>> executable =
      device.loadExecutable(spec);
  if (executable.ok())
    return okStatus();
  Status status = executable.status();
  checkLoadError(status);
  return status;
}

// Deterministic junk (xorshift64).
std::vector<uint8_t> garbage(size_t size, uint64_t seed) {
  std::vector<uint8_t> bytes(size);
  uint64_t state = seed * 0x9e3779b97f4a7c15ull + 1;
  for (uint8_t &byte : bytes) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    byte = static_cast<uint8_t>(state >> 56);
  }
  return bytes;
}

TEST_CASE("the known-good executable loads", "[cts][executable]") {
  std::shared_ptr<hal::Device> device = createDevice();
  auto executable = loadKnownGood(*device);
  CHECK(executable->format() == knownGood().format);
  // Loading again gives a second, equally usable executable.
  auto second = loadKnownGood(*device);
  CHECK(second->format() == knownGood().format);
}

TEST_CASE("a payload of another format is refused", "[cts][executable]") {
  std::shared_ptr<hal::Device> device = createDevice();
  hal::ExecutableSpec spec = specOf(knownGood());
  spec.format = "nuri-cts-no-such-format";
  Status status = loadError(*device, spec);
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains("nuri-cts-no-such-format"));
}

TEST_CASE("a format version newer than the driver's is refused",
          "[cts][executable]") {
  std::shared_ptr<hal::Device> device = createDevice();
  hal::ExecutableSpec spec = specOf(knownGood());
  spec.formatVersion = 1000000;
  Status status = loadError(*device, spec);
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains("1000000"));
}

TEST_CASE("garbage payloads are refused", "[cts][executable]") {
  std::shared_ptr<hal::Device> device = createDevice();
  for (size_t size : {0, 1, 7, 8, 16, 64, 1000, 4096})
    for (uint64_t seed : {1, 2, 3}) {
      INFO(size << " garbage bytes, seed " << seed);
      std::vector<uint8_t> bytes = garbage(size, seed);
      hal::ExecutableSpec spec = specOf(knownGood());
      spec.payload = bytes;
      CHECK_FALSE(loadError(*device, spec).ok());
    }
  std::vector<uint8_t> zeros(256, 0);
  hal::ExecutableSpec spec = specOf(knownGood());
  spec.payload = zeros;
  CHECK_FALSE(loadError(*device, spec).ok());
}

TEST_CASE("truncated payloads are refused", "[cts][executable]") {
  std::shared_ptr<hal::Device> device = createDevice();
  const std::vector<uint8_t> &payload = knownGood().payload;
  REQUIRE(payload.size() > 32);
  for (size_t size = 0; size < payload.size(); ++size) {
    INFO("the first " << size << " of " << payload.size() << " bytes");
    std::vector<uint8_t> bytes(payload.begin(), payload.begin() + size);
    hal::ExecutableSpec spec = specOf(knownGood());
    spec.payload = bytes;
    Status status = loadError(*device, spec);
    // Only dropping trailing alignment padding may leave a valid payload.
    if (size + 16 <= payload.size())
      CHECK_FALSE(status.ok());
  }
}

TEST_CASE("damaged payloads load or are refused, never crash",
          "[cts][executable]") {
  std::shared_ptr<hal::Device> device = createDevice();
  const std::vector<uint8_t> &payload = knownGood().payload;
  for (size_t i = 0; i < payload.size(); ++i)
    for (uint8_t flip : {uint8_t(0xff), uint8_t(0x80), uint8_t(0x01)}) {
      INFO("byte " << i << " xor " << int(flip));
      std::vector<uint8_t> bytes = payload;
      bytes[i] ^= flip;
      hal::ExecutableSpec spec = specOf(knownGood());
      spec.payload = bytes;
      Result<std::shared_ptr<hal::Executable>> executable =
          device->loadExecutable(spec);
      if (!executable.ok()) {
        checkLoadError(executable.status());
        continue;
      }
      // It loaded, so it must also run, or fail cleanly with a message.
      RunBuffers buffers = makeRunBuffers(*device, 1.0f);
      auto signal = std::make_shared<hal::Semaphore>();
      Status queued = device->queueExecute(
          makeSubmission(*executable, buffers, {}, {signal, 1}));
      if (!queued.ok()) {
        CHECK_FALSE(queued.message().empty());
        continue;
      }
      Status status = signal->wait(1, std::chrono::seconds(10));
      INFO(status.toString());
      CHECK(status.code() != StatusCode::kDeadlineExceeded);
      CHECK((status.ok() || !status.message().empty()));
    }
}

} // namespace
} // namespace nuri::hal_cts
