#include "nuri/dtype.h"

#include <catch2/catch.hpp>

using namespace nuri;

TEST_CASE("DType sizes and names follow ONNX numbering", "[base]") {
  CHECK(static_cast<int>(DType::kFloat32) == 1);
  CHECK(static_cast<int>(DType::kBFloat16) == 16);
  CHECK(dtypeSize(DType::kFloat32) == 4);
  CHECK(dtypeSize(DType::kInt64) == 8);
  CHECK(dtypeSize(DType::kBool) == 1);
  CHECK(dtypeSize(DType::kFloat16) == 2);
  CHECK(dtypeSize(DType::kString) == 0);
  CHECK(dtypeName(DType::kFloat64) == "float64");
  CHECK(parseDType("float") == DType::kFloat32);
  CHECK(parseDType("int8") == DType::kInt8);
  CHECK(parseDType("bf16") == DType::kBFloat16);
  CHECK_FALSE(parseDType("float128").has_value());
  CHECK(isKnownDType(16));
  CHECK_FALSE(isKnownDType(17));
}
