// Einsum-12: numpy-style einsum with explicit ("ij,jk->ik") or implicit
// ("ij,jk") output, repeated labels (diagonals) and "..." broadcasting.
//
// Computed the plain way: every combination of label values, output labels
// outside and summed labels inside.
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// One operand's (or the output's) subscripts: label ids per dim, with the
// ellipsis already expanded.
using Subscripts = std::vector<int>;

struct EinsumPlan {
  std::vector<int64_t> labelSize; // per label id
  std::vector<Subscripts> inputs;
  Subscripts output;
  std::vector<int> summed; // labels not in the output
};

// Letters get ids 0..51; ellipsis dims get 52 + position among the (at most
// `ellipsisRank`) broadcast dims, right-aligned.
constexpr int kEllipsisBase = 52;

int letterId(char c) {
  return std::islower(static_cast<unsigned char>(c)) ? c - 'a' : 26 + c - 'A';
}

// Parses one term ("ab...c") for an operand of `rank` dims (-1 for the
// output, whose ellipsis takes all `ellipsisRank` dims).
Result<Subscripts> parseTerm(const KernelContext &ctx, const std::string &term,
                             int64_t rank, int64_t ellipsisRank) {
  std::vector<int> before, after;
  bool ellipsis = false;
  for (size_t i = 0; i < term.size(); ++i) {
    if (term.compare(i, 3, "...") == 0 && !ellipsis) {
      ellipsis = true;
      i += 2;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(term[i])))
      return ctx.error("invalid character '", term[i], "' in equation term '",
                       term, "'");
    (ellipsis ? after : before).push_back(letterId(term[i]));
  }
  const auto letters = static_cast<int64_t>(before.size() + after.size());
  int64_t spread = rank < 0 ? ellipsisRank : rank - letters;
  if ((!ellipsis && rank >= 0 && spread != 0) || spread < 0)
    return ctx.error("term '", term, "' does not fit an operand of rank ",
                     rank);
  if (!ellipsis)
    spread = 0;
  Subscripts s = before;
  for (int64_t e = ellipsisRank - spread; e < ellipsisRank; ++e)
    s.push_back(kEllipsisBase + static_cast<int>(e));
  s.insert(s.end(), after.begin(), after.end());
  return s;
}

Result<EinsumPlan> planEinsum(const KernelContext &ctx,
                              const std::vector<const TensorView *> &in) {
  NURI_ASSIGN_OR_RETURN(std::string equation, stringAttr(ctx, "equation", ""));
  equation.erase(std::remove(equation.begin(), equation.end(), ' '),
                 equation.end());
  const size_t arrow = equation.find("->");
  const std::string lhs = equation.substr(0, arrow);
  std::vector<std::string> terms(1);
  for (char c : lhs) {
    if (c == ',')
      terms.emplace_back();
    else
      terms.back().push_back(c);
  }
  if (terms.size() != in.size())
    return ctx.error("equation '", equation, "' has ", terms.size(),
                     " operands, the node has ", in.size(), " inputs");
  // The broadcast rank: the most dims any operand's ellipsis stands for.
  int64_t ellipsisRank = 0;
  for (size_t k = 0; k < terms.size(); ++k) {
    if (terms[k].find("...") == std::string::npos)
      continue;
    int64_t letters = 0;
    for (char c : terms[k])
      letters += std::isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
    ellipsisRank = std::max(ellipsisRank, in[k]->rank() - letters);
  }
  EinsumPlan plan;
  plan.labelSize.assign(kEllipsisBase + ellipsisRank, -1);
  std::map<int, int> letterCount;
  for (size_t k = 0; k < terms.size(); ++k) {
    NURI_ASSIGN_OR_RETURN(
        Subscripts s, parseTerm(ctx, terms[k], in[k]->rank(), ellipsisRank));
    for (size_t d = 0; d < s.size(); ++d) {
      int64_t &size = plan.labelSize[s[d]];
      const int64_t dim = in[k]->shape[d];
      if (s[d] < kEllipsisBase)
        ++letterCount[s[d]];
      // Broadcast dims may be 1; letters must agree exactly.
      if (size < 0 || (s[d] >= kEllipsisBase && size == 1))
        size = dim;
      else if (dim != size && !(s[d] >= kEllipsisBase && dim == 1))
        return ctx.error("label sizes disagree in '", equation, "': ", dim,
                         " vs ", size);
    }
    plan.inputs.push_back(std::move(s));
  }
  if (arrow != std::string::npos) {
    // As in numpy, broadcast dims cannot be summed away implicitly.
    if (ellipsisRank > 0 && equation.find("...", arrow) == std::string::npos)
      return ctx.error("output of '", equation,
                       "' needs '...' for the broadcast dims");
    NURI_ASSIGN_OR_RETURN(
        plan.output,
        parseTerm(ctx, equation.substr(arrow + 2), -1, ellipsisRank));
    for (size_t i = 0; i < plan.output.size(); ++i) {
      const int l = plan.output[i];
      if (l < kEllipsisBase && !letterCount.count(l))
        return ctx.error("output label of '", equation,
                         "' is not in any input");
      if (std::count(plan.output.begin(), plan.output.end(), l) > 1)
        return ctx.error("output of '", equation, "' repeats a label");
    }
  } else {
    // Implicit: broadcast dims, then letters used once, in ASCII order.
    for (int e = 0; e < ellipsisRank; ++e)
      plan.output.push_back(kEllipsisBase + e);
    std::vector<char> once;
    for (auto [l, count] : letterCount)
      if (count == 1)
        once.push_back(static_cast<char>(l < 26 ? 'a' + l : 'A' + l - 26));
    std::sort(once.begin(), once.end());
    for (char c : once)
      plan.output.push_back(letterId(c));
  }
  for (size_t l = 0; l < plan.labelSize.size(); ++l)
    if (plan.labelSize[l] >= 0 &&
        std::find(plan.output.begin(), plan.output.end(), l) ==
            plan.output.end())
      plan.summed.push_back(static_cast<int>(l));
  return plan;
}

