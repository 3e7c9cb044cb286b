// DriverRegistry and HostAllocator.
#include "nuri/hal/device.h"
#include "nuri/hal/host_allocator.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>

using namespace nuri;

namespace {
class FakeDriver : public hal::Driver {
public:
  explicit FakeDriver(std::string name) : name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  Result<std::shared_ptr<hal::Device>> createDevice() override {
    return unimplemented("fake");
  }

private:
  std::string name_;
};
} // namespace

TEST_CASE("driver registry finds drivers by name in order", "[hal]") {
  hal::DriverRegistry registry;
  CHECK(registry.names().empty());
  CHECK(registry.find("a") == nullptr);
  REQUIRE(registry.registerDriver(std::make_unique<FakeDriver>("b")).ok());
  REQUIRE(registry.registerDriver(std::make_unique<FakeDriver>("a")).ok());
  CHECK(registry.names() == std::vector<std::string>{"b", "a"});
  REQUIRE(registry.find("a") != nullptr);
  CHECK(registry.find("a")->name() == "a");
  CHECK(registry.find("c") == nullptr);
}

TEST_CASE("driver registry rejects duplicates and nulls", "[hal]") {
  hal::DriverRegistry registry;
  REQUIRE(registry.registerDriver(std::make_unique<FakeDriver>("a")).ok());
  Status dup = registry.registerDriver(std::make_unique<FakeDriver>("a"));
  CHECK(dup.code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(dup.message(), Catch::Contains("'a'"));
  CHECK_FALSE(registry.registerDriver(nullptr).ok());
  CHECK_FALSE(registry.registerDriver(std::make_unique<FakeDriver>("")).ok());
  CHECK(registry.names().size() == 1);
}

TEST_CASE("host allocator aligns, zeroes and accounts bytes", "[hal]") {
  hal::HostAllocator allocator;
  CHECK(allocator.bytesAllocated() == 0);
  auto a = allocator.allocate(100, 16);
  REQUIRE(a.ok());
  CHECK((*a)->size() == 100);
  CHECK(reinterpret_cast<uintptr_t>((*a)->map()) % 64 == 0);
  const auto *bytes = static_cast<const uint8_t *>((*a)->map());
  for (size_t i = 0; i < 100; ++i)
    REQUIRE(bytes[i] == 0);
  auto b = allocator.allocate(10, 256);
  REQUIRE(b.ok());
  CHECK(reinterpret_cast<uintptr_t>((*b)->map()) % 256 == 0);
  CHECK(allocator.bytesAllocated() == 110);
  a->reset();
  CHECK(allocator.bytesAllocated() == 10);
  // Zero-byte buffers still get a valid address.
  auto empty = allocator.allocate(0, 64);
  REQUIRE(empty.ok());
  CHECK((*empty)->map() != nullptr);
  CHECK(allocator.allocate(8, 48).status().code() ==
        StatusCode::kInvalidArgument);
}

TEST_CASE("host allocator maps large buffers and fails cleanly on absurd "
          "sizes",
          "[hal]") {
  hal::HostAllocator allocator;
  auto large = allocator.allocate(size_t(3) << 20, 64);
  REQUIRE(large.ok());
  CHECK(reinterpret_cast<uintptr_t>((*large)->map()) % 64 == 0);
  const auto *bytes = static_cast<const uint8_t *>((*large)->map());
  CHECK(bytes[0] == 0);
  CHECK(bytes[(size_t(3) << 20) - 1] == 0);
  CHECK(allocator.bytesAllocated() == size_t(3) << 20);
  large->reset();
  CHECK(allocator.bytesAllocated() == 0);
  // Far beyond any machine: an error, not a crash or an OOM kill.
  auto absurd = allocator.allocate(size_t(1) << 60, 64);
  CHECK(absurd.status().code() == StatusCode::kResourceExhausted);
  CHECK(allocator.allocate(~size_t(0) - 10, 64).status().code() ==
        StatusCode::kResourceExhausted);
  CHECK(allocator.bytesAllocated() == 0);
}

TEST_CASE("host allocator buffers may outlive it", "[hal]") {
  std::shared_ptr<hal::Buffer> buffer;
  {
    hal::HostAllocator allocator;
    buffer = std::move(allocator.allocate(32, 64)).value();
  }
  std::memset(buffer->map(), 1, 32);
  buffer.reset(); // must not touch the destroyed allocator
}

TEST_CASE("host allocator imports host memory without copying", "[hal]") {
  hal::HostAllocator allocator;
  alignas(64) float data[4] = {1, 2, 3, 4};
  auto imported = allocator.importHost(data, sizeof data);
  REQUIRE(imported.ok());
  CHECK((*imported)->map() == data);
  CHECK((*imported)->size() == sizeof data);
  CHECK(allocator.bytesAllocated() == 0); // imports are not counted
  imported->reset();
  CHECK(data[3] == 4); // not freed

  hal::HostAllocator noImport(/*allowImport=*/false);
  CHECK(noImport.importHost(data, sizeof data).status().code() ==
        StatusCode::kUnimplemented);
}
