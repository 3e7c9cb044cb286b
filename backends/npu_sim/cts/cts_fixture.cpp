// The HAL conformance suite's known-good executable on npu-sim: x comes in
// over DMA, the vector engine adds it to itself, y goes back out; the two
// engines hand over through semaphores.
#include "cts_fixture.h"
#include "npu_sim/isa/assembler.h"
#include "npu_sim/schema/program_payload.h"

namespace nuri::hal_cts {
namespace {

// Slot 0 of `kind`, float32 [elements].
hal::ValueInfo floatValue(std::string name, hal::ValueKind kind,
                          int64_t elements) {
  hal::ValueInfo value;
  value.name = std::move(name);
  value.dtype = DType::kFloat32;
  value.shape = {elements};
  value.kind = kind;
  value.size = static_cast<uint64_t>(elements) * sizeof(float);
  return value;
}

// 96 float32 elements as 2 rows of 48 (384 bytes each way).
constexpr const char *kProgram = R"(
.profile npu-edge
.sram 1024
.region 0 input 0
.region 1 output 0
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[96], esize=4
  sig s0, 1
  wait s1, 1
  dma.st %1+0x0, 0x200, dims=[96], esize=4
.engine vpu
  wait s0, 1
  vadd 0x200:f32, 0x0:f32, 0x0:f32, rows=2, cols=48
  sig s1, 1
)";

} // namespace

Result<KnownGoodExecutable> buildKnownGoodExecutable() {
  constexpr int64_t kElements = 96;
  NURI_ASSIGN_OR_RETURN(npu::Program program,
                        npu::assemble(kProgram, "cts_fixture.s"));
  KnownGoodExecutable good;
  good.format = std::string(npu::kProgramFormat);
  good.formatVersion = npu::kProgramFormatVersion;
  NURI_ASSIGN_OR_RETURN(good.payload, npu::writeProgramPayload(program));
  good.elements = kElements;
  good.values = {floatValue("x", hal::ValueKind::kInput, kElements),
                 floatValue("y", hal::ValueKind::kOutput, kElements)};
  return good;
}

} // namespace nuri::hal_cts
