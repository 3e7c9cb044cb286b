#include "common/compare.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace nuri;
using namespace nuri::tools;

namespace {
TensorView view(std::vector<float> &v, Shape shape) {
  return TensorView{DType::kFloat32, std::move(shape), v.data()};
}
} // namespace

TEST_CASE("compare passes within tolerance", "[compare]") {
  std::vector<float> got = {1.0f, 2.0005f, -3.0f, 0.00005f};
  std::vector<float> exp = {1.0f, 2.0f, -3.0f, 0.0f};
  auto c = compareTensors(view(got, {4}), view(exp, {4}), 1e-3, 1e-4);
  REQUIRE(c.ok());
  CHECK(c->pass);
  CHECK(c->count == 4);
  CHECK(c->mismatches == 0);
  CHECK(c->maxAbsError == Approx(0.0005).epsilon(1e-3));
  CHECK(c->maxRelError == Approx(0.00025).epsilon(1e-3));
}

TEST_CASE("compare fails outside tolerance and finds the worst element",
          "[compare]") {
  std::vector<float> got = {1, 2, 3, 4, 5, 6.5f};
  std::vector<float> exp = {1, 2, 3.001f, 4, 5, 6};
  auto c = compareTensors(view(got, {2, 3}), view(exp, {2, 3}), 1e-3, 1e-4);
  REQUIRE(c.ok());
  CHECK_FALSE(c->pass);
  CHECK(c->mismatches == 1);
  CHECK(c->worstIndex == 5);
  CHECK(c->worstGot == 6.5);
  CHECK(c->worstExpected == 6);
  CHECK(c->maxAbsError == Approx(0.5));
  std::string text = describeComparison(*c, {2, 3}, 1e-3, 1e-4);
  CHECK_THAT(text, Catch::Contains("worst [1, 2]") && Catch::Contains("FAIL") &&
                       Catch::Contains("1 of 6 outside"));
}

TEST_CASE("compare treats NaN as equal to NaN only", "[compare]") {
  float nan = std::numeric_limits<float>::quiet_NaN();
  float inf = std::numeric_limits<float>::infinity();
  std::vector<float> got = {nan, inf, -inf};
  std::vector<float> exp = {nan, inf, -inf};
  auto same = compareTensors(view(got, {3}), view(exp, {3}), 0, 0);
  REQUIRE(same.ok());
  CHECK(same->pass);
  CHECK(same->maxAbsError == 0);

  std::vector<float> other = {1, -inf, -inf};
  auto differ = compareTensors(view(got, {3}), view(other, {3}), 1e-3, 1e-4);
  REQUIRE(differ.ok());
  CHECK_FALSE(differ->pass);
  CHECK(differ->mismatches == 2);
  CHECK(std::isinf(differ->maxAbsError));
}

TEST_CASE("compare needs equal dtype and shape", "[compare]") {
  std::vector<float> a = {1, 2};
  std::vector<float> b = {1, 2};
  CHECK_THAT(
      compareTensors(view(a, {2}), view(b, {1, 2}), 0, 0).status().message(),
      Catch::Contains("shape"));
  int32_t ints[2] = {1, 2};
  TensorView i{DType::kInt32, {2}, ints};
  CHECK_THAT(compareTensors(view(a, {2}), i, 0, 0).status().message(),
             Catch::Contains("dtype"));
}

TEST_CASE("compare works on integers and empty tensors", "[compare]") {
  int64_t got[3] = {1, 5, -7};
  int64_t exp[3] = {1, 5, -7};
  TensorView g{DType::kInt64, {3}, got};
  TensorView e{DType::kInt64, {3}, exp};
  auto c = compareTensors(g, e, 0, 0);
  REQUIRE(c.ok());
  CHECK(c->pass);
  exp[2] = -8;
  CHECK_FALSE(compareTensors(g, e, 0, 0)->pass);

  TensorView empty{DType::kFloat32, {0, 3}, nullptr};
  auto none = compareTensors(empty, empty, 0, 0);
  REQUIRE(none.ok());
  CHECK(none->pass);
  CHECK(none->worstIndex == -1);
}

TEST_CASE("listMismatches uses the comparison's rule, infinities included",
          "[compare]") {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> got = {1, 1, inf, 2, 5};
  std::vector<float> exp = {inf, -inf, inf, 2.0001f, 4};
  TensorView g = view(got, {5}), e = view(exp, {5});
  auto c = compareTensors(g, e, 1e-3, 1e-4);
  REQUIRE(c.ok());
  CHECK(c->mismatches == 3);
  // Exactly the three elements the comparison counted, in order.
  CHECK(listMismatches("y", g, e, 1e-3, 1e-4) ==
        "output 'y' [0]: expected inf got 1\n"
        "output 'y' [1]: expected -inf got 1\n"
        "output 'y' [4]: expected 4 got 5\n");
  CHECK(listMismatches("y", g, e, 1e-3, 1e-4, 1) ==
        "output 'y' [0]: expected inf got 1\n");
}

TEST_CASE("listMismatches names the element of a complex scalar", "[compare]") {
  // Two complex64 elements of shape [2]: scalars re0, im0, re1, im1.
  std::vector<float> got = {1, 2, 3, 9};
  std::vector<float> exp = {1, 2, 3, 4};
  TensorView g{DType::kComplex64, {2}, got.data()};
  TensorView e{DType::kComplex64, {2}, exp.data()};
  CHECK(listMismatches("z", g, e, 1e-3, 1e-4) ==
        "output 'z' [1]: expected 4 got 9\n");
}
