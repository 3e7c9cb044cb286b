#include "npu_sim/sim/instruction_where.h"

#include "npu_sim/isa/disassembler.h"
#include "nuri/status.h"

namespace nuri::npu {

std::string instructionWhere(uint16_t core, const Stream &stream,
                             size_t index) {
  return strCat("core ", core, " ", stream.engine.name(), " instruction #",
                index, " (word ", wordOffset(stream.instructions, index), ") `",
                disassemble(stream.instructions[index]), "`");
}

} // namespace nuri::npu
