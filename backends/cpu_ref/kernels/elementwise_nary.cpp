// Variadic broadcasting ops (Max, Min, Sum, Mean) and Where.
#include "cpu_ref/kernels/elementwise.h"
#include "cpu_ref/kernels/kernel_table.h"

#include <cstring>

namespace nuri::cpu_ref {
namespace {

using namespace types;

// Folds every input into an accumulator of the broadcast shape with
// `combine` (on compute values); Mean divides by the input count at the end.
template <unsigned Types, typename Combine>
Status foldInputs(const KernelContext &ctx, Combine combine,
                  bool mean = false) {
  if (ctx.numInputs() == 0)
    return ctx.error("needs at least one input");
  std::vector<Shape> shapes;
  for (size_t k = 0; k < ctx.numInputs(); ++k) {
    NURI_ASSIGN_OR_RETURN(const TensorView *in, ctx.requireInput(k));
    if (in->dtype != ctx.input(0)->dtype)
      return ctx.error("input ", k, " has dtype ", dtypeName(in->dtype),
                       ", input 0 has ", dtypeName(ctx.input(0)->dtype));
    shapes.push_back(in->shape);
  }
  DType dtype = ctx.input(0)->dtype;
  return visitDType<Types>(ctx, dtype, [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    using C = Compute<T>;
    NURI_ASSIGN_OR_RETURN(Shape shape, broadcastShapes(ctx, shapes));
    NURI_ASSIGN_OR_RETURN(TensorView * out,
                          prepareOutput(ctx, 0, shape, dtype));
    std::vector<C> acc(static_cast<size_t>(numElements(shape)));
    for (size_t k = 0; k < ctx.numInputs(); ++k) {
      const T *data = ctx.input(k)->as<const T>();
      forEachBroadcast<1>(shape, {&shapes[k]},
                          [&](int64_t i, const std::array<int64_t, 1> &off) {
                            C v = load(data[off[0]]);
                            acc[i] = k == 0 ? v : combine(acc[i], v);
                          });
    }
    T *dst = out->as<T>();
    for (size_t i = 0; i < acc.size(); ++i)
      dst[i] =
          store<T>(mean ? acc[i] / static_cast<C>(ctx.numInputs()) : acc[i]);
    return okStatus();
  });
}

// Where-16: broadcast select; X and Y may have any (same) dtype.
Status whereKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *cond, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(1));
  NURI_ASSIGN_OR_RETURN(const TensorView *y, ctx.requireInput(2));
  NURI_RETURN_IF_ERROR(requireDType(ctx, *cond, DType::kBool, "condition"));
  if (x->dtype != y->dtype)
    return ctx.error("X has dtype ", dtypeName(x->dtype), ", Y has ",
                     dtypeName(y->dtype));
  NURI_ASSIGN_OR_RETURN(
      Shape shape, broadcastShapes(ctx, {cond->shape, x->shape, y->shape}));
  NURI_ASSIGN_OR_RETURN(TensorView * out,
                        prepareOutput(ctx, 0, shape, x->dtype));
  return visitBySize(ctx, x->dtype, [&](auto tag) -> Status {
    using U = typename decltype(tag)::type;
    const bool *c = cond->as<const bool>();
    const U *px = x->as<const U>();
    const U *py = y->as<const U>();
    U *po = out->as<U>();
    forEachBroadcast<3>(shape, {&cond->shape, &x->shape, &y->shape},
                        [&](int64_t i, const std::array<int64_t, 3> &off) {
                          po[i] = c[off[0]] ? px[off[1]] : py[off[2]];
                        });
    return okStatus();
  });
}

} // namespace

void registerNaryKernels(KernelTable &table) {
  // Max/Min-13 propagate NaN.
  table.add("Max", [](const KernelContext &ctx) {
    return foldInputs<kNumeric>(ctx,
                                [](auto a, auto b) { return maxOrNan(a, b); });
  });
  table.add("Min", [](const KernelContext &ctx) {
    return foldInputs<kNumeric>(ctx,
                                [](auto a, auto b) { return minOrNan(a, b); });
  });
  table.add("Sum", [](const KernelContext &ctx) {
    return foldInputs<kFloat>(ctx, [](auto a, auto b) { return a + b; });
  });
  table.add("Mean", [](const KernelContext &ctx) {
    return foldInputs<kFloat>(
        ctx, [](auto a, auto b) { return a + b; }, /*mean=*/true);
  });
  table.add("Where", whereKernel);
}

} // namespace nuri::cpu_ref
