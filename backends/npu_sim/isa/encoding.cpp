#include "npu_sim/isa/encoding.h"

#include "npu_sim/isa/bit_fields.h"

#include <initializer_list>

namespace nuri::npu {
namespace {

using detail::InstructionBits;

struct Field {
  unsigned offset;
  unsigned width;
};

// The layouts of docs/npu/isa.md. Bits not named here are reserved (zero).
constexpr Field kOpcode{0, 8}, kExtraWords{8, 2};

namespace sync_fields {
constexpr Field kSemaphore{16, 6}, kValue{32, 32};
constexpr Field kAll[] = {kSemaphore, kValue};
} // namespace sync_fields

namespace dma_fields {
constexpr Field kElemSize{16, 2}, kRegion{24, 8}, kSram{80, 32};
// farOffset (48 bits) spans bits 32..79, across the first two halves'
// boundary, so it is stored as two parts: 32..63 and 64..79.
constexpr Field kFarLow{32, 32}, kFarHigh{64, 16};
// Four 24-bit dims: 0 and 1 in bits 128..175, 2 and 3 in bits 192..239 (a
// field never crosses a 64-bit half).
constexpr Field dimField(unsigned i) {
  return i < 2 ? Field{128 + 24 * i, 24} : Field{192 + 24 * (i - 2), 24};
}
constexpr Field farStride(unsigned i) { return {256 + 32 * i, 32}; }
constexpr Field sramStride(unsigned i) { return {384 + 32 * i, 32}; }
} // namespace dma_fields

namespace mm_fields {
constexpr Field kAccumulate{16, 1}, kAcc{32, 32}, kA{64, 32}, kB{96, 32},
    kM{128, 16}, kK{144, 16}, kN{160, 16}, kAGroupRows{176, 16},
    kAccStride{192, 32}, kAStride{224, 32}, kAGroupStride{256, 32},
    kBStride{288, 32};
constexpr Field kAll[] = {kAccumulate,
                          kAcc,
                          kA,
                          kB,
                          kM,
                          kK,
                          kN,
                          kAGroupRows,
                          kAccStride,
                          kAStride,
                          kAGroupStride,
                          kBStride};
} // namespace mm_fields

namespace vec_fields {
constexpr Field kDstType{16, 2};
constexpr Field srcType(unsigned i) { return {18 + 2 * i, 2}; }
constexpr Field srcBroadcast(unsigned i) { return {24 + i, 1}; }
constexpr Field kImmSource{28, 2}, kPred{32, 4}, kRows{48, 16}, kCols{64, 24},
    kImm{96, 32}, kDstAddr{128, 32};
constexpr Field srcAddr(unsigned i) { return {160 + 32 * i, 32}; }
constexpr Field kDstStride{256, 32};
constexpr Field srcStride(unsigned i) { return {288 + 32 * i, 32}; }
} // namespace vec_fields

// Every named bit of a format, for the reserved-bits check.
InstructionBits usedBits(Format format) {
  InstructionBits bits;
  auto mark = [&](Field f) { bits.put(f.offset, f.width, ~uint64_t{0}); };
  mark(kOpcode);
  mark(kExtraWords);
  switch (format) {
  case Format::kSync:
    for (Field f : sync_fields::kAll)
      mark(f);
    break;
  case Format::kDma:
    for (Field f :
         {dma_fields::kElemSize, dma_fields::kRegion, dma_fields::kFarLow,
          dma_fields::kFarHigh, dma_fields::kSram})
      mark(f);
    for (unsigned i = 0; i < 4; ++i) {
      mark(dma_fields::dimField(i));
      mark(dma_fields::farStride(i));
      mark(dma_fields::sramStride(i));
    }
    break;
  case Format::kMatmul:
    for (Field f : mm_fields::kAll)
      mark(f);
    break;
  case Format::kVector:
    for (Field f :
         {vec_fields::kDstType, vec_fields::kImmSource, vec_fields::kPred,
          vec_fields::kRows, vec_fields::kCols, vec_fields::kImm,
          vec_fields::kDstAddr, vec_fields::kDstStride})
      mark(f);
    for (unsigned i = 0; i < 3; ++i) {
      mark(vec_fields::srcType(i));
      mark(vec_fields::srcBroadcast(i));
      mark(vec_fields::srcAddr(i));
      mark(vec_fields::srcStride(i));
    }
    break;
  }
  return bits;
}

constexpr uint32_t kMaxDim = (1u << 24) - 1;
constexpr uint64_t kMaxFarOffset = (uint64_t{1} << 48) - 1;

Status validateSync(std::string_view name, Opcode opcode, const SyncOp &op) {
  if (opcode == Opcode::kNop) {
    if (op.semaphore != 0)
      return invalidArgument(name, ": takes no semaphore");
    if (op.value == 0)
      return invalidArgument(name, ": needs at least 1 cycle");
    return okStatus();
  }
  if (op.semaphore >= kSemaphoreIds)
    return invalidArgument(name, ": semaphore id ", int(op.semaphore),
                           " is not below ", int(kSemaphoreIds));
  if (opcode == Opcode::kSignal && op.value == 0)
    return invalidArgument(name, ": increment must be at least 1");
  return okStatus();
}

Status validateDma(std::string_view name, Opcode opcode, const DmaOp &op) {
  if (op.elemSizeLog2 > 3)
    return invalidArgument(name, ": element size code ", int(op.elemSizeLog2),
                           " is not 0..3 (1, 2, 4 or 8 bytes)");
  for (unsigned i = 0; i < 4; ++i)
    if (op.dims[i] == 0 || op.dims[i] > kMaxDim)
      return invalidArgument(name, ": dims[", i, "] = ", op.dims[i],
                             " is not in 1..", kMaxDim);
  if (opcode == Opcode::kDmaCopy) {
    if (op.region != 0)
      return invalidArgument(name, ": a SRAM copy has no DRAM region");
    if (op.farOffset > UINT32_MAX)
      return invalidArgument(name, ": source SRAM address ", op.farOffset,
                             " does not fit 32 bits");
  } else if (op.farOffset > kMaxFarOffset) {
    return invalidArgument(name, ": DRAM offset ", op.farOffset,
                           " does not fit 48 bits");
  }
  return okStatus();
}

Status validateMatmul(std::string_view name, const MatmulOp &op) {
  if (op.m == 0 || op.k == 0 || op.n == 0)
    return invalidArgument(name,
                           ": m, k and n must be at least 1 (got m=", op.m,
                           " k=", op.k, " n=", op.n, ")");
  if (op.aGroupRows == 0 && op.aGroupStride != 0)
    return invalidArgument(name,
                           ": a_group_stride needs a_group (rows per group)");
  return okStatus();
}

Status validateVector(std::string_view name, const OpcodeInfo &info,
                      const VectorOp &op) {
  if (op.rows == 0)
    return invalidArgument(name, ": rows must be at least 1");
  if (op.cols == 0 || op.cols > kMaxDim)
    return invalidArgument(name, ": cols = ", op.cols, " is not in 1..",
                           kMaxDim);
  if (static_cast<uint8_t>(op.pred) > 5)
    return invalidArgument(name, ": predicate code ", int(op.pred),
                           " is not 0..5");
  if (info.opcode != Opcode::kVCmp && op.pred != CmpPred::kEq)
    return invalidArgument(name, ": only vcmp takes a predicate");
  if (op.immSource > info.sources)
    return invalidArgument(name, ": immediate replaces source ",
                           int(op.immSource), " but the op reads ",
                           int(info.sources));
  if (op.immSource != 0 && info.opcode == Opcode::kVCvt)
    return invalidArgument(name, ": vcvt takes no immediate");
  if (op.immSource == 0 && op.imm != 0)
    return invalidArgument(name, ": immediate bits set without an immediate");
  bool floatDomain = isFloat(op.dst.type);
  if (info.floatOnly && !floatDomain)
    return invalidArgument(name, ": operates on f32/bf16 only, not ",
                           vtypeName(op.dst.type));
  static constexpr const char *kSourceNames[] = {"a", "b", "c"};
  for (unsigned i = 0; i < 3; ++i) {
    const VOperand &src = op.src[i];
    if (i >= info.sources) {
      if (!(src == VOperand{}))
        return invalidArgument(name, ": unused source ", kSourceNames[i],
                               " must be all zero");
      continue;
    }
    if (op.immSource == i + 1) {
      VType immType = floatDomain ? VType::kF32 : VType::kI32;
      if (src.addr != 0 || src.rowStride != 0 || src.broadcast ||
          src.type != immType)
        return invalidArgument(name, ": immediate source ", kSourceNames[i],
                               " must have type ", vtypeName(immType),
                               " and zero address, stride and broadcast");
      continue;
    }
    if (info.opcode != Opcode::kVCvt && isFloat(src.type) != floatDomain)
      return invalidArgument(name, ": source ", kSourceNames[i], " is ",
                             vtypeName(src.type), " but the destination is ",
                             vtypeName(op.dst.type),
                             " (only vcvt mixes float and integer)");
  }
  return okStatus();
}

void encodeSync(const SyncOp &op, InstructionBits &bits) {
  bits.put(sync_fields::kSemaphore.offset, sync_fields::kSemaphore.width,
           op.semaphore);
  bits.put(sync_fields::kValue.offset, sync_fields::kValue.width, op.value);
}

SyncOp decodeSync(const InstructionBits &bits) {
  SyncOp op;
  op.semaphore = static_cast<uint8_t>(
      bits.get(sync_fields::kSemaphore.offset, sync_fields::kSemaphore.width));
  op.value = static_cast<uint32_t>(
      bits.get(sync_fields::kValue.offset, sync_fields::kValue.width));
  return op;
}

void put(InstructionBits &bits, Field f, uint64_t value) {
  bits.put(f.offset, f.width, value);
}
void putSigned(InstructionBits &bits, Field f, int64_t value) {
  bits.putSigned(f.offset, f.width, value);
}
uint64_t get(const InstructionBits &bits, Field f) {
  return bits.get(f.offset, f.width);
}
int64_t getSigned(const InstructionBits &bits, Field f) {
  return bits.getSigned(f.offset, f.width);
}

void encodeDma(const DmaOp &op, InstructionBits &bits) {
  using namespace dma_fields;
  put(bits, kElemSize, op.elemSizeLog2);
  put(bits, kRegion, op.region);
  put(bits, kFarLow, op.farOffset & 0xffffffffu);
  put(bits, kFarHigh, op.farOffset >> 32);
  put(bits, kSram, op.sram);
  for (unsigned i = 0; i < 4; ++i) {
    put(bits, dimField(i), op.dims[i]);
    putSigned(bits, farStride(i), op.farStrides[i]);
    putSigned(bits, sramStride(i), op.sramStrides[i]);
  }
}

DmaOp decodeDma(const InstructionBits &bits) {
  using namespace dma_fields;
  DmaOp op;
  op.elemSizeLog2 = static_cast<uint8_t>(get(bits, kElemSize));
  op.region = static_cast<uint8_t>(get(bits, kRegion));
  op.farOffset = get(bits, kFarLow) | (get(bits, kFarHigh) << 32);
  op.sram = static_cast<uint32_t>(get(bits, kSram));
  for (unsigned i = 0; i < 4; ++i) {
    op.dims[i] = static_cast<uint32_t>(get(bits, dimField(i)));
    op.farStrides[i] = static_cast<int32_t>(getSigned(bits, farStride(i)));
    op.sramStrides[i] = static_cast<int32_t>(getSigned(bits, sramStride(i)));
  }
  return op;
}

void encodeMatmul(const MatmulOp &op, InstructionBits &bits) {
  using namespace mm_fields;
  put(bits, kAccumulate, op.accumulate ? 1 : 0);
  put(bits, kAcc, op.acc);
  put(bits, kA, op.a);
  put(bits, kB, op.b);
  put(bits, kM, op.m);
  put(bits, kK, op.k);
  put(bits, kN, op.n);
  put(bits, kAGroupRows, op.aGroupRows);
  put(bits, kAccStride, op.accStride);
  put(bits, kAStride, op.aStride);
  put(bits, kAGroupStride, op.aGroupStride);
  put(bits, kBStride, op.bStride);
}

MatmulOp decodeMatmul(const InstructionBits &bits) {
  using namespace mm_fields;
  MatmulOp op;
  op.accumulate = get(bits, kAccumulate) != 0;
  op.acc = static_cast<uint32_t>(get(bits, kAcc));
  op.a = static_cast<uint32_t>(get(bits, kA));
  op.b = static_cast<uint32_t>(get(bits, kB));
  op.m = static_cast<uint16_t>(get(bits, kM));
  op.k = static_cast<uint16_t>(get(bits, kK));
  op.n = static_cast<uint16_t>(get(bits, kN));
  op.aGroupRows = static_cast<uint16_t>(get(bits, kAGroupRows));
  op.accStride = static_cast<uint32_t>(get(bits, kAccStride));
  op.aStride = static_cast<uint32_t>(get(bits, kAStride));
  op.aGroupStride = static_cast<uint32_t>(get(bits, kAGroupStride));
  op.bStride = static_cast<uint32_t>(get(bits, kBStride));
  return op;
}

void encodeVector(const VectorOp &op, InstructionBits &bits) {
  using namespace vec_fields;
  put(bits, kDstType, static_cast<uint64_t>(op.dst.type));
  put(bits, kImmSource, op.immSource);
  put(bits, kPred, static_cast<uint64_t>(op.pred));
  put(bits, kRows, op.rows);
  put(bits, kCols, op.cols);
  put(bits, kImm, op.imm);
  put(bits, kDstAddr, op.dst.addr);
  putSigned(bits, kDstStride, op.dst.rowStride);
  for (unsigned i = 0; i < 3; ++i) {
    put(bits, srcType(i), static_cast<uint64_t>(op.src[i].type));
    put(bits, srcBroadcast(i), op.src[i].broadcast ? 1 : 0);
    put(bits, srcAddr(i), op.src[i].addr);
    putSigned(bits, srcStride(i), op.src[i].rowStride);
  }
}

VectorOp decodeVector(const InstructionBits &bits) {
  using namespace vec_fields;
  VectorOp op;
  op.dst.type = static_cast<VType>(get(bits, kDstType));
  op.immSource = static_cast<uint8_t>(get(bits, kImmSource));
  op.pred = static_cast<CmpPred>(get(bits, kPred));
  op.rows = static_cast<uint16_t>(get(bits, kRows));
  op.cols = static_cast<uint32_t>(get(bits, kCols));
  op.imm = static_cast<uint32_t>(get(bits, kImm));
  op.dst.addr = static_cast<uint32_t>(get(bits, kDstAddr));
  op.dst.rowStride = static_cast<int32_t>(getSigned(bits, kDstStride));
  for (unsigned i = 0; i < 3; ++i) {
    op.src[i].type = static_cast<VType>(get(bits, srcType(i)));
    op.src[i].broadcast = get(bits, srcBroadcast(i)) != 0;
    op.src[i].addr = static_cast<uint32_t>(get(bits, srcAddr(i)));
    op.src[i].rowStride = static_cast<int32_t>(getSigned(bits, srcStride(i)));
  }
  return op;
}

// True when `operands` holds the struct `format` uses.
bool operandsMatch(Format format, const Operands &operands) {
  switch (format) {
  case Format::kSync:
    return std::holds_alternative<SyncOp>(operands);
  case Format::kDma:
    return std::holds_alternative<DmaOp>(operands);
  case Format::kMatmul:
    return std::holds_alternative<MatmulOp>(operands);
  case Format::kVector:
    return std::holds_alternative<VectorOp>(operands);
  }
  return false;
}

} // namespace

Status validateInstruction(const Instruction &instruction) {
  const OpcodeInfo *info = findOpcode(static_cast<uint8_t>(instruction.opcode));
  if (!info)
    return invalidArgument("bad opcode 0x", std::hex, int(instruction.opcode));
  if (!operandsMatch(info->format, instruction.operands))
    return invalidArgument(info->mnemonic,
                           ": operands are of another instruction format");
  switch (info->format) {
  case Format::kSync:
    return validateSync(info->mnemonic, info->opcode, instruction.sync());
  case Format::kDma:
    return validateDma(info->mnemonic, info->opcode, instruction.dma());
  case Format::kMatmul:
    return validateMatmul(info->mnemonic, instruction.matmul());
  case Format::kVector:
    return validateVector(info->mnemonic, *info, instruction.vector());
  }
  return okStatus();
}

Status encodeInstruction(const Instruction &instruction,
                         std::vector<Word> &out) {
  NURI_RETURN_IF_ERROR(validateInstruction(instruction));
  const OpcodeInfo &info = opcodeInfo(instruction.opcode);
  InstructionBits bits;
  put(bits, kOpcode, static_cast<uint8_t>(info.opcode));
  put(bits, kExtraWords, info.words - 1u);
  switch (info.format) {
  case Format::kSync:
    encodeSync(instruction.sync(), bits);
    break;
  case Format::kDma:
    encodeDma(instruction.dma(), bits);
    break;
  case Format::kMatmul:
    encodeMatmul(instruction.matmul(), bits);
    break;
  case Format::kVector:
    encodeVector(instruction.vector(), bits);
    break;
  }
  for (unsigned w = 0; w < info.words; ++w)
    out.push_back(bits.word(w));
  return okStatus();
}

Result<std::vector<Word>> encodeStream(std::span<const Instruction> stream) {
  std::vector<Word> words;
  for (size_t i = 0; i < stream.size(); ++i) {
    Status status = encodeInstruction(stream[i], words);
    if (!status.ok())
      return status.withContext(strCat("instruction #", i));
  }
  return words;
}

Result<DecodedStream> decodeStream(std::span<const Word> words) {
  DecodedStream decoded;
  size_t w = 0;
  while (w < words.size()) {
    auto where = [&] { return strCat("word ", w); };
    uint8_t raw = static_cast<uint8_t>(words[w].lo & 0xff);
    const OpcodeInfo *info = findOpcode(raw);
    if (!info)
      return dataLoss(where(), ": bad opcode 0x", std::hex, int(raw));
    unsigned extra = static_cast<unsigned>((words[w].lo >> 8) & 3);
    if (extra + 1u != info->words)
      return dataLoss(where(), ": ", info->mnemonic, " is ", int(info->words),
                      " words long but its header says ", extra + 1);
    if (w + info->words > words.size())
      return dataLoss(where(), ": ", info->mnemonic, " needs ",
                      int(info->words), " words but the stream ends after ",
                      words.size() - w);
    InstructionBits bits(words.subspan(w, info->words));
    InstructionBits used = usedBits(info->format);
    for (size_t h = 0; h < 2u * info->words; ++h) {
      uint64_t stray = bits.halves()[h] & ~used.halves()[h];
      if (stray != 0) {
        unsigned bit = 0;
        while (((stray >> bit) & 1) == 0)
          ++bit;
        return dataLoss(where(), ": ", info->mnemonic, " has reserved bit ",
                        h * 64 + bit, " set");
      }
    }
    Instruction instruction;
    instruction.opcode = info->opcode;
    switch (info->format) {
    case Format::kSync:
      instruction.operands = decodeSync(bits);
      break;
    case Format::kDma:
      instruction.operands = decodeDma(bits);
      break;
    case Format::kMatmul:
      instruction.operands = decodeMatmul(bits);
      break;
    case Format::kVector:
      instruction.operands = decodeVector(bits);
      break;
    }
    Status valid = validateInstruction(instruction);
    if (!valid.ok())
      return dataLoss(where(), ": bad encoding: ", valid.message());
    decoded.instructions.push_back(std::move(instruction));
    w += info->words;
  }
  return decoded;
}

} // namespace nuri::npu
