// The binary form of instructions (docs/npu/isa.md, "Encoding"): every
// instruction is 1, 3 or 4 little-endian 128-bit words whose first byte is
// the opcode and whose bits 8-9 hold the word count minus one. Decoding
// rejects anything that is not exactly what encoding would produce.
#ifndef NURI_NPU_ISA_ENCODING_H
#define NURI_NPU_ISA_ENCODING_H

#include "npu_sim/isa/instruction.h"
#include "nuri/status.h"

#include <span>
#include <vector>

namespace nuri::npu {

// One 128-bit instruction word: bits 0-63 in `lo`, 64-127 in `hi`.
struct Word {
  uint64_t lo = 0;
  uint64_t hi = 0;
  bool operator==(const Word &) const = default;
};

// Checks the operand rules every encodable instruction obeys (ranges, dtype
// domains, unused operands zero). Messages name the mnemonic and field.
Status validateInstruction(const Instruction &instruction);

// Appends the words of `instruction` (validated first).
Status encodeInstruction(const Instruction &instruction,
                         std::vector<Word> &out);
// The words of a whole instruction stream; errors name the instruction index.
Result<std::vector<Word>> encodeStream(std::span<const Instruction> stream);

struct DecodedStream {
  std::vector<Instruction> instructions; // wordOffset() finds their words
};

// Decodes a stream; an error names the word index where the bad instruction
// starts ("word 12: bad opcode 0x0").
Result<DecodedStream> decodeStream(std::span<const Word> words);

} // namespace nuri::npu

#endif // NURI_NPU_ISA_ENCODING_H
