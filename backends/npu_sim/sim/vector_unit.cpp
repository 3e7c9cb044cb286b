#include "npu_sim/sim/vector_unit.h"

#include "npu_sim/sim/numerics.h"
#include "npu_sim/sim/operand_ranges.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace nuri::npu {
namespace {

using namespace numerics;

// Elements staged at a time; a multiple of every lane count (<= 4096), so
// each chunk starts at lane 0.
constexpr uint32_t kChunk = 4096;

constexpr const char *kOperandNames[] = {"destination", "source a", "source b",
                                         "source c"};

uint32_t elementsPerRow(const VOperand &operand, uint32_t cols) {
  return operand.broadcast ? 1 : cols;
}

MaybeFault checkOperand(const VOperand &operand, uint32_t rows, uint32_t perRow,
                        const char *name, const MemoryView &memory,
                        ByteRange &range) {
  uint64_t esize = vtypeSize(operand.type);
  if (MaybeFault f = checkAligned(operand.addr, esize, name, " address"))
    return f;
  if (rows > 1)
    if (MaybeFault f =
            checkAligned(operand.rowStride, esize, name, " row stride"))
      return f;
  range = vectorOperandRange(operand, rows, perRow);
  return memory.checkSram(range, name);
}

// Staging loads: `count` elements of row `row` from column `col`.
const uint8_t *elementAddress(uint8_t *sram, const VOperand &operand,
                              uint32_t row, uint32_t col) {
  int64_t offset = int64_t{operand.addr} + int64_t{row} * operand.rowStride;
  if (!operand.broadcast)
    offset += int64_t{col} * vtypeSize(operand.type);
  return sram + offset;
}

void loadFloat(const uint8_t *p, VType type, bool broadcast, uint32_t count,
               float *out) {
  uint32_t n = broadcast ? 1 : count;
  if (type == VType::kF32) {
    std::memcpy(out, p, size_t{n} * 4);
  } else {
    for (uint32_t j = 0; j < n; ++j) {
      uint16_t bits;
      std::memcpy(&bits, p + size_t{j} * 2, 2);
      out[j] = fromBf16(bits);
    }
  }
  if (broadcast)
    std::fill(out + 1, out + count, out[0]);
}

void loadInt(const uint8_t *p, VType type, bool broadcast, uint32_t count,
             int32_t *out) {
  uint32_t n = broadcast ? 1 : count;
  if (type == VType::kI32) {
    std::memcpy(out, p, size_t{n} * 4);
  } else {
    for (uint32_t j = 0; j < n; ++j)
      out[j] = static_cast<int8_t>(p[j]);
  }
  if (broadcast)
    std::fill(out + 1, out + count, out[0]);
}

void storeFloat(uint8_t *p, VType type, uint32_t count, const float *in) {
  if (type == VType::kF32) {
    for (uint32_t j = 0; j < count; ++j) {
      float v = canonicalize(in[j]);
      std::memcpy(p + size_t{j} * 4, &v, 4);
    }
  } else {
    for (uint32_t j = 0; j < count; ++j) {
      uint16_t bits = toBf16(in[j]);
      std::memcpy(p + size_t{j} * 2, &bits, 2);
    }
  }
}

void storeInt(uint8_t *p, VType type, uint32_t count, const int32_t *in) {
  if (type == VType::kI32) {
    std::memcpy(p, in, size_t{count} * 4);
  } else {
    for (uint32_t j = 0; j < count; ++j)
      p[j] = static_cast<uint8_t>(static_cast<int8_t>(saturateI8(in[j])));
  }
}

template <typename T> bool compare(CmpPred pred, T a, T b) {
  switch (pred) {
  case CmpPred::kEq:
    return a == b;
  case CmpPred::kNe:
    return a != b;
  case CmpPred::kLt:
    return a < b;
  case CmpPred::kLe:
    return a <= b;
  case CmpPred::kGt:
    return a > b;
  case CmpPred::kGe:
    return a >= b;
  }
  return false;
}

template <typename F> void unary(float *d, const float *a, uint32_t n, F f) {
  for (uint32_t j = 0; j < n; ++j)
    d[j] = f(a[j]);
}

void floatOp(Opcode opcode, CmpPred pred, float *d, const float *a,
             const float *b, const float *c, uint32_t n) {
  switch (opcode) {
  case Opcode::kVMov:
  case Opcode::kVCvt:
    std::copy(a, a + n, d);
    return;
  case Opcode::kVAdd:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = a[j] + b[j];
    return;
  case Opcode::kVSub:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = a[j] - b[j];
    return;
  case Opcode::kVMul:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = a[j] * b[j];
    return;
  case Opcode::kVDiv:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = a[j] / b[j];
    return;
  case Opcode::kVMax:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = maxF32(a[j], b[j]);
    return;
  case Opcode::kVMin:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = minF32(a[j], b[j]);
    return;
  case Opcode::kVCmp:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = compare(pred, a[j], b[j]) ? 1.0f : 0.0f;
    return;
  case Opcode::kVSel:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = a[j] != 0.0f ? b[j] : c[j];
    return;
  case Opcode::kVMad:
    for (uint32_t j = 0; j < n; ++j) {
      float product = a[j] * b[j]; // rounded, then added: never fused
      d[j] = product + c[j];
    }
    return;
  case Opcode::kVExp:
    return unary(d, a, n, expF32);
  case Opcode::kVLog:
    return unary(d, a, n, logF32);
  case Opcode::kVTanh:
    return unary(d, a, n, tanhF32);
  case Opcode::kVErf:
    return unary(d, a, n, erfF32);
  case Opcode::kVSigmoid:
    return unary(d, a, n, sigmoidF32);
  case Opcode::kVRsqrt:
    return unary(d, a, n, rsqrtF32);
  case Opcode::kVRecip:
    return unary(d, a, n, recipF32);
  case Opcode::kVSqrt:
    return unary(d, a, n, sqrtF32);
  case Opcode::kVAbs:
    return unary(d, a, n, [](float x) {
      return bitsToFloat(floatBits(x) & 0x7fffffffu);
    });
  case Opcode::kVNeg:
    return unary(d, a, n, [](float x) {
      return bitsToFloat(floatBits(x) ^ 0x80000000u);
    });
  default:
    return;
  }
}

void intOp(Opcode opcode, CmpPred pred, int32_t *d, const int32_t *a,
           const int32_t *b, const int32_t *c, uint32_t n) {
  switch (opcode) {
  case Opcode::kVMov:
  case Opcode::kVCvt:
    std::copy(a, a + n, d);
    return;
  case Opcode::kVAdd:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = wrapAdd(a[j], b[j]);
    return;
  case Opcode::kVSub:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = wrapSub(a[j], b[j]);
    return;
  case Opcode::kVMul:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = wrapMul(a[j], b[j]);
    return;
  case Opcode::kVMax:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = std::max(a[j], b[j]);
    return;
  case Opcode::kVMin:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = std::min(a[j], b[j]);
    return;
  case Opcode::kVCmp:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = compare(pred, a[j], b[j]) ? 1 : 0;
    return;
  case Opcode::kVSel:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = a[j] != 0 ? b[j] : c[j];
    return;
  case Opcode::kVMad:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = wrapAdd(wrapMul(a[j], b[j]), c[j]);
    return;
  case Opcode::kVAbs:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = a[j] < 0 ? wrapSub(0, a[j]) : a[j];
    return;
  case Opcode::kVNeg:
    for (uint32_t j = 0; j < n; ++j)
      d[j] = wrapSub(0, a[j]);
    return;
  default:
    return;
  }
}

// The reduction's identity and combining step.
struct FloatReduction {
  Opcode opcode;
  float identity() const {
    return opcode == Opcode::kVRSum   ? -0.0f
           : opcode == Opcode::kVRMax ? -std::numeric_limits<float>::infinity()
                                      : std::numeric_limits<float>::infinity();
  }
  float operator()(float x, float y) const {
    return opcode == Opcode::kVRSum   ? x + y
           : opcode == Opcode::kVRMax ? maxF32(x, y)
                                      : minF32(x, y);
  }
};
struct IntReduction {
  Opcode opcode;
  int32_t identity() const {
    return opcode == Opcode::kVRSum   ? 0
           : opcode == Opcode::kVRMax ? std::numeric_limits<int32_t>::min()
                                      : std::numeric_limits<int32_t>::max();
  }
  int32_t operator()(int32_t x, int32_t y) const {
    return opcode == Opcode::kVRSum   ? wrapAdd(x, y)
           : opcode == Opcode::kVRMax ? std::max(x, y)
                                      : std::min(x, y);
  }
};

// Lane l accumulates elements l, l + L, l + 2L, ... in order.
template <typename T, typename Op>
void accumulateLanes(T *lanes, uint32_t laneCount, const T *x, uint32_t n,
                     Op op) {
  for (uint32_t base = 0; base < n; base += laneCount) {
    uint32_t width = std::min(laneCount, n - base);
    for (uint32_t l = 0; l < width; ++l)
      lanes[l] = op(lanes[l], x[base + l]);
  }
}

// Pairwise: lane l combines with lane l + w for w = L/2, L/4, ..., 1.
template <typename T, typename Op>
T combineLanes(T *lanes, uint32_t laneCount, Op op) {
  for (uint32_t w = laneCount / 2; w >= 1; w /= 2)
    for (uint32_t l = 0; l < w; ++l)
      lanes[l] = op(lanes[l], lanes[l + w]);
  return lanes[0];
}

} // namespace

