// Pooling over any number of spatial dims: MaxPool-12 (with its optional
// Indices output), AveragePool-11, LpPool-11, GlobalAveragePool,
// GlobalMaxPool, GlobalLpPool-2, and MaxUnpool-11.
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"
#include "cpu_ref/kernels/spatial.h"

#include <cmath>
#include <limits>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// Where a pool reads: the resolved attributes plus per-plane geometry.
struct PoolGeometry {
  SpatialParams p;
  int64_t planes = 0; // N * C
  std::vector<int64_t> inSize;
  int64_t inPlane = 0, outPlane = 0;
  Shape outShape;
};

Result<PoolGeometry> resolvePool(const KernelContext &ctx,
                                 const TensorView &x) {
  NURI_RETURN_IF_ERROR(requireRank(ctx, x, 3, "X"));
  PoolGeometry g;
  const size_t n = static_cast<size_t>(x.rank() - 2);
  NURI_ASSIGN_OR_RETURN(g.p, readSpatialAttrs(ctx, n, std::nullopt));
  NURI_ASSIGN_OR_RETURN(bool ceilMode, boolAttr(ctx, "ceil_mode", false));
  g.inSize.assign(x.shape.begin() + 2, x.shape.end());
  NURI_RETURN_IF_ERROR(resolveForwardSpatial(ctx, g.inSize, ceilMode, g.p));
  g.planes = x.shape[0] * x.shape[1];
  g.inPlane = productOfDims(g.inSize, 0, n);
  g.outPlane = productOfDims(g.p.outSize, 0, n);
  g.outShape = {x.shape[0], x.shape[1]};
  g.outShape.insert(g.outShape.end(), g.p.outSize.begin(), g.p.outSize.end());
  return g;
}

// Calls fn(outOffset, outIndex, window) for every output position of one
// plane, where window(tapFn) calls tapFn(inOffset, inIndex) for every kernel
// tap that lies inside the input (padding is skipped).
template <typename Fn> void forEachWindow(const PoolGeometry &g, Fn &&fn) {
  const SpatialParams &p = g.p;
  const size_t n = p.rank();
  std::vector<int64_t> inStride = rowMajorStrides(g.inSize);
  std::vector<int64_t> o(n, 0), k(n, 0), i(n, 0);
  int64_t outOffset = 0;
  do {
    auto window = [&](auto &&tapFn) {
      std::fill(k.begin(), k.end(), 0);
      do {
        int64_t offset = 0;
        bool inside = true;
        for (size_t d = 0; d < n && inside; ++d) {
          i[d] = o[d] * p.strides[d] - p.padBegin[d] + k[d] * p.dilations[d];
          inside = i[d] >= 0 && i[d] < g.inSize[d];
          offset += i[d] * inStride[d];
        }
        if (inside)
          tapFn(offset, i);
      } while (advanceIndex(k, p.kernel));
    };
    fn(outOffset++, o, window);
  } while (advanceIndex(o, p.outSize));
}

Status maxPoolKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t storageOrder, intAttr(ctx, "storage_order", 0));
  if (storageOrder != 0 && storageOrder != 1)
    return ctx.error("storage_order must be 0 or 1, got ", storageOrder);
  constexpr unsigned kTypes = kFloatNoBF16 | kI8 | kU8;
  return visitDType<kTypes>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using C = Compute<T>;
    NURI_ASSIGN_OR_RETURN(PoolGeometry g, resolvePool(ctx, *x));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, g.outShape, x->dtype));
    int64_t *indices = nullptr;
    if (ctx.output(1)) {
      NURI_ASSIGN_OR_RETURN(TensorView * iv,
                            prepareOutput(ctx, 1, g.outShape, DType::kInt64));
      indices = iv->as<int64_t>();
    }
    // Column-major strides for storage_order = 1.
    std::vector<int64_t> colStride(g.inSize.size(), 1);
    for (size_t d = 1; d < g.inSize.size(); ++d)
      colStride[d] = colStride[d - 1] * g.inSize[d - 1];
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t plane = 0; plane < g.planes; ++plane) {
      const T *xp = in + plane * g.inPlane;
      forEachWindow(
          g, [&](int64_t o, const std::vector<int64_t> &, auto &&window) {
            // An all-padding window yields the lowest value and index -1.
            C best = std::numeric_limits<C>::lowest();
            if constexpr (std::numeric_limits<C>::has_infinity)
              best = -std::numeric_limits<C>::infinity();
            int64_t bestIndex = -1;
            window([&](int64_t offset, const std::vector<int64_t> &idx) {
              C v = load(xp[offset]);
              // Max propagates NaN: the first NaN wins and stays.
              if (bestIndex < 0 || (!isNan(best) && (v > best || isNan(v)))) {
                best = v;
                if (storageOrder == 0) {
                  bestIndex = offset;
                } else {
                  bestIndex = 0;
                  for (size_t d = 0; d < idx.size(); ++d)
                    bestIndex += idx[d] * colStride[d];
                }
              }
            });
            out[plane * g.outPlane + o] = store<T>(best);
            if (indices)
              indices[plane * g.outPlane + o] =
                  bestIndex < 0 ? -1 : plane * g.inPlane + bestIndex;
          });
    }
    return okStatus();
  });
}

