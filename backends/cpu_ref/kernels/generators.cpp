// Ops that generate tensors from a few numbers: Range-11, OneHot-11,
// EyeLike-9, and the running sum CumSum-14.
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <cmath>
#include <cstring>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// Range-11: ceil((limit - start) / delta) elements start + i * delta.
Status rangeKernel(const KernelContext &ctx) {
  const TensorView *in[3];
  for (size_t i = 0; i < 3; ++i) {
    NURI_ASSIGN_OR_RETURN(in[i], ctx.requireInput(i));
    if (in[i]->numElements() != 1)
      return ctx.error("input ", i, " must be a scalar, got shape ",
                       shapeToString(in[i]->shape));
    NURI_RETURN_IF_ERROR(
        requireDType(ctx, *in[i], in[0]->dtype, "every input"));
  }
  constexpr unsigned kTypes = kF32 | kF64 | kI16 | kI32 | kI64;
  return visitDType<kTypes>(ctx, in[0]->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T start = in[0]->as<const T>()[0];
    const T limit = in[1]->as<const T>()[0];
    const T delta = in[2]->as<const T>()[0];
    if (delta == 0)
      return ctx.error("delta must be non-zero");
    int64_t count;
    if constexpr (std::is_integral_v<T>) {
      // Exact integer count; the difference fits in 128 bits.
      __int128 span = static_cast<__int128>(limit) - start;
      __int128 q = span / delta;
      if (q * delta != span && (span > 0) == (delta > 0))
        ++q; // round the quotient up
      count = q > 0 ? static_cast<int64_t>(q) : 0;
    } else {
      double n = std::ceil((static_cast<double>(limit) - start) / delta);
      if (!(n < 9.0e18))
        return ctx.error("range is too long or not finite");
      count = n > 0 ? static_cast<int64_t>(n) : 0;
    }
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, {count}, in[0]->dtype));
    T *out = y->as<T>();
    for (int64_t i = 0; i < count; ++i) {
      if constexpr (std::is_integral_v<T>)
        out[i] = static_cast<T>(start + i * static_cast<int64_t>(delta));
      else
        out[i] = static_cast<T>(static_cast<double>(start) +
                                static_cast<double>(i) * delta);
    }
    return okStatus();
  });
}

// OneHot-11: depth inserted at `axis`; `values` = [off, on]. Negative
// indices count from depth; indices outside [-depth, depth) are all off.
Status oneHotKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *indicesIn, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *depthIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(const TensorView *values, ctx.requireInput(2));
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", -1));
  if (depthIn->numElements() != 1)
    return ctx.error("depth must be a scalar, got shape ",
                     shapeToString(depthIn->shape));
  if (values->numElements() != 2)
    return ctx.error("values must have two elements [off, on], got shape ",
                     shapeToString(values->shape));
  // Cast semantics: float indices and depth truncate toward zero.
  NURI_ASSIGN_OR_RETURN(std::vector<double> depthValue,
                        readDoubles(ctx, *depthIn, "depth"));
  NURI_ASSIGN_OR_RETURN(std::vector<double> indices,
                        readDoubles(ctx, *indicesIn, "indices"));
  const auto depth = convertElement<int64_t>(depthValue[0]);
  if (depth < 1)
    return ctx.error("depth must be positive, got ", depth);
  const int64_t outRank = indicesIn->rank() + 1;
  if (axisAttr < -outRank || axisAttr >= outRank)
    return ctx.error("axis ", axisAttr, " is out of range for output rank ",
                     outRank);
  const int64_t axis = axisAttr < 0 ? axisAttr + outRank : axisAttr;
  Shape shape = indicesIn->shape;
  shape.insert(shape.begin() + axis, depth);
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, shape, values->dtype));
  const AxisSplit s = splitAtAxis(shape, axis);
  const size_t elem = dtypeSize(values->dtype);
  if (elem == 0)
    return ctx.unsupported("values dtype ", dtypeName(values->dtype));
  const auto *off = static_cast<const unsigned char *>(values->data);
  const unsigned char *on = off + elem;
  auto *out = static_cast<unsigned char *>(y->data);
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t i = 0; i < s.inner; ++i) {
      int64_t hot = convertElement<int64_t>(indices[o * s.inner + i]);
      if (hot < 0)
        hot += depth;
      for (int64_t k = 0; k < depth; ++k)
        std::memcpy(out + ((o * depth + k) * s.inner + i) * elem,
                    k == hot ? on : off, elem);
    }
  return okStatus();
}

// EyeLike-9: ones on diagonal k of a 2-D tensor shaped like the input.
Status eyeLikeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  if (x->rank() != 2)
    return ctx.error("input must be 2-D, got shape ", shapeToString(x->shape));
  NURI_ASSIGN_OR_RETURN(int64_t k, intAttr(ctx, "k", 0));
  NURI_ASSIGN_OR_RETURN(DType dtype, dtypeAttr(ctx, "dtype", x->dtype));
  return visitDType<kAll>(ctx, dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, dtype));
    T *out = y->as<T>();
    const int64_t rows = x->shape[0], cols = x->shape[1];
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j)
        out[i * cols + j] = convertElement<T>(j - i == k ? 1 : 0);
    return okStatus();
  });
}

// CumSum-14: running sum along the axis given as a scalar input; exclusive
// leaves out the current element, reverse runs from the end.
Status cumSumKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *axisIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(bool exclusive, boolAttr(ctx, "exclusive", false));
  NURI_ASSIGN_OR_RETURN(bool reverse, boolAttr(ctx, "reverse", false));
  NURI_ASSIGN_OR_RETURN(int64_t axisValue,
                        readScalarInt64(ctx, *axisIn, "axis"));
  constexpr unsigned kTypes = kFloat | kI32 | kI64 | kU32 | kU64;
  return visitDType<kTypes>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    // Running sums in double for floats; integers wrap in their own type.
    using A = std::conditional_t<kIsFloat<T>, double, T>;
    NURI_ASSIGN_OR_RETURN(int64_t axis,
                          normalizeAxis(ctx, axisValue, x->rank()));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    const AxisSplit s = splitAtAxis(x->shape, axis);
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t o = 0; o < s.outer; ++o)
      for (int64_t i = 0; i < s.inner; ++i) {
        A sum = 0;
        for (int64_t step = 0; step < s.size; ++step) {
          const int64_t k = reverse ? s.size - 1 - step : step;
          const int64_t at = (o * s.size + k) * s.inner + i;
          const A v = static_cast<A>(load(in[at]));
          if (!exclusive)
            sum = wrapAdd(sum, v);
          out[at] = convertElement<T>(sum);
          if (exclusive)
            sum = wrapAdd(sum, v);
        }
      }
    return okStatus();
  });
}

} // namespace

void registerGeneratorKernels(KernelTable &table) {
  table.add("Range", rangeKernel);
  table.add("OneHot", oneHotKernel);
  table.add("EyeLike", eyeLikeKernel);
  table.add("CumSum", cumSumKernel);
}

} // namespace nuri::cpu_ref
