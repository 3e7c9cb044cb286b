// The assembler and disassembler: a whole program goes asm -> binary
// payload -> asm and back unchanged; defaults fill in as documented; errors
// name the line and column.
#include "npu_sim/isa/assembler.h"
#include "npu_sim/isa/disassembler.h"
#include "npu_sim/schema/program_payload.h"

#include <catch2/catch.hpp>

namespace nuri::npu {
namespace {

const char *kProgram = R"(
; A small double-buffered GEMM with a softmax epilogue.
.isa 1.0
.profile npu-edge
.sram 65536
.region 0 input 0
.region 1 constants          // weights
.region 2 output 0
.region 3 arena
.region 4 scratch 4096
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[64, 64], esize=2
  dma.ld 0x2000, %1+0x80, dims=[64, 64], esize=2, dram_strides=[256, 2]
  sig s0                     ; defaults to +1
.engine mxu
  wait s0, 1
  mm.bf16 0x4000, 0x0, 0x2000, m=64, k=64, n=64
  sig s1, 1
.engine vpu
  wait s1, 1
  vrmax 0xc000:f32, 0x4000:f32, rows=64, cols=64
  vsub 0x4000:f32, 0x4000:f32, 0xc000:f32, rows=64, cols=64, bcast=[b]
  vexp 0x4000:f32, 0x4000:f32, rows=64, cols=64
  vmov 0xd000:bf16, 0x4000:f32, rows=64, cols=64
  sig s2, 1
.engine dma1
  wait s2, 1
  dma.st %2+0x0, 0xd000, dims=[8192], esize=1
  nop 3
)";

TEST_CASE("a program survives asm -> payload -> asm", "[npu][asm]") {
  Result<Program> program = assemble(kProgram, "gemm.s");
  REQUIRE(program.ok());
  Result<std::vector<uint8_t>> payload = writeProgramPayload(*program);
  REQUIRE(payload.ok());
  Result<Program> loaded = readProgramPayload(*payload);
  REQUIRE(loaded.ok());
  std::string text = disassembleProgram(*loaded);
  CHECK(text == disassembleProgram(*program));

  Result<Program> again = assemble(text, "roundtrip.s");
  REQUIRE(again.ok());
  CHECK(disassembleProgram(*again) == text);
  Result<std::vector<uint8_t>> payloadAgain = writeProgramPayload(*again);
  REQUIRE(payloadAgain.ok());
  CHECK(*payloadAgain == *payload);

  CHECK(loaded->profile == "npu-edge");
  CHECK(loaded->sramBytes == 65536);
  REQUIRE(loaded->regions.size() == 5);
  CHECK(loaded->regions[1].kind == RegionKind::kConstants);
  CHECK(loaded->regions[4] == Region{RegionKind::kScratch, 0, 4096});
  REQUIRE(loaded->cores.size() == 1);
  CHECK(loaded->cores[0].streams.size() == 4);
}

TEST_CASE("the disassembly spells out every default", "[npu][asm]") {
  Result<Program> program = assemble(kProgram, "gemm.s");
  REQUIRE(program.ok());
  std::string text = disassembleProgram(*program);
  // Row-major strides for the given dims.
  CHECK_THAT(text,
             Catch::Contains("dma.ld 0x0, %0+0x0, dims=[64, 64], esize=2, "
                             "dram_strides=[128, 2], sram_strides=[128, 2]"));
  // Explicit DRAM strides keep the dense SRAM default.
  CHECK_THAT(text, Catch::Contains("dma.ld 0x2000, %1+0x80, dims=[64, 64], "
                                   "esize=2, dram_strides=[256, 2], "
                                   "sram_strides=[128, 2]"));
  CHECK_THAT(text, Catch::Contains("sig s0, 1"));
  CHECK_THAT(text,
             Catch::Contains("mm.bf16 0x4000, 0x0, 0x2000, m=64, k=64, n=64, "
                             "acc_stride=256, a_stride=128, b_stride=128"));
  // A reduction writes one element per row; a broadcast source reads one.
  CHECK_THAT(text, Catch::Contains("vrmax 0xc000:f32, 0x4000:f32, rows=64, "
                                   "cols=64, rs=[4, 256]"));
  CHECK_THAT(text,
             Catch::Contains("vsub 0x4000:f32, 0x4000:f32, 0xc000:f32, "
                             "rows=64, cols=64, rs=[256, 256, 4], bcast=[b]"));
  CHECK_THAT(text, Catch::Contains("nop 3"));
  CHECK_THAT(text, Catch::Contains(".region 4 scratch 4096"));
}

TEST_CASE("immediates print so they read back to the same bits", "[npu][asm]") {
  for (const char *text : {"vadd 0x0:f32, 0x40:f32, #0.1, cols=4",
                           "vadd 0x0:f32, 0x40:f32, #-inf, cols=4",
                           "vadd 0x0:f32, 0x40:f32, #1e-45, cols=4",
                           "vadd 0x0:f32, 0x40:f32, #raw(0x7fc00001), cols=4",
                           "vadd 0x0:i32, 0x40:i32, #-2147483648, cols=4"}) {
    INFO(text);
    Result<Instruction> first = assembleInstruction(text);
    REQUIRE(first.ok());
    Result<Instruction> second = assembleInstruction(disassemble(*first));
    REQUIRE(second.ok());
    CHECK(second->vector().imm == first->vector().imm);
  }
  Result<Instruction> tenth =
      assembleInstruction("vadd 0x0:f32, 0x40:f32, #0.1, cols=4");
  REQUIRE(tenth.ok());
  CHECK(tenth->vector().imm == 0x3dcccccdu);
}

struct BadSource {
  const char *text;
  const char *message;
};

TEST_CASE("assembler errors name the line and column", "[npu][asm]") {
  const std::string header = ".profile npu-edge\n.core 0\n.engine vpu\n";
  const BadSource cases[] = {
      {"  vad 0x0:f32, 0x0:f32, cols=4", "t.s:4:3: unknown instruction 'vad'"},
      {"  vadd 0x0:f32, 0x40:f33, 0x80:f32, cols=4",
       "t.s:4:22: unknown type 'f33' (f32, bf16, i32, i8)"},
      {"  vadd 0x0:f32, 0x40:f32, 0x80:f32", "t.s:4:3: vadd needs cols="},
      {"  vadd 0x0:f32, 0x40:f32, 0x80:f32, cols=4, lanes=2",
       "t.s:4:45: vadd has no operand 'lanes'"},
      {"  vadd 0x0:f32, 0x40:f32, cols=4",
       "t.s:4:3: vadd takes 3 operand(s) before its named ones, got 2"},
      {"  vadd 0x0:f32, 0x40:f32, 0x80:f32, cols=4, rows=0",
       "t.s:4:50: rows 0 is not in 1..65535"},
      {"  vadd 0x0:f32, 0x40:f32, #x, cols=4",
       "t.s:4:27: expected a float immediate like #1.5, #-inf or "
       "#raw(0x7fc00000), got '#x'"},
      {"  vadd 0x0:f32, 0x40:f32, #1e39, cols=4",
       "t.s:4:27: immediate '#1e39' is outside the float range"},
      {"  vadd 0x0:f32, 0x40:i32, 0x80:f32, cols=4",
       "t.s:4:3: vadd: source a is i32 but the destination is f32 (only "
       "vcvt mixes float and integer)"},
      {"  wait s40, 1", "t.s:4:8: semaphore s40 is not in s0..s31"},
      {"  mm.i8 0x0, 0x40, 0x80, m=1, k=1, n=1",
       "t.s:4:3: mm.i8 cannot run on engine vpu"},
      {"  vadd 0x0:f32, 0x40:f32, 0x80:f32, cols=4, rs=[4, 4]",
       "t.s:4:48: rs needs 3 row strides (destination and each source), "
       "got 2"},
      {"  vadd 0x0:f32, 0x40:f32, 0x80:f32, cols=4, bcast=[d]",
       "t.s:4:52: bcast names sources a..b, not 'd'"},
      {"  vexp 0x0:i32, 0x40:i32, cols=4",
       "t.s:4:3: vexp: operates on f32/bf16 only, not i32"},
      {"  vadd 0x0:f32, [0x40:f32, cols=4", "t.s:4:34: missing ']' or ')'"},
      {".bogus 1", "t.s:4:1: unknown directive '.bogus'"},
      {".region 1 arena", "t.s:4:9: region 1 declared out of order; next is 0"},
      {".region 0 input", "t.s:4:1: region kind input needs a slot or byte "
                          "count"},
      {".engine gpu", "t.s:4:9: unknown engine 'gpu' (dma0..dma9, mxu, vpu)"},
  };
  for (const BadSource &bad : cases) {
    INFO(bad.text);
    Result<Program> program = assemble(header + bad.text, "t.s");
    REQUIRE_FALSE(program.ok());
    CHECK(program.status().code() == StatusCode::kInvalidArgument);
    CHECK(program.status().message() == bad.message);
  }
}

TEST_CASE("programs need a profile and an engine section", "[npu][asm]") {
  CHECK(assemble(".core 0\n", "a.s").status().message() ==
        "a.s: missing '.profile <name>' directive");
  CHECK(assemble(".profile p\n.core 0\n  nop\n", "b.s").status().message() ==
        "b.s:3:3: instruction outside an .engine section");
  CHECK(assemble(".profile p\n.engine mxu\n", "c.s").status().message() ==
        "c.s:2:1: .engine before any .core");
  CHECK(assemble(".profile p\n.core 0\n.engine dma0\n"
                 "  dma.ld 0x0, 0x40, dims=[4]\n",
                 "d.s")
            .status()
            .message() ==
        "d.s:4:15: expected a DRAM address %<region>+<offset>, got '0x40'");
}

TEST_CASE("payload reading rejects what is not a program", "[npu][asm]") {
  std::vector<uint8_t> junk(64, 0);
  CHECK(readProgramPayload(junk).status().message() ==
        "payload is not an npu program (no \"NPUP\" identifier)");
  Result<Program> program = assemble(kProgram, "gemm.s");
  REQUIRE(program.ok());
  program->isaMajor = 2;
  Result<std::vector<uint8_t>> payload = writeProgramPayload(*program);
  REQUIRE(payload.ok());
  CHECK(readProgramPayload(*payload).status().message() ==
        "npu program is for ISA 2.0; this simulator runs ISA 1.0");
  std::vector<uint8_t> truncated(payload->begin(), payload->begin() + 40);
  CHECK(readProgramPayload(truncated).status().code() == StatusCode::kDataLoss);
}

} // namespace
} // namespace nuri::npu
