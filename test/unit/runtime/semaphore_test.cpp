#include "nuri/hal/semaphore.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace nuri;
using hal::Semaphore;

TEST_CASE("semaphore signal raises and never lowers", "[hal][semaphore]") {
  Semaphore s(3);
  CHECK(s.value() == 3);
  s.signal(5);
  CHECK(s.value() == 5);
  s.signal(4);
  CHECK(s.value() == 5);
  CHECK(s.status().ok());
}

TEST_CASE("semaphore wait returns at once when reached", "[hal][semaphore]") {
  Semaphore s(7);
  CHECK(s.wait(7).ok());
  CHECK(s.wait(0).ok());
  // Huge timeouts must not overflow the deadline computation.
  CHECK(s.wait(7, std::chrono::nanoseconds::max()).ok());
  CHECK(s.wait(7, std::chrono::hours(1000000)).ok());
  CHECK(s.wait(7, std::chrono::nanoseconds(-5)).ok());
}

TEST_CASE("semaphore wait times out", "[hal][semaphore]") {
  Semaphore s(1);
  Status status = s.wait(2, std::chrono::milliseconds(5));
  CHECK(status.code() == StatusCode::kDeadlineExceeded);
  CHECK_THAT(status.message(), Catch::Contains("value 2"));
  // A zero timeout is a poll.
  CHECK(s.wait(2, std::chrono::nanoseconds(0)).code() ==
        StatusCode::kDeadlineExceeded);
  CHECK(s.wait(1, std::chrono::nanoseconds(0)).ok());
}

TEST_CASE("semaphore wait wakes on signal from another thread",
          "[hal][semaphore]") {
  Semaphore s;
  Status result = internalError("not run");
  std::atomic<bool> waiting{false};
  std::thread waiter([&] {
    waiting = true;
    result = s.wait(10);
  });
  // Let the waiter block first, so the wake-up path (not the fast path) runs.
  while (!waiting.load())
    std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  s.signal(9);
  s.signal(10);
  waiter.join();
  CHECK(result.ok());
}

TEST_CASE("semaphore failure wakes every waiter and is sticky",
          "[hal][semaphore]") {
  Semaphore s;
  constexpr int kWaiters = 4;
  std::vector<Status> results(kWaiters);
  std::atomic<int> started{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWaiters; ++i)
    threads.emplace_back([&, i] {
      ++started;
      results[i] = s.wait(100 + i);
    });
  while (started.load() < kWaiters)
    std::this_thread::yield();
  // Give the waiters time to block, so fail() has to wake them.
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  s.fail(aborted("device lost"));
  for (auto &t : threads)
    t.join();
  for (const Status &r : results) {
    CHECK(r.code() == StatusCode::kAborted);
    CHECK(r.message() == "device lost");
  }
  // Later waits fail too, even for values already reached.
  CHECK(s.wait(0).code() == StatusCode::kAborted);
  // The first failure is kept.
  s.fail(internalError("second"));
  CHECK(s.status().message() == "device lost");
}

TEST_CASE("semaphore failing with OK still reports an error",
          "[hal][semaphore]") {
  Semaphore s;
  s.fail(okStatus());
  CHECK_FALSE(s.status().ok());
  CHECK_FALSE(s.wait(1).ok());
}

TEST_CASE("semaphore serves concurrent waiters on different values",
          "[hal][semaphore]") {
  Semaphore s;
  constexpr int kWaiters = 8;
  std::atomic<int> done{0};
  std::atomic<int> started{0};
  std::vector<std::thread> threads;
  for (int i = 1; i <= kWaiters; ++i)
    threads.emplace_back([&, i] {
      ++started;
      if (s.wait(static_cast<uint64_t>(i)).ok())
        ++done;
    });
  // Let every waiter block first, so signals wake them rather than being
  // seen on entry.
  while (started.load() < kWaiters)
    std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  for (uint64_t v = 1; v <= kWaiters; ++v)
    s.signal(v);
  for (auto &t : threads)
    t.join();
  CHECK(done.load() == kWaiters);
}
