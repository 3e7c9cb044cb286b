// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss.
#include "kernel_test_util.h"

#include <cmath>

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
// The spec's example: N, C, d1 = 2, 3, 2.
Tensor nllInput() {
  return makeF32({2, 3, 2}, {1, 2, 2, 2, 3, 2, 0, 1, 2, 2, 1, 2});
}
Tensor nllTarget() { return makeI64({2, 2}, {2, 1, 0, 2}); }
Tensor nllWeight() { return makeF32({3}, {0.2f, 0.3f, 0.1f}); }
AttributeMap reduction(const char *r) {
  return makeAttrs({{"reduction", Attribute::ofString(r)}});
}
} // namespace

TEST_CASE("NegativeLogLikelihoodLoss reductions and weights",
          "[kernels][loss]") {
  checkClose(runOk("NegativeLogLikelihoodLoss", {nllInput(), nllTarget()},
                   {DType::kFloat32, {2, 2}}, reduction("none")),
             {-3, -2, -0, -2});
  checkClose(runOk("NegativeLogLikelihoodLoss",
                   {nllInput(), nllTarget(), nllWeight()},
                   {DType::kFloat32, {}}, reduction("sum")),
             {-1.1});
  // Mean with weights divides by the sum of the applied weights.
  checkClose(runOk("NegativeLogLikelihoodLoss",
                   {nllInput(), nllTarget(), nllWeight()},
                   {DType::kFloat32, {}}),
             {-1.1 / 0.7});
  checkClose(runOk("NegativeLogLikelihoodLoss", {nllInput(), nllTarget()},
                   {DType::kFloat32, {}}),
             {-7.0 / 4});
}

TEST_CASE("NegativeLogLikelihoodLoss ignore_index", "[kernels][loss]") {
  // Ignored samples give 0 and leave the mean's denominator, even when the
  // ignored label is outside [0, C).
  AttributeMap attrs = makeAttrs({{"ignore_index", Attribute::ofInt(-1)}});
  Tensor target = makeI64({2, 2}, {2, -1, 0, -1});
  checkClose(runOk("NegativeLogLikelihoodLoss", {nllInput(), target},
                   {DType::kFloat32, {}}, attrs),
             {-1.5});
  checkClose(runOk("NegativeLogLikelihoodLoss",
                   {nllInput(), target, nllWeight()}, {DType::kFloat32, {}},
                   attrs),
             {-(3 * 0.1 + 0) / 0.3});
  AttributeMap none = makeAttrs({{"ignore_index", Attribute::ofInt(-1)},
                                 {"reduction", Attribute::ofString("none")}});
  checkClose(runOk("NegativeLogLikelihoodLoss",
                   {nllInput(), makeTensor<int32_t>({2, 2}, {2, -1, 0, -1})},
                   {DType::kFloat32, {2, 2}}, none),
             {-3, 0, 0, 0});
}

TEST_CASE("NegativeLogLikelihoodLoss errors", "[kernels][loss]") {
  checkError(runNode("NegativeLogLikelihoodLoss",
                     {nllInput(), makeI64({2, 2}, {3, 0, 0, 0})},
                     {{DType::kFloat32, {}}}),
             StatusCode::kInvalidArgument,
             {"NegativeLogLikelihoodLoss", "label 3", "outside [0, 3)"});
  checkError(runNode("NegativeLogLikelihoodLoss",
                     {nllInput(), makeI64({2}, {0, 0})},
                     {{DType::kFloat32, {}}}),
             StatusCode::kInvalidArgument, {"target shape [2]"});
  checkError(runNode("NegativeLogLikelihoodLoss",
                     {nllInput(), nllTarget(), makeF32({2}, {1, 1})},
                     {{DType::kFloat32, {}}}),
             StatusCode::kInvalidArgument, {"weight must have shape [3]"});
  checkError(runNode("NegativeLogLikelihoodLoss", {nllInput(), nllTarget()},
                     {{DType::kFloat32, {}}}, reduction("max")),
             StatusCode::kInvalidArgument, {"reduction must be"});
}

TEST_CASE("SoftmaxCrossEntropyLoss with log_prob", "[kernels][loss]") {
  // Scores [0, 0] and [0, ln 3]: log-probabilities -ln 2 twice, and
  // ln(1/4), ln(3/4).
  Tensor scores = makeF32({2, 2}, {0, 0, 0, std::log(3.0f)});
  Tensor labels = makeI64({2}, {0, 1});
  RunResult r = runNode("SoftmaxCrossEntropyLoss", {scores, labels},
                        {{DType::kFloat32, {2}}, {DType::kFloat32, {2, 2}}},
                        reduction("none"));
  INFO(r.status.toString());
  REQUIRE(r.status.ok());
  checkClose(r.out(0), {std::log(2.0), -std::log(0.75)});
  checkClose(r.out(1),
             {-std::log(2.0), -std::log(2.0), std::log(0.25), std::log(0.75)});
  checkClose(
      runOk("SoftmaxCrossEntropyLoss", {scores, labels}, {DType::kFloat32, {}}),
      {(std::log(2.0) - std::log(0.75)) / 2});
  // Weights [1, 3]: mean = (ln 2 + 3 * -ln 0.75) / 4.
  checkClose(runOk("SoftmaxCrossEntropyLoss",
                   {scores, labels, makeF32({2}, {1, 3})},
                   {DType::kFloat32, {}}),
             {(std::log(2.0) - 3 * std::log(0.75)) / 4});
  // Double scores with int32 labels and a trailing dim.
  Tensor s3 = makeTensor<double>({1, 2, 2}, {0, 0, 0, 0});
  checkClose(runOk("SoftmaxCrossEntropyLoss",
                   {s3, makeTensor<int32_t>({1, 2}, {1, 0})},
                   {DType::kFloat64, {}}, reduction("sum")),
             {2 * std::log(2.0)});
}
