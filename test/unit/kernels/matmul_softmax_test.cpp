// MatMul, Gemm, and the softmax family.
#include "kernel_test_util.h"

#include <cmath>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
Tensor a2x3() { return makeF32({2, 3}, {1, 2, 3, 4, 5, 6}); }
Tensor b3x2() { return makeF32({3, 2}, {7, 8, 9, 10, 11, 12}); }
} // namespace

TEST_CASE("MatMul 2-D, 1-D operands and batch broadcasting",
          "[kernels][matmul]") {
  checkClose(runOk("MatMul", {a2x3(), b3x2()}, {DType::kFloat32, {2, 2}}),
             {58, 64, 139, 154});
  Tensor v = makeF32({3}, {1, 2, 3});
  checkClose(
      runOk("MatMul", {v, makeF32({3}, {4, 5, 6})}, {DType::kFloat32, {}}),
      {32});
  checkClose(runOk("MatMul",
                   {makeF32({2}, {1, 2}), makeF32({2, 3}, {1, 2, 3, 4, 5, 6})},
                   {DType::kFloat32, {3}}),
             {9, 12, 15});
  checkClose(runOk("MatMul",
                   {makeF32({2, 2}, {1, 2, 3, 4}), makeF32({2}, {1, 1})},
                   {DType::kFloat32, {2}}),
             {3, 7});
  // [2,1,2] x [2,1] and [1,2] x [3,2,1].
  checkClose(runOk("MatMul",
                   {makeF32({2, 1, 2}, {1, 2, 3, 4}), makeF32({2, 1}, {1, 1})},
                   {DType::kFloat32, {2, 1, 1}}),
             {3, 7});
  checkClose(
      runOk("MatMul",
            {makeF32({1, 2}, {1, 2}), makeF32({3, 2, 1}, {1, 1, 2, 2, 3, 3})},
            {DType::kFloat32, {3, 1, 1}}),
      {3, 6, 9});
  // [2,1,1,2] x [3,2,1] -> [2,3,1,1].
  checkClose(runOk("MatMul",
                   {makeF32({2, 1, 1, 2}, {1, 0, 0, 1}),
                    makeF32({3, 2, 1}, {1, 2, 3, 4, 5, 6})},
                   {DType::kFloat32, {2, 3, 1, 1}}),
             {1, 3, 5, 2, 4, 6});
  CHECK(valuesOf<int32_t>(runOk("MatMul",
                                {makeTensor<int32_t>({1, 2}, {3, -4}),
                                 makeTensor<int32_t>({2, 1}, {5, 6})},
                                {DType::kInt32, {1, 1}})) ==
        std::vector<int32_t>{-9});
  checkClose(runOk("MatMul",
                   {makeAs(DType::kBFloat16, {1, 2}, {1, 2}),
                    makeAs(DType::kBFloat16, {2, 1}, {3, 4})},
                   {DType::kBFloat16, {1, 1}}),
             {11});
}

TEST_CASE("MatMul errors", "[kernels][matmul]") {
  checkError(runNode("MatMul", {a2x3(), a2x3()}, {{DType::kFloat32, {2, 3}}}),
             StatusCode::kInvalidArgument,
             {"MatMul", "inner dimensions differ"});
  checkError(runNode("MatMul",
                     {makeF32({2, 1, 3}, std::vector<float>(6, 1)),
                      makeF32({3, 3, 1}, std::vector<float>(9, 1))},
                     {{DType::kFloat32, {2, 1, 1}}}),
             StatusCode::kInvalidArgument,
             {"cannot broadcast shapes [2] and [3]"});
  checkError(runNode("MatMul", {makeF32({}, {1}), makeF32({1}, {1})},
                     {{DType::kFloat32, {}}}),
             StatusCode::kInvalidArgument, {"rank >= 1"});
  checkError(runNode("MatMul",
                     {makeTensor<int8_t>({1, 1}, {1}),
                      makeTensor<int8_t>({1, 1}, {1})},
                     {{DType::kInt8, {1, 1}}}),
             StatusCode::kUnimplemented, {"dtype int8"});
}

