#include "cpu_ref/kernels/spatial.h"

#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>

namespace nuri::cpu_ref {
namespace {

// Reads an ints attribute of `n` positive values (default all 1).
Result<std::vector<int64_t>> readPositive(const KernelContext &ctx,
                                          std::string_view name, size_t n) {
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> v,
                        intsAttr(ctx, name, std::vector<int64_t>(n, 1)));
  if (v.size() != n)
    return ctx.error("attribute '", name, "' has ", v.size(),
                     " values, expected ", n);
  for (int64_t x : v)
    if (x <= 0)
      return ctx.error("attribute '", name, "' must be positive, got ", x);
  return v;
}

Result<AutoPad> readAutoPad(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(std::string s, stringAttr(ctx, "auto_pad", "NOTSET"));
  if (s == "NOTSET")
    return AutoPad::kNotSet;
  if (s == "SAME_UPPER")
    return AutoPad::kSameUpper;
  if (s == "SAME_LOWER")
    return AutoPad::kSameLower;
  if (s == "VALID")
    return AutoPad::kValid;
  return ctx.error("unknown auto_pad '", s, "'");
}

} // namespace

Result<SpatialParams>
readSpatialAttrs(const KernelContext &ctx, size_t n,
                 const std::optional<std::vector<int64_t>> &weightKernel) {
  SpatialParams p;
  NURI_ASSIGN_OR_RETURN(p.autoPad, readAutoPad(ctx));
  if (hasAttr(ctx, "kernel_shape")) {
    NURI_ASSIGN_OR_RETURN(p.kernel, readPositive(ctx, "kernel_shape", n));
    if (weightKernel && *weightKernel != p.kernel)
      return ctx.error("kernel_shape ", shapeToString(p.kernel),
                       " does not match the weight's spatial shape ",
                       shapeToString(*weightKernel));
  } else if (weightKernel) {
    p.kernel = *weightKernel;
    for (int64_t k : p.kernel)
      if (k <= 0)
        return ctx.error("weight has an empty kernel ",
                         shapeToString(p.kernel));
  } else {
    return ctx.error("missing required attribute 'kernel_shape'");
  }
  NURI_ASSIGN_OR_RETURN(p.strides, readPositive(ctx, "strides", n));
  NURI_ASSIGN_OR_RETURN(p.dilations, readPositive(ctx, "dilations", n));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> pads,
                        intsAttr(ctx, "pads", std::vector<int64_t>(2 * n, 0)));
  if (pads.size() != 2 * n)
    return ctx.error("attribute 'pads' has ", pads.size(), " values, expected ",
                     2 * n);
  for (int64_t x : pads)
    if (x < 0)
      return ctx.error("attribute 'pads' must be non-negative, got ", x);
  // Explicit pads only apply with auto_pad NOTSET.
  if (p.autoPad != AutoPad::kNotSet)
    pads.assign(2 * n, 0);
  p.padBegin.assign(pads.begin(), pads.begin() + n);
  p.padEnd.assign(pads.begin() + n, pads.end());
  return p;
}

Status resolveForwardSpatial(const KernelContext &ctx,
                             const std::vector<int64_t> &inSize, bool ceilMode,
                             SpatialParams &p) {
  p.outSize.assign(p.rank(), 0);
  for (size_t d = 0; d < p.rank(); ++d) {
    int64_t in = inSize[d], s = p.strides[d], k = p.dilatedKernel(d);
    int64_t out = 0;
    switch (p.autoPad) {
    case AutoPad::kNotSet: {
      int64_t span = in + p.padBegin[d] + p.padEnd[d] - k;
      out = (ceilMode ? ceilDiv(span, s) : floorDiv(span, s)) + 1;
      if (ceilMode && out > 0 && (out - 1) * s >= in + p.padBegin[d])
        --out;
      break;
    }
    case AutoPad::kValid:
      out = floorDiv(in - k, s) + 1;
      break;
    case AutoPad::kSameUpper:
    case AutoPad::kSameLower: {
      out = ceilDiv(in, s);
      int64_t total = std::max<int64_t>(0, (out - 1) * s + k - in);
      int64_t small = total / 2;
      p.padBegin[d] = p.autoPad == AutoPad::kSameUpper ? small : total - small;
      p.padEnd[d] = total - p.padBegin[d];
      break;
    }
    }
    if (out <= 0)
      return ctx.error("kernel extent ", k, " does not fit input size ", in,
                       " (with padding) along spatial dim ", d);
    p.outSize[d] = out;
  }
  return okStatus();
}

} // namespace nuri::cpu_ref
