// JSON output for the tools' machine-readable files (nuri-objdump --json,
// nuri-run --stats-json, Chrome traces): escaping, numbers, and a small
// streaming writer that places the commas and the indentation.
#ifndef NURI_TOOLS_COMMON_JSON_H
#define NURI_TOOLS_COMMON_JSON_H

#include <concepts>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::tools {

// `text` as a quoted JSON string. Control characters are escaped and bytes
// that are not valid UTF-8 become U+FFFD, so names read from a damaged
// artifact still give valid JSON.
std::string jsonString(std::string_view text);
// The shortest text that reads back as `value`; "null" for NaN and the
// infinities, which JSON cannot express.
std::string jsonNumber(double value);

// Writes one JSON document, pretty-printed with two-space indentation:
//   JsonWriter json(out);
//   json.beginObject().key("cycles").value(1234).endObject();
// Misuse (a value where a key is due) is a bug in the caller, not input
// dependent, so it is not diagnosed.
class JsonWriter {
public:
  explicit JsonWriter(std::ostream &out) : out_(out) {}

  // A compact container (and everything inside it) stays on one line:
  // "shape": [1, 3, 224, 224].
  JsonWriter &beginObject(bool compact = false);
  JsonWriter &endObject();
  JsonWriter &beginArray(bool compact = false);
  JsonWriter &endArray();
  JsonWriter &key(std::string_view name);

  JsonWriter &value(std::string_view text);
  JsonWriter &value(const char *text) { return value(std::string_view(text)); }
  JsonWriter &value(const std::string &text) {
    return value(std::string_view(text));
  }
  JsonWriter &value(double number);
  JsonWriter &value(bool flag);
  template <std::integral T> JsonWriter &value(T number) {
    return raw(std::to_string(number));
  }
  JsonWriter &null() { return raw("null"); }

  // key(name).value(v) in one call.
  template <typename T> JsonWriter &field(std::string_view name, T &&v) {
    return key(name).value(std::forward<T>(v));
  }

private:
  JsonWriter &raw(std::string_view text);
  void beforeValue();
  void newline();
  JsonWriter &open(char bracket, bool compact);
  JsonWriter &close(char bracket);

  struct Level {
    size_t items = 0;
    bool compact = false;
  };
  std::ostream &out_;
  std::vector<Level> levels_;
  bool afterKey_ = false;
};

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_JSON_H
