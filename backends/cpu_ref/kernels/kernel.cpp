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

Result<TensorView *> KernelContext::allocateOutput(size_t i,
                                                   const Shape &shape) const {
  TensorView *view = output(i);
  if (!view)
    return error("missing output ", i);
  if (view->data || !allocate) {
    NURI_RETURN_IF_ERROR(checkOutputShape(i, shape));
    return view;
  }
  for (int64_t d : shape)
    if (d < 0)
      return internalError(opType, " '", nodeName, "': output ", i,
                           " computed shape ", shapeToString(shape),
                           " has a negative dim");
  NURI_ASSIGN_OR_RETURN(TensorView * allocated,
                        allocate(i, view->dtype, shape));
  if (!allocated || allocated->shape != shape ||
      allocated->dtype != view->dtype ||
      (!allocated->data && numElements(shape) != 0))
    return internalError(opType, " '", nodeName, "': allocating output ", i,
                         " as ", dtypeName(view->dtype), " ",
                         shapeToString(shape),
                         " gave no matching view with storage");
  return allocated;
}

Status runKernel(const KernelContext &ctx) {
  KernelFn fn = findKernel(ctx.opType);
  if (!fn)
    return unimplemented("cpu-ref has no kernel for op type '", ctx.opType,
                         "' (node '", ctx.nodeName, "')");
  return fn(ctx);
}

} // namespace nuri::cpu_ref
