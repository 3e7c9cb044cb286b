// Conv-11 and ConvTranspose-11 over any number of spatial dims, with
// groups (depthwise included), strides, dilations, pads and auto_pad.
//
// Both are loop nests whose inner loop runs along the last spatial dim of
// contiguous memory: for every kernel tap, a whole output (or input) row is
// updated at once. Rows that fall entirely into padding are skipped using a
// table built once per call.
#include "cpu_ref/kernels/compute_buffer.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"
#include "cpu_ref/kernels/spatial.h"

#include <algorithm>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// Pairs the iterated plane A with the other plane B through
// b = a * stride - padBegin + k * dilation, per spatial dim (Conv: A is the
// output, B the input; ConvTranspose: the reverse). "Rows" are all spatial
// dims but the last.
struct RowMap {
  int64_t rows = 1;
  int64_t kernelSize = 1;
  // [tap * rows + row]: offset of B's matching row, or -1 if outside B.
  std::vector<int64_t> rowOffset;
  // Per kernel index along the last dim: the range of `a` (last dim) whose
  // `b` lies inside B, and the shift b - a * stride.
  std::vector<int64_t> lo, hi, shift;
};

std::vector<int64_t> unravel(int64_t index, const std::vector<int64_t> &dims,
                             size_t count) {
  std::vector<int64_t> idx(count);
  for (size_t d = count; d-- > 0;) {
    idx[d] = index % dims[d];
    index /= dims[d];
  }
  return idx;
}

RowMap buildRowMap(const SpatialParams &p, const std::vector<int64_t> &aSize,
                   const std::vector<int64_t> &bSize) {
  const size_t n = p.rank(), last = n - 1;
  RowMap m;
  m.rows = productOfDims(aSize, 0, last);
  m.kernelSize = productOfDims(p.kernel, 0, n);
  std::vector<int64_t> bStride = rowMajorStrides(bSize);
  m.rowOffset.resize(static_cast<size_t>(m.kernelSize * m.rows));
  for (int64_t tap = 0; tap < m.kernelSize; ++tap) {
    std::vector<int64_t> k = unravel(tap, p.kernel, n);
    for (int64_t r = 0; r < m.rows; ++r) {
      std::vector<int64_t> a = unravel(r, aSize, last);
      int64_t offset = 0;
      for (size_t d = 0; d < last && offset >= 0; ++d) {
        int64_t b = a[d] * p.strides[d] - p.padBegin[d] + k[d] * p.dilations[d];
        offset = (b < 0 || b >= bSize[d]) ? -1 : offset + b * bStride[d];
      }
      m.rowOffset[tap * m.rows + r] = offset;
    }
  }
  const int64_t s = p.strides[last];
  for (int64_t k = 0; k < p.kernel[last]; ++k) {
    int64_t shift = k * p.dilations[last] - p.padBegin[last];
    // b = a * s + shift in [0, bSize): a in [ceil(-shift / s),
    // ceil((bSize - shift) / s)).
    int64_t lo = std::max<int64_t>(0, ceilDiv(-shift, s));
    int64_t hi =
        std::min<int64_t>(aSize[last], ceilDiv(bSize[last] - shift, s));
    m.lo.push_back(lo);
    m.hi.push_back(std::max(lo, hi));
    m.shift.push_back(shift);
  }
  return m;
}

// Accumulates w * src (src plane row-wise through `map`) into dst:
// forward (Conv) reads src at b and writes dst at a; transposed reads src
// at a and writes dst at b.
template <typename C, bool Transposed>
void accumulateTaps(const RowMap &map, const SpatialParams &p, int64_t aWidth,
                    const C *src, C *dst, const C *w) {
  const int64_t s = p.strides.back();
  const int64_t kLast = p.kernel.back();
  for (int64_t tap = 0; tap < map.kernelSize; ++tap) {
    const C wv = w[tap];
    const int64_t kl = tap % kLast;
    const int64_t lo = map.lo[kl], hi = map.hi[kl], shift = map.shift[kl];
    for (int64_t r = 0; r < map.rows; ++r) {
      int64_t bRow = map.rowOffset[tap * map.rows + r];
      if (bRow < 0)
        continue;
      if constexpr (!Transposed) {
        C *out = dst + r * aWidth;
        const C *in = src + bRow;
        if (s == 1) // the common case, kept simple enough to vectorize
          for (int64_t a = lo; a < hi; ++a)
            out[a] += wv * in[a + shift];
        else
          for (int64_t a = lo; a < hi; ++a)
            out[a] += wv * in[a * s + shift];
      } else {
        const C *in = src + r * aWidth;
        C *out = dst + bRow;
        for (int64_t a = lo; a < hi; ++a)
          out[a * s + shift] += wv * in[a];
      }
    }
  }
}

