// Ops that change only the shape, or produce shapes and constants:
// Reshape, Flatten, Squeeze, Unsqueeze, Shape, Size, ConstantOfShape,
// Dropout (inference).
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <cstring>

namespace nuri::cpu_ref {
namespace {

// Writes `shape` into output 0 with x's data unchanged.
Status copyWithShape(const KernelContext &ctx, const TensorView &x,
                     const Shape &shape) {
  NURI_ASSIGN_OR_RETURN(TensorView * y, prepareOutput(ctx, 0, shape, x.dtype));
  copyBytes(x, *y);
  return okStatus();
}

// Reshape-14: 0 copies the input dim (unless allowzero), -1 is inferred.
Status reshapeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *shapeIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(bool allowZero, boolAttr(ctx, "allowzero", false));
  if (shapeIn->rank() != 1)
    return ctx.error("shape must be 1-D, got shape ",
                     shapeToString(shapeIn->shape));
  NURI_ASSIGN_OR_RETURN(Shape shape, readInt64s(ctx, *shapeIn, "shape"));
  int64_t inferAt = -1, known = 1;
  bool hasZero = false;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (inferAt >= 0)
        return ctx.error("shape ", shapeToString(shape),
                         " has more than one -1");
      inferAt = static_cast<int64_t>(i);
      continue;
    }
    if (shape[i] < -1)
      return ctx.error("shape ", shapeToString(shape), " has invalid dim ",
                       shape[i]);
    if (shape[i] == 0 && !allowZero) {
      if (i >= x->shape.size())
        return ctx.error("shape ", shapeToString(shape), " copies dim ", i,
                         " that input ", shapeToString(x->shape),
                         " does not have");
      shape[i] = x->shape[i];
    } else if (shape[i] == 0) {
      hasZero = true;
    }
    known *= shape[i];
  }
  if (inferAt >= 0) {
    if (hasZero)
      return ctx.error("shape with allowzero=1 cannot have both 0 and -1");
    if (known == 0 || x->numElements() % known != 0)
      return ctx.error("cannot infer -1 in shape ", shapeToString(shape),
                       " for input ", shapeToString(x->shape));
    shape[inferAt] = x->numElements() / known;
  }
  if (numElements(shape) != x->numElements())
    return ctx.error("cannot reshape ", shapeToString(x->shape), " to ",
                     shapeToString(shape));
  return copyWithShape(ctx, *x, shape);
}

Status flattenKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t axis, intAttr(ctx, "axis", 1));
  const int64_t rank = x->rank();
  if (axis < -rank || axis > rank)
    return ctx.error("axis ", axis, " is out of range for rank ", rank);
  if (axis < 0)
    axis += rank;
  const auto a = static_cast<size_t>(axis);
  return copyWithShape(ctx, *x,
                       {productOfDims(x->shape, 0, a),
                        productOfDims(x->shape, a, x->shape.size())});
}

// Squeeze-13: axes is an optional input; without it every 1 goes.
Status squeezeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  std::vector<bool> drop(x->shape.size(), false);
  if (const TensorView *axesIn = ctx.input(1)) {
    NURI_ASSIGN_OR_RETURN(std::vector<int64_t> raw,
                          readInt64s(ctx, *axesIn, "axes"));
    NURI_ASSIGN_OR_RETURN(std::vector<int64_t> axes,
                          normalizeAxes(ctx, raw, x->rank()));
    for (int64_t a : axes) {
      if (x->shape[a] != 1)
        return ctx.error("cannot squeeze axis ", a, " of size ", x->shape[a],
                         " in shape ", shapeToString(x->shape));
      drop[a] = true;
    }
  } else {
    for (size_t i = 0; i < drop.size(); ++i)
      drop[i] = x->shape[i] == 1;
  }
  Shape shape;
  for (size_t i = 0; i < drop.size(); ++i)
    if (!drop[i])
      shape.push_back(x->shape[i]);
  return copyWithShape(ctx, *x, shape);
}

// Unsqueeze-13: axes (required input) index the output's dims.
Status unsqueezeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *axesIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> raw,
                        readInt64s(ctx, *axesIn, "axes"));
  const int64_t outRank = x->rank() + static_cast<int64_t>(raw.size());
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> axes,
                        normalizeAxes(ctx, raw, outRank));
  Shape shape(static_cast<size_t>(outRank), 1);
  size_t next = 0;
  for (int64_t i = 0; i < outRank; ++i)
    if (std::find(axes.begin(), axes.end(), i) == axes.end())
      shape[i] = x->shape[next++];
  return copyWithShape(ctx, *x, shape);
}

