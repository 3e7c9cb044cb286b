#include "cpu_ref/kernels/matmul_geometry.h"

#include "cpu_ref/kernels/broadcast.h"

namespace nuri::cpu_ref {

Result<MatMulGeometry> resolveMatMul(const KernelContext &ctx,
                                     const TensorView &a, const TensorView &b) {
  if (a.rank() < 1 || b.rank() < 1)
    return ctx.error("operands must have rank >= 1, got ",
                     shapeToString(a.shape), " and ", shapeToString(b.shape));
  MatMulGeometry g;
  g.a = a.shape;
  g.b = b.shape;
  if (a.rank() == 1)
    g.a.insert(g.a.begin(), 1);
  if (b.rank() == 1)
    g.b.push_back(1);
  g.m = g.a[g.a.size() - 2];
  g.k = g.a.back();
  g.n = g.b.back();
  if (g.b[g.b.size() - 2] != g.k)
    return ctx.error("inner dimensions differ: A ", shapeToString(a.shape),
                     ", B ", shapeToString(b.shape));
  g.aBatch.assign(g.a.begin(), g.a.end() - 2);
  g.bBatch.assign(g.b.begin(), g.b.end() - 2);
  NURI_ASSIGN_OR_RETURN(g.batch, broadcastShapes(ctx, {g.aBatch, g.bBatch}));
  g.outShape = g.batch;
  if (a.rank() > 1)
    g.outShape.push_back(g.m);
  if (b.rank() > 1)
    g.outShape.push_back(g.n);
  return g;
}

} // namespace nuri::cpu_ref
