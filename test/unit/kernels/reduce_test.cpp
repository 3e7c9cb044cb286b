// Reduce*, ArgMax/ArgMin, TopK and CumSum.
#include "kernel_test_util.h"

#include <cmath>
#include <limits>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
const double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();
Tensor x2x3() { return makeF32({2, 3}, {1, 2, 3, 4, 5, 6}); }
AttributeMap axesAttr(std::vector<int64_t> axes, int64_t keepdims = 1) {
  return makeAttrs({{"axes", Attribute::ofInts(std::move(axes))},
                    {"keepdims", Attribute::ofInt(keepdims)}});
}
} // namespace

TEST_CASE("ReduceSum takes axes as an input", "[kernels][reduce]") {
  checkClose(runOk("ReduceSum", {x2x3(), makeI64({1}, {1})},
                   {DType::kFloat32, {2, 1}}),
             {6, 15});
  checkClose(runOk("ReduceSum", {x2x3(), makeI64({1}, {-2})},
                   {DType::kFloat32, {1, 3}}),
             {5, 7, 9});
  AttributeMap noKeep = makeAttrs({{"keepdims", Attribute::ofInt(0)}});
  checkClose(runOk("ReduceSum", {x2x3(), makeI64({1}, {1})},
                   {DType::kFloat32, {2}}, noKeep),
             {6, 15});
  // No axes: everything; with keepdims=0 a scalar.
  checkClose(runOk("ReduceSum", {x2x3()}, {DType::kFloat32, {1, 1}}), {21});
  checkClose(runOk("ReduceSum", {x2x3(), makeI64({0}, {})},
                   {DType::kFloat32, {}}, noKeep),
             {21});
  // noop_with_empty_axes: the input unchanged.
  checkClose(runOk("ReduceSum", {x2x3(), makeI64({0}, {})},
                   {DType::kFloat32, {2, 3}},
                   makeAttrs({{"noop_with_empty_axes", Attribute::ofInt(1)}})),
             {1, 2, 3, 4, 5, 6});
  // Integers, and an empty reduction (sum of nothing is 0).
  CHECK(valuesOf<int32_t>(runOk(
            "ReduceSum",
            {makeTensor<int32_t>({2, 2}, {1, -2, 3, 4}), makeI64({1}, {0})},
            {DType::kInt32, {1, 2}})) == std::vector<int32_t>{4, 2});
  checkClose(runOk("ReduceSum", {makeF32({2, 0}, {}), makeI64({1}, {1})},
                   {DType::kFloat32, {2, 1}}),
             {0, 0});
  checkError(runNode("ReduceSum", {x2x3(), makeI64({2}, {1, -1})},
                     {{DType::kFloat32, {2, 1}}}),
             StatusCode::kInvalidArgument,
             {"ReduceSum", "axis -1 is repeated"});
  checkError(runNode("ReduceSum", {x2x3(), makeI64({1}, {2})},
                     {{DType::kFloat32, {2, 1}}}),
             StatusCode::kInvalidArgument,
             {"axis 2 is out of range for rank 2"});
  checkError(runNode("ReduceSum", {x2x3(), makeF32({1}, {1})},
                     {{DType::kFloat32, {2, 1}}}),
             StatusCode::kInvalidArgument, {"axes must be an integer tensor"});
}

