// The expectations file: every case that is known not to pass on a device,
// with a reason category. A run fails when a case not listed fails and when
// a listed case passes, so the file stays true.
//
//   # comment
//   node/test_cast_FLOAT_to_STRING  string-tensors  Cast to string
#ifndef NURI_TOOLS_CONFORM_EXPECTATIONS_H
#define NURI_TOOLS_CONFORM_EXPECTATIONS_H

#include "nuri-conform/case_result.h"
#include "nuri/status.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace nuri::conform {

struct Expectation {
  std::string category;
  std::string reason;
};

using Expectations = std::map<std::string, Expectation>;

Result<Expectations> loadExpectations(const std::string &path);

struct ExpectationCheck {
  std::vector<const CaseResult *> unexpectedFailures;
  std::vector<const CaseResult *> unexpectedPasses;
  bool ok() const {
    return unexpectedFailures.empty() && unexpectedPasses.empty();
  }
};

ExpectationCheck checkExpectations(const std::vector<CaseResult> &results,
                                   const Expectations &expected);

// A new expectations file for `results`: keeps the category and reason of
// entries that still do not pass; new ones get the runner's category and
// reason. Entries for cases that were not run are kept.
void writeExpectations(const std::vector<CaseResult> &results,
                       const Expectations &previous, const std::string &device,
                       std::ostream &os);

} // namespace nuri::conform

#endif // NURI_TOOLS_CONFORM_EXPECTATIONS_H
