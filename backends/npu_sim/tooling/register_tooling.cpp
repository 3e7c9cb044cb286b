// Registers npu-sim's tooling (called from the generated
// registerBuiltinTooling, see backends/CMakeLists.txt).
#include "npu_sim/schema/program_payload.h"
#include "npu_sim/tooling/program_printer.h"

namespace nuri::npu_sim {

void registerTooling(tools::ToolingRegistry &registry) {
  // Only fails on a duplicate format, which the generated list cannot have.
  Status status = registry.registerSegmentPrinter(
      std::string(npu::kProgramFormat), "npu_sim", npu::printProgram);
  (void)status;
}

} // namespace nuri::npu_sim
