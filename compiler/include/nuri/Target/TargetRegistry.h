//===- TargetRegistry.h - Compile targets by name ---------------*- C++ -*-===//
#ifndef NURI_TARGET_TARGETREGISTRY_H
#define NURI_TARGET_TARGETREGISTRY_H

#include "nuri/Target/TargetBackend.h"

#include <memory>
#include <string>
#include <vector>

namespace nuri {

class TargetRegistry {
public:
  // The process-wide registry, holding every built-in target (the backends
  // listed in backends/CMakeLists.txt) once registerBuiltinTargets ran.
  static TargetRegistry &global();

  void add(std::unique_ptr<TargetBackend> target);
  const TargetBackend *find(llvm::StringRef name) const;
  std::vector<std::string> names() const;

private:
  std::vector<std::unique_ptr<TargetBackend>> targets_;
};

// Registers every built-in target; generated from backends/CMakeLists.txt
// into the nuri_targets library.
void registerBuiltinTargets(TargetRegistry &registry);

} // namespace nuri

#endif // NURI_TARGET_TARGETREGISTRY_H