TEST_CASE("Gemm transposes, scales and broadcasts C", "[kernels][matmul]") {
  AttributeMap attrs = makeAttrs(
      {{"alpha", Attribute::ofFloat(2)}, {"beta", Attribute::ofFloat(3)}});
  checkClose(runOk("Gemm", {a2x3(), b3x2(), makeF32({2}, {1, 2})},
                   {DType::kFloat32, {2, 2}}, attrs),
             {119, 134, 281, 314});
  // Same product with A and B given transposed.
  Tensor at = makeF32({3, 2}, {1, 4, 2, 5, 3, 6});
  Tensor bt = makeF32({2, 3}, {7, 9, 11, 8, 10, 12});
  attrs.set("transA", Attribute::ofInt(1));
  attrs.set("transB", Attribute::ofInt(1));
  checkClose(runOk("Gemm", {at, bt, makeF32({2, 1}, {1, 2})},
                   {DType::kFloat32, {2, 2}}, attrs),
             {119, 131, 284, 314});
  checkClose(runOk("Gemm", {a2x3(), b3x2(), makeF32({}, {1})},
                   {DType::kFloat32, {2, 2}}),
             {59, 65, 140, 155});
  checkClose(runOk("Gemm", {a2x3(), b3x2()}, {DType::kFloat32, {2, 2}}),
             {58, 64, 139, 154});
  CHECK(valuesOf<int64_t>(runOk("Gemm",
                                {makeI64({1, 2}, {1, 2}),
                                 makeI64({2, 1}, {3, 4}), makeI64({1}, {-1})},
                                {DType::kInt64, {1, 1}})) ==
        std::vector<int64_t>{10});
  checkError(runNode("Gemm",
                     {makeF32({1, 2, 3}, std::vector<float>(6, 1)), b3x2()},
                     {{DType::kFloat32, {2, 2}}}),
             StatusCode::kInvalidArgument, {"Gemm", "A and B must be 2-D"});
  checkError(runNode("Gemm", {a2x3(), b3x2(), makeF32({3}, {1, 2, 3})},
                     {{DType::kFloat32, {2, 2}}}),
             StatusCode::kInvalidArgument, {"C shape [3] does not broadcast"});
  checkError(runNode("Gemm", {a2x3(), b3x2()}, {{DType::kFloat32, {2, 2}}},
                     makeAttrs({{"transA", Attribute::ofInt(1)}})),
             StatusCode::kInvalidArgument, {"inner dimensions differ"});
  checkError(runNode("Gemm", {a2x3(), b3x2()}, {{DType::kFloat32, {2, 2}}},
                     makeAttrs({{"alpha", Attribute::ofInts({1})}})),
             StatusCode::kInvalidArgument, {"attribute 'alpha' is ints"});
}

TEST_CASE("Softmax, LogSoftmax and Hardmax along one axis",
          "[kernels][softmax]") {
  Tensor x = makeF32({2, 3}, {1, 2, 3, 1, 1, 1});
  const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  checkClose(runOk("Softmax", {x}, {DType::kFloat32, {2, 3}}),
             {std::exp(1.0) / z, std::exp(2.0) / z, std::exp(3.0) / z, 1.0 / 3,
              1.0 / 3, 1.0 / 3});
  checkClose(runOk("LogSoftmax", {x}, {DType::kFloat32, {2, 3}}),
             {1 - std::log(z), 2 - std::log(z), 3 - std::log(z), -std::log(3.0),
              -std::log(3.0), -std::log(3.0)});
  // axis 0 (and -2): columns.
  for (int64_t axis : {0, -2}) {
    AttributeMap a = makeAttrs({{"axis", Attribute::ofInt(axis)}});
    const double e = 1 / (1 + std::exp(-1.0)), f = 1 / (1 + std::exp(-2.0));
    checkClose(runOk("Softmax", {x}, {DType::kFloat32, {2, 3}}, a),
               {0.5, e, f, 0.5, 1 - e, 1 - f});
  }
  // Large values do not overflow.
  checkClose(
      runOk("Softmax", {makeF32({2}, {1000, 1000})}, {DType::kFloat32, {2}}),
      {0.5, 0.5});
  // Hardmax: 1 at the first maximum.
  checkClose(runOk("Hardmax", {makeF32({2, 3}, {1, 3, 3, -1, -2, -3})},
                   {DType::kFloat32, {2, 3}}),
             {0, 1, 0, 1, 0, 0});
  checkError(runNode("Softmax", {x}, {{DType::kFloat32, {2, 3}}},
                     makeAttrs({{"axis", Attribute::ofInt(-3)}})),
             StatusCode::kInvalidArgument,
             {"Softmax", "axis -3 is out of range"});
  checkError(runNode("Softmax", {makeI64({2}, {1, 2})}, {{DType::kInt64, {2}}}),
             StatusCode::kUnimplemented, {"dtype int64"});
}

TEST_CASE("Det of single and batched matrices", "[kernels][matmul]") {
  checkClose(
      runOk("Det", {makeF32({2, 2}, {1, 2, 3, 4})}, {DType::kFloat32, {}}),
      {-2});
  // Needs a row swap; then a singular matrix.
  checkClose(runOk("Det",
                   {makeTensor<double>({2, 3, 3}, {0, 1, 2, 1, 0, 1, 2, 3, 0, 1,
                                                   2, 3, 2, 4, 6, 0, 1, 1})},
                   {DType::kFloat64, {2}}),
             {8, 0});
  checkError(runNode("Det", {makeF32({2, 3}, {1, 2, 3, 4, 5, 6})},
                     {{DType::kFloat32, {}}}),
             StatusCode::kInvalidArgument, {"Det", "square matrices"});
}