Status averagePoolKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(bool countPad,
                        boolAttr(ctx, "count_include_pad", false));
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(PoolGeometry g, resolvePool(ctx, *x));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, g.outShape, x->dtype));
    const SpatialParams &p = g.p;
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t plane = 0; plane < g.planes; ++plane) {
      const T *xp = in + plane * g.inPlane;
      forEachWindow(g, [&](int64_t o, const std::vector<int64_t> &pos,
                           auto &&window) {
        double sum = 0;
        int64_t count = 0;
        window([&](int64_t offset, const std::vector<int64_t> &) {
          sum += static_cast<double>(load(xp[offset]));
          ++count;
        });
        if (countPad) {
          // Taps inside the padded extent count, padding included; taps
          // past it (possible with ceil_mode) do not.
          count = 1;
          for (size_t d = 0; d < p.rank(); ++d) {
            int64_t taps = 0;
            for (int64_t k = 0; k < p.kernel[d]; ++k) {
              int64_t i =
                  pos[d] * p.strides[d] - p.padBegin[d] + k * p.dilations[d];
              taps += i >= -p.padBegin[d] && i < g.inSize[d] + p.padEnd[d];
            }
            count *= taps;
          }
        }
        out[plane * g.outPlane + o] =
            convertElement<T>(sum / static_cast<double>(count));
      });
    }
    return okStatus();
  });
}

Result<int64_t> readLpP(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(int64_t p, intAttr(ctx, "p", 2));
  if (p < 1)
    return ctx.error("p must be >= 1, got ", p);
  return p;
}

// LpPool: (sum over the window of |x|^p)^(1/p); padding adds nothing.
Status lpPoolKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t pInt, readLpP(ctx));
  const auto p = static_cast<double>(pInt);
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(PoolGeometry g, resolvePool(ctx, *x));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, g.outShape, x->dtype));
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t plane = 0; plane < g.planes; ++plane) {
      const T *xp = in + plane * g.inPlane;
      forEachWindow(g, [&](int64_t o, const std::vector<int64_t> &,
                           auto &&window) {
        double sum = 0;
        window([&](int64_t offset, const std::vector<int64_t> &) {
          sum += std::pow(std::fabs(static_cast<double>(load(xp[offset]))), p);
        });
        out[plane * g.outPlane + o] = convertElement<T>(std::pow(sum, 1 / p));
      });
    }
    return okStatus();
  });
}

