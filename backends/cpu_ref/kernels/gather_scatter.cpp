// Indexed reads and writes: Gather, GatherElements, GatherND (opset 13),
// ScatterElements, ScatterND (opset 16). Indices may be negative (counted
// from the end); out-of-range indices are errors.
#include "cpu_ref/kernels/broadcast.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <cstring>

namespace nuri::cpu_ref {
namespace {

using namespace types;

Result<std::vector<int64_t>> readIndices(const KernelContext &ctx,
                                         const TensorView &v) {
  if (v.dtype != DType::kInt32 && v.dtype != DType::kInt64)
    return ctx.error("indices must be int32 or int64, got ",
                     dtypeName(v.dtype));
  return readInt64s(ctx, v, "indices");
}

// Maps an index into [0, dim); negative counts from the end.
Result<int64_t> normalizeIndex(const KernelContext &ctx, int64_t index,
                               int64_t dim) {
  if (index < -dim || index >= dim)
    return ctx.error("index ", index, " is out of bounds for a dim of size ",
                     dim);
  return index < 0 ? index + dim : index;
}

Status gatherKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *data, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *indicesIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(int64_t axisAttr, intAttr(ctx, "axis", 0));
  NURI_ASSIGN_OR_RETURN(int64_t axis,
                        normalizeAxis(ctx, axisAttr, data->rank()));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> indices,
                        readIndices(ctx, *indicesIn));
  const AxisSplit s = splitAtAxis(data->shape, axis);
  for (int64_t &i : indices) {
    NURI_ASSIGN_OR_RETURN(i, normalizeIndex(ctx, i, s.size));
  }
  Shape shape(data->shape.begin(), data->shape.begin() + axis);
  shape.insert(shape.end(), indicesIn->shape.begin(), indicesIn->shape.end());
  shape.insert(shape.end(), data->shape.begin() + axis + 1, data->shape.end());
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, shape, data->dtype));
  const size_t block = s.inner * dtypeSize(data->dtype);
  const auto *src = static_cast<const unsigned char *>(data->data);
  auto *dst = static_cast<unsigned char *>(y->data);
  const auto count = static_cast<int64_t>(indices.size());
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t j = 0; j < count; ++j)
      std::memcpy(dst + (o * count + j) * block,
                  src + (o * s.size + indices[j]) * block, block);
  return okStatus();
}

// GatherElements / ScatterElements share their indexing: element i of
// `indices` (same rank as data) addresses data at i's position with the
// axis coordinate replaced by the index. Returns one data offset per index.
Result<std::vector<int64_t>> elementOffsets(const KernelContext &ctx,
                                            const TensorView &data,
                                            const TensorView &indicesIn,
                                            int64_t axisAttr) {
  NURI_ASSIGN_OR_RETURN(int64_t axis,
                        normalizeAxis(ctx, axisAttr, data.rank()));
  if (indicesIn.rank() != data.rank())
    return ctx.error("indices rank ", indicesIn.rank(),
                     " differs from data rank ", data.rank());
  for (int64_t d = 0; d < data.rank(); ++d)
    if (d != axis && indicesIn.shape[d] > data.shape[d])
      return ctx.error("indices shape ", shapeToString(indicesIn.shape),
                       " exceeds data shape ", shapeToString(data.shape),
                       " on axis ", d);
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> indices,
                        readIndices(ctx, indicesIn));
  std::vector<int64_t> strides = rowMajorStrides(data.shape);
  const int64_t axisStride = strides[axis];
  strides[axis] = 0;
  std::vector<int64_t> offsets(indices.size());
  Status status = okStatus();
  forEachOffset<1>(indicesIn.shape, {strides},
                   [&](int64_t i, const std::array<int64_t, 1> &off) {
                     Result<int64_t> idx =
                         normalizeIndex(ctx, indices[i], data.shape[axis]);
                     if (!idx.ok())
                       status = idx.status();
                     else
                       offsets[i] = off[0] + *idx * axisStride;
                   });
  NURI_RETURN_IF_ERROR(status);
  return offsets;
}

Status gatherElementsKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *data, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *indicesIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(int64_t axis, intAttr(ctx, "axis", 0));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> offsets,
                        elementOffsets(ctx, *data, *indicesIn, axis));
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, indicesIn->shape, data->dtype));
  return visitBySize(ctx, data->dtype, [&](auto tag) -> Status {
    using U = typename decltype(tag)::type;
    for (size_t i = 0; i < offsets.size(); ++i)
      y->as<U>()[i] = data->as<const U>()[offsets[i]];
    return okStatus();
  });
}

enum class Reduction { kNone, kAdd, kMul };

Result<Reduction> readReduction(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(std::string r, stringAttr(ctx, "reduction", "none"));
  if (r == "none")
    return Reduction::kNone;
  if (r == "add")
    return Reduction::kAdd;
  if (r == "mul")
    return Reduction::kMul;
  return ctx.error("reduction must be none, add or mul, got '", r, "'");
}

// out = data, then out[offsets[i] + j] (op)= updates[i * block + j] in
// index order, so later duplicates win (none) or accumulate (add, mul).
Status scatter(const KernelContext &ctx, const TensorView &data,
               const TensorView &updates, const std::vector<int64_t> &offsets,
               int64_t block, Reduction reduction) {
  NURI_RETURN_IF_ERROR(requireDType(ctx, updates, data.dtype, "updates"));
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, data.shape, data.dtype));
  return visitDType<kAll>(ctx, data.dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, bool>) {
      if (reduction != Reduction::kNone)
        return ctx.unsupported("add/mul reduction on bool");
    }
    copyBytes(data, *y);
    T *out = y->as<T>();
    const T *upd = updates.as<const T>();
    for (size_t i = 0; i < offsets.size(); ++i)
      for (int64_t j = 0; j < block; ++j) {
        T &dst = out[offsets[i] + j];
        const T u = upd[i * block + j];
        if constexpr (std::is_same_v<T, bool>)
          dst = u;
        else if (reduction == Reduction::kNone)
          dst = u;
        else if (reduction == Reduction::kAdd)
          dst = store<T>(wrapAdd(load(dst), load(u)));
        else
          dst = store<T>(wrapMul(load(dst), load(u)));
      }
    return okStatus();
  });
}

