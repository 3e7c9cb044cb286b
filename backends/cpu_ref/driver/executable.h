// A loaded "cpu-ref-program" segment: nodes in execution order with their
// kernels and attributes resolved, ready to run without re-parsing.
#ifndef NURI_CPU_REF_DRIVER_EXECUTABLE_H
#define NURI_CPU_REF_DRIVER_EXECUTABLE_H

#include "cpu_ref/kernels/kernel.h"
#include "nuri/hal/executable.h"

#include <memory>
#include <string>
#include <vector>

namespace nuri::cpu_ref {

struct ProgramNode {
  std::string opType;
  std::string name; // "#<index>" when the artifact gives none
  AttributeMap attrs;
  std::vector<int32_t> inputs;  // value indices; -1 = absent optional
  std::vector<int32_t> outputs; // value indices; -1 = unused optional
  KernelFn kernel = nullptr;
};

class CpuRefExecutable final : public hal::Executable {
public:
  // Verifies and converts a segment; every error names the segment.
  static Result<std::shared_ptr<CpuRefExecutable>>
  load(const hal::ExecutableSpec &spec);

  // kProgramFormat (schema/program_payload.h).
  std::string_view format() const override;
  const std::string &name() const { return name_; }
  const std::vector<ProgramNode> &nodes() const { return nodes_; }
  const std::vector<hal::ValueInfo> &values() const { return values_; }

  // Runs every node on `bindings` (see execute.cpp). Errors read
  // "node '<name>' (<OpType>): <message>".
  Status execute(const hal::Bindings &bindings,
                 hal::ExecutionProfile *profile) const;

private:
  std::string name_;
  std::vector<ProgramNode> nodes_;
  std::vector<hal::ValueInfo> values_;
  // Value indices any node touches, each once, so execution resolves only
  // those.
  std::vector<int32_t> usedValues_;
};

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_DRIVER_EXECUTABLE_H
