// Integer and quantized linear ops: ConvInteger-10, MatMulInteger-10,
// QLinearConv-10 and QLinearMatMul-10.
//
// Each subtracts zero points into int32 operands, accumulates exactly in
// int64 and wraps to int32 (ONNX lets accumulation overflow only in 32
// bits). The QLinear ops then requantize in double: round half to even of
// acc * scales / y_scale, plus y_zero_point, saturated.
#include "cpu_ref/kernels/broadcast.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"
#include "cpu_ref/kernels/matmul_geometry.h"
#include "cpu_ref/kernels/quantize.h"
#include "cpu_ref/kernels/spatial.h"

namespace nuri::cpu_ref {
namespace {

using namespace types;

// An 8-bit tensor with its zero point subtracted, as int32: `zeroPoint`
// holds one value, or one per index along `axis`.
Result<std::vector<int32_t>> centered(const KernelContext &ctx,
                                      const TensorView &q,
                                      const QuantParam &zeroPoint,
                                      int64_t axis) {
  std::vector<int32_t> out(static_cast<size_t>(q.numElements()));
  const AxisSplit s = zeroPoint.perTensor() ? AxisSplit{1, 1, q.numElements()}
                                            : splitAtAxis(q.shape, axis);
  Status st = visitDType<kI8 | kU8>(ctx, q.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *in = q.as<const T>();
    for (int64_t o = 0; o < s.outer; ++o)
      for (int64_t c = 0; c < s.size; ++c) {
        const auto z = static_cast<int32_t>(zeroPoint.at(c));
        for (int64_t i = 0; i < s.inner; ++i) {
          const int64_t k = (o * s.size + c) * s.inner + i;
          out[k] = static_cast<int32_t>(in[k]) - z;
        }
      }
    return okStatus();
  });
  NURI_RETURN_IF_ERROR(st);
  return out;
}

// Zero point `index` of an 8-bit operand: absent (0) or of its dtype, with
// one value or (when channels >= 0) one per channel.
Result<QuantParam> zeroPointOf(const KernelContext &ctx, size_t index,
                               const TensorView &operand, std::string_view what,
                               int64_t channels) {
  NURI_RETURN_IF_ERROR(requireZeroPointDType(ctx, index, operand.dtype, what));
  return readQuantParam(ctx, index, what, channels, 0.0);
}

// ---- Convolution ----

struct IntConvGeometry {
  int64_t batch = 0, inChannels = 0, outChannels = 0, group = 1;
  std::vector<int64_t> inSize;
  SpatialParams p;
  Shape outShape;
};

Result<IntConvGeometry> resolveIntConv(const KernelContext &ctx,
                                       const TensorView &x,
                                       const TensorView &w) {
  NURI_RETURN_IF_ERROR(requireRank(ctx, x, 3, "x"));
  if (w.rank() != x.rank())
    return ctx.error("w must have the rank of x (", x.rank(), "), got shape ",
                     shapeToString(w.shape));
  IntConvGeometry g;
  g.batch = x.shape[0];
  g.inChannels = x.shape[1];
  g.outChannels = w.shape[0];
  NURI_ASSIGN_OR_RETURN(g.group, intAttr(ctx, "group", 1));
  if (g.group <= 0 || g.inChannels % g.group != 0 ||
      w.shape[1] * g.group != g.inChannels || g.outChannels % g.group != 0)
    return ctx.error("x has ", g.inChannels, " channels and w has shape ",
                     shapeToString(w.shape), ", which do not fit group ",
                     g.group);
  const size_t n = static_cast<size_t>(x.rank() - 2);
  g.inSize.assign(x.shape.begin() + 2, x.shape.end());
  std::vector<int64_t> weightKernel(w.shape.begin() + 2, w.shape.end());
  NURI_ASSIGN_OR_RETURN(g.p, readSpatialAttrs(ctx, n, weightKernel));
  NURI_RETURN_IF_ERROR(resolveForwardSpatial(ctx, g.inSize, false, g.p));
  g.outShape = {g.batch, g.outChannels};
  g.outShape.insert(g.outShape.end(), g.p.outSize.begin(), g.p.outSize.end());
  return g;
}

// Direct convolution of centered int32 operands; int64 sums per output.
std::vector<int64_t> convolve(const IntConvGeometry &g,
                              const std::vector<int32_t> &x,
                              const std::vector<int32_t> &w) {
  const SpatialParams &p = g.p;
  const size_t n = p.rank();
  const int64_t inPlane = productOfDims(g.inSize, 0, n);
  const int64_t outPlane = productOfDims(p.outSize, 0, n);
  const int64_t kSize = productOfDims(p.kernel, 0, n);
  const int64_t cg = g.inChannels / g.group, mg = g.outChannels / g.group;
  const std::vector<int64_t> inStride = rowMajorStrides(g.inSize);
  std::vector<int64_t> acc(
      static_cast<size_t>(g.batch * g.outChannels * outPlane), 0);
  std::vector<int64_t> o(n, 0), k(n, 0);
  // Input offsets of the kernel taps at the current output position (-1:
  // pad), rewritten for each.
  std::vector<int64_t> tapOffset(static_cast<size_t>(kSize));
  for (int64_t op = 0; op < outPlane; ++op, advanceIndex(o, p.outSize)) {
    std::fill(k.begin(), k.end(), 0);
    for (int64_t t = 0; t < kSize; ++t, advanceIndex(k, p.kernel)) {
      int64_t offset = 0;
      for (size_t d = 0; d < n && offset >= 0; ++d) {
        const int64_t i =
            o[d] * p.strides[d] - p.padBegin[d] + k[d] * p.dilations[d];
        offset = (i < 0 || i >= g.inSize[d]) ? -1 : offset + i * inStride[d];
      }
      tapOffset[t] = offset;
    }
    for (int64_t b = 0; b < g.batch; ++b)
      for (int64_t m = 0; m < g.outChannels; ++m) {
        const int64_t grp = m / mg;
        int64_t sum = 0;
        for (int64_t ci = 0; ci < cg; ++ci) {
          const int32_t *xp =
              x.data() + (b * g.inChannels + grp * cg + ci) * inPlane;
          const int32_t *wp = w.data() + (m * cg + ci) * kSize;
          for (int64_t t = 0; t < kSize; ++t)
            if (tapOffset[t] >= 0)
              sum += static_cast<int64_t>(xp[tapOffset[t]]) * wp[t];
        }
        acc[(b * g.outChannels + m) * outPlane + op] = sum;
      }
  }
  return acc;
}

int32_t wrapToInt32(int64_t v) {
  return static_cast<int32_t>(static_cast<uint32_t>(v));
}

Status convIntegerKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *w, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(IntConvGeometry g, resolveIntConv(ctx, *x, *w));
  NURI_ASSIGN_OR_RETURN(QuantParam xz,
                        zeroPointOf(ctx, 2, *x, "x_zero_point", -1));
  NURI_ASSIGN_OR_RETURN(QuantParam wz,
                        zeroPointOf(ctx, 3, *w, "w_zero_point", g.outChannels));
  NURI_ASSIGN_OR_RETURN(std::vector<int32_t> xc, centered(ctx, *x, xz, 1));
  NURI_ASSIGN_OR_RETURN(std::vector<int32_t> wc, centered(ctx, *w, wz, 0));
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, g.outShape, DType::kInt32));
  std::vector<int64_t> acc = convolve(g, xc, wc);
  for (size_t i = 0; i < acc.size(); ++i)
    y->as<int32_t>()[i] = wrapToInt32(acc[i]);
  return okStatus();
}

