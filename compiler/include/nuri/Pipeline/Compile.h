//===- Compile.h - Compile an ONNX model in one call ------------*- C++ -*-===//
//
// The whole of nuri-compile as a library call, for tools that compile many
// models in-process (nuri-conform) and for tests.
//
//===----------------------------------------------------------------------===//
#ifndef NURI_PIPELINE_COMPILE_H
#define NURI_PIPELINE_COMPILE_H

#include "nuri/Import/OnnxImporter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nuri {

struct CompileRequest {
  std::string modelPath; // .onnx or .onnxtxt
  std::string target = "cpu-ref";
  ImportOptions import;
};

struct CompileResult {
  bool ok = false;
  std::vector<uint8_t> artifact;
  // Every diagnostic as formatDiagnostic gives it: "error: <where>:
  // <message>" per line, attached notes indented below.
  std::string diagnostics;
};

CompileResult compileOnnxModel(const CompileRequest &request);

} // namespace nuri

#endif // NURI_PIPELINE_COMPILE_H