// Shape-15: dims [start, end) with negative and out-of-range values clamped.
Status shapeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  const int64_t rank = x->rank();
  NURI_ASSIGN_OR_RETURN(int64_t start, intAttr(ctx, "start", 0));
  NURI_ASSIGN_OR_RETURN(int64_t end, intAttr(ctx, "end", rank));
  auto clampDim = [rank](int64_t v) {
    return std::clamp<int64_t>(v < 0 ? v + rank : v, 0, rank);
  };
  start = clampDim(start);
  end = std::max(start, clampDim(end));
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, {end - start}, DType::kInt64));
  std::copy(x->shape.begin() + start, x->shape.begin() + end, y->as<int64_t>());
  return okStatus();
}

Status sizeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, {}, DType::kInt64));
  y->as<int64_t>()[0] = x->numElements();
  return okStatus();
}

// ConstantOfShape-9: the `value` attribute (one element, default float 0)
// repeated over the shape given as input.
Status constantOfShapeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *shapeIn, ctx.requireInput(0));
  if (shapeIn->rank() != 1)
    return ctx.error("input must be 1-D, got shape ",
                     shapeToString(shapeIn->shape));
  NURI_ASSIGN_OR_RETURN(Shape shape, readInt64s(ctx, *shapeIn, "shape"));
  for (int64_t d : shape)
    if (d < 0)
      return ctx.error("shape ", shapeToString(shape), " has a negative dim");
  Tensor value;
  if (hasAttr(ctx, "value")) {
    Result<Tensor> v = ctx.attrs->getTensor("value");
    if (!v.ok())
      return ctx.error(v.status().message());
    value = *v;
    if (value.numElements() != 1)
      return ctx.error("value must have one element, got shape ",
                       shapeToString(value.shape()));
  } else {
    NURI_ASSIGN_OR_RETURN(value, Tensor::allocate(DType::kFloat32, {1}));
  }
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, shape, value.dtype()));
  const size_t size = dtypeSize(value.dtype());
  if (size == 0)
    return ctx.unsupported("value dtype ", dtypeName(value.dtype()));
  auto *dst = static_cast<unsigned char *>(y->data);
  for (int64_t i = 0; i < y->numElements(); ++i)
    std::memcpy(dst + i * size, value.data(), size);
  return okStatus();
}

// Dropout-13 at inference: a copy, and an all-true mask. Training mode with
// a non-zero ratio would need random numbers, which a golden must not use.
Status dropoutKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  if (!isFloatingPoint(x->dtype))
    return ctx.unsupported("dtype ", dtypeName(x->dtype));
  bool training = false;
  if (const TensorView *t = ctx.input(2)) {
    NURI_RETURN_IF_ERROR(requireDType(ctx, *t, DType::kBool, "training_mode"));
    if (t->numElements() != 1)
      return ctx.error("training_mode must be a scalar");
    training = t->as<const bool>()[0];
  }
  double ratio = 0.5;
  if (const TensorView *r = ctx.input(1)) {
    NURI_ASSIGN_OR_RETURN(std::vector<double> v, readDoubles(ctx, *r, "ratio"));
    if (v.size() != 1)
      return ctx.error("ratio must be a scalar");
    ratio = v[0];
  }
  if (training && ratio != 0)
    return ctx.unsupported("training_mode=true with ratio ", ratio,
                           " (random dropout)");
  NURI_RETURN_IF_ERROR(copyWithShape(ctx, *x, x->shape));
  if (ctx.output(1)) {
    NURI_ASSIGN_OR_RETURN(TensorView * mask,
                          prepareOutput(ctx, 1, x->shape, DType::kBool));
    std::fill_n(mask->as<bool>(), mask->numElements(), true);
  }
  return okStatus();
}

} // namespace

void registerShapeKernels(KernelTable &table) {
  table.add("Reshape", reshapeKernel);
  table.add("Flatten", flattenKernel);
  table.add("Squeeze", squeezeKernel);
  table.add("Unsqueeze", unsqueezeKernel);
  table.add("Shape", shapeKernel);
  table.add("Size", sizeKernel);
  table.add("ConstantOfShape", constantOfShapeKernel);
  table.add("Dropout", dropoutKernel);
}

} // namespace nuri::cpu_ref
