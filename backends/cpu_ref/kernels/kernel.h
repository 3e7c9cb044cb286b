// The reference kernel interface: one function per ONNX op type, plain and
// obviously correct C++ over dense row-major tensors.
//
// The same kernels serve the cpu-ref HAL driver (executing an artifact) and
// the compiler (folding constant subgraphs), so there is one definition of
// each op's semantics in Nuri.
#ifndef NURI_CPU_REF_KERNELS_KERNEL_H
#define NURI_CPU_REF_KERNELS_KERNEL_H

#include "cpu_ref/kernels/attributes.h"
#include "nuri/status.h"
#include "nuri/tensor.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::cpu_ref {

// Gives output `index` storage for `dtype` and `shape` and returns the view
// the kernel writes to (usually the caller's outputs[index] object, filled
// in). Only callers that run kernels on unallocated outputs supply one.
using OutputAllocator = std::function<Result<TensorView *>(
    size_t index, DType dtype, const Shape &shape)>;

// Everything a kernel sees of one node execution. Output views normally come
// with their shape (known statically from the artifact) and storage already
// set; the kernel computes the shape it expects, checks it with
// checkOutputShape (or prepareOutput), and writes the data.
//
// Kernels whose output shapes depend on input values (NonZero, Unique, ...;
// see kernelComputesOutputShapes) may also run with an output left
// unallocated (data == nullptr, dtype set, shape ignored) and `allocate`
// set: the compiler does this when it folds them. They size such outputs
// through allocateOutput.
struct KernelContext {
  std::string_view opType;
  std::string_view nodeName;
  const AttributeMap *attrs = nullptr;
  std::vector<const TensorView *> inputs; // nullptr: absent optional input
  std::vector<TensorView *> outputs;      // nullptr: unused optional output
  OutputAllocator allocate; // empty: every output comes with storage

  size_t numInputs() const { return inputs.size(); }
  size_t numOutputs() const { return outputs.size(); }
  const TensorView *input(size_t i) const {
    return i < inputs.size() ? inputs[i] : nullptr;
  }
  TensorView *output(size_t i) const {
    return i < outputs.size() ? outputs[i] : nullptr;
  }

  // An error that names the op and node: "Conv 'conv1': <message>".
  template <typename... Args> Status error(Args &&...args) const {
    return invalidArgument(opType, " '", nodeName, "': ", args...);
  }
  template <typename... Args> Status unsupported(Args &&...args) const {
    return unimplemented(opType, " '", nodeName, "': ", args...);
  }
  // Fails unless input `i` is present.
  Result<const TensorView *> requireInput(size_t i) const;
  // Fails unless output `i` exists and has `shape` (what the kernel computed).
  Status checkOutputShape(size_t i, const Shape &shape) const;
  // Output `i` with `shape`, for a kernel that computed that shape: when the
  // view has no storage and `allocate` is set, allocates it through
  // `allocate` (with the view's dtype); otherwise only checks the shape, like
  // checkOutputShape.
  Result<TensorView *> allocateOutput(size_t i, const Shape &shape) const;
};

using KernelFn = Status (*)(const KernelContext &);

// The kernel for an ONNX op type, or nullptr when cpu-ref has none.
KernelFn findKernel(std::string_view opType);
// True when the kernel for `opType` computes its output shapes from input
// values (NonZero, Unique, Compress, NonMaxSuppression) and so can run with
// unallocated outputs and KernelContext::allocate set; false for every other
// op type, whose output shapes the caller must supply.
bool kernelComputesOutputShapes(std::string_view opType);

// Runs the kernel for ctx.opType; an unimplemented error when there is none.
Status runKernel(const KernelContext &ctx);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_KERNEL_H
