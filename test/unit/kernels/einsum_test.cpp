// Einsum: explicit and implicit outputs, diagonals, broadcasting.
#include "kernel_test_util.h"

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
AttributeMap eq(const std::string &equation) {
  return makeAttrs({{"equation", Attribute::ofString(equation)}});
}
Tensor m2x2() { return makeF32({2, 2}, {1, 2, 3, 4}); }
} // namespace

TEST_CASE("Einsum products and sums", "[kernels][einsum]") {
  Tensor b = makeF32({2, 2}, {5, 6, 7, 8});
  checkClose(
      runOk("Einsum", {m2x2(), b}, {DType::kFloat32, {2, 2}}, eq("ij,jk->ik")),
      {19, 22, 43, 50});
  // Implicit output: labels used once, alphabetically.
  checkClose(
      runOk("Einsum", {m2x2(), b}, {DType::kFloat32, {2, 2}}, eq("ij, jk")),
      {19, 22, 43, 50});
  checkClose(runOk("Einsum", {makeF32({2, 3}, {0, 1, 2, 3, 4, 5})},
                   {DType::kFloat32, {3, 2}}, eq("ba")),
             {0, 3, 1, 4, 2, 5});
  checkClose(runOk("Einsum", {makeF32({3}, {1, 2, 3}), makeF32({3}, {4, 5, 6})},
                   {DType::kFloat32, {}}, eq("i,i->")),
             {32});
  CHECK(valuesOf<int32_t>(runOk(
            "Einsum", {makeTensor<int32_t>({2, 2}, {1, 2, 3, 4})},
            {DType::kInt32, {2}}, eq("ij->j"))) == std::vector<int32_t>{4, 6});
}

TEST_CASE("Einsum diagonals and broadcasting", "[kernels][einsum]") {
  checkClose(runOk("Einsum", {m2x2()}, {DType::kFloat32, {2}}, eq("ii->i")),
             {1, 4});
  checkClose(runOk("Einsum", {m2x2()}, {DType::kFloat32, {}}, eq("ii")), {5});
  // Batch dims [2] and [1] broadcast.
  checkClose(
      runOk("Einsum",
            {makeF32({2, 1, 2}, {1, 2, 3, 4}), makeF32({1, 2, 1}, {1, 1})},
            {DType::kFloat32, {2, 1, 1}}, eq("...ij,...jk->...ik")),
      {3, 7});
}

TEST_CASE("Einsum errors", "[kernels][einsum]") {
  Tensor a = makeF32({2, 3}, {1, 2, 3, 4, 5, 6});
  checkError(runNode("Einsum", {a, m2x2()}, {{DType::kFloat32, {2, 2}}},
                     eq("ij,jk->ik")),
             StatusCode::kInvalidArgument, {"Einsum", "label sizes disagree"});
  checkError(runNode("Einsum", {a}, {{DType::kFloat32, {2, 3}}}, eq("ij,jk")),
             StatusCode::kInvalidArgument, {"has 2 operands"});
  checkError(runNode("Einsum", {a}, {{DType::kFloat32, {2}}}, eq("ij->k")),
             StatusCode::kInvalidArgument, {"not in any input"});
  checkError(runNode("Einsum", {a}, {{DType::kFloat32, {2, 3}}}, eq("i1")),
             StatusCode::kInvalidArgument, {"invalid character '1'"});
  checkError(runNode("Einsum", {a}, {{DType::kFloat32, {2, 3}}}, eq("ijk")),
             StatusCode::kInvalidArgument,
             {"does not fit an operand of rank 2"});
  checkError(runNode("Einsum", {makeF32({2, 2, 2}, std::vector<float>(8, 1))},
                     {{DType::kFloat32, {2, 2}}}, eq("...ij->ij")),
             StatusCode::kInvalidArgument, {"needs '...'"});
}
