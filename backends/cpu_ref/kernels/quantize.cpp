// QuantizeLinear-13, DequantizeLinear-13 (per tensor and per axis) and
// DynamicQuantizeLinear-11. Rounding is half to even and results saturate
// to the 8-bit range.
#include "cpu_ref/kernels/quantize.h"

#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

namespace nuri::cpu_ref {

Result<QuantParam> readQuantParam(const KernelContext &ctx, size_t index,
                                  std::string_view what, int64_t channels,
                                  double fallback) {
  const TensorView *v = ctx.input(index);
  if (!v)
    return QuantParam{{fallback}};
  if (v->numElements() != 1 &&
      (channels < 0 || v->rank() != 1 || v->shape[0] != channels))
    return ctx.error(what, " must be a scalar",
                     channels >= 0 ? strCat(" or have shape [", channels, "]")
                                   : std::string(),
                     ", got ", shapeToString(v->shape));
  NURI_ASSIGN_OR_RETURN(std::vector<double> values, readDoubles(ctx, *v, what));
  return QuantParam{std::move(values)};
}

Status requireZeroPointDType(const KernelContext &ctx, size_t index,
                             DType dtype, std::string_view what) {
  const TensorView *zp = ctx.input(index);
  return zp ? requireDType(ctx, *zp, dtype, what) : okStatus();
}

namespace {

using namespace types;

// The per-axis split of a quantized tensor: [outer, channels, inner] when
// the scale has more than one value, else one channel.
Result<AxisSplit> quantAxis(const KernelContext &ctx, const TensorView &x,
                            size_t scaleIndex) {
  NURI_ASSIGN_OR_RETURN(const TensorView *scale, ctx.requireInput(scaleIndex));
  if (scale->numElements() == 1)
    return AxisSplit{1, 1, x.numElements()};
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", 1));
  NURI_ASSIGN_OR_RETURN(int64_t axis, normalizeAxis(ctx, axisAttr, x.rank()));
  return splitAtAxis(x.shape, axis);
}

Status quantizeLinearKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *scaleIn, ctx.requireInput(1));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *scaleIn, DType::kFloat32, "y_scale"));
  const TensorView *zpIn = ctx.input(2);
  const DType outType = zpIn ? zpIn->dtype : DType::kUInt8;
  NURI_ASSIGN_OR_RETURN(AxisSplit s, quantAxis(ctx, *x, 1));
  NURI_ASSIGN_OR_RETURN(QuantParam scale,
                        readQuantParam(ctx, 1, "y_scale", s.size, 1.0));
  NURI_ASSIGN_OR_RETURN(QuantParam zp,
                        readQuantParam(ctx, 2, "y_zero_point", s.size, 0.0));
  return visitDType<kI8 | kU8>(ctx, outType, [&](auto qtag) -> Status {
    using Q = typename decltype(qtag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, outType));
    return visitDType<kF32 | kI32>(ctx, x->dtype, [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      const T *in = x->as<const T>();
      Q *out = y->as<Q>();
      for (int64_t o = 0; o < s.outer; ++o)
        for (int64_t c = 0; c < s.size; ++c) {
          const auto sc = static_cast<float>(scale.at(c));
          const double z = zp.at(c);
          for (int64_t i = 0; i < s.inner; ++i) {
            const int64_t k = (o * s.size + c) * s.inner + i;
            // float x divides in float (as float inference does), int32 x
            // in double.
            double q;
            if constexpr (std::is_same_v<T, float>)
              q = static_cast<double>(in[k] / sc);
            else
              q = static_cast<double>(in[k]) / static_cast<double>(sc);
            out[k] = saturateRound<Q>(std::nearbyint(q) + z);
          }
        }
      return okStatus();
    });
  });
}

Status dequantizeLinearKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *scaleIn, ctx.requireInput(1));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *scaleIn, DType::kFloat32, "x_scale"));
  NURI_RETURN_IF_ERROR(requireZeroPointDType(ctx, 2, x->dtype, "x_zero_point"));
  NURI_ASSIGN_OR_RETURN(AxisSplit s, quantAxis(ctx, *x, 1));
  NURI_ASSIGN_OR_RETURN(QuantParam scale,
                        readQuantParam(ctx, 1, "x_scale", s.size, 1.0));
  NURI_ASSIGN_OR_RETURN(QuantParam zp,
                        readQuantParam(ctx, 2, "x_zero_point", s.size, 0.0));
  return visitDType<kI8 | kU8 | kI32>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, DType::kFloat32));
    const T *in = x->as<const T>();
    float *out = y->as<float>();
    for (int64_t o = 0; o < s.outer; ++o)
      for (int64_t c = 0; c < s.size; ++c) {
        const auto sc = static_cast<float>(scale.at(c));
        const auto z = static_cast<int64_t>(zp.at(c));
        for (int64_t i = 0; i < s.inner; ++i) {
          const int64_t k = (o * s.size + c) * s.inner + i;
          out[k] = static_cast<float>(static_cast<int64_t>(in[k]) - z) * sc;
        }
      }
    return okStatus();
  });
}

// DynamicQuantizeLinear: uint8 with the range [min(x, 0), max(x, 0)] mapped
// onto [0, 255], computed in float as the ONNX function does.
Status dynamicQuantizeLinearKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *x, DType::kFloat32, "x"));
  const float *in = x->as<const float>();
  const int64_t n = x->numElements();
  float lo = 0, hi = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (std::isnan(in[i]))
      return ctx.error("x contains NaN at element ", i);
    lo = std::min(lo, in[i]);
    hi = std::max(hi, in[i]);
  }
  const float scale = (hi - lo) / 255.0f;
  // All zeros: any scale works; zero point 0 and y = 0 avoid 0 / 0.
  const uint8_t zp =
      scale == 0 ? 0 : saturateRound<uint8_t>(static_cast<double>(-lo / scale));
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, x->shape, DType::kUInt8));
  for (int64_t i = 0; i < n; ++i)
    y->as<uint8_t>()[i] =
        scale == 0
            ? uint8_t{0}
            : saturateRound<uint8_t>(
                  std::nearbyint(static_cast<double>(in[i] / scale)) + zp);
  if (ctx.output(1)) {
    NURI_ASSIGN_OR_RETURN(TensorView * ys,
                          prepareOutput(ctx, 1, {}, DType::kFloat32));
    ys->as<float>()[0] = scale;
  }
  if (ctx.output(2)) {
    NURI_ASSIGN_OR_RETURN(TensorView * yz,
                          prepareOutput(ctx, 2, {}, DType::kUInt8));
    yz->as<uint8_t>()[0] = zp;
  }
  return okStatus();
}

} // namespace

void registerQuantizeKernels(KernelTable &table) {
  table.add("QuantizeLinear", quantizeLinearKernel);
  table.add("DequantizeLinear", dequantizeLinearKernel);
  table.add("DynamicQuantizeLinear", dynamicQuantizeLinearKernel);
}

} // namespace nuri::cpu_ref
