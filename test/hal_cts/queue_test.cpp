// queueExecute: results, wait and signal points (waits satisfied later from
// another thread, chains), execution errors through the signal semaphore,
// refused submissions, and concurrent submitters.
#include "cts_util.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

namespace nuri::hal_cts {
namespace {

TEST_CASE("a submission runs and raises its signal point", "[cts][queue]") {
  std::shared_ptr<hal::Device> device = createDevice();
  auto executable = loadKnownGood(*device);
  RunBuffers buffers = makeRunBuffers(*device, 1.5f);
  auto signal = std::make_shared<hal::Semaphore>(3);
  hal::Submission submission =
      makeSubmission(executable, buffers, {}, {signal, 7});
  hal::ExecutionProfile profile;
  submission.profile = &profile;
  REQUIRE(device->queueExecute(std::move(submission)).ok());
  Status status = signal->wait(7);
  INFO(status.toString());
  REQUIRE(status.ok());
  CHECK(signal->value() == 7);
  CHECK(buffers.outputCorrect());
  // A profiled run reports something: records, counters or both.
  CHECK((!profile.records.empty() || !profile.counters.empty()));
}

TEST_CASE("a wait point already reached does not hold a submission back",
          "[cts][queue]") {
  std::shared_ptr<hal::Device> device = createDevice();
  auto executable = loadKnownGood(*device);
  RunBuffers buffers = makeRunBuffers(*device, 2.0f);
  auto wait = std::make_shared<hal::Semaphore>(5);
  auto signal = std::make_shared<hal::Semaphore>();
  REQUIRE(device
              ->queueExecute(
                  makeSubmission(executable, buffers, {wait, 3}, {signal, 1}))
              .ok());
  REQUIRE(signal->wait(1).ok());
  CHECK(buffers.outputCorrect());
}

TEST_CASE("a submission waits for a point signalled later from another "
          "thread",
          "[cts][queue]") {
  std::shared_ptr<hal::Device> device = createDevice();
  auto executable = loadKnownGood(*device);
  RunBuffers buffers = makeRunBuffers(*device, 3.0f);
  auto wait = std::make_shared<hal::Semaphore>();
  auto signal = std::make_shared<hal::Semaphore>();
  Status queued;
  std::atomic<bool> submitting{false};
  // Drivers may block in queueExecute until the wait is satisfied.
  std::thread submitter([&] {
    submitting = true;
    queued = device->queueExecute(
        makeSubmission(executable, buffers, {wait, 2}, {signal, 1}));
  });
  // Give the submitter time to queue the work (or block in queueExecute), so
  // the checks below see a queued submission rather than one not yet made.
  while (!submitting.load())
    std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(15));
  wait->signal(1); // not enough yet
  // Give a driver that wrongly wakes on 1 time to run the work.
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(signal->value() == 0);
  CHECK(buffers.outputUntouched());
  wait->signal(2);
  Status status = signal->wait(1);
  submitter.join();
  REQUIRE(queued.ok());
  INFO(status.toString());
  REQUIRE(status.ok());
  CHECK(buffers.outputCorrect());
}

// Float buffers of the known-good executable's size.
std::shared_ptr<hal::Buffer> floatBuffer(hal::Device &device) {
  Result<std::shared_ptr<hal::Buffer>> buffer = device.allocator().allocate(
      static_cast<size_t>(knownGood().elements) * sizeof(float), 64);
  REQUIRE(buffer.ok());
  return *buffer;
}

// Step k of a chain reads stage k and writes stage k + 1, after timeline
// value k, signalling k + 1: stage n = x * 2^n.
struct Chain {
  std::vector<std::shared_ptr<hal::Buffer>> stages;
  std::shared_ptr<hal::Semaphore> timeline = std::make_shared<hal::Semaphore>();

