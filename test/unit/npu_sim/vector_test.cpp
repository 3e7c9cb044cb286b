// The vector engine: a softmax and an int8 requantisation computed
// bit-exactly per docs/npu/numerics.md, reduction order, casts, compare and
// select, broadcasts, and cycle counts with the same-engine interlock.
#include "npu_sim/sim/numerics.h"
#include "sim_test_util.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace nuri::npu::testing {
namespace {

using namespace numerics;

// The spec's reduction order: lane l sums elements l, l+L, ... in order
// from -0, then lanes combine pairwise (w = L/2, L/4, ..., 1).
float laneSum(const float *x, int n, int lanes) {
  std::vector<float> lane(lanes, -0.0f);
  for (int i = 0; i < n; ++i)
    lane[i % lanes] = lane[i % lanes] + x[i];
  for (int w = lanes / 2; w >= 1; w /= 2)
    for (int l = 0; l < w; ++l)
      lane[l] = lane[l] + lane[l + w];
  return lane[0];
}

TEST_CASE("softmax over rows is bit-exact", "[npu][vector]") {
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 8192
.region 0 input 0     ; x: 4 x 100 f32
.region 1 output 0    ; y: 4 x 100 bf16
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[400], esize=4
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x1000, dims=[400], esize=2
.engine vpu
  wait s0, 1
  vrmax 0x800:f32, 0x0:f32, rows=4, cols=100
  vsub 0x0:f32, 0x0:f32, 0x800:f32, rows=4, cols=100, bcast=[b]
  vexp 0x0:f32, 0x0:f32, rows=4, cols=100
  vrsum 0x810:f32, 0x0:f32, rows=4, cols=100
  vrecip 0x810:f32, 0x810:f32, cols=4
  vmul 0x1000:bf16, 0x0:f32, 0x810:f32, rows=4, cols=100, bcast=[b]
  sig s1, 1
)");
  HostDram dram(program);
  std::vector<float> x(400);
  for (int i = 0; i < 400; ++i)
    x[i] = std::sin(static_cast<float>(i) * 0.37f) * 6.0f;
  dram.regions[0] = toBytes(x);
  dram.regions[1].assign(800, 0);
  REQUIRE(run(program, dram, edge()).ok());
  std::vector<uint16_t> y = fromBytes<uint16_t>(dram.regions[1]);

  for (int r = 0; r < 4; ++r) {
    const float *row = x.data() + r * 100;
    float m = row[0];
    for (int c = 1; c < 100; ++c)
      m = maxF32(m, row[c]);
    std::vector<float> e(100);
    for (int c = 0; c < 100; ++c)
      e[c] = expF32(row[c] - m);
    float inverse = 1.0f / laneSum(e.data(), 100, 64);
    double total = 0;
    for (int c = 0; c < 100; ++c) {
      INFO("row " << r << " col " << c);
      REQUIRE(y[r * 100 + c] == toBf16(e[c] * inverse));
      total += bf16Value(y[r * 100 + c]);
    }
    CHECK(std::fabs(total - 1.0) < 0.02);
  }
}

TEST_CASE("reductions follow the lane order", "[npu][vector]") {
  // On 64 lanes: lane 0 holds 2^24, lane 1 holds 1 + 1 = 2, and the tree
  // adds them exactly: 2^24 + 2. Left to right, each +1 would round away.
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 1024
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[128], esize=4
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x200, dims=[3], esize=4
.engine vpu
  wait s0, 1
  vrsum 0x200:f32, 0x0:f32, cols=128
  vrmax 0x204:f32, 0x0:f32, cols=128
  vrmin 0x208:f32, 0x0:f32, cols=128
  sig s1, 1
)");
  HostDram dram(program);
  std::vector<float> x(128, 0.0f);
  x[0] = 16777216.0f;
  x[1] = 1.0f;
  x[65] = 1.0f;
  x[100] = -0.5f;
  dram.regions[0] = toBytes(x);
  dram.regions[1].assign(12, 0);
  REQUIRE(run(program, dram, edge()).ok());
  std::vector<float> out = fromBytes<float>(dram.regions[1]);
  CHECK(out[0] == 16777218.0f);
  CHECK(out[1] == 16777216.0f);
  CHECK(out[2] == -0.5f);
}

TEST_CASE("int8 requantisation: casts round to nearest even and saturate",
          "[npu][vector]") {
  // acc (int32) -> f32 -> * 0.5 -> int8, as after an int8 GEMM.
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 1024
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[8], esize=4
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x100, dims=[8], esize=1
.engine vpu
  wait s0, 1
  vcvt 0x40:f32, 0x0:i32, cols=8
  vmul 0x40:f32, 0x40:f32, #0.5, cols=8
  vcvt 0x100:i8, 0x40:f32, cols=8
  sig s1, 1
)");
  HostDram dram(program);
  std::vector<int32_t> acc = {5, 7, -5, -7, 1000, -1000, 3, 0};
  dram.regions[0] = toBytes(acc);
  dram.regions[1].assign(8, 0);
  REQUIRE(run(program, dram, edge()).ok());
  std::vector<int8_t> q = fromBytes<int8_t>(dram.regions[1]);
  // 2.5 -> 2, 3.5 -> 4, -2.5 -> -2, -3.5 -> -4, 500 -> 127, -500 -> -128,
  // 1.5 -> 2, 0 -> 0.
  CHECK(q == std::vector<int8_t>{2, 4, -2, -4, 127, -128, 2, 0});
}

