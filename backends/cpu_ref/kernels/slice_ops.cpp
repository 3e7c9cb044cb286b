// Ops that cut or join tensors along axes: Concat, Split, Slice, Pad.
// All are dtype-agnostic.
#include "cpu_ref/kernels/index_map.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <cstring>

namespace nuri::cpu_ref {
namespace {

Status concatKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, requiredIntAttr(ctx, "axis"));
  if (ctx.numInputs() == 0)
    return ctx.error("needs at least one input");
  NURI_ASSIGN_OR_RETURN(const TensorView *first, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t axis,
                        normalizeAxis(ctx, axisAttr, first->rank()));
  Shape shape = first->shape;
  shape[axis] = 0;
  for (size_t k = 0; k < ctx.numInputs(); ++k) {
    NURI_ASSIGN_OR_RETURN(const TensorView *in, ctx.requireInput(k));
    NURI_RETURN_IF_ERROR(requireDType(ctx, *in, first->dtype, "every input"));
    bool fits = in->rank() == first->rank();
    for (int64_t d = 0; fits && d < first->rank(); ++d)
      fits = d == axis || in->shape[d] == first->shape[d];
    if (!fits)
      return ctx.error("input ", k, " has shape ", shapeToString(in->shape),
                       ", which does not fit input 0's ",
                       shapeToString(first->shape), " on axis ", axis);
    shape[axis] += in->shape[axis];
  }
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, shape, first->dtype));
  const size_t elem = dtypeSize(first->dtype);
  const AxisSplit out = splitAtAxis(shape, axis);
  auto *dst = static_cast<unsigned char *>(y->data);
  int64_t at = 0; // running offset along the axis
  for (size_t k = 0; k < ctx.numInputs(); ++k) {
    const TensorView *in = ctx.input(k);
    const int64_t block = in->shape[axis] * out.inner * elem;
    const auto *src = static_cast<const unsigned char *>(in->data);
    for (int64_t o = 0; o < out.outer; ++o)
      std::memcpy(dst + (o * out.size + at) * out.inner * elem, src + o * block,
                  block);
    at += in->shape[axis];
  }
  return okStatus();
}

// Split-13: sizes from the optional `split` input, else equal parts.
Status splitKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", 0));
  NURI_ASSIGN_OR_RETURN(int64_t axis, normalizeAxis(ctx, axisAttr, x->rank()));
  const auto parts = static_cast<int64_t>(ctx.numOutputs());
  if (parts == 0)
    return ctx.error("needs at least one output");
  const int64_t dim = x->shape[axis];
  std::vector<int64_t> sizes;
  if (const TensorView *splitIn = ctx.input(1)) {
    NURI_ASSIGN_OR_RETURN(sizes, readInt64s(ctx, *splitIn, "split"));
    int64_t total = 0;
    for (int64_t s : sizes) {
      if (s < 0)
        return ctx.error("split has a negative size ", s);
      total += s;
    }
    if (static_cast<int64_t>(sizes.size()) != parts || total != dim)
      return ctx.error("split ", shapeToString(sizes), " does not divide dim ",
                       dim, " into ", parts, " outputs");
  } else {
    if (dim % parts != 0)
      return ctx.error("dim ", dim, " does not split evenly into ", parts,
                       " outputs");
    sizes.assign(parts, dim / parts);
  }
  const size_t elem = dtypeSize(x->dtype);
  const AxisSplit in = splitAtAxis(x->shape, axis);
  const auto *src = static_cast<const unsigned char *>(x->data);
  int64_t at = 0;
  for (int64_t k = 0; k < parts; ++k) {
    Shape shape = x->shape;
    shape[axis] = sizes[k];
    if (ctx.output(k)) {
      NURI_ASSIGN_OR_RETURN(TensorView * y,
                            prepareOutput(ctx, k, shape, x->dtype));
      const int64_t block = sizes[k] * in.inner * elem;
      auto *dst = static_cast<unsigned char *>(y->data);
      for (int64_t o = 0; o < in.outer; ++o)
        std::memcpy(dst + o * block, src + (o * in.size + at) * in.inner * elem,
                    block);
    }
    at += sizes[k];
  }
  return okStatus();
}

// Reads an optional 1-D index input of `count` values (default `fill`).
Result<std::vector<int64_t>> optionalInts(const KernelContext &ctx,
                                          size_t index, const char *name,
                                          size_t count, int64_t fill) {
  const TensorView *v = ctx.input(index);
  if (!v)
    return std::vector<int64_t>(count, fill);
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> values, readInt64s(ctx, *v, name));
  if (values.size() != count)
    return ctx.error(name, " has ", values.size(), " values, starts has ",
                     count);
  return values;
}

