// TfIdfVectorizer over integer inputs.
#include "kernel_test_util.h"

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
// Pool: 1-grams [1], [3]; 2-grams [1, 2], [2, 1], [1, 1].
AttributeMap tfidf(const char *mode, int64_t maxSkip,
                   std::vector<float> weights = {}) {
  AttributeMap a =
      makeAttrs({{"mode", Attribute::ofString(mode)},
                 {"min_gram_length", Attribute::ofInt(1)},
                 {"max_gram_length", Attribute::ofInt(2)},
                 {"max_skip_count", Attribute::ofInt(maxSkip)},
                 {"ngram_counts", Attribute::ofInts({0, 2})},
                 {"ngram_indexes", Attribute::ofInts({0, 1, 2, 3, 4})},
                 {"pool_int64s", Attribute::ofInts({1, 3, 1, 2, 2, 1, 1, 1})}});
  if (!weights.empty())
    a.set("weights", Attribute::ofFloats(weights));
  return a;
}
} // namespace

TEST_CASE("TfIdfVectorizer counts n-grams with skips", "[kernels][tfidf]") {
  Tensor x = makeTensor<int32_t>({4}, {1, 2, 1, 3});
  checkClose(
      runOk("TfIdfVectorizer", {x}, {DType::kFloat32, {5}}, tfidf("TF", 0)),
      {2, 1, 1, 1, 0});
  // Skipping one item also finds [1, 1] (and [2, 3], not in the pool).
  checkClose(
      runOk("TfIdfVectorizer", {x}, {DType::kFloat32, {5}}, tfidf("TF", 1)),
      {2, 1, 1, 1, 1});
  checkClose(runOk("TfIdfVectorizer", {x}, {DType::kFloat32, {5}},
                   tfidf("IDF", 0, {0.5f, 2, 3, 4, 5})),
             {0.5, 2, 3, 4, 0});
  checkClose(runOk("TfIdfVectorizer", {x}, {DType::kFloat32, {5}},
                   tfidf("TFIDF", 0, {0.5f, 2, 3, 4, 5})),
             {1, 2, 3, 4, 0});
  // Rows are independent; n-grams do not cross them.
  checkClose(runOk("TfIdfVectorizer", {makeI64({2, 2}, {1, 2, 1, 1})},
                   {DType::kFloat32, {2, 5}}, tfidf("TF", 0)),
             {1, 0, 1, 0, 0, 2, 0, 0, 0, 1});
}

TEST_CASE("TfIdfVectorizer errors", "[kernels][tfidf]") {
  Tensor x = makeTensor<int32_t>({2}, {1, 2});
  AttributeMap bad = tfidf("TF", 0);
  bad.set("ngram_counts", Attribute::ofInts({0, 3}));
  checkError(runNode("TfIdfVectorizer", {x}, {{DType::kFloat32, {5}}}, bad),
             StatusCode::kInvalidArgument,
             {"TfIdfVectorizer", "does not split pool_int64s"});
  checkError(runNode("TfIdfVectorizer", {x}, {{DType::kFloat32, {5}}},
                     tfidf("BM25", 0)),
             StatusCode::kInvalidArgument, {"mode must be TF, IDF or TFIDF"});
  checkError(runNode("TfIdfVectorizer", {makeF32({2}, {1, 2})},
                     {{DType::kFloat32, {5}}}, tfidf("TF", 0)),
             StatusCode::kUnimplemented, {"X dtype float32"});
}