VectorUnit::VectorUnit(uint32_t lanes) : lanes_(lanes) {
  for (auto &buffer : f_)
    buffer.resize(kChunk);
  for (auto &buffer : i_)
    buffer.resize(kChunk);
  laneF_.resize(lanes_);
  laneI_.resize(lanes_);
}

MaybeFault VectorUnit::execute(Opcode opcode, const VectorOp &op,
                               const MemoryView &memory) {
  const OpcodeInfo &info = opcodeInfo(opcode);
  ByteRange dstRange;
  uint32_t dstPerRow = info.reduction ? 1 : op.cols;
  if (MaybeFault f = checkOperand(op.dst, op.rows, dstPerRow, kOperandNames[0],
                                  memory, dstRange))
    return f;
  for (unsigned s = 0; s < info.sources; ++s) {
    if (op.immSource == s + 1)
      continue;
    const VOperand &src = op.src[s];
    ByteRange range;
    if (MaybeFault f = checkOperand(src, op.rows, elementsPerRow(src, op.cols),
                                    kOperandNames[s + 1], memory, range))
      return f;
    // In place (the same elements, row for row) is fine; any other overlap
    // would make the result depend on the processing order.
    bool inPlace = !info.reduction && !src.broadcast &&
                   src.addr == op.dst.addr &&
                   vtypeSize(src.type) == vtypeSize(op.dst.type) &&
                   (op.rows == 1 || src.rowStride == op.dst.rowStride);
    if (range.overlaps(dstRange) && !inPlace)
      return makeFault(FaultKind::kOperandOverlap, "the destination [",
                       hexString(dstRange.lo), ", ", hexString(dstRange.hi),
                       ") overlaps ", kOperandNames[s + 1], " [",
                       hexString(range.lo), ", ", hexString(range.hi),
                       ") without being the same elements (in place)");
  }
  if (info.reduction)
    reduce(info, op, memory.sram.data());
  else
    elementwise(info, op, memory.sram.data());
  return std::nullopt;
}

