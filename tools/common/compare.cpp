#include "common/compare.h"

#include "common/tensor_values.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace nuri::tools {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// |got - expected|, 0 when both are NaN or the same infinity, and infinite
// for any other NaN or infinity.
double elementError(double got, double expected) {
  if (std::isnan(got) || std::isnan(expected))
    return std::isnan(got) && std::isnan(expected) ? 0 : kInf;
  if (std::isinf(got) || std::isinf(expected))
    return got == expected ? 0 : kInf;
  return std::fabs(got - expected);
}

double elementTolerance(double expected, double rtol, double atol) {
  return atol + rtol * (std::isfinite(expected) ? std::fabs(expected) : 0);
}

// The element index of scalar `i`: complex tensors count two scalars per
// element.
std::string scalarIndexToString(const Shape &shape, int64_t scalars,
                                int64_t i) {
  return indexToString(shape, scalars > numElements(shape) ? i / 2 : i);
}

} // namespace

Result<Comparison> compareTensors(const TensorView &got,
                                  const TensorView &expected, double rtol,
                                  double atol) {
  if (got.dtype != expected.dtype)
    return invalidArgument("dtype differs: got ", dtypeName(got.dtype),
                           ", expected ", dtypeName(expected.dtype));
  if (got.shape != expected.shape)
    return invalidArgument("shape differs: got ", shapeToString(got.shape),
                           ", expected ", shapeToString(expected.shape));
  Comparison c;
  c.count = scalarCount(got);
  double worstRatio = -1;
  for (int64_t i = 0; i < c.count; ++i) {
    double g = elementAsDouble(got, i);
    double e = elementAsDouble(expected, i);
    double diff = elementError(g, e);
    double tolerance = elementTolerance(e, rtol, atol);
    bool ok = diff <= tolerance;
    double ratio = tolerance > 0 ? diff / tolerance : (diff > 0 ? kInf : 0);
    if (!ok)
      ++c.mismatches;
    c.maxAbsError = std::max(c.maxAbsError, diff);
    if (e != 0 && std::isfinite(e))
      c.maxRelError = std::max(c.maxRelError, diff / std::fabs(e));
    if (ratio > worstRatio) {
      worstRatio = ratio;
      c.worstIndex = i;
      c.worstGot = g;
      c.worstExpected = e;
    }
  }
  c.pass = c.mismatches == 0;
  return c;
}

std::string describeComparison(const Comparison &c, const Shape &shape,
                               double rtol, double atol) {
  std::ostringstream os;
  os.precision(6);
  os << "max abs " << c.maxAbsError << ", max rel " << c.maxRelError;
  if (c.worstIndex >= 0) {
    os << ", worst " << scalarIndexToString(shape, c.count, c.worstIndex)
       << " got " << c.worstGot << " expected " << c.worstExpected;
  }
  os << ": " << (c.pass ? "PASS" : "FAIL");
  if (!c.pass)
    os << " (" << c.mismatches << " of " << c.count << " outside";
  else
    os << " (";
  os << (c.pass ? "" : ", ") << "rtol " << rtol << ", atol " << atol << ")";
  return os.str();
}

std::string listMismatches(const std::string &output, const TensorView &got,
                           const TensorView &expected, double rtol, double atol,
                           int limit) {
  std::ostringstream os;
  os.precision(9);
  int64_t n = std::min(scalarCount(got), scalarCount(expected));
  int shown = 0;
  for (int64_t i = 0; i < n && shown < limit; ++i) {
    double g = elementAsDouble(got, i);
    double e = elementAsDouble(expected, i);
    if (elementError(g, e) <= elementTolerance(e, rtol, atol))
      continue;
    os << "output '" << output << "' "
       << scalarIndexToString(expected.shape, n, i) << ": expected " << e
       << " got " << g << "\n";
    ++shown;
  }
  return os.str();
}

} // namespace nuri::tools
