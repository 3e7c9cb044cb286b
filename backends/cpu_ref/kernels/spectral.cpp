// Signal processing ops of opset 17: DFT, STFT, the Hann, Hamming and
// Blackman windows, and MelWeightMatrix. Transforms are direct O(n^2) sums
// in double with twiddle angles reduced mod n (exact for every n).
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <cmath>
#include <complex>
#include <numbers>

namespace nuri::cpu_ref {
namespace {

using namespace types;
using Complex = std::complex<double>;

// The n-point DFT's twiddle factors e^(-+2 pi i m / n), m in [0, n): built
// once per kernel call and indexed by (j * k) % n.
struct Twiddles {
  std::vector<Complex> factors;
  bool inverse = false;

  Twiddles(int64_t n, bool inverse) : inverse(inverse) {
    const double sign = inverse ? 1.0 : -1.0;
    factors.resize(static_cast<size_t>(n));
    for (int64_t m = 0; m < n; ++m) {
      const double angle = sign * 2 * std::numbers::pi *
                           static_cast<double>(m) / static_cast<double>(n);
      factors[m] = Complex(std::cos(angle), std::sin(angle));
    }
  }
};

// The DFT of `in` (already padded or truncated to n, the twiddles' size) at
// bins [0, bins): X[k] = sum_j in[j] e^(-+2 pi i jk / n), scaled by 1/n when
// inverse.
std::vector<Complex> dft(const std::vector<Complex> &in, int64_t bins,
                         const Twiddles &twiddles) {
  const auto n = static_cast<int64_t>(in.size());
  std::vector<Complex> out(static_cast<size_t>(bins));
  for (int64_t k = 0; k < bins; ++k) {
    Complex sum = 0;
    for (int64_t j = 0; j < n; ++j)
      sum += in[j] * twiddles.factors[(j * k) % n];
    out[k] = twiddles.inverse ? sum / static_cast<double>(n) : sum;
  }
  return out;
}

// An optional scalar integer input; `fallback` when absent.
Result<int64_t> optionalScalarInt(const KernelContext &ctx, size_t index,
                                  std::string_view what, int64_t fallback) {
  const TensorView *v = ctx.input(index);
  if (!v)
    return fallback;
  return readScalarInt64(ctx, *v, what);
}

Status dftKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(bool inverse, boolAttr(ctx, "inverse", false));
  NURI_ASSIGN_OR_RETURN(bool onesided, boolAttr(ctx, "onesided", false));
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", 1));
  NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 3, "input"));
  const int64_t rank = x->rank();
  const int64_t parts = x->shape.back();
  if (parts != 1 && parts != 2)
    return ctx.error("the last dim of input must be 1 (real) or 2 (complex), "
                     "got shape ",
                     shapeToString(x->shape));
  NURI_ASSIGN_OR_RETURN(int64_t axis, normalizeAxis(ctx, axisAttr, rank));
  if (axis == 0 || axis == rank - 1)
    return ctx.error("axis must be a signal dim (1 to ", rank - 2, "), got ",
                     axisAttr);
  const int64_t inLen = x->shape[axis];
  NURI_ASSIGN_OR_RETURN(int64_t n,
                        optionalScalarInt(ctx, 1, "dft_length", inLen));
  if (n < 1)
    return ctx.error("dft_length must be positive, got ", n);
  const int64_t bins = onesided ? n / 2 + 1 : n;
  Shape outShape = x->shape;
  outShape[axis] = bins;
  outShape.back() = 2;
  NURI_ASSIGN_OR_RETURN(std::vector<double> in, readDoubles(ctx, *x, "input"));
  return visitDType<kFloat>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, outShape, x->dtype));
    T *out = y->as<T>();
    // Lines along `axis`: [outer, axis, inner] with the complex parts
    // innermost.
    const int64_t outer = productOfDims(x->shape, 0, axis);
    const int64_t inner = productOfDims(x->shape, axis + 1, rank - 1);
    std::vector<Complex> line(static_cast<size_t>(n));
    const Twiddles twiddles(n, inverse);
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        for (int64_t j = 0; j < n; ++j) {
          if (j >= inLen) {
            line[j] = 0;
            continue;
          }
          const double *v = in.data() + ((o * inLen + j) * inner + i) * parts;
          line[j] = Complex(v[0], parts == 2 ? v[1] : 0.0);
        }
        const std::vector<Complex> spectrum = dft(line, bins, twiddles);
        for (int64_t k = 0; k < bins; ++k) {
          T *dst = out + ((o * bins + k) * inner + i) * 2;
          dst[0] = convertElement<T>(spectrum[k].real());
          dst[1] = convertElement<T>(spectrum[k].imag());
        }
      }
    return okStatus();
  });
}

