// Object-detection ops: NonMaxSuppression-11 (whose output shape depends on
// the input values; see KernelContext::allocateOutput) and RoiAlign-16.
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// A box as its min/max corners.
struct Box {
  double y1, x1, y2, x2;
};

Box readBox(const float *b, bool centerPoint) {
  const double v0 = b[0], v1 = b[1], v2 = b[2], v3 = b[3];
  if (centerPoint) // [x_center, y_center, width, height]
    return {v1 - v3 / 2, v0 - v2 / 2, v1 + v3 / 2, v0 + v2 / 2};
  // [y1, x1, y2, x2], any diagonal pair of corners.
  return {std::min(v0, v2), std::min(v1, v3), std::max(v0, v2),
          std::max(v1, v3)};
}

double iou(const Box &a, const Box &b) {
  const double h = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
  const double w = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
  if (h <= 0 || w <= 0)
    return 0;
  const double inter = h * w;
  const double uni =
      (a.y2 - a.y1) * (a.x2 - a.x1) + (b.y2 - b.y1) * (b.x2 - b.x1) - inter;
  return uni > 0 ? inter / uni : 0;
}

// A scalar input given as a one-element tensor, or `fallback` when absent.
Result<double> optionalFloatScalar(const KernelContext &ctx, size_t index,
                                   const char *name, double fallback) {
  const TensorView *v = ctx.input(index);
  if (!v)
    return fallback;
  NURI_RETURN_IF_ERROR(requireDType(ctx, *v, DType::kFloat32, name));
  if (v->numElements() != 1)
    return ctx.error(name, " must have one element, got shape ",
                     shapeToString(v->shape));
  return static_cast<double>(v->as<const float>()[0]);
}

// Greedy per (batch, class): take the highest-scoring remaining box (the
// lower index on ties) whose score exceeds score_threshold and whose IoU
// with every box taken so far is at most iou_threshold, up to
// max_output_boxes_per_class boxes. Output rows are (batch, class, box).
Status nonMaxSuppressionKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *boxes, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *scores, ctx.requireInput(1));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *boxes, DType::kFloat32, "boxes"));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *scores, DType::kFloat32, "scores"));
  NURI_ASSIGN_OR_RETURN(int64_t centerPointBox,
                        intAttr(ctx, "center_point_box", 0));
  if (centerPointBox != 0 && centerPointBox != 1)
    return ctx.error("center_point_box must be 0 or 1, got ", centerPointBox);
  if (boxes->rank() != 3 || boxes->shape[2] != 4)
    return ctx.error("boxes must have shape [batches, boxes, 4], got ",
                     shapeToString(boxes->shape));
  const int64_t batches = boxes->shape[0], count = boxes->shape[1];
  if (scores->rank() != 3 || scores->shape[0] != batches ||
      scores->shape[2] != count)
    return ctx.error("scores shape ", shapeToString(scores->shape),
                     " does not match boxes ", shapeToString(boxes->shape),
                     " (expected [", batches, ", classes, ", count, "])");
  const int64_t classes = scores->shape[1];
  int64_t maxPerClass = 0;
  if (const TensorView *m = ctx.input(2)) {
    NURI_ASSIGN_OR_RETURN(
        maxPerClass, readScalarInt64(ctx, *m, "max_output_boxes_per_class"));
    maxPerClass = std::max<int64_t>(maxPerClass, 0);
  }
  NURI_ASSIGN_OR_RETURN(double iouThreshold,
                        optionalFloatScalar(ctx, 3, "iou_threshold", 0.0));
  NURI_ASSIGN_OR_RETURN(
      double scoreThreshold,
      optionalFloatScalar(ctx, 4, "score_threshold", -INFINITY));
  const bool hasScoreThreshold = ctx.input(4) != nullptr;

  std::vector<int64_t> selected; // (batch, class, box) triples
  const float *boxData = boxes->as<const float>();
  const float *scoreData = scores->as<const float>();
  for (int64_t b = 0; b < batches && maxPerClass > 0; ++b) {
    std::vector<Box> all(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i)
      all[i] = readBox(boxData + (b * count + i) * 4, centerPointBox == 1);
    for (int64_t c = 0; c < classes; ++c) {
      const float *s = scoreData + (b * classes + c) * count;
      std::vector<int64_t> order;
      for (int64_t i = 0; i < count; ++i)
        if (!hasScoreThreshold || static_cast<double>(s[i]) > scoreThreshold)
          order.push_back(i);
      std::stable_sort(order.begin(), order.end(),
                       [&](int64_t x, int64_t y) { return s[x] > s[y]; });
      std::vector<int64_t> kept;
      for (int64_t i : order) {
        if (static_cast<int64_t>(kept.size()) >= maxPerClass)
          break;
        bool suppressed = false;
        for (int64_t k : kept)
          suppressed = suppressed || iou(all[i], all[k]) > iouThreshold;
        if (!suppressed)
          kept.push_back(i);
      }
      for (int64_t k : kept)
        selected.insert(selected.end(), {b, c, k});
    }
  }
  const auto rows = static_cast<int64_t>(selected.size() / 3);
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, {rows, 3}, DType::kInt64));
  std::copy(selected.begin(), selected.end(), y->as<int64_t>());
  return okStatus();
}

