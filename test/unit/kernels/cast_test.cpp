// Cast and CastLike: ONNX conversion rules between dtypes.
#include "kernel_test_util.h"

#include <cmath>
#include <limits>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
AttributeMap to(DType dtype) {
  return makeAttrs({{"to", Attribute::ofInt(static_cast<int64_t>(dtype))}});
}
const float kNaNf = std::numeric_limits<float>::quiet_NaN();
const float kInff = std::numeric_limits<float>::infinity();
} // namespace

TEST_CASE("Cast float to integers truncates toward zero", "[kernels][cast]") {
  Tensor x = makeF32({4}, {-1.7f, 1.7f, 2.5f, -0.5f});
  CHECK(valuesOf<int32_t>(
            runOk("Cast", {x}, {DType::kInt32, {4}}, to(DType::kInt32))) ==
        std::vector<int32_t>{-1, 1, 2, 0});
  // NaN becomes 0 and out-of-range values saturate (ONNX leaves both
  // undefined).
  Tensor odd = makeF32({4}, {kNaNf, 300, -5, kInff});
  CHECK(valuesOf<uint8_t>(
            runOk("Cast", {odd}, {DType::kUInt8, {4}}, to(DType::kUInt8))) ==
        std::vector<uint8_t>{0, 255, 0, 255});
  CHECK(valuesOf<int64_t>(runOk("Cast", {makeF32({2}, {-kInff, 3e19f})},
                                {DType::kInt64, {2}}, to(DType::kInt64))) ==
        std::vector<int64_t>{std::numeric_limits<int64_t>::min(),
                             std::numeric_limits<int64_t>::max()});
}

TEST_CASE("Cast to and from bool", "[kernels][cast]") {
  Tensor x = makeF32({4}, {0, -0.0f, 0.1f, kNaNf});
  CHECK(valuesOf<bool>(
            runOk("Cast", {x}, {DType::kBool, {4}}, to(DType::kBool))) ==
        std::vector<bool>{false, false, true, true});
  checkClose(runOk("Cast", {makeBool({2}, {true, false})},
                   {DType::kFloat64, {2}}, to(DType::kFloat64)),
             {1, 0});
  CHECK(valuesOf<bool>(runOk("Cast", {makeI64({3}, {0, -3, 256})},
                             {DType::kBool, {3}}, to(DType::kBool))) ==
        std::vector<bool>{false, true, true});
}

TEST_CASE("Cast between integer widths wraps", "[kernels][cast]") {
  CHECK(valuesOf<int8_t>(runOk("Cast", {makeTensor<uint8_t>({2}, {200, 5})},
                               {DType::kInt8, {2}}, to(DType::kInt8))) ==
        std::vector<int8_t>{-56, 5});
  CHECK(valuesOf<uint16_t>(runOk("Cast", {makeI64({2}, {-1, 65537})},
                                 {DType::kUInt16, {2}}, to(DType::kUInt16))) ==
        std::vector<uint16_t>{65535, 1});
}

TEST_CASE("Cast to 16-bit floats rounds to nearest even", "[kernels][cast]") {
  // 1 + 2^-11 is halfway between two halves: ties to even (1.0).
  Tensor x = makeF32({3}, {1.0f + std::ldexp(1.0f, -11), 65520.0f, kNaNf});
  Tensor h = runOk("Cast", {x}, {DType::kFloat16, {3}}, to(DType::kFloat16));
  CHECK(h.as<Float16>()[0].bits == 0x3c00);
  CHECK(h.as<Float16>()[1].bits == 0x7c00); // overflow to inf
  CHECK(std::isnan(halfToFloat(h.as<Float16>()[2].bits)));
  // From double directly: 1 + 2^-11 + 2^-40 is just above the halfway
  // point, so it rounds up; rounding through float first would give 1.0.
  Tensor d = makeTensor<double>(
      {1}, {1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40)});
  CHECK(runOk("Cast", {d}, {DType::kFloat16, {1}}, to(DType::kFloat16))
            .as<Float16>()[0]
            .bits == 0x3c01);
  // bfloat16: 1 + 3 * 2^-8 ties to even upward.
  Tensor b = runOk("Cast", {makeF32({1}, {1.0f + 3 * std::ldexp(1.0f, -8)})},
                   {DType::kBFloat16, {1}}, to(DType::kBFloat16));
  CHECK(b.as<BFloat16>()[0].bits == 0x3f82);
  // int64 -> float16 and back through float.
  checkClose(runOk("Cast", {makeI64({2}, {2049, -3})}, {DType::kFloat16, {2}},
                   to(DType::kFloat16)),
             {2048, -3});
  CHECK(valuesOf<int32_t>(runOk("Cast", {makeAs(DType::kBFloat16, {1}, {-2.5})},
                                {DType::kInt32, {1}}, to(DType::kInt32))) ==
        std::vector<int32_t>{-2});
}

TEST_CASE("CastLike and Cast errors", "[kernels][cast]") {
  checkClose(runOk("CastLike",
                   {makeI64({2}, {1, 2}), makeAs(DType::kFloat64, {1}, {0})},
                   {DType::kFloat64, {2}}),
             {1, 2});
  Tensor x = makeF32({1}, {1});
  checkError(runNode("Cast", {x}, {{DType::kInt32, {1}}}),
             StatusCode::kInvalidArgument,
             {"Cast", "missing required attribute 'to'"});
  checkError(runNode("Cast", {x}, {{DType::kInt32, {1}}},
                     makeAttrs({{"to", Attribute::ofInt(99)}})),
             StatusCode::kInvalidArgument, {"not a known dtype: 99"});
  checkError(runNode("Cast", {x}, {{DType::kInt32, {1}}},
                     makeAttrs({{"to", Attribute::ofString("int32")}})),
             StatusCode::kInvalidArgument, {"attribute 'to' is string"});
  // The compiled graph's output dtype must be the one `to` names.
  checkError(runNode("Cast", {x}, {{DType::kInt64, {1}}}, to(DType::kInt32)),
             StatusCode::kInternal, {"computed dtype int32"});
  // Strings are not supported.
  checkError(runNode("Cast", {x}, {{DType::kInt32, {1}}}, to(DType::kString)),
             StatusCode::kUnimplemented, {"dtype string"});
}
