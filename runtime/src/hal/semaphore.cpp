#include "nuri/hal/semaphore.h"

namespace nuri::hal {

uint64_t Semaphore::value() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return value_;
}

Status Semaphore::status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failure_;
}

void Semaphore::signal(uint64_t value) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (value <= value_)
      return;
    value_ = value;
  }
  changed_.notify_all();
}

void Semaphore::fail(Status error) {
  // A failure must be an error, or waiters could not tell it from success.
  if (error.ok())
    error = internalError("semaphore failed with an OK status");
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failure_.ok())
      return; // the first failure is the one that explains the others
    failure_ = std::move(error);
  }
  changed_.notify_all();
}

Status Semaphore::wait(uint64_t value, std::chrono::nanoseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto ready = [&] { return !failure_.ok() || value_ >= value; };
  // A deadline past the clock's range (e.g. the default nanoseconds::max())
  // would overflow wait_for; that means "forever".
  using Clock = std::chrono::steady_clock;
  Clock::time_point now = Clock::now();
  if (timeout >= Clock::time_point::max() - now) {
    changed_.wait(lock, ready);
  } else if (!changed_.wait_until(lock, now + timeout, ready)) {
    return deadlineExceeded(
        "timed out after ",
        std::chrono::duration<double, std::milli>(timeout).count(),
        " ms waiting for semaphore value ", value, " (at ", value_, ")");
  }
  if (!failure_.ok())
    return failure_;
  return okStatus();
}

} // namespace nuri::hal
