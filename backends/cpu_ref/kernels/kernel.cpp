#include "cpu_ref/kernels/kernel.h"

namespace nuri::cpu_ref {

Result<const TensorView *> KernelContext::requireInput(size_t i) const {
  const TensorView *view = input(i);
  if (!view)
    return error("missing required input ", i);
  return view;
}

Status KernelContext::checkOutputShape(size_t i, const Shape &shape) const {
  TensorView *view = output(i);
  if (!view)
    return error("missing output ", i);
  if (view->shape != shape)
    return internalError(opType, " '", nodeName, "': output ", i,
                         " computed shape ", shapeToString(shape),
                         " but the compiled graph says ",
                         shapeToString(view->shape));
  return okStatus();
}

Status runKernel(const KernelContext &ctx) {
  KernelFn fn = findKernel(ctx.opType);
  if (!fn)
    return unimplemented("cpu-ref has no kernel for op type '", ctx.opType,
                         "' (node '", ctx.nodeName, "')");
  return fn(ctx);
}

} // namespace nuri::cpu_ref
