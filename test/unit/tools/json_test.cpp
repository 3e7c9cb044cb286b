// JSON escaping, numbers and the streaming writer.
#include "common/json.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

using nuri::tools::jsonNumber;
using nuri::tools::jsonString;
using nuri::tools::JsonWriter;

TEST_CASE("strings are escaped and made valid UTF-8", "[tools][json]") {
  CHECK(jsonString("plain") == "\"plain\"");
  CHECK(jsonString("a\"b\\c") == R"("a\"b\\c")");
  CHECK(jsonString("l1\nl2\tt\r") == R"("l1\nl2\tt\r")");
  CHECK(jsonString(std::string("\x01\x1f\x7f", 3)) ==
        R"("\u0001\u001f\u007f")");
  CHECK(jsonString(std::string("nul\0x", 5)) == R"("nul\u0000x")");
  // Valid UTF-8 passes through; anything else becomes U+FFFD per byte.
  CHECK(jsonString("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
        "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  CHECK(jsonString("\xff") == R"("\ufffd")");
  CHECK(jsonString("end\xc3") == R"("end\ufffd")");
  CHECK(jsonString("\xc0\xaf") == R"("\ufffd\ufffd")");           // overlong
  CHECK(jsonString("\xed\xa0\x80") == R"("\ufffd\ufffd\ufffd")"); // surrogate
  CHECK(jsonString("\xf4\x90\x80\x80") ==
        R"("\ufffd\ufffd\ufffd\ufffd")"); // above U+10FFFF
}

TEST_CASE("numbers are the shortest round trip, null when not finite",
          "[tools][json]") {
  CHECK(jsonNumber(0) == "0");
  CHECK(jsonNumber(-0.0) == "0");
  CHECK(jsonNumber(1234) == "1234");
  CHECK(jsonNumber(0.1) == "0.1");
  CHECK(jsonNumber(0.264) == "0.264");
  CHECK(jsonNumber(-2.5e-7) == "-2.5e-07");
  CHECK(std::stod(jsonNumber(1.0 / 3)) == 1.0 / 3);
  CHECK(jsonNumber(std::nan("")) == "null");
  CHECK(jsonNumber(std::numeric_limits<double>::infinity()) == "null");
  CHECK(jsonNumber(-std::numeric_limits<double>::infinity()) == "null");
}

TEST_CASE("the writer nests, separates and indents", "[tools][json]") {
  std::ostringstream out;
  JsonWriter json(out);
  json.beginObject()
      .field("name", "m")
      .field("count", uint64_t{3})
      .field("ratio", 0.5)
      .field("ok", true)
      .key("none")
      .null()
      .key("shape")
      .beginArray(/*compact=*/true)
      .value(2)
      .value(3)
      .endArray()
      .key("empty")
      .beginObject()
      .endObject()
      .key("list")
      .beginArray()
      .beginObject(/*compact=*/true)
      .field("a", -1)
      .field("b", "x")
      .endObject()
      .endArray()
      .endObject();
  CHECK(out.str() == R"({
  "name": "m",
  "count": 3,
  "ratio": 0.5,
  "ok": true,
  "none": null,
  "shape": [2, 3],
  "empty": {},
  "list": [
    {"a": -1, "b": "x"}
  ]
}
)");
}