void VectorUnit::elementwise(const OpcodeInfo &info, const VectorOp &op,
                             uint8_t *sram) {
  bool dstFloat = isFloat(op.dst.type);
  // vcvt reads in its source's domain; everything else in the
  // destination's.
  bool srcFloat =
      info.opcode == Opcode::kVCvt ? isFloat(op.src[0].type) : dstFloat;
  // The immediate's staging buffer holds it in every element; only the
  // immediate writes that buffer, so one fill serves every chunk.
  if (op.immSource >= 1 && op.immSource <= info.sources) {
    uint32_t n = std::min(kChunk, op.cols);
    if (srcFloat)
      std::fill_n(f_[op.immSource].begin(), n, bitsToFloat(op.imm));
    else
      std::fill_n(i_[op.immSource].begin(), n, static_cast<int32_t>(op.imm));
  }
  for (uint32_t row = 0; row < op.rows; ++row) {
    for (uint32_t col = 0; col < op.cols; col += kChunk) {
      uint32_t n = std::min(kChunk, op.cols - col);
      for (unsigned s = 0; s < info.sources; ++s) {
        const VOperand &src = op.src[s];
        if (op.immSource == s + 1)
          continue;
        const uint8_t *p = elementAddress(sram, src, row, col);
        if (srcFloat)
          loadFloat(p, src.type, src.broadcast, n, f_[s + 1].data());
        else
          loadInt(p, src.type, src.broadcast, n, i_[s + 1].data());
      }
      if (srcFloat)
        floatOp(info.opcode, op.pred, f_[0].data(), f_[1].data(), f_[2].data(),
                f_[3].data(), n);
      else
        intOp(info.opcode, op.pred, i_[0].data(), i_[1].data(), i_[2].data(),
              i_[3].data(), n);
      if (srcFloat != dstFloat) { // vcvt across domains
        if (dstFloat)
          for (uint32_t j = 0; j < n; ++j)
            f_[0][j] = static_cast<float>(i_[0][j]);
        else
          for (uint32_t j = 0; j < n; ++j)
            i_[0][j] = f32ToI32(f_[0][j]);
      }
      uint8_t *p = sram + int64_t{op.dst.addr} +
                   int64_t{row} * op.dst.rowStride +
                   int64_t{col} * vtypeSize(op.dst.type);
      if (dstFloat)
        storeFloat(p, op.dst.type, n, f_[0].data());
      else
        storeInt(p, op.dst.type, n, i_[0].data());
    }
  }
}