Status scatterElementsKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *data, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *indicesIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(const TensorView *updates, ctx.requireInput(2));
  NURI_ASSIGN_OR_RETURN(int64_t axis, intAttr(ctx, "axis", 0));
  NURI_ASSIGN_OR_RETURN(Reduction reduction, readReduction(ctx));
  if (updates->shape != indicesIn->shape)
    return ctx.error("updates shape ", shapeToString(updates->shape),
                     " differs from indices shape ",
                     shapeToString(indicesIn->shape));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> offsets,
                        elementOffsets(ctx, *data, *indicesIn, axis));
  return scatter(ctx, *data, *updates, offsets, 1, reduction);
}

// GatherND / ScatterND addressing: the last dim of `indices` holds k
// coordinates into data dims [batchDims, batchDims + k); each tuple selects
// a slice of data.shape[batchDims + k:]. Returns the data offset of every
// tuple's slice and the slice size.
struct NdPlan {
  std::vector<int64_t> offsets;
  int64_t sliceSize = 1;
  Shape outShape; // indices.shape[:-1] + data.shape[batchDims + k:]
};

Result<NdPlan> planNd(const KernelContext &ctx, const TensorView &data,
                      const TensorView &indicesIn, int64_t batchDims) {
  const int64_t r = data.rank(), q = indicesIn.rank();
  if (q < 1)
    return ctx.error("indices must have rank >= 1");
  if (batchDims < 0 || batchDims >= std::min(r, q))
    return ctx.error("batch_dims ", batchDims, " must be in [0, ",
                     std::min(r, q), ")");
  for (int64_t d = 0; d < batchDims; ++d)
    if (data.shape[d] != indicesIn.shape[d])
      return ctx.error("batch dims of data ", shapeToString(data.shape),
                       " and indices ", shapeToString(indicesIn.shape),
                       " differ");
  const int64_t k = indicesIn.shape.back();
  if (k < 1 || k > r - batchDims)
    return ctx.error("indices' last dim ", k, " must be in [1, ", r - batchDims,
                     "]");
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> indices,
                        readIndices(ctx, indicesIn));
  NdPlan plan;
  plan.sliceSize = productOfDims(data.shape, batchDims + k, r);
  const int64_t batchCount = productOfDims(data.shape, 0, batchDims);
  const int64_t batchSize = productOfDims(data.shape, batchDims, r);
  const int64_t tuples = static_cast<int64_t>(indices.size()) / k;
  const int64_t tuplesPerBatch = batchCount ? tuples / batchCount : 0;
  const std::vector<int64_t> strides = rowMajorStrides(data.shape);
  for (int64_t t = 0; t < tuples; ++t) {
    int64_t offset = (tuplesPerBatch ? t / tuplesPerBatch : 0) * batchSize;
    for (int64_t j = 0; j < k; ++j) {
      NURI_ASSIGN_OR_RETURN(
          int64_t idx,
          normalizeIndex(ctx, indices[t * k + j], data.shape[batchDims + j]));
      offset += idx * strides[batchDims + j];
    }
    plan.offsets.push_back(offset);
  }
  plan.outShape.assign(indicesIn.shape.begin(), indicesIn.shape.end() - 1);
  plan.outShape.insert(plan.outShape.end(), data.shape.begin() + batchDims + k,
                       data.shape.end());
  return plan;
}

Status gatherNdKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *data, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *indicesIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(int64_t batchDims, intAttr(ctx, "batch_dims", 0));
  NURI_ASSIGN_OR_RETURN(NdPlan plan, planNd(ctx, *data, *indicesIn, batchDims));
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, plan.outShape, data->dtype));
  const size_t elem = dtypeSize(data->dtype);
  const auto *src = static_cast<const unsigned char *>(data->data);
  auto *dst = static_cast<unsigned char *>(y->data);
  for (size_t t = 0; t < plan.offsets.size(); ++t)
    std::memcpy(dst + t * plan.sliceSize * elem, src + plan.offsets[t] * elem,
                plan.sliceSize * elem);
  return okStatus();
}

Status scatterNdKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *data, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *indicesIn, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(const TensorView *updates, ctx.requireInput(2));
  NURI_ASSIGN_OR_RETURN(Reduction reduction, readReduction(ctx));
  NURI_ASSIGN_OR_RETURN(NdPlan plan, planNd(ctx, *data, *indicesIn, 0));
  if (updates->shape != plan.outShape)
    return ctx.error("updates shape ", shapeToString(updates->shape),
                     " must be ", shapeToString(plan.outShape));
  return scatter(ctx, *data, *updates, plan.offsets, plan.sliceSize, reduction);
}

} // namespace

void registerGatherScatterKernels(KernelTable &table) {
  table.add("Gather", gatherKernel);
  table.add("GatherElements", gatherElementsKernel);
  table.add("GatherND", gatherNdKernel);
  table.add("ScatterElements", scatterElementsKernel);
  table.add("ScatterND", scatterNdKernel);
}

} // namespace nuri::cpu_ref
