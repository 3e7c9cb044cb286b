// ONNX-style node attributes as the reference kernels see them.
#ifndef NURI_CPU_REF_KERNELS_ATTRIBUTES_H
#define NURI_CPU_REF_KERNELS_ATTRIBUTES_H

#include "nuri/status.h"
#include "nuri/tensor.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace nuri::cpu_ref {

class Attribute {
public:
  enum class Kind { kInt, kFloat, kString, kInts, kFloats, kStrings, kTensor };

  static Attribute ofInt(int64_t v) { return Attribute(v); }
  static Attribute ofFloat(float v) { return Attribute(v); }
  static Attribute ofString(std::string v) { return Attribute(std::move(v)); }
  static Attribute ofInts(std::vector<int64_t> v) {
    return Attribute(std::move(v));
  }
  static Attribute ofFloats(std::vector<float> v) {
    return Attribute(std::move(v));
  }
  static Attribute ofStrings(std::vector<std::string> v) {
    return Attribute(std::move(v));
  }
  static Attribute ofTensor(Tensor v) { return Attribute(std::move(v)); }

  Kind kind() const { return static_cast<Kind>(value_.index()); }
  static std::string_view kindName(Kind kind);

  int64_t getInt() const { return std::get<int64_t>(value_); }
  float getFloat() const { return std::get<float>(value_); }
  const std::string &getString() const { return std::get<std::string>(value_); }
  const std::vector<int64_t> &getInts() const {
    return std::get<std::vector<int64_t>>(value_);
  }
  const std::vector<float> &getFloats() const {
    return std::get<std::vector<float>>(value_);
  }
  const std::vector<std::string> &getStrings() const {
    return std::get<std::vector<std::string>>(value_);
  }
  const Tensor &getTensor() const { return std::get<Tensor>(value_); }

private:
  // The variant's alternative order matches Kind.
  using Storage =
      std::variant<int64_t, float, std::string, std::vector<int64_t>,
                   std::vector<float>, std::vector<std::string>, Tensor>;
  template <typename T> explicit Attribute(T v) : value_(std::move(v)) {}
  Storage value_;
};

// A node's attributes by name. The typed getters return the default when the
// attribute is absent and an error when it is present with another kind.
class AttributeMap {
public:
  void set(std::string name, Attribute value);
  const Attribute *find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name) != nullptr; }
  size_t size() const { return entries_.size(); }
  const std::vector<std::pair<std::string, Attribute>> &entries() const {
    return entries_;
  }

  Result<int64_t> getInt(std::string_view name, int64_t defaultValue) const;
  Result<float> getFloat(std::string_view name, float defaultValue) const;
  Result<std::string> getString(std::string_view name,
                                std::string defaultValue) const;
  Result<std::vector<int64_t>>
  getInts(std::string_view name, std::vector<int64_t> defaultValue) const;
  Result<std::vector<float>> getFloats(std::string_view name,
                                       std::vector<float> defaultValue) const;
  Result<std::vector<std::string>>
  getStrings(std::string_view name,
             std::vector<std::string> defaultValue) const;
  // Fails when absent: tensor attributes have no generic default.
  Result<Tensor> getTensor(std::string_view name) const;

private:
  std::vector<std::pair<std::string, Attribute>> entries_;
};

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_ATTRIBUTES_H
