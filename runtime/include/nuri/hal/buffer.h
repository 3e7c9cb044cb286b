// HAL buffers and allocators.
#ifndef NURI_HAL_BUFFER_H
#define NURI_HAL_BUFFER_H

#include "nuri/status.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace nuri::hal {

// A range of device memory. Every current device can address host memory,
// so a buffer can always be mapped; a device with private memory would copy
// on map/unmap.
class Buffer {
public:
  virtual ~Buffer() = default;
  virtual size_t size() const = 0;
  // Host address of the contents, valid for the buffer's lifetime.
  virtual void *map() = 0;
  virtual const void *map() const = 0;
};

class Allocator {
public:
  virtual ~Allocator() = default;
  // A zero-initialised buffer of `size` bytes aligned to `alignment`.
  virtual Result<std::shared_ptr<Buffer>> allocate(size_t size,
                                                   size_t alignment) = 0;
  // Wraps caller-owned host memory without copying. The caller keeps the
  // memory alive while the buffer is in use. Returns kUnimplemented when the
  // device cannot address host memory in place (the caller then copies).
  virtual Result<std::shared_ptr<Buffer>> importHost(void *data,
                                                     size_t size) = 0;
  // Bytes currently allocated through allocate() (not imported).
  virtual size_t bytesAllocated() const = 0;
};

} // namespace nuri::hal

#endif // NURI_HAL_BUFFER_H
