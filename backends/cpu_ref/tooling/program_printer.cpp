#include "cpu_ref/tooling/program_printer.h"

#include "cpu_ref/schema/program_payload.h"
#include "nuri/float16.h"
#include "nuri/tensor.h"

#include <cstdio>
#include <cstring>
#include <limits>
#include <sstream>

namespace nuri::cpu_ref {
namespace {

// Long lists and tensors show this many entries, then the count.
constexpr size_t kMaxListed = 16;

template <typename Vector, typename Format>
std::string listText(const Vector *values, Format format) {
  if (!values)
    return "[]";
  std::string s = "[";
  for (size_t i = 0; i < values->size() && i < kMaxListed; ++i)
    s += strCat(i ? ", " : "", format(values->Get(i)));
  if (values->size() > kMaxListed)
    s += strCat(", ... (", values->size(), " in all)");
  return s + "]";
}

std::string floatText(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

// A quoted string with anything unprintable as \xNN.
std::string quoted(const flatbuffers::String *text) {
  std::string s = "\"";
  if (text)
    for (unsigned char c : text->string_view()) {
      if (c == '"' || c == '\\') {
        s += '\\';
        s += static_cast<char>(c);
      } else if (c < 0x20 || c >= 0x7f) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
        s += escaped;
      } else {
        s += static_cast<char>(c);
      }
    }
  return s + "\"";
}

// Element `i` of dense `data` of `dtype`, or "" for types not shown.
std::string elementText(DType dtype, const uint8_t *data, size_t i) {
  auto load = [&](auto zero) {
    decltype(zero) v;
    std::memcpy(&v, data + i * sizeof v, sizeof v);
    return v;
  };
  switch (dtype) {
  case DType::kFloat32:
    return floatText(load(0.0f));
  case DType::kFloat64:
    return floatText(load(0.0));
  case DType::kFloat16:
    return floatText(halfToFloat(load(uint16_t{0})));
  case DType::kBFloat16:
    return floatText(bfloat16ToFloat(load(uint16_t{0})));
  case DType::kInt8:
    return strCat(int(load(int8_t{0})));
  case DType::kUInt8:
    return strCat(int(load(uint8_t{0})));
  case DType::kInt16:
    return strCat(load(int16_t{0}));
  case DType::kUInt16:
    return strCat(load(uint16_t{0}));
  case DType::kInt32:
    return strCat(load(int32_t{0}));
  case DType::kUInt32:
    return strCat(load(uint32_t{0}));
  case DType::kInt64:
    return strCat(load(int64_t{0}));
  case DType::kUInt64:
    return strCat(load(uint64_t{0}));
  case DType::kBool:
    return load(uint8_t{0}) ? "true" : "false";
  default:
    return "";
  }
}

// "tensor float32 [2] = [1, 2]"; damaged sizes are reported, not read.
std::string tensorText(const fb::TensorData *tensor) {
  if (!tensor)
    return "tensor (missing)";
  uint8_t raw = tensor->dtype();
  if (!isKnownDType(raw))
    return strCat("tensor of unknown dtype ", int(raw));
  auto dtype = static_cast<DType>(raw);
  Shape shape;
  uint64_t count = 1;
  bool countOk = true;
  if (tensor->shape())
    for (int64_t dim : *tensor->shape()) {
      shape.push_back(dim);
      if (dim < 0 || (dim > 0 && count > std::numeric_limits<uint64_t>::max() /
                                             static_cast<uint64_t>(dim)))
        countOk = false;
      else
        count *= static_cast<uint64_t>(dim);
    }
  std::string s =
      strCat("tensor ", dtypeName(dtype), " ", shapeToString(shape));
  size_t bytes = tensor->data() ? tensor->data()->size() : 0;
  uint64_t elementSize = dtypeSize(dtype);
  if (!countOk || elementSize == 0 ||
      count > std::numeric_limits<uint64_t>::max() / elementSize ||
      count * elementSize != bytes)
    return strCat(s, " (", bytes, " data bytes, which do not match its type)");
  if (elementText(dtype, tensor->data()->data(), 0).empty() && count > 0)
    return strCat(s, " (", bytes, " bytes)");
  s += " = [";
  for (uint64_t i = 0; i < count && i < kMaxListed; ++i)
    s += strCat(i ? ", " : "", elementText(dtype, tensor->data()->data(),
                                           static_cast<size_t>(i)));
  if (count > kMaxListed)
    s += strCat(", ... (", count, " in all)");
  return s + "]";
}

std::string attrText(const fb::Attr &attr) {
  switch (attr.kind()) {
  case fb::AttrKind::Int:
    return strCat(attr.i());
  case fb::AttrKind::Float:
    return floatText(attr.f());
  case fb::AttrKind::String:
    return quoted(attr.s());
  case fb::AttrKind::Ints:
    return listText(attr.ints(), [](int64_t v) { return strCat(v); });
  case fb::AttrKind::Floats:
    return listText(attr.floats(), [](float v) { return floatText(v); });
  case fb::AttrKind::Strings:
    return listText(attr.strings(),
                    [](const flatbuffers::String *v) { return quoted(v); });
  case fb::AttrKind::Tensor:
    return tensorText(attr.t());
  }
  return strCat("<unknown attribute kind ", int(attr.kind()), ">");
}

// "%3 y: float32 [2, 3]", "-" for an absent optional, or the bad index.
std::string valueText(int32_t index, std::span<const hal::ValueInfo> values) {
  if (index == -1)
    return "-";
  if (index < 0 || static_cast<size_t>(index) >= values.size())
    return strCat("%", index, " <no such value: the artifact has ",
                  values.size(), ">");
  const hal::ValueInfo &value = values[index];
  return strCat("%", index, " ", value.name, ": ", dtypeName(value.dtype), " ",
                shapeToString(value.shape));
}

void printOperands(std::ostream &out, std::string_view label,
                   const flatbuffers::Vector<int32_t> *indices,
                   std::span<const hal::ValueInfo> values) {
  if (!indices || indices->size() == 0)
    return;
  out << "      " << label;
  for (size_t i = 0; i < indices->size(); ++i)
    out << (i ? ", " : "") << valueText(indices->Get(i), values);
  out << "\n";
}

} // namespace

Status printProgram(const tools::SegmentInfo &segment, std::ostream &out) {
  NURI_ASSIGN_OR_RETURN(const fb::Program *checked,
                        readProgramPayload(segment.payload));
  const fb::Program &program = *checked;
  size_t count = program.nodes() ? program.nodes()->size() : 0;
  out << "  " << count << (count == 1 ? " node" : " nodes")
      << ", in execution order\n";
  for (size_t n = 0; n < count; ++n) {
    const fb::Node &node = *program.nodes()->Get(n);
    std::string opType = node.op_type() && node.op_type()->size() > 0
                             ? node.op_type()->str()
                             : std::string("<no op type>");
    out << "  #" << n << " " << opType;
    if (node.name() && node.name()->size() > 0)
      out << " " << quoted(node.name());
    out << "\n";
    printOperands(out, "inputs:  ", node.inputs(), segment.values);
    printOperands(out, "outputs: ", node.outputs(), segment.values);
    if (node.attrs() && node.attrs()->size() > 0) {
      out << "      attrs:   ";
      for (size_t a = 0; a < node.attrs()->size(); ++a) {
        const fb::Attr &attr = *node.attrs()->Get(a);
        out << (a ? ", " : "")
            << (attr.name() ? attr.name()->string_view() : "<unnamed>") << "="
            << attrText(attr);
      }
      out << "\n";
    }
  }
  return okStatus();
}

} // namespace nuri::cpu_ref
