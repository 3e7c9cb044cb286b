#include "common/compare.h"

#include "common/tensor_values.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace nuri::tools {

Result<Comparison> compareTensors(const TensorView &got,
                                  const TensorView &expected, double rtol,
                                  double atol) {
  if (got.dtype != expected.dtype)
    return invalidArgument("dtype differs: got ", dtypeName(got.dtype),
                           ", expected ", dtypeName(expected.dtype));
  if (got.shape != expected.shape)
    return invalidArgument("shape differs: got ", shapeToString(got.shape),
                           ", expected ", shapeToString(expected.shape));
  constexpr double kInf = std::numeric_limits<double>::infinity();
  Comparison c;
  c.count = scalarCount(got);
  double worstRatio = -1;
  for (int64_t i = 0; i < c.count; ++i) {
    double g = elementAsDouble(got, i);
    double e = elementAsDouble(expected, i);
    double diff;
    if (std::isnan(g) || std::isnan(e))
      diff = std::isnan(g) && std::isnan(e) ? 0 : kInf;
    else if (std::isinf(g) || std::isinf(e))
      diff = g == e ? 0 : kInf;
    else
      diff = std::fabs(g - e);
    double tolerance = atol + rtol * (std::isfinite(e) ? std::fabs(e) : 0);
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
    // Complex tensors count two scalars per element.
    int64_t elements = numElements(shape);
    int64_t index = c.count > elements ? c.worstIndex / 2 : c.worstIndex;
    os << ", worst " << indexToString(shape, index) << " got " << c.worstGot
       << " expected " << c.worstExpected;
  }
  os << ": " << (c.pass ? "PASS" : "FAIL");
  if (!c.pass)
    os << " (" << c.mismatches << " of " << c.count << " outside";
  else
    os << " (";
  os << (c.pass ? "" : ", ") << "rtol " << rtol << ", atol " << atol << ")";
  return os.str();
}

} // namespace nuri::tools
