// Comparing a result tensor with an expected one under the project's
// tolerance rule: element i passes when
//   |got - expected| <= atol + rtol * |expected|,
// NaN matches NaN, and an infinity matches only the same infinity.
#ifndef NURI_TOOLS_COMMON_COMPARE_H
#define NURI_TOOLS_COMMON_COMPARE_H

#include "nuri/tensor.h"

#include <cstdint>
#include <string>

namespace nuri::tools {

// The project's fp32 tolerance (nuri-run's defaults).
inline constexpr double kDefaultRtol = 1e-3;
inline constexpr double kDefaultAtol = 1e-4;

struct Comparison {
  bool pass = true;
  int64_t count = 0;      // scalars compared
  int64_t mismatches = 0; // scalars outside tolerance
  double maxAbsError = 0; // max |got - expected| (inf for a NaN mismatch)
  // max |got - expected| / |expected| over elements with expected != 0.
  double maxRelError = 0;
  // The element furthest outside (or closest to) its tolerance, i.e. with
  // the largest |got - expected| / (atol + rtol * |expected|); -1 if empty.
  int64_t worstIndex = -1;
  double worstGot = 0;
  double worstExpected = 0;
};

// Errors when dtype or shape differ. Complex tensors compare real and
// imaginary parts as separate scalars.
Result<Comparison> compareTensors(const TensorView &got,
                                  const TensorView &expected, double rtol,
                                  double atol);

// "max abs 1.2e-05, max rel 3.4e-04, worst [0, 3] got 0.5 expected 0.49998:
// PASS (rtol 1e-3, atol 1e-4)".
std::string describeComparison(const Comparison &c, const Shape &shape,
                               double rtol, double atol);

// Up to `limit` elements outside tolerance, one line each:
// "output 'y' [0, 3]: expected 0.5 got 0.7".
std::string listMismatches(const std::string &output, const TensorView &got,
                           const TensorView &expected, double rtol, double atol,
                           int limit = 10);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_COMPARE_H
