// Cast and CastLike: element conversion between every numeric dtype and
// bool, with the rules in convertElement (element_types.h).
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

namespace nuri::cpu_ref {
namespace {

using namespace types;

Status castTo(const KernelContext &ctx, const TensorView &x, DType to) {
  return visitDType<kAll>(ctx, x.dtype, [&](auto fromTag) -> Status {
    using From = typename decltype(fromTag)::type;
    return visitDType<kAll>(ctx, to, [&](auto toTag) -> Status {
      using To = typename decltype(toTag)::type;
      NURI_ASSIGN_OR_RETURN(TensorView * y, prepareOutput(ctx, 0, x.shape, to));
      const From *src = x.as<const From>();
      To *dst = y->as<To>();
      for (int64_t i = 0, n = x.numElements(); i < n; ++i)
        dst[i] = convertElement<To>(src[i]);
      return okStatus();
    });
  });
}

Status castKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(DType to, requiredDTypeAttr(ctx, "to"));
  return castTo(ctx, *x, to);
}

Status castLikeKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *like, ctx.requireInput(1));
  return castTo(ctx, *x, like->dtype);
}

} // namespace

void registerCastKernels(KernelTable &table) {
  table.add("Cast", castKernel);
  table.add("CastLike", castLikeKernel);
}

} // namespace nuri::cpu_ref
