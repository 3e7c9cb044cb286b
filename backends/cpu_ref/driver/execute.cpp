// Running a loaded program: resolve every value to memory, then call each
// node's kernel in order.
#include "cpu_ref/driver/executable.h"

#include <chrono>
#include <exception>

namespace nuri::cpu_ref {
namespace {

// Host address of `value` under `bindings`, checking the binding covers it.
Result<void *> resolve(const hal::ValueInfo &value,
                       const hal::Bindings &bindings) {
  const hal::Buffer *buffer = nullptr;
  uint64_t offset = 0;
  switch (value.kind) {
  case hal::ValueKind::kInput:
    if (value.index < bindings.inputs.size())
      buffer = bindings.inputs[value.index];
    break;
  case hal::ValueKind::kOutput:
    if (value.index < bindings.outputs.size())
      buffer = bindings.outputs[value.index];
    break;
  case hal::ValueKind::kConstant:
    buffer = bindings.constants;
    offset = value.offset;
    break;
  case hal::ValueKind::kArena:
    buffer = bindings.arena;
    offset = value.offset;
    break;
  }
  if (!buffer) {
    // An empty tensor (e.g. Resize's unused roi) needs no memory, and a
    // model whose constants are all empty has no constant buffer at all.
    if (value.size == 0)
      return static_cast<void *>(nullptr);
    return failedPrecondition(hal::valueKindName(value.kind), " value '",
                              value.name, "' has no buffer bound");
  }
  if (offset > buffer->size() || value.size > buffer->size() - offset)
    return outOfRange(hal::valueKindName(value.kind), " value '", value.name,
                      "' needs bytes [", offset, ", +", value.size,
                      ") but its buffer has ", buffer->size());
  // Kernels only write outputs and arena values (checked at load), so
  // dropping const on inputs and constants is safe.
  auto *base = static_cast<uint8_t *>(const_cast<void *>(buffer->map()));
  return static_cast<void *>(base + offset);
}

Status runNode(const ProgramNode &node, std::vector<TensorView> &views) {
  KernelContext ctx;
  ctx.opType = node.opType;
  ctx.nodeName = node.name;
  ctx.attrs = &node.attrs;
  for (int32_t index : node.inputs)
    ctx.inputs.push_back(index >= 0 ? &views[index] : nullptr);
  for (int32_t index : node.outputs)
    ctx.outputs.push_back(index >= 0 ? &views[index] : nullptr);
  // Kernels return Status, but a std::bad_alloc from a vector inside one
  // must still not escape the driver.
  try {
    return node.kernel(ctx);
  } catch (const std::exception &e) {
    return internalError("kernel threw: ", e.what());
  } catch (...) {
    return internalError("kernel threw an unknown exception");
  }
}

} // namespace

Status CpuRefExecutable::execute(const hal::Bindings &bindings,
                                 hal::ExecutionProfile *profile) const {
  std::vector<TensorView> views(values_.size());
  for (int32_t index : usedValues_) {
    const hal::ValueInfo &value = values_[index];
    Result<void *> data = resolve(value, bindings);
    if (!data.ok())
      return data.status();
    views[index] = TensorView{value.dtype, value.shape, *data};
  }
  using Clock = std::chrono::steady_clock;
  for (const ProgramNode &node : nodes_) {
    Clock::time_point start = profile ? Clock::now() : Clock::time_point();
    Status status = runNode(node, views);
    if (!status.ok())
      return Status(status.code(),
                    strCat("node '", node.name, "' (", node.opType,
                           "): ", status.message()));
    if (profile) {
      hal::ProfileRecord record;
      record.name = node.name;
      record.opType = node.opType;
      record.microseconds =
          std::chrono::duration<double, std::micro>(Clock::now() - start)
              .count();
      profile->records.push_back(std::move(record));
    }
  }
  return okStatus();
}

} // namespace nuri::cpu_ref
