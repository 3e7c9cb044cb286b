// The outcome of one conformance case.
#ifndef NURI_TOOLS_CONFORM_CASE_RESULT_H
#define NURI_TOOLS_CONFORM_CASE_RESULT_H

#include <string>
#include <string_view>

namespace nuri::conform {

enum class CaseStatus {
  kPassed,
  kFailed,
  kError,
  kSkipped,
  kCrashed,
  kTimeout
};

std::string_view statusName(CaseStatus status); // "passed", "failed", ...
bool parseStatus(std::string_view name, CaseStatus &status);

struct CaseResult {
  std::string name;   // "node/test_abs"
  std::string opType; // the op the case exercises
  CaseStatus status = CaseStatus::kError;
  // Why it did not pass, as a short category ("mismatch", "unsupported-op",
  // "dynamic-shape", "compile-error", "runtime-error", "non-tensor-types",
  // "string-tensors", "crash", "timeout", "out-of-memory") ...
  std::string category;
  // ... and one line of detail.
  std::string reason;
  double maxAbsError = 0;
  double seconds = 0;
  // Per-output differences (filled for failed cases when asked).
  std::string details;
};

// A line-based encoding, to pass results from an isolated child process.
std::string serializeResult(const CaseResult &result);
bool deserializeResult(const std::string &text, CaseResult &result);

} // namespace nuri::conform

#endif // NURI_TOOLS_CONFORM_CASE_RESULT_H