// Bilinear sample of an [h, w] plane at (y, x) as RoiAlign takes it:
// points more than one pixel outside give 0, the rest clamp to the edge.
// Returns the four corner terms weight * value.
template <typename T>
std::array<double, 4> roiSample(const T *plane, int64_t h, int64_t w, double y,
                                double x) {
  if (y < -1.0 || y > static_cast<double>(h) || x < -1.0 ||
      x > static_cast<double>(w))
    return {0, 0, 0, 0};
  y = std::max(y, 0.0);
  x = std::max(x, 0.0);
  auto y0 = static_cast<int64_t>(y), x0 = static_cast<int64_t>(x);
  int64_t y1 = y0 + 1, x1 = x0 + 1;
  if (y0 >= h - 1) {
    y0 = y1 = h - 1;
    y = static_cast<double>(y0);
  }
  if (x0 >= w - 1) {
    x0 = x1 = w - 1;
    x = static_cast<double>(x0);
  }
  const double ly = y - static_cast<double>(y0),
               lx = x - static_cast<double>(x0);
  const double hy = 1 - ly, hx = 1 - lx;
  auto at = [&](int64_t r, int64_t c) {
    return static_cast<double>(load(plane[r * w + c]));
  };
  return {hy * hx * at(y0, x0), hy * lx * at(y0, x1), ly * hx * at(y1, x0),
          ly * lx * at(y1, x1)};
}

