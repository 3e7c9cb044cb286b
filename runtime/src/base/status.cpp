#include "nuri/status.h"

namespace nuri {

std::string_view statusCodeName(StatusCode code) {
  switch (code) {
  case StatusCode::kOk:
    return "OK";
  case StatusCode::kInvalidArgument:
    return "INVALID_ARGUMENT";
  case StatusCode::kNotFound:
    return "NOT_FOUND";
  case StatusCode::kUnimplemented:
    return "UNIMPLEMENTED";
  case StatusCode::kDataLoss:
    return "DATA_LOSS";
  case StatusCode::kFailedPrecondition:
    return "FAILED_PRECONDITION";
  case StatusCode::kOutOfRange:
    return "OUT_OF_RANGE";
  case StatusCode::kResourceExhausted:
    return "RESOURCE_EXHAUSTED";
  case StatusCode::kDeadlineExceeded:
    return "DEADLINE_EXCEEDED";
  case StatusCode::kAborted:
    return "ABORTED";
  case StatusCode::kInternal:
    return "INTERNAL";
  }
  return "UNKNOWN";
}

std::string Status::toString() const {
  if (ok())
    return "OK";
  return strCat(statusCodeName(code_), ": ", message_);
}

Status Status::withContext(std::string_view context) const {
  if (ok())
    return *this;
  return Status(code_, strCat(context, ": ", message_));
}

} // namespace nuri
