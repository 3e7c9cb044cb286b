// Runs cases each in its own child process, several at a time, so a case
// that crashes, hangs or exhausts memory is recorded as such and the run
// goes on.
#ifndef NURI_TOOLS_CONFORM_ISOLATED_RUNNER_H
#define NURI_TOOLS_CONFORM_ISOLATED_RUNNER_H

#include "nuri-conform/case_result.h"
#include "nuri-conform/case_runner.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace nuri::conform {

struct IsolationOptions {
  int jobs = 1;
  double timeoutSeconds = 60;
  // Address-space limit per child (RLIMIT_AS); 0 for none.
  uint64_t memoryLimitBytes = uint64_t(4) << 30;
  // Run in this process instead (for debugging; a crash ends the run).
  bool inProcess = false;
  // Testing the isolation itself: children whose case name matches
  // `faultPattern` crash, hang or exhaust memory instead of running.
  enum class Fault { kNone, kCrash, kHang, kOutOfMemory };
  Fault fault = Fault::kNone;
  std::string faultPattern;
};

// Runs every case; results come back in the order of `cases`. `onResult`
// sees each result as it completes (for progress output).
std::vector<CaseResult>
runCases(const std::vector<ConformCase> &cases, const RunOptions &run,
         const IsolationOptions &isolation,
         const std::function<void(const CaseResult &)> &onResult);

} // namespace nuri::conform

#endif // NURI_TOOLS_CONFORM_ISOLATED_RUNNER_H
