// Resize: modes, coordinate transforms, nearest rounding, cubic options.
#include "kernel_test_util.h"

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
AttributeMap
attrs(std::initializer_list<std::pair<std::string, std::string>> strings) {
  AttributeMap map;
  for (const auto &[name, value] : strings)
    map.set(name, Attribute::ofString(value));
  return map;
}
Tensor scales(std::vector<float> v) {
  const auto n = static_cast<int64_t>(v.size());
  return makeF32({n}, v);
}
Tensor sizes(std::vector<int64_t> v) {
  const auto n = static_cast<int64_t>(v.size());
  return makeI64({n}, v);
}
Tensor resize(const Tensor &x, const Tensor &scalesIn, const Tensor &sizesIn,
              const Shape &outShape, const AttributeMap &a) {
  return runOk("Resize", {x, Tensor(), scalesIn, sizesIn},
               {x.dtype(), outShape}, a);
}
} // namespace

TEST_CASE("Resize nearest rounding modes", "[kernels][resize]") {
  Tensor x = makeF32({2}, {1, 2});
  // half_pixel: x_original = -0.25, 0.25, 0.75, 1.25.
  checkClose(resize(x, scales({2}), Tensor(), {4}, {}), {1, 1, 2, 2});
  // asymmetric: x_original = 0, 0.5, 1, 1.5.
  auto asym = [&](const char *nearest) {
    return toDoubles(
        resize(x, scales({2}), Tensor(), {4},
               attrs({{"coordinate_transformation_mode", "asymmetric"},
                      {"nearest_mode", nearest}})));
  };
  checkClose(asym("round_prefer_floor"), {1, 1, 2, 2});
  checkClose(asym("round_prefer_ceil"), {1, 2, 2, 2});
  checkClose(asym("floor"), {1, 1, 2, 2});
  checkClose(asym("ceil"), {1, 2, 2, 2});
  // Downsampling by sizes on a 2-D input: rows 0, 2 and columns 0, 1, 3.
  Tensor x2 = makeF32({3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  checkClose(resize(x2, Tensor(), sizes({2, 3}), {2, 3}, {}),
             {1, 2, 4, 9, 10, 12});
  // Integer data is copied exactly.
  Tensor big = makeI64({1}, {(int64_t{1} << 62) + 1});
  CHECK(valuesOf<int64_t>(resize(big, scales({2}), Tensor(), {2}, {})) ==
        std::vector<int64_t>{(int64_t{1} << 62) + 1, (int64_t{1} << 62) + 1});
}

TEST_CASE("Resize output size from scales is floored in float",
          "[kernels][resize]") {
  // 10 * 0.7f is 7 in float (6.99999988 in double), as ONNX's shape
  // inference computes it.
  std::vector<float> ten(10, 1.0f);
  Tensor y = resize(makeF32({10}, ten), scales({0.7f}), Tensor(), {7}, {});
  CHECK(y.shape() == Shape{7});
}

TEST_CASE("Resize linear coordinate transforms", "[kernels][resize]") {
  Tensor x = makeF32({2}, {1, 2});
  AttributeMap linear = attrs({{"mode", "linear"}});
  // half_pixel clamps the taps left of 0 and right of 1 to the edge.
  checkClose(resize(x, scales({2}), Tensor(), {4}, linear), {1, 1.25, 1.75, 2});
  checkClose(
      resize(x, Tensor(), sizes({4}), {4},
             attrs({{"mode", "linear"},
                    {"coordinate_transformation_mode", "align_corners"}})),
      {1, 4.0 / 3, 5.0 / 3, 2});
  checkClose(resize(x, scales({2}), Tensor(), {4},
                    attrs({{"mode", "linear"},
                           {"coordinate_transformation_mode", "asymmetric"}})),
             {1, 1.5, 2, 2});
  // pytorch_half_pixel maps a length-1 output to 0.
  checkClose(
      resize(x, Tensor(), sizes({1}), {1},
             attrs({{"mode", "linear"},
                    {"coordinate_transformation_mode", "pytorch_half_pixel"}})),
      {1});
  // align_corners with scales uses the unfloored resized length (3 * 0.75 =
  // 2.25), as ONNX's reference does: x_original = 1 * 2 / 1.25 = 1.6.
  Tensor x3 = makeF32({3}, {0, 10, 20});
  checkClose(
      resize(x3, scales({0.75f}), Tensor(), {2},
             attrs({{"mode", "linear"},
                    {"coordinate_transformation_mode", "align_corners"}})),
      {0, 16});
}

TEST_CASE("Resize cubic with coefficient and exclude_outside",
          "[kernels][resize]") {
  Tensor x = makeF32({4}, {0, 1, 2, 3});
  // Output 2: x_original = 0.75; taps -1, 0, 1, 2 with Keys weights (a =
  // -0.75) -0.03515625, 0.26171875, 0.87890625, -0.10546875.
  Tensor y = resize(x, scales({2}), Tensor(), {8}, attrs({{"mode", "cubic"}}));
  CHECK(toDoubles(y)[2] == Approx(0.66796875));
  AttributeMap exclude = attrs({{"mode", "cubic"}});
  exclude.set("exclude_outside", Attribute::ofInt(1));
  y = resize(x, scales({2}), Tensor(), {8}, exclude);
  CHECK(toDoubles(y)[2] == Approx(0.66796875 / 1.03515625));
  // a = -0.5 interpolates linear data exactly inside the input.
  AttributeMap half = attrs({{"mode", "cubic"}});
  half.set("cubic_coeff_a", Attribute::ofFloat(-0.5f));
  y = resize(x, scales({2}), Tensor(), {8}, half);
  CHECK(toDoubles(y)[3] == Approx(1.25));
}

TEST_CASE("Resize tf_crop_and_resize extrapolates", "[kernels][resize]") {
  Tensor x = makeF32({4}, {0, 10, 20, 30});
  AttributeMap a =
      attrs({{"mode", "linear"},
             {"coordinate_transformation_mode", "tf_crop_and_resize"}});
  a.set("extrapolation_value", Attribute::ofFloat(99));
  // x_original = 1.5, 3, 4.5 (outside).
  checkClose(runOk("Resize",
                   {x, makeF32({2}, {0.5f, 1.5f}), Tensor(), sizes({3})},
                   {DType::kFloat32, {3}}, a),
             {15, 30, 99});
}

TEST_CASE("Resize errors", "[kernels][resize]") {
  Tensor x = makeF32({2}, {1, 2});
  checkError(runNode("Resize", {x, Tensor(), scales({2}), sizes({4})},
                     {{DType::kFloat32, {4}}}),
             StatusCode::kInvalidArgument,
             {"Resize", "exactly one of scales and sizes"});
  checkError(runNode("Resize", {x}, {{DType::kFloat32, {4}}}),
             StatusCode::kInvalidArgument, {"exactly one"});
  checkError(
      runNode("Resize", {x, Tensor(), scales({0})}, {{DType::kFloat32, {0}}}),
      StatusCode::kInvalidArgument, {"scales[0] must be positive"});
  checkError(runNode("Resize", {x, Tensor(), scales({2, 2})},
                     {{DType::kFloat32, {4}}}),
             StatusCode::kInvalidArgument, {"scales has 2 values"});
  checkError(runNode("Resize", {x, Tensor(), scales({2})},
                     {{DType::kFloat32, {4}}}, attrs({{"mode", "area"}})),
             StatusCode::kInvalidArgument, {"mode must be one of"});
  checkError(
      runNode("Resize", {x, Tensor(), scales({2})}, {{DType::kFloat32, {5}}}),
      StatusCode::kInternal, {"computed shape [4]"});
}
