//===- nuri-compile.cpp - ONNX model -> Nuri artifact ---------------------===//
//
//   nuri-compile MODEL.onnx -o OUT.nuri [--target cpu-ref]
//                [--input-shape NAME=D0,D1,...] [--const-input NAME=FILE]
//                [--emit=artifact|mlir|imported-mlir]
//
// plus MLIR's pass-manager options (--mlir-print-ir-after-all,
// --mlir-timing, --mlir-elide-elementsattrs-if-larger=N, ...).
//
//===----------------------------------------------------------------------===//

#include "common/onnx_tensor.h"
#include "common/tensor_file.h"
#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Import/OnnxImporter.h"
#include "nuri/Pipeline/Pipeline.h"
#include "nuri/Support/Diagnostics.h"
#include "nuri/Target/TargetRegistry.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

namespace {

enum class Emit { Artifact, Mlir, ImportedMlir };

cl::OptionCategory category("nuri-compile options");
cl::opt<std::string> inputPath(cl::Positional, cl::desc("<model.onnx>"),
                               cl::cat(category));
cl::opt<std::string>
    outputPath("o",
               cl::desc("Output file (default: MODEL with .nuri, or "
                        "stdout for --emit=mlir/imported-mlir)"),
               cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> targetName("target",
                                cl::desc("Compile target (see --list-targets)"),
                                cl::init("cpu-ref"), cl::cat(category));
cl::opt<bool> listTargets("list-targets",
                          cl::desc("List the compile targets and exit"),
                          cl::cat(category));
cl::list<std::string>
    inputShapes("input-shape",
                cl::desc("Fix the shape of a model input, e.g. "
                         "--input-shape=x=1,3,224,224 (repeatable)"),
                cl::value_desc("name=d0,d1,..."), cl::cat(category));
cl::list<std::string> constInputs(
    "const-input",
    cl::desc("Compile a model input as the constant tensor in FILE (.npy or "
             "ONNX TensorProto .pb) (repeatable)"),
    cl::value_desc("name=file"), cl::cat(category));
cl::opt<Emit> emit(
    "emit", cl::desc("What to write"), cl::init(Emit::Artifact),
    cl::values(clEnumValN(Emit::Artifact, "artifact",
                          "the compiled artifact (default)"),
               clEnumValN(Emit::Mlir, "mlir",
                          "the IR after the whole pipeline (memory planned)"),
               clEnumValN(Emit::ImportedMlir, "imported-mlir",
                          "the IR right after import")),
    cl::cat(category));

constexpr const char *kTool = "nuri-compile";

int fail(const llvm::Twine &message) {
  llvm::errs() << kTool << ": error: " << message << "\n";
  return 1;
}

// "name=rest" -> {name, rest}; false without '='.
bool splitAssignment(llvm::StringRef arg, std::string &name,
                     std::string &rest) {
  auto [left, right] = arg.split('=');
  if (left.empty() || left.size() == arg.size())
    return false;
  name = left.str();
  rest = right.str();
  return true;
}

bool parseImportOptions(nuri::ImportOptions &options) {
  for (const std::string &arg : inputShapes) {
    std::string name, dims;
    if (!splitAssignment(arg, name, dims)) {
      fail("--input-shape expects NAME=D0,D1,..., got '" + arg + "'");
      return false;
    }
    std::vector<int64_t> shape;
    llvm::SmallVector<llvm::StringRef> parts;
    if (!dims.empty())
      llvm::StringRef(dims).split(parts, ',');
    for (llvm::StringRef part : parts) {
      int64_t d;
      if (part.trim().getAsInteger(10, d) || d < 0) {
        fail("--input-shape " + arg + ": '" + part +
             "' is not a non-negative integer");
        return false;
      }
      shape.push_back(d);
    }
    options.inputShapes[name] = shape;
  }
  for (const std::string &arg : constInputs) {
    std::string name, file;
    if (!splitAssignment(arg, name, file)) {
      fail("--const-input expects NAME=FILE, got '" + arg + "'");
      return false;
    }
    // .npy or .pb, read by the same code as nuri-run's inputs.
    nuri::Result<nuri::Tensor> tensor = nuri::tools::readTensorFile(file);
    nuri::Result<std::vector<uint8_t>> encoded =
        tensor.ok() ? nuri::tools::encodeTensorProto(name, tensor->view())
                    : nuri::Result<std::vector<uint8_t>>(tensor.status());
    if (!encoded.ok()) {
      fail("--const-input " + arg + ": " + encoded.status().message());
      return false;
    }
    onnx::TensorProto proto;
    if (!proto.ParseFromArray(encoded->data(),
                              static_cast<int>(encoded->size()))) {
      fail("--const-input " + arg +
           ": the tensor is too large for an ONNX "
           "TensorProto");
      return false;
    }
    options.constantInputs[name] = proto;
  }
  return true;
}

std::string defaultOutputPath() {
  if (emit != Emit::Artifact)
    return "-";
  llvm::SmallString<256> path(inputPath.getValue());
  llvm::sys::path::replace_extension(path, ".nuri");
  return std::string(path);
}

int writeOutput(llvm::StringRef path,
                llvm::function_ref<void(llvm::raw_ostream &)> write) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file)
    return fail(error);
  write(file->os());
  file->keep();
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerAsmPrinterCLOptions();
  registerDefaultTimingManagerCLOptions();
  cl::ParseCommandLineOptions(
      argc, argv,
      "Nuri compiler: ONNX model -> Nuri artifact (*.nuri)\n\n"
      "  nuri-compile model.onnx -o model.nuri --target cpu-ref\n");

