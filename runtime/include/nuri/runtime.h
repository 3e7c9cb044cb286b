// The Nuri runtime's C++ API for applications.
//
//   auto model = nuri::Model::load("mlp.nuri");          // mmap + verify
//   auto device = nuri::Device::open("cpu-ref");
//   auto session = nuri::Session::create(*model, *device);
//   session->setInput("x", view);                        // zero-copy if it can
//   session->run();
//   nuri::TensorView y = *session->output("y");
//
// Errors come back as Status/Result with a message that names what failed and
// where. Models and devices are thread-safe and shareable; a Session belongs
// to one thread at a time, and several sessions of one model may run
// concurrently.
#ifndef NURI_RUNTIME_H
#define NURI_RUNTIME_H

#include "nuri/hal/device.h"
#include "nuri/status.h"
#include "nuri/tensor.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nuri {

namespace detail {
struct LoadedModel;
struct SessionState;
} // namespace detail

// Schema version this runtime reads (see runtime/schema/artifact.fbs).
inline constexpr uint16_t kArtifactVersionMajor = 1;
inline constexpr uint16_t kArtifactVersionMinor = 0;

struct TensorInfo {
  std::string name;
  DType dtype = DType::kUndefined;
  Shape shape;
};

// A compiled model (*.nuri), verified and immutable.
class Model {
public:
  // Memory-maps the file; fails with the path in the message.
  static Result<Model> load(const std::string &path);
  // Copies `bytes` (any alignment) into an aligned buffer.
  static Result<Model> fromMemory(std::span<const uint8_t> bytes);

  const std::string &name() const;
  const std::string &target() const;   // compile target, e.g. "cpu-ref"
  const std::string &producer() const; // "nuri-compile 0.1.0"
  const std::vector<TensorInfo> &inputs() const;
  const std::vector<TensorInfo> &outputs() const;
  std::optional<size_t> inputIndex(std::string_view name) const;
  std::optional<size_t> outputIndex(std::string_view name) const;

  const detail::LoadedModel &loaded() const { return *impl_; }

private:
  explicit Model(std::shared_ptr<const detail::LoadedModel> impl)
      : impl_(std::move(impl)) {}
  std::shared_ptr<const detail::LoadedModel> impl_;
};

// A device to run models on, opened by name ("cpu-ref", "npu-sim").
class Device {
public:
  static Result<Device> open(std::string_view name);
  // Names of every device this runtime can open, best first.
  static std::vector<std::string> available();
  // The best available device that runs `model`'s target.
  static Result<Device> bestFor(const Model &model);

  const std::string &name() const;
  // OK when this device runs the model's target and every segment format.
  Status canRun(const Model &model) const;

  const std::shared_ptr<hal::Device> &hal() const { return device_; }

private:
  explicit Device(std::shared_ptr<hal::Device> device)
      : device_(std::move(device)) {}
  std::shared_ptr<hal::Device> device_;
};

struct SessionOptions {
  // Record per-node (or per-instruction) profiles on every run.
  bool profile = false;
};

class Session {
public:
  static Result<Session> create(const Model &model, const Device &device,
                                SessionOptions options = {});
  Session(Session &&) noexcept;
  Session &operator=(Session &&) noexcept;
  ~Session();

  const Model &model() const;

  // Binds an input. The view must match the model's dtype and shape. When
  // the device can address the memory in place (and it is 64-byte aligned)
  // no copy is made and the caller keeps it alive and unchanged until run()
  // returns; otherwise it is copied now.
  Status setInput(std::string_view name, const TensorView &view);
  Status setInput(size_t index, const TensorView &view);

  // Runs the model on the bound inputs; every input must be bound.
  Status run();

  // The outputs of the last run, valid until the next run or destruction.
  Result<TensorView> output(std::string_view name) const;
  Result<TensorView> output(size_t index) const;

  // The profile of the last run (empty unless SessionOptions::profile).
  const hal::ExecutionProfile &profile() const;

private:
  explicit Session(std::unique_ptr<detail::SessionState> state);
  std::unique_ptr<detail::SessionState> state_;
};

} // namespace nuri

#endif // NURI_RUNTIME_H
