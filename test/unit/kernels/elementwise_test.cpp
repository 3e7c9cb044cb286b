// Elementwise kernels: unary math, activations, broadcasting binary ops,
// variadic ops and Where.
#include "kernel_test_util.h"

#include <cstdint>
#include <limits>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
const float kNaNf = std::numeric_limits<float>::quiet_NaN();
} // namespace

TEST_CASE("Add broadcasts multidirectionally", "[kernels][binary]") {
  // [2,3] + [3]
  Tensor a = makeF32({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor b = makeF32({3}, {10, 20, 30});
  checkClose(runOk("Add", {a, b}, {DType::kFloat32, {2, 3}}),
             {11, 22, 33, 14, 25, 36});
  // [2,1] + [1,3] -> [2,3]
  Tensor c = makeF32({2, 1}, {1, 2});
  Tensor d = makeF32({1, 3}, {10, 20, 30});
  checkClose(runOk("Add", {c, d}, {DType::kFloat32, {2, 3}}),
             {11, 21, 31, 12, 22, 32});
  // scalar + [2]
  checkClose(runOk("Add", {makeF32({}, {5}), makeF32({2}, {1, 2})},
                   {DType::kFloat32, {2}}),
             {6, 7});
  // a 0-sized dim broadcasts with 1
  Tensor empty = makeF32({0, 3}, {});
  CHECK(runOk("Add", {empty, b}, {DType::kFloat32, {0, 3}}).numElements() == 0);
}

TEST_CASE("Sub and Mul on integers wrap around", "[kernels][binary]") {
  const int32_t max = std::numeric_limits<int32_t>::max();
  const int32_t min = std::numeric_limits<int32_t>::min();
  Tensor a = makeTensor<int32_t>({2}, {max, min});
  Tensor one = makeTensor<int32_t>({}, {1});
  CHECK(valuesOf<int32_t>(runOk("Add", {a, one}, {DType::kInt32, {2}})) ==
        std::vector<int32_t>{min, min + 1});
  CHECK(valuesOf<int32_t>(runOk("Sub", {a, one}, {DType::kInt32, {2}})) ==
        std::vector<int32_t>{max - 1, max});
  Tensor u = makeTensor<uint8_t>({2}, {200, 3});
  CHECK(valuesOf<uint8_t>(runOk("Mul", {u, makeTensor<uint8_t>({}, {2})},
                                {DType::kUInt8, {2}})) ==
        std::vector<uint8_t>{144, 6});
  Tensor s = makeTensor<uint8_t>({1}, {1});
  CHECK(valuesOf<uint8_t>(runOk("Sub", {s, makeTensor<uint8_t>({}, {2})},
                                {DType::kUInt8, {1}})) ==
        std::vector<uint8_t>{255});
}

TEST_CASE("Div truncates integers toward zero", "[kernels][binary]") {
  Tensor a = makeTensor<int32_t>(
      {4}, {-7, 7, -7, std::numeric_limits<int32_t>::min()});
  Tensor b = makeTensor<int32_t>({4}, {2, -2, -2, -1});
  CHECK(valuesOf<int32_t>(runOk("Div", {a, b}, {DType::kInt32, {4}})) ==
        std::vector<int32_t>{-3, -3, 3, std::numeric_limits<int32_t>::min()});
  checkClose(runOk("Div", {makeF32({2}, {1, -1}), makeF32({2}, {4, 0})},
                   {DType::kFloat32, {2}}),
             {0.25, -kInf});
  RunResult r =
      runNode("Div", {a, makeTensor<int32_t>({}, {0})}, {{DType::kInt32, {4}}});
  checkError(r, StatusCode::kInvalidArgument, {"Div", "division by zero"});
}

TEST_CASE("Mod follows the fmod attribute's sign rule", "[kernels][binary]") {
  Tensor a = makeTensor<int64_t>({4}, {-7, 7, -7, 7});
  Tensor b = makeTensor<int64_t>({4}, {3, -3, -3, 3});
  // fmod=0: sign of the divisor (Python %).
  CHECK(valuesOf<int64_t>(runOk("Mod", {a, b}, {DType::kInt64, {4}})) ==
        std::vector<int64_t>{2, -2, -1, 1});
  // fmod=1: sign of the dividend (C fmod).
  AttributeMap fmod = makeAttrs({{"fmod", Attribute::ofInt(1)}});
  CHECK(valuesOf<int64_t>(runOk("Mod", {a, b}, {DType::kInt64, {4}}, fmod)) ==
        std::vector<int64_t>{-1, 1, -1, 1});
  Tensor fa = makeF32({2}, {-7.5f, 7.5f});
  Tensor fb = makeF32({2}, {2, -2});
  checkClose(runOk("Mod", {fa, fb}, {DType::kFloat32, {2}}, fmod), {-1.5, 1.5});
  checkError(runNode("Mod", {fa, fb}, {{DType::kFloat32, {2}}}),
             StatusCode::kInvalidArgument, {"fmod must be 1"});
  checkError(
      runNode("Mod", {a, makeTensor<int64_t>({}, {0})}, {{DType::kInt64, {4}}}),
      StatusCode::kInvalidArgument, {"modulo by zero"});
}

TEST_CASE("Pow mixes base and exponent dtypes", "[kernels][binary]") {
  checkClose(runOk("Pow", {makeF32({3}, {2, 4, -2}), makeF32({}, {0.5f})},
                   {DType::kFloat32, {3}}),
             {std::sqrt(2.0), 2, kNaN});
  // int32 ^ int32 is exact.
  CHECK(valuesOf<int32_t>(runOk("Pow",
                                {makeTensor<int32_t>({3}, {2, 3, -1}),
                                 makeTensor<int32_t>({3}, {10, 3, -3})},
                                {DType::kInt32, {3}})) ==
        std::vector<int32_t>{1024, 27, -1});
  // float base, int64 exponent; int64 base, float exponent truncates.
  checkClose(runOk("Pow", {makeF32({2}, {1.5f, 2}), makeI64({2}, {2, -1})},
                   {DType::kFloat32, {2}}),
             {2.25, 0.5});
  CHECK(valuesOf<int64_t>(
            runOk("Pow", {makeI64({2}, {2, 10}), makeF32({2}, {0.5f, 2})},
                  {DType::kInt64, {2}})) == std::vector<int64_t>{1, 100});
  checkError(runNode("Pow", {makeTensor<int8_t>({1}, {2}), makeF32({1}, {2})},
                     {{DType::kInt8, {1}}}),
             StatusCode::kUnimplemented, {"dtype int8"});
}

TEST_CASE("comparisons produce bool and treat NaN as unordered",
          "[kernels][binary]") {
  Tensor a = makeF32({3}, {1, kNaNf, 3});
  Tensor b = makeF32({}, {1});
  CHECK(valuesOf<bool>(runOk("Equal", {a, b}, {DType::kBool, {3}})) ==
        std::vector<bool>{true, false, false});
  CHECK(valuesOf<bool>(runOk("Less", {a, b}, {DType::kBool, {3}})) ==
        std::vector<bool>{false, false, false});
  CHECK(valuesOf<bool>(runOk("GreaterOrEqual", {a, b}, {DType::kBool, {3}})) ==
        std::vector<bool>{true, false, true});
  CHECK(valuesOf<bool>(runOk("LessOrEqual",
                             {makeI64({2, 1}, {1, 5}), makeI64({2}, {1, 4})},
                             {DType::kBool, {2, 2}})) ==
        std::vector<bool>{true, true, false, false});
  CHECK(valuesOf<bool>(runOk("Greater",
                             {makeTensor<uint8_t>({2}, {1, 9}),
                              makeTensor<uint8_t>({2}, {2, 8})},
                             {DType::kBool, {2}})) ==
        std::vector<bool>{false, true});
  Tensor t = makeBool({2}, {true, false});
  CHECK(valuesOf<bool>(
            runOk("Equal", {t, makeBool({}, {true})}, {DType::kBool, {2}})) ==
        std::vector<bool>{true, false});
  // Less is not defined on bool.
  checkError(runNode("Less", {t, t}, {{DType::kBool, {2}}}),
             StatusCode::kUnimplemented, {"dtype bool"});
}

TEST_CASE("logic ops and BitShift", "[kernels][binary]") {
  Tensor a = makeBool({2, 2}, {true, true, false, false});
  Tensor b = makeBool({2}, {true, false});
  CHECK(valuesOf<bool>(runOk("And", {a, b}, {DType::kBool, {2, 2}})) ==
        std::vector<bool>{true, false, false, false});
  CHECK(valuesOf<bool>(runOk("Or", {a, b}, {DType::kBool, {2, 2}})) ==
        std::vector<bool>{true, true, true, false});
  CHECK(valuesOf<bool>(runOk("Xor", {a, b}, {DType::kBool, {2, 2}})) ==
        std::vector<bool>{false, true, true, false});
  CHECK(valuesOf<bool>(runOk("Not", {b}, {DType::kBool, {2}})) ==
        std::vector<bool>{false, true});

  Tensor x = makeTensor<uint8_t>({3}, {1, 255, 16});
  Tensor s = makeTensor<uint8_t>({3}, {7, 1, 8});
  AttributeMap left = makeAttrs({{"direction", Attribute::ofString("LEFT")}});
  AttributeMap right = makeAttrs({{"direction", Attribute::ofString("RIGHT")}});
  CHECK(valuesOf<uint8_t>(runOk("BitShift", {x, s}, {DType::kUInt8, {3}},
                                left)) == std::vector<uint8_t>{128, 254, 0});
  CHECK(valuesOf<uint8_t>(runOk("BitShift", {x, s}, {DType::kUInt8, {3}},
                                right)) == std::vector<uint8_t>{0, 127, 0});
  Tensor w = makeTensor<uint16_t>({1}, {0xffff});
  CHECK(valuesOf<uint16_t>(runOk(
            "BitShift", {w, makeTensor<uint16_t>({1}, {15})},
            {DType::kUInt16, {1}}, left)) == std::vector<uint16_t>{0x8000});
  checkError(runNode("BitShift", {x, s}, {{DType::kUInt8, {3}}}),
             StatusCode::kInvalidArgument, {"direction"});
}

TEST_CASE("Max and Min are variadic and propagate NaN", "[kernels][nary]") {
  Tensor a = makeF32({3}, {1, kNaNf, 5});
  Tensor b = makeF32({2, 1}, {2, 4});
  Tensor c = makeF32({}, {3});
  checkClose(runOk("Max", {a, b, c}, {DType::kFloat32, {2, 3}}),
             {3, kNaN, 5, 4, kNaN, 5});
  checkClose(runOk("Min", {a, b, c}, {DType::kFloat32, {2, 3}}),
             {1, kNaN, 2, 1, kNaN, 3});
  // One input is a copy; integers work too.
  CHECK(valuesOf<int16_t>(runOk("Max", {makeTensor<int16_t>({2}, {-3, 4})},
                                {DType::kInt16, {2}})) ==
        std::vector<int16_t>{-3, 4});
  CHECK(valuesOf<uint32_t>(runOk("Min",
                                 {makeTensor<uint32_t>({2}, {7, 1}),
                                  makeTensor<uint32_t>({2}, {3, 9})},
                                 {DType::kUInt32, {2}})) ==
        std::vector<uint32_t>{3, 1});
}

TEST_CASE("Sum and Mean", "[kernels][nary]") {
  Tensor a = makeF32({2}, {1, 2});
  Tensor b = makeF32({2, 1}, {10, 20});
  checkClose(runOk("Sum", {a, b, a}, {DType::kFloat32, {2, 2}}),
             {12, 14, 22, 24});
  checkClose(runOk("Mean", {a, b}, {DType::kFloat32, {2, 2}}),
             {5.5, 6, 10.5, 11});
  checkError(
      runNode("Sum", {a, makeI64({2}, {1, 2})}, {{DType::kFloat32, {2}}}),
      StatusCode::kInvalidArgument, {"input 1 has dtype int64"});
  checkError(runNode("Sum", {makeI64({2}, {1, 2})}, {{DType::kInt64, {2}}}),
             StatusCode::kUnimplemented, {"dtype int64"});
}

TEST_CASE("Where selects with three-way broadcasting", "[kernels][nary]") {
  Tensor cond = makeBool({2, 1}, {true, false});
  Tensor x = makeI64({2}, {1, 2});
  Tensor y = makeI64({}, {-1});
  CHECK(valuesOf<int64_t>(
            runOk("Where", {cond, x, y}, {DType::kInt64, {2, 2}})) ==
        std::vector<int64_t>{1, 2, -1, -1});
  checkError(runNode("Where", {x, x, y}, {{DType::kInt64, {2}}}),
             StatusCode::kInvalidArgument, {"condition must be bool"});
}

TEST_CASE("16-bit floats compute in float and round per element",
          "[kernels][binary]") {
  // 2048 + 1 = 2049 is halfway between halves 2048 and 2050: ties to even.
  Tensor a = makeAs(DType::kFloat16, {2}, {2048, 2048});
  Tensor b = makeAs(DType::kFloat16, {2}, {1, 3});
  checkClose(runOk("Add", {a, b}, {DType::kFloat16, {2}}), {2048, 2052});
  Tensor c = makeAs(DType::kBFloat16, {1}, {256});
  checkClose(runOk("Add", {c, makeAs(DType::kBFloat16, {}, {1})},
                   {DType::kBFloat16, {1}}),
             {256});
  checkClose(runOk("Sqrt", {makeAs(DType::kFloat16, {2}, {4, 2})},
                   {DType::kFloat16, {2}}),
             {2, 1.4140625});
}

TEST_CASE("unary math", "[kernels][unary]") {
  Tensor x = makeF32({4}, {-1.5f, 0, 0.5f, 2});
  checkClose(runOk("Abs", {x}, {DType::kFloat32, {4}}), {1.5, 0, 0.5, 2});
  checkClose(runOk("Neg", {x}, {DType::kFloat32, {4}}), {1.5, 0, -0.5, -2});
  checkClose(runOk("Relu", {x}, {DType::kFloat32, {4}}), {0, 0, 0.5, 2});
  checkClose(runOk("Erf", {x}, {DType::kFloat32, {4}}),
             {std::erf(-1.5), 0, 0.5204998778, std::erf(2.0)});
  checkClose(runOk("Tanh", {x}, {DType::kFloat32, {4}}),
             {std::tanh(-1.5), 0, std::tanh(0.5), std::tanh(2.0)});
  checkClose(runOk("Sigmoid", {x}, {DType::kFloat32, {4}}),
             {1 / (1 + std::exp(1.5)), 0.5, 1 / (1 + std::exp(-0.5)),
              1 / (1 + std::exp(-2.0))});
  checkClose(runOk("Exp", {x}, {DType::kFloat32, {4}}),
             {std::exp(-1.5), 1, std::exp(0.5), std::exp(2.0)});
  checkClose(runOk("Log", {x}, {DType::kFloat32, {4}}),
             {kNaN, -kInf, std::log(0.5), std::log(2.0)});
  checkClose(runOk("Reciprocal", {x}, {DType::kFloat32, {4}}),
             {-1 / 1.5, kInf, 2, 0.5});
  checkClose(runOk("Floor", {x}, {DType::kFloat32, {4}}), {-2, 0, 0, 2});
  checkClose(runOk("Ceil", {x}, {DType::kFloat32, {4}}), {-1, 0, 1, 2});
  checkClose(runOk("Softsign", {x}, {DType::kFloat32, {4}}),
             {-0.6, 0, 1.0 / 3, 2.0 / 3});
  checkClose(
      runOk("Softplus", {makeF32({3}, {-1, 0, 100})}, {DType::kFloat32, {3}}),
      {std::log1p(std::exp(-1.0)), std::log(2.0), 100});
  checkClose(runOk("Sin", {x}, {DType::kFloat32, {4}}),
             {std::sin(-1.5), 0, std::sin(0.5), std::sin(2.0)});
  checkClose(runOk("Acosh", {makeF32({1}, {2})}, {DType::kFloat32, {1}}),
             {std::acosh(2.0)});
  // Round: half to even.
  checkClose(runOk("Round",
                   {makeF32({6}, {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.6f})},
                   {DType::kFloat32, {6}}),
             {0, 2, 2, 0, -2, 3});
  checkClose(
      runOk("Sign", {makeF32({4}, {-3, 0, 2, kNaNf})}, {DType::kFloat32, {4}}),
      {-1, 0, 1, kNaN});
  CHECK(valuesOf<int8_t>(runOk("Sign", {makeTensor<int8_t>({3}, {-5, 0, 7})},
                               {DType::kInt8, {3}})) ==
        std::vector<int8_t>{-1, 0, 1});
  // Abs and Neg of the most negative integer wrap, as in numpy.
  CHECK(valuesOf<int8_t>(runOk("Abs", {makeTensor<int8_t>({2}, {-128, -3})},
                               {DType::kInt8, {2}})) ==
        std::vector<int8_t>{-128, 3});
  CHECK(valuesOf<int32_t>(runOk("Neg", {makeTensor<int32_t>({1}, {5})},
                                {DType::kInt32, {1}})) ==
        std::vector<int32_t>{-5});
  CHECK(valuesOf<int64_t>(
            runOk("Relu", {makeI64({2}, {-5, 5})}, {DType::kInt64, {2}})) ==
        std::vector<int64_t>{0, 5});
  CHECK(valuesOf<bool>(
            runOk("IsNaN", {makeF32({2}, {kNaNf, 1})}, {DType::kBool, {2}})) ==
        std::vector<bool>{true, false});
  Tensor inf = makeF32({4}, {-INFINITY, INFINITY, kNaNf, 1});
  CHECK(valuesOf<bool>(runOk("IsInf", {inf}, {DType::kBool, {4}})) ==
        std::vector<bool>{true, true, false, false});
  AttributeMap onlyNeg = makeAttrs({{"detect_positive", Attribute::ofInt(0)}});
  CHECK(valuesOf<bool>(runOk("IsInf", {inf}, {DType::kBool, {4}}, onlyNeg)) ==
        std::vector<bool>{true, false, false, false});
}

TEST_CASE("unary errors name the op and node", "[kernels][unary]") {
  checkError(
      runNode("Sqrt", {makeTensor<int32_t>({1}, {4})}, {{DType::kInt32, {1}}}),
      StatusCode::kUnimplemented, {"Sqrt", "dtype int32"});
  checkError(
      runNode("Neg", {makeTensor<uint8_t>({1}, {4})}, {{DType::kUInt8, {1}}}),
      StatusCode::kUnimplemented, {"dtype uint8"});
  checkError(runNode("Relu", {}, {{DType::kFloat32, {1}}}),
             StatusCode::kInvalidArgument, {"missing required input 0"});
  // The compiled graph disagrees with the computed shape: internal error.
  checkError(runNode("Relu", {makeF32({2}, {1, 2})}, {{DType::kFloat32, {3}}}),
             StatusCode::kInternal, {"computed shape [2]"});
  checkError(runNode("Relu", {makeF32({2}, {1, 2})}, {{DType::kFloat64, {2}}}),
             StatusCode::kInternal, {"dtype float32"});
  checkError(runNode("NoSuchOp", {}, {}), StatusCode::kUnimplemented,
             {"no kernel for op type 'NoSuchOp'"});
}

TEST_CASE("binary errors", "[kernels][binary]") {
  Tensor a = makeF32({2, 3}, {1, 2, 3, 4, 5, 6});
  checkError(
      runNode("Add", {a, makeF32({2}, {1, 2})}, {{DType::kFloat32, {2, 3}}}),
      StatusCode::kInvalidArgument, {"cannot broadcast shapes [2, 3] and [2]"});
  checkError(
      runNode("Mul", {a, makeI64({1}, {1})}, {{DType::kFloat32, {2, 3}}}),
      StatusCode::kInvalidArgument, {"different dtypes"});
  checkError(runNode("Add", {makeBool({1}, {true}), makeBool({1}, {true})},
                     {{DType::kBool, {1}}}),
             StatusCode::kUnimplemented, {"dtype bool"});
  checkError(runNode("Add", {a}, {{DType::kFloat32, {2, 3}}}),
             StatusCode::kInvalidArgument, {"missing required input 1"});
  checkError(runNode("Add", {a, a}, {}), StatusCode::kInvalidArgument,
             {"missing output 0"});
}

TEST_CASE("Clip with optional bounds", "[kernels][activation]") {
  Tensor x = makeF32({5}, {-2, -0.5f, 0.5f, 2, kNaNf});
  checkClose(runOk("Clip", {x}, {DType::kFloat32, {5}}),
             {-2, -0.5, 0.5, 2, kNaN});
  checkClose(runOk("Clip", {x, makeF32({}, {-1}), makeF32({}, {1})},
                   {DType::kFloat32, {5}}),
             {-1, -0.5, 0.5, 1, kNaN});
  // Only max (min absent).
  checkClose(
      runOk("Clip", {x, Tensor(), makeF32({}, {0})}, {DType::kFloat32, {5}}),
      {-2, -0.5, 0, 0, kNaN});
  // min > max: everything becomes max.
  checkClose(runOk("Clip", {x, makeF32({}, {1}), makeF32({}, {0})},
                   {DType::kFloat32, {5}}),
             {0, 0, 0, 0, kNaN});
  CHECK(valuesOf<int8_t>(runOk("Clip",
                               {makeTensor<int8_t>({3}, {-100, 5, 100}),
                                makeTensor<int8_t>({}, {-10})},
                               {DType::kInt8, {3}})) ==
        std::vector<int8_t>{-10, 5, 100});
  checkError(
      runNode("Clip", {x, makeF32({2}, {0, 1})}, {{DType::kFloat32, {5}}}),
      StatusCode::kInvalidArgument, {"min must be a scalar"});
  checkError(runNode("Clip", {x, makeI64({}, {0})}, {{DType::kFloat32, {5}}}),
             StatusCode::kInvalidArgument, {"min must be float32"});
}

TEST_CASE("activations with attributes", "[kernels][activation]") {
  Tensor x = makeF32({3}, {-2, 0, 3});
  checkClose(runOk("LeakyRelu", {x}, {DType::kFloat32, {3}}), {-0.02, 0, 3});
  checkClose(runOk("LeakyRelu", {x}, {DType::kFloat32, {3}},
                   makeAttrs({{"alpha", Attribute::ofFloat(0.5f)}})),
             {-1, 0, 3});
  checkClose(runOk("Elu", {x}, {DType::kFloat32, {3}}),
             {std::exp(-2.0) - 1, 0, 3});
  const double alpha = 1.67326319217681884765625;
  const double gamma = 1.05070102214813232421875;
  checkClose(runOk("Selu", {x}, {DType::kFloat32, {3}}),
             {gamma * alpha * (std::exp(-2.0) - 1), 0, gamma * 3});
  checkClose(runOk("Celu", {x}, {DType::kFloat32, {3}},
                   makeAttrs({{"alpha", Attribute::ofFloat(2.0f)}})),
             {2 * (std::exp(-1.0) - 1), 0, 3});
  checkClose(runOk("HardSigmoid", {x}, {DType::kFloat32, {3}}), {0.1, 0.5, 1});
  checkClose(
      runOk("HardSwish", {makeF32({3}, {-4, 1, 4})}, {DType::kFloat32, {3}}),
      {0, 1 * (1.0 / 6 + 0.5), 4});
  checkClose(runOk("ThresholdedRelu", {makeF32({3}, {0.5f, 1, 1.5f})},
                   {DType::kFloat32, {3}}),
             {0, 0, 1.5});
  // PRelu: slope [2,1,1] broadcasts to [1,2,1,2].
  Tensor p = makeF32({1, 2, 1, 2}, {-1, 1, -2, 2});
  Tensor slope = makeF32({2, 1, 1}, {0.1f, 0.5f});
  checkClose(runOk("PRelu", {p, slope}, {DType::kFloat32, {1, 2, 1, 2}}),
             {-0.1, 1, -1, 2});
  checkError(runNode("PRelu", {p, makeF32({3}, {1, 2, 3})},
                     {{DType::kFloat32, {1, 2, 1, 2}}}),
             StatusCode::kInvalidArgument, {"does not broadcast"});
  // Wrong attribute kind.
  checkError(runNode("LeakyRelu", {x}, {{DType::kFloat32, {3}}},
                     makeAttrs({{"alpha", Attribute::ofInt(1)}})),
             StatusCode::kInvalidArgument,
             {"LeakyRelu", "attribute 'alpha' is int, expected float"});
}

TEST_CASE("Shrink on floats and integers", "[kernels][activation]") {
  AttributeMap a = makeAttrs(
      {{"lambd", Attribute::ofFloat(1)}, {"bias", Attribute::ofFloat(0.5f)}});
  checkClose(runOk("Shrink", {makeF32({5}, {-2, -0.5f, 0, 0.5f, 2})},
                   {DType::kFloat32, {5}}, a),
             {-1.5, 0, 0, 0, 1.5});
  AttributeMap ai = makeAttrs(
      {{"lambd", Attribute::ofFloat(1.5f)}, {"bias", Attribute::ofFloat(1)}});
  CHECK(valuesOf<int32_t>(
            runOk("Shrink", {makeTensor<int32_t>({3}, {-5, 1, 5})},
                  {DType::kInt32, {3}}, ai)) == std::vector<int32_t>{-4, 0, 4});
}
