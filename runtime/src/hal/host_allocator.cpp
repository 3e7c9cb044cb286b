#include "nuri/hal/host_allocator.h"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <sys/mman.h>

namespace nuri::hal {

namespace {
// From this size on, buffers are anonymous mappings (zero pages on demand).
constexpr size_t kMapThreshold = size_t(1) << 20;
constexpr size_t kPageSize = 4096;
} // namespace

HostBuffer::HostBuffer(Storage storage, void *data, size_t size,
                       size_t reserved,
                       std::shared_ptr<HostAllocatorStats> stats)
    : storage_(storage), data_(data), size_(size), reserved_(reserved),
      stats_(std::move(stats)) {}

std::shared_ptr<HostBuffer> HostBuffer::wrap(void *data, size_t size) {
  return std::make_shared<HostBuffer>(Storage::kImported, data, size, 0,
                                      nullptr);
}

HostBuffer::~HostBuffer() {
  switch (storage_) {
  case Storage::kImported:
    return;
  case Storage::kHeap:
    std::free(data_);
    break;
  case Storage::kMapped:
    munmap(data_, reserved_);
    break;
  }
  if (stats_)
    stats_->bytesAllocated.fetch_sub(size_, std::memory_order_relaxed);
}

HostAllocator::HostAllocator(bool allowImport)
    : allowImport_(allowImport),
      stats_(std::make_shared<HostAllocatorStats>()) {}

Result<std::shared_ptr<Buffer>> HostAllocator::allocate(size_t size,
                                                        size_t alignment) {
  if (alignment == 0)
    alignment = kHostAlignment;
  if ((alignment & (alignment - 1)) != 0)
    return invalidArgument("buffer alignment ", alignment,
                           " is not a power of two");
  if (alignment < kHostAlignment)
    alignment = kHostAlignment;
  // aligned_alloc wants a size that is a multiple of the alignment.
  size_t rounded = size == 0 ? alignment : size;
  if (rounded > std::numeric_limits<size_t>::max() - (alignment - 1))
    return resourceExhausted("cannot allocate ", size, " bytes");
  rounded = (rounded + alignment - 1) / alignment * alignment;

  HostBuffer::Storage storage = HostBuffer::Storage::kHeap;
  void *data = nullptr;
  if (rounded >= kMapThreshold && alignment <= kPageSize) {
    storage = HostBuffer::Storage::kMapped;
    data = mmap(nullptr, rounded, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (data == MAP_FAILED)
      data = nullptr;
  } else {
    data = std::aligned_alloc(alignment, rounded);
    if (data)
      std::memset(data, 0, rounded);
  }
  if (!data)
    return resourceExhausted("out of host memory allocating ", size, " bytes");
  stats_->bytesAllocated.fetch_add(size, std::memory_order_relaxed);
  return std::shared_ptr<Buffer>(
      std::make_shared<HostBuffer>(storage, data, size, rounded, stats_));
}

Result<std::shared_ptr<Buffer>> HostAllocator::importHost(void *data,
                                                          size_t size) {
  if (!allowImport_)
    return unimplemented("this device cannot address host memory in place");
  if (!data && size != 0)
    return invalidArgument("cannot import a null pointer of ", size, " bytes");
  return std::shared_ptr<Buffer>(HostBuffer::wrap(data, size));
}

size_t HostAllocator::bytesAllocated() const {
  return stats_->bytesAllocated.load(std::memory_order_relaxed);
}

} // namespace nuri::hal