// Slice-13: starts/ends (clamped), optional axes and steps (may be < 0).
Status sliceKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *startsIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(const TensorView *endsIn, ctx.requireInput(2));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> starts,
                        readInt64s(ctx, *startsIn, "starts"));
  const size_t count = starts.size();
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> ends,
                        readInt64s(ctx, *endsIn, "ends"));
  if (ends.size() != count)
    return ctx.error("ends has ", ends.size(), " values, starts has ", count);
  std::vector<int64_t> defaultAxes(count);
  for (size_t i = 0; i < count; ++i)
    defaultAxes[i] = static_cast<int64_t>(i);
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> rawAxes,
                        ctx.input(3)
                            ? optionalInts(ctx, 3, "axes", count, 0)
                            : Result<std::vector<int64_t>>(defaultAxes));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> axes,
                        normalizeAxes(ctx, rawAxes, x->rank()));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> steps,
                        optionalInts(ctx, 4, "steps", count, 1));
  const size_t rank = x->shape.size();
  std::vector<int64_t> start(rank, 0), step(rank, 1);
  Shape shape = x->shape;
  for (size_t i = 0; i < count; ++i) {
    const int64_t a = axes[i], dim = x->shape[a], s = steps[i];
    if (s == 0)
      return ctx.error("steps must be non-zero");
    step[a] = s;
    if (dim == 0) {
      shape[a] = 0;
      continue;
    }
    int64_t b = starts[i] < 0 ? starts[i] + dim : starts[i];
    int64_t e = ends[i] < 0 ? ends[i] + dim : ends[i];
    if (s > 0) {
      b = std::clamp<int64_t>(b, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
      shape[a] = e > b ? (e - b - 1) / s + 1 : 0; // ceil((e - b) / s)
    } else {
      b = std::clamp<int64_t>(b, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      shape[a] = b > e ? 1 - (b - e - 1) / s : 0; // ceil((b - e) / -s)
    }
    start[a] = b;
  }
  std::vector<int64_t> strides = rowMajorStrides(x->shape);
  DimMaps maps(rank);
  for (size_t d = 0; d < rank; ++d)
    for (int64_t i = 0; i < shape[d]; ++i)
      maps[d].push_back((start[d] + i * step[d]) * strides[d]);
  NURI_ASSIGN_OR_RETURN(TensorView * y, prepareOutput(ctx, 0, shape, x->dtype));
  return gatherByDimMaps(ctx, *x, *y, maps);
}

// Pad-13: pads = [begin_0.., end_0..] (negative crops); modes constant,
// reflect (mirror without repeating the edge) and edge (repeat the edge).
Status padKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *padsIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(std::string mode, stringAttr(ctx, "mode", "constant"));
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return ctx.error("mode must be constant, reflect or edge, got '", mode,
                     "'");
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> pads,
                        readInt64s(ctx, *padsIn, "pads"));
  const size_t rank = x->shape.size();
  if (pads.size() != 2 * rank)
    return ctx.error("pads has ", pads.size(), " values, expected ", 2 * rank);
  const void *fill = nullptr;
  if (const TensorView *value = ctx.input(2)) {
    NURI_RETURN_IF_ERROR(requireDType(ctx, *value, x->dtype, "constant_value"));
    if (value->numElements() != 1)
      return ctx.error("constant_value must be a scalar");
    fill = value->data;
  }
  Shape shape(rank);
  for (size_t d = 0; d < rank; ++d) {
    shape[d] = x->shape[d] + pads[d] + pads[d + rank];
    if (shape[d] < 0)
      return ctx.error("pads ", shapeToString(pads), " crop dim ", d,
                       " of size ", x->shape[d], " below zero");
  }
  NURI_ASSIGN_OR_RETURN(TensorView * y, prepareOutput(ctx, 0, shape, x->dtype));
  std::vector<int64_t> strides = rowMajorStrides(x->shape);
  DimMaps maps(rank);
  for (size_t d = 0; d < rank; ++d) {
    const int64_t dim = x->shape[d], begin = pads[d], end = pads[d + rank];
    // Negative pads crop first; the remaining [lo, lo + n) is then padded.
    const int64_t lo = std::max<int64_t>(0, -begin);
    const int64_t n = dim - lo - std::max<int64_t>(0, -end);
    const int64_t padBegin = std::max<int64_t>(0, begin);
    if (mode != "constant" && n <= 0 && shape[d] > 0)
      return ctx.error(mode, " padding needs a non-empty dim ", d);
    for (int64_t o = 0; o < shape[d]; ++o) {
      int64_t r = o - padBegin;
      if (r < 0 || r >= n) {
        if (mode == "constant") {
          maps[d].push_back(kOutside);
          continue;
        }
        if (mode == "edge") {
          r = std::clamp<int64_t>(r, 0, n - 1);
        } else if (n == 1) {
          r = 0;
        } else { // reflect, repeating as often as the pad needs
          const int64_t period = 2 * (n - 1);
          r = ((r % period) + period) % period;
          if (r >= n)
            r = period - r;
        }
      }
      maps[d].push_back((lo + r) * strides[d]);
    }
  }
  return gatherByDimMaps(ctx, *x, *y, maps, fill);
}

} // namespace

void registerSliceKernels(KernelTable &table) {
  table.add("Concat", concatKernel);
  table.add("Split", splitKernel);
  table.add("Slice", sliceKernel);
  table.add("Pad", padKernel);
}

} // namespace nuri::cpu_ref