// Requires a float32 scale input.
Result<QuantParam> scaleOf(const KernelContext &ctx, size_t index,
                           std::string_view what, int64_t channels) {
  NURI_ASSIGN_OR_RETURN(const TensorView *s, ctx.requireInput(index));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *s, DType::kFloat32, what));
  return readQuantParam(ctx, index, what, channels, 1.0);
}

// Writes round(real[i] / yScale) + yZeroPoint, saturated, as the dtype of
// the y_zero_point input `zpIndex`.
Status requantize(const KernelContext &ctx, size_t zpIndex, const Shape &shape,
                  const std::vector<double> &real, double yScale) {
  NURI_ASSIGN_OR_RETURN(const TensorView *zpIn, ctx.requireInput(zpIndex));
  if (zpIn->numElements() != 1)
    return ctx.error("y_zero_point must be a scalar, got shape ",
                     shapeToString(zpIn->shape));
  NURI_ASSIGN_OR_RETURN(std::vector<double> zp,
                        readDoubles(ctx, *zpIn, "y_zero_point"));
  return visitDType<kI8 | kU8>(ctx, zpIn->dtype, [&](auto tag) -> Status {
    using Q = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, shape, zpIn->dtype));
    for (size_t i = 0; i < real.size(); ++i)
      y->as<Q>()[i] =
          saturateRound<Q>(std::nearbyint(real[i] / yScale) + zp[0]);
    return okStatus();
  });
}

