// Normalizations: BatchNormalization-15 (inference), InstanceNormalization-6,
// LayerNormalization-17, LRN-13, MeanVarianceNormalization-13 and
// LpNormalization-1. Statistics are computed in double.
#include "cpu_ref/kernels/broadcast.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <cmath>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// Reads a per-channel parameter (any float dtype, shape [channels]).
Result<std::vector<double>> readChannelParam(const KernelContext &ctx,
                                             size_t index, const char *name,
                                             int64_t channels) {
  NURI_ASSIGN_OR_RETURN(const TensorView *v, ctx.requireInput(index));
  if (v->rank() != 1 || v->shape[0] != channels)
    return ctx.error(name, " must have shape [", channels, "], got ",
                     shapeToString(v->shape));
  if (!isFloatingPoint(v->dtype))
    return ctx.unsupported(name, " dtype ", dtypeName(v->dtype));
  return readDoubles(ctx, *v, name);
}

// y = x * a[c] + b[c] over an [N, C, spatial] tensor.
template <typename T>
void applyChannelAffine(const TensorView &x, TensorView &y,
                        const std::vector<double> &a,
                        const std::vector<double> &b) {
  const int64_t channels = x.shape[1];
  const int64_t planes = x.shape[0] * channels;
  const int64_t size = productOfDims(x.shape, 2, x.shape.size());
  const T *in = x.as<const T>();
  T *out = y.as<T>();
  for (int64_t plane = 0; plane < planes; ++plane) {
    const int64_t c = plane % channels;
    for (int64_t i = plane * size; i < (plane + 1) * size; ++i)
      out[i] =
          convertElement<T>(static_cast<double>(load(in[i])) * a[c] + b[c]);
  }
}

Status batchNormKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(bool training, boolAttr(ctx, "training_mode", false));
  if (training)
    return ctx.unsupported("training_mode=1 (cpu-ref runs inference only)");
  if (ctx.output(1) || ctx.output(2))
    return ctx.error("running_mean/running_var outputs need training_mode=1");
  NURI_ASSIGN_OR_RETURN(float epsilon, floatAttr(ctx, "epsilon", 1e-5f));
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  return visitDType<kFloat>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 2, "X"));
    const int64_t channels = x->shape[1];
    NURI_ASSIGN_OR_RETURN(auto scale,
                          readChannelParam(ctx, 1, "scale", channels));
    NURI_ASSIGN_OR_RETURN(auto bias, readChannelParam(ctx, 2, "B", channels));
    NURI_ASSIGN_OR_RETURN(auto mean,
                          readChannelParam(ctx, 3, "input_mean", channels));
    NURI_ASSIGN_OR_RETURN(auto var,
                          readChannelParam(ctx, 4, "input_var", channels));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    // y = (x - mean) / sqrt(var + eps) * scale + B = x * a + b.
    std::vector<double> a(channels), b(channels);
    for (int64_t c = 0; c < channels; ++c) {
      a[c] = scale[c] / std::sqrt(var[c] + static_cast<double>(epsilon));
      b[c] = bias[c] - mean[c] * a[c];
    }
    applyChannelAffine<T>(*x, *y, a, b);
    return okStatus();
  });
}

Status instanceNormKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(float epsilon, floatAttr(ctx, "epsilon", 1e-5f));
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 3, "input"));
    const int64_t n = x->shape[0], channels = x->shape[1];
    NURI_ASSIGN_OR_RETURN(auto scale,
                          readChannelParam(ctx, 1, "scale", channels));
    NURI_ASSIGN_OR_RETURN(auto bias, readChannelParam(ctx, 2, "B", channels));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    const int64_t size = productOfDims(x->shape, 2, x->shape.size());
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t plane = 0; plane < n * channels; ++plane) {
      const T *xp = in + plane * size;
      double sum = 0, sq = 0;
      for (int64_t i = 0; i < size; ++i)
        sum += static_cast<double>(load(xp[i]));
      const double mean = sum / size;
      for (int64_t i = 0; i < size; ++i) {
        double d = static_cast<double>(load(xp[i])) - mean;
        sq += d * d;
      }
      const int64_t c = plane % channels;
      const double a = scale[c] / std::sqrt(sq / size + epsilon);
      for (int64_t i = 0; i < size; ++i)
        out[plane * size + i] = convertElement<T>(
            (static_cast<double>(load(xp[i])) - mean) * a + bias[c]);
    }
    return okStatus();
  });
}

