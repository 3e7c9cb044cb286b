// Losses: NegativeLogLikelihoodLoss-13 and SoftmaxCrossEntropyLoss-13.
// SoftmaxCrossEntropyLoss is NegativeLogLikelihoodLoss over LogSoftmax along
// the class axis (1). Both compute in double and round once at the end.
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <cmath>
#include <optional>

namespace nuri::cpu_ref {
namespace {

using namespace types;

enum class Reduction { kNone, kSum, kMean };

struct LossAttrs {
  Reduction reduction = Reduction::kMean;
  std::optional<int64_t> ignoreIndex;
};

Result<LossAttrs> readLossAttrs(const KernelContext &ctx) {
  LossAttrs a;
  NURI_ASSIGN_OR_RETURN(std::string r, stringAttr(ctx, "reduction", "mean"));
  if (r == "none")
    a.reduction = Reduction::kNone;
  else if (r == "sum")
    a.reduction = Reduction::kSum;
  else if (r != "mean")
    return ctx.error("reduction must be none, sum or mean, got '", r, "'");
  if (hasAttr(ctx, "ignore_index")) {
    NURI_ASSIGN_OR_RETURN(int64_t ii, intAttr(ctx, "ignore_index", 0));
    a.ignoreIndex = ii;
  }
  return a;
}

// The class-indexed inputs of a loss: input [N, C, D...] as [N, C, inner]
// and labels [N, D...] read as int64.
struct LossInputs {
  int64_t n = 0, classes = 0, inner = 1;
  std::vector<int64_t> labels;
  std::vector<double> weights; // empty: no weight input
  Shape labelShape;
};

Result<LossInputs> readLossInputs(const KernelContext &ctx,
                                  const TensorView &input, size_t labelIndex,
                                  size_t weightIndex, const char *labelName,
                                  const char *weightName) {
  NURI_RETURN_IF_ERROR(requireRank(ctx, input, 2, "input"));
  NURI_ASSIGN_OR_RETURN(const TensorView *labels, ctx.requireInput(labelIndex));
  if (labels->dtype != DType::kInt32 && labels->dtype != DType::kInt64)
    return ctx.unsupported(labelName, " dtype ", dtypeName(labels->dtype));
  LossInputs in;
  in.n = input.shape[0];
  in.classes = input.shape[1];
  in.inner = productOfDims(input.shape, 2, input.shape.size());
  in.labelShape = {input.shape[0]};
  in.labelShape.insert(in.labelShape.end(), input.shape.begin() + 2,
                       input.shape.end());
  if (labels->shape != in.labelShape)
    return ctx.error(labelName, " shape ", shapeToString(labels->shape),
                     " does not match the input's [N, D...] ",
                     shapeToString(in.labelShape));
  NURI_ASSIGN_OR_RETURN(in.labels, readInt64s(ctx, *labels, labelName));
  if (const TensorView *w = ctx.input(weightIndex)) {
    NURI_RETURN_IF_ERROR(requireDType(ctx, *w, input.dtype, weightName));
    if (w->shape != Shape{in.classes})
      return ctx.error(weightName, " must have shape [", in.classes, "], got ",
                       shapeToString(w->shape));
    NURI_ASSIGN_OR_RETURN(in.weights, readDoubles(ctx, *w, weightName));
  }
  return in;
}

// The negative log likelihood of `logProb` (laid out like the input, [N, C,
// inner]) reduced as `attrs` says: per-sample losses for kNone, else one
// value. Mean divides by the sum of the applied weights (the count of
// samples not ignored when there are no weights).
Result<std::vector<double>> nllLoss(const KernelContext &ctx,
                                    const LossInputs &in,
                                    const std::vector<double> &logProb,
                                    const LossAttrs &attrs) {
  std::vector<double> loss(static_cast<size_t>(in.n * in.inner), 0.0);
  double sum = 0, weightSum = 0;
  for (int64_t b = 0; b < in.n; ++b) {
    for (int64_t i = 0; i < in.inner; ++i) {
      const int64_t s = b * in.inner + i;
      const int64_t c = in.labels[s];
      if (attrs.ignoreIndex && c == *attrs.ignoreIndex)
        continue;
      if (c < 0 || c >= in.classes)
        return ctx.error("label ", c, " at sample ", s, " is outside [0, ",
                         in.classes, ")");
      const double w = in.weights.empty() ? 1.0 : in.weights[c];
      loss[s] = -logProb[(b * in.classes + c) * in.inner + i] * w;
      sum += loss[s];
      weightSum += w;
    }
  }
  if (attrs.reduction == Reduction::kNone)
    return loss;
  if (attrs.reduction == Reduction::kSum)
    return std::vector<double>{sum};
  return std::vector<double>{sum / weightSum};
}

template <typename T>
Status writeValues(const KernelContext &ctx, size_t index, const Shape &shape,
                   const std::vector<double> &values) {
  NURI_ASSIGN_OR_RETURN(TensorView * out,
                        prepareOutput(ctx, index, shape, kDTypeOf<T>));
  return writeDoubles(ctx, *out, values);
}

Shape lossShape(const LossInputs &in, const LossAttrs &attrs) {
  return attrs.reduction == Reduction::kNone ? in.labelShape : Shape{};
}

Status nllLossKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(LossAttrs attrs, readLossAttrs(ctx));
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(LossInputs in,
                          readLossInputs(ctx, *x, 1, 2, "target", "weight"));
    NURI_ASSIGN_OR_RETURN(std::vector<double> logProb,
                          readDoubles(ctx, *x, "input"));
    NURI_ASSIGN_OR_RETURN(std::vector<double> loss,
                          nllLoss(ctx, in, logProb, attrs));
    return writeValues<T>(ctx, 0, lossShape(in, attrs), loss);
  });
}

Status softmaxCrossEntropyKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *scores, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(LossAttrs attrs, readLossAttrs(ctx));
  return visitDType<kFloat>(ctx, scores->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(
        LossInputs in, readLossInputs(ctx, *scores, 1, 2, "labels", "weights"));
    NURI_ASSIGN_OR_RETURN(std::vector<double> logProb,
                          readDoubles(ctx, *scores, "scores"));
    // LogSoftmax over the class axis, in place.
    for (int64_t b = 0; b < in.n; ++b) {
      for (int64_t i = 0; i < in.inner; ++i) {
        double *v = logProb.data() + b * in.classes * in.inner + i;
        double max = -INFINITY;
        for (int64_t c = 0; c < in.classes; ++c)
          max = std::max(max, v[c * in.inner]);
        double sum = 0;
        for (int64_t c = 0; c < in.classes; ++c)
          sum += std::exp(v[c * in.inner] - max);
        const double logSum = max + std::log(sum);
        for (int64_t c = 0; c < in.classes; ++c)
          v[c * in.inner] -= logSum;
      }
    }
    NURI_ASSIGN_OR_RETURN(std::vector<double> loss,
                          nllLoss(ctx, in, logProb, attrs));
    NURI_RETURN_IF_ERROR(writeValues<T>(ctx, 0, lossShape(in, attrs), loss));
    if (ctx.output(1))
      return writeValues<T>(ctx, 1, scores->shape, logProb);
    return okStatus();
  });
}

} // namespace

void registerLossKernels(KernelTable &table) {
  table.add("NegativeLogLikelihoodLoss", nllLossKernel);
  table.add("SoftmaxCrossEntropyLoss", softmaxCrossEntropyKernel);
}

} // namespace nuri::cpu_ref
