#include "cpu_ref/kernels/kernel_util.h"

#include "cpu_ref/kernels/dispatch.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace nuri::cpu_ref {
namespace {

const AttributeMap &attrsOf(const KernelContext &ctx) {
  static const AttributeMap empty;
  return ctx.attrs ? *ctx.attrs : empty;
}

// Re-issues an AttributeMap error so that it names the op and node.
template <typename T> Result<T> named(const KernelContext &ctx, Result<T> r) {
  if (!r.ok())
    return ctx.error(r.status().message());
  return r;
}

} // namespace

Result<int64_t> intAttr(const KernelContext &ctx, std::string_view name,
                        int64_t defaultValue) {
  return named(ctx, attrsOf(ctx).getInt(name, defaultValue));
}

Result<float> floatAttr(const KernelContext &ctx, std::string_view name,
                        float defaultValue) {
  return named(ctx, attrsOf(ctx).getFloat(name, defaultValue));
}

Result<std::string> stringAttr(const KernelContext &ctx, std::string_view name,
                               std::string defaultValue) {
  return named(ctx, attrsOf(ctx).getString(name, std::move(defaultValue)));
}

Result<std::vector<int64_t>> intsAttr(const KernelContext &ctx,
                                      std::string_view name,
                                      std::vector<int64_t> defaultValue) {
  return named(ctx, attrsOf(ctx).getInts(name, std::move(defaultValue)));
}

Result<std::vector<float>> floatsAttr(const KernelContext &ctx,
                                      std::string_view name,
                                      std::vector<float> defaultValue) {
  return named(ctx, attrsOf(ctx).getFloats(name, std::move(defaultValue)));
}

Result<std::vector<std::string>>
stringsAttr(const KernelContext &ctx, std::string_view name,
            std::vector<std::string> defaultValue) {
  return named(ctx, attrsOf(ctx).getStrings(name, std::move(defaultValue)));
}

Result<int64_t> requiredIntAttr(const KernelContext &ctx,
                                std::string_view name) {
  if (!hasAttr(ctx, name))
    return ctx.error("missing required attribute '", name, "'");
  return intAttr(ctx, name, 0);
}

bool hasAttr(const KernelContext &ctx, std::string_view name) {
  return attrsOf(ctx).has(name);
}

Result<bool> boolAttr(const KernelContext &ctx, std::string_view name,
                      bool defaultValue) {
  NURI_ASSIGN_OR_RETURN(int64_t v, intAttr(ctx, name, defaultValue ? 1 : 0));
  if (v != 0 && v != 1)
    return ctx.error("attribute '", name, "' must be 0 or 1, got ", v);
  return v == 1;
}

namespace {

Result<DType> checkedDType(const KernelContext &ctx, std::string_view name,
                           int64_t raw) {
  if (raw <= 0 || raw > std::numeric_limits<uint32_t>::max() ||
      !isKnownDType(static_cast<uint32_t>(raw)))
    return ctx.error("attribute '", name, "' is not a known dtype: ", raw);
  return static_cast<DType>(raw);
}

} // namespace

Result<DType> dtypeAttr(const KernelContext &ctx, std::string_view name,
                        DType defaultValue) {
  NURI_ASSIGN_OR_RETURN(int64_t raw,
                        intAttr(ctx, name, static_cast<int64_t>(defaultValue)));
  return checkedDType(ctx, name, raw);
}

Result<DType> requiredDTypeAttr(const KernelContext &ctx,
                                std::string_view name) {
  NURI_ASSIGN_OR_RETURN(int64_t raw, requiredIntAttr(ctx, name));
  return checkedDType(ctx, name, raw);
}

Result<int64_t> normalizeAxis(const KernelContext &ctx, int64_t axis,
                              int64_t rank) {
  if (axis < -rank || axis >= rank)
    return ctx.error("axis ", axis, " is out of range for rank ", rank);
  return axis < 0 ? axis + rank : axis;
}

Result<std::vector<int64_t>> normalizeAxes(const KernelContext &ctx,
                                           const std::vector<int64_t> &axes,
                                           int64_t rank) {
  std::vector<int64_t> out;
  for (int64_t axis : axes) {
    NURI_ASSIGN_OR_RETURN(int64_t a, normalizeAxis(ctx, axis, rank));
    if (std::find(out.begin(), out.end(), a) != out.end())
      return ctx.error("axis ", axis, " is repeated");
    out.push_back(a);
  }
  return out;
}

