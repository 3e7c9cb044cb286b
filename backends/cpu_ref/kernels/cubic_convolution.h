// Keys' cubic convolution kernel, shared by Resize's cubic mode (any
// cubic_coeff_a) and GridSample's bicubic mode (a = -0.75).
#ifndef NURI_CPU_REF_KERNELS_CUBIC_CONVOLUTION_H
#define NURI_CPU_REF_KERNELS_CUBIC_CONVOLUTION_H

#include <cmath>

namespace nuri::cpu_ref {

// The kernel's weight at distance d from the sample point, parameter a.
inline double cubicWeight(double d, double a) {
  d = std::fabs(d);
  if (d <= 1)
    return ((a + 2) * d - (a + 3)) * d * d + 1;
  if (d < 2)
    return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
  return 0;
}

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_CUBIC_CONVOLUTION_H
