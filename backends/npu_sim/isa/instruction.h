// Instructions of the Nuri reference NPU (docs/npu/isa.md): opcodes, the
// operand structs of the four instruction formats, and the opcode table.
// Plain C++ with no LLVM, shared by the simulator and the compiler target.
#ifndef NURI_NPU_ISA_INSTRUCTION_H
#define NURI_NPU_ISA_INSTRUCTION_H

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

namespace nuri::npu {

// The ISA version a program header carries. A simulator runs programs whose
// major version equals its own and whose minor version is not newer.
inline constexpr uint16_t kIsaVersionMajor = 1;
inline constexpr uint16_t kIsaVersionMinor = 0;

enum class Opcode : uint8_t {
  // Sync format, any engine.
  kNop = 0x01,
  kWait = 0x02,
  kSignal = 0x03,
  // DMA format, DMA engines.
  kDmaLoad = 0x10,  // DRAM -> SRAM
  kDmaStore = 0x11, // SRAM -> DRAM
  kDmaCopy = 0x12,  // SRAM -> SRAM
  // Matmul format, matrix engine.
  kMatmulI8 = 0x20,
  kMatmulBf16 = 0x21,
  // Vector format, vector engine.
  kVMov = 0x40,
  kVAdd = 0x41,
  kVSub = 0x42,
  kVMul = 0x43,
  kVDiv = 0x44,
  kVMax = 0x45,
  kVMin = 0x46,
  kVCmp = 0x47,
  kVSel = 0x48,
  kVMad = 0x49,
  kVExp = 0x50,
  kVLog = 0x51,
  kVTanh = 0x52,
  kVErf = 0x53,
  kVSigmoid = 0x54,
  kVRsqrt = 0x55,
  kVRecip = 0x56,
  kVSqrt = 0x57,
  kVAbs = 0x58,
  kVNeg = 0x59,
  kVRSum = 0x60,
  kVRMax = 0x61,
  kVRMin = 0x62,
  kVCvt = 0x68,
};

enum class Format : uint8_t { kSync, kDma, kMatmul, kVector };

// The engine kinds of a core; each engine has its own instruction queue.
enum class EngineKind : uint8_t { kDma, kMatrix, kVector };

// Element types of vector operands (2-bit codes in the encoding).
enum class VType : uint8_t { kF32 = 0, kBF16 = 1, kI32 = 2, kI8 = 3 };

// vcmp predicates (4-bit codes in the encoding).
enum class CmpPred : uint8_t {
  kEq = 0,
  kNe = 1,
  kLt = 2,
  kLe = 3,
  kGt = 4,
  kGe = 5
};

// Semaphore ids: 0..31 are the core's local semaphores (s0..s31), 32..63
// the chip-wide global ones (g0..g31).
inline constexpr uint8_t kGlobalSemaphoreBase = 32;
inline constexpr uint8_t kSemaphoreIds = 64;

// nop (value = cycles), wait (until semaphore >= value), sig (+= value).
struct SyncOp {
  uint8_t semaphore = 0;
  uint32_t value = 0;
};

// A strided copy of up to 4 dimensions. Index 0 is the outermost dimension,
// 3 the innermost; unused outer dimensions have count 1 and stride 0.
// dma.ld/dma.st: the "far" side is DRAM (region, offset); dma.cp: the far
// side is the source SRAM address (in `farOffset`, region 0).
struct DmaOp {
  uint8_t elemSizeLog2 = 0; // element size 1 << elemSizeLog2 bytes (1..8)
  uint8_t region = 0;
  uint64_t farOffset = 0; // DRAM byte offset (48 bits) or source SRAM address
  uint32_t sram = 0;      // SRAM byte address (destination for ld and cp)
  std::array<uint32_t, 4> dims = {1, 1, 1, 1};       // element counts (24 bits)
  std::array<int32_t, 4> farStrides = {0, 0, 0, 0};  // bytes
  std::array<int32_t, 4> sramStrides = {0, 0, 0, 0}; // bytes
};

// acc[i][j] (+)= sum_k a[i][k] * b[k][j] for i < m, j < n, k < k.
// Row i of A starts at a + (i / aGroupRows) * aGroupStride +
// (i % aGroupRows) * aStride (aGroupRows 0: a + i * aStride), which lets one
// instruction read a convolution window (implicit GEMM).
struct MatmulOp {
  uint32_t acc = 0, a = 0, b = 0; // SRAM byte addresses
  uint16_t m = 1, k = 1, n = 1;
  uint16_t aGroupRows = 0;
  uint32_t accStride = 0, aStride = 0, aGroupStride = 0, bStride = 0;
  bool accumulate = false;
};

// A 2-D vector operand: rows of `cols` contiguous elements, row r at
// addr + r * rowStride; `broadcast` reads one element per row for every
// column.
struct VOperand {
  uint32_t addr = 0;
  VType type = VType::kF32;
  int32_t rowStride = 0;
  bool broadcast = false;
  bool operator==(const VOperand &) const = default;
};

struct VectorOp {
  VOperand dst;
  std::array<VOperand, 3> src; // a, b, c
  uint16_t rows = 1;
  uint32_t cols = 1;     // 24 bits
  uint8_t immSource = 0; // 0: none; 1..3: source a..c is the immediate
  uint32_t imm = 0;      // fp32 bits (float ops) or int32 (integer ops)
  CmpPred pred = CmpPred::kEq;
};

using Operands = std::variant<SyncOp, DmaOp, MatmulOp, VectorOp>;

struct Instruction {
  Opcode opcode = Opcode::kNop;
  Operands operands = SyncOp{0, 1};

  const SyncOp &sync() const { return std::get<SyncOp>(operands); }
  const DmaOp &dma() const { return std::get<DmaOp>(operands); }
  const MatmulOp &matmul() const { return std::get<MatmulOp>(operands); }
  const VectorOp &vector() const { return std::get<VectorOp>(operands); }
};

// Static facts about one opcode.
struct OpcodeInfo {
  Opcode opcode;
  std::string_view mnemonic; // "vadd"; vcmp's predicate is a suffix
  Format format;
  uint8_t words;   // 128-bit words the instruction occupies
  uint8_t sources; // vector format: sources read (1..3)
  bool floatOnly;  // vector format: only f32/bf16 operands
  bool reduction;  // vector format: one result per row
};

// nullptr for a byte that is no opcode.
const OpcodeInfo *findOpcode(uint8_t raw);
const OpcodeInfo &opcodeInfo(Opcode opcode);
// Every opcode, in numeric order.
std::span<const OpcodeInfo> allOpcodes();
// True when `opcode` may sit in the queue of an engine of `kind`.
bool runsOn(Opcode opcode, EngineKind kind);
// The index of the first word of instructions[index] in its encoded stream
// (the words of the instructions before it); `index` may be the size, for
// the stream's length in words.
uint32_t wordOffset(std::span<const Instruction> instructions, size_t index);

// Element size in bytes of a vector type.
uint32_t vtypeSize(VType type);
std::string_view vtypeName(VType type); // "f32", "bf16", "i32", "i8"
std::optional<VType> parseVType(std::string_view name);
bool isFloat(VType type);
std::string_view cmpPredName(CmpPred pred); // "eq", "lt", ...
std::optional<CmpPred> parseCmpPred(std::string_view name);

} // namespace nuri::npu

#endif // NURI_NPU_ISA_INSTRUCTION_H
