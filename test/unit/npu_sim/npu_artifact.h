// Builds Nuri artifacts holding one "npu-program" segment directly with
// the FlatBuffers builder, so driver and runtime tests need no compiler.
#ifndef NURI_TEST_NPU_SIM_NPU_ARTIFACT_H
#define NURI_TEST_NPU_SIM_NPU_ARTIFACT_H

#include "nuri/hal/executable.h"
#include "nuri/tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nuri::npu::testing {

struct NpuValue {
  std::string name;
  DType dtype = DType::kFloat32;
  Shape shape;
  hal::ValueKind kind = hal::ValueKind::kArena;
  uint32_t index = 0;  // Input/Output slot
  uint64_t offset = 0; // Constant/Arena offset
};

struct NpuArtifactSpec {
  std::string target = "npu-edge";
  std::vector<NpuValue> values;
  std::vector<uint32_t> inputs;  // value index per input slot
  std::vector<uint32_t> outputs; // value index per output slot
  uint64_t arenaSize = 0;
  std::vector<uint8_t> constants;
  std::vector<uint8_t> payload; // the npu-program
};

std::vector<uint8_t> buildNpuArtifact(const NpuArtifactSpec &spec);

// The HAL view of the same values, for loadExecutable.
std::vector<hal::ValueInfo> valueInfos(const std::vector<NpuValue> &values);

} // namespace nuri::npu::testing

#endif // NURI_TEST_NPU_SIM_NPU_ARTIFACT_H
