// QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear and the integer /
// quantized linear ops.
#include "kernel_test_util.h"

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
Tensor scalarF(float v) { return makeF32({}, {v}); }
template <typename T> Tensor scalarQ(T v) { return makeTensor<T>({}, {v}); }
AttributeMap axis(int64_t a) {
  return makeAttrs({{"axis", Attribute::ofInt(a)}});
}
} // namespace

TEST_CASE("QuantizeLinear rounds half to even and saturates",
          "[kernels][quantization]") {
  Tensor x = makeF32({7}, {0, 2, 3, 5, -3, 1000, -1000});
  CHECK(valuesOf<uint8_t>(runOk("QuantizeLinear",
                                {x, scalarF(2), scalarQ<uint8_t>(128)},
                                {DType::kUInt8, {7}})) ==
        std::vector<uint8_t>{128, 129, 130, 130, 126, 255, 0});
  // No zero point: uint8 with zero point 0.
  CHECK(valuesOf<uint8_t>(
            runOk("QuantizeLinear", {x, scalarF(2)}, {DType::kUInt8, {7}})) ==
        std::vector<uint8_t>{0, 1, 2, 2, 0, 255, 0});
  CHECK(valuesOf<int8_t>(runOk("QuantizeLinear",
                               {x, scalarF(2), scalarQ<int8_t>(-1)},
                               {DType::kInt8, {7}})) ==
        std::vector<int8_t>{-1, 0, 1, 1, -3, 127, -128});
  // Per axis 0: row scales 1 and 2, zero points 0 and -1.
  CHECK(valuesOf<int8_t>(
            runOk("QuantizeLinear",
                  {makeF32({2, 2}, {1.5f, -2.5f, 3, 5}), makeF32({2}, {1, 2}),
                   makeTensor<int8_t>({2}, {0, -1})},
                  {DType::kInt8, {2, 2}}, axis(0))) ==
        std::vector<int8_t>{2, -2, 1, 1});
  CHECK(valuesOf<uint8_t>(runOk("QuantizeLinear",
                                {makeTensor<int32_t>({2}, {7, -7}), scalarF(2),
                                 scalarQ<uint8_t>(10)},
                                {DType::kUInt8, {2}})) ==
        std::vector<uint8_t>{14, 6});
  checkError(runNode("QuantizeLinear",
                     {makeF32({2, 2}, {1, 2, 3, 4}), makeF32({3}, {1, 1, 1})},
                     {{DType::kUInt8, {2, 2}}}),
             StatusCode::kInvalidArgument,
             {"QuantizeLinear", "y_scale must be a scalar or have shape [2]"});
}

TEST_CASE("DequantizeLinear per tensor and per axis",
          "[kernels][quantization]") {
  checkClose(runOk("DequantizeLinear",
                   {makeTensor<uint8_t>({4}, {0, 3, 128, 255}), scalarF(2),
                    scalarQ<uint8_t>(128)},
                   {DType::kFloat32, {4}}),
             {-256, -250, 0, 254});
  checkClose(runOk("DequantizeLinear",
                   {makeTensor<int8_t>({2, 2}, {-128, 1, 2, 127}),
                    makeF32({2}, {1, 0.5f}), makeTensor<int8_t>({2}, {0, 1})},
                   {DType::kFloat32, {2, 2}}, axis(-1)),
             {-128, 0, 2, 63});
  checkClose(runOk("DequantizeLinear",
                   {makeTensor<int32_t>({2}, {-100000, 3}), scalarF(0.5f)},
                   {DType::kFloat32, {2}}),
             {-50000, 1.5});
  checkError(
      runNode("DequantizeLinear",
              {makeTensor<uint8_t>({1}, {1}), scalarF(1), scalarQ<int8_t>(0)},
              {{DType::kFloat32, {1}}}),
      StatusCode::kInvalidArgument, {"x_zero_point must be uint8"});
}

TEST_CASE("DynamicQuantizeLinear", "[kernels][quantization]") {
  // Range [-1, 0.5]: scale 1.5 / 255, zero point 170.
  RunResult r = runNode(
      "DynamicQuantizeLinear", {makeF32({3}, {-1, 0, 0.5f})},
      {{DType::kUInt8, {3}}, {DType::kFloat32, {}}, {DType::kUInt8, {}}});
  INFO(r.status.toString());
  REQUIRE(r.status.ok());
  CHECK(valuesOf<uint8_t>(r.out(0)) == std::vector<uint8_t>{0, 170, 255});
  checkClose(r.out(1), {1.5 / 255});
  CHECK(valuesOf<uint8_t>(r.out(2)) == std::vector<uint8_t>{170});
  // The range always includes 0; all zeros gives zeros.
  r = runNode(
      "DynamicQuantizeLinear", {makeF32({2}, {0, 0})},
      {{DType::kUInt8, {2}}, {DType::kFloat32, {}}, {DType::kUInt8, {}}});
  REQUIRE(r.status.ok());
  CHECK(valuesOf<uint8_t>(r.out(0)) == std::vector<uint8_t>{0, 0});
  CHECK(valuesOf<uint8_t>(r.out(2)) == std::vector<uint8_t>{0});
}

