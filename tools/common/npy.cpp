#include "common/npy.h"

#include "common/file_io.h"

#include <bit>
#include <cstring>
#include <optional>
#include <variant>

namespace nuri::tools {
namespace {

static_assert(std::endian::native == std::endian::little,
              ".npy support assumes a little-endian host");

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

// The header is a Python dict literal; this reads the subset numpy writes:
// strings, True/False and tuples of integers.
using HeaderValue = std::variant<std::string, bool, std::vector<int64_t>>;

class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text_(text) {}

  Status parse(std::vector<std::pair<std::string, HeaderValue>> &entries) {
    skipSpace();
    if (!consume('{'))
      return error("expected '{'");
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      NURI_ASSIGN_OR_RETURN(std::string key, parseString());
      skipSpace();
      if (!consume(':'))
        return error("expected ':' after key '" + key + "'");
      NURI_ASSIGN_OR_RETURN(HeaderValue value, parseValue());
      entries.emplace_back(std::move(key), std::move(value));
      skipSpace();
      if (consume(','))
        continue;
      if (consume('}'))
        break;
      return error("expected ',' or '}'");
    }
    skipSpace();
    if (pos_ != text_.size())
      return error("unexpected text after the header dict");
    return okStatus();
  }

private:
  Status error(const std::string &what) const {
    return dataLoss("malformed header: ", what, " at column ", pos_);
  }
  void skipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t'))
      ++pos_;
  }
  bool consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool consumeWord(std::string_view word) {
    if (text_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    return false;
  }
  Result<std::string> parseString() {
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      return error("expected a string");
    char quote = text_[pos_++];
    size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos)
      return error("unterminated string");
    std::string s(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return s;
  }
  Result<int64_t> parseInt() {
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
      ++pos_;
    if (start == pos_)
      return error("expected a non-negative integer");
    if (pos_ - start > 18)
      return error("dimension too large");
    int64_t value = 0;
    for (size_t i = start; i < pos_; ++i)
      value = value * 10 + (text_[i] - '0');
    // Python 2 era files may write longs as "3L".
    consume('L');
    return value;
  }
  Result<HeaderValue> parseValue() {
    skipSpace();
    if (consumeWord("True"))
      return HeaderValue(true);
    if (consumeWord("False"))
      return HeaderValue(false);
    if (consume('(')) {
      std::vector<int64_t> dims;
      while (true) {
        skipSpace();
        if (consume(')'))
          break;
        NURI_ASSIGN_OR_RETURN(int64_t dim, parseInt());
        dims.push_back(dim);
        skipSpace();
        if (consume(','))
          continue;
        if (consume(')'))
          break;
        return error("expected ',' or ')' in the shape");
      }
      return HeaderValue(std::move(dims));
    }
    NURI_ASSIGN_OR_RETURN(std::string s, parseString());
    return HeaderValue(std::move(s));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

Result<DType> parseDescr(const std::string &descr) {
  if (descr.size() < 3)
    return unimplemented("unsupported dtype descr '", descr, "'");
  char order = descr[0];
  char kind = descr[1];
  std::string size = descr.substr(2);
  std::optional<DType> dtype;
  if (kind == 'f' && size == "2")
    dtype = DType::kFloat16;
  else if (kind == 'f' && size == "4")
    dtype = DType::kFloat32;
  else if (kind == 'f' && size == "8")
    dtype = DType::kFloat64;
  else if (kind == 'i' && size == "1")
    dtype = DType::kInt8;
  else if (kind == 'i' && size == "2")
    dtype = DType::kInt16;
  else if (kind == 'i' && size == "4")
    dtype = DType::kInt32;
  else if (kind == 'i' && size == "8")
    dtype = DType::kInt64;
  else if (kind == 'u' && size == "1")
    dtype = DType::kUInt8;
  else if (kind == 'u' && size == "2")
    dtype = DType::kUInt16;
  else if (kind == 'u' && size == "4")
    dtype = DType::kUInt32;
  else if (kind == 'u' && size == "8")
    dtype = DType::kUInt64;
  else if (kind == 'b' && size == "1")
    dtype = DType::kBool;
  else if (kind == 'c' && size == "8")
    dtype = DType::kComplex64;
  else if (kind == 'c' && size == "16")
    dtype = DType::kComplex128;
  if (!dtype || (order != '<' && order != '>' && order != '|' && order != '='))
    return unimplemented("unsupported dtype descr '", descr,
                         "' (supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1)");
  if (order == '>' && dtypeSize(*dtype) > 1)
    return unimplemented("big-endian data (descr '", descr,
                         "') is not supported; save it little-endian");
  return *dtype;
}

std::string descrFor(DType dtype) {
  std::string size = std::to_string(dtypeSize(dtype));
  std::string order = dtypeSize(dtype) == 1 ? "|" : "<";
  switch (dtype) {
  case DType::kFloat16:
  case DType::kFloat32:
  case DType::kFloat64:
    return order + "f" + size;
  case DType::kInt8:
  case DType::kInt16:
  case DType::kInt32:
  case DType::kInt64:
    return order + "i" + size;
  case DType::kUInt8:
  case DType::kUInt16:
  case DType::kUInt32:
  case DType::kUInt64:
    return order + "u" + size;
  case DType::kBool:
    return "|b1";
  case DType::kComplex64:
  case DType::kComplex128:
    return order + "c" + size;
  default:
    return "";
  }
}

uint32_t readLE(const uint8_t *p, size_t n) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i)
    v |= static_cast<uint32_t>(p[i]) << (8 * i);
  return v;
}