struct ConvShapes {
  int64_t batch, inChannels, outChannels, group;
  std::vector<int64_t> inSize; // output sizes: SpatialParams::outSize
};

// Shared input checks: X rank >= 3, W of the same rank, same dtypes, B of
// shape [biasSize].
Status checkConvInputs(const KernelContext &ctx, const TensorView &x,
                       const TensorView &w, const TensorView *b) {
  NURI_RETURN_IF_ERROR(requireRank(ctx, x, 3, "X"));
  if (w.rank() != x.rank())
    return ctx.error("W must have the rank of X (", x.rank(), "), got shape ",
                     shapeToString(w.shape));
  NURI_RETURN_IF_ERROR(requireDType(ctx, w, x.dtype, "W"));
  if (b)
    NURI_RETURN_IF_ERROR(requireDType(ctx, *b, x.dtype, "B"));
  return okStatus();
}

Status checkBias(const KernelContext &ctx, const TensorView *b,
                 int64_t channels) {
  if (b && (b->rank() != 1 || b->shape[0] != channels))
    return ctx.error("B must have shape [", channels, "], got ",
                     shapeToString(b->shape));
  return okStatus();
}

template <typename T>
void runConv(const TensorView &x, const TensorView &w, const TensorView *b,
             const ConvShapes &cs, const SpatialParams &p, TensorView &y,
             bool transposed) {
  using C = Compute<T>;
  ComputeInput<T> xs(&x), ws(&w), bs(b);
  ComputeOutput<T> ys(&y);
  const int64_t inPlane = productOfDims(cs.inSize, 0, cs.inSize.size());
  const int64_t outPlane = productOfDims(p.outSize, 0, p.outSize.size());
  const int64_t cg = cs.inChannels / cs.group, mg = cs.outChannels / cs.group;
  const RowMap map = transposed ? buildRowMap(p, cs.inSize, p.outSize)
                                : buildRowMap(p, p.outSize, cs.inSize);
  const int64_t kSize = map.kernelSize;
  for (int64_t n = 0; n < cs.batch; ++n) {
    for (int64_t m = 0; m < cs.outChannels; ++m)
      std::fill_n(ys.data() + (n * cs.outChannels + m) * outPlane, outPlane,
                  b ? bs[m] : C(0));
    for (int64_t g = 0; g < cs.group; ++g) {
      for (int64_t mi = 0; mi < mg; ++mi) {
        const int64_t m = g * mg + mi;
        C *yp = ys.data() + (n * cs.outChannels + m) * outPlane;
        for (int64_t ci = 0; ci < cg; ++ci) {
          const int64_t c = g * cg + ci;
          const C *xp = xs.data() + (n * cs.inChannels + c) * inPlane;
          if (!transposed) // W: [M, C/group, k...]
            accumulateTaps<C, false>(map, p, p.outSize.back(), xp, yp,
                                     ws.data() + (m * cg + ci) * kSize);
          else // W: [C, M/group, k...]
            accumulateTaps<C, true>(map, p, cs.inSize.back(), xp, yp,
                                    ws.data() + (c * mg + mi) * kSize);
        }
      }
    }
  }
  ys.commit();
}

// Checks output 0 against [N, M, outSize...] and runs the loop nest for the
// input's dtype.
Status dispatchConv(const KernelContext &ctx, const TensorView &x,
                    const TensorView &w, const TensorView *b,
                    const ConvShapes &cs, const SpatialParams &p,
                    bool transposed) {
  Shape outShape{cs.batch, cs.outChannels};
  outShape.insert(outShape.end(), p.outSize.begin(), p.outSize.end());
  return visitDType<kFloatNoBF16>(ctx, x.dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, outShape, x.dtype));
    runConv<T>(x, w, b, cs, p, *y, transposed);
    return okStatus();
  });
}

