// Ops whose output shapes depend on input values: NonZero-13, Unique-11 and
// Compress-11. They size their outputs with prepareOutput, which allocates
// them when the caller left them unallocated (see
// KernelContext::allocateOutput), so the compiler can fold them.
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// NonZero: the indices of the non-zero elements, [rank, count], in
// row-major order of the elements. NaN is non-zero, -0.0 is zero.
Status nonZeroKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  return visitDType<kNumeric | kBool>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T *in = x->as<const T>();
    const int64_t n = x->numElements();
    std::vector<int64_t> hits;
    for (int64_t i = 0; i < n; ++i)
      if (load(in[i]) != Compute<T>(0))
        hits.push_back(i);
    const auto count = static_cast<int64_t>(hits.size());
    NURI_ASSIGN_OR_RETURN(
        TensorView * y,
        prepareOutput(ctx, 0, {x->rank(), count}, DType::kInt64));
    int64_t *out = y->as<int64_t>();
    const std::vector<int64_t> strides = rowMajorStrides(x->shape);
    for (int64_t k = 0; k < count; ++k) {
      int64_t rest = hits[k];
      for (int64_t d = 0; d < x->rank(); ++d) {
        out[d * count + k] = rest / strides[d];
        rest %= strides[d];
      }
    }
    return okStatus();
  });
}

// A strict weak order on element values that puts NaN after every number
// and treats NaNs as equal (numpy's unique).
template <typename C> bool valueLess(C a, C b) {
  if (isNan(a) || isNan(b))
    return !isNan(a) && isNan(b);
  return a < b;
}

// Unique: the distinct elements (no axis) or distinct slices along `axis`,
// sorted ascending (slices lexicographically) or in order of first
// occurrence; optional outputs are the first occurrences, the inverse
// mapping and the counts.
Status uniqueKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(bool sorted, boolAttr(ctx, "sorted", true));
  const bool hasAxis = hasAttr(ctx, "axis");
  int64_t axis = 0;
  if (hasAxis) {
    NURI_ASSIGN_OR_RETURN(int64_t a, intAttr(ctx, "axis", 0));
    NURI_ASSIGN_OR_RETURN(axis, normalizeAxis(ctx, a, x->rank()));
  }
  return visitDType<kNumeric | kBool>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using C = Compute<T>;
    // Slices along the axis; without one, every element is a slice.
    const AxisSplit s = hasAxis ? splitAtAxis(x->shape, axis)
                                : AxisSplit{1, x->numElements(), 1};
    const T *in = x->as<const T>();
    auto at = [&](int64_t slice, int64_t o, int64_t i) {
      return load(in[(o * s.size + slice) * s.inner + i]);
    };
    auto compare = [&](int64_t a, int64_t b) { // <0, 0, >0
      for (int64_t o = 0; o < s.outer; ++o)
        for (int64_t i = 0; i < s.inner; ++i) {
          C va = at(a, o, i), vb = at(b, o, i);
          if (valueLess(va, vb))
            return -1;
          if (valueLess(vb, va))
            return 1;
        }
      return 0;
    };
    // Stable sort by value: each run of equal slices starts with its first
    // occurrence.
    std::vector<int64_t> order(static_cast<size_t>(s.size));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t a, int64_t b) { return compare(a, b) < 0; });
    std::vector<int64_t> first, counts, groupOf(order.size());
    for (size_t k = 0; k < order.size(); ++k) {
      if (k == 0 || compare(order[k - 1], order[k]) != 0) {
        first.push_back(order[k]);
        counts.push_back(0);
      }
      groupOf[order[k]] = static_cast<int64_t>(first.size()) - 1;
      ++counts.back();
    }
    // Output position of each group: sorted order, or first occurrence.
    const size_t unique = first.size();
    std::vector<size_t> groups(unique), position(unique);
    std::iota(groups.begin(), groups.end(), size_t{0});
    if (!sorted)
      std::sort(groups.begin(), groups.end(),
                [&](size_t a, size_t b) { return first[a] < first[b]; });
    for (size_t p = 0; p < unique; ++p)
      position[groups[p]] = p;

    const auto u = static_cast<int64_t>(unique);
    Shape yShape{u};
    if (hasAxis) {
      yShape = x->shape;
      yShape[axis] = u;
    }
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, yShape, x->dtype));
    T *out = y->as<T>();
    for (int64_t o = 0; o < s.outer && s.inner > 0; ++o)
      for (int64_t p = 0; p < u; ++p)
        std::memcpy(out + (o * u + p) * s.inner,
                    in + (o * s.size + first[groups[p]]) * s.inner,
                    static_cast<size_t>(s.inner) * sizeof(T));
    if (ctx.output(1)) {
      NURI_ASSIGN_OR_RETURN(TensorView * v,
                            prepareOutput(ctx, 1, {u}, DType::kInt64));
      for (size_t p = 0; p < unique; ++p)
        v->as<int64_t>()[p] = first[groups[p]];
    }
    if (ctx.output(2)) {
      NURI_ASSIGN_OR_RETURN(TensorView * v,
                            prepareOutput(ctx, 2, {s.size}, DType::kInt64));
      for (int64_t k = 0; k < s.size; ++k)
        v->as<int64_t>()[k] = static_cast<int64_t>(position[groupOf[k]]);
    }
    if (ctx.output(3)) {
      NURI_ASSIGN_OR_RETURN(TensorView * v,
                            prepareOutput(ctx, 3, {u}, DType::kInt64));
      for (size_t p = 0; p < unique; ++p)
        v->as<int64_t>()[p] = counts[groups[p]];
    }
    return okStatus();
  });
}

