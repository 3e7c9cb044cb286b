// Resize-13: nearest, (N-)linear and (N-)cubic interpolation over every
// dim, with each coordinate_transformation_mode and nearest_mode.
//
// Resizing is separable: each output coordinate along each dim maps to a few
// input indices with weights (its taps), and an output element is the sum
// over the taps' cartesian product of the weight products times the input.
// Taps outside the input clamp to the edge, or with exclude_outside drop out
// and the rest renormalize. Coordinates and sums are in double.
#include "cpu_ref/kernels/cubic_convolution.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <cmath>

namespace nuri::cpu_ref {
namespace {

using namespace types;

enum class Mode { kNearest, kLinear, kCubic };
enum class CoordMode {
  kHalfPixel,
  kPytorchHalfPixel,
  kAlignCorners,
  kAsymmetric,
  kTfHalfPixelForNn,
  kTfCropAndResize,
};
enum class NearestMode { kRoundPreferFloor, kRoundPreferCeil, kFloor, kCeil };

struct ResizeAttrs {
  Mode mode = Mode::kNearest;
  CoordMode coord = CoordMode::kHalfPixel;
  NearestMode nearest = NearestMode::kRoundPreferFloor;
  double cubicA = -0.75;
  bool excludeOutside = false;
  double extrapolation = 0;
};

template <typename E>
Result<E> readEnum(const KernelContext &ctx, std::string_view attr,
                   const char *defaultValue,
                   std::initializer_list<std::pair<const char *, E>> names) {
  NURI_ASSIGN_OR_RETURN(std::string s, stringAttr(ctx, attr, defaultValue));
  std::string allowed;
  for (const auto &[name, value] : names) {
    if (s == name)
      return value;
    allowed += allowed.empty() ? name : strCat(", ", name);
  }
  return ctx.error(attr, " must be one of ", allowed, "; got '", s, "'");
}

Result<ResizeAttrs> readResizeAttrs(const KernelContext &ctx) {
  ResizeAttrs a;
  NURI_ASSIGN_OR_RETURN(a.mode, readEnum<Mode>(ctx, "mode", "nearest",
                                               {{"nearest", Mode::kNearest},
                                                {"linear", Mode::kLinear},
                                                {"cubic", Mode::kCubic}}));
  NURI_ASSIGN_OR_RETURN(
      a.coord, readEnum<CoordMode>(
                   ctx, "coordinate_transformation_mode", "half_pixel",
                   {{"half_pixel", CoordMode::kHalfPixel},
                    {"pytorch_half_pixel", CoordMode::kPytorchHalfPixel},
                    {"align_corners", CoordMode::kAlignCorners},
                    {"asymmetric", CoordMode::kAsymmetric},
                    {"tf_half_pixel_for_nn", CoordMode::kTfHalfPixelForNn},
                    {"tf_crop_and_resize", CoordMode::kTfCropAndResize}}));
  NURI_ASSIGN_OR_RETURN(
      a.nearest, readEnum<NearestMode>(
                     ctx, "nearest_mode", "round_prefer_floor",
                     {{"round_prefer_floor", NearestMode::kRoundPreferFloor},
                      {"round_prefer_ceil", NearestMode::kRoundPreferCeil},
                      {"floor", NearestMode::kFloor},
                      {"ceil", NearestMode::kCeil}}));
  NURI_ASSIGN_OR_RETURN(float cubicA, floatAttr(ctx, "cubic_coeff_a", -0.75f));
  a.cubicA = cubicA;
  NURI_ASSIGN_OR_RETURN(a.excludeOutside,
                        boolAttr(ctx, "exclude_outside", false));
  NURI_ASSIGN_OR_RETURN(float extrapolation,
                        floatAttr(ctx, "extrapolation_value", 0.0f));
  a.extrapolation = extrapolation;
  return a;
}

// The input coordinate output coordinate `x` maps to along one dim.
// `outLen` is the resized length before flooring (inLen * scale; the size
// itself when sizes are given), as ONNX's formulas use it.
double sourceCoord(CoordMode mode, int64_t x, int64_t inLen, double outLen,
                   double scale, double roiStart, double roiEnd) {
  const double xd = static_cast<double>(x);
  switch (mode) {
  case CoordMode::kHalfPixel:
    return (xd + 0.5) / scale - 0.5;
  case CoordMode::kPytorchHalfPixel:
    return outLen > 1 ? (xd + 0.5) / scale - 0.5 : 0.0;
  case CoordMode::kAlignCorners:
    return outLen > 1 ? xd * static_cast<double>(inLen - 1) / (outLen - 1)
                      : 0.0;
  case CoordMode::kAsymmetric:
    return xd / scale;
  case CoordMode::kTfHalfPixelForNn:
    return (xd + 0.5) / scale;
  case CoordMode::kTfCropAndResize: {
    const double span = static_cast<double>(inLen - 1);
    return outLen > 1 ? roiStart * span +
                            xd * (roiEnd - roiStart) * span / (outLen - 1)
                      : 0.5 * (roiStart + roiEnd) * span;
  }
  }
  return 0;
}

int64_t nearestIndex(NearestMode mode, double x) {
  const double f = std::floor(x);
  const double frac = x - f;
  switch (mode) {
  case NearestMode::kRoundPreferFloor:
    return static_cast<int64_t>(frac <= 0.5 ? f : f + 1);
  case NearestMode::kRoundPreferCeil:
    return static_cast<int64_t>(frac < 0.5 ? f : f + 1);
  case NearestMode::kFloor:
    return static_cast<int64_t>(f);
  case NearestMode::kCeil:
    return static_cast<int64_t>(std::ceil(x));
  }
  return 0;
}

struct Tap {
  int64_t index;
  double weight;
};

// The taps of every output coordinate along one dim; `outside` marks
// coordinates that tf_crop_and_resize extrapolates.
struct DimTaps {
  std::vector<std::vector<Tap>> taps;
  std::vector<bool> outside;
};

DimTaps dimTaps(const ResizeAttrs &a, int64_t inLen, int64_t outLen,
                double resizedLen, double scale, double roiStart,
                double roiEnd) {
  DimTaps t;
  t.taps.resize(static_cast<size_t>(outLen));
  t.outside.assign(static_cast<size_t>(outLen), false);
  for (int64_t o = 0; o < outLen; ++o) {
    const double x =
        sourceCoord(a.coord, o, inLen, resizedLen, scale, roiStart, roiEnd);
    if (a.coord == CoordMode::kTfCropAndResize &&
        (x < 0 || x > static_cast<double>(inLen - 1))) {
      t.outside[o] = true;
      continue;
    }
    std::vector<Tap> raw;
    if (a.mode == Mode::kNearest) {
      raw.push_back({nearestIndex(a.nearest, x), 1.0});
    } else {
      const double f = std::floor(x);
      const double r = x - f;
      const auto i = static_cast<int64_t>(f);
      if (a.mode == Mode::kLinear) {
        raw = {{i, 1 - r}, {i + 1, r}};
      } else {
        raw = {{i - 1, cubicWeight(1 + r, a.cubicA)},
               {i, cubicWeight(r, a.cubicA)},
               {i + 1, cubicWeight(1 - r, a.cubicA)},
               {i + 2, cubicWeight(2 - r, a.cubicA)}};
      }
    }
    // Out-of-range taps clamp to the edge, or drop out with exclude_outside
    // (nearest always clamps: it has a single tap).
    const bool exclude = a.excludeOutside && a.mode != Mode::kNearest;
    double sum = 0;
    for (Tap &tap : raw) {
      if (tap.index < 0 || tap.index >= inLen) {
        if (exclude)
          tap.weight = 0;
        tap.index = std::clamp<int64_t>(tap.index, 0, inLen - 1);
      }
      sum += tap.weight;
    }
    // Zero-weight taps are not read.
    for (Tap &tap : raw) {
      if (exclude && sum != 0)
        tap.weight /= sum;
      if (tap.weight != 0)
        t.taps[o].push_back(tap);
    }
  }
  return t;
}

// Reads scales (float) or sizes (int64) into the output shape, the per-dim
// scale and the unfloored resized length the coordinate transforms use.
Status readTargetShape(const KernelContext &ctx, const TensorView &x,
                       Shape &outShape, std::vector<double> &scales,
                       std::vector<double> &resizedLen) {
  const TensorView *scalesIn = ctx.input(2);
  const TensorView *sizesIn = ctx.input(3);
  if (scalesIn && scalesIn->numElements() == 0)
    scalesIn = nullptr;
  if (sizesIn && sizesIn->numElements() == 0)
    sizesIn = nullptr;
  if ((scalesIn != nullptr) == (sizesIn != nullptr))
    return ctx.error("exactly one of scales and sizes must be given");
  const auto rank = static_cast<size_t>(x.rank());
  outShape.resize(rank);
  scales.resize(rank);
  resizedLen.resize(rank);
  if (scalesIn) {
    NURI_RETURN_IF_ERROR(
        requireDType(ctx, *scalesIn, DType::kFloat32, "scales"));
    if (scalesIn->numElements() != x.rank())
      return ctx.error("scales has ", scalesIn->numElements(),
                       " values for input rank ", x.rank());
    const float *s = scalesIn->as<const float>();
    for (size_t d = 0; d < rank; ++d) {
      if (!(s[d] > 0))
        return ctx.error("scales[", d, "] must be positive, got ", s[d]);
      // In float, as ONNX's shape inference computes it.
      outShape[d] = static_cast<int64_t>(
          std::floor(static_cast<float>(x.shape[d]) * s[d]));
      scales[d] = s[d];
      resizedLen[d] = static_cast<double>(x.shape[d]) * scales[d];
    }
    return okStatus();
  }
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> sizes,
                        readInt64s(ctx, *sizesIn, "sizes"));
  if (sizes.size() != rank)
    return ctx.error("sizes has ", sizes.size(), " values for input rank ",
                     x.rank());
  for (size_t d = 0; d < rank; ++d) {
    if (sizes[d] < 0)
      return ctx.error("sizes[", d, "] is negative: ", sizes[d]);
    outShape[d] = sizes[d];
    resizedLen[d] = static_cast<double>(sizes[d]);
    scales[d] = x.shape[d] > 0 ? static_cast<double>(sizes[d]) /
                                     static_cast<double>(x.shape[d])
                               : 1.0;
  }
  return okStatus();
}

Status resizeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(ResizeAttrs attrs, readResizeAttrs(ctx));
  Shape outShape;
  std::vector<double> scales, resizedLen;
  NURI_RETURN_IF_ERROR(readTargetShape(ctx, *x, outShape, scales, resizedLen));
  const auto rank = static_cast<size_t>(x->rank());
  for (size_t d = 0; d < rank; ++d)
    if (x->shape[d] == 0 && outShape[d] != 0)
      return ctx.error("cannot resize empty dim ", d, " to ", outShape[d]);
  // roi only matters to tf_crop_and_resize; absent, it is the whole input.
  std::vector<double> roi(2 * rank, 0.0);
  std::fill(roi.begin() + static_cast<std::ptrdiff_t>(rank), roi.end(), 1.0);
  const TensorView *roiIn = ctx.input(1);
  if (attrs.coord == CoordMode::kTfCropAndResize && roiIn &&
      roiIn->numElements() != 0) {
    if (!isFloatingPoint(roiIn->dtype))
      return ctx.unsupported("roi dtype ", dtypeName(roiIn->dtype));
    NURI_ASSIGN_OR_RETURN(roi, readDoubles(ctx, *roiIn, "roi"));
    if (roi.size() != 2 * rank)
      return ctx.error("roi has ", roi.size(), " values, expected ", 2 * rank);
  }
  // The output first: sizes come from data and may be huge.
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, outShape, x->dtype));
  std::vector<DimTaps> taps(rank);
  if (numElements(outShape) != 0)
    for (size_t d = 0; d < rank; ++d)
      taps[d] = dimTaps(attrs, x->shape[d], outShape[d], resizedLen[d],
                        scales[d], roi[d], roi[rank + d]);
  const std::vector<int64_t> inStride = rowMajorStrides(x->shape);

  constexpr unsigned kTypes = kNumeric | kBool;
  return visitDType<kTypes>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    const T extrapolation = convertElement<T>(attrs.extrapolation);
    std::vector<int64_t> o(rank, 0), k(rank, 0), tapCount(rank, 0);
    const int64_t total = numElements(outShape);
    for (int64_t linear = 0; linear < total;
         ++linear, advanceIndex(o, outShape)) {
      bool outside = false, noTaps = false;
      for (size_t d = 0; d < rank; ++d) {
        outside = outside || taps[d].outside[o[d]];
        tapCount[d] =
            outside ? 0 : static_cast<int64_t>(taps[d].taps[o[d]].size());
        noTaps = noTaps || tapCount[d] == 0;
      }
      if (outside) {
        out[linear] = extrapolation;
        continue;
      }
      if (noTaps) { // every weight was zero
        out[linear] = convertElement<T>(0.0);
        continue;
      }
      // Nearest reads one element: copy it exactly (no trip through double).
      if (attrs.mode == Mode::kNearest) {
        int64_t offset = 0;
        for (size_t d = 0; d < rank; ++d)
          offset += taps[d].taps[o[d]][0].index * inStride[d];
        out[linear] = in[offset];
        continue;
      }
      double sum = 0;
      std::fill(k.begin(), k.end(), 0);
      do {
        double w = 1;
        int64_t offset = 0;
        for (size_t d = 0; d < rank; ++d) {
          const Tap &tap = taps[d].taps[o[d]][k[d]];
          w *= tap.weight;
          offset += tap.index * inStride[d];
        }
        sum += w * static_cast<double>(load(in[offset]));
      } while (advanceIndex(k, tapCount));
      out[linear] = convertElement<T>(sum);
    }
    return okStatus();
  });
}

} // namespace

void registerResizeKernels(KernelTable &table) {
  table.add("Resize", resizeKernel);
}

} // namespace nuri::cpu_ref