// RoiAlign: each output bin averages (avg) or maxes (max) a grid of
// bilinear samples. Max takes, per sample, the largest of the four weighted
// corner terms, as onnxruntime and ONNX's reference do.
Status roiAlignKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *rois, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(const TensorView *batchIndices, ctx.requireInput(2));
  NURI_ASSIGN_OR_RETURN(std::string mode, stringAttr(ctx, "mode", "avg"));
  if (mode != "avg" && mode != "max")
    return ctx.error("mode must be avg or max, got '", mode, "'");
  const bool average = mode == "avg";
  NURI_ASSIGN_OR_RETURN(
      std::string coord,
      stringAttr(ctx, "coordinate_transformation_mode", "half_pixel"));
  if (coord != "half_pixel" && coord != "output_half_pixel")
    return ctx.error("coordinate_transformation_mode must be half_pixel or "
                     "output_half_pixel, got '",
                     coord, "'");
  NURI_ASSIGN_OR_RETURN(int64_t outH, intAttr(ctx, "output_height", 1));
  NURI_ASSIGN_OR_RETURN(int64_t outW, intAttr(ctx, "output_width", 1));
  NURI_ASSIGN_OR_RETURN(int64_t ratio, intAttr(ctx, "sampling_ratio", 0));
  NURI_ASSIGN_OR_RETURN(float scale, floatAttr(ctx, "spatial_scale", 1.0f));
  if (outH < 1 || outW < 1 || ratio < 0)
    return ctx.error("output_height and output_width must be positive and "
                     "sampling_ratio non-negative");
  if (x->rank() != 4)
    return ctx.error("X must be 4-D (N, C, H, W), got shape ",
                     shapeToString(x->shape));
  const int64_t n = x->shape[0], c = x->shape[1], h = x->shape[2],
                w = x->shape[3];
  if (rois->rank() != 2 || rois->shape[1] != 4)
    return ctx.error("rois must have shape [num_rois, 4], got ",
                     shapeToString(rois->shape));
  const int64_t numRois = rois->shape[0];
  if (batchIndices->shape != Shape{numRois})
    return ctx.error("batch_indices must have shape [", numRois, "], got ",
                     shapeToString(batchIndices->shape));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *rois, x->dtype, "rois"));
  NURI_ASSIGN_OR_RETURN(std::vector<double> boxes,
                        readDoubles(ctx, *rois, "rois"));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> batch,
                        readInt64s(ctx, *batchIndices, "batch_indices"));
  const double offset = coord == "half_pixel" ? 0.5 : 0.0;
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(
        TensorView * y,
        prepareOutput(ctx, 0, {numRois, c, outH, outW}, x->dtype));
    T *out = y->as<T>();
    for (int64_t r = 0; r < numRois; ++r) {
      if (batch[r] < 0 || batch[r] >= n)
        return ctx.error("batch index ", batch[r], " of roi ", r,
                         " is outside [0, ", n, ")");
      const double *box = boxes.data() + r * 4;
      const double x0 = box[0] * scale - offset, y0 = box[1] * scale - offset;
      double roiW = box[2] * scale - offset - x0;
      double roiH = box[3] * scale - offset - y0;
      if (offset == 0) { // the legacy mode keeps RoIs at least 1x1
        roiW = std::max(roiW, 1.0);
        roiH = std::max(roiH, 1.0);
      }
      const double binH = roiH / static_cast<double>(outH);
      const double binW = roiW / static_cast<double>(outW);
      // Adaptive grids: ceil of the bin size (none for empty bins).
      auto adaptive = [](double bin) {
        return bin > 0 ? static_cast<int64_t>(std::ceil(std::min(bin, 1e6)))
                       : int64_t{0};
      };
      const int64_t gridH = ratio > 0 ? ratio : adaptive(binH);
      const int64_t gridW = ratio > 0 ? ratio : adaptive(binW);
      const double count =
          static_cast<double>(std::max<int64_t>(gridH * gridW, 1));
      for (int64_t ch = 0; ch < c; ++ch) {
        const T *plane = x->as<const T>() + (batch[r] * c + ch) * h * w;
        for (int64_t ph = 0; ph < outH; ++ph)
          for (int64_t pw = 0; pw < outW; ++pw) {
            double sum = 0, best = -INFINITY;
            for (int64_t iy = 0; iy < gridH; ++iy) {
              const double sy = y0 + static_cast<double>(ph) * binH +
                                (static_cast<double>(iy) + 0.5) * binH /
                                    static_cast<double>(gridH);
              for (int64_t ix = 0; ix < gridW; ++ix) {
                const double sx = x0 + static_cast<double>(pw) * binW +
                                  (static_cast<double>(ix) + 0.5) * binW /
                                      static_cast<double>(gridW);
                const auto t = roiSample(plane, h, w, sy, sx);
                sum += t[0] + t[1] + t[2] + t[3];
                best = std::max({best, t[0], t[1], t[2], t[3]});
              }
            }
            const double v = average             ? sum / count
                             : gridH * gridW > 0 ? best
                                                 : 0.0;
            out[((r * c + ch) * outH + ph) * outW + pw] = convertElement<T>(v);
          }
      }
    }
    return okStatus();
  });
}

} // namespace

void registerDetectionKernels(KernelTable &table) {
  table.addComputingOutputShapes("NonMaxSuppression", nonMaxSuppressionKernel);
  table.add("RoiAlign", roiAlignKernel);
}

} // namespace nuri::cpu_ref
