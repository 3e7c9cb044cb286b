// Session: the memory of one model execution context (arena, constants,
// input and output bindings), the run loop over the model's segments, and
// the merging of their profiles into the run's.
#include "api/executable_cache.h"
#include "artifact/loaded_model.h"
#include "nuri/runtime.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <span>

namespace nuri {
namespace detail {

struct SessionState {
  SessionState(Model m, Device d, SessionOptions o)
      : model(std::move(m)), device(std::move(d)), options(o) {}

  Model model;
  Device device;
  SessionOptions options;
  std::vector<std::shared_ptr<hal::Executable>> executables;

  std::shared_ptr<hal::Buffer> arena;
  std::shared_ptr<hal::Buffer> constants;
  // What each input slot is bound to: an imported caller buffer or staging.
  std::vector<std::shared_ptr<hal::Buffer>> inputs;
  // Session-owned copies for inputs that cannot be imported; kept across
  // setInput calls so rebinding does not reallocate.
  std::vector<std::shared_ptr<hal::Buffer>> staging;
  std::vector<std::shared_ptr<hal::Buffer>> outputs;
  std::vector<TensorView> outputViews;
  bool haveOutputs = false;

  hal::ExecutionProfile profile;
  // The session's timeline. A failure is sticky, so a failed run replaces it.
  std::shared_ptr<hal::Semaphore> timeline = std::make_shared<hal::Semaphore>();
  uint64_t timelineValue = 0;

