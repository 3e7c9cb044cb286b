// Several sessions of one Model running at once from different threads.
#include "test_util.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace nuri;
using namespace nuri::testing;

TEST_CASE("four threads run their own sessions of one model",
          "[session][concurrency]") {
  auto model = loadSpec(twoSegmentModel());
  REQUIRE(model.ok());
  auto device = Device::open("cpu-ref");
  REQUIRE(device.ok());
  constexpr int kThreads = 4;
  constexpr int kRuns = 200;
  std::atomic<int> failures{0};
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  const std::vector<float> constant = twoSegmentConstant();
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Sessions are created concurrently too, racing on the executable
      // cache.
      auto session = Session::create(*model, *device, {.profile = t % 2 == 0});
      if (!session.ok()) {
        errors[t] = session.status().toString();
        ++failures;
        return;
      }
      Tensor x = std::move(Tensor::allocate(DType::kFloat32, {2, 3})).value();
      for (int run = 0; run < kRuns; ++run) {
        float base = static_cast<float>(t * 1000 + run);
        for (int i = 0; i < 6; ++i)
          x.as<float>()[i] = base + static_cast<float>(i);
        Status status = session->setInput("x", x.view());
        if (status.ok())
          status = session->run();
        if (!status.ok()) {
          errors[t] = status.toString();
          ++failures;
          return;
        }
        const float *y = session->output("y")->as<float>();
        const float *k = session->output("k")->as<float>();
        for (int i = 0; i < 6; ++i) {
          if (y[i] != base + static_cast<float>(i) || k[i] != constant[i]) {
            errors[t] = "wrong result in run " + std::to_string(run);
            ++failures;
            return;
          }
        }
      }
    });
  }
  for (auto &thread : threads)
    thread.join();
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(errors[t].empty());
  }
  CHECK(failures.load() == 0);
}

TEST_CASE("devices open concurrently to one shared instance",
          "[session][concurrency]") {
  constexpr int kThreads = 4;
  std::vector<std::shared_ptr<hal::Device>> devices(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto device = Device::open("cpu-ref");
      if (device.ok())
        devices[t] = device->hal();
    });
  for (auto &thread : threads)
    thread.join();
  for (int t = 0; t < kThreads; ++t) {
    REQUIRE(devices[t]);
    CHECK(devices[t] == devices[0]);
  }
}
