// Identity: output = input.
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

namespace nuri::cpu_ref {
namespace {

Status identityKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_RETURN_IF_ERROR(ctx.checkOutputShape(0, x->shape));
  TensorView *y = ctx.output(0);
  // Not prepareOutput: a dtype mismatch here is the user's error (the
  // session reports it as "... differs ..."), not an internal one.
  if (y->dtype != x->dtype)
    return ctx.error("output type ", dtypeName(y->dtype),
                     " differs from input type ", dtypeName(x->dtype));
  copyBytes(*x, *y);
  return okStatus();
}

} // namespace

void registerIdentityKernels(KernelTable &table) {
  table.add("Identity", identityKernel);
}

} // namespace nuri::cpu_ref
