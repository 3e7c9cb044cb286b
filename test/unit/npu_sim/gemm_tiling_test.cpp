// A bf16 GEMM larger than the simulator's host tiles (kTileK = kTileN = 256
// in sim/matrix_unit.cpp): k and n both span two tiles, so the accumulator
// is carried across k blocks and n blocks. The result must equal, bit for
// bit, the accumulation order of docs/npu/numerics.md: starting from acc,
// each fp32 product added in increasing k, every addition rounded to fp32.
#include "sim_test_util.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace nuri::npu::testing {
namespace {

// m = 5 covers both the host's four-row kernel and its one-row tail.
constexpr int kM = 5, kK = 300, kN = 300;
// Rows padded to npu-edge's 32-byte matrix alignment: 300 bf16 = 600 bytes
// -> 608; 300 fp32 = 1200 bytes -> 1216.
constexpr int kInStride = 608, kAccStride = 1216;
constexpr int kABytes = kM * kInStride;    // 3040
constexpr int kBBytes = kK * kInStride;    // 182400
constexpr int kAccBytes = kM * kAccStride; // 6080
constexpr int kA = 0, kB = kA + kABytes;   // 0, 3040
constexpr int kAcc = kB + kBBytes;         // 185440
constexpr int kSram = kAcc + kAccBytes;    // 191520

std::string tilingProgram() {
  return strCat(
      ".profile npu-edge\n.sram ", kSram,
      "\n.region 0 input 0\n.region 1 input 1\n.region 2 input 2\n"
      ".region 3 output 0\n.core 0\n.engine dma0\n"
      "  dma.ld ",
      kA, ", %0+0x0, dims=[", kABytes, "]\n  dma.ld ", kB, ", %1+0x0, dims=[",
      kBBytes, "]\n  dma.ld ", kAcc, ", %2+0x0, dims=[", kAccBytes,
      "]\n  sig s0, 1\n  wait s1, 1\n  dma.st %3+0x0, ", kAcc, ", dims=[",
      kAccBytes, "]\n.engine mxu\n  wait s0, 1\n  mm.bf16 ", kAcc, ", ", kA,
      ", ", kB, ", m=", kM, ", k=", kK, ", n=", kN, ", acc_stride=", kAccStride,
      ", a_stride=", kInStride, ", b_stride=", kInStride,
      ", accumulate\n  sig s1, 1\n");
}

// Deterministic values of mixed sign and magnitude (2^-6 .. 2^5), so that
// products and sums round and the order of additions shows in the bits.
struct Values {
  uint32_t state = 12345;
  float next() {
    state = state * 1664525u + 1013904223u;
    float mantissa = 1.0f + static_cast<float>((state >> 8) & 0xffff) / 65536;
    int exponent = static_cast<int>((state >> 24) % 12) - 6;
    float value = std::ldexp(mantissa, exponent);
    return (state & 0x10) ? -value : value;
  }
};

TEST_CASE("bf16 GEMM across host tiles keeps the accumulation order",
          "[npu][gemm]") {
  Program program = assembleOrFail(tilingProgram());
  HostDram dram(program);
  Values values;
  std::vector<uint16_t> a(size_t{kM} * kInStride / 2, 0);
  std::vector<uint16_t> b(size_t{kK} * kInStride / 2, 0);
  std::vector<float> acc(size_t{kM} * kAccStride / 4, 0.0f);
  for (int i = 0; i < kM; ++i)
    for (int k = 0; k < kK; ++k)
      a[size_t(i) * kInStride / 2 + k] = bf16(values.next());
  for (int k = 0; k < kK; ++k)
    for (int j = 0; j < kN; ++j)
      b[size_t(k) * kInStride / 2 + j] = bf16(values.next());
  for (int i = 0; i < kM; ++i)
    for (int j = 0; j < kN; ++j)
      acc[size_t(i) * kAccStride / 4 + j] = values.next() * 64.0f;
  dram.regions[0] = toBytes(a);
  dram.regions[1] = toBytes(b);
  dram.regions[2] = toBytes(acc);
  dram.regions[3].assign(kAccBytes, 0xff);

  Result<RunStats> stats = run(program, dram, edge());
  REQUIRE(stats.ok());
  CHECK(stats->macsBf16 == uint64_t{kM} * kK * kN);
  std::vector<float> c = fromBytes<float>(dram.regions[3]);

  int orderSensitive = 0;
  for (int i = 0; i < kM; ++i)
    for (int j = 0; j < kN; ++j) {
      float init = acc[size_t(i) * kAccStride / 4 + j];
      auto product = [&](int k) {
        float x = bf16Value(a[size_t(i) * kInStride / 2 + k]);
        float y = bf16Value(b[size_t(k) * kInStride / 2 + j]);
        return x * y;
      };
      // numerics.md: s = acc; s = fp32_add_rne(s, A[i][k] * B[k][j]).
      float s = init;
      for (int k = 0; k < kK; ++k) {
        float p = product(k);
        s = s + p;
      }
      // A tiling that summed each k block on its own and then added the
      // blocks would give this instead.
      float block0 = 0.0f, block1 = 0.0f;
      for (int k = 0; k < kK; ++k) {
        float p = product(k);
        (k < 256 ? block0 : block1) = (k < 256 ? block0 : block1) + p;
      }
      float blocked = (init + block0) + block1;
      orderSensitive += bits(blocked) != bits(s);

      float got = c[size_t(i) * kAccStride / 4 + j];
      INFO("C[" << i << "][" << j << "] = " << got << ", want " << s);
      REQUIRE(bits(got) == bits(s));
    }
  // The data do tell the orders apart.
  CHECK(orderSensitive > kM * kN / 2);
  // The padding between rows is stored as it was loaded (zero).
  for (int i = 0; i < kM; ++i)
    for (int j = kN; j < kAccStride / 4; ++j)
      REQUIRE(c[size_t(i) * kAccStride / 4 + j] == 0.0f);
}

} // namespace
} // namespace nuri::npu::testing
