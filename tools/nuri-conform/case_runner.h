// Runs one conformance case through the whole stack: import, compile for the
// device's target, run on the device, compare with the expected outputs.
#ifndef NURI_TOOLS_CONFORM_CASE_RUNNER_H
#define NURI_TOOLS_CONFORM_CASE_RUNNER_H

#include "nuri-conform/case_result.h"
#include "nuri-conform/conform_case.h"

#include <string>

namespace nuri::conform {

struct RunOptions {
  std::string device = "cpu-ref";
  std::string target; // empty: the device's first target
  // ONNX's own backend-runner defaults.
  double rtol = 1e-3;
  double atol = 1e-7;
  // List the mismatching elements of failed outputs in CaseResult::details.
  bool diff = false;
};

CaseResult runCase(const ConformCase &c, const RunOptions &options);

} // namespace nuri::conform

#endif // NURI_TOOLS_CONFORM_CASE_RUNNER_H
