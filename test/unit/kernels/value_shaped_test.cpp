// NonZero, Unique and Compress, with preallocated outputs (the runtime) and
// with outputs the kernel allocates through ctx.allocate (constant folding).
#include "kernel_test_util.h"

#include <cmath>
#include <limits>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
constexpr DType kI64 = DType::kInt64;
constexpr DType kNone = DType::kUndefined;

void requireOk(const RunResult &r) {
  INFO(r.status.toString());
  REQUIRE(r.status.ok());
}
} // namespace

TEST_CASE("Data-dependent output shapes are recorded in the registry",
          "[kernels][value_shaped]") {
  for (const char *op : {"NonZero", "Unique", "Compress", "NonMaxSuppression"})
    CHECK(kernelComputesOutputShapes(op));
  for (const char *op : {"Add", "Resize", "NoSuchOp"})
    CHECK_FALSE(kernelComputesOutputShapes(op));
}

TEST_CASE("NonZero", "[kernels][value_shaped]") {
  Tensor x = makeF32({2, 2}, {1, 0, -0.0f, std::nanf("")});
  CHECK(valuesOf<int64_t>(runOk("NonZero", {x}, {kI64, {2, 2}})) ==
        std::vector<int64_t>{0, 1, 0, 1});
  RunResult r = runNodeAllocating("NonZero", {x}, {kI64});
  requireOk(r);
  CHECK(r.out().shape() == Shape{2, 2});
  CHECK(valuesOf<int64_t>(r.out()) == std::vector<int64_t>{0, 1, 0, 1});
  r = runNodeAllocating(
      "NonZero", {makeBool({2, 3}, {false, false, false, false, false, false})},
      {kI64});
  requireOk(r);
  CHECK(r.out().shape() == Shape{2, 0});
  // A preallocated output of another shape is a compiler/runtime bug.
  checkError(runNode("NonZero", {x}, {{kI64, {2, 3}}}), StatusCode::kInternal,
             {"computed shape [2, 2]"});
}

TEST_CASE("Unique without axis, sorted and in first-occurrence order",
          "[kernels][value_shaped]") {
  Tensor x = makeF32({6}, {2, 1, 1, 3, 4, 3});
  RunResult r =
      runNodeAllocating("Unique", {x}, {DType::kFloat32, kI64, kI64, kI64});
  requireOk(r);
  checkClose(r.out(0), {1, 2, 3, 4});
  CHECK(valuesOf<int64_t>(r.out(1)) == std::vector<int64_t>{1, 0, 3, 4});
  CHECK(valuesOf<int64_t>(r.out(2)) == std::vector<int64_t>{1, 0, 0, 2, 3, 2});
  CHECK(valuesOf<int64_t>(r.out(3)) == std::vector<int64_t>{2, 1, 2, 1});

  AttributeMap unsorted = makeAttrs({{"sorted", Attribute::ofInt(0)}});
  r = runNode("Unique", {x},
              {{DType::kFloat32, {4}}, {kI64, {4}}, {kI64, {6}}, {kI64, {4}}},
              unsorted);
  requireOk(r);
  checkClose(r.out(0), {2, 1, 3, 4});
  CHECK(valuesOf<int64_t>(r.out(1)) == std::vector<int64_t>{0, 1, 3, 4});
  CHECK(valuesOf<int64_t>(r.out(2)) == std::vector<int64_t>{0, 1, 1, 2, 3, 2});
  CHECK(valuesOf<int64_t>(r.out(3)) == std::vector<int64_t>{1, 2, 2, 1});

  // NaNs are equal to each other and sort last; unrequested outputs stay so.
  r = runNodeAllocating("Unique", {makeF32({3}, {std::nanf(""), 1, NAN})},
                        {DType::kFloat32, kNone, kNone, kI64});
  requireOk(r);
  checkClose(r.out(0), {1, NAN});
  CHECK(valuesOf<int64_t>(r.out(3)) == std::vector<int64_t>{1, 2});
}

TEST_CASE("Unique along an axis", "[kernels][value_shaped]") {
  Tensor x = makeI64({3, 3}, {1, 0, 0, 1, 0, 0, 2, 3, 4});
  RunResult r = runNodeAllocating("Unique", {x}, {kI64, kI64, kI64, kI64},
                                  makeAttrs({{"axis", Attribute::ofInt(0)}}));
  requireOk(r);
  CHECK(r.out(0).shape() == Shape{2, 3});
  CHECK(valuesOf<int64_t>(r.out(0)) == std::vector<int64_t>{1, 0, 0, 2, 3, 4});
  CHECK(valuesOf<int64_t>(r.out(1)) == std::vector<int64_t>{0, 2});
  CHECK(valuesOf<int64_t>(r.out(2)) == std::vector<int64_t>{0, 0, 1});
  CHECK(valuesOf<int64_t>(r.out(3)) == std::vector<int64_t>{2, 1});
  // Columns of [[1, 0, 1], [2, 0, 2]] sorted: [0, 0] before [1, 2].
  r = runNodeAllocating("Unique", {makeI64({2, 3}, {1, 0, 1, 2, 0, 2})},
                        {kI64, kNone, kI64},
                        makeAttrs({{"axis", Attribute::ofInt(-1)}}));
  requireOk(r);
  CHECK(valuesOf<int64_t>(r.out(0)) == std::vector<int64_t>{0, 1, 0, 2});
  CHECK(valuesOf<int64_t>(r.out(2)) == std::vector<int64_t>{1, 0, 1});
  checkError(runNode("Unique", {x}, {{kI64, {2, 3}}},
                     makeAttrs({{"axis", Attribute::ofInt(2)}})),
             StatusCode::kInvalidArgument, {"axis 2 is out of range"});
}

TEST_CASE("Compress", "[kernels][value_shaped]") {
  Tensor x = makeF32({3, 2}, {1, 2, 3, 4, 5, 6});
  AttributeMap axis0 = makeAttrs({{"axis", Attribute::ofInt(0)}});
  checkClose(runOk("Compress", {x, makeBool({3}, {false, true, true})},
                   {DType::kFloat32, {2, 2}}, axis0),
             {3, 4, 5, 6});
  // Without an axis the input is flattened; a shorter condition drops the
  // rest.
  RunResult r = runNodeAllocating(
      "Compress", {x, makeBool({5}, {false, true, false, false, true})},
      {DType::kFloat32});
  requireOk(r);
  CHECK(r.out().shape() == Shape{2});
  checkClose(r.out(), {2, 5});
  r = runNodeAllocating("Compress", {x, makeBool({1}, {true})},
                        {DType::kFloat32},
                        makeAttrs({{"axis", Attribute::ofInt(-1)}}));
  requireOk(r);
  CHECK(r.out().shape() == Shape{3, 1});
  checkClose(r.out(), {1, 3, 5});
  checkError(runNode("Compress", {x, makeBool({4}, {true, true, true, true})},
                     {{DType::kFloat32, {4, 2}}}, axis0),
             StatusCode::kInvalidArgument,
             {"Compress", "condition has 4 values"});
  checkError(
      runNode("Compress", {x, makeI64({1}, {1})}, {{DType::kFloat32, {1}}}),
      StatusCode::kInvalidArgument, {"condition must be bool"});
}
