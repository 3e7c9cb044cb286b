// Concat, Split, Slice, Pad, the gathers and scatters, OneHot, Range,
// EyeLike.
#include "kernel_test_util.h"

#include <limits>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
Tensor x2x3() { return makeF32({2, 3}, {1, 2, 3, 4, 5, 6}); }
AttributeMap axisAttr(int64_t axis) {
  return makeAttrs({{"axis", Attribute::ofInt(axis)}});
}
} // namespace

TEST_CASE("Concat", "[kernels][slice]") {
  Tensor b = makeF32({2, 1}, {7, 8});
  checkClose(
      runOk("Concat", {x2x3(), b}, {DType::kFloat32, {2, 4}}, axisAttr(-1)),
      {1, 2, 3, 7, 4, 5, 6, 8});
  checkClose(runOk("Concat", {x2x3(), makeF32({0, 3}, {}), x2x3()},
                   {DType::kFloat32, {4, 3}}, axisAttr(0)),
             {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6});
  checkError(
      runNode("Concat", {x2x3(), b}, {{DType::kFloat32, {4, 3}}}, axisAttr(0)),
      StatusCode::kInvalidArgument, {"Concat", "input 1 has shape [2, 1]"});
  checkError(runNode("Concat", {x2x3(), b}, {{DType::kFloat32, {2, 4}}}),
             StatusCode::kInvalidArgument,
             {"missing required attribute 'axis'"});
  checkError(runNode("Concat", {x2x3(), makeI64({2, 1}, {1, 2})},
                     {{DType::kFloat32, {2, 4}}}, axisAttr(1)),
             StatusCode::kInvalidArgument, {"every input must be float32"});
}

TEST_CASE("Split equal and given sizes", "[kernels][slice]") {
  Tensor x = makeF32({6}, {1, 2, 3, 4, 5, 6});
  RunResult r = runNode(
      "Split", {x},
      {{DType::kFloat32, {2}}, {DType::kFloat32, {2}}, {DType::kFloat32, {2}}});
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {1, 2});
  checkClose(r.out(1), {3, 4});
  checkClose(r.out(2), {5, 6});
  r = runNode("Split", {x2x3(), makeI64({2}, {1, 2})},
              {{DType::kFloat32, {2, 1}}, {DType::kFloat32, {2, 2}}},
              axisAttr(1));
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {1, 4});
  checkClose(r.out(1), {2, 3, 5, 6});
  checkError(runNode("Split", {x},
                     {{DType::kFloat32, {2}},
                      {DType::kFloat32, {2}},
                      {DType::kFloat32, {2}},
                      {DType::kFloat32, {2}}}),
             StatusCode::kInvalidArgument, {"Split", "does not split evenly"});
  checkError(runNode("Split", {x, makeI64({2}, {1, 2})},
                     {{DType::kFloat32, {1}}, {DType::kFloat32, {2}}}),
             StatusCode::kInvalidArgument, {"does not divide dim 6"});
}

TEST_CASE("Slice clamps, steps backwards, takes axes", "[kernels][slice]") {
  Tensor x = makeF32({2, 4}, {1, 2, 3, 4, 5, 6, 7, 8});
  checkClose(runOk("Slice", {x, makeI64({2}, {0, 1}), makeI64({2}, {2, 3})},
                   {DType::kFloat32, {2, 2}}),
             {2, 3, 6, 7});
  // Out-of-range ends clamp; negative starts count from the end.
  checkClose(
      runOk("Slice",
            {x, makeI64({1}, {-3}), makeI64({1}, {1000}), makeI64({1}, {1})},
            {DType::kFloat32, {2, 3}}),
      {2, 3, 4, 6, 7, 8});
  // Negative step: reverse the columns.
  checkClose(runOk("Slice",
                   {x, makeI64({1}, {-1}),
                    makeI64({1}, {std::numeric_limits<int64_t>::min()}),
                    makeI64({1}, {-1}), makeI64({1}, {-1})},
                   {DType::kFloat32, {2, 4}}),
             {4, 3, 2, 1, 8, 7, 6, 5});
  // Step 2 and int32 index inputs.
  checkClose(
      runOk("Slice",
            {x, makeTensor<int32_t>({1}, {1}), makeTensor<int32_t>({1}, {4}),
             makeTensor<int32_t>({1}, {1}), makeTensor<int32_t>({1}, {2})},
            {DType::kFloat32, {2, 2}}),
      {2, 4, 6, 8});
  // An empty result.
  CHECK(runOk("Slice",
              {x, makeI64({1}, {3}), makeI64({1}, {1}), makeI64({1}, {1})},
              {DType::kFloat32, {2, 0}})
            .numElements() == 0);
  checkError(runNode("Slice",
                     {x, makeI64({1}, {0}), makeI64({1}, {1}),
                      makeI64({1}, {0}), makeI64({1}, {0})},
                     {{DType::kFloat32, {1, 4}}}),
             StatusCode::kInvalidArgument, {"Slice", "steps must be non-zero"});
  checkError(runNode("Slice", {x, makeI64({2}, {0, 0}), makeI64({1}, {1})},
                     {{DType::kFloat32, {1, 4}}}),
             StatusCode::kInvalidArgument, {"ends has 1 values"});
}

