// Ops that rearrange or replicate elements: Transpose, Expand, Tile,
// DepthToSpace, SpaceToDepth, Trilu, ReverseSequence. All are
// dtype-agnostic.
#include "cpu_ref/kernels/broadcast.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/index_map.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <numeric>

namespace nuri::cpu_ref {
namespace {

Status transposeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  const size_t rank = x->shape.size();
  std::vector<int64_t> reversed(rank);
  std::iota(reversed.rbegin(), reversed.rend(), 0);
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> perm,
                        intsAttr(ctx, "perm", reversed));
  std::vector<int64_t> sorted = perm;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int64_t> identity(rank);
  std::iota(identity.begin(), identity.end(), 0);
  if (sorted != identity)
    return ctx.error("perm ", shapeToString(perm),
                     " is not a permutation of the input's ", rank, " dims");
  std::vector<int64_t> strides = rowMajorStrides(x->shape);
  Shape shape(rank);
  DimMaps maps(rank);
  for (size_t d = 0; d < rank; ++d) {
    shape[d] = x->shape[perm[d]];
    for (int64_t i = 0; i < shape[d]; ++i)
      maps[d].push_back(i * strides[perm[d]]);
  }
  NURI_ASSIGN_OR_RETURN(TensorView * y, prepareOutput(ctx, 0, shape, x->dtype));
  return gatherByDimMaps(ctx, *x, *y, maps);
}

// Expand-13: bidirectional broadcast of the input with the given shape.
Status expandKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *shapeIn, ctx.requireInput(1));
  if (shapeIn->rank() != 1)
    return ctx.error("shape must be 1-D, got shape ",
                     shapeToString(shapeIn->shape));
  NURI_ASSIGN_OR_RETURN(Shape target, readInt64s(ctx, *shapeIn, "shape"));
  NURI_ASSIGN_OR_RETURN(Shape shape, broadcastShapes(ctx, {x->shape, target}));
  // Check the output first: `shape` comes from data and may be huge.
  NURI_ASSIGN_OR_RETURN(TensorView * y, prepareOutput(ctx, 0, shape, x->dtype));
  std::vector<int64_t> strides = broadcastStrides(x->shape, shape);
  DimMaps maps(shape.size());
  for (size_t d = 0; d < shape.size(); ++d)
    for (int64_t i = 0; i < shape[d]; ++i)
      maps[d].push_back(i * strides[d]);
  return gatherByDimMaps(ctx, *x, *y, maps);
}

Status tileKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *repeatsIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> repeats,
                        readInt64s(ctx, *repeatsIn, "repeats"));
  if (repeats.size() != x->shape.size())
    return ctx.error("repeats has ", repeats.size(),
                     " values, the input has rank ", x->rank());
  Shape shape(x->shape.size());
  for (size_t d = 0; d < shape.size(); ++d) {
    if (repeats[d] < 0)
      return ctx.error("repeats must be non-negative, got ", repeats[d]);
    shape[d] = x->shape[d] * repeats[d];
  }
  NURI_ASSIGN_OR_RETURN(TensorView * y, prepareOutput(ctx, 0, shape, x->dtype));
  std::vector<int64_t> strides = rowMajorStrides(x->shape);
  DimMaps maps(shape.size());
  for (size_t d = 0; d < shape.size(); ++d)
    for (int64_t i = 0; i < shape[d]; ++i)
      maps[d].push_back((i % x->shape[d]) * strides[d]);
  return gatherByDimMaps(ctx, *x, *y, maps);
}

// DepthToSpace-13 (ToSpace) and SpaceToDepth-13 on [N, C, H, W]. With
// block b, output pixel (h * b + i, w * b + j) of channel c comes from input
// channel (i * b + j) * C' + c (DCR) or c * b * b + i * b + j (CRD).
template <bool ToSpace> Status depthSpaceKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t b, requiredIntAttr(ctx, "blocksize"));
  std::string mode = "DCR";
  if constexpr (ToSpace) {
    NURI_ASSIGN_OR_RETURN(mode, stringAttr(ctx, "mode", "DCR"));
    if (mode != "DCR" && mode != "CRD")
      return ctx.error("mode must be DCR or CRD, got '", mode, "'");
  }
  if (x->rank() != 4)
    return ctx.error("input must be 4-D, got shape ", shapeToString(x->shape));
  if (b <= 0)
    return ctx.error("blocksize must be positive, got ", b);
  const int64_t n = x->shape[0], c = x->shape[1], h = x->shape[2],
                w = x->shape[3];
  // Name everything from the space side: depth has C' * b * b channels of
  // size [H', W'], space has C' channels of size [H' * b, W' * b].
  int64_t cs, hs, ws;
  if constexpr (ToSpace) {
    if (c % (b * b) != 0)
      return ctx.error("channels ", c, " are not divisible by blocksize^2 ",
                       b * b);
    cs = c / (b * b), hs = h, ws = w;
  } else {
    if (h % b != 0 || w % b != 0)
      return ctx.error("spatial size ", h, "x", w,
                       " is not divisible by blocksize ", b);
    cs = c, hs = h / b, ws = w / b;
  }
  const Shape depthShape{n, cs * b * b, hs, ws};
  const Shape spaceShape{n, cs, hs * b, ws * b};
  NURI_ASSIGN_OR_RETURN(
      TensorView * y,
      prepareOutput(ctx, 0, ToSpace ? spaceShape : depthShape, x->dtype));
  const bool crd = mode == "CRD";
  return visitBySize(ctx, x->dtype, [&](auto tag) -> Status {
    using U = typename decltype(tag)::type;
    const U *in = x->as<const U>();
    U *out = y->as<U>();
    for (int64_t ni = 0; ni < n; ++ni)
      for (int64_t ci = 0; ci < cs; ++ci)
        for (int64_t hi = 0; hi < hs * b; ++hi)
          for (int64_t wi = 0; wi < ws * b; ++wi) {
            const int64_t i = hi % b, j = wi % b;
            const int64_t dc =
                crd ? (ci * b + i) * b + j : (i * b + j) * cs + ci;
            const int64_t depth =
                ((ni * cs * b * b + dc) * hs + hi / b) * ws + wi / b;
            const int64_t space = ((ni * cs + ci) * hs * b + hi) * ws * b + wi;
            if constexpr (ToSpace)
              out[space] = in[depth];
            else
              out[depth] = in[space];
          }
    return okStatus();
  });
}

