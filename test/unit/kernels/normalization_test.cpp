// BatchNormalization, InstanceNormalization, LayerNormalization, LRN.
#include "kernel_test_util.h"

#include <cmath>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
AttributeMap noEpsilon() {
  return makeAttrs({{"epsilon", Attribute::ofFloat(0.0f)}});
}
} // namespace

TEST_CASE("BatchNormalization in inference mode", "[kernels][norm]") {
  Tensor x = makeF32({1, 2, 1, 2}, {1, 2, 3, 4});
  Tensor scale = makeF32({2}, {1, 2});
  Tensor bias = makeF32({2}, {0, 1});
  Tensor mean = makeF32({2}, {1, 3});
  Tensor var = makeF32({2}, {4, 1});
  checkClose(runOk("BatchNormalization", {x, scale, bias, mean, var},
                   {DType::kFloat32, {1, 2, 1, 2}}, noEpsilon()),
             {0, 0.5, 1, 3});
  // The default epsilon (1e-5) is used when absent.
  checkClose(
      runOk("BatchNormalization", {x, scale, bias, mean, var},
            {DType::kFloat32, {1, 2, 1, 2}}),
      {0, 0.5 / std::sqrt(1 + 1e-5 / 4), 1, 1 + 2 / std::sqrt(1 + 1e-5)});
  // Rank 2 (N, C) and parameters of another float dtype.
  checkClose(runOk("BatchNormalization",
                   {makeAs(DType::kFloat16, {1, 2}, {3, 5}),
                    makeAs(DType::kFloat32, {2}, {1, 1}),
                    makeAs(DType::kFloat32, {2}, {0, 0}),
                    makeAs(DType::kFloat32, {2}, {1, 1}),
                    makeAs(DType::kFloat32, {2}, {1, 4})},
                   {DType::kFloat16, {1, 2}}, noEpsilon()),
             {2, 2});
  checkError(runNode("BatchNormalization", {x, scale, bias, mean, var},
                     {{DType::kFloat32, {1, 2, 1, 2}}},
                     makeAttrs({{"training_mode", Attribute::ofInt(1)}})),
             StatusCode::kUnimplemented,
             {"BatchNormalization", "training_mode=1"});
  checkError(runNode("BatchNormalization",
                     {x, makeF32({3}, {1, 1, 1}), bias, mean, var},
                     {{DType::kFloat32, {1, 2, 1, 2}}}),
             StatusCode::kInvalidArgument, {"scale must have shape [2]"});
  checkError(runNode("BatchNormalization", {x, scale, bias, mean},
                     {{DType::kFloat32, {1, 2, 1, 2}}}),
             StatusCode::kInvalidArgument, {"missing required input 4"});
  checkError(runNode("BatchNormalization", {x, scale, bias, mean, var},
                     {{DType::kFloat32, {1, 2, 1, 2}}, {DType::kFloat32, {2}}}),
             StatusCode::kInvalidArgument, {"need training_mode=1"});
}

TEST_CASE("InstanceNormalization", "[kernels][norm]") {
  Tensor x = makeF32({1, 2, 2, 2}, {1, 2, 3, 4, 0, 0, 2, 2});
  const double s = 2 / std::sqrt(1.25);
  checkClose(
      runOk("InstanceNormalization",
            {x, makeF32({2}, {2, 1}), makeF32({2}, {1, 0})},
            {DType::kFloat32, {1, 2, 2, 2}}, noEpsilon()),
      {1 - 1.5 * s, 1 - 0.5 * s, 1 + 0.5 * s, 1 + 1.5 * s, -1, -1, 1, 1});
  checkError(runNode("InstanceNormalization",
                     {x, makeF32({1}, {1}), makeF32({2}, {1, 0})},
                     {{DType::kFloat32, {1, 2, 2, 2}}}),
             StatusCode::kInvalidArgument, {"scale must have shape [2]"});
}

