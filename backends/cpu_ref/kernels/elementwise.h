// Shared drivers for elementwise kernels: unary maps and broadcasting
// binary maps. The op itself is a generic lambda over compute values.
#ifndef NURI_CPU_REF_KERNELS_ELEMENTWISE_H
#define NURI_CPU_REF_KERNELS_ELEMENTWISE_H

#include "cpu_ref/kernels/broadcast.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_util.h"

namespace nuri::cpu_ref {

// Y = fn(X) per element; Y has X's dtype (or bool when BoolOut). fn takes a
// Compute<T> value.
template <unsigned Types, bool BoolOut = false, typename Fn>
Status unaryMap(const KernelContext &ctx, Fn fn) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  return visitDType<Types>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using TO = std::conditional_t<BoolOut, bool, T>;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, x->shape, kDTypeOf<TO>));
    const T *in = x->as<const T>();
    TO *out = y->as<TO>();
    for (int64_t i = 0, n = x->numElements(); i < n; ++i)
      out[i] = store<TO>(fn(load(in[i])));
    return okStatus();
  });
}

// out = fn(a, b) per element of the broadcast shape; fn takes compute
// values of TA and TB.
template <typename TA, typename TB, typename TO, typename Fn>
void broadcastBinary(const TensorView &a, const TensorView &b, TensorView &out,
                     Fn &fn) {
  const TA *pa = a.as<const TA>();
  const TB *pb = b.as<const TB>();
  TO *po = out.as<TO>();
  if (a.shape == out.shape && b.shape == out.shape) {
    for (int64_t i = 0, n = out.numElements(); i < n; ++i)
      po[i] = store<TO>(fn(load(pa[i]), load(pb[i])));
    return;
  }
  forEachBroadcast<2>(out.shape, {&a.shape, &b.shape},
                      [&](int64_t i, const std::array<int64_t, 2> &off) {
                        po[i] =
                            store<TO>(fn(load(pa[off[0]]), load(pb[off[1]])));
                      });
}

// C = fn(A, B) with broadcasting, A and B of one dtype in `Types`; C has
// that dtype, or bool when BoolOut.
template <unsigned Types, bool BoolOut = false, typename Fn>
Status binaryMap(const KernelContext &ctx, Fn fn) {
  NURI_ASSIGN_OR_RETURN(const TensorView *a, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *b, ctx.requireInput(1));
  if (a->dtype != b->dtype)
    return ctx.error("inputs have different dtypes ", dtypeName(a->dtype),
                     " and ", dtypeName(b->dtype));
  return visitDType<Types>(ctx, a->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using TO = std::conditional_t<BoolOut, bool, T>;
    NURI_ASSIGN_OR_RETURN(Shape shape,
                          broadcastShapes(ctx, {a->shape, b->shape}));
    NURI_ASSIGN_OR_RETURN(TensorView * c,
                          prepareOutput(ctx, 0, shape, kDTypeOf<TO>));
    broadcastBinary<T, T, TO>(*a, *b, *c, fn);
    return okStatus();
  });
}

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_ELEMENTWISE_H
