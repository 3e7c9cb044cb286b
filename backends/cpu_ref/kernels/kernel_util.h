// Small helpers every kernel family uses: attribute access with errors that
// name the node, axis normalization, reading shape-like input tensors, and
// output checks.
#ifndef NURI_CPU_REF_KERNELS_KERNEL_UTIL_H
#define NURI_CPU_REF_KERNELS_KERNEL_UTIL_H

#include "cpu_ref/kernels/kernel.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::cpu_ref {

// Attribute getters: the default when absent, an error naming the op and
// node when present with the wrong kind.
Result<int64_t> intAttr(const KernelContext &ctx, std::string_view name,
                        int64_t defaultValue);
Result<float> floatAttr(const KernelContext &ctx, std::string_view name,
                        float defaultValue);
Result<std::string> stringAttr(const KernelContext &ctx, std::string_view name,
                               std::string defaultValue);
Result<std::vector<int64_t>> intsAttr(const KernelContext &ctx,
                                      std::string_view name,
                                      std::vector<int64_t> defaultValue);
Result<std::vector<float>> floatsAttr(const KernelContext &ctx,
                                      std::string_view name,
                                      std::vector<float> defaultValue);
Result<std::vector<std::string>>
stringsAttr(const KernelContext &ctx, std::string_view name,
            std::vector<std::string> defaultValue);
// Fails when the attribute is absent.
Result<int64_t> requiredIntAttr(const KernelContext &ctx,
                                std::string_view name);
bool hasAttr(const KernelContext &ctx, std::string_view name);
// An attribute that must be 0 or 1.
Result<bool> boolAttr(const KernelContext &ctx, std::string_view name,
                      bool defaultValue);

// An int attribute naming a dtype (Cast's "to", EyeLike's "dtype"): the
// default when absent, an error when it names no known dtype or 0
// (undefined). Kernels check their own accepted subset afterwards.
Result<DType> dtypeAttr(const KernelContext &ctx, std::string_view name,
                        DType defaultValue);
// Fails when the attribute is absent.
Result<DType> requiredDTypeAttr(const KernelContext &ctx,
                                std::string_view name);

// Maps axis in [-rank, rank) to [0, rank); an error otherwise.
Result<int64_t> normalizeAxis(const KernelContext &ctx, int64_t axis,
                              int64_t rank);
// Normalizes each axis and rejects duplicates.
Result<std::vector<int64_t>> normalizeAxes(const KernelContext &ctx,
                                           const std::vector<int64_t> &axes,
                                           int64_t rank);

// The values of an integer tensor (any integer dtype) as int64; `what`
// names the input in errors ("shape", "axes").
Result<std::vector<int64_t>> readInt64s(const KernelContext &ctx,
                                        const TensorView &view,
                                        std::string_view what);
// The single value of a one-element integer tensor.
Result<int64_t> readScalarInt64(const KernelContext &ctx,
                                const TensorView &view, std::string_view what);
// The values of a numeric tensor of any dtype, converted to double.
Result<std::vector<double>> readDoubles(const KernelContext &ctx,
                                        const TensorView &view,
                                        std::string_view what);

// Writes `values` (one per element of `out`) into `out`, of any numeric
// dtype, with Cast rules (integers truncate and saturate); the inverse of
// readDoubles.
Status writeDoubles(const KernelContext &ctx, TensorView &out,
                    const std::vector<double> &values);

// Checks that output `i` exists with `shape` and `dtype` and returns it;
// allocates it first when it has no storage and ctx.allocate is set (see
// KernelContext::allocateOutput).
Result<TensorView *> prepareOutput(const KernelContext &ctx, size_t i,
                                   const Shape &shape, DType dtype);
// Fails unless `view` has `dtype`; `what` names the tensor.
Status requireDType(const KernelContext &ctx, const TensorView &view,
                    DType dtype, std::string_view what);
// Fails unless `view` has at least `minRank` dims.
Status requireRank(const KernelContext &ctx, const TensorView &view,
                   int64_t minRank, std::string_view what);

// Copies src's bytes into dst (same byte size; they may alias).
void copyBytes(const TensorView &src, TensorView &dst);

// A shape seen as [outer, size, inner] around one axis: element (o, k, i)
// sits at (o * size + k) * inner + i.
struct AxisSplit {
  int64_t outer = 1;
  int64_t size = 1;
  int64_t inner = 1;
};
AxisSplit splitAtAxis(const Shape &shape, int64_t axis);

// Product of dims [begin, end).
int64_t productOfDims(const Shape &shape, size_t begin, size_t end);

// Steps a row-major multi-index over `dims`; false after the last one
// (the index is then back to all zeros).
bool advanceIndex(std::vector<int64_t> &index,
                  const std::vector<int64_t> &dims);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_KERNEL_UTIL_H
