// GEMM tiles on the matrix engine (int8 and bf16) with exact results and
// cycle counts derived by hand from the npu-edge profile.
#include "sim_test_util.h"

#include <catch2/catch.hpp>

namespace nuri::npu::testing {
namespace {

// Loads A and B, multiplies, stores C. The same text serves int8 (A 64x128,
// B 128x64: esize 1) and bf16 (A and B 64x64: esize 2): both are 8 KiB
// operands and a 16 KiB int32/fp32 result.
std::string gemmProgram(const char *mnemonic, int k) {
  int esize = k == 64 ? 2 : 1;
  return strCat(R"(
.profile npu-edge
.sram 32768
.region 0 input 0
.region 1 input 1
.region 2 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[64, )",
                k, "], esize=", esize, R"(
  dma.ld 0x2000, %1+0x0, dims=[)",
                k, ", 64], esize=", esize, R"(
  sig s0, 1
  wait s1, 1
  dma.st %2+0x0, 0x4000, dims=[64, 64], esize=4
.engine mxu
  wait s0, 1
  )",
                mnemonic, " 0x4000, 0x0, 0x2000, m=64, k=", k, R"(, n=64
  sig s1, 1
)");
}

// Cycle count of gemmProgram on npu-edge (DRAM 32 B/cycle, latency 120,
// DMA 64 B/cycle with 16 setup cycles, 64x64 array loading weights in 64
// cycles and draining in 128, signals visible 1 cycle later):
//   dma0 ld A at 0:   DRAM from 0+16=16 for 8192/32=256 -> ends 272,
//                     lands 272+120=392
//   dma0 ld B at 272: DRAM from 288 for 256 -> ends 544, lands 664
//   dma0 sig s0:      after all of dma0 landed: 664, visible 665
//   mxu wait s0:      665, done 666
//   mxu mm at 666:    one pass (k=64 <= 64 rows for bf16; k=128 <= 64*2
//                     for int8): busy 64 + max(64 rows, 64) = 128 -> 794,
//                     results land 794+128=922
//   mxu sig s1:       922, visible 923
//   dma0 wait s1:     923, done 924
//   dma0 st C at 924: DRAM from 940 for 16384/32=512 -> ends 1452, lands
//                     1452+120=1572
constexpr uint64_t kGemmProgramCycles = 1572;

TEST_CASE("bf16 GEMM tile: exact products, fp32 accumulation", "[npu][gemm]") {
  Program program = assembleOrFail(gemmProgram("mm.bf16", 64));
  HostDram dram(program);
  std::vector<uint16_t> a(64 * 64), b(64 * 64);
  // Small integers and halves: every product and partial sum is exact.
  for (int i = 0; i < 64; ++i)
    for (int k = 0; k < 64; ++k) {
      a[i * 64 + k] = bf16(static_cast<float>((i + 2 * k) % 9 - 4) * 0.5f);
      b[i * 64 + k] = bf16(static_cast<float>((3 * i + k) % 7 - 3));
    }
  dram.regions[0] = toBytes(a);
  dram.regions[1] = toBytes(b);
  dram.regions[2].assign(64 * 64 * 4, 0xff);

  Result<RunStats> stats = run(program, dram, edge());
  REQUIRE(stats.ok());
  std::vector<float> c = fromBytes<float>(dram.regions[2]);
  for (int i = 0; i < 64; ++i)
    for (int j = 0; j < 64; ++j) {
      double want = 0;
      for (int k = 0; k < 64; ++k)
        want += double(bf16Value(a[i * 64 + k])) * bf16Value(b[k * 64 + j]);
      INFO("C[" << i << "][" << j << "]");
      REQUIRE(c[i * 64 + j] == static_cast<float>(want));
    }
  CHECK(stats->cycles == kGemmProgramCycles);
  CHECK(stats->macsBf16 == 64 * 64 * 64);
  CHECK(stats->dramBytesRead == 16384);
  CHECK(stats->dramBytesWritten == 16384);
}

TEST_CASE("int8 GEMM tile: exact int32 sums", "[npu][gemm]") {
  Program program = assembleOrFail(gemmProgram("mm.i8", 128));
  HostDram dram(program);
  std::vector<int8_t> a(64 * 128), b(128 * 64);
  for (int i = 0; i < 64; ++i)
    for (int k = 0; k < 128; ++k)
      a[i * 128 + k] = static_cast<int8_t>((i * 37 + k * 11) % 256 - 128);
  for (int k = 0; k < 128; ++k)
    for (int j = 0; j < 64; ++j)
      b[k * 64 + j] = static_cast<int8_t>((k * 13 + j * 29) % 256 - 128);
  dram.regions[0] = toBytes(a);
  dram.regions[1] = toBytes(b);
  dram.regions[2].assign(64 * 64 * 4, 0);

  Result<RunStats> stats = run(program, dram, edge());
  REQUIRE(stats.ok());
  std::vector<int32_t> c = fromBytes<int32_t>(dram.regions[2]);
  for (int i = 0; i < 64; ++i)
    for (int j = 0; j < 64; ++j) {
      int32_t want = 0;
      for (int k = 0; k < 128; ++k)
        want += int32_t{a[i * 128 + k]} * b[k * 64 + j];
      INFO("C[" << i << "][" << j << "]");
      REQUIRE(c[i * 64 + j] == want);
    }
  // int8 doubles the depth of a pass, so k=128 is still one pass.
  CHECK(stats->cycles == kGemmProgramCycles);
  CHECK(stats->macsInt8 == 64 * 128 * 64);
}

TEST_CASE("fp32 accumulation adds in increasing k, rounding each add",
          "[npu][gemm]") {
  // a = [1, 1, 1], b = [2^24, 1, -2^24]: in k order (2^24 + 1) rounds to
  // 2^24 (a tie, to even), minus 2^24 gives 0. Any other order gives 1.
  // B rows are 32 bytes apart (npu-edge aligns matrix operands to 32).
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 1024
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[128], esize=1
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x100, dims=[1], esize=4
.engine mxu
  wait s0, 1
  mm.bf16 0x100, 0x0, 0x20, m=1, k=3, n=1, b_stride=32
  sig s1, 1
)");
  HostDram dram(program);
  std::vector<uint16_t> in(64, 0);
  in[0] = in[1] = in[2] = bf16(1.0f); // A at 0x0
  in[16] = bf16(16777216.0f);         // B row 0 at 0x20
  in[32] = bf16(1.0f);                // B row 1 at 0x40
  in[48] = bf16(-16777216.0f);        // B row 2 at 0x60
  dram.regions[0] = toBytes(in);
  dram.regions[1].assign(4, 0xff);
  Result<RunStats> stats = run(program, dram, edge());
  INFO(stats.status().toString());
  REQUIRE(stats.ok());
  CHECK(fromBytes<float>(dram.regions[1])[0] == 0.0f);
}

