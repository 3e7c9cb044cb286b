#include "npu_sim/sim/matrix_unit.h"

#include "npu_sim/sim/numerics.h"
#include "npu_sim/sim/operand_ranges.h"

#include <algorithm>
#include <cstring>

namespace nuri::npu {
namespace {

// Tile sizes of the host loops (not of the modelled hardware): an
// accumulator tile of kTileM x kTileN and B tiles of kTileK x kTileN stay in
// the host's caches.
constexpr uint32_t kTileM = 32;
constexpr uint32_t kTileN = 256;
constexpr uint32_t kTileK = 256;

MaybeFault checkOperands(const MatmulOp &op, int64_t esize,
                         const MemoryView &memory) {
  uint64_t align = memory.matrixAlignment;
  uint32_t rowsPerGroup =
      op.aGroupRows == 0 ? op.m : std::min<uint32_t>(op.m, op.aGroupRows);
  struct Rule {
    int64_t value;
    bool used;
    const char *what;
  } rules[] = {
      {op.acc, true, "acc address"},
      {op.a, true, "a address"},
      {op.b, true, "b address"},
      {op.accStride, op.m > 1, "acc_stride"},
      {op.aStride, rowsPerGroup > 1, "a_stride"},
      {op.aGroupStride, op.aGroupRows != 0 && op.m > op.aGroupRows,
       "a_group_stride"},
      {op.bStride, op.k > 1, "b_stride"},
  };
  for (const Rule &rule : rules)
    if (rule.used)
      if (MaybeFault f = checkAligned(rule.value, align, rule.what))
        return f;
  MatmulRanges ranges = matmulRanges(esize == 1, op);
  const ByteRange &acc = ranges.acc, &a = ranges.a, &b = ranges.b;
  if (MaybeFault f = memory.checkSram(acc, "operand acc"))
    return f;
  if (MaybeFault f = memory.checkSram(a, "operand a"))
    return f;
  if (MaybeFault f = memory.checkSram(b, "operand b"))
    return f;
  if (acc.overlaps(a) || acc.overlaps(b))
    return makeFault(FaultKind::kOperandOverlap, "acc [", hexString(acc.lo),
                     ", ", hexString(acc.hi), ") overlaps ",
                     acc.overlaps(a) ? "a" : "b",
                     "; the matrix engine reads "
                     "its inputs while it writes");
  return std::nullopt;
}

// Element loaders from SRAM bytes (memcpy: SRAM addresses need not be
// aligned for the host).
float loadBf16(const uint8_t *p) {
  uint16_t bits;
  std::memcpy(&bits, p, 2);
  return numerics::fromBf16(bits);
}
int16_t loadI8(const uint8_t *p) { return static_cast<int8_t>(*p); }

template <typename T> struct Types;
template <> struct Types<float> {
  using Acc = float;
  static constexpr int64_t kInBytes = 2;
  static float load(const uint8_t *p) { return loadBf16(p); }
};
template <> struct Types<int16_t> {
  using Acc = uint32_t;
  static constexpr int64_t kInBytes = 1;
  static int16_t load(const uint8_t *p) { return loadI8(p); }
};

// acc[i][j] += a[i][k] * b[k][j] over one tile, k outer, j inner: each
// accumulator element sees its products in increasing k.
void kernel(float *acc, const float *a, const float *b, uint32_t mb,
            uint32_t kb, uint32_t nb) {
  uint32_t i = 0;
  for (; i + 4 <= mb; i += 4) {
    float *__restrict c0 = acc + size_t{i} * kTileN;
    float *__restrict c1 = c0 + kTileN;
    float *__restrict c2 = c1 + kTileN;
    float *__restrict c3 = c2 + kTileN;
    for (uint32_t k = 0; k < kb; ++k) {
      const float *__restrict bk = b + size_t{k} * kTileN;
      float a0 = a[size_t{i} * kTileK + k];
      float a1 = a[size_t{i + 1} * kTileK + k];
      float a2 = a[size_t{i + 2} * kTileK + k];
      float a3 = a[size_t{i + 3} * kTileK + k];
      for (uint32_t j = 0; j < nb; ++j) {
        c0[j] = c0[j] + a0 * bk[j];
        c1[j] = c1[j] + a1 * bk[j];
        c2[j] = c2[j] + a2 * bk[j];
        c3[j] = c3[j] + a3 * bk[j];
      }
    }
  }
  for (; i < mb; ++i) {
    float *__restrict c = acc + size_t{i} * kTileN;
    for (uint32_t k = 0; k < kb; ++k) {
      const float *__restrict bk = b + size_t{k} * kTileN;
      float ai = a[size_t{i} * kTileK + k];
      for (uint32_t j = 0; j < nb; ++j)
        c[j] = c[j] + ai * bk[j];
    }
  }
}

// The int8 kernel: int8 x int8 products are exact in int16 (|p| <= 2^14),
// widened to int32 and summed modulo 2^32. Operands are held as int16 so
// the host multiplies 16-bit lanes.
void kernel(uint32_t *acc, const int16_t *a, const int16_t *b, uint32_t mb,
            uint32_t kb, uint32_t nb) {
  auto product = [](int16_t x, int16_t y) {
    return static_cast<uint32_t>(
        static_cast<int32_t>(static_cast<int16_t>(x * y)));
  };
  uint32_t i = 0;
  for (; i + 4 <= mb; i += 4) {
    uint32_t *__restrict c0 = acc + size_t{i} * kTileN;
    uint32_t *__restrict c1 = c0 + kTileN;
    uint32_t *__restrict c2 = c1 + kTileN;
    uint32_t *__restrict c3 = c2 + kTileN;
    for (uint32_t k = 0; k < kb; ++k) {
      const int16_t *__restrict bk = b + size_t{k} * kTileN;
      int16_t a0 = a[size_t{i} * kTileK + k];
      int16_t a1 = a[size_t{i + 1} * kTileK + k];
      int16_t a2 = a[size_t{i + 2} * kTileK + k];
      int16_t a3 = a[size_t{i + 3} * kTileK + k];
      for (uint32_t j = 0; j < nb; ++j) {
        c0[j] += product(a0, bk[j]);
        c1[j] += product(a1, bk[j]);
        c2[j] += product(a2, bk[j]);
        c3[j] += product(a3, bk[j]);
      }
    }
  }
  for (; i < mb; ++i) {
    uint32_t *__restrict c = acc + size_t{i} * kTileN;
    for (uint32_t k = 0; k < kb; ++k) {
      const int16_t *__restrict bk = b + size_t{k} * kTileN;
      int16_t ai = a[size_t{i} * kTileK + k];
      for (uint32_t j = 0; j < nb; ++j)
        c[j] += product(ai, bk[j]);
    }
  }
}

void storeAccRow(uint8_t *dst, const float *row, uint32_t count) {
  for (uint32_t j = 0; j < count; ++j) {
    float v = numerics::canonicalize(row[j]);
    std::memcpy(dst + size_t{j} * 4, &v, 4);
  }
}
void storeAccRow(uint8_t *dst, const uint32_t *row, uint32_t count) {
  std::memcpy(dst, row, size_t{count} * 4);
}

} // namespace

template <typename T>
void MatrixUnit::compute(const MatmulOp &op, uint8_t *sram) {
  using Acc = typename Types<T>::Acc;
  constexpr int64_t esize = Types<T>::kInBytes;
  std::vector<T> &aTile = [&]() -> std::vector<T> & {
    if constexpr (std::is_same_v<T, float>)
      return aF_;
    else
      return aI_;
  }();
  std::vector<T> &bTile = [&]() -> std::vector<T> & {
    if constexpr (std::is_same_v<T, float>)
      return bF_;
    else
      return bI_;
  }();
  std::vector<Acc> &accTile = [&]() -> std::vector<Acc> & {
    if constexpr (std::is_same_v<T, float>)
      return accF_;
    else
      return accI_;
  }();
  aTile.resize(size_t{kTileM} * kTileK);
  bTile.resize(size_t{kTileK} * kTileN);
  accTile.resize(size_t{kTileM} * kTileN);

  for (uint32_t j0 = 0; j0 < op.n; j0 += kTileN) {
    uint32_t nb = std::min<uint32_t>(kTileN, op.n - j0);
    for (uint32_t i0 = 0; i0 < op.m; i0 += kTileM) {
      uint32_t mb = std::min<uint32_t>(kTileM, op.m - i0);
      for (uint32_t i = 0; i < mb; ++i) {
        Acc *row = accTile.data() + size_t{i} * kTileN;
        if (op.accumulate)
          std::memcpy(row,
                      sram + op.acc + int64_t{i0 + i} * op.accStride +
                          int64_t{j0} * 4,
                      size_t{nb} * 4);
        else
          std::fill(row, row + nb, Acc{0});
      }
      for (uint32_t k0 = 0; k0 < op.k; k0 += kTileK) {
        uint32_t kb = std::min<uint32_t>(kTileK, op.k - k0);
        for (uint32_t k = 0; k < kb; ++k) {
          const uint8_t *src =
              sram + op.b + int64_t{k0 + k} * op.bStride + int64_t{j0} * esize;
          T *dst = bTile.data() + size_t{k} * kTileN;
          for (uint32_t j = 0; j < nb; ++j)
            dst[j] = Types<T>::load(src + j * esize);
        }
        for (uint32_t i = 0; i < mb; ++i) {
          const uint8_t *src =
              sram + op.a + aRowOffset(op, i0 + i) + int64_t{k0} * esize;
          T *dst = aTile.data() + size_t{i} * kTileK;
          for (uint32_t k = 0; k < kb; ++k)
            dst[k] = Types<T>::load(src + k * esize);
        }
        kernel(accTile.data(), aTile.data(), bTile.data(), mb, kb, nb);
      }
      for (uint32_t i = 0; i < mb; ++i)
        storeAccRow(sram + op.acc + int64_t{i0 + i} * op.accStride +
                        int64_t{j0} * 4,
                    accTile.data() + size_t{i} * kTileN, nb);
    }
  }
}

MaybeFault MatrixUnit::execute(Opcode opcode, const MatmulOp &op,
                               const MemoryView &memory) {
  bool int8 = opcode == Opcode::kMatmulI8;
  if (MaybeFault f = checkOperands(op, int8 ? 1 : 2, memory))
    return f;
  if (int8)
    compute<int16_t>(op, memory.sram.data());
  else
    compute<float>(op, memory.sram.data());
  return std::nullopt;
}

} // namespace nuri::npu
