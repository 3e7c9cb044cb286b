// Recurrent layers: RNN-14, GRU-14 and LSTM-14, with every direction,
// layout, sequence_lens, initial states, peepholes (LSTM), clip, and
// activation lists. States and gate sums are computed in double.
//
// Time steps at or past a batch entry's sequence length produce zeros in Y
// and leave its state alone; the reverse direction walks each sequence from
// its own last valid step back to step 0.
#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_table.h"
#include "cpu_ref/kernels/kernel_util.h"
#include "cpu_ref/kernels/scalar_activations.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

namespace nuri::cpu_ref {
namespace {

using namespace types;

enum class CellKind { kRnn, kGru, kLstm };

// ONNX's recurrent activation functions with their alpha/beta.
struct Activation {
  enum Kind {
    kRelu,
    kTanh,
    kSigmoid,
    kAffine,
    kLeakyRelu,
    kThresholdedRelu,
    kScaledTanh,
    kHardSigmoid,
    kElu,
    kSoftsign,
    kSoftplus,
  } kind = kTanh;
  double alpha = 0, beta = 0;

  double operator()(double x) const {
    switch (kind) {
    case kRelu:
      return reluValue(x);
    case kTanh:
      return std::tanh(x);
    case kSigmoid:
      return sigmoidValue(x);
    case kAffine:
      return alpha * x + beta;
    case kLeakyRelu:
      return leakyReluValue(x, alpha);
    case kThresholdedRelu:
      return thresholdedReluValue(x, alpha);
    case kScaledTanh:
      return alpha * std::tanh(beta * x);
    case kHardSigmoid:
      return hardSigmoidValue(x, alpha, beta);
    case kElu:
      return eluValue(x, alpha);
    case kSoftsign:
      return softsignValue(x);
    case kSoftplus:
      return softplusValue(x);
    }
    return x;
  }
};

struct ActivationInfo {
  const char *name;
  Activation::Kind kind;
  std::optional<double> alpha, beta; // set: the function takes it (default)
};

const ActivationInfo kActivations[] = {
    {"relu", Activation::kRelu, {}, {}},
    {"tanh", Activation::kTanh, {}, {}},
    {"sigmoid", Activation::kSigmoid, {}, {}},
    {"affine", Activation::kAffine, 1.0, 0.0},
    {"leakyrelu", Activation::kLeakyRelu, 0.01, {}},
    {"thresholdedrelu", Activation::kThresholdedRelu, 1.0, {}},
    {"scaledtanh", Activation::kScaledTanh, 1.0, 1.0},
    {"hardsigmoid", Activation::kHardSigmoid, 0.2, 0.5},
    {"elu", Activation::kElu, 1.0, {}},
    {"softsign", Activation::kSoftsign, {}, {}},
    {"softplus", Activation::kSoftplus, {}, {}},
};

// The activations of each direction: `perDirection` names per direction
// from the attribute (given once for both directions, or once per
// direction) or the defaults. activation_alpha/beta values go, in order, to
// the functions that take them.
Result<std::vector<std::vector<Activation>>>
readActivations(const KernelContext &ctx, int64_t dirs,
                const std::vector<std::string> &defaults) {
  const size_t perDirection = defaults.size();
  NURI_ASSIGN_OR_RETURN(std::vector<std::string> names,
                        stringsAttr(ctx, "activations", {}));
  if (names.empty())
    for (int64_t d = 0; d < dirs; ++d)
      names.insert(names.end(), defaults.begin(), defaults.end());
  else if (names.size() == perDirection && dirs == 2)
    names.insert(names.end(), names.begin(), names.end());
  // A list for both directions on a one-direction layer (RNN's schema
  // default is ["Tanh", "Tanh"]): the first direction's functions apply.
  else if (names.size() == 2 * perDirection && dirs == 1)
    names.resize(perDirection);
  if (names.size() != perDirection * static_cast<size_t>(dirs))
    return ctx.error("activations has ", names.size(), " functions, expected ",
                     perDirection * static_cast<size_t>(dirs));
  NURI_ASSIGN_OR_RETURN(std::vector<float> alphas,
                        floatsAttr(ctx, "activation_alpha", {}));
  NURI_ASSIGN_OR_RETURN(std::vector<float> betas,
                        floatsAttr(ctx, "activation_beta", {}));
  size_t nextAlpha = 0, nextBeta = 0;
  std::vector<std::vector<Activation>> out(static_cast<size_t>(dirs));
  for (size_t k = 0; k < names.size(); ++k) {
    std::string lower;
    for (char ch : names[k])
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const ActivationInfo *info = nullptr;
    for (const ActivationInfo &candidate : kActivations)
      if (lower == candidate.name)
        info = &candidate;
    if (!info)
      return ctx.unsupported("activation function '", names[k], "'");
    Activation act;
    act.kind = info->kind;
    if (info->alpha)
      act.alpha =
          nextAlpha < alphas.size() ? alphas[nextAlpha++] : *info->alpha;
    if (info->beta)
      act.beta = nextBeta < betas.size() ? betas[nextBeta++] : *info->beta;
    out[k / perDirection].push_back(act);
  }
  return out;
}

int64_t gatesOf(CellKind kind) {
  return kind == CellKind::kRnn ? 1 : kind == CellKind::kGru ? 3 : 4;
}

// Everything one layer evaluation needs, read as double.
struct Recurrence {
  CellKind kind;
  int64_t seq = 0, batch = 0, input = 0, hidden = 0, dirs = 1;
  bool batchMajor = false; // layout 1
  bool reverseOnly = false;
  std::optional<double> clip;
  bool linearBeforeReset = false; // GRU
  bool inputForget = false;       // LSTM
  std::vector<std::vector<Activation>> acts;
  std::vector<double> x, w, r, bias, h0, c0, peep;
  std::vector<int64_t> lens;

