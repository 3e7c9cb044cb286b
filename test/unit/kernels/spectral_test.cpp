// DFT, STFT, the window generators and MelWeightMatrix.
#include "kernel_test_util.h"

using namespace nuri;
using namespace nuri::cpu_ref;
using namespace nuri::cpu_ref::test;

namespace {
Tensor scalarI64(int64_t v) { return makeI64({}, {v}); }
} // namespace

TEST_CASE("DFT forward, inverse, onesided and dft_length",
          "[kernels][spectral]") {
  // DFT of [1, 2, 3, 4]: 10, -2 + 2i, -2, -2 - 2i.
  Tensor x = makeF32({1, 4, 1}, {1, 2, 3, 4});
  Tensor spectrum = runOk("DFT", {x}, {DType::kFloat32, {1, 4, 2}});
  checkClose(spectrum, {10, 0, -2, 2, -2, 0, -2, -2});
  checkClose(runOk("DFT", {x}, {DType::kFloat32, {1, 3, 2}},
                   makeAttrs({{"onesided", Attribute::ofInt(1)}})),
             {10, 0, -2, 2, -2, 0});
  checkClose(runOk("DFT", {spectrum}, {DType::kFloat32, {1, 4, 2}},
                   makeAttrs({{"inverse", Attribute::ofInt(1)}})),
             {1, 0, 2, 0, 3, 0, 4, 0});
  // Truncated to [1, 2]; padded to [1, 2, 3, 4, 0, 0].
  checkClose(runOk("DFT", {x, scalarI64(2)}, {DType::kFloat32, {1, 2, 2}}),
             {3, 0, -1, 0});
  CHECK(toDoubles(runOk("DFT", {x, scalarI64(6)},
                        {DType::kFloat32, {1, 6, 2}}))[0] == Approx(10));
  // Along axis 2 of [1, 1, 2, 1]: [1, 2] -> [3, -1].
  checkClose(runOk("DFT", {makeF32({1, 1, 2, 1}, {1, 2})},
                   {DType::kFloat32, {1, 1, 2, 2}},
                   makeAttrs({{"axis", Attribute::ofInt(2)}})),
             {3, 0, -1, 0});
  checkError(runNode("DFT", {x}, {{DType::kFloat32, {1, 4, 2}}},
                     makeAttrs({{"axis", Attribute::ofInt(2)}})),
             StatusCode::kInvalidArgument,
             {"DFT", "axis must be a signal dim"});
}

TEST_CASE("STFT frames, windows and onesided bins", "[kernels][spectral]") {
  Tensor signal = makeF32({1, 8, 1}, {1, 1, 1, 1, 0, 0, 0, 0});
  // Two frames of 4: all ones (DC 4) and all zeros.
  checkClose(runOk("STFT", {signal, scalarI64(4), Tensor(), scalarI64(4)},
                   {DType::kFloat32, {1, 2, 3, 2}}),
             {4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  // A window picking the first sample: flat spectrum 1.
  checkClose(runOk("STFT", {signal, scalarI64(4), makeF32({4}, {1, 0, 0, 0})},
                   {DType::kFloat32, {1, 2, 4, 2}},
                   makeAttrs({{"onesided", Attribute::ofInt(0)}})),
             {1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  checkError(runNode("STFT", {signal, scalarI64(4)},
                     {{DType::kFloat32, {1, 2, 3, 2}}}),
             StatusCode::kInvalidArgument, {"STFT", "positive DFT size"});
  checkError(runNode("STFT",
                     {signal, scalarI64(4), makeF32({2}, {1, 1}), scalarI64(4)},
                     {{DType::kFloat32, {1, 2, 3, 2}}}),
             StatusCode::kInvalidArgument, {"window has 2 values"});
}

TEST_CASE("window generators", "[kernels][spectral]") {
  Tensor four = makeTensor<int32_t>({}, {4});
  checkClose(runOk("HannWindow", {four}, {DType::kFloat32, {4}}),
             {0, 0.5, 1, 0.5});
  checkClose(runOk("HannWindow", {makeTensor<int32_t>({}, {3})},
                   {DType::kFloat32, {3}},
                   makeAttrs({{"periodic", Attribute::ofInt(0)}})),
             {0, 1, 0});
  checkClose(runOk("HammingWindow", {makeI64({}, {2})}, {DType::kFloat32, {2}}),
             {4.0 / 46, 1});
  checkClose(runOk("BlackmanWindow", {four}, {DType::kFloat64, {4}},
                   makeAttrs({{"output_datatype", Attribute::ofInt(11)}})),
             {0, 0.34, 1, 0.34});
  checkError(
      runNode("HannWindow", {makeI64({}, {-1})}, {{DType::kFloat32, {0}}}),
      StatusCode::kInvalidArgument, {"HannWindow", "size must be"});
  // 0 (undefined) names no output dtype: a user error, not an internal one.
  checkError(runNode("HannWindow", {four}, {{DType::kFloat32, {4}}},
                     makeAttrs({{"output_datatype", Attribute::ofInt(0)}})),
             StatusCode::kInvalidArgument,
             {"HannWindow", "'output_datatype' is not a known dtype: 0"});
}

TEST_CASE("MelWeightMatrix builds triangular filters", "[kernels][spectral]") {
  // One band over 0..8 Hz at 16 samples/s and a 16-point DFT: edges at mel
  // steps of mel(8) / 3 land on bins 0, 2 and 5.
  Tensor w =
      runOk("MelWeightMatrix",
            {makeTensor<int32_t>({}, {1}), makeTensor<int32_t>({}, {16}),
             makeTensor<int32_t>({}, {16}), makeF32({}, {0}), makeF32({}, {8})},
            {DType::kFloat32, {9, 1}});
  checkClose(w, {0, 0.5, 1, 2.0 / 3, 1.0 / 3, 0, 0, 0, 0});
}
