#include "artifact/loader.h"
#include "nuri/runtime.h"

namespace nuri {

Result<Model> Model::load(const std::string &path) {
  NURI_ASSIGN_OR_RETURN(auto loaded, detail::loadArtifactFile(path));
  return Model(std::move(loaded));
}

Result<Model> Model::fromMemory(std::span<const uint8_t> bytes) {
  NURI_ASSIGN_OR_RETURN(auto loaded, detail::loadArtifactBytes(bytes));
  return Model(std::move(loaded));
}

const std::string &Model::name() const { return impl_->name; }
const std::string &Model::target() const { return impl_->target; }
const std::string &Model::producer() const { return impl_->producer; }
const std::vector<TensorInfo> &Model::inputs() const { return impl_->inputs; }
const std::vector<TensorInfo> &Model::outputs() const { return impl_->outputs; }

namespace {
std::optional<size_t> findByName(const std::vector<TensorInfo> &infos,
                                 std::string_view name) {
  for (size_t i = 0; i < infos.size(); ++i)
    if (infos[i].name == name)
      return i;
  return std::nullopt;
}
} // namespace

std::optional<size_t> Model::inputIndex(std::string_view name) const {
  return findByName(impl_->inputs, name);
}
std::optional<size_t> Model::outputIndex(std::string_view name) const {
  return findByName(impl_->outputs, name);
}

} // namespace nuri