Status stftKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *signal, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *stepIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(bool onesided, boolAttr(ctx, "onesided", true));
  NURI_ASSIGN_OR_RETURN(int64_t step,
                        readScalarInt64(ctx, *stepIn, "frame_step"));
  const TensorView *window = ctx.input(2);
  if (signal->rank() != 3 || (signal->shape[2] != 1 && signal->shape[2] != 2))
    return ctx.error("signal must have shape [batch, length, 1 or 2], got ",
                     shapeToString(signal->shape));
  if (window && window->rank() != 1)
    return ctx.error("window must be 1-D, got shape ",
                     shapeToString(window->shape));
  if (window)
    NURI_RETURN_IF_ERROR(requireDType(ctx, *window, signal->dtype, "window"));
  NURI_ASSIGN_OR_RETURN(int64_t n,
                        optionalScalarInt(ctx, 3, "frame_length",
                                          window ? window->shape[0] : -1));
  if (n < 1)
    return ctx.error("frame_length (or the window) must give a positive DFT "
                     "size, got ",
                     n);
  if (window && window->shape[0] != n)
    return ctx.error("window has ", window->shape[0],
                     " values but frame_length is ", n);
  if (step < 1)
    return ctx.error("frame_step must be positive, got ", step);
  const int64_t batch = signal->shape[0], length = signal->shape[1];
  const int64_t parts = signal->shape[2];
  if (length < n)
    return ctx.error("signal length ", length, " is shorter than a frame (", n,
                     ")");
  const int64_t frames = (length - n) / step + 1;
  const int64_t bins = onesided ? n / 2 + 1 : n;
  NURI_ASSIGN_OR_RETURN(std::vector<double> in,
                        readDoubles(ctx, *signal, "signal"));
  std::vector<double> w(static_cast<size_t>(n), 1.0);
  if (window) {
    NURI_ASSIGN_OR_RETURN(w, readDoubles(ctx, *window, "window"));
  }
  return visitDType<kFloat>(ctx, signal->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(
        TensorView * y,
        prepareOutput(ctx, 0, {batch, frames, bins, 2}, signal->dtype));
    T *out = y->as<T>();
    std::vector<Complex> frame(static_cast<size_t>(n));
    const Twiddles twiddles(n, /*inverse=*/false);
    for (int64_t b = 0; b < batch; ++b)
      for (int64_t f = 0; f < frames; ++f) {
        for (int64_t j = 0; j < n; ++j) {
          const double *v = in.data() + (b * length + f * step + j) * parts;
          frame[j] = Complex(v[0], parts == 2 ? v[1] : 0.0) * w[j];
        }
        const std::vector<Complex> spectrum = dft(frame, bins, twiddles);
        for (int64_t k = 0; k < bins; ++k) {
          T *dst = out + ((b * frames + f) * bins + k) * 2;
          dst[0] = convertElement<T>(spectrum[k].real());
          dst[1] = convertElement<T>(spectrum[k].imag());
        }
      }
    return okStatus();
  });
}

// Output 0 with `shape` and the dtype the output_datatype attribute names.
// Called before computing anything: `shape` comes from input values and may
// be huge, and the compiled graph's output bounds it.
Result<TensorView *> prepareDatatypeOutput(const KernelContext &ctx,
                                           const Shape &shape) {
  NURI_ASSIGN_OR_RETURN(DType dtype,
                        dtypeAttr(ctx, "output_datatype", DType::kFloat32));
  return prepareOutput(ctx, 0, shape, dtype);
}

// Generalized cosine windows: w[n] = sum_k (-1)^k a_k cos(2 pi k n / N),
// with N = size (periodic) or size - 1 (symmetric).
template <int Terms>
Status cosineWindowKernel(const KernelContext &ctx,
                          const std::array<double, Terms> &a) {
  NURI_ASSIGN_OR_RETURN(const TensorView *sizeIn, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t size, readScalarInt64(ctx, *sizeIn, "size"));
  NURI_ASSIGN_OR_RETURN(bool periodic, boolAttr(ctx, "periodic", true));
  if (size < 0)
    return ctx.error("size must be non-negative, got ", size);
  NURI_ASSIGN_OR_RETURN(TensorView * y, prepareDatatypeOutput(ctx, {size}));
  const int64_t denom = periodic ? size : size - 1;
  std::vector<double> w(static_cast<size_t>(size), 1.0);
  for (int64_t i = 0; i < size && denom > 0; ++i) {
    double v = 0;
    for (int k = 0; k < Terms; ++k)
      v += (k % 2 ? -a[k] : a[k]) *
           std::cos(2 * std::numbers::pi * k * static_cast<double>(i) /
                    static_cast<double>(denom));
    w[i] = v;
  }
  return writeDoubles(ctx, *y, w);
}

