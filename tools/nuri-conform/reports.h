// Conformance reports: JSON (for CI), JUnit XML, and Markdown (one row per op
// type; docs/conformance.md is generated from it).
#ifndef NURI_TOOLS_CONFORM_REPORTS_H
#define NURI_TOOLS_CONFORM_REPORTS_H

#include "nuri-conform/case_result.h"

#include <ostream>
#include <string>
#include <vector>

namespace nuri::conform {

struct Summary {
  int passed = 0, failed = 0, skipped = 0, errors = 0, total = 0;
};
// errors counts error, crashed and timeout.
Summary summarize(const std::vector<CaseResult> &results);

// {"summary": {"passed", "failed", "skipped", "errors", "total"},
//  "tests": [{"name", "status", "op_type", "category", "reason",
//             "max_abs_err", "seconds"}]}
void writeJson(const std::vector<CaseResult> &results, std::ostream &os);
void writeJUnit(const std::vector<CaseResult> &results, std::ostream &os);
// `title` heads the page; `device` names what ran with tolerances `rtol`
// and `atol`.
void writeMarkdown(const std::vector<CaseResult> &results,
                   const std::string &title, const std::string &device,
                   double rtol, double atol, std::ostream &os);

} // namespace nuri::conform

#endif // NURI_TOOLS_CONFORM_REPORTS_H
