// NonMaxSuppression and RoiAlign.
#include "kernel_test_util.h"

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
// A = [0, 0, 1, 1], B = A shifted by 0.1 in x (IoU 0.9 / 1.1), C far away.
Tensor nmsBoxes() {
  return makeF32({1, 3, 4}, {0, 0, 1, 1, 0, 0.1f, 1, 1.1f, 0, 10, 1, 11});
}
Tensor nmsScores() { return makeF32({1, 1, 3}, {0.9f, 0.95f, 0.3f}); }
Tensor scalarF(float v) { return makeF32({1}, {v}); }

std::vector<int64_t> nms(const std::vector<Tensor> &inputs,
                         const AttributeMap &attrs = {}) {
  RunResult r =
      runNodeAllocating("NonMaxSuppression", inputs, {DType::kInt64}, attrs);
  INFO(r.status.toString());
  REQUIRE(r.status.ok());
  REQUIRE(r.out().shape().size() == 2);
  CHECK(r.out().shape()[1] == 3);
  return valuesOf<int64_t>(r.out());
}
} // namespace

TEST_CASE("NonMaxSuppression selects greedily per class",
          "[kernels][detection]") {
  Tensor max3 = makeI64({1}, {3});
  CHECK(nms({nmsBoxes(), nmsScores(), max3, scalarF(0.5f)}) ==
        std::vector<int64_t>{0, 0, 1, 0, 0, 2});
  CHECK(nms({nmsBoxes(), nmsScores(), max3, scalarF(0.9f)}) ==
        std::vector<int64_t>{0, 0, 1, 0, 0, 0, 0, 0, 2});
  CHECK(nms({nmsBoxes(), nmsScores(), max3, scalarF(0.5f), scalarF(0.5f)}) ==
        std::vector<int64_t>{0, 0, 1});
  CHECK(nms({nmsBoxes(), nmsScores(), makeI64({1}, {1})}) ==
        std::vector<int64_t>{0, 0, 1});
  // No max_output_boxes_per_class: nothing is selected.
  CHECK(nms({nmsBoxes(), nmsScores()}).empty());
  // Center-point boxes: [x_center, y_center, width, height].
  Tensor centers = makeF32(
      {1, 3, 4}, {0.5f, 0.5f, 1, 1, 0.6f, 0.5f, 1, 1, 10.5f, 0.5f, 1, 1});
  CHECK(nms({centers, nmsScores(), max3, scalarF(0.5f)},
            makeAttrs({{"center_point_box", Attribute::ofInt(1)}})) ==
        std::vector<int64_t>{0, 0, 1, 0, 0, 2});
  // A preallocated output works too.
  CHECK(valuesOf<int64_t>(runOk("NonMaxSuppression",
                                {nmsBoxes(), nmsScores(), max3, scalarF(0.5f)},
                                {DType::kInt64, {2, 3}})) ==
        std::vector<int64_t>{0, 0, 1, 0, 0, 2});
}

TEST_CASE("NonMaxSuppression errors", "[kernels][detection]") {
  checkError(runNode("NonMaxSuppression",
                     {nmsBoxes(), makeF32({1, 1, 2}, {1, 1})},
                     {{DType::kInt64, {0, 3}}}),
             StatusCode::kInvalidArgument,
             {"NonMaxSuppression", "scores shape [1, 1, 2]"});
  checkError(runNode("NonMaxSuppression",
                     {makeF32({1, 2}, {0, 0}), nmsScores()},
                     {{DType::kInt64, {0, 3}}}),
             StatusCode::kInvalidArgument, {"boxes must have shape"});
  checkError(runNode("NonMaxSuppression",
                     {nmsBoxes(), nmsScores(), makeI64({2}, {1, 1})},
                     {{DType::kInt64, {0, 3}}}),
             StatusCode::kInvalidArgument,
             {"max_output_boxes_per_class must have one element"});
}

TEST_CASE("RoiAlign average and max", "[kernels][detection]") {
  // X[r][c] = 4r + c is linear, so bilinear samples are exact.
  std::vector<float> ramp(16);
  for (size_t i = 0; i < ramp.size(); ++i)
    ramp[i] = static_cast<float>(i);
  Tensor x = makeF32({1, 1, 4, 4}, ramp);
  Tensor rois = makeF32({1, 4}, {0, 0, 3, 3});
  Tensor batch = makeI64({1}, {0});
  auto attrs = [](const char *mode, const char *coord, int64_t out,
                  int64_t ratio) {
    return makeAttrs(
        {{"mode", Attribute::ofString(mode)},
         {"coordinate_transformation_mode", Attribute::ofString(coord)},
         {"output_height", Attribute::ofInt(out)},
         {"output_width", Attribute::ofInt(out)},
         {"sampling_ratio", Attribute::ofInt(ratio)}});
  };
  // half_pixel: the RoI starts at -0.5 with size 3; one sample at (1, 1).
  checkClose(runOk("RoiAlign", {x, rois, batch},
                   {DType::kFloat32, {1, 1, 1, 1}},
                   attrs("avg", "half_pixel", 1, 1)),
             {5});
  // output_half_pixel: the sample is at (1.5, 1.5).
  checkClose(runOk("RoiAlign", {x, rois, batch},
                   {DType::kFloat32, {1, 1, 1, 1}},
                   attrs("avg", "output_half_pixel", 1, 1)),
             {7.5});
  // Max keeps the largest weighted corner term: 0.25 * 10.
  checkClose(runOk("RoiAlign", {x, rois, batch},
                   {DType::kFloat32, {1, 1, 1, 1}},
                   attrs("max", "output_half_pixel", 1, 1)),
             {2.5});
  // 2x2 bins of 1.5 with 2x2 samples: bin (0, 0) samples rows and columns
  // -0.125 (clamped to 0) and 0.625.
  Tensor y =
      runOk("RoiAlign", {x, rois, batch}, {DType::kFloat32, {1, 1, 2, 2}},
            attrs("avg", "half_pixel", 2, 2));
  CHECK(toDoubles(y)[0] == Approx(5 * 0.3125));
  checkError(runNode("RoiAlign", {x, rois, makeI64({1}, {1})},
                     {{DType::kFloat32, {1, 1, 1, 1}}}),
             StatusCode::kInvalidArgument, {"RoiAlign", "batch index 1"});
}
