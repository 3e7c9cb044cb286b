// Binary encoding: every opcode round-trips, the documented bit layout
// holds, and decoding rejects bad words naming the word index.
#include "npu_sim/isa/assembler.h"
#include "npu_sim/isa/disassembler.h"
#include "npu_sim/isa/encoding.h"

#include <catch2/catch.hpp>

namespace nuri::npu {
namespace {

Instruction parse(const std::string &text) {
  Result<Instruction> instruction = assembleInstruction(text);
  INFO(text);
  REQUIRE(instruction.ok());
  return std::move(instruction).value();
}

std::vector<Word> encode(const std::string &text) {
  std::vector<Word> words;
  REQUIRE(encodeInstruction(parse(text), words).ok());
  return words;
}

// One instruction of every opcode, with non-default fields.
const std::vector<std::string> kEveryOpcode = {
    "nop",
    "nop 12",
    "wait s3, 7",
    "sig g1, 2",
    "dma.ld 0x100, %2+0x40, dims=[3, 4, 5, 6], esize=2, "
    "dram_strides=[4000, -600, 24, 2], sram_strides=[480, 120, 24, 4]",
    "dma.st %7+0xffffffffff, 0x20, dims=[16777215], esize=8, "
    "dram_strides=[8], sram_strides=[-8]",
    "dma.cp 0x400, 0x0, dims=[2, 64], esize=4, dst_strides=[512, 4], "
    "src_strides=[256, 4]",
    "mm.i8 0x8000, 0x0, 0x4000, m=64, k=128, n=64, acc_stride=256, "
    "a_stride=128, b_stride=64",
    "mm.bf16 0x10000, 0x40, 0x2000, m=65535, k=9, n=300, acc_stride=1200, "
    "a_stride=64, b_stride=640, a_group=28, a_group_stride=4096, accumulate",
    "vmov 0x0:bf16, 0x100:f32, rows=2, cols=8, rs=[16, 32]",
    "vadd 0x0:f32, 0x100:f32, #-1.5, rows=3, cols=5, rs=[20, 20, 0]",
    "vsub 0x0:i32, #7, 0x40:i8, cols=16",
    "vmul 0x0:f32, 0x40:f32, 0x80:f32, rows=4, cols=4, bcast=[b]",
    "vdiv 0x0:bf16, 0x40:bf16, 0x80:bf16, cols=4",
    "vmax 0x0:f32, 0x40:f32, #0, cols=4",
    "vmin 0x0:i8, 0x40:i8, #-3, cols=4",
    "vcmp.lt 0x0:f32, 0x40:f32, 0x80:f32, cols=4",
    "vcmp.ge 0x0:i32, 0x40:i32, #100, cols=4",
    "vsel 0x0:f32, 0x40:f32, 0x80:f32, #inf, cols=4",
    "vmad 0x0:f32, 0x40:f32, 0x80:bf16, 0xc0:f32, rows=2, cols=4, "
    "rs=[16, 16, 0, 4], bcast=[c]",
    "vexp 0x0:f32, 0x40:f32, cols=4",
    "vlog 0x0:f32, 0x40:f32, cols=4",
    "vtanh 0x0:bf16, 0x40:f32, cols=4",
    "verf 0x0:f32, 0x40:f32, cols=4",
    "vsigm 0x0:f32, 0x40:f32, cols=4",
    "vrsqrt 0x0:f32, 0x40:f32, cols=4",
    "vrecip 0x0:f32, 0x40:f32, cols=4",
    "vsqrt 0x0:f32, 0x40:f32, cols=4",
    "vabs 0x0:i32, 0x40:i32, cols=4",
    "vneg 0x0:f32, 0x40:f32, cols=4",
    "vrsum 0x0:f32, 0x40:bf16, rows=8, cols=100, rs=[4, 200]",
    "vrmax 0x0:i32, 0x40:i8, rows=2, cols=10",
    "vrmin 0x0:f32, 0x40:f32, cols=10",
    "vcvt 0x0:i8, 0x40:f32, rows=2, cols=16",
    "vsel 0x0:f32, 0x40:f32, #raw(0x7fc00001), 0x80:f32, cols=4",
};

TEST_CASE("every opcode survives encode, decode and disassemble",
          "[npu][isa]") {
  std::vector<uint8_t> seen(256, 0);
  for (const std::string &text : kEveryOpcode) {
    INFO(text);
    Instruction instruction = parse(text);
    seen[static_cast<uint8_t>(instruction.opcode)] = 1;
    std::vector<Word> words;
    REQUIRE(encodeInstruction(instruction, words).ok());
    CHECK(words.size() == opcodeInfo(instruction.opcode).words);
    Result<DecodedStream> decoded = decodeStream(words);
    REQUIRE(decoded.ok());
    REQUIRE(decoded->instructions.size() == 1);
    std::string text1 = disassemble(instruction);
    CHECK(disassemble(decoded->instructions[0]) == text1);
    // The disassembly assembles back to the same words.
    std::vector<Word> again;
    REQUIRE(encodeInstruction(parse(text1), again).ok());
    CHECK(again == words);
  }
  for (const OpcodeInfo &info : allOpcodes()) {
    INFO(info.mnemonic);
    CHECK(seen[static_cast<uint8_t>(info.opcode)] == 1);
  }
}

TEST_CASE("the bit layout matches docs/npu/isa.md", "[npu][isa]") {
  // wait: opcode 0x02, semaphore in bits 16-21, value in bits 32-63.
  std::vector<Word> wait = encode("wait s3, 7");
  REQUIRE(wait.size() == 1);
  CHECK(wait[0].lo == 0x0000000700030002ull);
  CHECK(wait[0].hi == 0);
  // Global semaphores are ids 32..63.
  CHECK(encode("sig g1, 2")[0].lo == 0x0000000200210003ull);
  // A 3-word instruction says 2 extra words in bits 8-9.
  std::vector<Word> mm = encode("mm.bf16 0x40, 0x80, 0xc0, m=2, k=3, n=4, "
                                "acc_stride=16, a_stride=6, b_stride=8, "
                                "accumulate");
  REQUIRE(mm.size() == 3);
  CHECK(mm[0].lo == 0x0000004000010221ull); // acc 0x40, accumulate bit 16
  CHECK(mm[0].hi == 0x000000c000000080ull); // a 0x80, b 0xc0
  // m=2, k=3, n=4 in bits 128..175.
  CHECK(mm[1].lo == (uint64_t{2} | uint64_t{3} << 16 | uint64_t{4} << 32));
  CHECK(mm[1].hi == (uint64_t{16} | uint64_t{6} << 32));
  CHECK(mm[2].lo == (uint64_t{8} << 32));
  // dma: 48-bit DRAM offset split at bit 64; dims 2 and 3 at bits 192..239.
  std::vector<Word> dma = encode("dma.ld 0x10, %5+0x123456789ab, "
                                 "dims=[1, 2, 3, 4], esize=4");
  REQUIRE(dma.size() == 4);
  CHECK((dma[0].lo & 0xffff) == 0x0310);
  CHECK(((dma[0].lo >> 16) & 3) == 2); // esize 4 = 1 << 2
  CHECK(((dma[0].lo >> 24) & 0xff) == 5);
  CHECK((dma[0].lo >> 32) == 0x456789abu);
  CHECK((dma[0].hi & 0xffff) == 0x123);
  CHECK(((dma[0].hi >> 16) & 0xffffffffu) == 0x10);
  CHECK(dma[1].lo == (uint64_t{1} | uint64_t{2} << 24));
  CHECK(dma[1].hi == (uint64_t{3} | uint64_t{4} << 24));
}

TEST_CASE("decoding rejects bad words with their index", "[npu][isa]") {
  std::vector<Word> words = encode("wait s0, 1");
  std::vector<Word> nop = encode("nop");
  words.insert(words.end(), nop.begin(), nop.end());

  SECTION("opcode 0x00") {
    words.push_back(Word{});
    Result<DecodedStream> decoded = decodeStream(words);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.status().code() == StatusCode::kDataLoss);
    CHECK(decoded.status().message() == "word 2: bad opcode 0x0");
  }
  SECTION("an opcode the ISA does not have") {
    words.push_back(Word{0xff, 0});
    CHECK(decodeStream(words).status().message() == "word 2: bad opcode 0xff");
  }
  SECTION("a length field that disagrees with the opcode") {
    std::vector<Word> dma = encode("dma.ld 0x0, %0, dims=[4]");
    dma[0].lo &= ~uint64_t{0x300};
    words.insert(words.end(), dma.begin(), dma.end());
    CHECK(decodeStream(words).status().message() ==
          "word 2: dma.ld is 4 words long but its header says 1");
  }
  SECTION("a stream that ends inside an instruction") {
    std::vector<Word> mm = encode("mm.i8 0x0, 0x40, 0x80, m=1, k=1, n=1");
    words.insert(words.end(), mm.begin(), mm.begin() + 2);
    CHECK(decodeStream(words).status().message() ==
          "word 2: mm.i8 needs 3 words but the stream ends after 2");
  }
  SECTION("a reserved bit") {
    words[1].hi |= uint64_t{1} << 36; // bit 100 of the nop
    CHECK(decodeStream(words).status().message() ==
          "word 1: nop has reserved bit 100 set");
  }
  SECTION("fields that break the operand rules") {
    words[1].lo &= 0xffffffffull; // nop of 0 cycles
    CHECK(decodeStream(words).status().message() ==
          "word 1: bad encoding: nop: needs at least 1 cycle");
  }
  SECTION("a vector op mixing float and integer operands") {
    std::vector<Word> v = encode("vadd 0x0:f32, 0x40:f32, 0x80:f32, cols=4");
    v[0].lo |= uint64_t{2} << 20; // source b becomes i32
    words.insert(words.end(), v.begin(), v.end());
    CHECK(decodeStream(words).status().message() ==
          "word 2: bad encoding: vadd: source b is i32 but the destination "
          "is f32 (only vcvt mixes float and integer)");
  }
}

TEST_CASE("encoding refuses instructions that break the rules", "[npu][isa]") {
  Instruction dma;
  dma.opcode = Opcode::kDmaLoad;
  DmaOp op;
  op.dims = {1, 0, 1, 1};
  dma.operands = op;
  std::vector<Word> words;
  Status status = encodeInstruction(dma, words);
  CHECK(status.message() == "dma.ld: dims[1] = 0 is not in 1..16777215");
  CHECK(words.empty());

  Instruction wrongOperands;
  wrongOperands.opcode = Opcode::kVAdd;
  wrongOperands.operands = SyncOp{0, 1};
  CHECK(encodeInstruction(wrongOperands, words).message() ==
        "vadd: operands are of another instruction format");

  Instruction stream[] = {parse("nop"), dma};
  CHECK(encodeStream(stream).status().message() ==
        "instruction #1: dma.ld: dims[1] = 0 is not in 1..16777215");
}

} // namespace
} // namespace nuri::npu
