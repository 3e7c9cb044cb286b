#include "nuri-conform/case_runner.h"

#include "common/compare.h"
#include "common/file_io.h"
#include "common/onnx_tensor.h"
#include "common/tensor_values.h"
#include "nuri/Pipeline/Compile.h"
#include "nuri/runtime.h"

#include <onnx/onnx_pb.h>

#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

namespace nuri::conform {
namespace {

// The first "error: ..." line of compiler diagnostics.
std::string firstError(const std::string &diagnostics) {
  std::istringstream is(diagnostics);
  std::string line;
  while (std::getline(is, line))
    if (line.rfind("error: ", 0) == 0)
      return line.substr(7);
  return diagnostics.empty() ? "compilation failed" : diagnostics;
}

std::string compileCategory(const std::string &diagnostics) {
  if (diagnostics.find("sequence, map and optional") != std::string::npos)
    return "non-tensor-types";
  if (diagnostics.find("is not supported by target") != std::string::npos ||
      diagnostics.find("unsupported ONNX op type") != std::string::npos ||
      diagnostics.find("is not supported (only the default") !=
          std::string::npos)
    return "unsupported-op";
  if (diagnostics.find("needs static shapes") != std::string::npos)
    return "dynamic-shape";
  if (diagnostics.find("subgraphs") != std::string::npos)
    return "control-flow";
  return "compile-error";
}

// Model inputs the compiler asks to bind ("--const-input NAME=FILE").
std::vector<std::string> inputsToBind(const std::string &diagnostics) {
  std::vector<std::string> names;
  const std::string marker = "--const-input ";
  for (size_t pos = diagnostics.find(marker); pos != std::string::npos;
       pos = diagnostics.find(marker, pos + 1)) {
    size_t start = pos + marker.size();
    size_t eq = diagnostics.find('=', start);
    if (eq != std::string::npos)
      names.push_back(diagnostics.substr(start, eq - start));
  }
  return names;
}

// The constant-bound input's TensorProto as the file holds it.
Result<onnx::TensorProto> readProto(const std::string &path) {
  NURI_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, tools::readFileBytes(path));
  onnx::TensorProto proto;
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return dataLoss("'", path, "' is not a TensorProto");
  return proto;
}

// ONNX 1.12's test data stores bfloat16 tensors with data type UINT16 (the
// same bits); read them as the bfloat16 the model declares.
TensorView asTestDataType(TensorView view, DType declared) {
  if (declared == DType::kBFloat16 && view.dtype == DType::kUInt16)
    view.dtype = DType::kBFloat16;
  return view;
}

class CaseRun {
public:
  CaseRun(const ConformCase &c, const RunOptions &options)
      : c(c), options(options) {}

  CaseResult run();

private:
  // Fails `result` and returns false on errors.
  bool runDataSet(const TestDataSet &set, const Device &device,
                  const std::string &target);
  void fail(CaseStatus status, std::string category, std::string reason) {
    result.status = status;
    result.category = std::move(category);
    result.reason = std::move(reason);
  }