Result<std::vector<int64_t>> readInt64s(const KernelContext &ctx,
                                        const TensorView &view,
                                        std::string_view what) {
  std::vector<int64_t> values;
  Status s = visitDType<types::kInt>(ctx, view.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *data = view.as<const T>();
    int64_t n = view.numElements();
    values.reserve(n);
    for (int64_t i = 0; i < n; ++i) {
      if constexpr (std::is_same_v<T, uint64_t>) {
        if (data[i] > static_cast<uint64_t>(INT64_MAX))
          return ctx.error(what, " value ", data[i], " is too large");
      }
      values.push_back(static_cast<int64_t>(data[i]));
    }
    return okStatus();
  });
  if (!s.ok() && s.code() == StatusCode::kUnimplemented)
    return ctx.error(what, " must be an integer tensor, got ",
                     dtypeName(view.dtype));
  NURI_RETURN_IF_ERROR(s);
  return values;
}

Result<int64_t> readScalarInt64(const KernelContext &ctx,
                                const TensorView &view, std::string_view what) {
  if (view.numElements() != 1)
    return ctx.error(what, " must have one element, got shape ",
                     shapeToString(view.shape));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> v, readInt64s(ctx, view, what));
  return v[0];
}

Result<std::vector<double>> readDoubles(const KernelContext &ctx,
                                        const TensorView &view,
                                        std::string_view what) {
  std::vector<double> values;
  Status s = visitDType<types::kNumeric>(ctx, view.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *data = view.as<const T>();
    int64_t n = view.numElements();
    values.resize(n);
    for (int64_t i = 0; i < n; ++i)
      values[i] = static_cast<double>(load(data[i]));
    return okStatus();
  });
  if (!s.ok())
    return ctx.unsupported(what, " has dtype ", dtypeName(view.dtype));
  return values;
}

Status writeDoubles(const KernelContext &ctx, TensorView &out,
                    const std::vector<double> &values) {
  return visitDType<types::kNumeric>(ctx, out.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T *data = out.as<T>();
    for (size_t i = 0; i < values.size(); ++i)
      data[i] = convertElement<T>(values[i]);
    return okStatus();
  });
}

Result<TensorView *> prepareOutput(const KernelContext &ctx, size_t i,
                                   const Shape &shape, DType dtype) {
  NURI_ASSIGN_OR_RETURN(TensorView * view, ctx.allocateOutput(i, shape));
  if (view->dtype != dtype)
    return internalError(ctx.opType, " '", ctx.nodeName, "': output ", i,
                         " computed dtype ", dtypeName(dtype),
                         " but the compiled graph says ",
                         dtypeName(view->dtype));
  if (!view->data && view->numElements() != 0)
    return internalError(ctx.opType, " '", ctx.nodeName, "': output ", i,
                         " has no storage");
  return view;
}

Status requireDType(const KernelContext &ctx, const TensorView &view,
                    DType dtype, std::string_view what) {
  if (view.dtype != dtype)
    return ctx.error(what, " must be ", dtypeName(dtype), ", got ",
                     dtypeName(view.dtype));
  return okStatus();
}

Status requireRank(const KernelContext &ctx, const TensorView &view,
                   int64_t minRank, std::string_view what) {
  if (view.rank() < minRank)
    return ctx.error(what, " must have rank >= ", minRank, ", got shape ",
                     shapeToString(view.shape));
  return okStatus();
}

void copyBytes(const TensorView &src, TensorView &dst) {
  if (src.data != dst.data && src.byteSize() != 0)
    std::memmove(dst.data, src.data, src.byteSize());
}

int64_t productOfDims(const Shape &shape, size_t begin, size_t end) {
  int64_t n = 1;
  for (size_t i = begin; i < end && i < shape.size(); ++i)
    n *= shape[i];
  return n;
}

bool advanceIndex(std::vector<int64_t> &index,
                  const std::vector<int64_t> &dims) {
  for (size_t d = index.size(); d-- > 0;) {
    if (++index[d] < dims[d])
      return true;
    index[d] = 0;
  }
  return false;
}

AxisSplit splitAtAxis(const Shape &shape, int64_t axis) {
  auto a = static_cast<size_t>(axis);
  return {productOfDims(shape, 0, a), shape[a],
          productOfDims(shape, a + 1, shape.size())};
}

} // namespace nuri::cpu_ref
