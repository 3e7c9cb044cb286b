#include "common/random_tensor.h"

#include "nuri/float16.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace nuri;
using namespace nuri::tools;

TEST_CASE("splitmix64 matches the reference sequence", "[random]") {
  SplitMix64 rng(0);
  // The first outputs of splitmix64 seeded with 0.
  CHECK(rng.next() == 0xe220a8397b1dcdafull);
  CHECK(rng.next() == 0x6e789e6aa1b965f4ull);
}

TEST_CASE("random tensors are deterministic per seed", "[random]") {
  auto a = randomTensor(DType::kFloat32, {3, 5}, 42);
  auto b = randomTensor(DType::kFloat32, {3, 5}, 42);
  auto c = randomTensor(DType::kFloat32, {3, 5}, 43);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(c.ok());
  CHECK(std::memcmp(a->data(), b->data(), a->byteSize()) == 0);
  CHECK(std::memcmp(a->data(), c->data(), a->byteSize()) != 0);
  CHECK(deriveSeed(1, 0) != deriveSeed(1, 1));
  CHECK(deriveSeed(1, 0) == deriveSeed(1, 0));
}

TEST_CASE("random values stay in the documented ranges", "[random]") {
  auto f = randomTensor(DType::kFloat32, {1000}, 1);
  REQUIRE(f.ok());
  bool negative = false, positive = false;
  for (int i = 0; i < 1000; ++i) {
    float v = f->as<float>()[i];
    REQUIRE(v >= -1.0f);
    REQUIRE(v < 1.0f);
    negative = negative || v < 0;
    positive = positive || v > 0;
  }
  CHECK(negative);
  CHECK(positive);

  auto d = randomTensor(DType::kFloat64, {100}, 1);
  for (int i = 0; i < 100; ++i) {
    REQUIRE(d->as<double>()[i] >= -1.0);
    REQUIRE(d->as<double>()[i] < 1.0);
  }
  auto h = randomTensor(DType::kFloat16, {100}, 1);
  for (int i = 0; i < 100; ++i) {
    float v = halfToFloat(h->as<uint16_t>()[i]);
    REQUIRE(v >= -1.0f);
    REQUIRE(v <= 1.0f);
  }
  auto i8 = randomTensor(DType::kInt8, {1000}, 1);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(i8->as<int8_t>()[i] >= -8);
    REQUIRE(i8->as<int8_t>()[i] <= 7);
  }
  auto i64 = randomTensor(DType::kInt64, {1000}, 1);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(i64->as<int64_t>()[i] >= -8);
    REQUIRE(i64->as<int64_t>()[i] <= 7);
  }
  auto u16 = randomTensor(DType::kUInt16, {1000}, 1);
  for (int i = 0; i < 1000; ++i)
    REQUIRE(u16->as<uint16_t>()[i] <= 15);
  auto b = randomTensor(DType::kBool, {1000}, 1);
  int ones = 0;
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(b->as<uint8_t>()[i] <= 1);
    ones += b->as<uint8_t>()[i];
  }
  CHECK(ones > 0);
  CHECK(ones < 1000);
  CHECK_FALSE(randomTensor(DType::kString, {2}, 1).ok());
}

TEST_CASE("random float32 follows the documented formula", "[random]") {
  auto t = randomTensor(DType::kFloat32, {1}, 0);
  REQUIRE(t.ok());
  float expected =
      static_cast<float>(0xe220a8397b1dcdafull >> 40) * 0x1.0p-24f * 2 - 1;
  CHECK(t->as<float>()[0] == expected);
}
