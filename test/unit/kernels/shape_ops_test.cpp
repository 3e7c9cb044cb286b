// Shape ops (Reshape, Flatten, Squeeze, Unsqueeze, Shape, Size,
// ConstantOfShape, Dropout) and layout ops (Transpose, Expand, Tile,
// DepthToSpace, SpaceToDepth, Trilu).
#include "kernel_test_util.h"

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
Tensor iota(DType dtype, const Shape &shape) {
  std::vector<double> v(static_cast<size_t>(numElements(shape)));
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = static_cast<double>(i);
  return makeAs(dtype, shape, v);
}
} // namespace

TEST_CASE("Reshape copies 0, infers -1, honours allowzero",
          "[kernels][shape]") {
  Tensor x = iota(DType::kFloat32, {2, 3, 4});
  CHECK(runOk("Reshape", {x, makeI64({2}, {0, -1})}, {DType::kFloat32, {2, 12}})
            .numElements() == 24);
  checkClose(runOk("Reshape", {x, makeI64({3}, {4, -1, 2})},
                   {DType::kFloat32, {4, 3, 2}}),
             toDoubles(x));
  // allowzero: 0 is a real zero-size dim.
  Tensor empty = makeF32({0, 3}, {});
  CHECK(runOk("Reshape", {empty, makeI64({2}, {3, 0})},
              {DType::kFloat32, {3, 0}},
              makeAttrs({{"allowzero", Attribute::ofInt(1)}}))
            .numElements() == 0);
  checkError(runNode("Reshape", {x, makeI64({2}, {5, -1})},
                     {{DType::kFloat32, {5, 5}}}),
             StatusCode::kInvalidArgument, {"Reshape", "cannot infer -1"});
  checkError(runNode("Reshape", {x, makeI64({2}, {-1, -1})},
                     {{DType::kFloat32, {24}}}),
             StatusCode::kInvalidArgument, {"more than one -1"});
  checkError(runNode("Reshape", {x, makeI64({2}, {5, 5})},
                     {{DType::kFloat32, {5, 5}}}),
             StatusCode::kInvalidArgument,
             {"cannot reshape [2, 3, 4] to [5, 5]"});
  checkError(runNode("Reshape", {x, makeI64({4}, {0, 0, 0, 0})},
                     {{DType::kFloat32, {2, 3, 4, 1}}}),
             StatusCode::kInvalidArgument, {"copies dim 3"});
  checkError(runNode("Reshape", {x, makeI64({2}, {0, -1})},
                     {{DType::kFloat32, {2, 12}}},
                     makeAttrs({{"allowzero", Attribute::ofInt(1)}})),
             StatusCode::kInvalidArgument, {"both 0 and -1"});
}

TEST_CASE("Flatten, Squeeze, Unsqueeze", "[kernels][shape]") {
  Tensor x = iota(DType::kInt64, {2, 3, 4});
  for (auto [axis, shape] :
       std::vector<std::pair<int64_t, Shape>>{{0, {1, 24}},
                                              {1, {2, 12}},
                                              {3, {24, 1}},
                                              {-1, {6, 4}},
                                              {-3, {1, 24}}}) {
    INFO("axis " << axis);
    CHECK(runOk("Flatten", {x}, {DType::kInt64, shape},
                makeAttrs({{"axis", Attribute::ofInt(axis)}}))
              .shape() == shape);
  }
  checkError(runNode("Flatten", {x}, {{DType::kInt64, {24}}},
                     makeAttrs({{"axis", Attribute::ofInt(4)}})),
             StatusCode::kInvalidArgument, {"axis 4 is out of range"});

  Tensor y = iota(DType::kFloat32, {1, 3, 1, 2});
  CHECK(runOk("Squeeze", {y}, {DType::kFloat32, {3, 2}}).numElements() == 6);
  checkClose(
      runOk("Squeeze", {y, makeI64({1}, {-2})}, {DType::kFloat32, {1, 3, 2}}),
      {0, 1, 2, 3, 4, 5});
  checkError(runNode("Squeeze", {y, makeI64({1}, {1})},
                     {{DType::kFloat32, {1, 1, 2}}}),
             StatusCode::kInvalidArgument,
             {"Squeeze", "cannot squeeze axis 1"});

  Tensor z = iota(DType::kFloat32, {3, 2});
  CHECK(runOk("Unsqueeze", {z, makeI64({2}, {3, 0})},
              {DType::kFloat32, {1, 3, 2, 1}})
            .numElements() == 6);
  CHECK(
      runOk("Unsqueeze", {z, makeI64({1}, {-1})}, {DType::kFloat32, {3, 2, 1}})
          .numElements() == 6);
  checkError(runNode("Unsqueeze", {z, makeI64({2}, {0, 0})},
                     {{DType::kFloat32, {1, 1, 3, 2}}}),
             StatusCode::kInvalidArgument, {"axis 0 is repeated"});
  checkError(runNode("Unsqueeze", {z}, {{DType::kFloat32, {1, 3, 2}}}),
             StatusCode::kInvalidArgument, {"missing required input 1"});
}