TEST_CASE("Reduce ops with the axes attribute", "[kernels][reduce]") {
  checkClose(
      runOk("ReduceMean", {x2x3()}, {DType::kFloat32, {1, 3}}, axesAttr({0})),
      {2.5, 3.5, 4.5});
  checkClose(runOk("ReduceMean", {x2x3()}, {DType::kFloat32, {1, 1}}), {3.5});
  checkClose(
      runOk("ReduceProd", {x2x3()}, {DType::kFloat32, {2}}, axesAttr({1}, 0)),
      {6, 120});
  checkClose(
      runOk("ReduceMax", {x2x3()}, {DType::kFloat32, {3}}, axesAttr({-2}, 0)),
      {4, 5, 6});
  checkClose(
      runOk("ReduceMin", {x2x3()}, {DType::kFloat32, {2, 1}}, axesAttr({1})),
      {1, 4});
  Tensor neg = makeF32({2, 2}, {-3, 4, -1, 0});
  checkClose(runOk("ReduceL1", {neg}, {DType::kFloat32, {2, 1}}, axesAttr({1})),
             {7, 1});
  checkClose(runOk("ReduceL2", {neg}, {DType::kFloat32, {2, 1}}, axesAttr({1})),
             {5, 1});
  checkClose(
      runOk("ReduceSumSquare", {neg}, {DType::kFloat32, {2, 1}}, axesAttr({1})),
      {25, 1});
  checkClose(
      runOk("ReduceLogSum", {x2x3()}, {DType::kFloat32, {2, 1}}, axesAttr({1})),
      {std::log(6.0), std::log(15.0)});
  checkClose(runOk("ReduceLogSumExp", {makeF32({2, 2}, {1000, 1000, 0, 0})},
                   {DType::kFloat32, {2, 1}}, axesAttr({1})),
             {1000 + std::log(2.0), std::log(2.0)});
  // NaN propagates through Max/Min; an empty Max is -inf.
  checkClose(
      runOk("ReduceMax", {makeF32({3}, {1, NAN, 2})}, {DType::kFloat32, {1}}),
      {kNaN});
  checkClose(runOk("ReduceMax", {makeF32({1, 0}, {})},
                   {DType::kFloat32, {1, 1}}, axesAttr({1})),
             {-kInf});
  // Integer mean truncates toward zero, like Cast.
  CHECK(valuesOf<int32_t>(runOk("ReduceMean",
                                {makeTensor<int32_t>({2, 2}, {1, 2, -1, -2})},
                                {DType::kInt32, {2, 1}}, axesAttr({1}))) ==
        std::vector<int32_t>{1, -1});
  CHECK(valuesOf<uint8_t>(
            runOk("ReduceMax", {makeTensor<uint8_t>({3}, {4, 250, 9})},
                  {DType::kUInt8, {1}})) == std::vector<uint8_t>{250});
  checkError(runNode("ReduceMean", {x2x3()}, {{DType::kFloat32, {1, 3}}},
                     makeAttrs({{"axes", Attribute::ofInt(0)}})),
             StatusCode::kInvalidArgument,
             {"ReduceMean", "attribute 'axes' is int, expected ints"});
  checkError(runNode("ReduceMean", {makeTensor<uint8_t>({1}, {1})},
                     {{DType::kUInt8, {1}}}),
             StatusCode::kUnimplemented, {"dtype uint8"});
  checkError(
      runNode("ReduceMean", {x2x3()}, {{DType::kFloat32, {3}}}, axesAttr({0})),
      StatusCode::kInternal, {"computed shape [1, 3]"});
}

