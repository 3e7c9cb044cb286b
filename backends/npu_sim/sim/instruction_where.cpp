#include "npu_sim/sim/instruction_where.h"

#include "npu_sim/isa/disassembler.h"
#include "nuri/status.h"

namespace nuri::npu {

std::vector<uint32_t> wordIndices(const Stream &stream) {
  std::vector<uint32_t> words;
  uint32_t w = 0;
  for (const Instruction &instruction : stream.instructions) {
    words.push_back(w);
    w += opcodeInfo(instruction.opcode).words;
  }
  return words;
}

std::string instructionWhere(uint16_t core, const Stream &stream, size_t index,
                             uint32_t word) {
  return strCat("core ", core, " ", stream.engine.name(), " instruction #",
                index, " (word ", word, ") `",
                disassemble(stream.instructions[index]), "`");
}

} // namespace nuri::npu
