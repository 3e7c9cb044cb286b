// The DMA engines: multi-dimensional strided copies with exact placement,
// DRAM billed in bursts, shared DRAM bandwidth, and SRAM-to-SRAM copies;
// cycle counts derived by hand from npu-edge.
#include "sim_test_util.h"

#include <catch2/catch.hpp>

namespace nuri::npu::testing {
namespace {

TEST_CASE("a strided load transposes a matrix", "[npu][dma]") {
  // M is 4x8 f32 in DRAM; reading columns (DRAM stride 32 inside, 4
  // outside) into dense SRAM rows gives M transposed.
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 1024
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[8, 4], esize=4, dram_strides=[4, 32], sram_strides=[16, 4]
  dma.st %1+0x0, 0x0, dims=[32], esize=4
)");
  HostDram dram(program);
  std::vector<float> m(32);
  for (int i = 0; i < 32; ++i)
    m[i] = static_cast<float>(i);
  dram.regions[0] = toBytes(m);
  dram.regions[1].assign(128, 0);
  Result<RunStats> stats = run(program, dram, edge(), true);
  REQUIRE(stats.ok());
  std::vector<float> t = fromBytes<float>(dram.regions[1]);
  for (int r = 0; r < 8; ++r)
    for (int c = 0; c < 4; ++c)
      CHECK(t[r * 4 + c] == m[c * 8 + r]);

  // ld: no two elements are adjacent in DRAM, so each of the 32 is billed
  //     a whole 64-byte burst: 2048 bytes at 32 B/cycle = 64 cycles (the
  //     engine's 128/64 = 2 cycles hide under it). DRAM from 0+16 = 16 to
  //     80; lands at 80 + 120 = 200.
  // st: reads the SRAM the ld writes, so the engine interlocks until 200.
  //     DRAM from 216 for 128/32 = 4 cycles -> 220; lands 340.
  CHECK(stats->cycles == 340);
  CHECK(stats->dramBytesBilled == 2048 + 128);
  CHECK(stats->dramBytes() == 256);
  REQUIRE(stats->records.size() == 2);
  CHECK(stats->records[0].start == 0);
  CHECK(stats->records[0].duration == 200);
  CHECK(stats->records[1].start == 200);
  CHECK(stats->records[1].duration == 140);
}

TEST_CASE("four dimensions, negative strides and padded rows", "[npu][dma]") {
  // T is a 3x4x5x6 int16 tensor in DRAM (byte strides 240, 60, 12, 2).
  // Load T[1:3, 0:4:2, 1:4, 5:0:-1] (base T[1][0][1][5] = element 131,
  // byte 0x106) into SRAM rows of 5 elements padded to 32 bytes.
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 4096
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x40, %0+0x106, dims=[2, 2, 3, 5], esize=2, dram_strides=[240, 120, 12, -2], sram_strides=[192, 96, 32, 2]
  sig s0, 1
  wait s0, 1
  dma.st %1+0x0, 0x0, dims=[1024], esize=4
)");
  HostDram dram(program);
  std::vector<int16_t> t(3 * 4 * 5 * 6);
  for (size_t i = 0; i < t.size(); ++i)
    t[i] = static_cast<int16_t>(1000 + i);
  dram.regions[0] = toBytes(t);
  dram.regions[1].assign(4096, 0);
  REQUIRE(run(program, dram, edge()).ok());
  std::vector<int16_t> sram = fromBytes<int16_t>(dram.regions[1]);
  int64_t base = 0x106 / 2;
  for (int i0 = 0; i0 < 2; ++i0)
    for (int i1 = 0; i1 < 2; ++i1)
      for (int i2 = 0; i2 < 3; ++i2)
        for (int i3 = 0; i3 < 5; ++i3) {
          int64_t src = base + (240 * i0 + 120 * i1 + 12 * i2 - 2 * i3) / 2;
          int64_t dst = (0x40 + 192 * i0 + 96 * i1 + 32 * i2 + 2 * i3) / 2;
          INFO(i0 << "," << i1 << "," << i2 << "," << i3);
          REQUIRE(sram[dst] == t[src]);
        }
  // Padding between rows stays zero.
  CHECK(sram[(0x40 + 10) / 2] == 0);
}

TEST_CASE("DMA engines share the DRAM's bandwidth", "[npu][dma]") {
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 16384
.region 0 input 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[8192], esize=1
.engine dma1
  dma.ld 0x2000, %0+0x0, dims=[8192], esize=1
)");
  HostDram dram(program);
  dram.regions[0].assign(8192, 7);
  Result<RunStats> stats = run(program, dram, edge(), true);
  REQUIRE(stats.ok());
  // dma0: DRAM 16..272, lands 392. dma1 issues at 0 too but the DRAM is
  // busy until 272: 272..528, lands 648.
  CHECK(stats->cycles == 648);
  REQUIRE(stats->records.size() == 2);
  CHECK(stats->records[0].duration == 392);
  CHECK(stats->records[1].duration == 648);
}

TEST_CASE("SRAM-to-SRAM copies run at the engine's rate", "[npu][dma]") {
  Program program = assembleOrFail(R"(
.profile npu-edge
.sram 8192
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[16], esize=4
  sig s0, 1
  wait s0, 1
  dma.cp 0x1000, 0x0, dims=[4, 4], esize=4, dst_strides=[4, 16], src_strides=[16, 4]
  sig s0, 1
  wait s0, 2
  dma.st %1+0x0, 0x1000, dims=[16], esize=4
)");
  HostDram dram(program);
  std::vector<int32_t> in(16);
  for (int i = 0; i < 16; ++i)
    in[i] = i;
  dram.regions[0] = toBytes(in);
  dram.regions[1].assign(64, 0);
  Result<RunStats> stats = run(program, dram, edge());
  REQUIRE(stats.ok());
  std::vector<int32_t> out = fromBytes<int32_t>(dram.regions[1]);
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c)
      CHECK(out[r * 4 + c] == in[c * 4 + r]);
  // ld 64 B: DRAM 16..18 (64/32), lands 138. sig at 138, visible 139;
  // wait 139..140. cp at 140: 16 setup + 64/64 = 1 -> 157, lands 159.
  // sig 159 (visible 160), wait 160..161. st at 161: DRAM 177..179, lands
  // 299.
  CHECK(stats->cycles == 299);
  CHECK(stats->sramCopyBytes == 64);
}

} // namespace
} // namespace nuri::npu::testing