  // Element offsets in the layout-dependent tensors.
  int64_t xAt(int64_t t, int64_t b) const {
    return (batchMajor ? b * seq + t : t * batch + b) * input;
  }
  int64_t yAt(int64_t t, int64_t d, int64_t b) const {
    return (batchMajor ? (b * seq + t) * dirs + d
                       : (t * dirs + d) * batch + b) *
           hidden;
  }
  int64_t stateAt(int64_t d, int64_t b) const {
    return (batchMajor ? b * dirs + d : d * batch + b) * hidden;
  }
  Shape yShape() const {
    return batchMajor ? Shape{batch, seq, dirs, hidden}
                      : Shape{seq, dirs, batch, hidden};
  }
  Shape stateShape() const {
    return batchMajor ? Shape{batch, dirs, hidden} : Shape{dirs, batch, hidden};
  }
  double clipped(double v) const {
    return clip ? std::clamp(v, -*clip, *clip) : v;
  }
};

// Reads an optional float input of `shape` as doubles; zeros when absent.
Status readParam(const KernelContext &ctx, size_t index, const char *name,
                 DType dtype, const Shape &shape, std::vector<double> &out) {
  const TensorView *v = ctx.input(index);
  if (!v) {
    out.assign(static_cast<size_t>(numElements(shape)), 0.0);
    return okStatus();
  }
  NURI_RETURN_IF_ERROR(requireDType(ctx, *v, dtype, name));
  if (v->shape != shape)
    return ctx.error(name, " must have shape ", shapeToString(shape), ", got ",
                     shapeToString(v->shape));
  NURI_ASSIGN_OR_RETURN(out, readDoubles(ctx, *v, name));
  return okStatus();
}

Result<Recurrence> readRecurrence(const KernelContext &ctx, CellKind kind) {
  Recurrence rc;
  rc.kind = kind;
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_RETURN_IF_ERROR(ctx.requireInput(1).status());
  NURI_ASSIGN_OR_RETURN(const TensorView *r, ctx.requireInput(2));
  NURI_ASSIGN_OR_RETURN(int64_t layout, intAttr(ctx, "layout", 0));
  if (layout != 0 && layout != 1)
    return ctx.error("layout must be 0 or 1, got ", layout);
  rc.batchMajor = layout == 1;
  NURI_ASSIGN_OR_RETURN(std::string direction,
                        stringAttr(ctx, "direction", "forward"));
  if (direction == "bidirectional")
    rc.dirs = 2;
  else if (direction == "reverse")
    rc.reverseOnly = true;
  else if (direction != "forward")
    return ctx.error("direction must be forward, reverse or bidirectional, "
                     "got '",
                     direction, "'");
  if (x->rank() != 3)
    return ctx.error("X must be 3-D, got shape ", shapeToString(x->shape));
  rc.seq = x->shape[rc.batchMajor ? 1 : 0];
  rc.batch = x->shape[rc.batchMajor ? 0 : 1];
  rc.input = x->shape[2];
  const int64_t gates = gatesOf(kind);
  if (r->rank() != 3)
    return ctx.error("R must be 3-D, got shape ", shapeToString(r->shape));
  NURI_ASSIGN_OR_RETURN(rc.hidden, intAttr(ctx, "hidden_size", r->shape[2]));
  if (rc.hidden <= 0)
    return ctx.error("hidden_size must be positive, got ", rc.hidden);
  if (hasAttr(ctx, "clip")) {
    NURI_ASSIGN_OR_RETURN(float clip, floatAttr(ctx, "clip", 0));
    rc.clip = clip;
  }
  if (kind == CellKind::kGru) {
    NURI_ASSIGN_OR_RETURN(rc.linearBeforeReset,
                          boolAttr(ctx, "linear_before_reset", false));
  }
  if (kind == CellKind::kLstm) {
    NURI_ASSIGN_OR_RETURN(rc.inputForget, boolAttr(ctx, "input_forget", false));
  }
  const std::vector<std::string> defaults =
      kind == CellKind::kRnn ? std::vector<std::string>{"Tanh"}
      : kind == CellKind::kGru
          ? std::vector<std::string>{"Sigmoid", "Tanh"}
          : std::vector<std::string>{"Sigmoid", "Tanh", "Tanh"};
  NURI_ASSIGN_OR_RETURN(rc.acts, readActivations(ctx, rc.dirs, defaults));

  const DType dtype = x->dtype;
  const int64_t gh = gates * rc.hidden;
  NURI_ASSIGN_OR_RETURN(rc.x, readDoubles(ctx, *x, "X"));
  NURI_RETURN_IF_ERROR(
      readParam(ctx, 1, "W", dtype, {rc.dirs, gh, rc.input}, rc.w));
  NURI_RETURN_IF_ERROR(
      readParam(ctx, 2, "R", dtype, {rc.dirs, gh, rc.hidden}, rc.r));
  NURI_RETURN_IF_ERROR(
      readParam(ctx, 3, "B", dtype, {rc.dirs, 2 * gh}, rc.bias));
  NURI_RETURN_IF_ERROR(
      readParam(ctx, 5, "initial_h", dtype, rc.stateShape(), rc.h0));
  if (kind == CellKind::kLstm) {
    NURI_RETURN_IF_ERROR(
        readParam(ctx, 6, "initial_c", dtype, rc.stateShape(), rc.c0));
    NURI_RETURN_IF_ERROR(
        readParam(ctx, 7, "P", dtype, {rc.dirs, 3 * rc.hidden}, rc.peep));
  }
  rc.lens.assign(static_cast<size_t>(rc.batch), rc.seq);
  if (const TensorView *lens = ctx.input(4)) {
    if (lens->shape != Shape{rc.batch})
      return ctx.error("sequence_lens must have shape [", rc.batch, "], got ",
                       shapeToString(lens->shape));
    NURI_ASSIGN_OR_RETURN(rc.lens, readInt64s(ctx, *lens, "sequence_lens"));
    for (int64_t len : rc.lens)
      if (len < 0 || len > rc.seq)
        return ctx.error("sequence length ", len, " is outside [0, ", rc.seq,
                         "]");
  }
  return rc;
}

// out[j] = sum_k v[k] * m[row0 + j][k] for j < rows (m row-major, `cols`
// columns).
void matVec(const double *m, int64_t row0, int64_t rows, int64_t cols,
            const double *v, double *out) {
  for (int64_t j = 0; j < rows; ++j) {
    double s = 0;
    const double *row = m + (row0 + j) * cols;
    for (int64_t k = 0; k < cols; ++k)
      s += v[k] * row[k];
    out[j] = s;
  }
}

// Working vectors of one time step, sized once per layer evaluation.
struct StepScratch {
  std::vector<double> xw, hr;                    // gates * hidden
  std::vector<double> next, z, reset, rh, gated; // hidden