Status einsumKernel(const KernelContext &ctx) {
  std::vector<const TensorView *> in;
  for (size_t k = 0; k < ctx.numInputs(); ++k) {
    NURI_ASSIGN_OR_RETURN(const TensorView *v, ctx.requireInput(k));
    NURI_RETURN_IF_ERROR(
        requireDType(ctx, *v, ctx.input(0)->dtype, "every input"));
    in.push_back(v);
  }
  if (in.empty())
    return ctx.error("needs at least one input");
  // Einsum-12 predates bfloat16 support.
  return visitDType<kNumeric & ~kBF16>(
      ctx, in[0]->dtype, [&](auto tag) -> Status {
        using T = typename decltype(tag)::type;
        using A = std::conditional_t<kIsFloat<T>, double, T>;
        NURI_ASSIGN_OR_RETURN(EinsumPlan plan, planEinsum(ctx, in));
        Shape outShape;
        for (int l : plan.output)
          outShape.push_back(plan.labelSize[l]);
        NURI_ASSIGN_OR_RETURN(TensorView * y,
                              prepareOutput(ctx, 0, outShape, in[0]->dtype));
        // Per input, the element stride of every label (summed over repeated
        // labels, which walks a diagonal; 0 where the dim is broadcast).
        std::vector<std::vector<int64_t>> strides(in.size());
        for (size_t k = 0; k < in.size(); ++k) {
          strides[k].assign(plan.labelSize.size(), 0);
          std::vector<int64_t> own = rowMajorStrides(in[k]->shape);
          for (size_t d = 0; d < plan.inputs[k].size(); ++d)
            if (in[k]->shape[d] != 1)
              strides[k][plan.inputs[k][d]] += own[d];
        }
        std::vector<int64_t> outDims(outShape.begin(), outShape.end());
        std::vector<int64_t> sumDims;
        for (int l : plan.summed)
          sumDims.push_back(plan.labelSize[l]);
        const bool empty = numElements(sumDims) == 0;
        std::vector<int64_t> outIdx(outDims.size(), 0),
            sumIdx(sumDims.size(), 0);
        std::vector<int64_t> base(in.size()); // per input, at outIdx
        T *out = y->as<T>();
        for (int64_t o = 0; o < y->numElements(); ++o) {
          std::fill(base.begin(), base.end(), 0);
          for (size_t k = 0; k < in.size(); ++k)
            for (size_t i = 0; i < outIdx.size(); ++i)
              base[k] += outIdx[i] * strides[k][plan.output[i]];
          A acc = 0;
          if (!empty) {
            std::fill(sumIdx.begin(), sumIdx.end(), 0);
            do {
              A prod = 1;
              for (size_t k = 0; k < in.size(); ++k) {
                int64_t off = base[k];
                for (size_t i = 0; i < sumIdx.size(); ++i)
                  off += sumIdx[i] * strides[k][plan.summed[i]];
                prod = wrapMul(prod,
                               static_cast<A>(load(in[k]->as<const T>()[off])));
              }
              acc = wrapAdd(acc, prod);
            } while (advanceIndex(sumIdx, sumDims));
          }
          out[o] = convertElement<T>(acc);
          advanceIndex(outIdx, outDims);
        }
        return okStatus();
      });
}

} // namespace

void registerEinsumKernels(KernelTable &table) {
  table.add("Einsum", einsumKernel);
}

} // namespace nuri::cpu_ref
