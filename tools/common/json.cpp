#include "common/json.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace nuri::tools {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when it is not one
// (overlong forms, surrogates and code points above U+10FFFF included).
size_t utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t length;
  uint32_t min;
  uint32_t code;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2, min = 0x80, code = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3, min = 0x800, code = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4, min = 0x10000, code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size())
    return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80)
      return 0;
    code = (code << 6) | (byte(i + k) & 0x3f);
  }
  if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
    return 0;
  return length;
}

} // namespace

std::string jsonString(std::string_view text) {
  std::string s = "\"";
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t length = utf8SequenceLength(text, i);
      if (length == 0) {
        s += "\\ufffd";
        ++i;
      } else {
        s.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    ++i;
    switch (c) {
    case '"':
      s += "\\\"";
      break;
    case '\\':
      s += "\\\\";
      break;
    case '\n':
      s += "\\n";
      break;
    case '\t':
      s += "\\t";
      break;
    case '\r':
      s += "\\r";
      break;
    default:
      if (c < 0x20 || c == 0x7f) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
        s += escaped;
      } else {
        s += static_cast<char>(c);
      }
    }
  }
  return s + "\"";
}

std::string jsonNumber(double value) {
  if (!std::isfinite(value))
    return "null";
  if (value == 0)
    return "0"; // not "-0"
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc())
    return "null";
  return std::string(buffer, end);
}

void JsonWriter::newline() {
  out_ << '\n';
  for (size_t i = 0; i < levels_.size(); ++i)
    out_ << "  ";
}

void JsonWriter::beforeValue() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (levels_.empty())
    return;
  Level &level = levels_.back();
  if (level.items++ > 0)
    out_ << (level.compact ? ", " : ",");
  if (!level.compact)
    newline();
}

JsonWriter &JsonWriter::raw(std::string_view text) {
  beforeValue();
  out_ << text;
  if (levels_.empty())
    out_ << '\n'; // a complete top-level document
  return *this;
}

JsonWriter &JsonWriter::open(char bracket, bool compact) {
  beforeValue();
  out_ << bracket;
  bool inherited = !levels_.empty() && levels_.back().compact;
  levels_.push_back(Level{0, compact || inherited});
  return *this;
}

JsonWriter &JsonWriter::close(char bracket) {
  bool breakLine =
      !levels_.empty() && levels_.back().items > 0 && !levels_.back().compact;
  if (!levels_.empty())
    levels_.pop_back();
  if (breakLine)
    newline();
  out_ << bracket;
  if (levels_.empty())
    out_ << '\n';
  return *this;
}

JsonWriter &JsonWriter::beginObject(bool compact) { return open('{', compact); }
JsonWriter &JsonWriter::endObject() { return close('}'); }
JsonWriter &JsonWriter::beginArray(bool compact) { return open('[', compact); }
JsonWriter &JsonWriter::endArray() { return close(']'); }

JsonWriter &JsonWriter::key(std::string_view name) {
  beforeValue();
  out_ << jsonString(name) << ": ";
  afterKey_ = true;
  return *this;
}

JsonWriter &JsonWriter::value(std::string_view text) {
  return raw(jsonString(text));
}
JsonWriter &JsonWriter::value(double number) { return raw(jsonNumber(number)); }
JsonWriter &JsonWriter::value(bool flag) {
  return raw(flag ? "true" : "false");
}

} // namespace nuri::tools
