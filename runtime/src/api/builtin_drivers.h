// The registration function generated from backends/CMakeLists.txt into
// the nuri_drivers library.
#ifndef NURI_API_BUILTIN_DRIVERS_H
#define NURI_API_BUILTIN_DRIVERS_H

#include "nuri/hal/device.h"

namespace nuri {
void registerBuiltinDrivers(hal::DriverRegistry &registry);
} // namespace nuri

#endif // NURI_API_BUILTIN_DRIVERS_H
