// RNN, GRU and LSTM on one hidden unit and one input feature, where each
// step is easy to write down.
#include "kernel_test_util.h"

#include <cmath>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
constexpr DType kF32 = DType::kFloat32;

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

RunResult runOkMulti(std::string_view op, const std::vector<Tensor> &inputs,
                     const std::vector<OutSpec> &outputs,
                     const AttributeMap &attrs) {
  RunResult r = runNode(op, inputs, outputs, attrs);
  INFO(r.status.toString());
  REQUIRE(r.status.ok());
  return r;
}

AttributeMap withHidden(
    std::initializer_list<std::pair<std::string, Attribute>> extra = {}) {
  AttributeMap a = makeAttrs(extra);
  a.set("hidden_size", Attribute::ofInt(1));
  return a;
}

// seq 3, batch 2: batch 0 is [1, 2, 3], batch 1 is [0.5, -1] then padding.
Tensor rnnX() { return makeF32({3, 2, 1}, {1, 0.5f, 2, -1, 3, 9}); }
} // namespace

TEST_CASE("RNN bidirectional with sequence_lens", "[kernels][recurrent]") {
  // W = 1, R = 0.5 in both directions, no bias.
  Tensor w = makeF32({2, 1, 1}, {1, 1});
  Tensor r = makeF32({2, 1, 1}, {0.5f, 0.5f});
  Tensor lens = makeTensor<int32_t>({2}, {3, 2});
  RunResult res = runOkMulti(
      "RNN", {rnnX(), w, r, Tensor(), lens},
      {{kF32, {3, 2, 2, 1}}, {kF32, {2, 2, 1}}},
      withHidden({{"direction", Attribute::ofString("bidirectional")}}));
  const double f0 = std::tanh(1), f1 = std::tanh(2 + 0.5 * f0),
               f2 = std::tanh(3 + 0.5 * f1);
  const double r2 = std::tanh(3), r1 = std::tanh(2 + 0.5 * r2),
               r0 = std::tanh(1 + 0.5 * r1);
  const double g0 = std::tanh(0.5), g1 = std::tanh(-1 + 0.5 * g0);
  const double q1 = std::tanh(-1), q0 = std::tanh(0.5 + 0.5 * q1);
  // Y[t][dir][batch]; steps past a sequence's length are zero.
  checkClose(res.out(0), {f0, g0, r0, q0, f1, g1, r1, q1, f2, 0, r2, 0});
  checkClose(res.out(1), {f2, g1, r0, q0});

  // Reverse alone, with the batch-major layout and only Y_h requested.
  Tensor xb = makeF32({2, 3, 1}, {1, 2, 3, 0.5f, -1, 9});
  res = runOkMulti(
      "RNN",
      {xb, makeF32({1, 1, 1}, {1}), makeF32({1, 1, 1}, {0.5f}), Tensor(), lens},
      {{DType::kUndefined, {}}, {kF32, {2, 1, 1}}},
      withHidden({{"direction", Attribute::ofString("reverse")},
                  {"layout", Attribute::ofInt(1)}}));
  checkClose(res.out(1), {r0, q0});
}

TEST_CASE("RNN activations with alpha and beta", "[kernels][recurrent]") {
  // x = -2, W = 1, R = 0: forward LeakyRelu(alpha 0.1), reverse
  // ScaledTanh(alpha 2, beta 0.5); alphas go to the functions taking them.
  AttributeMap a = withHidden(
      {{"direction", Attribute::ofString("bidirectional")},
       {"activations", Attribute::ofStrings({"LeakyRelu", "ScaledTanh"})},
       {"activation_alpha", Attribute::ofFloats({0.1f, 2})},
       {"activation_beta", Attribute::ofFloats({0.5f})}});
  Tensor y = runOk("RNN",
                   {makeF32({1, 1, 1}, {-2}), makeF32({2, 1, 1}, {1, 1}),
                    makeF32({2, 1, 1}, {0, 0})},
                   {kF32, {1, 2, 1, 1}}, a);
  checkClose(y, {-0.2, 2 * std::tanh(-1)});
  // A forward layer given functions for both directions (RNN's schema
  // default) uses the first.
  y = runOk(
      "RNN",
      {makeF32({1, 1, 1}, {-2}), makeF32({1, 1, 1}, {1}),
       makeF32({1, 1, 1}, {0})},
      {kF32, {1, 1, 1, 1}},
      withHidden({{"activations", Attribute::ofStrings({"Relu", "Tanh"})}}));
  checkClose(y, {0});
}

TEST_CASE("RNN ThresholdedRelu and Softplus match the ONNX ops",
          "[kernels][recurrent]") {
  // x = 2, 1000; W = 1, R = 0. ThresholdedRelu(alpha 2) is zero at x ==
  // alpha exactly (x > alpha, as the ThresholdedRelu op); Softplus(1000) is
  // 1000, not an overflowed infinity.
  Tensor x = makeF32({2, 1, 1}, {2, 1000});
  Tensor w = makeF32({1, 1, 1}, {1});
  Tensor r = makeF32({1, 1, 1}, {0});
  Tensor y = runOk(
      "RNN", {x, w, r}, {kF32, {2, 1, 1, 1}},
      withHidden({{"activations", Attribute::ofStrings({"ThresholdedRelu"})},
                  {"activation_alpha", Attribute::ofFloats({2})}}));
  checkClose(y, {0, 1000});
  y = runOk("RNN", {x, w, r}, {kF32, {2, 1, 1, 1}},
            withHidden({{"activations", Attribute::ofStrings({"Softplus"})}}));
  checkClose(y, {std::log1p(std::exp(2.0)), 1000});
}