void VectorUnit::reduce(const OpcodeInfo &info, const VectorOp &op,
                        uint8_t *sram) {
  bool isFloatDomain = isFloat(op.dst.type);
  const VOperand &src = op.src[0];
  FloatReduction floatOp{info.opcode};
  IntReduction intOp{info.opcode};
  for (uint32_t row = 0; row < op.rows; ++row) {
    if (isFloatDomain)
      std::fill(laneF_.begin(), laneF_.end(), floatOp.identity());
    else
      std::fill(laneI_.begin(), laneI_.end(), intOp.identity());
    for (uint32_t col = 0; col < op.cols; col += kChunk) {
      uint32_t n = std::min(kChunk, op.cols - col);
      const uint8_t *p = elementAddress(sram, src, row, col);
      if (isFloatDomain) {
        loadFloat(p, src.type, src.broadcast, n, f_[1].data());
        accumulateLanes(laneF_.data(), lanes_, f_[1].data(), n, floatOp);
      } else {
        loadInt(p, src.type, src.broadcast, n, i_[1].data());
        accumulateLanes(laneI_.data(), lanes_, i_[1].data(), n, intOp);
      }
    }
    uint8_t *p = sram + int64_t{op.dst.addr} + int64_t{row} * op.dst.rowStride;
    if (isFloatDomain) {
      float result = combineLanes(laneF_.data(), lanes_, floatOp);
      storeFloat(p, op.dst.type, 1, &result);
    } else {
      int32_t result = combineLanes(laneI_.data(), lanes_, intOp);
      storeInt(p, op.dst.type, 1, &result);
    }
  }
}

} // namespace nuri::npu
