// The instruction half of the assembler: one line's mnemonic and operands
// to an Instruction, with the defaults of docs/npu/isa.md.
#include "npu_sim/isa/asm_instructions.h"

#include "npu_sim/isa/encoding.h"

#include <algorithm>
#include <cctype>

namespace nuri::npu::detail {
namespace {

// The mnemonic table, with vcmp's predicate suffixes spelled out.
struct Mnemonic {
  const OpcodeInfo *info = nullptr;
  CmpPred pred = CmpPred::kEq;
};

std::optional<Mnemonic> findMnemonic(std::string_view name) {
  for (const OpcodeInfo &info : allOpcodes()) {
    if (info.opcode == Opcode::kVCmp) {
      if (name.substr(0, 5) != "vcmp.")
        continue;
      if (std::optional<CmpPred> pred = parseCmpPred(name.substr(5)))
        return Mnemonic{&info, *pred};
      continue;
    }
    if (info.mnemonic == name)
      return Mnemonic{&info};
  }
  return std::nullopt;
}

Status expectPositional(const Operands &ops, size_t count,
                        std::string_view mnemonic, Piece whole,
                        const SourcePosition &pos) {
  if (ops.positional.size() < count)
    return pos.error(whole.column, mnemonic, " takes ", count,
                     " operand(s) before its named ones, got ",
                     ops.positional.size());
  return okStatus();
}

Status rejectExtraPositional(const Operands &ops, size_t count,
                             std::string_view mnemonic,
                             const SourcePosition &pos) {
  if (ops.positional.size() > count)
    return pos.error(ops.positional[count].column, "unexpected operand '",
                     ops.positional[count].text, "' for ", mnemonic);
  return okStatus();
}

// An optional named integer in [lo, hi] (the default when absent).
Result<int64_t> namedInteger(Operands &ops, std::string_view key,
                             int64_t fallback, int64_t lo, int64_t hi,
                             const SourcePosition &pos) {
  const Piece *piece = ops.find(key);
  if (!piece)
    return fallback;
  return parseIntegerIn(*piece, lo, hi, key, pos);
}

Result<int64_t> requiredInteger(Operands &ops, std::string_view key, int64_t lo,
                                int64_t hi, std::string_view mnemonic,
                                Piece whole, const SourcePosition &pos) {
  const Piece *piece = ops.find(key);
  if (!piece)
    return pos.error(whole.column, mnemonic, " needs ", key, "=");
  return parseIntegerIn(*piece, lo, hi, key, pos);
}

Result<SyncOp> buildSync(const OpcodeInfo &info, Operands &ops, Piece whole,
                         const SourcePosition &pos) {
  SyncOp op;
  if (info.opcode == Opcode::kNop) {
    NURI_RETURN_IF_ERROR(rejectExtraPositional(ops, 1, info.mnemonic, pos));
    op.value = 1;
    if (!ops.positional.empty()) {
      NURI_ASSIGN_OR_RETURN(
          int64_t cycles,
          parseIntegerIn(ops.positional[0], 1, UINT32_MAX, "cycles", pos));
      op.value = static_cast<uint32_t>(cycles);
    }
    return op;
  }
  NURI_RETURN_IF_ERROR(expectPositional(ops, 1, info.mnemonic, whole, pos));
  NURI_RETURN_IF_ERROR(rejectExtraPositional(ops, 2, info.mnemonic, pos));
  NURI_ASSIGN_OR_RETURN(op.semaphore, parseSemaphore(ops.positional[0], pos));
  bool isWait = info.opcode == Opcode::kWait;
  if (ops.positional.size() < 2) {
    if (isWait)
      return pos.error(whole.column, "wait needs a value: wait s<n>, <value>");
    op.value = 1;
    return op;
  }
  NURI_ASSIGN_OR_RETURN(int64_t value,
                        parseIntegerIn(ops.positional[1], isWait ? 0 : 1,
                                       UINT32_MAX, "value", pos));
  op.value = static_cast<uint32_t>(value);
  return op;
}

// A list of up to four integers, right-aligned into `out` (outermost
// first) with `pad` in front.
template <typename T>
Status parseDimList(const Piece &piece, size_t expectedCount, int64_t lo,
                    int64_t hi, std::string_view what, T pad,
                    std::array<T, 4> &out, size_t &count,
                    const SourcePosition &pos) {
  NURI_ASSIGN_OR_RETURN(std::vector<Piece> items, parseList(piece, pos));
  if (items.size() > 4)
    return pos.error(piece.column, what, " has ", items.size(),
                     " entries; at most 4");
  if (expectedCount != 0 && items.size() != expectedCount)
    return pos.error(piece.column, what, " has ", items.size(),
                     " entries but dims has ", expectedCount);
  count = items.size();
  out.fill(pad);
  for (size_t i = 0; i < items.size(); ++i) {
    NURI_ASSIGN_OR_RETURN(int64_t v,
                          parseIntegerIn(items[i], lo, hi, what, pos));
    out[4 - items.size() + i] = static_cast<T>(v);
  }
  return okStatus();
}

Result<DmaOp> buildDma(const OpcodeInfo &info, Operands &ops, Piece whole,
                       const SourcePosition &pos) {
  NURI_RETURN_IF_ERROR(expectPositional(ops, 2, info.mnemonic, whole, pos));
  NURI_RETURN_IF_ERROR(rejectExtraPositional(ops, 2, info.mnemonic, pos));
  DmaOp op;
  Piece sramPiece = ops.positional[0], farPiece = ops.positional[1];
  if (info.opcode == Opcode::kDmaStore)
    std::swap(sramPiece, farPiece);
  NURI_ASSIGN_OR_RETURN(int64_t sram, parseIntegerIn(sramPiece, 0, UINT32_MAX,
                                                     "SRAM address", pos));
  op.sram = static_cast<uint32_t>(sram);
  if (info.opcode == Opcode::kDmaCopy) {
    NURI_ASSIGN_OR_RETURN(
        int64_t src,
        parseIntegerIn(farPiece, 0, UINT32_MAX, "source SRAM address", pos));
    op.farOffset = static_cast<uint64_t>(src);
  } else {
    NURI_RETURN_IF_ERROR(
        parseDramAddress(farPiece, pos, op.region, op.farOffset));
  }
  NURI_ASSIGN_OR_RETURN(int64_t esize,
                        namedInteger(ops, "esize", 1, 1, 8, pos));
  if (esize != 1 && esize != 2 && esize != 4 && esize != 8)
    return pos.error(ops.find("esize")->column, "esize must be 1, 2, 4 or 8");
  op.elemSizeLog2 = esize == 1 ? 0 : esize == 2 ? 1 : esize == 4 ? 2 : 3;

  const Piece *dimsPiece = ops.find("dims");
  if (!dimsPiece)
    return pos.error(whole.column, info.mnemonic, " needs dims=[...]");
  size_t count = 0;
  NURI_RETURN_IF_ERROR(parseDimList<uint32_t>(*dimsPiece, 0, 1, (1 << 24) - 1,
                                              "dims", 1, op.dims, count, pos));
  // Default strides: dense row-major over the given dims.
  int64_t dense = esize;
  for (int i = 3; i >= 0; --i) {
    bool given = i >= static_cast<int>(4 - count);
    op.farStrides[i] = op.sramStrides[i] =
        given ? static_cast<int32_t>(dense) : 0;
    dense *= op.dims[i];
    if (given && dense > INT32_MAX)
      return pos.error(dimsPiece->column,
                       "dims span more than 2 GiB; give explicit strides");
  }
  bool copy = info.opcode == Opcode::kDmaCopy;
  const char *farKey = copy ? "src_strides" : "dram_strides";
  const char *nearKey = copy ? "dst_strides" : "sram_strides";
  size_t ignored = 0;
  if (const Piece *p = ops.find(farKey))
    NURI_RETURN_IF_ERROR(parseDimList<int32_t>(*p, count, INT32_MIN, INT32_MAX,
                                               farKey, 0, op.farStrides,
                                               ignored, pos));
  if (const Piece *p = ops.find(nearKey))
    NURI_RETURN_IF_ERROR(parseDimList<int32_t>(*p, count, INT32_MIN, INT32_MAX,
                                               nearKey, 0, op.sramStrides,
                                               ignored, pos));
  return op;
}

Result<MatmulOp> buildMatmul(const OpcodeInfo &info, Operands &ops, Piece whole,
                             const SourcePosition &pos) {
  NURI_RETURN_IF_ERROR(expectPositional(ops, 3, info.mnemonic, whole, pos));
  MatmulOp op;
  uint32_t *addrs[] = {&op.acc, &op.a, &op.b};
  for (size_t i = 0; i < 3; ++i) {
    NURI_ASSIGN_OR_RETURN(
        int64_t addr,
        parseIntegerIn(ops.positional[i], 0, UINT32_MAX, "SRAM address", pos));
    *addrs[i] = static_cast<uint32_t>(addr);
  }
  for (size_t i = 3; i < ops.positional.size(); ++i) {
    if (ops.positional[i].text != "accumulate")
      return pos.error(ops.positional[i].column, "unexpected operand '",
                       ops.positional[i].text, "' for ", info.mnemonic);
    op.accumulate = true;
  }
  auto dim = [&](std::string_view key) {
    return requiredInteger(ops, key, 1, UINT16_MAX, info.mnemonic, whole, pos);
  };
  NURI_ASSIGN_OR_RETURN(int64_t m, dim("m"));
  NURI_ASSIGN_OR_RETURN(int64_t k, dim("k"));
  NURI_ASSIGN_OR_RETURN(int64_t n, dim("n"));
  op.m = static_cast<uint16_t>(m);
  op.k = static_cast<uint16_t>(k);
  op.n = static_cast<uint16_t>(n);
  int64_t esize = info.opcode == Opcode::kMatmulI8 ? 1 : 2;
  auto stride = [&](std::string_view key, int64_t fallback) {
    return namedInteger(ops, key, fallback, 0, UINT32_MAX, pos);
  };
  NURI_ASSIGN_OR_RETURN(int64_t accStride, stride("acc_stride", n * 4));
  NURI_ASSIGN_OR_RETURN(int64_t aStride, stride("a_stride", k * esize));
  NURI_ASSIGN_OR_RETURN(int64_t bStride, stride("b_stride", n * esize));
  NURI_ASSIGN_OR_RETURN(int64_t group,
                        namedInteger(ops, "a_group", 0, 0, UINT16_MAX, pos));
  NURI_ASSIGN_OR_RETURN(int64_t groupStride, stride("a_group_stride", 0));
  op.accStride = static_cast<uint32_t>(accStride);
  op.aStride = static_cast<uint32_t>(aStride);
  op.bStride = static_cast<uint32_t>(bStride);
  op.aGroupRows = static_cast<uint16_t>(group);
  op.aGroupStride = static_cast<uint32_t>(groupStride);
  return op;
}

Result<VectorOp> buildVector(const Mnemonic &mnemonic, Operands &ops,
                             Piece whole, const SourcePosition &pos) {
  const OpcodeInfo &info = *mnemonic.info;
  size_t operandCount = 1u + info.sources;
  NURI_RETURN_IF_ERROR(
      expectPositional(ops, operandCount, info.mnemonic, whole, pos));
  NURI_RETURN_IF_ERROR(
      rejectExtraPositional(ops, operandCount, info.mnemonic, pos));
  VectorOp op;
  op.pred = mnemonic.pred;
  NURI_ASSIGN_OR_RETURN(op.dst, parseVOperand(ops.positional[0], pos));
  bool floatDomain = isFloat(op.dst.type);
  for (unsigned i = 0; i < info.sources; ++i) {
    Piece piece = ops.positional[i + 1];
    if (!isImmediate(piece)) {
      NURI_ASSIGN_OR_RETURN(op.src[i], parseVOperand(piece, pos));
      continue;
    }
    if (op.immSource != 0)
      return pos.error(piece.column, "only one source may be an immediate");
    op.immSource = static_cast<uint8_t>(i + 1);
    op.src[i].type = floatDomain ? VType::kF32 : VType::kI32;
    NURI_ASSIGN_OR_RETURN(op.imm, parseImmediate(piece, floatDomain, pos));
  }
  NURI_ASSIGN_OR_RETURN(int64_t rows,
                        namedInteger(ops, "rows", 1, 1, UINT16_MAX, pos));
  NURI_ASSIGN_OR_RETURN(int64_t cols,
                        requiredInteger(ops, "cols", 1, (1 << 24) - 1,
                                        info.mnemonic, whole, pos));
  op.rows = static_cast<uint16_t>(rows);
  op.cols = static_cast<uint32_t>(cols);
  if (const Piece *bcast = ops.find("bcast")) {
    NURI_ASSIGN_OR_RETURN(std::vector<Piece> names, parseList(*bcast, pos));
    for (Piece name : names) {
      if (name.text.size() != 1 || name.text[0] < 'a' ||
          name.text[0] >= 'a' + info.sources)
        return pos.error(name.column, "bcast names sources a..",
                         char('a' + info.sources - 1), ", not '", name.text,
                         "'");
      unsigned i = static_cast<unsigned>(name.text[0] - 'a');
      if (op.immSource == i + 1)
        return pos.error(name.column, "an immediate cannot be broadcast");
      op.src[i].broadcast = true;
    }
  }
  // Default row strides: dense rows (one element per row when broadcast or
  // for a reduction's destination; 0 for an immediate).
  int64_t cols64 = op.cols;
  op.dst.rowStride = static_cast<int32_t>(vtypeSize(op.dst.type) *
                                          (info.reduction ? 1 : cols64));
  for (unsigned i = 0; i < info.sources; ++i) {
    VOperand &src = op.src[i];
    if (op.immSource == i + 1)
      continue;
    src.rowStride = static_cast<int32_t>(vtypeSize(src.type) *
                                         (src.broadcast ? 1 : cols64));
  }
  if (const Piece *rs = ops.find("rs")) {
    NURI_ASSIGN_OR_RETURN(std::vector<Piece> items, parseList(*rs, pos));
    if (items.size() != operandCount)
      return pos.error(rs->column, "rs needs ", operandCount,
                       " row strides (destination and each source), got ",
                       items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      NURI_ASSIGN_OR_RETURN(
          int64_t v,
          parseIntegerIn(items[i], INT32_MIN, INT32_MAX, "row stride", pos));
      if (i == 0)
        op.dst.rowStride = static_cast<int32_t>(v);
      else
        op.src[i - 1].rowStride = static_cast<int32_t>(v);
    }
  }
  return op;
}

} // namespace

Result<Instruction> buildInstruction(Piece text, const SourcePosition &pos) {
  size_t split = 0;
  while (split < text.text.size() &&
         !std::isspace(static_cast<unsigned char>(text.text[split])))
    ++split;
  std::string_view name = text.text.substr(0, split);
  std::optional<Mnemonic> mnemonic = findMnemonic(name);
  if (!mnemonic)
    return pos.error(text.column, "unknown instruction '", name, "'");
  Piece rest{text.text.substr(split), text.column + split};
  NURI_ASSIGN_OR_RETURN(Operands ops, parseOperands(rest, pos));
  const OpcodeInfo &info = *mnemonic->info;
  Instruction instruction;
  instruction.opcode = info.opcode;
  switch (info.format) {
  case Format::kSync: {
    NURI_ASSIGN_OR_RETURN(SyncOp op, buildSync(info, ops, text, pos));
    instruction.operands = op;
    break;
  }
  case Format::kDma: {
    NURI_ASSIGN_OR_RETURN(DmaOp op, buildDma(info, ops, text, pos));
    instruction.operands = op;
    break;
  }
  case Format::kMatmul: {
    NURI_ASSIGN_OR_RETURN(MatmulOp op, buildMatmul(info, ops, text, pos));
    instruction.operands = op;
    break;
  }
  case Format::kVector: {
    NURI_ASSIGN_OR_RETURN(VectorOp op, buildVector(*mnemonic, ops, text, pos));
    instruction.operands = op;
    break;
  }
  }
  NURI_RETURN_IF_ERROR(ops.checkAllUsed(name, pos));
  Status valid = validateInstruction(instruction);
  if (!valid.ok())
    return pos.error(text.column, valid.message());
  return instruction;
}

std::string_view stripComment(std::string_view line) {
  size_t semicolon = line.find(';');
  size_t slashes = line.find("//");
  return line.substr(0, std::min(semicolon, slashes));
}

} // namespace nuri::npu::detail
