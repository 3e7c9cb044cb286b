#include "cpu_ref/driver/attribute_convert.h"

#include "cpu_ref_program_generated.h"

#include <cstring>
#include <limits>

namespace nuri::cpu_ref {
namespace {

Result<Tensor> convertTensor(const fb::TensorData *t, std::string_view name) {
  if (!t)
    return invalidArgument("tensor attribute '", name, "' has no tensor");
  uint32_t rawType = t->dtype();
  if (!isKnownDType(rawType) || dtypeSize(static_cast<DType>(rawType)) == 0)
    return invalidArgument("tensor attribute '", name,
                           "' has unsupported dtype ", rawType);
  auto dtype = static_cast<DType>(rawType);
  Shape shape;
  uint64_t bytes = dtypeSize(dtype);
  if (t->shape()) {
    for (int64_t dim : *t->shape()) {
      if (dim < 0)
        return invalidArgument("tensor attribute '", name,
                               "' has a negative dimension");
      auto d = static_cast<uint64_t>(dim);
      if (d != 0 && bytes > std::numeric_limits<uint64_t>::max() / d)
        return invalidArgument("tensor attribute '", name, "' is too large");
      bytes *= d;
      shape.push_back(dim);
    }
  }
  uint64_t have = t->data() ? t->data()->size() : 0;
  if (have != bytes)
    return invalidArgument("tensor attribute '", name, "' of type ",
                           dtypeName(dtype), " ", shapeToString(shape),
                           " needs ", bytes, " bytes of data but has ", have);
  NURI_ASSIGN_OR_RETURN(Tensor tensor, Tensor::allocate(dtype, shape));
  if (bytes > 0)
    std::memcpy(tensor.data(), t->data()->data(), bytes);
  return tensor;
}

template <typename T, typename FbVector>
std::vector<T> toVector(const FbVector *v) {
  std::vector<T> out;
  if (v)
    out.assign(v->begin(), v->end());
  return out;
}

Result<Attribute> convertAttribute(const fb::Attr &attr,
                                   std::string_view name) {
  switch (attr.kind()) {
  case fb::AttrKind::Int:
    return Attribute::ofInt(attr.i());
  case fb::AttrKind::Float:
    return Attribute::ofFloat(attr.f());
  case fb::AttrKind::String:
    return Attribute::ofString(attr.s() ? attr.s()->str() : std::string());
  case fb::AttrKind::Ints:
    return Attribute::ofInts(toVector<int64_t>(attr.ints()));
  case fb::AttrKind::Floats:
    return Attribute::ofFloats(toVector<float>(attr.floats()));
  case fb::AttrKind::Strings: {
    std::vector<std::string> strings;
    if (attr.strings())
      for (const flatbuffers::String *s : *attr.strings())
        strings.push_back(s->str());
    return Attribute::ofStrings(std::move(strings));
  }
  case fb::AttrKind::Tensor: {
    NURI_ASSIGN_OR_RETURN(Tensor tensor, convertTensor(attr.t(), name));
    return Attribute::ofTensor(std::move(tensor));
  }
  }
  return invalidArgument("attribute '", name, "' has unknown kind ",
                         static_cast<int>(attr.kind()));
}

} // namespace

Result<AttributeMap> convertAttributes(
    const flatbuffers::Vector<flatbuffers::Offset<fb::Attr>> *attrs) {
  AttributeMap map;
  if (!attrs)
    return map;
  for (const fb::Attr *attr : *attrs) {
    std::string name = attr->name() ? attr->name()->str() : std::string();
    if (name.empty())
      return invalidArgument("an attribute has no name");
    if (map.has(name))
      return invalidArgument("attribute '", name, "' appears twice");
    NURI_ASSIGN_OR_RETURN(Attribute value, convertAttribute(*attr, name));
    map.set(std::move(name), std::move(value));
  }
  return map;
}

} // namespace nuri::cpu_ref
