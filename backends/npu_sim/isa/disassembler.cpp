#include "npu_sim/isa/disassembler.h"

#include "nuri/float16.h"
#include "nuri/status.h"

#include <cstdio>
#include <sstream>

namespace nuri::npu {
namespace {

template <typename T> std::string list(const T *values, size_t count) {
  std::string s = "[";
  for (size_t i = 0; i < count; ++i)
    s += strCat(i ? ", " : "", values[i]);
  return s + "]";
}

// Leading dimensions that only pad (count 1, both strides 0) are left out;
// the innermost one is always shown.
size_t firstShownDim(const DmaOp &op) {
  size_t first = 0;
  while (first < 3 && op.dims[first] == 1 && op.farStrides[first] == 0 &&
         op.sramStrides[first] == 0)
    ++first;
  return first;
}

std::string dmaText(std::string_view mnemonic, Opcode opcode, const DmaOp &op) {
  std::string dram = strCat("%", int(op.region), "+", hexString(op.farOffset));
  std::string sram = hexString(op.sram);
  std::string s(mnemonic);
  if (opcode == Opcode::kDmaLoad)
    s += strCat(" ", sram, ", ", dram);
  else if (opcode == Opcode::kDmaStore)
    s += strCat(" ", dram, ", ", sram);
  else
    s += strCat(" ", sram, ", ", hexString(op.farOffset));
  size_t first = firstShownDim(op);
  size_t count = 4 - first;
  const char *farName = opcode == Opcode::kDmaCopy ? "src" : "dram";
  const char *nearName = opcode == Opcode::kDmaCopy ? "dst" : "sram";
  s +=
      strCat(", dims=", list(op.dims.data() + first, count),
             ", esize=", 1u << op.elemSizeLog2, ", ", farName,
             "_strides=", list(op.farStrides.data() + first, count), ", ",
             nearName, "_strides=", list(op.sramStrides.data() + first, count));
  return s;
}

std::string matmulText(std::string_view mnemonic, const MatmulOp &op) {
  std::string s =
      strCat(mnemonic, " ", hexString(op.acc), ", ", hexString(op.a), ", ",
             hexString(op.b), ", m=", op.m, ", k=", op.k, ", n=", op.n,
             ", acc_stride=", op.accStride, ", a_stride=", op.aStride,
             ", b_stride=", op.bStride);
  if (op.aGroupRows != 0)
    s += strCat(", a_group=", op.aGroupRows,
                ", a_group_stride=", op.aGroupStride);
  if (op.accumulate)
    s += ", accumulate";
  return s;
}

std::string immText(uint32_t bits, bool floatDomain) {
  if (!floatDomain)
    return strCat("#", static_cast<int32_t>(bits));
  float value = bitsToFloat(bits);
  if (value != value)
    return strCat("#raw(", hexString(bits), ")");
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(value));
  return strCat("#", buffer);
}

std::string operandText(const VOperand &operand) {
  return strCat(hexString(operand.addr), ":", vtypeName(operand.type));
}

std::string vectorText(const OpcodeInfo &info, const VectorOp &op) {
  std::string s(info.mnemonic);
  if (info.opcode == Opcode::kVCmp)
    s += strCat(".", cmpPredName(op.pred));
  bool floatDomain = isFloat(op.dst.type);
  s += strCat(" ", operandText(op.dst));
  std::vector<int32_t> strides = {op.dst.rowStride};
  std::string bcast;
  static constexpr const char *kNames[] = {"a", "b", "c"};
  for (unsigned i = 0; i < info.sources; ++i) {
    const VOperand &src = op.src[i];
    s += ", ";
    s +=
        op.immSource == i + 1 ? immText(op.imm, floatDomain) : operandText(src);
    strides.push_back(src.rowStride);
    if (src.broadcast)
      bcast += strCat(bcast.empty() ? "" : ", ", kNames[i]);
  }
  s += strCat(", rows=", op.rows, ", cols=", op.cols,
              ", rs=", list(strides.data(), strides.size()));
  if (!bcast.empty())
    s += strCat(", bcast=[", bcast, "]");
  return s;
}

} // namespace

std::string hexText(bool negative, uint64_t magnitude) {
  std::ostringstream os;
  os << (negative ? "-0x" : "0x") << std::hex << magnitude;
  return os.str();
}

std::string semaphoreName(uint8_t id) {
  return id >= kGlobalSemaphoreBase
             ? strCat("g", int(id - kGlobalSemaphoreBase))
             : strCat("s", int(id));
}

std::string disassemble(const Instruction &instruction) {
  const OpcodeInfo *info = findOpcode(static_cast<uint8_t>(instruction.opcode));
  if (!info)
    return strCat("<bad opcode ", hexString(uint8_t(instruction.opcode)), ">");
  switch (info->format) {
  case Format::kSync: {
    const SyncOp &op = instruction.sync();
    if (info->opcode == Opcode::kNop)
      return op.value == 1 ? "nop" : strCat("nop ", op.value);
    return strCat(info->mnemonic, " ", semaphoreName(op.semaphore), ", ",
                  op.value);
  }
  case Format::kDma:
    return dmaText(info->mnemonic, info->opcode, instruction.dma());
  case Format::kMatmul:
    return matmulText(info->mnemonic, instruction.matmul());
  case Format::kVector:
    return vectorText(*info, instruction.vector());
  }
  return "?";
}

std::string disassembleProgram(const Program &program) {
  std::string s =
      strCat(".isa ", program.isaMajor, ".", program.isaMinor, "\n.profile ",
             program.profile, "\n.sram ", program.sramBytes, "\n");
  for (size_t r = 0; r < program.regions.size(); ++r)
    s +=
        strCat(".region ", r, " ", regionDescription(program.regions[r]), "\n");
  for (size_t c = 0; c < program.cores.size(); ++c) {
    s += strCat(".core ", c, "\n");
    for (const Stream &stream : program.cores[c].streams) {
      s += strCat(".engine ", stream.engine.name(), "\n");
      for (const Instruction &instruction : stream.instructions)
        s += strCat("  ", disassemble(instruction), "\n");
    }
  }
  return s;
}

} // namespace nuri::npu
