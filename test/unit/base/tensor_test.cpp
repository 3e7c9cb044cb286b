#include "nuri/tensor.h"

#include <catch2/catch.hpp>
#include <cstdint>

using namespace nuri;

TEST_CASE("shapes", "[base]") {
  CHECK(numElements({}) == 1);
  CHECK(numElements({2, 3, 4}) == 24);
  CHECK(numElements({2, 0}) == 0);
  CHECK(shapeToString({1, 3, 224, 224}) == "[1, 3, 224, 224]");
  CHECK(rowMajorStrides({2, 3, 4}) == std::vector<int64_t>{12, 4, 1});
}

TEST_CASE("Tensor allocates zeroed, aligned storage", "[base]") {
  Result<Tensor> t = Tensor::allocate(DType::kFloat32, {2, 3});
  REQUIRE(t.ok());
  CHECK(t->byteSize() == 24);
  CHECK(reinterpret_cast<uintptr_t>(t->data()) % 64 == 0);
  for (int i = 0; i < 6; ++i)
    CHECK(t->as<float>()[i] == 0.0f);
  t->as<float>()[0] = 5.0f;
  Tensor copy = t->clone();
  t->as<float>()[0] = 1.0f;
  CHECK(copy.as<float>()[0] == 5.0f);
}

TEST_CASE("Tensor refuses bad shapes with a message", "[base]") {
  Result<Tensor> neg = Tensor::allocate(DType::kFloat32, {2, -1});
  REQUIRE_FALSE(neg.ok());
  CHECK(neg.status().message().find("negative") != std::string::npos);
  Result<Tensor> huge =
      Tensor::allocate(DType::kFloat64, {int64_t(1) << 40, int64_t(1) << 40});
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.status().code() == StatusCode::kResourceExhausted);
}