Status hannWindowKernel(const KernelContext &ctx) {
  return cosineWindowKernel<2>(ctx, {0.5, 0.5});
}
Status hammingWindowKernel(const KernelContext &ctx) {
  // ONNX's coefficients are 25/46 and 21/46 (not 0.54 / 0.46).
  return cosineWindowKernel<2>(ctx, {25.0 / 46, 21.0 / 46});
}
Status blackmanWindowKernel(const KernelContext &ctx) {
  return cosineWindowKernel<3>(ctx, {0.42, 0.5, 0.08});
}

// MelWeightMatrix: triangular filters between num_mel_bins + 2 points
// equally spaced on the mel scale, each snapped down to a DFT bin
// floor((dft_length + 1) * hz / sample_rate). The mel step divides the
// range by num_mel_bins + 2, as ONNX's reference does.
Status melWeightMatrixKernel(const KernelContext &ctx) {
  int64_t ints[3];
  const char *intNames[3] = {"num_mel_bins", "dft_length", "sample_rate"};
  for (size_t i = 0; i < 3; ++i) {
    NURI_ASSIGN_OR_RETURN(const TensorView *v, ctx.requireInput(i));
    NURI_ASSIGN_OR_RETURN(ints[i], readScalarInt64(ctx, *v, intNames[i]));
    if (ints[i] <= 0)
      return ctx.error(intNames[i], " must be positive, got ", ints[i]);
  }
  double edges[2];
  const char *edgeNames[2] = {"lower_edge_hertz", "upper_edge_hertz"};
  for (size_t i = 0; i < 2; ++i) {
    NURI_ASSIGN_OR_RETURN(const TensorView *v, ctx.requireInput(3 + i));
    if (v->numElements() != 1 || !isFloatingPoint(v->dtype))
      return ctx.error(edgeNames[i], " must be a float scalar");
    NURI_ASSIGN_OR_RETURN(std::vector<double> d,
                          readDoubles(ctx, *v, edgeNames[i]));
    edges[i] = d[0];
  }
  const int64_t mels = ints[0], dftLength = ints[1], rate = ints[2];
  const int64_t spectrumBins = dftLength / 2 + 1;
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareDatatypeOutput(ctx, {spectrumBins, mels}));
  auto toMel = [](double hz) { return 2595 * std::log10(1 + hz / 700); };
  const double lowMel = toMel(edges[0]), highMel = toMel(edges[1]);
  const double step = (highMel - lowMel) / static_cast<double>(mels + 2);
  std::vector<int64_t> point(static_cast<size_t>(mels + 2));
  for (int64_t i = 0; i < mels + 2; ++i) {
    const double hz =
        700 *
        (std::pow(10.0, (static_cast<double>(i) * step + lowMel) / 2595) - 1);
    point[i] = static_cast<int64_t>(std::floor(
        static_cast<double>(dftLength + 1) * hz / static_cast<double>(rate)));
    if (point[i] < 0 || point[i] >= spectrumBins)
      return ctx.error("mel band edge ", i, " falls on DFT bin ", point[i],
                       ", outside [0, ", spectrumBins, ")");
  }
  std::vector<double> w(static_cast<size_t>(spectrumBins * mels), 0.0);
  for (int64_t m = 0; m < mels; ++m) {
    const int64_t lo = point[m], center = point[m + 1], hi = point[m + 2];
    if (center == lo)
      w[center * mels + m] = 1;
    else
      for (int64_t j = lo; j <= center; ++j)
        w[j * mels + m] =
            static_cast<double>(j - lo) / static_cast<double>(center - lo);
    for (int64_t j = center; j < hi; ++j)
      w[j * mels + m] =
          static_cast<double>(hi - j) / static_cast<double>(hi - center);
  }
  return writeDoubles(ctx, *y, w);
}

} // namespace

void registerSpectralKernels(KernelTable &table) {
  table.add("DFT", dftKernel);
  table.add("STFT", stftKernel);
  table.add("HannWindow", hannWindowKernel);
  table.add("HammingWindow", hammingWindowKernel);
  table.add("BlackmanWindow", blackmanWindowKernel);
  table.add("MelWeightMatrix", melWeightMatrixKernel);
}

} // namespace nuri::cpu_ref