TEST_CASE("LayerNormalization axes, scale/bias and statistics",
          "[kernels][norm]") {
  Tensor x = makeF32({2, 2}, {1, 3, 2, 6});
  Tensor scale = makeF32({2}, {2, 3});
  Tensor bias = makeF32({2}, {1, 1});
  AttributeMap attrs = noEpsilon();
  RunResult r = runNode("LayerNormalization", {x, scale, bias},
                        {{DType::kFloat32, {2, 2}},
                         {DType::kFloat32, {2, 1}},
                         {DType::kFloat32, {2, 1}}},
                        attrs);
  INFO(r.status.toString());
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {-1, 4, -1, 4});
  checkClose(r.out(1), {2, 4});
  checkClose(r.out(2), {1, 0.5});
  // No bias, only Y requested.
  checkClose(
      runOk("LayerNormalization", {x, scale}, {DType::kFloat32, {2, 2}}, attrs),
      {-2, 3, -2, 3});
  // axis 0 (also as -2): all four elements; mean 3, variance 3.5.
  const double inv = 1 / std::sqrt(3.5);
  Tensor ones = makeF32({2, 2}, {1, 1, 1, 1});
  for (int64_t axis : {0, -2}) {
    attrs.set("axis", Attribute::ofInt(axis));
    checkClose(runOk("LayerNormalization", {x, ones}, {DType::kFloat32, {2, 2}},
                     attrs),
               {-2 * inv, 0, -inv, 3 * inv});
  }
  // float16 input with float statistics (stash_type 1).
  attrs.set("axis", Attribute::ofInt(-1));
  r = runNode("LayerNormalization",
              {makeAs(DType::kFloat16, {1, 2}, {1, 3}),
               makeAs(DType::kFloat16, {2}, {1, 1})},
              {{DType::kFloat16, {1, 2}}, {DType::kFloat32, {1, 1}}}, attrs);
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {-1, 1});
  checkClose(r.out(1), {2});

  attrs.set("axis", Attribute::ofInt(2));
  checkError(runNode("LayerNormalization", {x, scale},
                     {{DType::kFloat32, {2, 2}}}, attrs),
             StatusCode::kInvalidArgument,
             {"LayerNormalization", "axis 2 is out of range for rank 2"});
  checkError(runNode("LayerNormalization", {x, makeF32({3}, {1, 1, 1})},
                     {{DType::kFloat32, {2, 2}}}),
             StatusCode::kInvalidArgument,
             {"Scale shape [3] does not broadcast"});
  checkError(runNode("LayerNormalization", {x, scale},
                     {{DType::kFloat32, {2, 2}}},
                     makeAttrs({{"stash_type", Attribute::ofInt(7)}})),
             StatusCode::kInvalidArgument, {"stash_type"});
  checkError(runNode("LayerNormalization", {x, scale},
                     {{DType::kFloat32, {2, 2}}, {DType::kFloat32, {2, 2}}}),
             StatusCode::kInternal, {"output 1 computed shape [2, 1]"});
}

TEST_CASE("LRN sums squares over neighbouring channels", "[kernels][norm]") {
  Tensor x = makeF32({1, 3, 1, 1}, {1, 2, 3});
  // alpha / size = 1, beta = 1, bias = 1: y = x / (1 + sum of squares).
  AttributeMap a = makeAttrs({{"size", Attribute::ofInt(3)},
                              {"alpha", Attribute::ofFloat(3)},
                              {"beta", Attribute::ofFloat(1)}});
  checkClose(runOk("LRN", {x}, {DType::kFloat32, {1, 3, 1, 1}}, a),
             {1.0 / 6, 2.0 / 15, 3.0 / 14});
  // An even size looks one channel further ahead than behind.
  a.set("size", Attribute::ofInt(2));
  a.set("alpha", Attribute::ofFloat(2));
  checkClose(runOk("LRN", {x}, {DType::kFloat32, {1, 3, 1, 1}}, a),
             {1.0 / 6, 2.0 / 14, 3.0 / 10});
  checkError(runNode("LRN", {x}, {{DType::kFloat32, {1, 3, 1, 1}}}),
             StatusCode::kInvalidArgument,
             {"missing required attribute 'size'"});
}

TEST_CASE("MeanVarianceNormalization", "[kernels][norm]") {
  // Default axes [0, 2, 3]: channel 0 holds 1 and 3 (mean 2, std 1);
  // channel 1 is constant and normalizes to 0.
  Tensor x = makeF32({1, 2, 1, 2}, {1, 3, 2, 2});
  checkClose(
      runOk("MeanVarianceNormalization", {x}, {DType::kFloat32, {1, 2, 1, 2}}),
      {-1, 1, 0, 0});
  // Over axis 1: pairs (1, 2) and (3, 2).
  checkClose(runOk("MeanVarianceNormalization", {x},
                   {DType::kFloat32, {1, 2, 1, 2}},
                   makeAttrs({{"axes", Attribute::ofInts({1})}})),
             {-1, 1, 1, -1});
}

TEST_CASE("LpNormalization", "[kernels][norm]") {
  Tensor x = makeF32({2, 2}, {3, 4, 0, 0});
  checkClose(runOk("LpNormalization", {x}, {DType::kFloat32, {2, 2}}),
             {0.6, 0.8, 0, 0});
  checkClose(runOk("LpNormalization", {x}, {DType::kFloat32, {2, 2}},
                   makeAttrs({{"p", Attribute::ofInt(1)},
                              {"axis", Attribute::ofInt(0)}})),
             {1, 1, 0, 0});
  checkError(runNode("LpNormalization", {x}, {{DType::kFloat32, {2, 2}}},
                     makeAttrs({{"p", Attribute::ofInt(3)}})),
             StatusCode::kInvalidArgument,
             {"LpNormalization", "p must be 1 or 2"});
}
