// A timeline semaphore: a 64-bit counter that only grows. Work signals it
// to a value when done; waiters block until it reaches theirs. A failure is
// sticky and wakes every waiter with the error.
#ifndef NURI_HAL_SEMAPHORE_H
#define NURI_HAL_SEMAPHORE_H

#include "nuri/status.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

namespace nuri::hal {

class Semaphore {
public:
  explicit Semaphore(uint64_t initialValue = 0) : value_(initialValue) {}

  uint64_t value() const;
  // The failure, or OK while the semaphore is healthy.
  Status status() const;
  // Raises the value (never lowers it) and wakes waiters.
  void signal(uint64_t value);
  // Marks the timeline failed; current and later waits return `error`.
  void fail(Status error);
  // Blocks until value() >= `value`, the semaphore fails, or `timeout`
  // passes (kDeadlineExceeded).
  Status wait(uint64_t value, std::chrono::nanoseconds timeout =
                                  std::chrono::nanoseconds::max());

private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  uint64_t value_;
  Status failure_;
};

// A point on a timeline: "semaphore reaches value".
struct SemaphorePoint {
  std::shared_ptr<Semaphore> semaphore;
  uint64_t value = 0;
};

} // namespace nuri::hal

#endif // NURI_HAL_SEMAPHORE_H