TEST_CASE("Shape, Size, ConstantOfShape", "[kernels][shape]") {
  Tensor x = iota(DType::kFloat32, {2, 3, 4});
  CHECK(valuesOf<int64_t>(runOk("Shape", {x}, {DType::kInt64, {3}})) ==
        std::vector<int64_t>{2, 3, 4});
  CHECK(valuesOf<int64_t>(runOk("Shape", {x}, {DType::kInt64, {1}},
                                makeAttrs({{"start", Attribute::ofInt(-2)},
                                           {"end", Attribute::ofInt(-1)}}))) ==
        std::vector<int64_t>{3});
  CHECK(valuesOf<int64_t>(runOk("Shape", {x}, {DType::kInt64, {2}},
                                makeAttrs({{"start", Attribute::ofInt(1)},
                                           {"end", Attribute::ofInt(10)}}))) ==
        std::vector<int64_t>{3, 4});
  CHECK(valuesOf<int64_t>(runOk("Shape", {x}, {DType::kInt64, {0}},
                                makeAttrs({{"start", Attribute::ofInt(2)},
                                           {"end", Attribute::ofInt(1)}}))) ==
        std::vector<int64_t>{});
  CHECK(valuesOf<int64_t>(runOk("Size", {x}, {DType::kInt64, {}})) ==
        std::vector<int64_t>{24});

  checkClose(runOk("ConstantOfShape", {makeI64({2}, {2, 1})},
                   {DType::kFloat32, {2, 1}}),
             {0, 0});
  AttributeMap seven =
      makeAttrs({{"value", Attribute::ofTensor(makeI64({1}, {7}))}});
  CHECK(valuesOf<int64_t>(runOk("ConstantOfShape", {makeI64({1}, {3})},
                                {DType::kInt64, {3}}, seven)) ==
        std::vector<int64_t>{7, 7, 7});
  // An empty shape gives a scalar.
  CHECK(valuesOf<int64_t>(runOk("ConstantOfShape", {makeI64({0}, {})},
                                {DType::kInt64, {}}, seven)) ==
        std::vector<int64_t>{7});
  checkError(runNode("ConstantOfShape", {makeI64({1}, {-1})},
                     {{DType::kFloat32, {1}}}),
             StatusCode::kInvalidArgument, {"negative dim"});
  checkError(runNode("ConstantOfShape", {makeI64({1}, {2})},
                     {{DType::kFloat32, {2}}},
                     makeAttrs({{"value", Attribute::ofFloat(1)}})),
             StatusCode::kInvalidArgument, {"attribute 'value' is float"});
}

TEST_CASE("Dropout at inference copies and masks nothing", "[kernels][shape]") {
  Tensor x = makeF32({3}, {1, 2, 3});
  RunResult r = runNode("Dropout", {x, makeF32({}, {0.5f})},
                        {{DType::kFloat32, {3}}, {DType::kBool, {3}}});
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {1, 2, 3});
  CHECK(valuesOf<bool>(r.out(1)) == std::vector<bool>{true, true, true});
  // training_mode with ratio 0 is still the identity.
  checkClose(runOk("Dropout", {x, makeF32({}, {0}), makeBool({}, {true})},
                   {DType::kFloat32, {3}}),
             {1, 2, 3});
  checkError(runNode("Dropout", {x, makeF32({}, {0.5f}), makeBool({}, {true})},
                     {{DType::kFloat32, {3}}}),
             StatusCode::kUnimplemented, {"Dropout", "random dropout"});
}

TEST_CASE("Transpose", "[kernels][layout]") {
  Tensor x = iota(DType::kFloat32, {2, 3});
  checkClose(runOk("Transpose", {x}, {DType::kFloat32, {3, 2}}),
             {0, 3, 1, 4, 2, 5});
  Tensor y = iota(DType::kInt8, {2, 1, 3});
  CHECK(valuesOf<int8_t>(
            runOk("Transpose", {y}, {DType::kInt8, {1, 3, 2}},
                  makeAttrs({{"perm", Attribute::ofInts({1, 2, 0})}}))) ==
        std::vector<int8_t>{0, 3, 1, 4, 2, 5});
  checkError(runNode("Transpose", {x}, {{DType::kFloat32, {3, 2}}},
                     makeAttrs({{"perm", Attribute::ofInts({0, 0})}})),
             StatusCode::kInvalidArgument, {"Transpose", "not a permutation"});
}

