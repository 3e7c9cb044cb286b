// Timeline semaphores on their own and as a device sees them: signal,
// wait, timeout, and failures propagating through submissions.
#include "cts_util.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

namespace nuri::hal_cts {
namespace {

using std::chrono::nanoseconds;

TEST_CASE("semaphores signal, wait and time out", "[cts][semaphore]") {
  hal::Semaphore semaphore(2);
  CHECK(semaphore.value() == 2);
  CHECK(semaphore.wait(2, nanoseconds(0)).ok());
  Status timedOut = semaphore.wait(3, nanoseconds(0));
  CHECK(timedOut.code() == StatusCode::kDeadlineExceeded);
  semaphore.signal(5);
  CHECK(semaphore.value() == 5);
  semaphore.signal(4); // never lowers
  CHECK(semaphore.value() == 5);
  CHECK(semaphore.wait(5, nanoseconds(0)).ok());
  CHECK(semaphore.status().ok());
}

TEST_CASE("a failed semaphore wakes its waiters with the first error",
          "[cts][semaphore]") {
  auto semaphore = std::make_shared<hal::Semaphore>();
  Status seen;
  std::thread waiter([&] { seen = semaphore->wait(10); });
  semaphore->fail(aborted("the first failure"));
  semaphore->fail(aborted("a later failure"));
  waiter.join();
  CHECK(seen.code() == StatusCode::kAborted);
  CHECK(seen.message() == "the first failure");
  CHECK(semaphore->wait(0).message() == "the first failure");
  CHECK(semaphore->status().message() == "the first failure");
}

TEST_CASE("a failed wait point fails the submission's signal point",
          "[cts][semaphore][queue]") {
  std::shared_ptr<hal::Device> device = createDevice();
  auto executable = loadKnownGood(*device);
  RunBuffers buffers = makeRunBuffers(*device, 1.0f);
  auto wait = std::make_shared<hal::Semaphore>();
  auto signal = std::make_shared<hal::Semaphore>();
  wait->fail(dataLoss("upstream work failed"));
  Status queued = device->queueExecute(
      makeSubmission(executable, buffers, {wait, 1}, {signal, 1}));
  REQUIRE(queued.ok());
  Status status = signal->wait(1);
  CHECK(status.code() == StatusCode::kDataLoss);
  CHECK_THAT(status.message(), Catch::Contains("upstream work failed"));
  CHECK(signal->value() == 0);
  CHECK(buffers.outputUntouched());
}

TEST_CASE("a wait point failed later from another thread fails the "
          "submission",
          "[cts][semaphore][queue]") {
  std::shared_ptr<hal::Device> device = createDevice();
  auto executable = loadKnownGood(*device);
  RunBuffers buffers = makeRunBuffers(*device, 1.0f);
  auto wait = std::make_shared<hal::Semaphore>();
  auto signal = std::make_shared<hal::Semaphore>();
  Status queued;
  // Drivers may block in queueExecute until the wait resolves.
  std::thread submitter([&] {
    queued = device->queueExecute(
        makeSubmission(executable, buffers, {wait, 1}, {signal, 1}));
  });
  wait->fail(aborted("cancelled upstream"));
  Status status = signal->wait(1);
  submitter.join();
  REQUIRE(queued.ok());
  CHECK(status.code() == StatusCode::kAborted);
  CHECK_THAT(status.message(), Catch::Contains("cancelled upstream"));
  CHECK(buffers.outputUntouched());
}

} // namespace
} // namespace nuri::hal_cts
