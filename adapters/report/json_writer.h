// A small streaming JSON writer (RFC 8259): objects, arrays, escaped strings,
// numbers passed as already-formatted text. Output is compact and stable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cadence {

class JsonWriter {
 public:
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name);
  void value(std::string_view text);       // a string value
  void raw(std::string_view number);       // a number or literal, as is
  void field(std::string_view name, std::string_view text) { key(name); value(text); }
  void raw_field(std::string_view name, std::string_view number) { key(name); raw(number); }
  std::string take() { return std::move(out_); }

  static std::string escape(std::string_view text);

 private:
  void open(char bracket);
  void close(char bracket);
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace cadence