  nuri::TargetRegistry &targets = nuri::builtinTargets();
  if (listTargets) {
    for (const std::string &name : targets.names())
      llvm::outs() << name << "\t" << targets.find(name)->description() << "\n";
    return 0;
  }
  if (inputPath.empty())
    return fail("no input model; usage: nuri-compile MODEL.onnx -o OUT.nuri "
                "(see --help)");
  const nuri::TargetBackend *target = targets.find(targetName);
  if (!target)
    return fail("unknown target '" + targetName +
                "'; available targets: " + llvm::join(targets.names(), ", "));
  nuri::ImportOptions importOptions;
  if (!parseImportOptions(importOptions))
    return 1;

  DialectRegistry registry;
  nuri::registerNuriDialects(registry);
  MLIRContext context(registry);
  context.allowUnregisteredDialects(false);
  // Messages name the node already; the generic op dump would drown them.
  context.printOpOnDiagnostic(false);
  auto diagnostics = nuri::installDiagnosticPrinter(context, kTool);

  OwningOpRef<ModuleOp> module =
      nuri::importOnnxFile(context, inputPath, importOptions);
  if (!module)
    return 1;
  std::string output = outputPath.empty() ? defaultOutputPath() : outputPath;
  if (emit == Emit::ImportedMlir)
    return writeOutput(output, [&](llvm::raw_ostream &os) {
      module->print(os);
      os << "\n";
    });

  PassManager pm(&context);
  if (failed(applyPassManagerCLOptions(pm)))
    return fail("invalid pass manager options");
  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  TimingScope timingScope = timing.getRootScope();
  pm.enableTiming(timingScope);
  nuri::buildCompilePipeline(pm, *target);
  if (emit == Emit::Artifact) {
    nuri::SerializeArtifactOptions serialize;
    serialize.target = target->name().str();
    serialize.output = output;
    pm.addPass(nuri::createSerializeArtifact(serialize));
  }
  if (failed(pm.run(*module)))
    return 1;
  if (emit == Emit::Mlir)
    return writeOutput(output, [&](llvm::raw_ostream &os) {
      module->print(os);
      os << "\n";
    });
  return 0;
}
