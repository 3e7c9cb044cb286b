// Registers cpu-ref's tooling (called from the generated
// registerBuiltinTooling, see backends/CMakeLists.txt).
#include "cpu_ref/tooling/program_printer.h"

#include "cpu_ref/schema/program_payload.h"

namespace nuri::cpu_ref {

void registerTooling(tools::ToolingRegistry &registry) {
  // Only fails on a duplicate format, which the generated list cannot have.
  Status status = registry.registerSegmentPrinter(std::string(kProgramFormat),
                                                  "cpu_ref", printProgram);
  (void)status;
}

} // namespace nuri::cpu_ref
