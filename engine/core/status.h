// Environment failures (I/O, SQLite, a missing file) as values.
//
// User-input problems are not Statuses: they are Diagnostics (diagnostic.h),
// collected and reported together. A Status says "the world failed us";
// a Diagnostic says "your input is wrong here". Broken invariants are bugs and
// abort (CADENCE_ASSERT).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <variant>

namespace cadence {

enum class StatusCode { kOk, kIoError, kStoreError, kInvalidInput, kNotFound, kInternal };

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status ok() { return Status(); }
  static Status io_error(std::string message) { return {StatusCode::kIoError, std::move(message)}; }
  static Status store_error(std::string message) { return {StatusCode::kStoreError, std::move(message)}; }
  static Status invalid_input(std::string message) { return {StatusCode::kInvalidInput, std::move(message)}; }
  static Status not_found(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
  static Status internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status that prevented it. Accessing value() of a failed
// Result is a bug and aborts.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(state_).is_ok()) {
      state_ = Status::internal("Result constructed from an ok Status without a value");
    }
  }

  bool is_ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return checked(); }
  const T& value() const& { return const_cast<Result*>(this)->checked(); }
  T&& value() && { return std::move(checked()); }
  T* operator->() { return &checked(); }
  const T* operator->() const { return &const_cast<Result*>(this)->checked(); }
  T& operator*() { return checked(); }

 private:
  T& checked() {
    if (!is_ok()) {
      std::fprintf(stderr, "cadence: value() of a failed Result: %s\n",
                   std::get<Status>(state_).message().c_str());
      std::abort();
    }
    return std::get<T>(state_);
  }
  std::variant<T, Status> state_;
};

}  // namespace cadence

// Broken invariants are bugs: say where and stop.
#define CADENCE_ASSERT(condition)                                                        \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)