Status qLinearConvKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *w, ctx.requireInput(3));
  NURI_ASSIGN_OR_RETURN(IntConvGeometry g, resolveIntConv(ctx, *x, *w));
  NURI_ASSIGN_OR_RETURN(QuantParam xs, scaleOf(ctx, 1, "x_scale", -1));
  NURI_ASSIGN_OR_RETURN(QuantParam xz,
                        zeroPointOf(ctx, 2, *x, "x_zero_point", -1));
  NURI_ASSIGN_OR_RETURN(QuantParam ws,
                        scaleOf(ctx, 4, "w_scale", g.outChannels));
  NURI_ASSIGN_OR_RETURN(QuantParam wz,
                        zeroPointOf(ctx, 5, *w, "w_zero_point", g.outChannels));
  NURI_ASSIGN_OR_RETURN(QuantParam ys, scaleOf(ctx, 6, "y_scale", -1));
  std::vector<int64_t> bias(static_cast<size_t>(g.outChannels), 0);
  if (const TensorView *b = ctx.input(8)) {
    NURI_RETURN_IF_ERROR(requireDType(ctx, *b, DType::kInt32, "B"));
    if (b->shape != Shape{g.outChannels})
      return ctx.error("B must have shape [", g.outChannels, "], got ",
                       shapeToString(b->shape));
    NURI_ASSIGN_OR_RETURN(bias, readInt64s(ctx, *b, "B"));
  }
  NURI_ASSIGN_OR_RETURN(std::vector<int32_t> xc, centered(ctx, *x, xz, 1));
  NURI_ASSIGN_OR_RETURN(std::vector<int32_t> wc, centered(ctx, *w, wz, 0));
  std::vector<int64_t> acc = convolve(g, xc, wc);
  const int64_t plane = productOfDims(g.p.outSize, 0, g.p.rank());
  std::vector<double> real(acc.size());
  for (size_t i = 0; i < acc.size(); ++i) {
    const int64_t m = (static_cast<int64_t>(i) / plane) % g.outChannels;
    real[i] = static_cast<double>(wrapToInt32(acc[i] + bias[m])) * xs.at(0) *
              ws.at(m);
  }
  return requantize(ctx, 7, g.outShape, real, ys.at(0));
}

// ---- Matrix multiplication ----

// A per-tensor, per-row (A) or per-column (B) parameter broadcast to every
// element of the operand of (promoted) shape `shape`. A 1-D parameter with
// one value per row of A means shape [M, 1]; otherwise it must broadcast
// (numpy) to the operand.
Result<std::vector<double>> expandParam(const KernelContext &ctx,
                                        const TensorView *param,
                                        std::string_view what,
                                        const Shape &shape, bool perRow,
                                        double fallback) {
  const auto count = static_cast<size_t>(numElements(shape));
  if (!param)
    return std::vector<double>(count, fallback);
  NURI_ASSIGN_OR_RETURN(std::vector<double> v, readDoubles(ctx, *param, what));
  Shape ps = param->shape;
  if (perRow && ps.size() == 1 && ps[0] == shape[shape.size() - 2] &&
      ps[0] != 1)
    ps.push_back(1);
  if (!broadcastsTo(ps, shape))
    return ctx.error(what, " shape ", shapeToString(param->shape),
                     " does not fit its operand ", shapeToString(shape));
  std::vector<double> out(count);
  forEachBroadcast<1>(shape, {&ps},
                      [&](int64_t i, const std::array<int64_t, 1> &off) {
                        out[i] = v[off[0]];
                      });
  return out;
}

