// Faults: the errors a running NPU program raises (docs/npu/faults.md).
// An engine reports a Fault; the simulator adds which instruction raised it
// and when, and turns it into a Status.
#ifndef NURI_NPU_SIM_FAULT_H
#define NURI_NPU_SIM_FAULT_H

#include "nuri/status.h"

#include <optional>
#include <string>
#include <string_view>

namespace nuri::npu {

enum class FaultKind : uint8_t {
  kBadAddress,        // DRAM region/offset outside what is bound, SRAM < 0
  kMisalignedAccess,  // address or stride breaks an alignment rule
  kSramOverflow,      // SRAM access beyond the program's declared SRAM
  kReadOnlyWrite,     // a store into the constants or an input
  kOperandOverlap,    // a destination overlapping a source it may not
  kSemaphoreOverflow, // a semaphore counted past 2^32 - 1
  kDeadlock,          // every unfinished engine waits forever
};

struct Fault {
  FaultKind kind;
  std::string detail;
};

// nullopt when the instruction ran.
using MaybeFault = std::optional<Fault>;

// "bad address", "misaligned access", "SRAM overflow", ...
std::string_view faultName(FaultKind kind);
StatusCode faultStatusCode(FaultKind kind);

template <typename... Args> Fault makeFault(FaultKind kind, Args &&...args) {
  return Fault{kind, strCat(std::forward<Args>(args)...)};
}

} // namespace nuri::npu

#endif // NURI_NPU_SIM_FAULT_H
