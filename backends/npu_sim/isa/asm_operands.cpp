#include "npu_sim/isa/asm_operands.h"

#include "nuri/float16.h"

#include <cctype>
#include <cstdlib>

namespace nuri::npu::detail {

Piece trim(Piece piece) {
  std::string_view text = piece.text;
  size_t column = piece.column;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text[0]))) {
    text.remove_prefix(1);
    ++column;
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return {text, column};
}

Result<std::vector<Piece>> splitOperands(Piece text,
                                         const SourcePosition &pos) {
  std::vector<Piece> pieces;
  text = trim(text);
  if (text.text.empty())
    return pieces;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= text.text.size(); ++i) {
    char c = i < text.text.size() ? text.text[i] : ',';
    if (c == '[' || c == '(')
      ++depth;
    else if (c == ']' || c == ')')
      --depth;
    if (depth < 0)
      return pos.error(text.column + i, "unbalanced '", c, "'");
    if (c != ',' || depth > 0)
      continue;
    Piece piece =
        trim({text.text.substr(start, i - start), text.column + start});
    if (piece.text.empty())
      return pos.error(piece.column, "empty operand");
    pieces.push_back(piece);
    start = i + 1;
  }
  if (depth != 0)
    return pos.error(text.column + text.text.size(), "missing ']' or ')'");
  return pieces;
}

const Piece *Operands::find(std::string_view key) {
  for (Keyword &keyword : keywords)
    if (keyword.key.text == key) {
      keyword.used = true;
      return &keyword.value;
    }
  return nullptr;
}

Status Operands::checkAllUsed(std::string_view mnemonic,
                              const SourcePosition &pos) const {
  for (const Keyword &keyword : keywords)
    if (!keyword.used)
      return pos.error(keyword.key.column, mnemonic, " has no operand '",
                       keyword.key.text, "'");
  return okStatus();
}

Result<Operands> parseOperands(Piece text, const SourcePosition &pos) {
  NURI_ASSIGN_OR_RETURN(std::vector<Piece> pieces, splitOperands(text, pos));
  Operands operands;
  for (Piece piece : pieces) {
    size_t eq = piece.text.find('=');
    size_t bracket = piece.text.find_first_of("[(");
    if (eq == std::string_view::npos ||
        (bracket != std::string_view::npos && bracket < eq)) {
      operands.positional.push_back(piece);
      continue;
    }
    Piece key = trim({piece.text.substr(0, eq), piece.column});
    Piece value = trim({piece.text.substr(eq + 1), piece.column + eq + 1});
    if (key.text.empty())
      return pos.error(piece.column, "missing name before '='");
    if (value.text.empty())
      return pos.error(value.column, "missing value for '", key.text, "'");
    for (const Operands::Keyword &seen : operands.keywords)
      if (seen.key.text == key.text)
        return pos.error(key.column, "'", key.text, "' given twice");
    operands.keywords.push_back({key, value});
  }
  return operands;
}

Result<int64_t> parseInteger(Piece piece, const SourcePosition &pos) {
  std::string_view text = piece.text;
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  if (text.empty())
    return pos.error(piece.column, "expected a number, got '", piece.text, "'");
  uint64_t value = 0;
  for (char c : text) {
    int digit;
    if (c >= '0' && c <= '9')
      digit = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
      digit = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F')
      digit = c - 'A' + 10;
    else
      return pos.error(piece.column, "expected a number, got '", piece.text,
                       "'");
    if (value > (uint64_t{1} << 62) / base)
      return pos.error(piece.column, "number '", piece.text, "' is too large");
    value = value * base + digit;
  }
  int64_t signedValue = static_cast<int64_t>(value);
  return negative ? -signedValue : signedValue;
}

Result<int64_t> parseIntegerIn(Piece piece, int64_t lo, int64_t hi,
                               std::string_view what,
                               const SourcePosition &pos) {
  NURI_ASSIGN_OR_RETURN(int64_t value, parseInteger(piece, pos));
  if (value < lo || value > hi)
    return pos.error(piece.column, what, " ", value, " is not in ", lo, "..",
                     hi);
  return value;
}

Result<std::vector<Piece>> parseList(Piece piece, const SourcePosition &pos) {
  if (piece.text.empty() || piece.text[0] != '[')
    return std::vector<Piece>{piece};
  if (piece.text.back() != ']')
    return pos.error(piece.column, "list '", piece.text, "' lacks its ']'");
  Piece inner{piece.text.substr(1, piece.text.size() - 2), piece.column + 1};
  NURI_ASSIGN_OR_RETURN(std::vector<Piece> items, splitOperands(inner, pos));
  if (items.empty())
    return pos.error(piece.column, "empty list");
  return items;
}

