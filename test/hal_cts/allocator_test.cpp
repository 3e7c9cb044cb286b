// The device allocator: alignment, zero fill, sizes (0 included), byte
// accounting, host import, and mapping buffers.
#include "cts_util.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <limits>

namespace nuri::hal_cts {
namespace {

bool allZero(const hal::Buffer &buffer) {
  const auto *bytes = static_cast<const uint8_t *>(buffer.map());
  for (size_t i = 0; i < buffer.size(); ++i)
    if (bytes[i] != 0)
      return false;
  return true;
}

TEST_CASE("allocations are aligned, sized and zero-filled",
          "[cts][allocator]") {
  std::shared_ptr<hal::Device> device = createDevice();
  hal::Allocator &allocator = device->allocator();
  for (size_t alignment :
       {size_t(1), size_t(8), size_t(64), size_t(256), size_t(4096)})
    for (size_t size : {size_t(1), size_t(3), size_t(64), size_t(1000),
                        size_t(65543), size_t(3) << 20}) {
      INFO("size " << size << ", alignment " << alignment);
      Result<std::shared_ptr<hal::Buffer>> buffer =
          allocator.allocate(size, alignment);
      INFO(buffer.status().toString());
      REQUIRE(buffer.ok());
      REQUIRE((*buffer)->size() == size);
      REQUIRE((*buffer)->map() != nullptr);
      CHECK(reinterpret_cast<uintptr_t>((*buffer)->map()) % alignment == 0);
      CHECK(allZero(**buffer));
      // Dirty it: memory a later allocation reuses must come back zeroed.
      std::memset((*buffer)->map(), 0xa5, size);
    }
  Result<std::shared_ptr<hal::Buffer>> again = allocator.allocate(1000, 64);
  REQUIRE(again.ok());
  CHECK(allZero(**again));
}

TEST_CASE("a zero-byte allocation is a valid, empty buffer",
          "[cts][allocator]") {
  std::shared_ptr<hal::Device> device = createDevice();
  hal::Allocator &allocator = device->allocator();
  size_t before = allocator.bytesAllocated();
  Result<std::shared_ptr<hal::Buffer>> empty = allocator.allocate(0, 64);
  INFO(empty.status().toString());
  REQUIRE(empty.ok());
  CHECK((*empty)->size() == 0);
  CHECK(allocator.bytesAllocated() == before);
}

TEST_CASE("bytesAllocated counts the live allocations", "[cts][allocator]") {
  std::shared_ptr<hal::Device> device = createDevice();
  hal::Allocator &allocator = device->allocator();
  size_t base = allocator.bytesAllocated();
  auto a = allocator.allocate(100, 64);
  auto b = allocator.allocate(28, 16);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(allocator.bytesAllocated() == base + 128);
  a->reset();
  CHECK(allocator.bytesAllocated() == base + 28);
  b->reset();
  CHECK(allocator.bytesAllocated() == base);
}

TEST_CASE("impossible allocations fail cleanly", "[cts][allocator]") {
  std::shared_ptr<hal::Device> device = createDevice();
  hal::Allocator &allocator = device->allocator();
  size_t before = allocator.bytesAllocated();
  Result<std::shared_ptr<hal::Buffer>> huge =
      allocator.allocate(std::numeric_limits<size_t>::max() / 2, 64);
  REQUIRE_FALSE(huge.ok());
  CHECK_FALSE(huge.status().message().empty());
  // A non-power-of-two alignment is refused or honoured, never ignored.
  Result<std::shared_ptr<hal::Buffer>> odd = allocator.allocate(16, 48);
  if (odd.ok())
    CHECK(reinterpret_cast<uintptr_t>((*odd)->map()) % 48 == 0);
  else
    CHECK_FALSE(odd.status().message().empty());
  odd = internalError("released");
  CHECK(allocator.bytesAllocated() == before);
}

TEST_CASE("importHost wraps host memory in place or is unimplemented",
          "[cts][allocator]") {
  std::shared_ptr<hal::Device> device = createDevice();
  hal::Allocator &allocator = device->allocator();
  alignas(64) static thread_local uint8_t host[256];
  std::memset(host, 7, sizeof host);
  size_t before = allocator.bytesAllocated();
  Result<std::shared_ptr<hal::Buffer>> imported =
      allocator.importHost(host, sizeof host);
  if (!imported.ok()) {
    CHECK(imported.status().code() == StatusCode::kUnimplemented);
    return;
  }
  REQUIRE(*imported != nullptr);
  CHECK((*imported)->size() == sizeof host);
  CHECK((*imported)->map() == host);
  CHECK(allocator.bytesAllocated() == before); // not an allocation
  static_cast<uint8_t *>((*imported)->map())[3] = 42;
  CHECK(host[3] == 42);
  imported->reset();
  CHECK(host[0] == 7); // the caller's memory is left alone
}

TEST_CASE("a buffer maps to the same host memory every time", "[cts][buffer]") {
  std::shared_ptr<hal::Device> device = createDevice();
  Result<std::shared_ptr<hal::Buffer>> buffer =
      device->allocator().allocate(64, 64);
  REQUIRE(buffer.ok());
  hal::Buffer &b = **buffer;
  void *data = b.map();
  REQUIRE(data != nullptr);
  CHECK(b.map() == data);
  const hal::Buffer &constB = b;
  CHECK(constB.map() == data);
  for (int i = 0; i < 64; ++i)
    static_cast<uint8_t *>(data)[i] = static_cast<uint8_t>(i * 3);
  const auto *read = static_cast<const uint8_t *>(constB.map());
  for (int i = 0; i < 64; ++i)
    CHECK(read[i] == static_cast<uint8_t>(i * 3));
}

} // namespace
} // namespace nuri::hal_cts