Result<Tensor> parseNpyImpl(std::span<const uint8_t> bytes) {
  if (bytes.size() < kMagicSize + 2 ||
      std::memcmp(bytes.data(), kMagic, kMagicSize) != 0)
    return dataLoss("not a .npy file (no \\x93NUMPY magic)");
  uint8_t major = bytes[6];
  size_t lengthBytes;
  if (major == 1)
    lengthBytes = 2;
  else if (major == 2 || major == 3)
    lengthBytes = 4;
  else
    return unimplemented(".npy format version ", int(major), ".", int(bytes[7]),
                         " is not supported");
  size_t headerStart = kMagicSize + 2 + lengthBytes;
  if (bytes.size() < headerStart)
    return dataLoss("truncated .npy header");
  size_t headerLength = readLE(bytes.data() + 8, lengthBytes);
  if (headerLength > bytes.size() - headerStart)
    return dataLoss("truncated .npy header (", headerLength,
                    " header bytes declared, ", bytes.size() - headerStart,
                    " present)");
  std::string_view header(
      reinterpret_cast<const char *>(bytes.data() + headerStart), headerLength);

  std::vector<std::pair<std::string, HeaderValue>> entries;
  NURI_RETURN_IF_ERROR(HeaderParser(header).parse(entries));
  const std::string *descr = nullptr;
  const bool *fortranOrder = nullptr;
  const std::vector<int64_t> *dims = nullptr;
  for (const auto &[key, value] : entries) {
    if (key == "descr")
      descr = std::get_if<std::string>(&value);
    else if (key == "fortran_order")
      fortranOrder = std::get_if<bool>(&value);
    else if (key == "shape")
      dims = std::get_if<std::vector<int64_t>>(&value);
  }
  if (!descr || !fortranOrder || !dims)
    return dataLoss("the header needs 'descr' (a string), 'fortran_order' "
                    "(a bool) and 'shape' (a tuple)");
  if (*fortranOrder)
    return unimplemented("fortran_order (column-major) arrays are not "
                         "supported; save a C-order array "
                         "(numpy.ascontiguousarray)");
  NURI_ASSIGN_OR_RETURN(DType dtype, parseDescr(*descr));
  NURI_ASSIGN_OR_RETURN(Tensor tensor, Tensor::allocate(dtype, *dims));
  size_t dataStart = headerStart + headerLength;
  size_t have = bytes.size() - dataStart;
  if (have < tensor.byteSize())
    return dataLoss("truncated data: ", dtypeName(dtype), " ",
                    shapeToString(*dims), " needs ", tensor.byteSize(),
                    " bytes but the file has ", have);
  if (have > tensor.byteSize())
    return dataLoss("the file has ", have - tensor.byteSize(),
                    " bytes after the ", tensor.byteSize(), " data bytes of ",
                    dtypeName(dtype), " ", shapeToString(*dims));
  if (tensor.byteSize() > 0)
    std::memcpy(tensor.data(), bytes.data() + dataStart, tensor.byteSize());
  return tensor;
}

} // namespace

Result<Tensor> parseNpy(std::span<const uint8_t> bytes,
                        std::string_view source) {
  Result<Tensor> tensor = parseNpyImpl(bytes);
  if (!tensor.ok())
    return tensor.status().withContext(strCat("reading '", source, "'"));
  return tensor;
}

Result<Tensor> readNpy(const std::string &path) {
  NURI_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, readFileBytes(path));
  return parseNpy(bytes, path);
}

Result<std::vector<uint8_t>> encodeNpy(const TensorView &view) {
  std::string descr = descrFor(view.dtype);
  if (descr.empty())
    return unimplemented("cannot write ", dtypeName(view.dtype),
                         " to .npy (numpy has no such dtype); use .pb");
  std::string shape = "(";
  for (size_t i = 0; i < view.shape.size(); ++i) {
    shape += std::to_string(view.shape[i]);
    shape +=
        view.shape.size() == 1 ? "," : (i + 1 < view.shape.size() ? ", " : "");
  }
  shape += ")";
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad with spaces and end with '\n' so the data starts 64-byte aligned.
  size_t lengthBytes = 2;
  uint8_t major = 1;
  size_t total = kMagicSize + 2 + lengthBytes + header.size() + 1;
  if ((total + 63) / 64 * 64 - kMagicSize - 2 - lengthBytes > 0xffff) {
    lengthBytes = 4;
    major = 2;
    total = kMagicSize + 2 + lengthBytes + header.size() + 1;
  }
  size_t padded = (total + 63) / 64 * 64;
  header.append(padded - total, ' ');
  header += '\n';

  std::vector<uint8_t> out(kMagic, kMagic + kMagicSize);
  out.push_back(major);
  out.push_back(0);
  for (size_t i = 0; i < lengthBytes; ++i)
    out.push_back(static_cast<uint8_t>(header.size() >> (8 * i)));
  out.insert(out.end(), header.begin(), header.end());
  size_t bytes = view.byteSize();
  const auto *data = static_cast<const uint8_t *>(view.data);
  if (bytes > 0)
    out.insert(out.end(), data, data + bytes);
  return out;
}

Status writeNpy(const std::string &path, const TensorView &view) {
  Result<std::vector<uint8_t>> bytes = encodeNpy(view);
  if (!bytes.ok())
    return bytes.status().withContext(strCat("writing '", path, "'"));
  return writeFileBytes(path, *bytes);
}

} // namespace nuri::tools
