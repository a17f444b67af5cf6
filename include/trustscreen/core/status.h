// Errors as values: Status and Result<T>.
//
// Every module boundary in trustscreen reports failure through these types rather than exceptions.
// Exceptions thrown by third-party code are caught at the module edge and converted. A Status is
// cheap to copy when ok; a failed Status carries a code and a human-readable message that starts
// with its subject ("rules/export.yaml:14: rule 'ec-eccn': invalid regex: missing )").
#ifndef TRUSTSCREEN_CORE_STATUS_H_
#define TRUSTSCREEN_CORE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace trustscreen {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,  // bad flag, bad rule file, bad input to a function
  kNotFound,         // a path that does not exist
  kIoError,          // a read or write failed
  kParseError,       // malformed data (YAML, CSV, JSON, document)
  kInternal,         // a bug or an unexpected library failure
};

std::string_view ToString(ErrorCode code);

class Status {
 public:
  Status() = default;  // ok
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid_argument: <message>", or "ok".
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string message) {
  return Status(ErrorCode::kInvalidArgument, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(ErrorCode::kNotFound, std::move(message));
}
inline Status IoError(std::string message) {
  return Status(ErrorCode::kIoError, std::move(message));
}
inline Status ParseError(std::string message) {
  return Status(ErrorCode::kParseError, std::move(message));
}
inline Status InternalError(std::string message) {
  return Status(ErrorCode::kInternal, std::move(message));
}

// Either a value or a failed Status. Accessing value() of a failed Result is a programming error
// (it throws std::bad_variant_access).
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}  // NOLINT: must not be ok

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_STATUS_H_
