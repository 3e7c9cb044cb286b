#include "nuri/float16.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using namespace nuri;

TEST_CASE("half conversion rounds to nearest even", "[base]") {
  CHECK(floatToHalf(1.0f) == 0x3c00);
  CHECK(floatToHalf(-2.0f) == 0xc000);
  CHECK(floatToHalf(65504.0f) == 0x7bff);
  CHECK(floatToHalf(65520.0f) == 0x7c00); // rounds up to inf
  CHECK(floatToHalf(std::numeric_limits<float>::infinity()) == 0x7c00);
  // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1.0).
  CHECK(floatToHalf(1.0f + std::ldexp(1.0f, -11)) == 0x3c00);
  // 1 + 3 * 2^-11 is halfway between 1+2^-10 and 1+2^-9: ties to even.
  CHECK(floatToHalf(1.0f + 3 * std::ldexp(1.0f, -11)) == 0x3c02);
  // Smallest subnormal 2^-24 and half of it (ties to even -> 0).
  CHECK(floatToHalf(std::ldexp(1.0f, -24)) == 0x0001);
  CHECK(floatToHalf(std::ldexp(1.0f, -25)) == 0x0000);
  CHECK(std::isnan(halfToFloat(floatToHalf(std::nanf("")))));
}

TEST_CASE("half to float is exact for every half value", "[base]") {
  for (uint32_t h = 0; h < 0x10000; ++h) {
    float f = halfToFloat(static_cast<uint16_t>(h));
    if (std::isnan(f))
      continue;
    REQUIRE(floatToHalf(f) == h);
  }
}

TEST_CASE("bfloat16 conversion rounds to nearest even", "[base]") {
  CHECK(floatToBFloat16(1.0f) == 0x3f80);
  CHECK(bfloat16ToFloat(0x3f80) == 1.0f);
  // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties to even (1.0).
  CHECK(floatToBFloat16(1.0f + std::ldexp(1.0f, -8)) == 0x3f80);
  CHECK(floatToBFloat16(1.0f + 3 * std::ldexp(1.0f, -8)) == 0x3f82);
  CHECK(std::isnan(bfloat16ToFloat(floatToBFloat16(std::nanf("")))));
}