Status parseDramAddress(Piece piece, const SourcePosition &pos, uint8_t &region,
                        uint64_t &offset) {
  if (piece.text.empty() || piece.text[0] != '%')
    return pos.error(piece.column,
                     "expected a DRAM address %<region>+<offset>,"
                     " got '",
                     piece.text, "'");
  std::string_view rest = piece.text.substr(1);
  size_t plus = rest.find('+');
  Piece regionPiece{rest.substr(0, plus), piece.column + 1};
  NURI_ASSIGN_OR_RETURN(int64_t r,
                        parseIntegerIn(regionPiece, 0, 255, "region", pos));
  region = static_cast<uint8_t>(r);
  offset = 0;
  if (plus != std::string_view::npos) {
    Piece offsetPiece = trim({rest.substr(plus + 1), piece.column + 2 + plus});
    NURI_ASSIGN_OR_RETURN(int64_t o,
                          parseIntegerIn(offsetPiece, 0, (int64_t{1} << 48) - 1,
                                         "DRAM offset", pos));
    offset = static_cast<uint64_t>(o);
  }
  return okStatus();
}

Result<uint8_t> parseSemaphore(Piece piece, const SourcePosition &pos) {
  std::string_view text = piece.text;
  if (text.size() < 2 || (text[0] != 's' && text[0] != 'g'))
    return pos.error(piece.column, "expected a semaphore s<n> or g<n>, got '",
                     text, "'");
  NURI_ASSIGN_OR_RETURN(int64_t n,
                        parseInteger({text.substr(1), piece.column + 1}, pos));
  if (n < 0 || n > 31)
    return pos.error(piece.column, "semaphore ", text, " is not in ", text[0],
                     "0..", text[0], "31");
  return static_cast<uint8_t>(text[0] == 'g' ? kGlobalSemaphoreBase + n : n);
}

Result<VOperand> parseVOperand(Piece piece, const SourcePosition &pos) {
  size_t colon = piece.text.find(':');
  if (colon == std::string_view::npos)
    return pos.error(piece.column, "expected <address>:<type>, got '",
                     piece.text, "'");
  VOperand operand;
  NURI_ASSIGN_OR_RETURN(
      int64_t addr, parseIntegerIn({piece.text.substr(0, colon), piece.column},
                                   0, UINT32_MAX, "SRAM address", pos));
  operand.addr = static_cast<uint32_t>(addr);
  std::string_view typeName = piece.text.substr(colon + 1);
  std::optional<VType> type = parseVType(typeName);
  if (!type)
    return pos.error(piece.column + colon + 1, "unknown type '", typeName,
                     "' (f32, bf16, i32, i8)");
  operand.type = *type;
  return operand;
}

bool isImmediate(Piece piece) {
  return !piece.text.empty() && piece.text[0] == '#';
}

Result<uint32_t> parseImmediate(Piece piece, bool floatDomain,
                                const SourcePosition &pos) {
  std::string_view body = piece.text.substr(1);
  Piece bodyPiece{body, piece.column + 1};
  if (body.substr(0, 4) == "raw(" && body.back() == ')') {
    NURI_ASSIGN_OR_RETURN(
        int64_t bits,
        parseIntegerIn({body.substr(4, body.size() - 5), piece.column + 5}, 0,
                       UINT32_MAX, "immediate bits", pos));
    return static_cast<uint32_t>(bits);
  }
  if (!floatDomain) {
    NURI_ASSIGN_OR_RETURN(int64_t value,
                          parseIntegerIn(bodyPiece, INT32_MIN, INT32_MAX,
                                         "integer immediate", pos));
    return static_cast<uint32_t>(static_cast<int32_t>(value));
  }
  std::string text(body);
  char *end = nullptr;
  float value = std::strtof(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || value != value)
    return pos.error(piece.column,
                     "expected a float immediate like #1.5, "
                     "#-inf or #raw(0x7fc00000), got '",
                     piece.text, "'");
  bool spelledInfinite = text.find("inf") != std::string::npos;
  if ((value - value != 0) != spelledInfinite) // overflowed to infinity
    return pos.error(piece.column, "immediate '", piece.text,
                     "' is outside the float range");
  return floatBits(value);
}

} // namespace nuri::npu::detail