  const ConformCase &c;
  const RunOptions &options;
  ModelInfo info;
  CaseResult result;
};

// Names the reasons a case cannot pass by design, where the generic category
// says only where it stopped.
void refineCategory(const ModelInfo &info, CaseResult &result) {
  static const char *const kRandomOps[] = {
      "Bernoulli",        "Multinomial",   "RandomNormal",
      "RandomNormalLike", "RandomUniform", "RandomUniformLike"};
  for (const std::string &op : info.opTypes) {
    if (op.rfind("ai.onnx.preview.training.", 0) == 0) {
      result.category = "training-op";
      return;
    }
    for (const char *random : kRandomOps)
      if (op == random) {
        result.category = "random-op";
        return;
      }
  }
  if (result.reason.find("training_mode") != std::string::npos)
    result.category = "training-mode";
}

CaseResult CaseRun::run() {
  result.name = c.name;
  Result<ModelInfo> inspected = inspectModel(c);
  if (!inspected.ok()) {
    fail(CaseStatus::kError, "invalid-model", inspected.status().message());
    return result;
  }
  info = std::move(inspected).value();
  result.opType = info.primaryOpType;
  if (!info.tensorsOnly) {
    fail(CaseStatus::kSkipped, "non-tensor-types",
         "inputs or outputs are sequences, maps or optionals");
    return result;
  }
  if (info.usesStrings) {
    fail(CaseStatus::kSkipped, "string-tensors",
         "string tensors have no Nuri representation");
    return result;
  }
  if (c.dataSets.empty()) {
    fail(CaseStatus::kError, "invalid-case", "no test_data_set_* folder");
    return result;
  }
  Result<Device> device = Device::open(options.device);
  if (!device.ok()) {
    fail(CaseStatus::kError, "runtime-error", device.status().message());
    return result;
  }
  std::string target = options.target;
  if (target.empty())
    target = device->hal()->info().targets.at(0);
  result.status = CaseStatus::kPassed;
  for (const TestDataSet &set : c.dataSets)
    if (!runDataSet(set, *device, target))
      break;
  if (result.status != CaseStatus::kPassed)
    refineCategory(info, result);
  return result;
}

bool CaseRun::runDataSet(const TestDataSet &set, const Device &device,
                         const std::string &target) {
  if (set.inputs.size() != info.inputNames.size()) {
    fail(CaseStatus::kError, "invalid-case",
         strCat(set.dir, " has ", set.inputs.size(), " inputs, the model ",
                info.inputNames.size()));
    return false;
  }
  // Compile; bind the inputs the compiler needs as constants (shapes,
  // axes, ... that Nuri resolves at compile time) and retry.
  CompileRequest request;
  request.modelPath = c.dir + "/model.onnx";
  request.target = target;
  // Pin inputs with symbolic dims to the shape of this data set's tensor
  // (Nuri compiles static shapes).
  std::vector<Tensor> inputs;
  for (size_t i = 0; i < set.inputs.size(); ++i) {
    Result<tools::NamedTensor> input = tools::readTensorProto(set.inputs[i]);
    if (!input.ok()) {
      fail(CaseStatus::kSkipped, "non-tensor-types", input.status().message());
      return false;
    }
    inputs.push_back(input->tensor);
    if (!info.inputIsStatic[i])
      request.import.inputShapes[info.inputNames[i]] = input->tensor.shape();
  }
  CompileResult compiled;
  for (int attempt = 0; attempt < 4; ++attempt) {
    compiled = compileOnnxModel(request);
    if (compiled.ok)
      break;
    bool bound = false;
    for (const std::string &name : inputsToBind(compiled.diagnostics)) {
      auto it = std::find(info.inputNames.begin(), info.inputNames.end(), name);
      if (it == info.inputNames.end() ||
          request.import.constantInputs.count(name))
        continue;
      Result<onnx::TensorProto> proto =
          readProto(set.inputs[it - info.inputNames.begin()]);
      if (!proto.ok())
        break;
      request.import.constantInputs[name] = std::move(proto).value();
      bound = true;
    }
    if (!bound)
      break;
  }
  if (!compiled.ok) {
    // Locations name the model file, which the case name already says.
    std::string reason = firstError(compiled.diagnostics);
    std::string prefix = request.modelPath + ": ";
    if (reason.rfind(prefix, 0) == 0)
      reason = reason.substr(prefix.size());
    fail(CaseStatus::kError, compileCategory(compiled.diagnostics), reason);
    return false;
  }

  Result<Model> model = Model::fromMemory(compiled.artifact);
  if (!model.ok()) {
    fail(CaseStatus::kError, "runtime-error", model.status().message());
    return false;
  }
  Result<Session> session = Session::create(*model, device);
  if (!session.ok()) {
    fail(CaseStatus::kError, "runtime-error", session.status().message());
    return false;
  }
  for (size_t i = 0; i < set.inputs.size(); ++i) {
    const std::string &name = info.inputNames[i];
    if (request.import.constantInputs.count(name))
      continue;
    std::optional<size_t> slot = model->inputIndex(name);
    TensorView view = inputs[i].view();
    if (slot)
      view = asTestDataType(view, model->inputs()[*slot].dtype);
    Status bound = session->setInput(name, view);
    if (!bound.ok()) {
      fail(CaseStatus::kError, "runtime-error", bound.message());
      return false;
    }
  }
  Status ran = session->run();
  if (!ran.ok()) {
    fail(CaseStatus::kError, "runtime-error", ran.message());
    return false;
  }
  for (size_t i = 0; i < set.outputs.size() && i < info.outputNames.size();
       ++i) {
    const std::string &name = info.outputNames[i];
    Result<tools::NamedTensor> expected =
        tools::readTensorProto(set.outputs[i]);
    if (!expected.ok()) {
      fail(CaseStatus::kSkipped, "non-tensor-types",
           expected.status().message());
      return false;
    }
    Result<TensorView> got = session->output(name);
    if (!got.ok()) {
      fail(CaseStatus::kError, "runtime-error", got.status().message());
      return false;
    }
    TensorView want = asTestDataType(expected->tensor.view(), got->dtype);
    Result<tools::Comparison> cmp =
        tools::compareTensors(*got, want, options.rtol, options.atol);
    if (!cmp.ok()) {
      fail(CaseStatus::kFailed, "mismatch",
           strCat("output '", name, "': ", cmp.status().message()));
      return false;
    }
    result.maxAbsError = std::max(result.maxAbsError, cmp->maxAbsError);
    if (!cmp->pass) {
      fail(CaseStatus::kFailed, "mismatch",
           strCat("output '", name, "' ", cmp->mismatches, " of ", cmp->count,
                  " values outside tolerance; ",
                  tools::describeComparison(*cmp, want.shape, options.rtol,
                                            options.atol)));
      if (options.diff)
        result.details +=
            tools::listMismatches(name, *got, want, options.rtol, options.atol);
      return false;
    }
  }
  return true;
}

} // namespace

CaseResult runCase(const ConformCase &c, const RunOptions &options) {
  auto start = std::chrono::steady_clock::now();
  CaseResult result;
  try {
    result = CaseRun(c, options).run();
  } catch (const std::exception &e) {
    result.name = c.name;
    result.status = CaseStatus::kError;
    result.category = "internal-error";
    result.reason = strCat("exception: ", e.what());
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return result;
}

} // namespace nuri::conform