TEST_CASE("GRU linear_before_reset both ways", "[kernels][recurrent]") {
  // Gates z, r, h: W = 0.1, 0.2, 0.3; R = 0.4, 0.5, 0.6; Wb = 0.01, 0.02,
  // 0.03; Rb = 0.04, 0.05, 0.06; h0 = 0.7; x = 1.
  Tensor x = makeF32({1, 1, 1}, {1});
  Tensor w = makeF32({1, 3, 1}, {0.1f, 0.2f, 0.3f});
  Tensor r = makeF32({1, 3, 1}, {0.4f, 0.5f, 0.6f});
  Tensor b = makeF32({1, 6}, {0.01f, 0.02f, 0.03f, 0.04f, 0.05f, 0.06f});
  Tensor h0 = makeF32({1, 1, 1}, {0.7f});
  const double z = sigmoid(0.1 + 0.4 * 0.7 + 0.01 + 0.04);
  const double rg = sigmoid(0.2 + 0.5 * 0.7 + 0.02 + 0.05);
  const double h0v = 0.7;
  const double hBefore = std::tanh(0.3 + (rg * h0v) * 0.6 + 0.06 + 0.03);
  const double hAfter = std::tanh(0.3 + rg * (h0v * 0.6 + 0.06) + 0.03);
  for (int lbr : {0, 1}) {
    RunResult res = runOkMulti(
        "GRU", {x, w, r, b, Tensor(), h0},
        {{kF32, {1, 1, 1, 1}}, {kF32, {1, 1, 1}}},
        withHidden({{"linear_before_reset", Attribute::ofInt(lbr)}}));
    const double hh = lbr ? hAfter : hBefore;
    const double expected = (1 - z) * hh + z * h0v;
    checkClose(res.out(0), {expected});
    checkClose(res.out(1), {expected});
  }
}

TEST_CASE("LSTM peepholes, input_forget and clip", "[kernels][recurrent]") {
  // Gates i, o, f, c: W = 0.1, 0.2, 0.3, 0.4; R = 0.5, 0.6, 0.7, 0.8;
  // peepholes i, o, f = 0.1, 0.2, 0.3; x = 1, h0 = 0.5, c0 = 0.25.
  Tensor x = makeF32({1, 1, 1}, {1});
  Tensor w = makeF32({1, 4, 1}, {0.1f, 0.2f, 0.3f, 0.4f});
  Tensor r = makeF32({1, 4, 1}, {0.5f, 0.6f, 0.7f, 0.8f});
  Tensor h0 = makeF32({1, 1, 1}, {0.5f});
  Tensor c0 = makeF32({1, 1, 1}, {0.25f});
  Tensor p = makeF32({1, 3}, {0.1f, 0.2f, 0.3f});
  auto expected = [](bool inputForget, double clip) {
    auto cl = [&](double v) { return std::clamp(v, -clip, clip); };
    const double f = sigmoid(cl(0.3 + 0.7 * 0.5 + 0.3 * 0.25));
    const double i =
        inputForget ? 1 - f : sigmoid(cl(0.1 + 0.5 * 0.5 + 0.1 * 0.25));
    const double g = std::tanh(cl(0.4 + 0.8 * 0.5));
    const double c = f * 0.25 + i * g;
    const double o = sigmoid(cl(0.2 + 0.6 * 0.5 + 0.2 * c));
    return std::pair<double, double>{o * std::tanh(cl(c)), c};
  };
  struct Case {
    int inputForget;
    double clip;
  };
  for (Case k : {Case{0, 1e9}, Case{1, 1e9}, Case{0, 0.3}}) {
    AttributeMap a =
        withHidden({{"input_forget", Attribute::ofInt(k.inputForget)}});
    if (k.clip < 1e9)
      a.set("clip", Attribute::ofFloat(static_cast<float>(k.clip)));
    RunResult res = runOkMulti(
        "LSTM", {x, w, r, Tensor(), Tensor(), h0, c0, p},
        {{kF32, {1, 1, 1, 1}}, {kF32, {1, 1, 1}}, {kF32, {1, 1, 1}}}, a);
    auto [h, c] = expected(k.inputForget == 1, k.clip);
    checkClose(res.out(0), {h});
    checkClose(res.out(1), {h});
    checkClose(res.out(2), {c});
  }
}

TEST_CASE("Recurrent errors", "[kernels][recurrent]") {
  Tensor w = makeF32({1, 1, 1}, {1});
  Tensor r = makeF32({1, 1, 1}, {1});
  checkError(runNode("RNN", {rnnX(), w, r}, {{kF32, {3, 1, 2, 1}}},
                     withHidden({{"direction", Attribute::ofString("up")}})),
             StatusCode::kInvalidArgument, {"RNN", "direction must be"});
  checkError(runNode("GRU", {rnnX(), w, makeF32({1, 3, 1}, {1, 1, 1})},
                     {{kF32, {3, 1, 2, 1}}}, withHidden()),
             StatusCode::kInvalidArgument, {"W must have shape [1, 3, 1]"});
  checkError(runNode("RNN",
                     {rnnX(), w, r, Tensor(), makeTensor<int32_t>({2}, {4, 1})},
                     {{kF32, {3, 1, 2, 1}}}, withHidden()),
             StatusCode::kInvalidArgument, {"sequence length 4"});
  checkError(
      runNode("RNN", {rnnX(), w, r}, {{kF32, {3, 1, 2, 1}}},
              withHidden({{"activations", Attribute::ofStrings({"Swish"})}})),
      StatusCode::kUnimplemented, {"activation function 'Swish'"});
}