  explicit StepScratch(const Recurrence &rc) {
    const size_t gh = static_cast<size_t>(gatesOf(rc.kind) * rc.hidden);
    const size_t h = static_cast<size_t>(rc.hidden);
    xw.resize(gh);
    hr.resize(gh);
    for (std::vector<double> *v : {&next, &z, &reset, &rh, &gated})
      v->resize(h);
  }
};

// One time step of direction `d`: updates h (and c for LSTM) from input xt.
void step(const Recurrence &rc, int64_t d, const double *xt,
          std::vector<double> &h, std::vector<double> &c,
          StepScratch &scratch) {
  const int64_t H = rc.hidden, G = gatesOf(rc.kind);
  const double *w = rc.w.data() + d * G * H * rc.input;
  const double *r = rc.r.data() + d * G * H * H;
  const double *wb = rc.bias.data() + d * 2 * G * H;
  const double *rb = wb + G * H;
  const std::vector<Activation> &act = rc.acts[d];
  std::vector<double> &xw = scratch.xw, &hr = scratch.hr, &next = scratch.next;
  matVec(w, 0, G * H, rc.input, xt, xw.data());
  matVec(r, 0, G * H, H, h.data(), hr.data());
  switch (rc.kind) {
  case CellKind::kRnn:
    for (int64_t j = 0; j < H; ++j)
      next[j] = act[0](rc.clipped(xw[j] + hr[j] + wb[j] + rb[j]));
    break;
  case CellKind::kGru: {
    // Gates z, r, h.
    std::vector<double> &z = scratch.z, &reset = scratch.reset;
    for (int64_t j = 0; j < H; ++j) {
      z[j] = act[0](rc.clipped(xw[j] + hr[j] + wb[j] + rb[j]));
      reset[j] =
          act[0](rc.clipped(xw[H + j] + hr[H + j] + wb[H + j] + rb[H + j]));
    }
    std::vector<double> &rh = scratch.rh;
    if (!rc.linearBeforeReset) {
      std::vector<double> &gated = scratch.gated;
      for (int64_t k = 0; k < H; ++k)
        gated[k] = reset[k] * h[k];
      matVec(r, 2 * H, H, H, gated.data(), rh.data());
      for (int64_t j = 0; j < H; ++j)
        rh[j] += rb[2 * H + j];
    } else {
      for (int64_t j = 0; j < H; ++j)
        rh[j] = reset[j] * (hr[2 * H + j] + rb[2 * H + j]);
    }
    for (int64_t j = 0; j < H; ++j) {
      const double candidate =
          act[1](rc.clipped(xw[2 * H + j] + wb[2 * H + j] + rh[j]));
      next[j] = (1 - z[j]) * candidate + z[j] * h[j];
    }
    break;
  }
  case CellKind::kLstm: {
    // Gates i, o, f, c; peepholes i, o, f.
    const double *p = rc.peep.data() + d * 3 * H;
    for (int64_t j = 0; j < H; ++j) {
      auto pre = [&](int64_t g) {
        return xw[g * H + j] + hr[g * H + j] + wb[g * H + j] + rb[g * H + j];
      };
      const double f = act[0](rc.clipped(pre(2) + p[2 * H + j] * c[j]));
      const double i =
          rc.inputForget ? 1 - f : act[0](rc.clipped(pre(0) + p[j] * c[j]));
      const double cand = act[1](rc.clipped(pre(3)));
      const double cell = f * c[j] + i * cand;
      const double o = act[0](rc.clipped(pre(1) + p[H + j] * cell));
      c[j] = cell;
      next[j] = o * act[2](rc.clipped(cell));
    }
    break;
  }
  }
  h.swap(next);
}

template <CellKind Kind> Status recurrentKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  // Computed in double whatever X's dtype; this only checks it.
  NURI_RETURN_IF_ERROR(visitDType<kFloatNoBF16>(
      ctx, x->dtype, [](auto) -> Status { return okStatus(); }));
  NURI_ASSIGN_OR_RETURN(Recurrence rc, readRecurrence(ctx, Kind));
  const int64_t H = rc.hidden;
  std::vector<double> y(static_cast<size_t>(numElements(rc.yShape())), 0.0);
  std::vector<double> yh(rc.h0.size()), yc(rc.h0.size());
  std::vector<double> h, c; // one (direction, batch) entry's state
  StepScratch scratch(rc);
  for (int64_t d = 0; d < rc.dirs; ++d) {
    const bool reverse = rc.reverseOnly || d == 1;
    for (int64_t b = 0; b < rc.batch; ++b) {
      const int64_t s = rc.stateAt(d, b);
      h.assign(rc.h0.begin() + s, rc.h0.begin() + s + H);
      if (Kind == CellKind::kLstm)
        c.assign(rc.c0.begin() + s, rc.c0.begin() + s + H);
      else
        c.assign(static_cast<size_t>(H), 0.0);
      const int64_t len = rc.lens[b];
      for (int64_t k = 0; k < len; ++k) {
        const int64_t t = reverse ? len - 1 - k : k;
        step(rc, d, rc.x.data() + rc.xAt(t, b), h, c, scratch);
        std::copy(h.begin(), h.end(), y.begin() + rc.yAt(t, d, b));
      }
      std::copy(h.begin(), h.end(), yh.begin() + s);
      std::copy(c.begin(), c.end(), yc.begin() + s);
    }
  }
  auto write = [&](size_t index, const Shape &shape,
                   const std::vector<double> &values) -> Status {
    if (!ctx.output(index))
      return okStatus();
    NURI_ASSIGN_OR_RETURN(TensorView * out,
                          prepareOutput(ctx, index, shape, x->dtype));
    return writeDoubles(ctx, *out, values);
  };
  NURI_RETURN_IF_ERROR(write(0, rc.yShape(), y));
  NURI_RETURN_IF_ERROR(write(1, rc.stateShape(), yh));
  if (Kind == CellKind::kLstm)
    NURI_RETURN_IF_ERROR(write(2, rc.stateShape(), yc));
  return okStatus();
}

} // namespace

void registerRecurrentKernels(KernelTable &table) {
  table.add("RNN", recurrentKernel<CellKind::kRnn>);
  table.add("GRU", recurrentKernel<CellKind::kGru>);
  table.add("LSTM", recurrentKernel<CellKind::kLstm>);
}

} // namespace nuri::cpu_ref
