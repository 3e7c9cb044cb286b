//===- nuri-opt.cpp - Run nuri passes on MLIR files -----------------------===//
//
// mlir-opt with the nuri dialect, every nuri pass, the
// nuri-compile-pipeline, and MLIR's generic transforms (canonicalize, cse).
//
//===----------------------------------------------------------------------===//

#include "nuri/Pipeline/Pipeline.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();
  nuri::registerNuriPassesAndPipelines();
  mlir::DialectRegistry registry;
  nuri::registerNuriDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Nuri optimizer driver\n", registry));
}
