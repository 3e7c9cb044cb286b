// A host-memory allocator and buffer that every driver whose device
// addresses host memory directly (cpu-ref, simulators) can share.
#ifndef NURI_HAL_HOST_ALLOCATOR_H
#define NURI_HAL_HOST_ALLOCATOR_H

#include "nuri/hal/buffer.h"

#include <atomic>
#include <cstddef>
#include <memory>

namespace nuri::hal {

// Every allocation is at least this aligned, so any element type and the
// vector units of current hosts are happy.
inline constexpr size_t kHostAlignment = 64;

// Byte accounting shared by an allocator and the buffers it made, so a
// buffer may outlive its allocator.
struct HostAllocatorStats {
  std::atomic<size_t> bytesAllocated{0};
};

// A buffer over host memory: owned (heap or an anonymous mapping, released
// on destruction) or an imported range the caller owns.
class HostBuffer final : public Buffer {
public:
  enum class Storage { kImported, kHeap, kMapped };
  // `reserved` is the byte count to unmap for kMapped; `stats` (may be
  // null) is credited back `size` bytes on destruction of owned storage.
  HostBuffer(Storage storage, void *data, size_t size, size_t reserved,
             std::shared_ptr<HostAllocatorStats> stats);
  // Imported caller memory; never freed here.
  static std::shared_ptr<HostBuffer> wrap(void *data, size_t size);
  ~HostBuffer() override;
  HostBuffer(const HostBuffer &) = delete;
  HostBuffer &operator=(const HostBuffer &) = delete;

  size_t size() const override { return size_; }
  void *map() override { return data_; }
  const void *map() const override { return data_; }

private:
  Storage storage_;
  void *data_;
  size_t size_;
  size_t reserved_;
  std::shared_ptr<HostAllocatorStats> stats_;
};

class HostAllocator final : public Allocator {
public:
  // `allowImport` false makes importHost() return kUnimplemented, as a device
  // with private memory would (useful to exercise the copy paths).
  explicit HostAllocator(bool allowImport = true);

  // Alignment is raised to at least kHostAlignment; it must be a power of
  // two. A 0-byte buffer still gets a valid, unique address. Large buffers
  // are anonymous mappings, zeroed lazily by the OS, so an absurd size (say
  // from a damaged artifact) fails cleanly instead of touching every page.
  Result<std::shared_ptr<Buffer>> allocate(size_t size,
                                           size_t alignment) override;
  Result<std::shared_ptr<Buffer>> importHost(void *data, size_t size) override;
  size_t bytesAllocated() const override;

private:
  bool allowImport_;
  std::shared_ptr<HostAllocatorStats> stats_;
};

} // namespace nuri::hal

#endif // NURI_HAL_HOST_ALLOCATOR_H