TEST_CASE("integer ops wrap, stores to i8 saturate", "[npu][vector]") {
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 1024
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[4], esize=4
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x40, dims=[24], esize=1
.engine vpu
  wait s0, 1
  vadd 0x40:i32, 0x0:i32, #1, cols=4
  vmov 0x50:i8, 0x0:i32, cols=4
  vneg 0x54:i8, 0x0:i32, cols=4
  sig s1, 1
)");
  HostDram dram(program);
  std::vector<int32_t> in = {INT32_MAX, -200, 100, -1};
  dram.regions[0] = toBytes(in);
  dram.regions[1].assign(24, 0);
  REQUIRE(run(program, dram, edge()).ok());
  std::vector<int32_t> sum = fromBytes<int32_t>(dram.regions[1], 0, 4);
  CHECK(sum == std::vector<int32_t>{INT32_MIN, -199, 101, 0});
  std::vector<int8_t> narrow = fromBytes<int8_t>(dram.regions[1], 16, 8);
  CHECK(narrow == std::vector<int8_t>{127, -128, 100, -1, -128, 127, -100, 1});
}

TEST_CASE("compare, select, broadcasts and bf16 stores", "[npu][vector]") {
  // relu6(x) per element, a column bias per row, and a mask.
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 2048
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[12], esize=4
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x100, dims=[48], esize=4
.engine vpu
  wait s0, 1
  vmax 0x100:f32, 0x0:f32, #0.0, rows=2, cols=4
  vmin 0x100:f32, 0x100:f32, #6.0, rows=2, cols=4
  vadd 0x120:f32, 0x0:f32, 0x20:f32, rows=2, cols=4, rs=[16, 16, 4], bcast=[b]
  vcmp.gt 0x140:f32, 0x0:f32, 0x10:f32, cols=4, rs=[16, 16, 0]
  vsel 0x150:f32, 0x140:f32, 0x0:f32, #-1.0, cols=4
  vmov 0x160:bf16, 0x0:f32, rows=2, cols=4
  sig s1, 1
)");
  HostDram dram(program);
  // Rows x0 = [-1, 2, 7, 3.0078125], x1 = [0.5, 9, -3, 1]; then the
  // per-row bias [10, 20] at 0x20.
  std::vector<float> in = {-1, 2, 7, 3.0078125f, 0.5f, 9, -3, 1, 10, 20, 0, 0};
  dram.regions[0] = toBytes(in);
  dram.regions[1].assign(192, 0);
  REQUIRE(run(program, dram, edge()).ok());
  std::vector<float> out = fromBytes<float>(dram.regions[1]);
  std::vector<float> relu6(out.begin(), out.begin() + 8);
  CHECK(relu6 == std::vector<float>{0, 2, 6, 3.0078125f, 0.5f, 6, 0, 1});
  std::vector<float> biased(out.begin() + 8, out.begin() + 16);
  CHECK(biased ==
        std::vector<float>{9, 12, 17, 13.0078125f, 20.5f, 29, 17, 21});
  std::vector<float> mask(out.begin() + 16, out.begin() + 20);
  CHECK(mask == std::vector<float>{0, 0, 1, 1}); // x0 > x1
  std::vector<float> selected(out.begin() + 20, out.begin() + 24);
  CHECK(selected == std::vector<float>{-1, -1, 7, 3.0078125f});
  std::vector<uint16_t> halves = fromBytes<uint16_t>(dram.regions[1], 96, 8);
  CHECK(halves[3] == 0x4040); // 3 + 2^-7 is a tie in bf16: to even, 3.0
  CHECK(halves[5] == bf16(9.0f));
}

TEST_CASE("vector cycles and the same-engine interlock", "[npu][vector]") {
  auto cycles = [](const std::string &body) {
    Result<RunStats> stats = runSramOnly(
        ".profile npu-edge\n.sram 16384\n.core 0\n.engine vpu\n" + body,
        edge());
    REQUIRE(stats.ok());
    return stats->cycles;
  };
  // 4 rows of 100 on 64 lanes: 4 * ceil(100 / 64) = 8 vectors; vexp costs
  // 2 cycles each (busy 16) and lands 16 later.
  CHECK(cycles("  vexp 0x0:f32, 0x1000:f32, rows=4, cols=100\n") == 32);
  // A dependent vadd (1 cycle per vector, latency 4) waits for vexp's
  // results: 32 + 8 + 4.
  CHECK(cycles("  vexp 0x0:f32, 0x1000:f32, rows=4, cols=100\n"
               "  vadd 0x2000:f32, 0x0:f32, #1.0, rows=4, cols=100\n") == 44);
  // An independent one issues right behind it: 16 + 8 + 4 = 28 < 32.
  CHECK(cycles("  vexp 0x0:f32, 0x1000:f32, rows=4, cols=100\n"
               "  vadd 0x2000:f32, 0x3000:f32, #1.0, rows=4, cols=100\n") ==
        32);
}

} // namespace
} // namespace nuri::npu::testing
