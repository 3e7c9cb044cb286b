// numpy matmul shared by MatMul and the quantized matmuls (MatMulInteger,
// QLinearMatMul): the operand/output geometry and the row-major product.
#ifndef NURI_CPU_REF_KERNELS_MATMUL_GEOMETRY_H
#define NURI_CPU_REF_KERNELS_MATMUL_GEOMETRY_H

#include "cpu_ref/kernels/element_types.h"
#include "cpu_ref/kernels/kernel.h"

#include <cstdint>

namespace nuri::cpu_ref {

// The geometry of [..., M, K] x [..., K, N]: 1-D operands promoted (A to a
// row, B to a column) and their dim dropped from the output.
struct MatMulGeometry {
  Shape a, b;           // promoted operand shapes
  Shape aBatch, bBatch; // their batch dims
  Shape batch;          // the broadcast batch dims
  Shape outShape;
  int64_t m = 0, k = 0, n = 0;
};

// Checks ranks (>= 1), the inner dims and batch broadcasting.
Result<MatMulGeometry> resolveMatMul(const KernelContext &ctx,
                                     const TensorView &a, const TensorView &b);

// out[M, N] += a[M, K] * b[K, N], all row-major, in Acc (each element of a
// and b converted to it). The inner loop runs along a row of b and of out;
// integers wrap.
template <typename Acc, typename In>
void multiplyAccumulate(const In *a, const In *b, Acc *out, int64_t m,
                        int64_t k, int64_t n) {
  for (int64_t i = 0; i < m; ++i) {
    Acc *row = out + i * n;
    for (int64_t p = 0; p < k; ++p) {
      const auto av = static_cast<Acc>(a[i * k + p]);
      const In *brow = b + p * n;
      for (int64_t j = 0; j < n; ++j)
        row[j] = wrapAdd(row[j], wrapMul(av, static_cast<Acc>(brow[j])));
    }
  }
}

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_MATMUL_GEOMETRY_H