  Chain(hal::Device &device, int steps) {
    for (int s = 0; s <= steps; ++s)
      stages.push_back(floatBuffer(device));
    auto *x = static_cast<float *>(stages[0]->map());
    for (int64_t i = 0; i < knownGood().elements; ++i)
      x[i] = 1.0f + 0.25f * static_cast<float>(i);
  }
  hal::Submission step(std::shared_ptr<hal::Executable> executable, int k,
                       hal::Buffer *arena, const hal::Buffer *constants) {
    hal::Submission submission;
    submission.executable = std::move(executable);
    submission.bindings.arena = arena;
    submission.bindings.constants = constants;
    submission.bindings.inputs = {stages[k].get()};
    submission.bindings.outputs = {stages[k + 1].get()};
    submission.wait = {timeline, static_cast<uint64_t>(k)};
    submission.signal = {timeline, static_cast<uint64_t>(k + 1)};
    return submission;
  }
  bool correct() const {
    const auto *x = static_cast<const float *>(stages.front()->map());
    const auto *y = static_cast<const float *>(stages.back()->map());
    float scale = static_cast<float>(1 << (stages.size() - 1));
    for (int64_t i = 0; i < knownGood().elements; ++i)
      if (y[i] != x[i] * scale)
        return false;
    return true;
  }
};

TEST_CASE("a chain of submissions on one timeline runs in order",
          "[cts][queue]") {
  std::shared_ptr<hal::Device> device = createDevice();
  auto executable = loadKnownGood(*device);
  RunBuffers scratch = makeRunBuffers(*device, 0.0f); // arena, constants
  constexpr int kSteps = 4;

  SECTION("submitted in order from one thread") {
    Chain chain(*device, kSteps);
    for (int k = 0; k < kSteps; ++k)
      REQUIRE(device
                  ->queueExecute(chain.step(executable, k, scratch.arena.get(),
                                            scratch.constants.get()))
                  .ok());
    REQUIRE(chain.timeline->wait(kSteps).ok());
    CHECK(chain.correct());
  }
  SECTION("submitted last first, each from its own thread") {
    Chain chain(*device, kSteps);
    // The timeline starts at 0 and step 0 waits for 0: hold the whole
    // chain behind a gate the main thread opens once all are submitted.
    auto gate = std::make_shared<hal::Semaphore>();
    std::vector<Status> queued(kSteps);
    std::vector<std::thread> submitters;
    for (int k = kSteps - 1; k >= 0; --k) {
      hal::Submission submission = chain.step(
          executable, k, scratch.arena.get(), scratch.constants.get());
      if (k == 0)
        submission.wait = {gate, 1};
      submitters.emplace_back(
          [&device, &queued, k, s = std::move(submission)]() mutable {
            queued[k] = device->queueExecute(std::move(s));
          });
    }
    CHECK(chain.timeline->value() == 0);
    gate->signal(1);
    Status status = chain.timeline->wait(kSteps);
    for (std::thread &submitter : submitters)
      submitter.join();
    for (const Status &s : queued)
      CHECK(s.ok());
    INFO(status.toString());
    REQUIRE(status.ok());
    CHECK(chain.correct());
  }
}

TEST_CASE("execution errors arrive through the signal semaphore",
          "[cts][queue]") {
  std::shared_ptr<hal::Device> device = createDevice();
  auto executable = loadKnownGood(*device);
  RunBuffers buffers = makeRunBuffers(*device, 1.0f);
  // An output binding too small for the output value: the run must fail.
  Result<std::shared_ptr<hal::Buffer>> tiny =
      device->allocator().allocate(4, 64);
  REQUIRE(tiny.ok());
  hal::Submission bad = makeSubmission(executable, buffers, {},
                                       {std::make_shared<hal::Semaphore>(), 1});
  bad.bindings.outputs = {tiny->get()};
  auto badSignal = bad.signal.semaphore;
  REQUIRE(device->queueExecute(std::move(bad)).ok());
  Status failure = badSignal->wait(1);
  REQUIRE_FALSE(failure.ok());
  CHECK_FALSE(failure.message().empty());
  CHECK(badSignal->status().message() == failure.message());
  CHECK(badSignal->value() == 0);

  // Work waiting on the failed point fails the same way and does not run.
  auto nextSignal = std::make_shared<hal::Semaphore>();
  REQUIRE(device
              ->queueExecute(makeSubmission(executable, buffers, {badSignal, 1},
                                            {nextSignal, 1}))
              .ok());
  CHECK(nextSignal->wait(1).message() == failure.message());
  CHECK(buffers.outputUntouched());

  // The device is still fine.
  auto goodSignal = std::make_shared<hal::Semaphore>();
  REQUIRE(device
              ->queueExecute(
                  makeSubmission(executable, buffers, {}, {goodSignal, 1}))
              .ok());
  REQUIRE(goodSignal->wait(1).ok());
  CHECK(buffers.outputCorrect());
}

TEST_CASE("submissions the device cannot run are refused at queue time",
          "[cts][queue]") {
  std::shared_ptr<hal::Device> device = createDevice();
  RunBuffers buffers = makeRunBuffers(*device, 1.0f);
  auto signal = std::make_shared<hal::Semaphore>();

  SECTION("no executable") {
    Status status =
        device->queueExecute(makeSubmission(nullptr, buffers, {}, {signal, 1}));
    CHECK_FALSE(status.ok());
    CHECK_FALSE(status.message().empty());
  }
  SECTION("an executable the device did not load") {
    Status status = device->queueExecute(makeSubmission(
        std::make_shared<ForeignExecutable>(), buffers, {}, {signal, 1}));
    CHECK_FALSE(status.ok());
    CHECK_FALSE(status.message().empty());
  }
  // Not queued: the signal point is left alone.
  CHECK(signal->value() == 0);
  CHECK(signal->status().ok());
  CHECK(buffers.outputUntouched());
}

TEST_CASE("several threads load and submit at once", "[cts][queue]") {
  std::shared_ptr<hal::Device> device = createDevice();
  auto shared = loadKnownGood(*device);
  // knownGood() uses Catch2, which is not thread-safe: fetch it here.
  const KnownGoodExecutable &good = knownGood();
  constexpr int kThreads = 4;
  constexpr int kRuns = 25;
  // Catch2 assertions are not thread-safe: threads only record failures.
  std::atomic<int> failures{0};
  std::vector<std::string> errors(kThreads);
  std::vector<RunBuffers> buffers;
  for (int t = 0; t < kThreads; ++t)
    buffers.push_back(makeRunBuffers(*device, 1.0f));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::shared_ptr<hal::Executable> executable = shared;
      if (t % 2 == 1) { // odd threads load their own copy concurrently
        auto own = device->loadExecutable(specOf(good));
        if (!own.ok()) {
          errors[t] = own.status().toString();
          ++failures;
          return;
        }
        executable = *own;
      }
      RunBuffers &mine = buffers[t];
      auto timeline = std::make_shared<hal::Semaphore>();
      for (int run = 1; run <= kRuns; ++run) {
        auto *x = static_cast<float *>(mine.input->map());
        for (int64_t i = 0; i < good.elements; ++i)
          x[i] = static_cast<float>(t * 1000 + run) + 0.5f * i;
        Status status = device->queueExecute(makeSubmission(
            executable, mine, {timeline, static_cast<uint64_t>(run - 1)},
            {timeline, static_cast<uint64_t>(run)}));
        if (status.ok())
          status = timeline->wait(run);
        if (!status.ok() || !mine.outputCorrect()) {
          errors[t] = status.ok() ? strCat("wrong result in run ", run)
                                  : status.toString();
          ++failures;
          return;
        }
      }
    });
  }
  for (std::thread &thread : threads)
    thread.join();
  for (const std::string &error : errors)
    CHECK(error == "");
  CHECK(failures == 0);
}

} // namespace
} // namespace nuri::hal_cts
