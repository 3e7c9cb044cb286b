// MatMul-13 (numpy matmul: batch broadcasting, 1-D operands), Gemm-13 and
// Det-11.
#include "cpu_ref/kernels/broadcast.h"
#include "cpu_ref/kernels/compute_buffer.h"
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"
#include "cpu_ref/kernels/matmul_geometry.h"

#include <cmath>
#include <utility>

namespace nuri::cpu_ref {
namespace {

using namespace types;

constexpr unsigned kMatMulTypes = kFloat | kI32 | kI64 | kU32 | kU64;

Status matMulKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *a, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *b, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(MatMulGeometry g, resolveMatMul(ctx, *a, *b));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *b, a->dtype, "B"));
  const int64_t m = g.m, k = g.k, n = g.n;
  return visitDType<kMatMulTypes>(ctx, a->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, g.outShape, a->dtype));
    ComputeInput<T> av(a), bv(b);
    ComputeOutput<T> yv(y);
    std::fill_n(yv.data(), numElements(g.outShape), Compute<T>(0));
    forEachBroadcast<2>(g.batch, {&g.aBatch, &g.bBatch},
                        [&](int64_t i, const std::array<int64_t, 2> &off) {
                          multiplyAccumulate(av.data() + off[0] * m * k,
                                             bv.data() + off[1] * k * n,
                                             yv.data() + i * m * n, m, k, n);
                        });
    yv.commit();
    return okStatus();
  });
}

template <typename C>
std::vector<C> transposeMatrix(const C *src, int64_t rows, int64_t cols) {
  std::vector<C> out(static_cast<size_t>(rows * cols));
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      out[c * rows + r] = src[r * cols + c];
  return out;
}

// Y = alpha * A' * B' + beta * C, with C broadcast to [M, N].
Status gemmKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *a, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *b, ctx.requireInput(1));
  const TensorView *c = ctx.input(2);
  NURI_ASSIGN_OR_RETURN(bool transA, boolAttr(ctx, "transA", false));
  NURI_ASSIGN_OR_RETURN(bool transB, boolAttr(ctx, "transB", false));
  NURI_ASSIGN_OR_RETURN(float alpha, floatAttr(ctx, "alpha", 1.0f));
  NURI_ASSIGN_OR_RETURN(float beta, floatAttr(ctx, "beta", 1.0f));
  if (a->rank() != 2 || b->rank() != 2)
    return ctx.error("A and B must be 2-D, got ", shapeToString(a->shape),
                     " and ", shapeToString(b->shape));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *b, a->dtype, "B"));
  const int64_t m = transA ? a->shape[1] : a->shape[0];
  const int64_t k = transA ? a->shape[0] : a->shape[1];
  const int64_t kb = transB ? b->shape[1] : b->shape[0];
  const int64_t n = transB ? b->shape[0] : b->shape[1];
  if (k != kb)
    return ctx.error("inner dimensions differ: A ", shapeToString(a->shape),
                     (transA ? " (transposed)" : ""), ", B ",
                     shapeToString(b->shape), (transB ? " (transposed)" : ""));
  const Shape outShape{m, n};
  if (c) {
    NURI_RETURN_IF_ERROR(requireDType(ctx, *c, a->dtype, "C"));
    if (!broadcastsTo(c->shape, outShape))
      return ctx.error("C shape ", shapeToString(c->shape),
                       " does not broadcast to ", shapeToString(outShape));
  }
  return visitDType<kMatMulTypes>(ctx, a->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using C = Compute<T>;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, outShape, a->dtype));
    ComputeInput<T> av(a), bv(b);
    std::vector<C> at, bt;
    const C *ap = av.data(), *bp = bv.data();
    if (transA) {
      at = transposeMatrix(ap, k, m);
      ap = at.data();
    }
    if (transB) {
      bt = transposeMatrix(bp, n, k);
      bp = bt.data();
    }
    std::vector<C> prod(static_cast<size_t>(m * n), C(0));
    multiplyAccumulate(ap, bp, prod.data(), m, k, n);
    T *out = y->as<T>();
    const T *cp = c ? c->as<const T>() : nullptr;
    const Shape noC{};
    forEachBroadcast<1>(outShape, {c ? &c->shape : &noC},
                        [&](int64_t i, const std::array<int64_t, 1> &off) {
                          if constexpr (std::is_integral_v<C>) {
                            // Exact (wrapping) for the usual alpha = beta = 1;
                            // else the float scaling converts back like Cast.
                            if (alpha == 1.0f && (!cp || beta == 1.0f)) {
                              out[i] =
                                  cp ? wrapAdd(prod[i], cp[off[0]]) : prod[i];
                              return;
                            }
                            double v = alpha * static_cast<double>(prod[i]);
                            if (cp)
                              v += beta * static_cast<double>(cp[off[0]]);
                            out[i] = convertElement<T>(v);
                          } else {
                            C v = static_cast<C>(alpha) * prod[i];
                            if (cp)
                              v += static_cast<C>(beta) * load(cp[off[0]]);
                            out[i] = store<T>(v);
                          }
                        });
    return okStatus();
  });
}

// The determinant of an n x n row-major matrix by LU decomposition with
// partial pivoting, in double.
double determinant(std::vector<double> a, int64_t n) {
  double det = 1;
  for (int64_t col = 0; col < n; ++col) {
    int64_t pivot = col;
    for (int64_t r = col + 1; r < n; ++r)
      if (std::fabs(a[r * n + col]) > std::fabs(a[pivot * n + col]))
        pivot = r;
    if (a[pivot * n + col] == 0)
      return 0;
    if (pivot != col) {
      for (int64_t c = 0; c < n; ++c)
        std::swap(a[pivot * n + c], a[col * n + c]);
      det = -det;
    }
    const double d = a[col * n + col];
    det *= d;
    for (int64_t r = col + 1; r < n; ++r) {
      const double f = a[r * n + col] / d;
      for (int64_t c = col; c < n; ++c)
        a[r * n + c] -= f * a[col * n + c];
    }
  }
  return det;
}

// Det: the determinants of the [..., M, M] input's trailing matrices.
Status detKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_RETURN_IF_ERROR(requireRank(ctx, *x, 2, "X"));
  const int64_t n = x->shape.back();
  if (x->shape[x->shape.size() - 2] != n)
    return ctx.error("X must hold square matrices, got shape ",
                     shapeToString(x->shape));
  const Shape outShape(x->shape.begin(), x->shape.end() - 2);
  return visitDType<kFloatNoBF16>(ctx, x->dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    NURI_ASSIGN_OR_RETURN(TensorView * y,
                          prepareOutput(ctx, 0, outShape, x->dtype));
    NURI_ASSIGN_OR_RETURN(std::vector<double> values,
                          readDoubles(ctx, *x, "X"));
    for (int64_t m = 0, count = numElements(outShape); m < count; ++m) {
      std::vector<double> a(values.begin() + m * n * n,
                            values.begin() + (m + 1) * n * n);
      y->as<T>()[m] = convertElement<T>(determinant(std::move(a), n));
    }
    return okStatus();
  });
}

} // namespace

void registerMatMulKernels(KernelTable &table) {
  table.add("MatMul", matMulKernel);
  table.add("Gemm", gemmKernel);
  table.add("Det", detKernel);
}

} // namespace nuri::cpu_ref