// Rounds a statistic to the stash type, as an implementation computing in
// that type would hold it.
double roundTo(const KernelContext &ctx, DType stash, double v) {
  double r = v;
  (void)visitDType<kFloat>(ctx, stash, [&](auto tag) {
    using S = typename decltype(tag)::type;
    r = static_cast<double>(load(convertElement<S>(v)));
    return okStatus();
  });
  return r;
}

// LayerNormalization-17: normalizes over dims [axis, rank); Scale and B
// broadcast to X. Mean and InvStdDev are computed in double, then rounded to
// stash_type, which is also their output dtype.
Status layerNormKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *scale, ctx.requireInput(1));
  const TensorView *bias = ctx.input(2);
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", -1));
  NURI_ASSIGN_OR_RETURN(float epsilon, floatAttr(ctx, "epsilon", 1e-5f));
  NURI_ASSIGN_OR_RETURN(DType stash,
                        dtypeAttr(ctx, "stash_type", DType::kFloat32));
  if (!isFloatingPoint(stash))
    return ctx.error("stash_type must be a floating-point dtype, got ",
                     static_cast<int64_t>(stash));
  return visitDType<kFloat>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(int64_t axis,
                          normalizeAxis(ctx, axisAttr, x->rank()));
    for (const TensorView *p : {scale, bias}) {
      if (!p)
        continue;
      NURI_RETURN_IF_ERROR(
          requireDType(ctx, *p, x->dtype, p == scale ? "Scale" : "B"));
      if (!broadcastsTo(p->shape, x->shape))
        return ctx.error(p == scale ? "Scale" : "B", " shape ",
                         shapeToString(p->shape), " does not broadcast to X ",
                         shapeToString(x->shape));
    }
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    Shape statShape = x->shape;
    std::fill(statShape.begin() + axis, statShape.end(), 1);
    std::array<TensorView *, 2> statOut{};
    for (size_t k = 0; k < 2; ++k)
      if (ctx.output(k + 1)) {
        NURI_ASSIGN_OR_RETURN(statOut[k],
                              prepareOutput(ctx, k + 1, statShape, stash));
      }
    const int64_t outer = productOfDims(x->shape, 0, axis);
    const int64_t inner = productOfDims(x->shape, axis, x->shape.size());
    const T *in = x->as<const T>();
    std::vector<double> mean(outer), invStd(outer);
    for (int64_t o = 0; o < outer; ++o) {
      const T *row = in + o * inner;
      double sum = 0, sq = 0;
      for (int64_t i = 0; i < inner; ++i)
        sum += static_cast<double>(load(row[i]));
      double m = sum / inner;
      for (int64_t i = 0; i < inner; ++i) {
        double d = static_cast<double>(load(row[i])) - m;
        sq += d * d;
      }
      mean[o] = roundTo(ctx, stash, m);
      invStd[o] = roundTo(ctx, stash, 1.0 / std::sqrt(sq / inner + epsilon));
    }
    if (statOut[0])
      NURI_RETURN_IF_ERROR(writeDoubles(ctx, *statOut[0], mean));
    if (statOut[1])
      NURI_RETURN_IF_ERROR(writeDoubles(ctx, *statOut[1], invStd));
    const Shape noBias{};
    const Shape &biasShape = bias ? bias->shape : noBias;
    const T *s = scale->as<const T>();
    const T *b = bias ? bias->as<const T>() : nullptr;
    T *out = y->as<T>();
    forEachBroadcast<2>(x->shape, {&scale->shape, &biasShape},
                        [&](int64_t i, const std::array<int64_t, 2> &off) {
                          const int64_t o = i / inner;
                          double v =
                              (static_cast<double>(load(in[i])) - mean[o]) *
                              invStd[o] * static_cast<double>(load(s[off[0]]));
                          if (b)
                            v += static_cast<double>(load(b[off[1]]));
                          out[i] = convertElement<T>(v);
                        });
    return okStatus();
  });
}

Status lrnKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(int64_t size, requiredIntAttr(ctx, "size"));
  if (size <= 0)
    return ctx.error("size must be positive, got ", size);
  NURI_ASSIGN_OR_RETURN(float alpha, floatAttr(ctx, "alpha", 1e-4f));
  NURI_ASSIGN_OR_RETURN(float beta, floatAttr(ctx, "beta", 0.75f));
  NURI_ASSIGN_OR_RETURN(float bias, floatAttr(ctx, "bias", 1.0f));
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  return visitDType<kFloat>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 3, "X"));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    const int64_t channels = x->shape[1];
    const int64_t plane = productOfDims(x->shape, 2, x->shape.size());
    const int64_t before = (size - 1) / 2, after = size - 1 - before;
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t n = 0; n < x->shape[0]; ++n) {
      for (int64_t c = 0; c < channels; ++c) {
        const int64_t lo = std::max<int64_t>(0, c - before);
        const int64_t hi = std::min<int64_t>(channels - 1, c + after);
        for (int64_t i = 0; i < plane; ++i) {
          double sq = 0;
          for (int64_t cc = lo; cc <= hi; ++cc) {
            double v =
                static_cast<double>(load(in[(n * channels + cc) * plane + i]));
            sq += v * v;
          }
          const int64_t at = (n * channels + c) * plane + i;
          double denom = std::pow(bias + static_cast<double>(alpha) / size * sq,
                                  static_cast<double>(beta));
          out[at] =
              convertElement<T>(static_cast<double>(load(in[at])) / denom);
        }
      }
    }
    return okStatus();
  });
}

