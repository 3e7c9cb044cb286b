#include "nuri/status.h"

#include <catch2/catch.hpp>

using namespace nuri;

namespace {
Result<int> parsePositive(int v) {
  if (v <= 0)
    return invalidArgument("value ", v, " is not positive");
  return v;
}
Result<int> doubled(int v) {
  NURI_ASSIGN_OR_RETURN(int x, parsePositive(v));
  return 2 * x;
}
} // namespace

TEST_CASE("Status carries code and message", "[base]") {
  Status ok;
  CHECK(ok.ok());
  CHECK(ok.toString() == "OK");
  Status err = notFound("no file '", "a.onnx", "'");
  CHECK_FALSE(err.ok());
  CHECK(err.code() == StatusCode::kNotFound);
  CHECK(err.toString() == "NOT_FOUND: no file 'a.onnx'");
  CHECK(err.withContext("loading").message() == "loading: no file 'a.onnx'");
}

TEST_CASE("Result propagates errors through NURI_ASSIGN_OR_RETURN", "[base]") {
  Result<int> good = doubled(21);
  REQUIRE(good.ok());
  CHECK(*good == 42);
  Result<int> bad = doubled(-1);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "value -1 is not positive");
}
