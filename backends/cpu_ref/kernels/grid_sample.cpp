// GridSample-16 on 4-D inputs: bilinear, nearest and bicubic sampling with
// zeros, border or reflection padding, as torch.nn.functional.grid_sample
// (which the ONNX op follows) defines them. Coordinates and sums in double.
#include "cpu_ref/kernels/cubic_convolution.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <cmath>

namespace nuri::cpu_ref {
namespace {

using namespace types;

enum class SampleMode { kBilinear, kNearest, kBicubic };
enum class Padding { kZeros, kBorder, kReflection };

struct Sampler {
  SampleMode mode = SampleMode::kBilinear;
  Padding padding = Padding::kZeros;
  bool alignCorners = false;

  // Grid value in [-1, 1] to a pixel coordinate along a dim of `size`.
  double unnormalize(double g, int64_t size) const {
    return alignCorners ? (g + 1) / 2 * static_cast<double>(size - 1)
                        : ((g + 1) * static_cast<double>(size) - 1) / 2;
  }

  // Reflects x into [low, high] (as often as needed).
  static double reflect(double x, double low, double high) {
    const double span = high - low;
    if (span <= 0)
      return low;
    x = std::fabs(x - low);
    const double flips = std::floor(x / span);
    const double extra = std::fmod(x, span);
    return std::fmod(flips, 2.0) == 0 ? low + extra : high - extra;
  }

  // Applies border or reflection padding to a coordinate (zeros padding
  // leaves it alone).
  double pad(double x, int64_t size) const {
    const double last = static_cast<double>(size - 1);
    if (padding == Padding::kBorder)
      return std::clamp(x, 0.0, last);
    if (padding == Padding::kReflection) {
      x = alignCorners ? reflect(x, 0, last)
                       : reflect(x, -0.5, static_cast<double>(size) - 0.5);
      return std::clamp(x, 0.0, last);
    }
    return x;
  }
};

// Keys' cubic convolution weights (a = -0.75, as PyTorch's bicubic) for
// the taps at floor(x) - 1 .. floor(x) + 2, t = x - floor(x).
std::array<double, 4> cubicWeights(double t) {
  if (std::isnan(t)) // a NaN or infinite coordinate: NaN weights, NaN output
    return {t, t, t, t};
  constexpr double a = -0.75;
  return {cubicWeight(1 + t, a), cubicWeight(t, a), cubicWeight(1 - t, a),
          cubicWeight(2 - t, a)};
}

// An integral coordinate as an index; far-out or NaN ones (which sample
// nothing) become -1.
int64_t toIndex(double v) {
  return v >= -1e15 && v <= 1e15 ? static_cast<int64_t>(v) : -1;
}

Status gridSampleKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *grid, ctx.requireInput(1));
  Sampler s;
  NURI_ASSIGN_OR_RETURN(s.alignCorners, boolAttr(ctx, "align_corners", false));
  NURI_ASSIGN_OR_RETURN(std::string mode, stringAttr(ctx, "mode", "bilinear"));
  if (mode == "nearest")
    s.mode = SampleMode::kNearest;
  else if (mode == "bicubic")
    s.mode = SampleMode::kBicubic;
  else if (mode != "bilinear")
    return ctx.error("mode must be bilinear, nearest or bicubic, got '", mode,
                     "'");
  NURI_ASSIGN_OR_RETURN(std::string padding,
                        stringAttr(ctx, "padding_mode", "zeros"));
  if (padding == "border")
    s.padding = Padding::kBorder;
  else if (padding == "reflection")
    s.padding = Padding::kReflection;
  else if (padding != "zeros")
    return ctx.error("padding_mode must be zeros, border or reflection, got '",
                     padding, "'");
  if (x->rank() != 4)
    return ctx.unsupported("X must be 4-D (N, C, H, W), got shape ",
                           shapeToString(x->shape));
  const int64_t n = x->shape[0], c = x->shape[1], h = x->shape[2],
                w = x->shape[3];
  if (grid->rank() != 4 || grid->shape[0] != n || grid->shape[3] != 2)
    return ctx.error("grid must have shape [", n, ", H_out, W_out, 2], got ",
                     shapeToString(grid->shape));
  if (!isFloatingPoint(grid->dtype))
    return ctx.unsupported("grid dtype ", dtypeName(grid->dtype));
  const int64_t ho = grid->shape[1], wo = grid->shape[2];
  NURI_ASSIGN_OR_RETURN(std::vector<double> g, readDoubles(ctx, *grid, "grid"));
  return visitDType<kFloat>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, {n, c, ho, wo}, x->dtype));
    const T *in = x->as<const T>();
    T *out = y->as<T>();
    for (int64_t b = 0; b < n; ++b)
      for (int64_t ch = 0; ch < c; ++ch) {
        const T *plane = in + (b * c + ch) * h * w;
        // Pixel (row, col) or 0 outside the input.
        auto at = [&](int64_t row, int64_t col) {
          return row < 0 || row >= h || col < 0 || col >= w
                     ? 0.0
                     : static_cast<double>(load(plane[row * w + col]));
        };
        for (int64_t i = 0; i < ho * wo; ++i) {
          const double gx = g[((b * ho * wo) + i) * 2];
          const double gy = g[((b * ho * wo) + i) * 2 + 1];
          double px = s.unnormalize(gx, w), py = s.unnormalize(gy, h);
          double v = 0;
          if (s.mode == SampleMode::kBicubic) {
            // Padding applies to each tap's index.
            const double fx = std::floor(px), fy = std::floor(py);
            const auto wx = cubicWeights(px - fx), wy = cubicWeights(py - fy);
            for (int dy = 0; dy < 4; ++dy)
              for (int dx = 0; dx < 4; ++dx) {
                const double ty = s.pad(fy - 1 + dy, h);
                const double tx = s.pad(fx - 1 + dx, w);
                v += wy[dy] * wx[dx] * at(toIndex(ty), toIndex(tx));
              }
          } else {
            px = s.pad(px, w);
            py = s.pad(py, h);
            if (s.mode == SampleMode::kNearest) {
              v = at(toIndex(std::nearbyint(py)), toIndex(std::nearbyint(px)));
            } else {
              const double fx = std::floor(px), fy = std::floor(py);
              const double tx = px - fx, ty = py - fy;
              const int64_t x0 = toIndex(fx), y0 = toIndex(fy);
              v = (1 - ty) * ((1 - tx) * at(y0, x0) + tx * at(y0, x0 + 1)) +
                  ty * ((1 - tx) * at(y0 + 1, x0) + tx * at(y0 + 1, x0 + 1));
            }
          }
          out[(b * c + ch) * ho * wo + i] = convertElement<T>(v);
        }
      }
    return okStatus();
  });
}

} // namespace

void registerGridSampleKernels(KernelTable &table) {
  table.add("GridSample", gridSampleKernel);
}

} // namespace nuri::cpu_ref