// MeanVarianceNormalization: (x - mean) / (sqrt(variance) + 1e-9) with the
// statistics over `axes` (ONNX's function adds that epsilon).
Status meanVarianceNormKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> axesAttr,
                        intsAttr(ctx, "axes", {0, 2, 3}));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> axes,
                        normalizeAxes(ctx, axesAttr, x->rank()));
  return visitDType<kFloat>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    // Each element's group: its index over the kept dims.
    const size_t rank = x->shape.size();
    std::vector<int64_t> groupStride(rank, 0);
    int64_t groups = 1;
    for (size_t d = rank; d-- > 0;)
      if (std::find(axes.begin(), axes.end(), static_cast<int64_t>(d)) ==
          axes.end()) {
        groupStride[d] = groups;
        groups *= x->shape[d];
      }
    const int64_t n = x->numElements();
    std::vector<int64_t> group(static_cast<size_t>(n));
    std::vector<int64_t> index(rank, 0);
    for (int64_t i = 0; i < n; ++i, advanceIndex(index, x->shape)) {
      int64_t gi = 0;
      for (size_t d = 0; d < rank; ++d)
        gi += index[d] * groupStride[d];
      group[i] = gi;
    }
    const T *in = x->as<const T>();
    std::vector<double> sum(groups, 0.0), sq(groups, 0.0), count(groups, 0.0);
    for (int64_t i = 0; i < n; ++i) {
      sum[group[i]] += static_cast<double>(load(in[i]));
      count[group[i]] += 1;
    }
    for (int64_t g = 0; g < groups; ++g)
      sum[g] /= count[g]; // now the mean
    for (int64_t i = 0; i < n; ++i) {
      const double d = static_cast<double>(load(in[i])) - sum[group[i]];
      sq[group[i]] += d * d;
    }
    for (int64_t i = 0; i < n; ++i) {
      const int64_t g = group[i];
      const double stddev = std::sqrt(sq[g] / count[g]);
      y->as<T>()[i] = convertElement<T>(
          (static_cast<double>(load(in[i])) - sum[g]) / (stddev + 1e-9));
    }
    return okStatus();
  });
}

// LpNormalization: x / ||x||_p along `axis`, p 1 or 2. An all-zero slice
// stays zero (instead of 0 / 0).
Status lpNormalizationKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", -1));
  NURI_ASSIGN_OR_RETURN(int64_t p, intAttr(ctx, "p", 2));
  if (p != 1 && p != 2)
    return ctx.error("p must be 1 or 2, got ", p);
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(int64_t axis,
                          normalizeAxis(ctx, axisAttr, x->rank()));
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, x->dtype));
    const AxisSplit s = splitAtAxis(x->shape, axis);
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t o = 0; o < s.outer; ++o)
      for (int64_t i = 0; i < s.inner; ++i) {
        const int64_t base = o * s.size * s.inner + i;
        double norm = 0;
        for (int64_t k = 0; k < s.size; ++k) {
          const double v = static_cast<double>(load(in[base + k * s.inner]));
          norm += p == 1 ? std::fabs(v) : v * v;
        }
        if (p == 2)
          norm = std::sqrt(norm);
        for (int64_t k = 0; k < s.size; ++k) {
          const double v = static_cast<double>(load(in[base + k * s.inner]));
          out[base + k * s.inner] =
              convertElement<T>(norm == 0 ? 0.0 : v / norm);
        }
      }
    return okStatus();
  });
}

} // namespace

void registerNormalizationKernels(KernelTable &table) {
  table.add("BatchNormalization", batchNormKernel);
  table.add("InstanceNormalization", instanceNormKernel);
  table.add("LayerNormalization", layerNormKernel);
  table.add("LRN", lrnKernel);
  table.add("MeanVarianceNormalization", meanVarianceNormKernel);
  table.add("LpNormalization", lpNormalizationKernel);
}

} // namespace nuri::cpu_ref
