//===- TargetRegistry.cpp - Compile targets by name -----------------------===//

#include "nuri/Target/TargetRegistry.h"

namespace nuri {

TargetRegistry &TargetRegistry::global() {
  static TargetRegistry registry;
  return registry;
}

void TargetRegistry::add(std::unique_ptr<TargetBackend> target) {
  if (!find(target->name()))
    targets_.push_back(std::move(target));
}

const TargetBackend *TargetRegistry::find(llvm::StringRef name) const {
  for (const auto &t : targets_)
    if (t->name() == name)
      return t.get();
  return nullptr;
}

std::vector<std::string> TargetRegistry::names() const {
  std::vector<std::string> out;
  for (const auto &t : targets_)
    out.push_back(t->name().str());
  return out;
}

} // namespace nuri
