#include "npu_sim/sim/program_checks.h"

#include "npu_sim/isa/disassembler.h"
#include "npu_sim/sim/instruction_where.h"

namespace nuri::npu {
namespace {

bool supportsType(const NpuProfile &profile, VType type) {
  if (type == VType::kBF16)
    return profile.supports(DType::kBFloat16);
  if (type == VType::kI8)
    return profile.supports(DType::kInt8);
  return true;
}

Status checkInstruction(const Instruction &instruction,
                        const NpuProfile &profile) {
  const OpcodeInfo &info = opcodeInfo(instruction.opcode);
  switch (info.format) {
  case Format::kSync: {
    if (instruction.opcode == Opcode::kNop)
      return okStatus();
    uint8_t id = instruction.sync().semaphore;
    bool global = id >= kGlobalSemaphoreBase;
    uint32_t index = global ? id - kGlobalSemaphoreBase : id;
    uint32_t available =
        global ? profile.sync.globalSemaphores : profile.sync.localSemaphores;
    if (index >= available)
      return failedPrecondition(
          "semaphore ", semaphoreName(id), " does not exist on ", profile.name,
          " (", available, global ? " global" : " local", " semaphores)");
    return okStatus();
  }
  case Format::kMatmul: {
    bool int8 = instruction.opcode == Opcode::kMatmulI8;
    DType type = int8 ? DType::kInt8 : DType::kBFloat16;
    if (!profile.supports(type))
      return failedPrecondition(profile.name, " has no ", dtypeName(type),
                                " matrix engine");
    return okStatus();
  }
  case Format::kVector: {
    const VectorOp &op = instruction.vector();
    std::vector<VType> types = {op.dst.type};
    for (unsigned s = 0; s < info.sources; ++s)
      types.push_back(op.src[s].type);
    for (VType type : types)
      if (!supportsType(profile, type))
        return failedPrecondition(profile.name, " does not support ",
                                  vtypeName(type), " vector operands");
    return okStatus();
  }
  case Format::kDma:
    return okStatus();
  }
  return okStatus();
}

} // namespace

Status checkProgram(const Program &program, const NpuProfile &profile) {
  if (program.profile != profile.name)
    return failedPrecondition("the program targets profile '", program.profile,
                              "' but the device simulates '", profile.name,
                              "'");
  if (program.cores.size() > profile.cores)
    return failedPrecondition("the program uses ", program.cores.size(),
                              " cores but ", profile.name, " has ",
                              profile.cores);
  if (program.sramBytes > profile.sram.bytes)
    return resourceExhausted("the program declares ", program.sramBytes,
                             " bytes of SRAM per core but ", profile.name,
                             " has ", profile.sram.bytes);
  for (size_t c = 0; c < program.cores.size(); ++c)
    for (const Stream &stream : program.cores[c].streams) {
      if (stream.engine.kind == EngineKind::kDma &&
          stream.engine.index >= profile.dma.engines)
        return failedPrecondition("core ", c, " has a stream for ",
                                  stream.engine.name(), " but ", profile.name,
                                  " has ", profile.dma.engines,
                                  " DMA engines per core");
      for (size_t i = 0; i < stream.instructions.size(); ++i) {
        Status status = checkInstruction(stream.instructions[i], profile);
        if (!status.ok())
          return status.withContext(
              instructionWhere(static_cast<uint16_t>(c), stream, i));
      }
    }
  return okStatus();
}

} // namespace nuri::npu
