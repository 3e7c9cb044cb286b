#include "nuri-conform/conform_case.h"

#include "common/file_io.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

namespace nuri::conform {
namespace {

// Files named <prefix>_<N>.pb in `dir`, ordered by N.
std::vector<std::string> numberedFiles(const fs::path &dir,
                                       const std::string &prefix) {
  std::vector<std::pair<int, std::string>> found;
  for (const auto &entry : fs::directory_iterator(dir)) {
    std::string file = entry.path().filename().string();
    if (file.rfind(prefix + "_", 0) != 0 || entry.path().extension() != ".pb")
      continue;
    std::string number = file.substr(prefix.size() + 1);
    number = number.substr(0, number.size() - 3);
    if (number.empty() || !std::all_of(number.begin(), number.end(), ::isdigit))
      continue;
    found.emplace_back(std::stoi(number), entry.path().string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> files;
  for (auto &f : found)
    files.push_back(std::move(f.second));
  return files;
}

ConformCase makeCase(const fs::path &dir, const std::string &suite) {
  ConformCase c;
  c.suite = suite;
  c.name = suite + "/" + dir.filename().string();
  c.dir = dir.string();
  std::vector<fs::path> sets;
  for (const auto &entry : fs::directory_iterator(dir))
    if (entry.is_directory() &&
        entry.path().filename().string().rfind("test_data_set_", 0) == 0)
      sets.push_back(entry.path());
  std::sort(sets.begin(), sets.end());
  for (const fs::path &set : sets)
    c.dataSets.push_back({set.string(), numberedFiles(set, "input"),
                          numberedFiles(set, "output")});
  return c;
}

bool isTensorType(const onnx::TypeProto &type) {
  return type.value_case() == onnx::TypeProto::kTensorType;
}

std::string lowerNoUnderscore(const std::string &s) {
  std::string out;
  for (char ch : s)
    if (ch != '_')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

} // namespace

Result<std::vector<ConformCase>> discoverCases(const std::string &suiteDir,
                                               const std::string &suite) {
  std::error_code ec;
  fs::path root(suiteDir);
  if (!fs::is_directory(root, ec))
    return notFound("no test case folder '", suiteDir, "'");
  std::vector<ConformCase> cases;
  if (fs::exists(root / "model.onnx")) {
    cases.push_back(makeCase(root, suite));
    return cases;
  }
  for (const auto &entry : fs::directory_iterator(root, ec))
    if (entry.is_directory() && fs::exists(entry.path() / "model.onnx"))
      cases.push_back(makeCase(entry.path(), suite));
  std::sort(cases.begin(), cases.end(),
            [](const ConformCase &a, const ConformCase &b) {
              return a.name < b.name;
            });
  return cases;
}

Result<ModelInfo> inspectModel(const ConformCase &c) {
  std::string path = c.dir + "/model.onnx";
  NURI_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, tools::readFileBytes(path));
  onnx::ModelProto model;
  if (!model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return dataLoss("'", path, "' is not a valid ONNX model");
  ModelInfo info;
  const onnx::GraphProto &graph = model.graph();
  std::vector<std::string> initializers;
  for (const auto &init : graph.initializer())
    initializers.push_back(init.name());
  auto checkType = [&](const onnx::TypeProto &type) {
    if (!isTensorType(type))
      info.tensorsOnly = false;
    else if (type.tensor_type().elem_type() == onnx::TensorProto::STRING)
      info.usesStrings = true;
  };
  for (const auto &input : graph.input()) {
    if (std::find(initializers.begin(), initializers.end(), input.name()) !=
        initializers.end())
      continue;
    info.inputNames.push_back(input.name());
    checkType(input.type());
    const auto &tensor = input.type().tensor_type();
    bool isStatic = tensor.has_shape();
    for (const auto &dim : tensor.shape().dim())
      isStatic = isStatic && dim.has_dim_value();
    info.inputIsStatic.push_back(isStatic);
  }
  for (const auto &output : graph.output()) {
    info.outputNames.push_back(output.name());
    checkType(output.type());
  }
  for (const auto &node : graph.node()) {
    bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
    info.opTypes.push_back(
        defaultDomain ? node.op_type() : node.domain() + "." + node.op_type());
  }
  // The exercised op: the only one, or the one the case is named after
  // (node suite: "test_<op>_<variant>").
  if (info.opTypes.size() == 1) {
    info.primaryOpType = info.opTypes[0];
  } else {
    std::string caseName =
        lowerNoUnderscore(fs::path(c.dir).filename().string());
    size_t best = 0;
    for (const std::string &op : info.opTypes) {
      std::string key = "test" + lowerNoUnderscore(op);
      if (caseName.rfind(key, 0) == 0 && key.size() > best) {
        best = key.size();
        info.primaryOpType = op;
      }
    }
    if (info.primaryOpType.empty())
      info.primaryOpType = "(model)";
  }
  return info;
}

} // namespace nuri::conform
