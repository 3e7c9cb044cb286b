// GridSample on X = [[1, 2], [3, 4]]: sampling modes, padding modes and
// align_corners.
#include "kernel_test_util.h"

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
Tensor x2x2() { return makeF32({1, 1, 2, 2}, {1, 2, 3, 4}); }

// Samples X at the given (x, y) grid points.
std::vector<double> sample(const std::vector<float> &points,
                           const AttributeMap &attrs) {
  const auto count = static_cast<int64_t>(points.size() / 2);
  Tensor grid = makeF32({1, 1, count, 2}, points);
  return toDoubles(runOk("GridSample", {x2x2(), grid},
                         {DType::kFloat32, {1, 1, 1, count}}, attrs));
}

AttributeMap attrs(const char *mode, const char *padding, int alignCorners) {
  return makeAttrs({{"mode", Attribute::ofString(mode)},
                    {"padding_mode", Attribute::ofString(padding)},
                    {"align_corners", Attribute::ofInt(alignCorners)}});
}
} // namespace

TEST_CASE("GridSample bilinear with each padding mode",
          "[kernels][grid_sample]") {
  // The centre is 2.5 either way; (-1, -1) is pixel (0, 0) with
  // align_corners and its outer corner (-0.5, -0.5) without.
  checkClose(sample({0, 0, -1, -1, 1, -1}, attrs("bilinear", "zeros", 1)),
             {2.5, 1, 2});
  checkClose(sample({0, 0, -1, -1}, attrs("bilinear", "zeros", 0)),
             {2.5, 0.25});
  checkClose(sample({-1, -1}, attrs("bilinear", "border", 0)), {1});
  checkClose(sample({-1, -1}, attrs("bilinear", "reflection", 0)), {1});
  // align_corners reflection about 0 and 1: x = 1.5 reflects to 0.5, x = 2
  // (grid 3) to 0.
  checkClose(sample({2, -1, 3, -1}, attrs("bilinear", "reflection", 1)),
             {1.5, 1});
  checkClose(sample({10, 10}, attrs("bilinear", "border", 1)), {4});
  checkClose(sample({10, 10}, attrs("bilinear", "zeros", 1)), {0});
}

TEST_CASE("GridSample nearest and bicubic", "[kernels][grid_sample]") {
  // x = y = 0.5 rounds half to even (0); grid 0.5 maps to pixel 1.
  checkClose(sample({0, 0, 0.5f, 0.5f}, attrs("nearest", "zeros", 0)), {1, 4});
  // Centre of the 2x2 with align_corners: taps -1..2 with Keys weights
  // -0.09375, 0.59375, 0.59375, -0.09375.
  checkClose(sample({0, 0}, attrs("bicubic", "zeros", 1)),
             {0.59375 * (0.59375 * 3 + 0.59375 * 7)});
  checkClose(sample({0, 0}, attrs("bicubic", "border", 1)), {2.5});
}

TEST_CASE("GridSample errors", "[kernels][grid_sample]") {
  checkError(runNode("GridSample", {x2x2(), makeF32({1, 1, 1, 3}, {0, 0, 0})},
                     {{DType::kFloat32, {1, 1, 1, 1}}}),
             StatusCode::kInvalidArgument,
             {"GridSample", "grid must have shape [1, H_out, W_out, 2]"});
  checkError(runNode("GridSample", {x2x2(), makeF32({1, 1, 1, 2}, {0, 0})},
                     {{DType::kFloat32, {1, 1, 1, 1}}},
                     attrs("area", "zeros", 0)),
             StatusCode::kInvalidArgument, {"mode must be"});
  checkError(runNode("GridSample",
                     {makeF32({1, 2}, {1, 2}), makeF32({1, 1, 1, 2}, {0, 0})},
                     {{DType::kFloat32, {1, 1, 1, 1}}}),
             StatusCode::kUnimplemented, {"X must be 4-D"});
}
