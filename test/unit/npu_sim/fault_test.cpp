// Every fault of docs/npu/faults.md: the run stops with an error naming the
// cycle, the instruction (core, engine, index, word, disassembly), the
// fault and the address. Also the load-time checks against the profile and
// bad encodings in a payload.
#include "npu_sim/isa/encoding.h"
#include "npu_sim/schema/program_payload.h"
#include "sim_test_util.h"

#include <catch2/catch.hpp>

namespace nuri::npu::testing {
namespace {

Status runToFault(const std::string &text, size_t inputBytes = 64,
                  size_t outputBytes = 64) {
  Program program = assembleOrFail(text);
  HostDram dram(program);
  for (size_t r = 0; r < program.regions.size(); ++r)
    if (program.regions[r].kind == RegionKind::kInput)
      dram.regions[r].assign(inputBytes, 1);
    else if (program.regions[r].kind == RegionKind::kOutput)
      dram.regions[r].assign(outputBytes, 0);
  Result<RunStats> stats = run(program, dram, edge());
  REQUIRE_FALSE(stats.ok());
  return stats.status();
}

const std::string kHeader = ".profile npu-edge\n.sram 1024\n"
                            ".region 0 input 0\n.region 1 output 0\n"
                            ".core 0\n";

TEST_CASE("bad address: outside the bound buffer", "[npu][fault]") {
  Status status = runToFault(kHeader + ".engine dma0\n"
                                       "  dma.ld 0x0, %0+0x20, dims=[64]\n");
  CHECK(status.code() == StatusCode::kOutOfRange);
  CHECK(status.message() ==
        "npu fault at cycle 0: core 0 dma0 instruction #0 (word 0) "
        "`dma.ld 0x0, %0+0x20, dims=[64], esize=1, dram_strides=[1], "
        "sram_strides=[1]`: bad address: DRAM side spans bytes [0x20, 0x60) "
        "of DRAM region 0 (input 0)");
}

TEST_CASE("bad address: a region the table does not have", "[npu][fault]") {
  Status status = runToFault(kHeader + ".engine dma1\n  nop\n"
                                       "  dma.st %3+0x0, 0x0, dims=[4]\n");
  CHECK(status.code() == StatusCode::kOutOfRange);
  CHECK(status.message() ==
        "npu fault at cycle 1: core 0 dma1 instruction #1 (word 1) "
        "`dma.st %3+0x0, 0x0, dims=[4], esize=1, dram_strides=[1], "
        "sram_strides=[1]`: bad address: DRAM side names DRAM region 3 but "
        "the program's region table has 2 entries");
}

TEST_CASE("bad address: a negative SRAM address", "[npu][fault]") {
  Status status = runToFault(
      kHeader + ".engine dma0\n"
                "  dma.ld 0x10, %0+0x0, dims=[2, 8], sram_strides=[-32, 1]\n");
  CHECK_THAT(status.message(),
             Catch::EndsWith("bad address: SRAM side reaches SRAM address "
                             "-0x10, below 0"));
}

TEST_CASE("misaligned access", "[npu][fault]") {
  SECTION("a vector operand off its element size") {
    Status status = runToFault(
        kHeader + ".engine vpu\n  vadd 0x2:f32, 0x40:f32, #1.0, cols=4\n");
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(status.message(),
               Catch::StartsWith("npu fault at cycle 0: core 0 vpu "
                                 "instruction #0 (word 0) `vadd 0x2:f32, "
                                 "0x40:f32, #1, rows=1, cols=4, rs=[16, 16, "
                                 "0]`: misaligned access: destination "
                                 "address 0x2 is not a multiple of 4 bytes"));
  }
  SECTION("a matrix operand off the profile's alignment") {
    Status status = runToFault(
        kHeader + ".engine mxu\n  mm.bf16 0x100, 0x10, 0x200, m=1, k=4, n=4\n");
    CHECK_THAT(status.message(),
               Catch::EndsWith("misaligned access: a address 0x10 is not a "
                               "multiple of 32 bytes"));
  }
  SECTION("a DMA stride") {
    Status status =
        runToFault(kHeader + ".engine dma0\n  dma.ld 0x0, %0+0x0, "
                             "dims=[2, 4], esize=4, dram_strides=[18, 4]\n");
    CHECK_THAT(status.message(),
               Catch::EndsWith("misaligned access: DRAM side stride[2] 0x12 "
                               "is not a multiple of 4 bytes"));
  }
}

TEST_CASE("SRAM overflow", "[npu][fault]") {
  Status status = runToFault(
      kHeader + ".engine dma0\n  dma.ld 0x300, %0+0x0, dims=[512]\n", 512);
  CHECK(status.code() == StatusCode::kOutOfRange);
  CHECK_THAT(status.message(),
             Catch::EndsWith("SRAM overflow: SRAM side spans SRAM bytes "
                             "[0x300, 0x500) but the program declared .sram "
                             "1024 (the core has 4194304)"));
}

TEST_CASE("a store into a read-only region", "[npu][fault]") {
  Status status = runToFault(kHeader + ".engine dma0\n"
                                       "  dma.st %0+0x0, 0x0, dims=[4]\n");
  CHECK(status.code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(status.message(),
             Catch::EndsWith("write to read-only region: DRAM side writes "
                             "DRAM region 0 (input 0), which is read-only"));
}

TEST_CASE("operands that overlap", "[npu][fault]") {
  Status mm = runToFault(kHeader +
                         ".engine mxu\n  mm.i8 0x20, 0x0, 0x80, m=2, k=8, n=4, "
                         "acc_stride=32, a_stride=32, b_stride=32\n");
  CHECK(mm.code() == StatusCode::kInvalidArgument);
  CHECK_THAT(mm.message(),
             Catch::EndsWith("operand overlap: acc [0x20, 0x50) overlaps a; "
                             "the matrix engine reads its inputs while it "
                             "writes"));
  Status shifted = runToFault(
      kHeader + ".engine vpu\n  vadd 0x4:f32, 0x0:f32, #1.0, cols=8\n");
  CHECK_THAT(shifted.message(),
             Catch::Contains("operand overlap: the destination [0x4, 0x24) "
                             "overlaps source a [0x0, 0x20)"));
  // Exactly in place is allowed.
  Result<RunStats> inPlace =
      runSramOnly(".profile npu-edge\n.sram 64\n.core 0\n.engine vpu\n"
                  "  vadd 0x0:f32, 0x0:f32, #1.0, cols=8\n",
                  edge());
  CHECK(inPlace.ok());
}

TEST_CASE("deadlock: engines waiting on each other", "[npu][fault]") {
  Status status = runToFault(kHeader + ".engine dma0\n  wait s0, 1\n"
                                       "  sig s1, 1\n.engine mxu\n"
                                       "  wait s1, 1\n  sig s0, 1\n");
  CHECK(status.code() == StatusCode::kAborted);
  CHECK(status.message() ==
        "npu fault at cycle 0: core 0 dma0 instruction #0 (word 0) `wait s0, "
        "1`: deadlock: every unfinished engine waits on a semaphore that no "
        "engine will signal: core 0 dma0 #0 `wait s0, 1` (s0 is 0); core 0 "
        "mxu #0 `wait s1, 1` (s1 is 0)");
}

TEST_CASE("deadlock: waiting for more signals than ever come", "[npu][fault]") {
  Status status = runToFault(kHeader + ".engine dma0\n  nop 10\n  sig g3, 1\n"
                                       ".engine vpu\n  wait g3, 2\n");
  CHECK(status.message() ==
        "npu fault at cycle 11: core 0 vpu instruction #0 (word 0) `wait g3, "
        "2`: deadlock: every unfinished engine waits on a semaphore that no "
        "engine will signal: core 0 vpu #0 `wait g3, 2` (g3 is 1)");
}

TEST_CASE("semaphore overflow", "[npu][fault]") {
  Status status = runToFault(kHeader + ".engine dma0\n  sig s5, 4294967295\n"
                                       "  sig s5, 1\n");
  CHECK(status.code() == StatusCode::kOutOfRange);
  CHECK_THAT(status.message(),
             Catch::EndsWith("semaphore overflow: s5 is 4294967295; adding 1 "
                             "passes 2^32 - 1"));
}

TEST_CASE("the first fault in time stops the run", "[npu][fault]") {
  // The store reads what the load writes, so it issues when the load has
  // landed (16 + 64/32 + 120 = 138) and then finds the output too small.
  Status status = runToFault(kHeader + ".engine dma0\n"
                                       "  dma.ld 0x0, %0+0x0, dims=[64]\n"
                                       "  dma.st %1+0x10, 0x0, dims=[64]\n");
  CHECK_THAT(status.message(),
             Catch::StartsWith("npu fault at cycle 138: core 0 dma0 "
                               "instruction #1 (word 4)"));
}

TEST_CASE("checks against the profile before running", "[npu][fault]") {
  auto check = [](const std::string &text) {
    return checkProgram(assembleOrFail(text), edge());
  };
  CHECK(check(".profile npu-server\n").message() ==
        "the program targets profile 'npu-server' but the device simulates "
        "'npu-edge'");
  CHECK(check(".profile npu-edge\n.core 1\n").message() ==
        "the program uses 2 cores but npu-edge has 1");
  Status sram = check(".profile npu-edge\n.sram 8388608\n");
  CHECK(sram.code() == StatusCode::kResourceExhausted);
  CHECK(sram.message() == "the program declares 8388608 bytes of SRAM per "
                          "core but npu-edge has 4194304");
  CHECK(check(".profile npu-edge\n.core 0\n.engine dma2\n").message() ==
        "core 0 has a stream for dma2 but npu-edge has 2 DMA engines per "
        "core");
  CHECK(check(".profile npu-edge\n.core 0\n.engine vpu\n  nop\n"
              "  wait g20, 1\n")
            .message() ==
        "core 0 vpu instruction #1 (word 1) `wait g20, 1`: semaphore g20 "
        "does not exist on npu-edge (16 global semaphores)");
}

TEST_CASE("bad encoding in a payload", "[npu][fault]") {
  // Payloads whose mxu stream holds the words as they are.
  constexpr EngineKind kMxu = EngineKind::kMatrix;
  Word nop{0x0000000100000001ull, 0};
  Result<Program> ok =
      readProgramPayload(payloadWithWords({nop, nop}, kMxu, 1024));
  REQUIRE(ok.ok());
  CHECK(ok->cores[0].streams[0].instructions.size() == 2);

  CHECK(readProgramPayload(payloadWithWords({nop, Word{0, 0}}, kMxu, 1024))
            .status()
            .message() == "core 0 mxu: word 1: bad opcode 0x0");
  // dma.ld is a valid opcode, but not for the matrix engine.
  Word dma[4] = {{0x0000000000000310ull, 0},
                 {0x0000000001000001ull, 0x0000000001000001ull},
                 {},
                 {}};
  CHECK(readProgramPayload(
            payloadWithWords({nop, dma[0], dma[1], dma[2], dma[3]}, kMxu, 1024))
            .status()
            .message() == "core 0 mxu: word 1: dma.ld cannot run on this "
                          "engine");
  Word reserved{0x0000000100000001ull, 1ull << 63};
  CHECK(readProgramPayload(payloadWithWords({reserved}, kMxu, 1024))
            .status()
            .message() == "core 0 mxu: word 0: nop has reserved bit 127 set");
}

} // namespace
} // namespace nuri::npu::testing