TEST_CASE("ArgMax and ArgMin", "[kernels][reduce]") {
  Tensor x = makeF32({2, 3}, {1, 3, 3, 5, 2, 5});
  AttributeMap a = makeAttrs({{"axis", Attribute::ofInt(1)}});
  CHECK(valuesOf<int64_t>(runOk("ArgMax", {x}, {DType::kInt64, {2, 1}}, a)) ==
        std::vector<int64_t>{1, 0});
  a.set("select_last_index", Attribute::ofInt(1));
  CHECK(valuesOf<int64_t>(runOk("ArgMax", {x}, {DType::kInt64, {2, 1}}, a)) ==
        std::vector<int64_t>{2, 2});
  AttributeMap col = makeAttrs({{"keepdims", Attribute::ofInt(0)}});
  CHECK(valuesOf<int64_t>(runOk("ArgMin", {x}, {DType::kInt64, {3}}, col)) ==
        std::vector<int64_t>{0, 1, 0});
  col.set("axis", Attribute::ofInt(-1));
  CHECK(valuesOf<int64_t>(runOk("ArgMin", {x}, {DType::kInt64, {2}}, col)) ==
        std::vector<int64_t>{0, 1});
  // NaN wins for both, as in numpy.
  Tensor n = makeF32({3}, {1, NAN, 5});
  CHECK(valuesOf<int64_t>(runOk("ArgMax", {n}, {DType::kInt64, {1}})) ==
        std::vector<int64_t>{1});
  CHECK(valuesOf<int64_t>(runOk("ArgMin", {n}, {DType::kInt64, {1}})) ==
        std::vector<int64_t>{1});
  checkError(runNode("ArgMax", {x}, {{DType::kInt64, {2, 1}}},
                     makeAttrs({{"axis", Attribute::ofInt(2)}})),
             StatusCode::kInvalidArgument, {"ArgMax", "axis 2"});
}

TEST_CASE("TopK largest and smallest", "[kernels][reduce]") {
  Tensor x = makeF32({5}, {3, 1, 4, 1, 5});
  RunResult r = runNode("TopK", {x, makeI64({1}, {3})},
                        {{DType::kFloat32, {3}}, {DType::kInt64, {3}}});
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {5, 4, 3});
  CHECK(valuesOf<int64_t>(r.out(1)) == std::vector<int64_t>{4, 2, 0});
  r = runNode("TopK", {x, makeI64({1}, {3})},
              {{DType::kFloat32, {3}}, {DType::kInt64, {3}}},
              makeAttrs({{"largest", Attribute::ofInt(0)}}));
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {1, 1, 3});
  CHECK(valuesOf<int64_t>(r.out(1)) == std::vector<int64_t>{1, 3, 0});
  // Along axis 0 of a matrix.
  r = runNode("TopK", {makeI64({3, 2}, {1, 6, 3, 5, 2, 4}), makeI64({1}, {1})},
              {{DType::kInt64, {1, 2}}, {DType::kInt64, {1, 2}}},
              makeAttrs({{"axis", Attribute::ofInt(0)}}));
  REQUIRE(r.status.ok());
  CHECK(valuesOf<int64_t>(r.out(0)) == std::vector<int64_t>{3, 6});
  CHECK(valuesOf<int64_t>(r.out(1)) == std::vector<int64_t>{1, 0});
  checkError(runNode("TopK", {x, makeI64({1}, {6})},
                     {{DType::kFloat32, {6}}, {DType::kInt64, {6}}}),
             StatusCode::kInvalidArgument, {"TopK", "K = 6"});
}

TEST_CASE("CumSum exclusive and reverse", "[kernels][reduce]") {
  Tensor x = makeF32({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor axis1 = makeI64({}, {1});
  checkClose(runOk("CumSum", {x, axis1}, {DType::kFloat32, {2, 3}}),
             {1, 3, 6, 4, 9, 15});
  checkClose(runOk("CumSum", {x, makeTensor<int32_t>({}, {0})},
                   {DType::kFloat32, {2, 3}}),
             {1, 2, 3, 5, 7, 9});
  checkClose(runOk("CumSum", {x, axis1}, {DType::kFloat32, {2, 3}},
                   makeAttrs({{"exclusive", Attribute::ofInt(1)}})),
             {0, 1, 3, 0, 4, 9});
  checkClose(runOk("CumSum", {x, makeI64({}, {-1})}, {DType::kFloat32, {2, 3}},
                   makeAttrs({{"reverse", Attribute::ofInt(1)},
                              {"exclusive", Attribute::ofInt(1)}})),
             {5, 3, 0, 11, 6, 0});
  checkError(
      runNode("CumSum", {x, makeI64({2}, {0, 1})}, {{DType::kFloat32, {2, 3}}}),
      StatusCode::kInvalidArgument, {"axis must have one element"});
}
