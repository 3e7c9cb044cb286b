// Conv, ConvTranspose and the pools: padding, strides, dilations, groups,
// auto_pad, ceil_mode, count_include_pad and MaxPool's Indices.
#include "kernel_test_util.h"

#include <limits>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// 1..9 as [1, 1, 3, 3].
Tensor grid3x3(DType dtype = DType::kFloat32) {
  return makeAs(dtype, {1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
}
AttributeMap
ints(std::initializer_list<std::pair<std::string, std::vector<int64_t>>> list) {
  AttributeMap map;
  for (const auto &[name, v] : list)
    map.set(name, Attribute::ofInts(v));
  return map;
}
} // namespace

TEST_CASE("Conv without padding, with bias", "[kernels][conv]") {
  Tensor w = makeF32({1, 1, 2, 2}, {1, 1, 1, 1});
  checkClose(runOk("Conv", {grid3x3(), w}, {DType::kFloat32, {1, 1, 2, 2}}),
             {12, 16, 24, 28});
  checkClose(runOk("Conv", {grid3x3(), w, makeF32({1}, {1})},
                   {DType::kFloat32, {1, 1, 2, 2}}),
             {13, 17, 25, 29});
  // float16 computes in float and rounds once.
  checkClose(runOk("Conv",
                   {grid3x3(DType::kFloat16),
                    makeAs(DType::kFloat16, {1, 1, 2, 2}, {1, 1, 1, 1})},
                   {DType::kFloat16, {1, 1, 2, 2}}),
             {12, 16, 24, 28});
}

TEST_CASE("Conv with pads and strides", "[kernels][conv]") {
  Tensor w = makeF32({1, 1, 3, 3}, std::vector<float>(9, 1));
  AttributeMap pads = ints({{"pads", {1, 1, 1, 1}}});
  checkClose(
      runOk("Conv", {grid3x3(), w}, {DType::kFloat32, {1, 1, 3, 3}}, pads),
      {12, 21, 16, 27, 45, 33, 24, 39, 28});
  AttributeMap strided = ints({{"pads", {1, 1, 1, 1}}, {"strides", {2, 2}}});
  checkClose(
      runOk("Conv", {grid3x3(), w}, {DType::kFloat32, {1, 1, 2, 2}}, strided),
      {12, 16, 24, 28});
  // Asymmetric pads: only the bottom/right.
  AttributeMap asym = ints({{"pads", {0, 0, 1, 1}}});
  Tensor w2 = makeF32({1, 1, 2, 2}, {1, 1, 1, 1});
  checkClose(
      runOk("Conv", {grid3x3(), w2}, {DType::kFloat32, {1, 1, 3, 3}}, asym),
      {12, 16, 9, 24, 28, 15, 15, 17, 9});
}

TEST_CASE("Conv 1-D dilations, auto_pad and 3-D", "[kernels][conv]") {
  Tensor x = makeF32({1, 1, 5}, {1, 2, 3, 4, 5});
  checkClose(runOk("Conv", {x, makeF32({1, 1, 2}, {1, 10})},
                   {DType::kFloat32, {1, 1, 3}}, ints({{"dilations", {2}}})),
             {31, 42, 53});
  Tensor x4 = makeF32({1, 1, 4}, {1, 2, 3, 4});
  Tensor w2 = makeF32({1, 1, 2}, {1, 1});
  AttributeMap upper =
      makeAttrs({{"auto_pad", Attribute::ofString("SAME_UPPER")}});
  AttributeMap lower =
      makeAttrs({{"auto_pad", Attribute::ofString("SAME_LOWER")}});
  checkClose(runOk("Conv", {x4, w2}, {DType::kFloat32, {1, 1, 4}}, upper),
             {3, 5, 7, 4});
  checkClose(runOk("Conv", {x4, w2}, {DType::kFloat32, {1, 1, 4}}, lower),
             {1, 3, 5, 7});
  AttributeMap valid = makeAttrs({{"auto_pad", Attribute::ofString("VALID")},
                                  {"strides", Attribute::ofInts({2})}});
  checkClose(runOk("Conv", {x, w2}, {DType::kFloat32, {1, 1, 2}}, valid),
             {3, 7});
  // SAME_UPPER with stride 2: out = ceil(5 / 2) = 3, total pad 1 at the end.
  AttributeMap same2 =
      makeAttrs({{"auto_pad", Attribute::ofString("SAME_UPPER")},
                 {"strides", Attribute::ofInts({2})}});
  checkClose(runOk("Conv", {x, w2}, {DType::kFloat32, {1, 1, 3}}, same2),
             {3, 7, 5});
  Tensor x3 = makeF32({1, 1, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  checkClose(runOk("Conv",
                   {x3, makeF32({1, 1, 2, 2, 2}, std::vector<float>(8, 1))},
                   {DType::kFloat32, {1, 1, 1, 1, 1}}),
             {36});
}

TEST_CASE("Conv channels and groups", "[kernels][conv]") {
  Tensor x = makeF32({1, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  // Two input channels summed.
  checkClose(runOk("Conv", {x, makeF32({1, 2, 1, 1}, {1, 1})},
                   {DType::kFloat32, {1, 1, 2, 2}}),
             {6, 8, 10, 12});
  // Depthwise: group = channels.
  AttributeMap dw = makeAttrs({{"group", Attribute::ofInt(2)}});
  checkClose(runOk("Conv", {x, makeF32({2, 1, 1, 1}, {2, 3})},
                   {DType::kFloat32, {1, 2, 2, 2}}, dw),
             {2, 4, 6, 8, 15, 18, 21, 24});
  // Two groups of two output channels each; batch of 2.
  Tensor xb = makeF32({2, 2, 1, 1}, {1, 2, 3, 4});
  checkClose(runOk("Conv",
                   {xb, makeF32({4, 1, 1, 1}, {1, 2, 3, 4}),
                    makeF32({4}, {0, 0, 0, 100})},
                   {DType::kFloat32, {2, 4, 1, 1}}, dw),
             {1, 2, 6, 108, 3, 6, 12, 116});
}

TEST_CASE("Conv errors", "[kernels][conv]") {
  Tensor x = grid3x3();
  Tensor w = makeF32({1, 1, 2, 2}, {1, 1, 1, 1});
  const OutSpec out{DType::kFloat32, {1, 1, 2, 2}};
  checkError(runNode("Conv", {x, makeF32({1, 2, 2}, {1, 1, 1, 1})}, {out}),
             StatusCode::kInvalidArgument,
             {"Conv", "W must have the rank of X"});
  checkError(runNode("Conv", {x, makeF32({1, 2, 1, 1}, {1, 1})}, {out}),
             StatusCode::kInvalidArgument, {"do not fit group 1"});
  checkError(runNode("Conv", {x, w}, {out}, ints({{"kernel_shape", {3, 3}}})),
             StatusCode::kInvalidArgument, {"does not match the weight"});
  checkError(runNode("Conv", {x, w}, {out},
                     makeAttrs({{"auto_pad", Attribute::ofString("SAME")}})),
             StatusCode::kInvalidArgument, {"unknown auto_pad 'SAME'"});
  checkError(runNode("Conv", {x, w}, {out}, ints({{"pads", {1, 1}}})),
             StatusCode::kInvalidArgument, {"'pads' has 2 values, expected 4"});
  checkError(runNode("Conv", {x, w}, {out}, ints({{"strides", {0, 1}}})),
             StatusCode::kInvalidArgument, {"'strides' must be positive"});
  checkError(runNode("Conv", {x, w, makeF32({2}, {1, 2})}, {out}),
             StatusCode::kInvalidArgument, {"B must have shape [1]"});
  checkError(runNode("Conv",
                     {x, makeF32({1, 1, 4, 4}, std::vector<float>(16, 1))},
                     {out}),
             StatusCode::kInvalidArgument, {"does not fit input size 3"});
  checkError(runNode("Conv", {makeF32({3}, {1, 2, 3}), w}, {out}),
             StatusCode::kInvalidArgument, {"X must have rank >= 3"});
  checkError(runNode("Conv",
                     {makeTensor<int32_t>({1, 1, 1, 1}, {1}),
                      makeTensor<int32_t>({1, 1, 1, 1}, {1})},
                     {{DType::kInt32, {1, 1, 1, 1}}}),
             StatusCode::kUnimplemented, {"dtype int32"});
  checkError(runNode("Conv", {x, w}, {{DType::kFloat32, {1, 1, 3, 3}}}),
             StatusCode::kInternal, {"computed shape [1, 1, 2, 2]"});
}

TEST_CASE("ConvTranspose strides, pads, output_padding, groups",
          "[kernels][conv]") {
  Tensor x = makeF32({1, 1, 2}, {1, 2});
  Tensor w = makeF32({1, 1, 3}, {1, 1, 1});
  checkClose(runOk("ConvTranspose", {x, w}, {DType::kFloat32, {1, 1, 4}}),
             {1, 3, 3, 2});
  AttributeMap s2 = ints({{"strides", {2}}});
  checkClose(runOk("ConvTranspose", {x, w}, {DType::kFloat32, {1, 1, 5}}, s2),
             {1, 1, 3, 2, 2});
  checkClose(runOk("ConvTranspose", {x, w}, {DType::kFloat32, {1, 1, 3}},
                   ints({{"strides", {2}}, {"pads", {1, 1}}})),
             {1, 3, 2});
  checkClose(runOk("ConvTranspose", {x, w}, {DType::kFloat32, {1, 1, 6}},
                   ints({{"strides", {2}}, {"output_padding", {1}}})),
             {1, 1, 3, 2, 2, 0});
  // output_shape larger than the natural size pads at the end.
  checkClose(runOk("ConvTranspose", {x, w}, {DType::kFloat32, {1, 1, 6}},
                   ints({{"strides", {2}}, {"output_shape", {6}}})),
             {1, 1, 3, 2, 2, 0});
  // Groups: W is [C, M / group, k].
  Tensor xg = makeF32({1, 2, 1}, {1, 2});
  Tensor wg = makeF32({2, 1, 2}, {1, 1, 10, 10});
  checkClose(runOk("ConvTranspose", {xg, wg, makeF32({2}, {0, 1})},
                   {DType::kFloat32, {1, 2, 2}},
                   makeAttrs({{"group", Attribute::ofInt(2)}})),
             {1, 1, 21, 21});
  checkError(runNode("ConvTranspose",
                     {x, makeF32({2, 1, 3}, {1, 1, 1, 1, 1, 1})},
                     {{DType::kFloat32, {1, 1, 4}}}),
             StatusCode::kInvalidArgument, {"ConvTranspose", "group 1"});
}

TEST_CASE("MaxPool values and Indices", "[kernels][pool]") {
  AttributeMap k2 = ints({{"kernel_shape", {2, 2}}});
  RunResult r = runNode(
      "MaxPool", {grid3x3()},
      {{DType::kFloat32, {1, 1, 2, 2}}, {DType::kInt64, {1, 1, 2, 2}}}, k2);
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {5, 6, 8, 9});
  CHECK(valuesOf<int64_t>(r.out(1)) == std::vector<int64_t>{4, 5, 7, 8});
  // Column-major indices with storage_order = 1.
  k2.set("storage_order", Attribute::ofInt(1));
  r = runNode("MaxPool", {grid3x3()},
              {{DType::kFloat32, {1, 1, 2, 2}}, {DType::kInt64, {1, 1, 2, 2}}},
              k2);
  REQUIRE(r.status.ok());
  CHECK(valuesOf<int64_t>(r.out(1)) == std::vector<int64_t>{4, 7, 5, 8});
  // Padding is never selected; indices ignore it and include the batch.
  Tensor two = makeF32({2, 1, 3, 3},
                       {1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1});
  r = runNode("MaxPool", {two},
              {{DType::kFloat32, {2, 1, 2, 2}}, {DType::kInt64, {2, 1, 2, 2}}},
              ints({{"kernel_shape", {2, 2}},
                    {"pads", {1, 1, 1, 1}},
                    {"strides", {2, 2}}}));
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {1, 3, 7, 9, 9, 8, 6, 5});
  CHECK(valuesOf<int64_t>(r.out(1)) ==
        std::vector<int64_t>{0, 2, 6, 8, 9, 10, 12, 13});
}

TEST_CASE("MaxPool ceil_mode, dilations, NaN and integers", "[kernels][pool]") {
  Tensor x = makeF32({1, 1, 5}, {1, 2, 3, 4, 5});
  AttributeMap a = ints({{"kernel_shape", {2}}, {"strides", {2}}});
  checkClose(runOk("MaxPool", {x}, {DType::kFloat32, {1, 1, 2}}, a), {2, 4});
  a.set("ceil_mode", Attribute::ofInt(1));
  checkClose(runOk("MaxPool", {x}, {DType::kFloat32, {1, 1, 3}}, a), {2, 4, 5});
  // With ceil_mode a window starting in the end padding is dropped.
  AttributeMap padded =
      ints({{"kernel_shape", {2}}, {"strides", {2}}, {"pads", {0, 2}}});
  padded.set("ceil_mode", Attribute::ofInt(1));
  checkClose(runOk("MaxPool", {makeF32({1, 1, 3}, {1, 2, 3})},
                   {DType::kFloat32, {1, 1, 2}}, padded),
             {2, 3});
  checkClose(runOk("MaxPool", {makeF32({1, 1, 5}, {1, 5, 2, 4, 3})},
                   {DType::kFloat32, {1, 1, 3}},
                   ints({{"kernel_shape", {2}}, {"dilations", {2}}})),
             {2, 5, 3});
  checkClose(runOk("MaxPool", {makeF32({1, 1, 3}, {1, NAN, 3})},
                   {DType::kFloat32, {1, 1, 2}}, ints({{"kernel_shape", {2}}})),
             {kNaN, kNaN});
  CHECK(valuesOf<uint8_t>(
            runOk("MaxPool", {makeTensor<uint8_t>({1, 1, 3}, {7, 200, 3})},
                  {DType::kUInt8, {1, 1, 2}}, ints({{"kernel_shape", {2}}}))) ==
        std::vector<uint8_t>{200, 200});
  checkError(runNode("MaxPool", {x}, {{DType::kFloat32, {1, 1, 2}}}),
             StatusCode::kInvalidArgument,
             {"MaxPool", "missing required attribute 'kernel_shape'"});
  AttributeMap badOrder = ints({{"kernel_shape", {2}}});
  badOrder.set("storage_order", Attribute::ofInt(2));
  checkError(runNode("MaxPool", {x}, {{DType::kFloat32, {1, 1, 4}}}, badOrder),
             StatusCode::kInvalidArgument, {"storage_order"});
  checkError(runNode("MaxPool", {makeTensor<int32_t>({1, 1, 2}, {1, 2})},
                     {{DType::kInt32, {1, 1, 1}}},
                     ints({{"kernel_shape", {2}}})),
             StatusCode::kUnimplemented, {"dtype int32"});
}

TEST_CASE("AveragePool count_include_pad and ceil_mode", "[kernels][pool]") {
  checkClose(runOk("AveragePool", {grid3x3()}, {DType::kFloat32, {1, 1, 2, 2}},
                   ints({{"kernel_shape", {2, 2}}})),
             {3, 4, 6, 7});
  AttributeMap padded = ints(
      {{"kernel_shape", {2, 2}}, {"pads", {1, 1, 1, 1}}, {"strides", {2, 2}}});
  checkClose(runOk("AveragePool", {grid3x3()}, {DType::kFloat32, {1, 1, 2, 2}},
                   padded),
             {1, 2.5, 5.5, 7});
  padded.set("count_include_pad", Attribute::ofInt(1));
  checkClose(runOk("AveragePool", {grid3x3()}, {DType::kFloat32, {1, 1, 2, 2}},
                   padded),
             {0.25, 1.25, 2.75, 7});
  // ceil_mode: the last window is cut at the padded end, and with
  // count_include_pad only taps inside the padded extent count.
  AttributeMap ceil =
      ints({{"kernel_shape", {2}}, {"strides", {2}}, {"pads", {0, 1}}});
  ceil.set("ceil_mode", Attribute::ofInt(1));
  ceil.set("count_include_pad", Attribute::ofInt(1));
  checkClose(runOk("AveragePool", {makeF32({1, 1, 5}, {1, 2, 3, 4, 5})},
                   {DType::kFloat32, {1, 1, 3}}, ceil),
             {1.5, 3.5, 2.5});
  // Here the third window would start in the end padding: dropped.
  checkClose(runOk("AveragePool", {makeF32({1, 1, 4}, {1, 2, 3, 4})},
                   {DType::kFloat32, {1, 1, 2}}, ceil),
             {1.5, 3.5});
  checkClose(
      runOk("AveragePool", {makeF32({1, 1, 5}, {1, 2, 3, 4, 5})},
            {DType::kFloat32, {1, 1, 3}},
            [] {
              AttributeMap m = ints({{"kernel_shape", {2}}, {"strides", {2}}});
              m.set("ceil_mode", Attribute::ofInt(1));
              m.set("count_include_pad", Attribute::ofInt(1));
              return m;
            }()),
      {1.5, 3.5, 5});
  // SAME_UPPER excludes the computed padding by default.
  checkClose(runOk("AveragePool", {makeF32({1, 1, 4}, {1, 2, 3, 4})},
                   {DType::kFloat32, {1, 1, 4}},
                   [] {
                     AttributeMap m = ints({{"kernel_shape", {2}}});
                     m.set("auto_pad", Attribute::ofString("SAME_UPPER"));
                     return m;
                   }()),
             {1.5, 2.5, 3.5, 4});
  checkError(runNode("AveragePool", {makeF32({2, 2}, {1, 2, 3, 4})},
                     {{DType::kFloat32, {2, 2}}},
                     ints({{"kernel_shape", {2}}})),
             StatusCode::kInvalidArgument, {"X must have rank >= 3"});
}

TEST_CASE("global pools", "[kernels][pool]") {
  Tensor x = makeF32({1, 2, 2, 2}, {1, 2, 3, 4, -1, -5, -3, -2});
  checkClose(runOk("GlobalAveragePool", {x}, {DType::kFloat32, {1, 2, 1, 1}}),
             {2.5, -2.75});
  checkClose(runOk("GlobalMaxPool", {x}, {DType::kFloat32, {1, 2, 1, 1}}),
             {4, -1});
  checkClose(runOk("GlobalAveragePool",
                   {makeAs(DType::kFloat64, {1, 1, 3}, {1, 2, 4})},
                   {DType::kFloat64, {1, 1, 1}}),
             {7.0 / 3});
  checkError(runNode("GlobalMaxPool", {x}, {{DType::kFloat32, {1, 2}}}),
             StatusCode::kInternal, {"computed shape [1, 2, 1, 1]"});
}

TEST_CASE("LpPool and GlobalLpPool", "[kernels][pool]") {
  Tensor x = makeF32({1, 1, 2, 2}, {3, 4, 0, 0});
  AttributeMap row = makeAttrs({{"kernel_shape", Attribute::ofInts({1, 2})}});
  checkClose(runOk("LpPool", {x}, {DType::kFloat32, {1, 1, 2, 1}}, row),
             {5, 0});
  row.set("p", Attribute::ofInt(1));
  checkClose(runOk("LpPool", {x}, {DType::kFloat32, {1, 1, 2, 1}}, row),
             {7, 0});
  // Padding adds nothing.
  AttributeMap padded = makeAttrs({{"kernel_shape", Attribute::ofInts({2, 2})},
                                   {"pads", Attribute::ofInts({1, 1, 0, 0})}});
  checkClose(runOk("LpPool", {x}, {DType::kFloat32, {1, 1, 2, 2}}, padded),
             {3, 5, 3, 5});
  checkClose(runOk("GlobalLpPool", {x}, {DType::kFloat32, {1, 1, 1, 1}}), {5});
  checkClose(runOk("GlobalLpPool", {x}, {DType::kFloat32, {1, 1, 1, 1}},
                   makeAttrs({{"p", Attribute::ofInt(3)}})),
             {std::cbrt(91.0)});
}

TEST_CASE("MaxUnpool with and without output_shape", "[kernels][pool]") {
  Tensor x = makeF32({1, 1, 2, 2}, {1, 2, 3, 4});
  Tensor i = makeI64({1, 1, 2, 2}, {5, 7, 13, 15});
  AttributeMap a = makeAttrs({{"kernel_shape", Attribute::ofInts({2, 2})},
                              {"strides", Attribute::ofInts({2, 2})}});
  std::vector<double> y4(16, 0.0), y5(25, 0.0);
  y4[5] = 1, y4[7] = 2, y4[13] = 3, y4[15] = 4;
  checkClose(runOk("MaxUnpool", {x, i}, {DType::kFloat32, {1, 1, 4, 4}}, a),
             y4);
  // A larger output_shape pads the 4x4 result at the end: the indices keep
  // their coordinates.
  y5[6] = 1, y5[8] = 2, y5[16] = 3, y5[18] = 4;
  checkClose(runOk("MaxUnpool", {x, i, makeI64({4}, {1, 1, 5, 5})},
                   {DType::kFloat32, {1, 1, 5, 5}}, a),
             y5);
  checkError(runNode("MaxUnpool", {x, makeI64({1, 1, 2, 2}, {5, 7, 13, 16})},
                     {{DType::kFloat32, {1, 1, 4, 4}}}, a),
             StatusCode::kInvalidArgument, {"MaxUnpool", "index 16"});
}
