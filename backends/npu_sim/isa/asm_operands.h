// Operand-level parsing for the assembler: splitting a line into operands
// and reading numbers, lists, addresses, semaphores, typed vector operands
// and immediates. Internal to the ISA library.
#ifndef NURI_NPU_ISA_ASM_OPERANDS_H
#define NURI_NPU_ISA_ASM_OPERANDS_H

#include "npu_sim/isa/instruction.h"
#include "nuri/status.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::npu::detail {

// A piece of source text and the 1-based column where it starts.
struct Piece {
  std::string_view text;
  size_t column = 1;
};

// Where errors point: the source name and the current line.
struct SourcePosition {
  std::string_view source;
  size_t line = 1;

  template <typename... Args>
  Status error(size_t column, Args &&...args) const {
    return invalidArgument(source, ":", line, ":", column, ": ",
                           std::forward<Args>(args)...);
  }
};

Piece trim(Piece piece);
// Splits on commas outside [...] and (...); empty pieces are errors.
Result<std::vector<Piece>> splitOperands(Piece text, const SourcePosition &pos);

// An operand list: positional pieces and key=value pieces.
struct Operands {
  std::vector<Piece> positional;
  struct Keyword {
    Piece key;
    Piece value;
    bool used = false;
  };
  std::vector<Keyword> keywords;

  // The value of `key`, marking it used; nullptr when absent.
  const Piece *find(std::string_view key);
  // An error for the first keyword no format asked for.
  Status checkAllUsed(std::string_view mnemonic,
                      const SourcePosition &pos) const;
};
Result<Operands> parseOperands(Piece text, const SourcePosition &pos);

Result<int64_t> parseInteger(Piece piece, const SourcePosition &pos);
// An integer in [lo, hi]; `what` names it in errors.
Result<int64_t> parseIntegerIn(Piece piece, int64_t lo, int64_t hi,
                               std::string_view what,
                               const SourcePosition &pos);
// "[1, 2, 3]" (a bare value is a one-element list).
Result<std::vector<Piece>> parseList(Piece piece, const SourcePosition &pos);
// "%<region>" or "%<region>+<offset>".
Status parseDramAddress(Piece piece, const SourcePosition &pos, uint8_t &region,
                        uint64_t &offset);
// "s<0..31>" or "g<0..31>".
Result<uint8_t> parseSemaphore(Piece piece, const SourcePosition &pos);
// "<address>:<type>".
Result<VOperand> parseVOperand(Piece piece, const SourcePosition &pos);
bool isImmediate(Piece piece);
// "#1.5", "#-inf", "#raw(0x7fc00000)" (float) or "#-3" (integer): the bits.
Result<uint32_t> parseImmediate(Piece piece, bool floatDomain,
                                const SourcePosition &pos);

} // namespace nuri::npu::detail

#endif // NURI_NPU_ISA_ASM_OPERANDS_H