// MaxUnpool: zeros, with each X value written where its index in I points.
// Indices are flat over [N, C, unpooled...], the size MaxPool would have
// pooled from: (in - 1) * stride + kernel - pads. An explicit output_shape
// replaces the pads (they become zero) and pads that unpooled tensor at the
// end, so an index lands at the same coordinates in the larger output.
Status maxUnpoolKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *indices, ctx.requireInput(1));
  NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 3, "X"));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *indices, DType::kInt64, "I"));
  if (indices->shape != x->shape)
    return ctx.error("I shape ", shapeToString(indices->shape),
                     " differs from X shape ", shapeToString(x->shape));
  const size_t n = static_cast<size_t>(x->rank() - 2);
  NURI_ASSIGN_OR_RETURN(SpatialParams p,
                        readSpatialAttrs(ctx, n, std::nullopt));
  const TensorView *shapeIn = ctx.input(2);
  Shape unpooled{x->shape[0], x->shape[1]};
  for (size_t d = 0; d < n; ++d) {
    const int64_t pads = shapeIn ? 0 : p.padBegin[d] + p.padEnd[d];
    unpooled.push_back((x->shape[d + 2] - 1) * p.strides[d] + p.kernel[d] -
                       pads);
  }
  Shape outShape = unpooled;
  if (shapeIn) {
    NURI_ASSIGN_OR_RETURN(outShape, readInt64s(ctx, *shapeIn, "output_shape"));
    if (outShape.size() != unpooled.size() || outShape[0] != unpooled[0] ||
        outShape[1] != unpooled[1])
      return ctx.error("output_shape ", shapeToString(outShape),
                       " does not fit X ", shapeToString(x->shape));
  }
  for (size_t d = 0; d < outShape.size(); ++d)
    if (outShape[d] < 0 || unpooled[d] < 0)
      return ctx.error("output shape ", shapeToString(outShape),
                       " has a negative dim");
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, outShape, x->dtype));
    T *out = y->as<T>();
    std::fill_n(out, y->numElements(), convertElement<T>(0.0));
    const int64_t *idx = indices->as<const int64_t>();
    const int64_t total = numElements(unpooled);
    const std::vector<int64_t> outStride = rowMajorStrides(outShape);
    for (int64_t i = 0, count = x->numElements(); i < count; ++i) {
      if (idx[i] < 0 || idx[i] >= total)
        return ctx.error("index ", idx[i], " at element ", i,
                         " is outside the unpooled ", shapeToString(unpooled));
      // Unravel in the unpooled shape, ravel in the output's.
      int64_t rest = idx[i], offset = 0;
      for (size_t d = unpooled.size(); d-- > 0;) {
        const int64_t coord = rest % unpooled[d];
        rest /= unpooled[d];
        if (coord >= outShape[d])
          return ctx.error("index ", idx[i], " falls outside output_shape ",
                           shapeToString(outShape));
        offset += coord * outStride[d];
      }
      out[offset] = x->as<const T>()[i];
    }
    return okStatus();
  });
}

// GlobalAveragePool / GlobalMaxPool: one value per (N, C) plane; the output
// keeps every spatial dim as 1.
template <bool IsMax> Status globalPoolKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 3, "X"));
    Shape outShape(x->shape.size(), 1);
    outShape[0] = x->shape[0];
    outShape[1] = x->shape[1];
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, outShape, x->dtype));
    const int64_t planes = x->shape[0] * x->shape[1];
    const int64_t size = productOfDims(x->shape, 2, x->shape.size());
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t plane = 0; plane < planes; ++plane) {
      const T *xp = in + plane * size;
      double acc = IsMax ? -std::numeric_limits<double>::infinity() : 0.0;
      for (int64_t i = 0; i < size; ++i) {
        double v = static_cast<double>(load(xp[i]));
        acc = IsMax ? maxOrNan(acc, v) : acc + v;
      }
      out[plane] = convertElement<T>(IsMax ? acc : acc / size);
    }
    return okStatus();
  });
}

// GlobalLpPool: (sum over each (N, C) plane of |x|^p)^(1/p).
Status globalLpPoolKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t pInt, readLpP(ctx));
  const auto p = static_cast<double>(pInt);
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 3, "X"));
    Shape outShape(x->shape.size(), 1);
    outShape[0] = x->shape[0];
    outShape[1] = x->shape[1];
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, outShape, x->dtype));
    const int64_t planes = x->shape[0] * x->shape[1];
    const int64_t size = productOfDims(x->shape, 2, x->shape.size());
    for (int64_t plane = 0; plane < planes; ++plane) {
      double sum = 0;
      for (int64_t i = 0; i < size; ++i)
        sum += std::pow(std::fabs(static_cast<double>(
                            load(x->as<const T>()[plane * size + i]))),
                        p);
      y->as<T>()[plane] = convertElement<T>(std::pow(sum, 1 / p));
    }
    return okStatus();
  });
}

} // namespace

void registerPoolKernels(KernelTable &table) {
  table.add("MaxPool", maxPoolKernel);
  table.add("AveragePool", averagePoolKernel);
  table.add("GlobalAveragePool", globalPoolKernel<false>);
  table.add("GlobalMaxPool", globalPoolKernel<true>);
  table.add("LpPool", lpPoolKernel);
  table.add("GlobalLpPool", globalLpPoolKernel);
  table.add("MaxUnpool", maxUnpoolKernel);
}

} // namespace nuri::cpu_ref
