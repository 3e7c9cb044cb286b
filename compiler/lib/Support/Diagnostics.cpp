//===- Diagnostics.cpp - How Nuri tools print MLIR diagnostics ------------===//

#include "nuri/Support/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace nuri {

std::string describeLocation(Location loc) {
  std::string file, node;
  loc->walk([&](Location l) {
    if (auto named = dyn_cast<NameLoc>(l); named && node.empty())
      node = named.getName().str();
    if (auto fileLoc = dyn_cast<FileLineColLoc>(l); fileLoc && file.empty()) {
      file = fileLoc.getFilename().str();
      if (fileLoc.getLine() != 0)
        file += ":" + std::to_string(fileLoc.getLine()) + ":" +
                std::to_string(fileLoc.getColumn());
    }
    return WalkResult::advance();
  });
  if (file.empty() && node.empty()) {
    std::string s;
    llvm::raw_string_ostream os(s);
    loc.print(os);
    return s;
  }
  if (node.empty())
    return file;
  return (file.empty() ? "" : file + ": ") + "node '" + node + "'";
}

std::string formatDiagnostic(Diagnostic &diag) {
  const char *severity = "error";
  if (diag.getSeverity() == DiagnosticSeverity::Warning)
    severity = "warning";
  else if (diag.getSeverity() == DiagnosticSeverity::Remark)
    severity = "remark";
  else if (diag.getSeverity() == DiagnosticSeverity::Note)
    severity = "note";
  std::string s;
  llvm::raw_string_ostream os(s);
  os << severity << ": " << describeLocation(diag.getLocation()) << ": " << diag
     << "\n";
  for (Diagnostic &note : diag.getNotes())
    os << "  note: " << describeLocation(note.getLocation()) << ": " << note
       << "\n";
  return s;
}

std::unique_ptr<ScopedDiagnosticHandler>
installDiagnosticPrinter(MLIRContext &context, std::string toolName) {
  return std::make_unique<ScopedDiagnosticHandler>(
      &context, [toolName](Diagnostic &diag) {
        llvm::errs() << toolName << ": " << formatDiagnostic(diag);
        return success();
      });
}

} // namespace nuri