TEST_CASE("MatMulInteger zero points per tensor, row and column",
          "[kernels][quantization]") {
  Tensor a = makeTensor<uint8_t>({2, 3}, {11, 7, 3, 10, 6, 2});
  Tensor b = makeTensor<uint8_t>({3, 2}, {1, 4, 2, 5, 3, 6});
  CHECK(valuesOf<int32_t>(runOk("MatMulInteger", {a, b, scalarQ<uint8_t>(12)},
                                {DType::kInt32, {2, 2}})) ==
        std::vector<int32_t>{-38, -83, -44, -98});
  // a per row [12, 10]; b (int8) per column [1, -1].
  Tensor bi = makeTensor<int8_t>({3, 2}, {1, 4, 2, 5, 3, 6});
  CHECK(valuesOf<int32_t>(runOk("MatMulInteger",
                                {a, bi, makeTensor<uint8_t>({2}, {12, 10}),
                                 makeTensor<int8_t>({2}, {1, -1})},
                                {DType::kInt32, {2, 2}})) ==
        std::vector<int32_t>{-1 * 0 - 5 * 1 - 9 * 2, -1 * 5 - 5 * 6 - 9 * 7,
                             0 - 4 * 1 - 8 * 2, 0 * 5 - 4 * 6 - 8 * 7});
  checkError(runNode("MatMulInteger", {a, b, scalarQ<int8_t>(1)},
                     {{DType::kInt32, {2, 2}}}),
             StatusCode::kInvalidArgument, {"a_zero_point must be uint8"});
}

TEST_CASE("ConvInteger with per-channel weight zero points",
          "[kernels][quantization]") {
  Tensor x = makeTensor<uint8_t>({1, 1, 3, 3}, {2, 3, 4, 5, 6, 7, 8, 9, 10});
  Tensor w = makeTensor<uint8_t>({2, 1, 2, 2}, {1, 1, 1, 1, 2, 2, 2, 2});
  CHECK(valuesOf<int32_t>(
            runOk("ConvInteger",
                  {x, w, scalarQ<uint8_t>(1), makeTensor<uint8_t>({2}, {0, 1})},
                  {DType::kInt32, {1, 2, 2, 2}})) ==
        std::vector<int32_t>{12, 16, 24, 28, 12, 16, 24, 28});
  AttributeMap pads = makeAttrs({{"pads", Attribute::ofInts({1, 1, 1, 1})}});
  Tensor y = runOk("ConvInteger", {x, makeTensor<uint8_t>({1, 1, 1, 1}, {2})},
                   {DType::kInt32, {1, 1, 5, 5}}, pads);
  CHECK(valuesOf<int32_t>(y)[6] == 4);
  CHECK(valuesOf<int32_t>(y)[0] == 0);
}

TEST_CASE("QLinearMatMul and QLinearConv requantize",
          "[kernels][quantization]") {
  // (2 * 0.5) * ((3 - 1) * 0.25) = 0.5; / 0.2 = 2.5 -> 2 (half to even).
  CHECK(valuesOf<uint8_t>(runOk(
            "QLinearMatMul",
            {makeTensor<uint8_t>({1, 1}, {2}), makeF32({1}, {0.5f}),
             makeTensor<uint8_t>({1}, {0}), makeTensor<uint8_t>({1, 1}, {3}),
             makeF32({1}, {0.25f}), makeTensor<uint8_t>({1}, {1}),
             makeF32({1}, {0.2f}), makeTensor<uint8_t>({1}, {10})},
            {DType::kUInt8, {1, 1}})) == std::vector<uint8_t>{12});
  // Saturates.
  CHECK(valuesOf<int8_t>(runOk(
            "QLinearMatMul",
            {makeTensor<int8_t>({1, 1}, {100}), scalarF(1), scalarQ<int8_t>(0),
             makeTensor<int8_t>({1, 1}, {100}), scalarF(1), scalarQ<int8_t>(0),
             scalarF(1), scalarQ<int8_t>(0)},
            {DType::kInt8, {1, 1}})) == std::vector<int8_t>{127});
  // 1x1 conv: ((x - 1) * 0.5) * (3 * 0.5) / 0.25 = 3 (x - 1); the bias 4
  // (scale 0.25) adds 4.
  Tensor x = makeTensor<uint8_t>({1, 1, 2, 2}, {1, 2, 3, 4});
  std::vector<Tensor> inputs = {x,
                                scalarF(0.5f),
                                scalarQ<uint8_t>(1),
                                makeTensor<int8_t>({1, 1, 1, 1}, {3}),
                                scalarF(0.5f),
                                scalarQ<int8_t>(0),
                                scalarF(0.25f),
                                scalarQ<uint8_t>(0)};
  CHECK(valuesOf<uint8_t>(
            runOk("QLinearConv", inputs, {DType::kUInt8, {1, 1, 2, 2}})) ==
        std::vector<uint8_t>{0, 3, 6, 9});
  inputs.push_back(makeTensor<int32_t>({1}, {4}));
  CHECK(valuesOf<uint8_t>(
            runOk("QLinearConv", inputs, {DType::kUInt8, {1, 1, 2, 2}})) ==
        std::vector<uint8_t>{4, 7, 10, 13});
}
