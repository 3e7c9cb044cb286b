//===- Diagnostics.h - How Nuri tools print MLIR diagnostics ----*- C++ -*-===//
#ifndef NURI_SUPPORT_DIAGNOSTICS_H
#define NURI_SUPPORT_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"

#include <memory>
#include <string>

namespace nuri {

// "model.onnx: node 'conv1'" for a node location; "model.onnx" for a file;
// MLIR's own syntax for anything else.
std::string describeLocation(mlir::Location loc);

// "error: <where>: <message>\n" (or warning/remark/note), then one
// "  note: <where>: <message>\n" line per attached note.
std::string formatDiagnostic(mlir::Diagnostic &diag);

// Prints every diagnostic as "<tool>: " + formatDiagnostic(diag) on stderr
// while the returned handler lives.
std::unique_ptr<mlir::ScopedDiagnosticHandler>
installDiagnosticPrinter(mlir::MLIRContext &context, std::string toolName);

} // namespace nuri

#endif // NURI_SUPPORT_DIAGNOSTICS_H
