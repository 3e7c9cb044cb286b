#include "npu_sim/isa/instruction.h"

#include <algorithm>
#include <array>

namespace nuri::npu {
namespace {

constexpr OpcodeInfo sync(Opcode op, std::string_view name) {
  return {op, name, Format::kSync, 1, 0, false, false};
}
constexpr OpcodeInfo dma(Opcode op, std::string_view name) {
  return {op, name, Format::kDma, 4, 0, false, false};
}
constexpr OpcodeInfo matmul(Opcode op, std::string_view name) {
  return {op, name, Format::kMatmul, 3, 0, false, false};
}
constexpr OpcodeInfo vec(Opcode op, std::string_view name, uint8_t sources,
                         bool floatOnly = false, bool reduction = false) {
  return {op, name, Format::kVector, 3, sources, floatOnly, reduction};
}

// Sorted by opcode value.
constexpr OpcodeInfo kOpcodes[] = {
    sync(Opcode::kNop, "nop"),
    sync(Opcode::kWait, "wait"),
    sync(Opcode::kSignal, "sig"),
    dma(Opcode::kDmaLoad, "dma.ld"),
    dma(Opcode::kDmaStore, "dma.st"),
    dma(Opcode::kDmaCopy, "dma.cp"),
    matmul(Opcode::kMatmulI8, "mm.i8"),
    matmul(Opcode::kMatmulBf16, "mm.bf16"),
    vec(Opcode::kVMov, "vmov", 1),
    vec(Opcode::kVAdd, "vadd", 2),
    vec(Opcode::kVSub, "vsub", 2),
    vec(Opcode::kVMul, "vmul", 2),
    vec(Opcode::kVDiv, "vdiv", 2, true),
    vec(Opcode::kVMax, "vmax", 2),
    vec(Opcode::kVMin, "vmin", 2),
    vec(Opcode::kVCmp, "vcmp", 2),
    vec(Opcode::kVSel, "vsel", 3),
    vec(Opcode::kVMad, "vmad", 3),
    vec(Opcode::kVExp, "vexp", 1, true),
    vec(Opcode::kVLog, "vlog", 1, true),
    vec(Opcode::kVTanh, "vtanh", 1, true),
    vec(Opcode::kVErf, "verf", 1, true),
    vec(Opcode::kVSigmoid, "vsigm", 1, true),
    vec(Opcode::kVRsqrt, "vrsqrt", 1, true),
    vec(Opcode::kVRecip, "vrecip", 1, true),
    vec(Opcode::kVSqrt, "vsqrt", 1, true),
    vec(Opcode::kVAbs, "vabs", 1),
    vec(Opcode::kVNeg, "vneg", 1),
    vec(Opcode::kVRSum, "vrsum", 1, false, true),
    vec(Opcode::kVRMax, "vrmax", 1, false, true),
    vec(Opcode::kVRMin, "vrmin", 1, false, true),
    vec(Opcode::kVCvt, "vcvt", 1),
};

// kOpcodes' entry for each opcode byte, or nullptr.
constexpr std::array<const OpcodeInfo *, 256> kByRaw = [] {
  std::array<const OpcodeInfo *, 256> byRaw{};
  for (const OpcodeInfo &info : kOpcodes)
    byRaw[static_cast<uint8_t>(info.opcode)] = &info;
  return byRaw;
}();

} // namespace

const OpcodeInfo *findOpcode(uint8_t raw) { return kByRaw[raw]; }

const OpcodeInfo &opcodeInfo(Opcode opcode) {
  // Every enumerator is in the table.
  return *kByRaw[static_cast<uint8_t>(opcode)];
}

std::span<const OpcodeInfo> allOpcodes() { return kOpcodes; }

bool runsOn(Opcode opcode, EngineKind kind) {
  switch (opcodeInfo(opcode).format) {
  case Format::kSync:
    return true;
  case Format::kDma:
    return kind == EngineKind::kDma;
  case Format::kMatmul:
    return kind == EngineKind::kMatrix;
  case Format::kVector:
    return kind == EngineKind::kVector;
  }
  return false;
}

uint32_t wordOffset(std::span<const Instruction> instructions, size_t index) {
  uint32_t words = 0;
  for (const Instruction &instruction : instructions.first(index))
    words += opcodeInfo(instruction.opcode).words;
  return words;
}

uint32_t vtypeSize(VType type) {
  switch (type) {
  case VType::kF32:
  case VType::kI32:
    return 4;
  case VType::kBF16:
    return 2;
  case VType::kI8:
    return 1;
  }
  return 0;
}

std::string_view vtypeName(VType type) {
  switch (type) {
  case VType::kF32:
    return "f32";
  case VType::kBF16:
    return "bf16";
  case VType::kI32:
    return "i32";
  case VType::kI8:
    return "i8";
  }
  return "?";
}

std::optional<VType> parseVType(std::string_view name) {
  for (VType type : {VType::kF32, VType::kBF16, VType::kI32, VType::kI8})
    if (vtypeName(type) == name)
      return type;
  return std::nullopt;
}

bool isFloat(VType type) { return type == VType::kF32 || type == VType::kBF16; }

std::string_view cmpPredName(CmpPred pred) {
  static constexpr std::string_view kNames[] = {"eq", "ne", "lt",
                                                "le", "gt", "ge"};
  auto index = static_cast<size_t>(pred);
  return index < std::size(kNames) ? kNames[index] : "?";
}

std::optional<CmpPred> parseCmpPred(std::string_view name) {
  for (uint8_t i = 0; i < 6; ++i)
    if (cmpPredName(static_cast<CmpPred>(i)) == name)
      return static_cast<CmpPred>(i);
  return std::nullopt;
}

} // namespace nuri::npu
