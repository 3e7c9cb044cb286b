#include "npu_sim/sim/fault.h"

namespace nuri::npu {

std::string_view faultName(FaultKind kind) {
  switch (kind) {
  case FaultKind::kBadAddress:
    return "bad address";
  case FaultKind::kMisalignedAccess:
    return "misaligned access";
  case FaultKind::kSramOverflow:
    return "SRAM overflow";
  case FaultKind::kReadOnlyWrite:
    return "write to read-only region";
  case FaultKind::kOperandOverlap:
    return "operand overlap";
  case FaultKind::kSemaphoreOverflow:
    return "semaphore overflow";
  case FaultKind::kDeadlock:
    return "deadlock";
  }
  return "fault";
}

StatusCode faultStatusCode(FaultKind kind) {
  switch (kind) {
  case FaultKind::kBadAddress:
  case FaultKind::kSramOverflow:
  case FaultKind::kSemaphoreOverflow:
    return StatusCode::kOutOfRange;
  case FaultKind::kMisalignedAccess:
  case FaultKind::kOperandOverlap:
    return StatusCode::kInvalidArgument;
  case FaultKind::kReadOnlyWrite:
    return StatusCode::kFailedPrecondition;
  case FaultKind::kDeadlock:
    return StatusCode::kAborted;
  }
  return StatusCode::kInternal;
}

} // namespace nuri::npu