TEST_CASE("Pad constant, reflect, edge, negative pads", "[kernels][slice]") {
  Tensor x = makeF32({1, 3}, {1, 2, 3});
  Tensor pads = makeI64({4}, {0, 2, 0, 1});
  checkClose(runOk("Pad", {x, pads}, {DType::kFloat32, {1, 6}}),
             {0, 0, 1, 2, 3, 0});
  checkClose(
      runOk("Pad", {x, pads, makeF32({}, {9})}, {DType::kFloat32, {1, 6}}),
      {9, 9, 1, 2, 3, 9});
  checkClose(runOk("Pad", {x, pads}, {DType::kFloat32, {1, 6}},
                   makeAttrs({{"mode", Attribute::ofString("reflect")}})),
             {3, 2, 1, 2, 3, 2});
  checkClose(runOk("Pad", {x, pads}, {DType::kFloat32, {1, 6}},
                   makeAttrs({{"mode", Attribute::ofString("edge")}})),
             {1, 1, 1, 2, 3, 3});
  // Reflect further than the dim repeats the mirror (as numpy does).
  checkClose(runOk("Pad", {makeF32({2}, {1, 2}), makeI64({2}, {3, 0})},
                   {DType::kFloat32, {5}},
                   makeAttrs({{"mode", Attribute::ofString("reflect")}})),
             {2, 1, 2, 1, 2});
  // Negative pads crop.
  checkClose(
      runOk("Pad", {x, makeI64({4}, {0, -1, 0, 1})}, {DType::kFloat32, {1, 3}}),
      {2, 3, 0});
  checkError(
      runNode("Pad", {x, makeI64({2}, {1, 1})}, {{DType::kFloat32, {1, 5}}}),
      StatusCode::kInvalidArgument, {"Pad", "pads has 2 values, expected 4"});
  checkError(runNode("Pad", {x, pads}, {{DType::kFloat32, {1, 6}}},
                     makeAttrs({{"mode", Attribute::ofString("wrap")}})),
             StatusCode::kInvalidArgument, {"mode must be"});
}

TEST_CASE("Gather with negative and multi-dim indices", "[kernels][gather]") {
  checkClose(runOk("Gather", {x2x3(), makeI64({2}, {1, 0})},
                   {DType::kFloat32, {2, 3}}),
             {4, 5, 6, 1, 2, 3});
  checkClose(runOk("Gather",
                   {x2x3(), makeTensor<int32_t>({2, 2}, {-1, 0, 1, 1})},
                   {DType::kFloat32, {2, 2, 2}}, axisAttr(1)),
             {3, 1, 2, 2, 6, 4, 5, 5});
  // A scalar index drops the axis.
  checkClose(
      runOk("Gather", {x2x3(), makeI64({}, {-2})}, {DType::kFloat32, {3}}),
      {1, 2, 3});
  checkError(runNode("Gather", {x2x3(), makeI64({1}, {2})},
                     {{DType::kFloat32, {1, 3}}}),
             StatusCode::kInvalidArgument,
             {"Gather", "index 2 is out of bounds"});
  checkError(runNode("Gather", {x2x3(), makeI64({1}, {-4})},
                     {{DType::kFloat32, {2, 1}}}, axisAttr(1)),
             StatusCode::kInvalidArgument, {"index -4 is out of bounds"});
  checkError(runNode("Gather", {x2x3(), makeF32({1}, {0})},
                     {{DType::kFloat32, {1, 3}}}),
             StatusCode::kInvalidArgument, {"indices must be int32 or int64"});
}

TEST_CASE("GatherElements and ScatterElements", "[kernels][gather]") {
  Tensor data = makeF32({2, 2}, {1, 2, 3, 4});
  Tensor idx = makeI64({2, 2}, {0, 0, 1, -2});
  checkClose(runOk("GatherElements", {data, idx}, {DType::kFloat32, {2, 2}},
                   axisAttr(1)),
             {1, 1, 4, 3});
  checkClose(runOk("GatherElements", {data, makeI64({1, 2}, {1, 0})},
                   {DType::kFloat32, {1, 2}}),
             {3, 2});
  checkError(runNode("GatherElements", {data, makeI64({2, 2}, {0, 2, 0, 0})},
                     {{DType::kFloat32, {2, 2}}}, axisAttr(1)),
             StatusCode::kInvalidArgument, {"GatherElements", "out of bounds"});
  Tensor updates = makeF32({1, 2}, {10, 20});
  checkClose(runOk("ScatterElements", {data, makeI64({1, 2}, {1, -2}), updates},
                   {DType::kFloat32, {2, 2}}, axisAttr(1)),
             {20, 10, 3, 4});
  // Duplicate indices accumulate with reduction=add (and multiply).
  AttributeMap add = makeAttrs({{"axis", Attribute::ofInt(1)},
                                {"reduction", Attribute::ofString("add")}});
  checkClose(runOk("ScatterElements", {data, makeI64({1, 2}, {1, 1}), updates},
                   {DType::kFloat32, {2, 2}}, add),
             {1, 32, 3, 4});
  add.set("reduction", Attribute::ofString("mul"));
  checkClose(runOk("ScatterElements", {data, makeI64({1, 2}, {1, 1}), updates},
                   {DType::kFloat32, {2, 2}}, add),
             {1, 400, 3, 4});
  add.set("reduction", Attribute::ofString("max"));
  checkError(
      runNode("ScatterElements", {data, makeI64({1, 2}, {1, 1}), updates},
              {{DType::kFloat32, {2, 2}}}, add),
      StatusCode::kInvalidArgument, {"reduction must be none, add or mul"});
}

