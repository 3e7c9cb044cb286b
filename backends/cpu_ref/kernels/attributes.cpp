#include "cpu_ref/kernels/attributes.h"

namespace nuri::cpu_ref {

std::string_view Attribute::kindName(Kind kind) {
  switch (kind) {
  case Kind::kInt:
    return "int";
  case Kind::kFloat:
    return "float";
  case Kind::kString:
    return "string";
  case Kind::kInts:
    return "ints";
  case Kind::kFloats:
    return "floats";
  case Kind::kStrings:
    return "strings";
  case Kind::kTensor:
    return "tensor";
  }
  return "unknown";
}

void AttributeMap::set(std::string name, Attribute value) {
  for (auto &entry : entries_) {
    if (entry.first == name) {
      entry.second = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(name), std::move(value));
}

const Attribute *AttributeMap::find(std::string_view name) const {
  for (const auto &entry : entries_)
    if (entry.first == name)
      return &entry.second;
  return nullptr;
}

namespace {
// The attribute `name` when it has `kind`; nullptr when absent; an error
// when present with another kind.
Result<const Attribute *> lookup(const AttributeMap &map, std::string_view name,
                                 Attribute::Kind kind) {
  const Attribute *attr = map.find(name);
  if (!attr)
    return static_cast<const Attribute *>(nullptr);
  if (attr->kind() != kind)
    return invalidArgument("attribute '", name, "' is ",
                           Attribute::kindName(attr->kind()), ", expected ",
                           Attribute::kindName(kind));
  return attr;
}
} // namespace

Result<int64_t> AttributeMap::getInt(std::string_view name,
                                     int64_t defaultValue) const {
  NURI_ASSIGN_OR_RETURN(const Attribute *a,
                        lookup(*this, name, Attribute::Kind::kInt));
  return a ? a->getInt() : defaultValue;
}

Result<float> AttributeMap::getFloat(std::string_view name,
                                     float defaultValue) const {
  NURI_ASSIGN_OR_RETURN(const Attribute *a,
                        lookup(*this, name, Attribute::Kind::kFloat));
  return a ? a->getFloat() : defaultValue;
}

Result<std::string> AttributeMap::getString(std::string_view name,
                                            std::string defaultValue) const {
  NURI_ASSIGN_OR_RETURN(const Attribute *a,
                        lookup(*this, name, Attribute::Kind::kString));
  return a ? a->getString() : defaultValue;
}

Result<std::vector<int64_t>>
AttributeMap::getInts(std::string_view name,
                      std::vector<int64_t> defaultValue) const {
  NURI_ASSIGN_OR_RETURN(const Attribute *a,
                        lookup(*this, name, Attribute::Kind::kInts));
  return a ? a->getInts() : defaultValue;
}

Result<std::vector<float>>
AttributeMap::getFloats(std::string_view name,
                        std::vector<float> defaultValue) const {
  NURI_ASSIGN_OR_RETURN(const Attribute *a,
                        lookup(*this, name, Attribute::Kind::kFloats));
  return a ? a->getFloats() : defaultValue;
}

Result<std::vector<std::string>>
AttributeMap::getStrings(std::string_view name,
                         std::vector<std::string> defaultValue) const {
  NURI_ASSIGN_OR_RETURN(const Attribute *a,
                        lookup(*this, name, Attribute::Kind::kStrings));
  return a ? a->getStrings() : defaultValue;
}

Result<Tensor> AttributeMap::getTensor(std::string_view name) const {
  NURI_ASSIGN_OR_RETURN(const Attribute *a,
                        lookup(*this, name, Attribute::Kind::kTensor));
  if (!a)
    return invalidArgument("missing tensor attribute '", name, "'");
  return a->getTensor();
}

} // namespace nuri::cpu_ref
