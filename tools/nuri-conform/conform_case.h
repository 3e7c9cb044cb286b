// ONNX backend test cases: a folder with model.onnx and
// test_data_set_*/{input,output}_*.pb, as in ONNX's own test data.
#ifndef NURI_TOOLS_CONFORM_CONFORM_CASE_H
#define NURI_TOOLS_CONFORM_CONFORM_CASE_H

#include "nuri/status.h"

#include <string>
#include <vector>

namespace nuri::conform {

struct TestDataSet {
  std::string dir;
  std::vector<std::string> inputs;  // input_0.pb, input_1.pb, ... in order
  std::vector<std::string> outputs; // output_0.pb, ...
};

struct ConformCase {
  std::string name; // "<suite>/<folder>", e.g. "node/test_abs"
  std::string
      suite; // "node", or the folder's name for a folder given as an argument
  std::string dir;
  std::vector<TestDataSet> dataSets;
};

// What the runner needs to know of a case's model before compiling it.
struct ModelInfo {
  std::vector<std::string> opTypes;    // per node, "domain.Op" outside ai.onnx
  std::vector<std::string> inputNames; // graph inputs that are not initializers
  std::vector<bool> inputIsStatic;     // declared with every dim fixed
  std::vector<std::string> outputNames;
  bool tensorsOnly = true;   // no sequence/map/optional inputs or outputs
  bool usesStrings = false;  // a string tensor input or output
  std::string primaryOpType; // the op the case exercises (for reports)
};

// The cases under `suiteDir` (each subfolder with a model.onnx), or `suiteDir`
// itself when it is one case; sorted by name.
Result<std::vector<ConformCase>> discoverCases(const std::string &suiteDir,
                                               const std::string &suite);

Result<ModelInfo> inspectModel(const ConformCase &c);

} // namespace nuri::conform

#endif // NURI_TOOLS_CONFORM_CONFORM_CASE_H