TEST_CASE("GatherND and ScatterND", "[kernels][gather]") {
  Tensor data = makeI64({2, 2}, {1, 2, 3, 4});
  CHECK(valuesOf<int64_t>(
            runOk("GatherND", {data, makeI64({2, 2}, {0, 1, 1, -2})},
                  {DType::kInt64, {2}})) == std::vector<int64_t>{2, 3});
  CHECK(valuesOf<int64_t>(runOk("GatherND", {data, makeI64({2, 1}, {1, 0})},
                                {DType::kInt64, {2, 2}})) ==
        std::vector<int64_t>{3, 4, 1, 2});
  // batch_dims = 1: row b picks its own column.
  CHECK(valuesOf<int64_t>(runOk(
            "GatherND", {data, makeI64({2, 1}, {1, 0})}, {DType::kInt64, {2}},
            makeAttrs({{"batch_dims", Attribute::ofInt(1)}}))) ==
        std::vector<int64_t>{2, 3});
  checkError(runNode("GatherND", {data, makeI64({1, 3}, {0, 0, 0})},
                     {{DType::kInt64, {1}}}),
             StatusCode::kInvalidArgument, {"GatherND", "last dim 3"});
  Tensor updates = makeI64({1, 2}, {9, 8});
  CHECK(valuesOf<int64_t>(runOk(
            "ScatterND", {data, makeI64({1, 1}, {-1}), updates},
            {DType::kInt64, {2, 2}})) == std::vector<int64_t>{1, 2, 9, 8});
  CHECK(valuesOf<int64_t>(
            runOk("ScatterND",
                  {data, makeI64({2, 2}, {0, 0, 0, 0}), makeI64({2}, {5, 6})},
                  {DType::kInt64, {2, 2}},
                  makeAttrs({{"reduction", Attribute::ofString("add")}}))) ==
        std::vector<int64_t>{12, 2, 3, 4});
  checkError(
      runNode("ScatterND", {data, makeI64({1, 1}, {0}), makeI64({2}, {1, 2})},
              {{DType::kInt64, {2, 2}}}),
      StatusCode::kInvalidArgument, {"updates shape [2] must be [1, 2]"});
}

TEST_CASE("OneHot, Range, EyeLike", "[kernels][gather]") {
  Tensor values = makeF32({2}, {0, 5});
  checkClose(runOk("OneHot",
                   {makeI64({3}, {0, -1, 7}), makeI64({}, {3}), values},
                   {DType::kFloat32, {3, 3}}),
             {5, 0, 0, 0, 0, 5, 0, 0, 0});
  // axis 0 and a float depth.
  checkClose(runOk("OneHot",
                   {makeI64({2}, {1, 0}), makeF32({}, {2.7f}), values},
                   {DType::kFloat32, {2, 2}}, axisAttr(0)),
             {0, 5, 5, 0});
  checkError(runNode("OneHot", {makeI64({1}, {0}), makeI64({}, {0}), values},
                     {{DType::kFloat32, {1, 0}}}),
             StatusCode::kInvalidArgument,
             {"OneHot", "depth must be positive"});

  checkClose(runOk("Range",
                   {makeF32({}, {1}), makeF32({}, {2}), makeF32({}, {0.3f})},
                   {DType::kFloat32, {4}}),
             {1, 1.3, 1.6, 1.9});
  CHECK(valuesOf<int32_t>(
            runOk("Range",
                  {makeTensor<int32_t>({}, {10}), makeTensor<int32_t>({}, {4}),
                   makeTensor<int32_t>({}, {-3})},
                  {DType::kInt32, {2}})) == std::vector<int32_t>{10, 7});
  CHECK(runOk("Range", {makeI64({}, {5}), makeI64({}, {1}), makeI64({}, {1})},
              {DType::kInt64, {0}})
            .numElements() == 0);
  checkError(runNode("Range",
                     {makeI64({}, {0}), makeI64({}, {1}), makeI64({}, {0})},
                     {{DType::kInt64, {0}}}),
             StatusCode::kInvalidArgument, {"Range", "delta must be non-zero"});

  CHECK(
      valuesOf<int32_t>(runOk("EyeLike", {makeF32({2, 3}, {0, 0, 0, 0, 0, 0})},
                              {DType::kInt32, {2, 3}},
                              makeAttrs({{"k", Attribute::ofInt(1)},
                                         {"dtype", Attribute::ofInt(6)}}))) ==
      std::vector<int32_t>{0, 1, 0, 0, 0, 1});
}