TEST_CASE("accumulate adds onto the accumulator and int32 wraps",
          "[npu][gemm]") {
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 1024
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[160], esize=1
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x80, dims=[2], esize=4
.engine mxu
  wait s0, 1
  mm.i8 0x80, 0x0, 0x20, m=1, k=2, n=2, b_stride=32, accumulate
  sig s1, 1
)");
  HostDram dram(program);
  std::vector<uint8_t> in(160, 0);
  in[0] = 1; // a = [1, 2] at 0x0
  in[1] = 2;
  in[0x20] = 1; // b = [[1, -1], [0, -128]], rows at 0x20 and 0x40
  in[0x21] = 0xff;
  in[0x41] = 0x80;
  int32_t acc[2] = {INT32_MAX, 5}; // the accumulator at 0x80
  std::memcpy(in.data() + 0x80, acc, 8);
  dram.regions[0] = in;
  dram.regions[1].assign(8, 0);
  REQUIRE(run(program, dram, edge()).ok());
  std::vector<int32_t> c = fromBytes<int32_t>(dram.regions[1]);
  CHECK(c[0] == INT32_MIN); // INT32_MAX + 1 wraps
  CHECK(c[1] == 5 - 1 - 256);
}

TEST_CASE("matmul cycles follow passes over the array", "[npu][gemm]") {
  auto cycles = [](const std::string &mm) {
    Result<RunStats> stats = runSramOnly(
        strCat(".profile npu-edge\n.sram 1048576\n.core 0\n.engine mxu\n  ", mm,
               "\n"),
        edge());
    REQUIRE(stats.ok());
    return stats->cycles;
  };
  // busy = 64 (first weight load) + passes * max(m, 64); + 128 drain.
  // k=128 bf16: 2 passes of 64 rows.
  CHECK(cycles("mm.bf16 0x0, 0x40000, 0x80000, m=64, k=128, n=64") ==
        64 + 2 * 64 + 128);
  // m=100, n=130: ceil(130/64) = 3 passes of 100 rows.
  CHECK(cycles("mm.bf16 0x0, 0x40000, 0x80000, m=100, k=64, n=130, "
               "acc_stride=544, b_stride=288") == 64 + 3 * 100 + 128);
  // m=8 rows cannot hide the 64-cycle weight loads.
  CHECK(cycles("mm.bf16 0x0, 0x40000, 0x80000, m=8, k=64, n=64") ==
        64 + 64 + 128);
  // int8 at k=256: 2 passes of depth 128.
  CHECK(cycles("mm.i8 0x0, 0x40000, 0x80000, m=64, k=256, n=64") ==
        64 + 2 * 64 + 128);
  // Back to back: the second issues when the first's busy time ends.
  CHECK(cycles("mm.bf16 0x0, 0x40000, 0x80000, m=64, k=64, n=64\n"
               "  mm.bf16 0x0, 0x40000, 0x80000, m=64, k=64, n=64, "
               "accumulate") == 128 + 128 + 128);
}

TEST_CASE("an implicit-GEMM convolution reads a window with a_group",
          "[npu][gemm]") {
  // As a convolution's output positions read overlapping input windows,
  // row i of A starts at (i / 2) * 64 + (i % 2) * 32: two rows per group,
  // groups 64 bytes apart. Rows are 32 int8 channels (32-byte aligned).
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 4096
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[1280], esize=1
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x800, dims=[4], esize=4, sram_strides=[32]
.engine mxu
  wait s0, 1
  mm.i8 0x800, 0x0, 0x100, m=4, k=32, n=1, acc_stride=32, a_stride=32, b_stride=32, a_group=2, a_group_stride=64
  sig s1, 1
)");
  HostDram dram(program);
  std::vector<int8_t> in(1280, 0);
  for (int i = 0; i < 256; ++i)
    in[i] = static_cast<int8_t>(i % 7 - 3); // A's source
  for (int k = 0; k < 32; ++k)
    in[0x100 + 32 * k] = static_cast<int8_t>(k % 5 - 2); // B, one column
  dram.regions[0] = toBytes(in);
  dram.regions[1].assign(16, 0);
  REQUIRE(run(program, dram, edge()).ok());
  std::vector<int32_t> c = fromBytes<int32_t>(dram.regions[1]);
  for (int i = 0; i < 4; ++i) {
    int row = (i / 2) * 64 + (i % 2) * 32;
    int32_t want = 0;
    for (int k = 0; k < 32; ++k)
      want += int32_t{in[row + k]} * in[0x100 + 32 * k];
    CHECK(c[i] == want);
  }
}

} // namespace
} // namespace nuri::npu::testing