// The operand's values minus its zero point (expanded per element).
Result<std::vector<double>> centeredValues(const KernelContext &ctx,
                                           const TensorView &q, size_t zpIndex,
                                           std::string_view what,
                                           const Shape &shape, bool perRow) {
  NURI_RETURN_IF_ERROR(requireZeroPointDType(ctx, zpIndex, q.dtype, what));
  if (q.dtype != DType::kInt8 && q.dtype != DType::kUInt8)
    return ctx.unsupported("dtype ", dtypeName(q.dtype));
  NURI_ASSIGN_OR_RETURN(std::vector<double> v, readDoubles(ctx, q, "input"));
  NURI_ASSIGN_OR_RETURN(
      std::vector<double> zp,
      expandParam(ctx, ctx.input(zpIndex), what, shape, perRow, 0.0));
  for (size_t i = 0; i < v.size(); ++i)
    v[i] -= zp[i];
  return v;
}

// out[batch, M, N] = sum_k a[.., m, k] * b[.., k, n] over the broadcast
// batch, accumulated in Acc: int64 for the exact integer products of
// centered 8-bit values (held in double), double for real values.
template <typename Acc>
std::vector<Acc> batchedMatMul(const MatMulGeometry &g,
                               const std::vector<double> &a,
                               const std::vector<double> &b) {
  std::vector<Acc> out(static_cast<size_t>(numElements(g.batch) * g.m * g.n),
                       Acc(0));
  forEachBroadcast<2>(g.batch, {&g.aBatch, &g.bBatch},
                      [&](int64_t i, const std::array<int64_t, 2> &off) {
                        multiplyAccumulate(a.data() + off[0] * g.m * g.k,
                                           b.data() + off[1] * g.k * g.n,
                                           out.data() + i * g.m * g.n, g.m, g.k,
                                           g.n);
                      });
  return out;
}

Status matMulIntegerKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *a, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *b, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(MatMulGeometry g, resolveMatMul(ctx, *a, *b));
  NURI_ASSIGN_OR_RETURN(std::vector<double> ac,
                        centeredValues(ctx, *a, 2, "a_zero_point", g.a, true));
  NURI_ASSIGN_OR_RETURN(std::vector<double> bc,
                        centeredValues(ctx, *b, 3, "b_zero_point", g.b, false));
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, g.outShape, DType::kInt32));
  std::vector<int64_t> acc = batchedMatMul<int64_t>(g, ac, bc);
  for (size_t i = 0; i < acc.size(); ++i)
    y->as<int32_t>()[i] = wrapToInt32(acc[i]);
  return okStatus();
}

// QLinearMatMul: the real product of the dequantized operands (scales and
// zero points per tensor, per row of a or per column of b), requantized.
Status qLinearMatMulKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *a, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *b, ctx.requireInput(3));
  NURI_ASSIGN_OR_RETURN(MatMulGeometry g, resolveMatMul(ctx, *a, *b));
  NURI_ASSIGN_OR_RETURN(const TensorView *as, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(const TensorView *bs, ctx.requireInput(4));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *as, DType::kFloat32, "a_scale"));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *bs, DType::kFloat32, "b_scale"));
  NURI_ASSIGN_OR_RETURN(QuantParam ys, scaleOf(ctx, 6, "y_scale", -1));
  NURI_ASSIGN_OR_RETURN(std::vector<double> ar,
                        centeredValues(ctx, *a, 2, "a_zero_point", g.a, true));
  NURI_ASSIGN_OR_RETURN(std::vector<double> br,
                        centeredValues(ctx, *b, 5, "b_zero_point", g.b, false));
  NURI_ASSIGN_OR_RETURN(std::vector<double> aScale,
                        expandParam(ctx, as, "a_scale", g.a, true, 1.0));
  NURI_ASSIGN_OR_RETURN(std::vector<double> bScale,
                        expandParam(ctx, bs, "b_scale", g.b, false, 1.0));
  for (size_t i = 0; i < ar.size(); ++i)
    ar[i] *= aScale[i];
  for (size_t i = 0; i < br.size(); ++i)
    br[i] *= bScale[i];
  return requantize(ctx, 7, g.outShape, batchedMatMul<double>(g, ar, br),
                    ys.at(0));
}

} // namespace

void registerQuantizedLinearKernels(KernelTable &table) {
  table.add("ConvInteger", convIntegerKernel);
  table.add("MatMulInteger", matMulIntegerKernel);
  table.add("QLinearConv", qLinearConvKernel);
  table.add("QLinearMatMul", qLinearMatMulKernel);
}

} // namespace nuri::cpu_ref