// Compress: the slices along `axis` (elements of the flattened input
// without one) whose condition is true; slices past the condition's end
// are dropped.
Status compressKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *cond, ctx.requireInput(1));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *cond, DType::kBool, "condition"));
  if (cond->rank() != 1)
    return ctx.error("condition must be 1-D, got shape ",
                     shapeToString(cond->shape));
  const bool hasAxis = hasAttr(ctx, "axis");
  int64_t axis = 0;
  if (hasAxis) {
    NURI_ASSIGN_OR_RETURN(int64_t a, intAttr(ctx, "axis", 0));
    NURI_ASSIGN_OR_RETURN(axis, normalizeAxis(ctx, a, x->rank()));
  }
  const AxisSplit s =
      hasAxis ? splitAtAxis(x->shape, axis) : AxisSplit{1, x->numElements(), 1};
  if (cond->shape[0] > s.size)
    return ctx.error("condition has ", cond->shape[0],
                     " values, more than the ", s.size,
                     hasAxis ? " slices along the axis" : " input elements");
  std::vector<int64_t> kept;
  for (int64_t k = 0; k < cond->shape[0]; ++k)
    if (cond->as<const bool>()[k])
      kept.push_back(k);
  const auto count = static_cast<int64_t>(kept.size());
  Shape yShape{count};
  if (hasAxis) {
    yShape = x->shape;
    yShape[axis] = count;
  }
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, yShape, x->dtype));
  const size_t elem = dtypeSize(x->dtype);
  if (elem == 0)
    return ctx.unsupported("dtype ", dtypeName(x->dtype));
  const auto *in = x->as<const unsigned char>();
  auto *out = y->as<unsigned char>();
  const size_t sliceBytes = static_cast<size_t>(s.inner) * elem;
  if (sliceBytes == 0)
    return okStatus();
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t p = 0; p < count; ++p)
      std::memcpy(out + (o * count + p) * sliceBytes,
                  in + (o * s.size + kept[p]) * sliceBytes, sliceBytes);
  return okStatus();
}

} // namespace

void registerValueShapedKernels(KernelTable &table) {
  table.addComputingOutputShapes("NonZero", nonZeroKernel);
  table.addComputingOutputShapes("Unique", uniqueKernel);
  table.addComputingOutputShapes("Compress", compressKernel);
}

} // namespace nuri::cpu_ref
