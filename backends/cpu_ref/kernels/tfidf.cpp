// TfIdfVectorizer-9 over integer inputs (string pools have no Nuri tensor
// representation): counts the pool's n-grams in each row of X, with skips,
// and weights the counts as TF, IDF or TFIDF.
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <map>

namespace nuri::cpu_ref {
namespace {

using namespace types;

enum class TfIdfMode { kTf, kIdf, kTfIdf };

Status tfIdfVectorizerKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  if (hasAttr(ctx, "pool_strings"))
    return ctx.unsupported("pool_strings (string tensors)");
  NURI_ASSIGN_OR_RETURN(int64_t minGram,
                        requiredIntAttr(ctx, "min_gram_length"));
  NURI_ASSIGN_OR_RETURN(int64_t maxGram,
                        requiredIntAttr(ctx, "max_gram_length"));
  NURI_ASSIGN_OR_RETURN(int64_t maxSkip,
                        requiredIntAttr(ctx, "max_skip_count"));
  NURI_ASSIGN_OR_RETURN(std::string modeName, stringAttr(ctx, "mode", ""));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> counts,
                        intsAttr(ctx, "ngram_counts", {}));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> indexes,
                        intsAttr(ctx, "ngram_indexes", {}));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> pool,
                        intsAttr(ctx, "pool_int64s", {}));
  NURI_ASSIGN_OR_RETURN(std::vector<float> weights,
                        floatsAttr(ctx, "weights", {}));
  TfIdfMode mode;
  if (modeName == "TF")
    mode = TfIdfMode::kTf;
  else if (modeName == "IDF")
    mode = TfIdfMode::kIdf;
  else if (modeName == "TFIDF")
    mode = TfIdfMode::kTfIdf;
  else
    return ctx.error("mode must be TF, IDF or TFIDF, got '", modeName, "'");
  if (minGram < 1 || maxGram < minGram || maxSkip < 0)
    return ctx.error("need 1 <= min_gram_length <= max_gram_length and "
                     "max_skip_count >= 0, got ",
                     minGram, ", ", maxGram, ", ", maxSkip);

  // The pool's n-grams: ngram_counts[k] is where the (k+1)-grams start.
  std::map<std::vector<int64_t>, int64_t> ngramIndex;
  int64_t ngram = 0;
  for (size_t k = 0; k < counts.size(); ++k) {
    const int64_t begin = counts[k];
    const int64_t end = k + 1 < counts.size()
                            ? counts[k + 1]
                            : static_cast<int64_t>(pool.size());
    const auto n = static_cast<int64_t>(k + 1);
    if (begin < 0 || end < begin || end > static_cast<int64_t>(pool.size()) ||
        (end - begin) % n != 0)
      return ctx.error("ngram_counts ", k, " does not split pool_int64s (",
                       pool.size(), " values) into ", n, "-grams");
    for (int64_t i = begin; i < end; i += n, ++ngram)
      ngramIndex[std::vector<int64_t>(pool.begin() + i, pool.begin() + i + n)] =
          ngram;
  }
  if (static_cast<int64_t>(indexes.size()) != ngram)
    return ctx.error("ngram_indexes has ", indexes.size(), " values for ",
                     ngram, " n-grams in the pool");
  if (!weights.empty() && weights.size() != indexes.size())
    return ctx.error("weights has ", weights.size(), " values, expected ",
                     indexes.size());
  int64_t width = 0;
  for (int64_t i : indexes) {
    if (i < 0)
      return ctx.error("ngram_indexes has negative index ", i);
    width = std::max(width, i + 1);
  }

  if (x->rank() != 1 && x->rank() != 2)
    return ctx.error("X must be 1-D or 2-D, got shape ",
                     shapeToString(x->shape));
  if (x->dtype != DType::kInt32 && x->dtype != DType::kInt64)
    return ctx.unsupported("X dtype ", dtypeName(x->dtype));
  NURI_ASSIGN_OR_RETURN(std::vector<int64_t> values, readInt64s(ctx, *x, "X"));
  const int64_t rows = x->rank() == 2 ? x->shape[0] : 1;
  const int64_t len = x->shape.back();
  Shape outShape = x->rank() == 2 ? Shape{rows, width} : Shape{width};
  NURI_ASSIGN_OR_RETURN(TensorView * y,
                        prepareOutput(ctx, 0, outShape, DType::kFloat32));
  std::vector<int64_t> found(static_cast<size_t>(ngram));
  std::vector<int64_t> gram;
  for (int64_t r = 0; r < rows; ++r) {
    std::fill(found.begin(), found.end(), 0);
    const int64_t *row = values.data() + r * len;
    for (int64_t n = minGram; n <= maxGram; ++n)
      // A 1-gram is the same for every skip: count it once.
      for (int64_t skip = 0; skip <= (n == 1 ? 0 : maxSkip); ++skip)
        for (int64_t start = 0; start + (n - 1) * (skip + 1) < len; ++start) {
          gram.clear();
          for (int64_t j = 0; j < n; ++j)
            gram.push_back(row[start + j * (skip + 1)]);
          auto it = ngramIndex.find(gram);
          if (it != ngramIndex.end())
            ++found[it->second];
        }
    float *out = y->as<float>() + r * width;
    std::fill_n(out, width, 0.0f);
    for (int64_t i = 0; i < ngram; ++i) {
      const double w = weights.empty() ? 1.0 : weights[i];
      const double c = static_cast<double>(found[i]);
      const double v = mode == TfIdfMode::kTf    ? c
                       : mode == TfIdfMode::kIdf ? std::min(c, 1.0) * w
                                                 : c * w;
      out[indexes[i]] += static_cast<float>(v);
    }
  }
  return okStatus();
}

} // namespace

void registerTfIdfKernels(KernelTable &table) {
  table.add("TfIdfVectorizer", tfIdfVectorizerKernel);
}

} // namespace nuri::cpu_ref