// Trilu-14: keeps the upper (j - i >= k) or lower (j - i <= k) triangle of
// the last two dims and zeroes the rest.
Status triluKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(bool upper, boolAttr(ctx, "upper", true));
  int64_t k = 0;
  if (const TensorView *kIn = ctx.input(1)) {
    NURI_ASSIGN_OR_RETURN(k, readScalarInt64(ctx, *kIn, "k"));
  }
  NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 2, "input"));
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, x->shape, x->dtype));
  const int64_t rows = x->shape[x->shape.size() - 2];
  const int64_t cols = x->shape.back();
  const int64_t matrices = productOfDims(x->shape, 0, x->shape.size() - 2);
  return visitBySize(ctx, x->dtype, [&](auto tag) -> Status {
    using U = typename decltype(tag)::type;
    const U *in = x->as<const U>();
    U *out = y->as<U>();
    for (int64_t m = 0; m < matrices; ++m)
      for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) {
          const int64_t at = (m * rows + i) * cols + j;
          const bool keep = upper ? j - i >= k : j - i <= k;
          out[at] = keep ? in[at] : U{0}; // zero bytes are 0 in every dtype
        }
    return okStatus();
  });
}

// ReverseSequence-10: for each batch entry b, reverses its first
// sequence_lens[b] elements along time_axis and copies the rest.
Status reverseSequenceKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *lensIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(int64_t timeAxis, intAttr(ctx, "time_axis", 0));
  NURI_ASSIGN_OR_RETURN(int64_t batchAxis, intAttr(ctx, "batch_axis", 1));
  NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 2, "input"));
  if (!((timeAxis == 0 && batchAxis == 1) || (timeAxis == 1 && batchAxis == 0)))
    return ctx.error("time_axis and batch_axis must be 0 and 1 in some "
                     "order, got ",
                     timeAxis, " and ", batchAxis);
  const int64_t steps = x->shape[timeAxis], batch = x->shape[batchAxis];
  if (lensIn->shape != Shape{batch})
    return ctx.error("sequence_lens must have shape [", batch, "], got ",
                     shapeToString(lensIn->shape));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> lens,
                        readInt64s(ctx, *lensIn, "sequence_lens"));
  for (int64_t len : lens)
    if (len < 0 || len > steps)
      return ctx.error("sequence length ", len, " is outside [0, ", steps, "]");
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, x->shape, x->dtype));
  const int64_t inner = productOfDims(x->shape, 2, x->shape.size());
  const int64_t timeStride = (timeAxis == 0 ? batch : 1) * inner;
  const int64_t batchStride = (batchAxis == 0 ? steps : 1) * inner;
  return visitBySize(ctx, x->dtype, [&](auto tag) -> Status {
    using U = typename decltype(tag)::type;
    const U *in = x->as<const U>();
    U *out = y->as<U>();
    for (int64_t b = 0; b < batch; ++b)
      for (int64_t t = 0; t < steps; ++t) {
        const int64_t src = t < lens[b] ? lens[b] - 1 - t : t;
        std::copy_n(in + b * batchStride + src * timeStride, inner,
                    out + b * batchStride + t * timeStride);
      }
    return okStatus();
  });
}

} // namespace

void registerLayoutKernels(KernelTable &table) {
  table.add("Transpose", transposeKernel);
  table.add("Expand", expandKernel);
  table.add("Tile", tileKernel);
  table.add("DepthToSpace", depthSpaceKernel<true>);
  table.add("SpaceToDepth", depthSpaceKernel<false>);
  table.add("Trilu", triluKernel);
  table.add("ReverseSequence", reverseSequenceKernel);
}

} // namespace nuri::cpu_ref