  const LoadedModel &loaded() const { return model.loaded(); }
};

} // namespace detail

namespace {

using detail::SessionState;

std::string joinTensorNames(const std::vector<TensorInfo> &infos) {
  if (infos.empty())
    return "(none)";
  std::string s;
  for (const TensorInfo &info : infos) {
    if (!s.empty())
      s += ", ";
    s += info.name;
  }
  return s;
}

std::string describeType(DType dtype, const Shape &shape) {
  return strCat(dtypeName(dtype), " ", shapeToString(shape));
}

Status importConstants(SessionState &state) {
  std::span<const uint8_t> data = state.loaded().constants;
  if (data.empty())
    return okStatus();
  hal::Allocator &allocator = state.device.hal()->allocator();
  // Devices only read constants, so dropping const for the import is safe.
  auto imported =
      allocator.importHost(const_cast<uint8_t *>(data.data()), data.size());
  if (imported.ok()) {
    state.constants = std::move(imported).value();
    return okStatus();
  }
  if (imported.status().code() != StatusCode::kUnimplemented)
    return imported.status();
  NURI_ASSIGN_OR_RETURN(state.constants, allocator.allocate(data.size(), 64));
  std::memcpy(state.constants->map(), data.data(), data.size());
  return okStatus();
}

Status allocateBuffers(SessionState &state) {
  const detail::LoadedModel &loaded = state.loaded();
  hal::Allocator &allocator = state.device.hal()->allocator();
  if (loaded.arenaSize > 0) {
    NURI_ASSIGN_OR_RETURN(
        state.arena,
        allocator.allocate(loaded.arenaSize, loaded.arenaAlignment));
  }
  NURI_RETURN_IF_ERROR(importConstants(state));
  state.inputs.resize(loaded.inputs.size());
  state.staging.resize(loaded.inputs.size());
  for (size_t i = 0; i < loaded.outputs.size(); ++i) {
    const hal::ValueInfo &value = loaded.values[loaded.outputValues[i]];
    NURI_ASSIGN_OR_RETURN(std::shared_ptr<hal::Buffer> buffer,
                          allocator.allocate(value.size, 64));
    state.outputViews.push_back(TensorView{
        loaded.outputs[i].dtype, loaded.outputs[i].shape, buffer->map()});
    state.outputs.push_back(std::move(buffer));
  }
  return okStatus();
}

// Binds `view` to input `index` without copying when the device can
// address it in place, else copies it into the slot's staging buffer.
Status bindInput(SessionState &state, size_t index, const TensorView &view) {
  hal::Allocator &allocator = state.device.hal()->allocator();
  size_t bytes = view.byteSize();
  bool aligned = view.data && reinterpret_cast<uintptr_t>(view.data) % 64 == 0;
  if (aligned) {
    auto imported = allocator.importHost(view.data, bytes);
    if (imported.ok()) {
      state.inputs[index] = std::move(imported).value();
      return okStatus();
    }
    if (imported.status().code() != StatusCode::kUnimplemented)
      return imported.status();
  }
  std::shared_ptr<hal::Buffer> &staging = state.staging[index];
  if (!staging) {
    NURI_ASSIGN_OR_RETURN(staging, allocator.allocate(bytes, 64));
  }
  if (bytes > 0)
    std::memcpy(staging->map(), view.data, bytes);
  state.inputs[index] = staging;
  return okStatus();
}

// Merging the profiles of a run's segments into the run's profile.
//
// Records are concatenated in segment order; a device record's startCycle
// is shifted by the "cycles" of the segments before it, so a trace shows the
// segments one after another.
//
// Counters are merged by what they measure, recognised by name:
//   - device constants and peaks ("clock_mhz", "cores", "peak_*",
//     "*_per_cycle"): the maximum over segments (one device runs them all);
//     except "peak_macs_per_cycle", the peak for the run's MAC mix
//     (docs/npu/timing.md), which becomes macs / sum_s(macs_s / peak_s);
//   - per-cycle ratios ("*_utilization"): the mean over segments weighted by
//     each segment's "cycles";
//   - "roofline_cycles": recomputed from the merged totals,
//     max(macs / peak_macs_per_cycle, dram_bytes / dram_bytes_per_cycle),
//     or the maximum over segments when those counters are missing;
//   - everything else (counts, cycles, bytes, busy/stall cycles): the sum.
// With one segment the profile is the segment's own.
enum class MergeRule { kSum, kMax, kCycleWeighted, kRecomputed };

MergeRule mergeRuleFor(std::string_view name) {
  if (name == "peak_macs_per_cycle" || name == "roofline_cycles")
    return MergeRule::kRecomputed;
  if (name.ends_with("_utilization"))
    return MergeRule::kCycleWeighted;
  if (name == "clock_mhz" || name == "cores" || name.starts_with("peak_") ||
      name.ends_with("_per_cycle"))
    return MergeRule::kMax;
  return MergeRule::kSum;
}

// The merged value of counter `name` over `segments` under its rule; the
// recomputed ones get their maximum here and are fixed up afterwards.
double mergeCounter(std::string_view name,
                    std::span<const hal::ExecutionProfile> segments) {
  MergeRule rule = mergeRuleFor(name);
  double sum = 0, max = 0, weighted = 0, weights = 0;
  bool first = true;
  for (const hal::ExecutionProfile &segment : segments) {
    std::optional<double> value = segment.counter(name);
    if (!value)
      continue;
    sum += *value;
    max = first ? *value : std::max(max, *value);
    first = false;
    if (std::optional<double> cycles = segment.counter("cycles")) {
      weighted += *value * *cycles;
      weights += *cycles;
    }
  }
  switch (rule) {
  case MergeRule::kSum:
    return sum;
  case MergeRule::kCycleWeighted:
    return weights > 0 ? weighted / weights : max;
  case MergeRule::kMax:
  case MergeRule::kRecomputed:
    return max;
  }
  return sum;
}

void setCounter(hal::ExecutionProfile &profile, std::string_view name,
                double value) {
  for (auto &entry : profile.counters)
    if (entry.first == name)
      entry.second = value;
}

// The counters merged under kRecomputed (see above).
void recomputeCounters(hal::ExecutionProfile &total,
                       std::span<const hal::ExecutionProfile> segments) {
  if (total.counter("peak_macs_per_cycle")) {
    double macs = 0, cyclesAtPeak = 0;
    bool complete = true;
    for (const hal::ExecutionProfile &segment : segments) {
      std::optional<double> segmentMacs = segment.counter("macs");
      std::optional<double> peak = segment.counter("peak_macs_per_cycle");
      if (!segmentMacs || !peak || *peak <= 0) {
        complete = false;
        break;
      }
      macs += *segmentMacs;
      cyclesAtPeak += *segmentMacs / *peak;
    }
    if (complete && macs > 0 && cyclesAtPeak > 0)
      setCounter(total, "peak_macs_per_cycle", macs / cyclesAtPeak);
  }
  std::optional<double> macs = total.counter("macs");
  std::optional<double> peak = total.counter("peak_macs_per_cycle");
  std::optional<double> bytes = total.counter("dram_bytes");
  std::optional<double> bandwidth = total.counter("dram_bytes_per_cycle");
  if (total.counter("roofline_cycles") && macs && peak && *peak > 0 && bytes &&
      bandwidth && *bandwidth > 0)
    setCounter(total, "roofline_cycles",
               std::max(*macs / *peak, *bytes / *bandwidth));
}

hal::ExecutionProfile
mergeSegmentProfiles(std::vector<hal::ExecutionProfile> &segments) {
  if (segments.size() == 1)
    return std::move(segments.front());
  hal::ExecutionProfile total;
  double cyclesBefore = 0;
  for (hal::ExecutionProfile &segment : segments) {
    auto offset = static_cast<uint64_t>(cyclesBefore);
    for (hal::ProfileRecord &record : segment.records) {
      if (!record.track.empty())
        record.startCycle += offset;
      total.records.push_back(std::move(record));
    }
    cyclesBefore += segment.counter("cycles").value_or(0);
    for (const auto &counter : segment.counters)
      if (!total.counter(counter.first))
        total.counters.emplace_back(counter.first, 0);
  }
  for (auto &[name, value] : total.counters)
    value = mergeCounter(name, segments);
  recomputeCounters(total, segments);
  return total;
}

} // namespace

Session::Session(std::unique_ptr<detail::SessionState> state)
    : state_(std::move(state)) {}
Session::Session(Session &&) noexcept = default;
Session &Session::operator=(Session &&) noexcept = default;
Session::~Session() = default;

Result<Session> Session::create(const Model &model, const Device &device,
                                SessionOptions options) {
  std::string context = strCat("creating a session of model '", model.name(),
                               "' on device '", device.name(), "'");
  NURI_RETURN_IF_ERROR(device.canRun(model));
  auto state = std::make_unique<SessionState>(model, device, options);
  auto executables = detail::executablesFor(model.loaded(), device.hal());
  if (!executables.ok())
    return executables.status().withContext(context);
  state->executables = std::move(executables).value();
  Status status = allocateBuffers(*state);
  if (!status.ok())
    return status.withContext(context);
  return Session(std::move(state));
}

const Model &Session::model() const { return state_->model; }

Status Session::setInput(std::string_view name, const TensorView &view) {
  std::optional<size_t> index = state_->model.inputIndex(name);
  if (!index)
    return notFound(
        "model '", state_->model.name(), "' has no input named '", name,
        "'; its inputs are: ", joinTensorNames(state_->model.inputs()));
  return setInput(*index, view);
}

Status Session::setInput(size_t index, const TensorView &view) {
  const std::vector<TensorInfo> &inputs = state_->model.inputs();
  if (index >= inputs.size())
    return outOfRange("input index ", index, " is out of range; model '",
                      state_->model.name(), "' has ", inputs.size(), " inputs");
  const TensorInfo &info = inputs[index];
  // A failed bind leaves the slot unbound so run() cannot use stale data.
  state_->inputs[index].reset();
  if (view.dtype != info.dtype || view.shape != info.shape)
    return invalidArgument("input '", info.name, "' expects ",
                           describeType(info.dtype, info.shape), " but got ",
                           describeType(view.dtype, view.shape));
  if (!view.data && view.byteSize() > 0)
    return invalidArgument("input '", info.name, "' has no data");
  Status status = bindInput(*state_, index, view);
  if (!status.ok())
    return status.withContext(strCat("binding input '", info.name, "'"));
  return okStatus();
}

Status Session::run() {
  SessionState &state = *state_;
  const detail::LoadedModel &loaded = state.loaded();
  for (size_t i = 0; i < state.inputs.size(); ++i)
    if (!state.inputs[i])
      return failedPrecondition("input '", loaded.inputs[i].name,
                                "' of model '", loaded.name,
                                "' is not bound; call setInput() before run()");
  state.haveOutputs = false;
  state.profile = hal::ExecutionProfile();

  hal::Bindings bindings;
  bindings.arena = state.arena.get();
  bindings.constants = state.constants.get();
  for (const auto &input : state.inputs)
    bindings.inputs.push_back(input.get());
  for (const auto &output : state.outputs)
    bindings.outputs.push_back(output.get());

  std::vector<hal::ExecutionProfile> segmentProfiles(
      state.options.profile ? loaded.segments.size() : 0);
  for (size_t i = 0; i < loaded.segments.size(); ++i) {
    const detail::LoadedSegment &segment = loaded.segments[i];
    hal::Submission submission;
    submission.executable = state.executables[i];
    submission.bindings = bindings;
    submission.wait = {state.timeline, state.timelineValue};
    submission.signal = {state.timeline, state.timelineValue + 1};
    submission.profile = state.options.profile ? &segmentProfiles[i] : nullptr;
    Status status = state.device.hal()->queueExecute(std::move(submission));
    if (status.ok())
      status = state.timeline->wait(state.timelineValue + 1);
    if (!status.ok()) {
      // The failure is sticky; the next run starts on a fresh timeline.
      state.timeline = std::make_shared<hal::Semaphore>();
      state.timelineValue = 0;
      return status.withContext(strCat("running segment '", segment.name,
                                       "' of model '", loaded.name, "'"));
    }
    ++state.timelineValue;
  }
  if (!segmentProfiles.empty())
    state.profile = mergeSegmentProfiles(segmentProfiles);
  state.haveOutputs = true;
  return okStatus();
}

Result<TensorView> Session::output(std::string_view name) const {
  std::optional<size_t> index = state_->model.outputIndex(name);
  if (!index)
    return notFound(
        "model '", state_->model.name(), "' has no output named '", name,
        "'; its outputs are: ", joinTensorNames(state_->model.outputs()));
  return output(*index);
}

Result<TensorView> Session::output(size_t index) const {
  if (index >= state_->outputViews.size())
    return outOfRange("output index ", index, " is out of range; model '",
                      state_->model.name(), "' has ",
                      state_->outputViews.size(), " outputs");
  if (!state_->haveOutputs)
    return failedPrecondition("output '", state_->model.outputs()[index].name,
                              "' is not available: run() has not succeeded");
  return state_->outputViews[index];
}

const hal::ExecutionProfile &Session::profile() const {
  return state_->profile;
}

} // namespace nuri
