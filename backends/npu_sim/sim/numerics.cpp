// The fixed operation sequences behind the vector engine's functions.
// Compiled with -ffp-contract=off (see CMakeLists.txt): each line is the
// rounding the spec states, and the coefficients are fp32 constants written
// as hex floats so they are the same bits everywhere.
#include "npu_sim/sim/numerics.h"

#include <cmath>

namespace nuri::npu::numerics {
namespace {

float fromBits(uint32_t bits) { return bitsToFloat(bits); }

// 2^n as a float for n in [-126, 127].
float pow2(int n) { return fromBits(static_cast<uint32_t>(n + 127) << 23); }

// Round to an integer-valued float, ties to even, for |x| < 2^23: adding and
// subtracting 2^23 makes the hardware adder do the rounding.
float roundEven(float x) {
  const float kShift = 0x1.0p23f;
  return x >= 0 ? (x + kShift) - kShift : (x - kShift) + kShift;
}

// p * 2^n with one rounding, for p in [0.5, 2] and n in [-152, 128].
float scaleByPow2(float p, int n) {
  if (n > 127)
    return (p * 2.0f) * pow2(n - 1);
  if (n >= -126)
    return p * pow2(n);
  // Scale into the normal range first (exact), then round once.
  return (p * pow2(n + 100)) * pow2(-100);
}

// Horner's rule, highest coefficient first.
template <size_t N> float horner(const float (&c)[N], float x) {
  float p = c[0];
  for (size_t i = 1; i < N; ++i)
    p = p * x + c[i];
  return p;
}

// 1/k! for k = 7..0: Taylor series of e^r on |r| <= ln2 / 2.
constexpr float kExpPoly[] = {0x1.a01a02p-13f, 0x1.6c16c2p-10f, 0x1.111112p-7f,
                              0x1.555556p-5f,  0x1.555556p-3f,  0x1.0p-1f,
                              0x1.0p0f,        0x1.0p0f};
constexpr float kLog2e = 0x1.715476p+0f;
// ln 2 split so n * kLn2Hi is exact for |n| < 2^8.
constexpr float kLn2Hi = 0x1.62e4p-1f;
constexpr float kLn2Lo = 0x1.7f7d1cp-20f;

// 2/(2k+1) for k = 4..1: log(m) = 2s + s^3 * (2/3 + s^2 (2/5 + ...)).
constexpr float kLogPoly[] = {0x1.c71c72p-3f, 0x1.24924ap-2f, 0x1.99999ap-2f,
                              0x1.555556p-1f};
constexpr float kSqrt2 = 0x1.6a09e6p+0f;

// Odd Taylor coefficients of tanh, x^15 down to x^3.
constexpr float kTanhPoly[] = {
    -0x1.7da364p-10f, 0x1.d6d3d0p-9f, -0x1.226e36p-7f, 0x1.664f48p-6f,
    -0x1.ba1ba2p-5f,  0x1.111112p-3f, -0x1.555556p-2f};

// erf(x) = x * P(x^2) on |x| < 0.5 (least-squares fit, degree 6 in x^2).
constexpr float kErfSmall[] = {
    0x1.c5d332p-14f, -0x1.bdfd1cp-11f, 0x1.564feep-8f, -0x1.b82ca0p-6f,
    0x1.ce2f20p-4f,  -0x1.812746p-2f,  0x1.20dd76p+0f};
// erf on [lo, hi) as a degree-8 polynomial in (x - center).
struct ErfPiece {
  float hi;
  float center;
  float c[9];
};
constexpr ErfPiece kErfPieces[] = {
    {1.0f,
     0.75f,
     {0x1.405004p-9f, 0x1.250750p-6f, -0x1.b889ccp-6f, -0x1.b3f438p-5f,
      0x1.349baep-3f, 0x1.b6e67ap-6f, -0x1.edc564p-2f, 0x1.492e42p-1f,
      0x1.6c1c98p-1f}},
    {1.5f,
     1.25f,
     {-0x1.6dc6a0p-8f, 0x1.eae4e6p-9f, 0x1.5ce760p-6f, -0x1.828d66p-5f,
      -0x1.93a7b2p-8f, 0x1.571d0ep-3f, -0x1.2ebf3ep-2f, 0x1.e46530p-3f,
      0x1.d8865ep-1f}},
    {2.0f,
     1.75f,
     {0x1.5a336cp-11f, -0x1.84d430p-8f, 0x1.25d442p-7f, 0x1.b1bf7ap-8f,
      -0x1.8a0dd6p-5f, 0x1.7148e0p-4f, -0x1.7a4a8ap-4f, 0x1.b05530p-5f,
      0x1.f92d08p-1f}},
    {2.75f,
     2.375f,
     {0x1.40c2b4p-11f, 0x1.38e690p-16f, -0x1.987296p-9f, 0x1.1236d0p-7f,
      -0x1.ae587cp-7f, 0x1.c1e87cp-7f, -0x1.37ccdap-7f, 0x1.06919ep-8f,
      0x1.ff9960p-1f}},
    {4.0f,
     3.375f,
     {-0x1.ebf682p-15f, 0x1.f90c46p-14f, -0x1.307c82p-13f, 0x1.4c5e10p-13f,
      -0x1.29e7c6p-13f, 0x1.86b736p-14f, -0x1.68f4a6p-15f, 0x1.ab5168p-17f,
      0x1.ffffc4p-1f}},
};

float copySign(float magnitude, float sign) {
  return fromBits((floatBits(magnitude) & 0x7fffffffu) |
                  (floatBits(sign) & 0x80000000u));
}

} // namespace

float maxF32(float a, float b) {
  if (isNaN(a) || isNaN(b))
    return fromBits(kCanonicalNaN);
  if (a > b)
    return a;
  if (b > a)
    return b;
  return fromBits(floatBits(a) & floatBits(b)); // equal: +0 wins over -0
}

float minF32(float a, float b) {
  if (isNaN(a) || isNaN(b))
    return fromBits(kCanonicalNaN);
  if (a < b)
    return a;
  if (b < a)
    return b;
  return fromBits(floatBits(a) | floatBits(b)); // equal: -0 wins over +0
}

int32_t f32ToI32(float x) {
  if (isNaN(x))
    return 0;
  if (x >= 0x1.0p31f)
    return INT32_MAX;
  if (x <= -0x1.0p31f)
    return INT32_MIN;
  // |x| >= 2^23 is already an integer.
  float r = (x < 0x1.0p23f && x > -0x1.0p23f) ? roundEven(x) : x;
  return static_cast<int32_t>(r);
}

float expF32(float x) {
  if (isNaN(x))
    return x;
  if (x > 89.0f)
    return INFINITY;
  if (x < -104.0f)
    return 0.0f;
  // x = n ln2 + r, |r| <= ln2/2 (Cody-Waite reduction in two steps).
  float n = roundEven(x * kLog2e);
  float r = (x - n * kLn2Hi) - n * kLn2Lo;
  float p = horner(kExpPoly, r);
  return scaleByPow2(p, static_cast<int>(n));
}

float logF32(float x) {
  if (isNaN(x) || x < 0.0f)
    return fromBits(kCanonicalNaN);
  if (x == 0.0f)
    return -INFINITY;
  if (x == INFINITY)
    return x;
  uint32_t bits = floatBits(x);
  int e = static_cast<int>(bits >> 23) - 127;
  if ((bits >> 23) == 0) { // subnormal: normalise exactly
    bits = floatBits(x * 0x1.0p23f);
    e = static_cast<int>(bits >> 23) - 127 - 23;
  }
  // m in [1, 2), then folded to [sqrt(1/2), sqrt(2)].
  float m = fromBits((bits & 0x007fffffu) | 0x3f800000u);
  if (m > kSqrt2) {
    m = m * 0.5f;
    e += 1;
  }
  float f = m - 1.0f;
  float s = f / (2.0f + f);
  float z = s * s;
  float logM = 2.0f * s + s * (z * horner(kLogPoly, z));
  float fe = static_cast<float>(e);
  return fe * kLn2Hi + (logM + fe * kLn2Lo);
}

float tanhF32(float x) {
  if (isNaN(x))
    return x;
  float a = copySign(x, 1.0f);
  if (a < 0x1.0p-12f) // tanh(x) rounds to x; keeps the sign of zero
    return x;
  if (a < 0.55f) {
    float z = x * x;
    return x + x * (z * horner(kTanhPoly, z));
  }
  if (a >= 10.0f)
    return copySign(1.0f, x);
  float t = 1.0f - 2.0f / (expF32(2.0f * a) + 1.0f);
  return copySign(t, x);
}

float sigmoidF32(float x) {
  if (isNaN(x))
    return x;
  return 1.0f / (1.0f + expF32(-x));
}

float erfF32(float x) {
  if (isNaN(x))
    return x;
  float a = copySign(x, 1.0f);
  if (a < 0.5f)
    return x * horner(kErfSmall, x * x);
  if (a >= 4.0f)
    return copySign(1.0f, x);
  for (const ErfPiece &piece : kErfPieces)
    if (a < piece.hi)
      return copySign(horner(piece.c, a - piece.center), x);
  return copySign(1.0f, x);
}

float sqrtF32(float x) { return std::sqrt(x); }
float rsqrtF32(float x) { return 1.0f / std::sqrt(x); }
float recipF32(float x) { return 1.0f / x; }

} // namespace nuri::npu::numerics