Status convKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *w, ctx.requireInput(1));
  const TensorView *b = ctx.input(2);
  NURI_RETURN_IF_ERROR(checkConvInputs(ctx, *x, *w, b));
  const size_t n = static_cast<size_t>(x->rank() - 2);
  NURI_ASSIGN_OR_RETURN(int64_t group, intAttr(ctx, "group", 1));
  ConvShapes cs{x->shape[0], x->shape[1], w->shape[0], group, {}};
  if (group <= 0 || cs.inChannels % group != 0 ||
      w->shape[1] * group != cs.inChannels || cs.outChannels % group != 0)
    return ctx.error("X has ", cs.inChannels, " channels and W has shape ",
                     shapeToString(w->shape), ", which do not fit group ",
                     group);
  NURI_RETURN_IF_ERROR(checkBias(ctx, b, cs.outChannels));
  cs.inSize.assign(x->shape.begin() + 2, x->shape.end());
  std::vector<int64_t> weightKernel(w->shape.begin() + 2, w->shape.end());
  NURI_ASSIGN_OR_RETURN(SpatialParams p,
                        readSpatialAttrs(ctx, n, weightKernel));
  NURI_RETURN_IF_ERROR(resolveForwardSpatial(ctx, cs.inSize, false, p));
  return dispatchConv(ctx, *x, *w, b, cs, p, /*transposed=*/false);
}

// ConvTranspose output size and pads (ONNX ConvTranspose-11): explicit
// output_shape or SAME_* auto_pad fix the size and derive the pads; else the
// size follows from the pads.
Status resolveTransposedSpatial(const KernelContext &ctx,
                                const std::vector<int64_t> &inSize,
                                SpatialParams &p) {
  const size_t n = p.rank();
  NURI_ASSIGN_OR_RETURN(
      std::vector<int64_t> outputPadding,
      intsAttr(ctx, "output_padding", std::vector<int64_t>(n, 0)));
  if (outputPadding.size() != n)
    return ctx.error("attribute 'output_padding' has ", outputPadding.size(),
                     " values, expected ", n);
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> outputShape,
                        intsAttr(ctx, "output_shape", {}));
  if (outputShape.size() == n + 2) // also accepted with N and C
    outputShape.erase(outputShape.begin(), outputShape.begin() + 2);
  if (!outputShape.empty() && outputShape.size() != n)
    return ctx.error("attribute 'output_shape' has ", outputShape.size(),
                     " values, expected ", n);
  p.outSize.assign(n, 0);
  for (size_t d = 0; d < n; ++d) {
    if (outputPadding[d] < 0)
      return ctx.error("output_padding must be non-negative");
    int64_t full =
        p.strides[d] * (inSize[d] - 1) + outputPadding[d] + p.dilatedKernel(d);
    bool same =
        p.autoPad == AutoPad::kSameUpper || p.autoPad == AutoPad::kSameLower;
    if (!outputShape.empty() || same) {
      int64_t out =
          !outputShape.empty() ? outputShape[d] : inSize[d] * p.strides[d];
      // total < 0 (output_shape beyond the natural size) is allowed; halve
      // with floor division as ONNX's formula does.
      int64_t total = full - out;
      int64_t half = floorDiv(total, 2);
      // SAME_UPPER puts the odd pad at the end; otherwise at the start.
      p.padBegin[d] = p.autoPad == AutoPad::kSameUpper ? half : total - half;
      p.padEnd[d] = total - p.padBegin[d];
      p.outSize[d] = out;
    } else {
      p.outSize[d] = full - p.padBegin[d] - p.padEnd[d];
    }
    if (p.outSize[d] <= 0)
      return ctx.error("output size along spatial dim ", d, " is ",
                       p.outSize[d]);
  }
  return okStatus();
}

Status convTransposeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *w, ctx.requireInput(1));
  const TensorView *b = ctx.input(2);
  NURI_RETURN_IF_ERROR(checkConvInputs(ctx, *x, *w, b));
  const size_t n = static_cast<size_t>(x->rank() - 2);
  NURI_ASSIGN_OR_RETURN(int64_t group, intAttr(ctx, "group", 1));
  if (group <= 0 || x->shape[1] % group != 0 || w->shape[0] != x->shape[1])
    return ctx.error("X has ", x->shape[1], " channels and W has shape ",
                     shapeToString(w->shape), ", which do not fit group ",
                     group);
  ConvShapes cs{x->shape[0], x->shape[1], w->shape[1] * group, group, {}};
  NURI_RETURN_IF_ERROR(checkBias(ctx, b, cs.outChannels));
  cs.inSize.assign(x->shape.begin() + 2, x->shape.end());
  std::vector<int64_t> weightKernel(w->shape.begin() + 2, w->shape.end());
  NURI_ASSIGN_OR_RETURN(SpatialParams p,
                        readSpatialAttrs(ctx, n, weightKernel));
  NURI_RETURN_IF_ERROR(resolveTransposedSpatial(ctx, cs.inSize, p));
  return dispatchConv(ctx, *x, *w, b, cs, p, /*transposed=*/true);
}

} // namespace

void registerConvKernels(KernelTable &table) {
  table.add("Conv", convKernel);
  table.add("ConvTranspose", convTransposeKernel);
}

} // namespace nuri::cpu_ref
