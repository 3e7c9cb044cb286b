// Status and Result<T>: how every Nuri API reports errors.
//
// The runtime does not throw: a device build may run with exceptions off, and
// an app developer wants a message that names what failed and where.
#ifndef NURI_STATUS_H
#define NURI_STATUS_H

#include <cassert>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace nuri {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller passed something wrong
  kNotFound,           // a named thing (file, input, device) does not exist
  kUnimplemented,      // valid request the implementation does not support
  kDataLoss,           // corrupt or truncated data (artifact, model file)
  kFailedPrecondition, // e.g. version or target mismatch, missing binding
  kOutOfRange,         // index or address outside its valid range
  kResourceExhausted,  // out of memory or another budget
  kDeadlineExceeded,   // a wait timed out
  kAborted,            // work was cancelled or a dependency failed
  kInternal,           // a bug in Nuri
};

std::string_view statusCodeName(StatusCode code);

class [[nodiscard]] Status {
public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string &message() const { return message_; }
  // "NOT_FOUND: no such file 'x.onnx'"; "OK" for success.
  std::string toString() const;

  // Prefixes the message with where the error happened ("loading 'm.nuri': ").
  Status withContext(std::string_view context) const;

private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status okStatus() { return Status(); }

namespace detail {
template <typename... Args> std::string concat(Args &&...args) {
  std::ostringstream os;
  (os << ... << std::forward<Args>(args));
  return os.str();
}
} // namespace detail

// Builds a message from its parts: strCat("input '", name, "' has rank ", 3).
template <typename... Args> std::string strCat(Args &&...args) {
  return detail::concat(std::forward<Args>(args)...);
}

template <typename... Args> Status invalidArgument(Args &&...args) {
  return Status(StatusCode::kInvalidArgument, strCat(args...));
}
template <typename... Args> Status notFound(Args &&...args) {
  return Status(StatusCode::kNotFound, strCat(args...));
}
template <typename... Args> Status unimplemented(Args &&...args) {
  return Status(StatusCode::kUnimplemented, strCat(args...));
}
template <typename... Args> Status dataLoss(Args &&...args) {
  return Status(StatusCode::kDataLoss, strCat(args...));
}
template <typename... Args> Status failedPrecondition(Args &&...args) {
  return Status(StatusCode::kFailedPrecondition, strCat(args...));
}
template <typename... Args> Status outOfRange(Args &&...args) {
  return Status(StatusCode::kOutOfRange, strCat(args...));
}
template <typename... Args> Status resourceExhausted(Args &&...args) {
  return Status(StatusCode::kResourceExhausted, strCat(args...));
}
template <typename... Args> Status deadlineExceeded(Args &&...args) {
  return Status(StatusCode::kDeadlineExceeded, strCat(args...));
}
template <typename... Args> Status aborted(Args &&...args) {
  return Status(StatusCode::kAborted, strCat(args...));
}
template <typename... Args> Status internalError(Args &&...args) {
  return Status(StatusCode::kInternal, strCat(args...));
}

// Result<T> holds either a T or a non-ok Status.
template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : storage_(std::move(value)) {}
  Result(Status status) : storage_(std::move(status)) {
    assert(!std::get<Status>(storage_).ok() && "Result needs an error");
  }

  bool ok() const { return std::holds_alternative<T>(storage_); }
  // The error; an ok Status when a value is held.
  Status status() const {
    return ok() ? Status() : std::get<Status>(storage_);
  }

  T &value() & { return std::get<T>(storage_); }
  const T &value() const & { return std::get<T>(storage_); }
  T &&value() && { return std::get<T>(std::move(storage_)); }
  T &operator*() & { return value(); }
  const T &operator*() const & { return value(); }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }

private:
  std::variant<T, Status> storage_;
};

} // namespace nuri

#define NURI_STATUS_CONCAT_INNER(a, b) a##b
#define NURI_STATUS_CONCAT(a, b) NURI_STATUS_CONCAT_INNER(a, b)

// Returns the Status of `expr` from the enclosing function when it is an error.
#define NURI_RETURN_IF_ERROR(expr)                                             \
  do {                                                                         \
    ::nuri::Status nuri_status_ = (expr);                                      \
    if (!nuri_status_.ok())                                                    \
      return nuri_status_;                                                     \
  } while (0)

// NURI_ASSIGN_OR_RETURN(auto x, makeX()); declares x or returns the error.
#define NURI_ASSIGN_OR_RETURN(lhs, expr)                                       \
  NURI_ASSIGN_OR_RETURN_IMPL(NURI_STATUS_CONCAT(nuri_result_, __LINE__), lhs,  \
                             expr)
#define NURI_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)                             \
  auto tmp = (expr);                                                           \
  if (!tmp.ok())                                                               \
    return tmp.status();                                                       \
  lhs = std::move(tmp).value()

#endif // NURI_STATUS_H