TEST_CASE("Expand and Tile", "[kernels][layout]") {
  Tensor x = makeF32({3, 1}, {1, 2, 3});
  checkClose(
      runOk("Expand", {x, makeI64({2}, {1, 2})}, {DType::kFloat32, {3, 2}}),
      {1, 1, 2, 2, 3, 3});
  // Expand broadcasts both ways: the result can be larger than `shape`.
  checkClose(runOk("Expand", {x, makeI64({3}, {2, 1, 2})},
                   {DType::kFloat32, {2, 3, 2}}),
             {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3});
  checkError(
      runNode("Expand", {x, makeI64({2}, {4, 2})}, {{DType::kFloat32, {4, 2}}}),
      StatusCode::kInvalidArgument, {"Expand", "cannot broadcast"});
  Tensor t = makeBool({1, 2}, {true, false});
  CHECK(valuesOf<bool>(
            runOk("Tile", {t, makeI64({2}, {2, 2})}, {DType::kBool, {2, 4}})) ==
        std::vector<bool>{true, false, true, false, true, false, true, false});
  checkError(runNode("Tile", {t, makeI64({1}, {2})}, {{DType::kBool, {2, 2}}}),
             StatusCode::kInvalidArgument, {"repeats has 1 values"});
}

TEST_CASE("DepthToSpace and SpaceToDepth", "[kernels][layout]") {
  // [1, 4, 1, 1] channels a, b, c, d; blocksize 2.
  Tensor d = makeF32({1, 4, 1, 1}, {1, 2, 3, 4});
  AttributeMap b2 = makeAttrs({{"blocksize", Attribute::ofInt(2)}});
  checkClose(runOk("DepthToSpace", {d}, {DType::kFloat32, {1, 1, 2, 2}}, b2),
             {1, 2, 3, 4});
  // 8 channels = 2 output channels: DCR interleaves them, CRD keeps groups.
  Tensor d8 = iota(DType::kFloat32, {1, 8, 1, 1});
  checkClose(runOk("DepthToSpace", {d8}, {DType::kFloat32, {1, 2, 2, 2}}, b2),
             {0, 2, 4, 6, 1, 3, 5, 7});
  AttributeMap crd = b2;
  crd.set("mode", Attribute::ofString("CRD"));
  checkClose(runOk("DepthToSpace", {d8}, {DType::kFloat32, {1, 2, 2, 2}}, crd),
             {0, 1, 2, 3, 4, 5, 6, 7});
  // SpaceToDepth inverts DCR DepthToSpace.
  Tensor s = makeF32({1, 2, 2, 2}, {0, 2, 4, 6, 1, 3, 5, 7});
  checkClose(runOk("SpaceToDepth", {s}, {DType::kFloat32, {1, 8, 1, 1}}, b2),
             {0, 1, 2, 3, 4, 5, 6, 7});
  checkError(runNode("DepthToSpace", {iota(DType::kFloat32, {1, 3, 1, 1})},
                     {{DType::kFloat32, {1, 1, 2, 2}}}, b2),
             StatusCode::kInvalidArgument, {"not divisible"});
  checkError(runNode("SpaceToDepth", {s}, {{DType::kFloat32, {1, 8, 1, 1}}}),
             StatusCode::kInvalidArgument,
             {"missing required attribute 'blocksize'"});
}

TEST_CASE("Trilu", "[kernels][layout]") {
  Tensor x = makeF32({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  checkClose(runOk("Trilu", {x}, {DType::kFloat32, {3, 3}}),
             {1, 2, 3, 0, 5, 6, 0, 0, 9});
  checkClose(runOk("Trilu", {x, makeI64({}, {1})}, {DType::kFloat32, {3, 3}}),
             {0, 2, 3, 0, 0, 6, 0, 0, 0});
  checkClose(runOk("Trilu", {x, makeI64({}, {-1})}, {DType::kFloat32, {3, 3}},
                   makeAttrs({{"upper", Attribute::ofInt(0)}})),
             {0, 0, 0, 4, 0, 0, 7, 8, 0});
  checkError(
      runNode("Trilu", {makeF32({3}, {1, 2, 3})}, {{DType::kFloat32, {3}}}),
      StatusCode::kInvalidArgument, {"rank >= 2"});
}

TEST_CASE("ReverseSequence on either axis order", "[kernels][layout]") {
  // Time-major [4, 2]: batch 0 reverses all 4 steps, batch 1 its first 2.
  Tensor x = makeF32({4, 2}, {0, 1, 2, 3, 4, 5, 6, 7});
  checkClose(runOk("ReverseSequence", {x, makeI64({2}, {4, 2})},
                   {DType::kFloat32, {4, 2}}),
             {6, 3, 4, 1, 2, 5, 0, 7});
  AttributeMap batchMajor = makeAttrs({{"time_axis", Attribute::ofInt(1)},
                                       {"batch_axis", Attribute::ofInt(0)}});
  CHECK(valuesOf<int64_t>(
            runOk("ReverseSequence",
                  {makeI64({2, 3}, {1, 2, 3, 4, 5, 6}), makeI64({2}, {2, 3})},
                  {DType::kInt64, {2, 3}}, batchMajor)) ==
        std::vector<int64_t>{2, 1, 3, 6, 5, 4});
  checkError(runNode("ReverseSequence", {x, makeI64({2}, {5, 1})},
                     {{DType::kFloat32, {4, 2}}}),
             StatusCode::kInvalidArgument,
             {"ReverseSequence", "sequence length 5"});
}
