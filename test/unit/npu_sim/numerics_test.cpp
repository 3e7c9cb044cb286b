// The vector engine's arithmetic: accuracy of the fixed-sequence
// transcendentals against the host's libm (the test may use it; the
// simulator may not), special values, rounding and saturation rules, and
// golden bits that must be the same on every host.
#include "npu_sim/sim/numerics.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace nuri::npu::numerics {
namespace {

uint32_t bits(float x) { return floatBits(x); }

// Distance from `got` to the exact `want` in units of the float spacing at
// `want`.
double ulps(float got, double want) {
  float rounded = static_cast<float>(want);
  double spacing = std::nextafter(std::fabs(rounded),
                                  std::numeric_limits<float>::infinity()) -
                   std::fabs(rounded);
  if (spacing == 0 || !std::isfinite(spacing))
    spacing = std::numeric_limits<float>::denorm_min();
  return std::fabs(static_cast<double>(got) - want) / spacing;
}

template <typename F, typename R>
double worstUlps(F f, R reference, float lo, float hi, int steps) {
  double worst = 0;
  for (int i = 0; i <= steps; ++i) {
    float x = lo + (hi - lo) * static_cast<float>(i) / steps;
    worst = std::max(worst, ulps(f(x), reference(static_cast<double>(x))));
  }
  return worst;
}

TEST_CASE("exp, log, tanh, sigmoid and erf are accurate", "[npu][numerics]") {
  CHECK(worstUlps(
            expF32, [](double x) { return std::exp(x); }, -87.0f, 88.7f,
            200000) <= 2.0);
  CHECK(worstUlps(
            expF32, [](double x) { return std::exp(x); }, -1.0f, 1.0f,
            100000) <= 2.0);
  CHECK(worstUlps(
            logF32, [](double x) { return std::log(x); }, 1e-30f, 1e30f,
            200000) <= 2.0);
  CHECK(worstUlps(
            logF32, [](double x) { return std::log(x); }, 0.25f, 4.0f,
            100000) <= 2.0);
  CHECK(worstUlps(
            tanhF32, [](double x) { return std::tanh(x); }, -10.0f, 10.0f,
            200000) <= 4.0);
  CHECK(worstUlps(
            sigmoidF32, [](double x) { return 1.0 / (1.0 + std::exp(-x)); },
            -30.0f, 30.0f, 200000) <= 4.0);
  CHECK(worstUlps(
            erfF32, [](double x) { return std::erf(x); }, -5.0f, 5.0f,
            200000) <= 3.0);
  CHECK(worstUlps(
            rsqrtF32, [](double x) { return 1.0 / std::sqrt(x); }, 1e-6f, 1e6f,
            100000) <= 1.5); // two roundings
}

TEST_CASE("special values follow IEEE", "[npu][numerics]") {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  CHECK(expF32(0.0f) == 1.0f);
  CHECK(expF32(-inf) == 0.0f);
  CHECK(expF32(inf) == inf);
  CHECK(expF32(89.0f) == inf);
  CHECK(expF32(-103.0f) > 0.0f);  // a subnormal, not flushed
  CHECK(expF32(-104.0f) == 0.0f); // below half the smallest subnormal
  CHECK(std::isnan(expF32(nan)));
  CHECK(logF32(1.0f) == 0.0f);
  CHECK(logF32(0.0f) == -inf);
  CHECK(logF32(inf) == inf);
  CHECK(std::isnan(logF32(-1.0f)));
  CHECK(ulps(logF32(1e-40f), std::log(1e-40)) <= 2.0); // subnormal input
  CHECK(tanhF32(20.0f) == 1.0f);
  CHECK(tanhF32(-20.0f) == -1.0f);
  CHECK(bits(tanhF32(-0.0f)) == 0x80000000u);
  CHECK(erfF32(6.0f) == 1.0f);
  CHECK(sigmoidF32(-200.0f) == 0.0f);
  CHECK(sigmoidF32(200.0f) == 1.0f);
  CHECK(rsqrtF32(0.0f) == inf);
  CHECK(std::isnan(sqrtF32(-1.0f)));
}

TEST_CASE("golden bits: the same on every host", "[npu][numerics]") {
  // If one of these changes, results are no longer reproducible across
  // hosts or versions: docs/npu/numerics.md fixes every operation.
  CHECK(bits(expF32(1.0f)) == 0x402df854u);
  CHECK(bits(expF32(-3.7f)) == 0x3cca88feu);
  CHECK(bits(logF32(10.0f)) == 0x40135d8eu);
  CHECK(bits(logF32(0.3f)) == 0xbf9a1bc8u);
  CHECK(bits(tanhF32(0.5f)) == 0x3eec9a9eu); // 1 ulp below libm's
  CHECK(bits(tanhF32(1.3f)) == 0x3f5c99e3u);
  CHECK(bits(sigmoidF32(-2.0f)) == 0x3df420a9u);
  CHECK(bits(erfF32(0.7f)) == 0x3f2d8461u);
  CHECK(bits(erfF32(0.3f)) == 0x3ea841c6u); // 1 ulp above libm's
  CHECK(bits(erfF32(2.2f)) == 0x3f7f85eau);
  CHECK(bits(rsqrtF32(3.0f)) == 0x3f13cd3au);
}

TEST_CASE("conversions round to nearest even and saturate", "[npu][numerics]") {
  CHECK(f32ToI32(2.5f) == 2);
  CHECK(f32ToI32(3.5f) == 4);
  CHECK(f32ToI32(-2.5f) == -2);
  CHECK(f32ToI32(-0.5f) == 0);
  CHECK(f32ToI32(0.5000001f) == 1);
  CHECK(f32ToI32(8388609.0f) == 8388609);
  CHECK(f32ToI32(4194304.5f) == 4194304);
  CHECK(f32ToI32(1e10f) == INT32_MAX);
  CHECK(f32ToI32(-1e10f) == INT32_MIN);
  CHECK(f32ToI32(std::numeric_limits<float>::quiet_NaN()) == 0);
  CHECK(saturateI8(200) == 127);
  CHECK(saturateI8(-129) == -128);
  // bf16: ties to even, NaN canonical.
  CHECK(toBf16(1.00390625f) == 0x3f80); // 1 + 2^-8: a tie, stays even
  CHECK(toBf16(1.01171875f) == 0x3f82); // 1 + 3 * 2^-8: a tie, rounds up
  CHECK(toBf16(-std::numeric_limits<float>::quiet_NaN()) == 0x7fc0);
  CHECK(bits(canonicalize(-std::numeric_limits<float>::quiet_NaN())) ==
        kCanonicalNaN);
}

TEST_CASE("max and min order zeros and propagate NaN", "[npu][numerics]") {
  CHECK(bits(maxF32(-0.0f, 0.0f)) == 0u);
  CHECK(bits(maxF32(0.0f, -0.0f)) == 0u);
  CHECK(bits(minF32(0.0f, -0.0f)) == 0x80000000u);
  CHECK(bits(minF32(-0.0f, 0.0f)) == 0x80000000u);
  CHECK(bits(maxF32(1.0f, std::numeric_limits<float>::quiet_NaN())) ==
        kCanonicalNaN);
  CHECK(maxF32(-3.0f, 2.0f) == 2.0f);
  CHECK(minF32(-3.0f, 2.0f) == -3.0f);
  CHECK(wrapAdd(INT32_MAX, 1) == INT32_MIN);
  CHECK(wrapMul(65536, 65536) == 0);
}

} // namespace
} // namespace nuri::npu::numerics
