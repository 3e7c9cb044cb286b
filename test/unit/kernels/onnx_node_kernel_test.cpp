// Runs ONNX's single-node backend test cases (model.onnx + test_data_set_0)
// through the cpu-ref kernels and compares with the expected outputs.
//
//   nuri_onnx_node_kernel_test --data DIR --cases FILE
//       Runs the cases listed in FILE (one name per line, # comments) and
//       exits non-zero if any of them does not pass. This is the ctest mode.
//   nuri_onnx_node_kernel_test --data DIR --all [--passing]
//       Runs every case whose op has a kernel and prints PASS/FAIL/SKIP with
//       the reason and a per-op summary; with --passing, prints only the
//       names that pass (to regenerate the expected list).
//   nuri_onnx_node_kernel_test --data DIR NAME...
//       Runs the named cases and prints each result.
//
// Floats compare with rtol 1e-3 / atol 1e-5 (NaN equals NaN, infinities
// exactly); integers and bool compare exactly.
#include "cpu_ref/kernels/element_types.h"
#include "cpu_ref/kernels/kernel.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace nuri;
using namespace nuri::cpu_ref;

namespace {

// Ops whose node form changed (e.g. an attribute became an input) at the
// opset given here. Cases whose model opset is older use the old form,
// which the compiler upgrades before kernels see it, so they are skipped.
const std::map<std::string, int64_t> kFirstCurrentOpset = {
    {"AveragePool", 7}, {"BatchNormalization", 9},
    {"Cast", 6},        {"Clip", 11},
    {"Concat", 4},      {"Dropout", 12},
    {"Gemm", 7},        {"Hardmax", 13},
    {"LogSoftmax", 13}, {"MaxPool", 8},
    {"Mod", 10},        {"Pad", 11},
    {"ReduceSum", 13},  {"Reshape", 5},
    {"Slice", 10},      {"Softmax", 13},
    {"Split", 13},      {"Squeeze", 13},
    {"TopK", 10},       {"Unsqueeze", 13},
};

enum class Outcome { kPass, kFail, kSkip };

struct CaseResult {
  Outcome outcome = Outcome::kPass;
  std::string opType;
  std::string reason;
};

template <typename Proto> bool parseFile(const fs::path &path, Proto &proto) {
  std::ifstream in(path, std::ios::binary);
  return in && proto.ParseFromIstream(&in);
}

// TensorProto -> Tensor: raw_data, or the typed field ONNX uses for the
// dtype (int32_data also carries 8/16-bit ints, bool and 16-bit floats as
// bit patterns; uint64_data carries uint32 and uint64).
Result<Tensor> toTensor(const onnx::TensorProto &p) {
  if (p.data_location() == onnx::TensorProto::EXTERNAL)
    return unimplemented("external tensor data");
  const auto raw = static_cast<uint32_t>(p.data_type());
  const auto dtype = static_cast<DType>(raw);
  if (!isKnownDType(raw) || dtypeSize(dtype) == 0 ||
      dtype == DType::kComplex64 || dtype == DType::kComplex128)
    return unimplemented("tensor data type ", raw);
  Shape shape(p.dims().begin(), p.dims().end());
  NURI_ASSIGN_OR_RETURN(Tensor t, Tensor::allocate(dtype, shape));
  const auto n = static_cast<size_t>(t.numElements());
  const size_t elem = dtypeSize(dtype);
  auto *bytes = static_cast<unsigned char *>(t.data());
  if (p.has_raw_data()) {
    if (p.raw_data().size() != t.byteSize())
      return dataLoss("raw_data has ", p.raw_data().size(), " bytes, expected ",
                      t.byteSize());
    std::memcpy(t.data(), p.raw_data().data(), t.byteSize());
    return t;
  }
  // Copies each value of a repeated field: whole (same size) or its low
  // bytes (the element's bit pattern; little-endian host).
  auto copyField = [&](const auto &field) -> Status {
    if (static_cast<size_t>(field.size()) != n)
      return dataLoss("typed data has ", field.size(), " values, expected ", n);
    for (size_t i = 0; i < n; ++i) {
      auto v = field.Get(static_cast<int>(i));
      if (sizeof(v) == elem) {
        std::memcpy(bytes + i * elem, &v, elem);
      } else {
        auto u = static_cast<uint64_t>(v);
        std::memcpy(bytes + i * elem, &u, elem);
      }
    }
    return okStatus();
  };
  switch (dtype) {
  case DType::kFloat32:
    NURI_RETURN_IF_ERROR(copyField(p.float_data()));
    break;
  case DType::kFloat64:
    NURI_RETURN_IF_ERROR(copyField(p.double_data()));
    break;
  case DType::kInt64:
    NURI_RETURN_IF_ERROR(copyField(p.int64_data()));
    break;
  case DType::kUInt32:
  case DType::kUInt64:
    NURI_RETURN_IF_ERROR(copyField(p.uint64_data()));
    break;
  default:
    NURI_RETURN_IF_ERROR(copyField(p.int32_data()));
    break;
  }
  return t;
}

// A test data tensor read as the dtype the graph declares for it. ONNX
// 1.12 stored bfloat16 test data as uint16 (numpy has no bfloat16), so a
// same-size declared type reinterprets the bits.
Result<Tensor> toTensor(const onnx::TensorProto &p,
                        const onnx::TypeProto &declared) {
  NURI_ASSIGN_OR_RETURN(Tensor t, toTensor(p));
  const auto raw = static_cast<uint32_t>(declared.tensor_type().elem_type());
  const auto dtype = static_cast<DType>(raw);
  if (raw == 0 || dtype == t.dtype() || !isKnownDType(raw) ||
      dtypeSize(dtype) != dtypeSize(t.dtype()))
    return t;
  NURI_ASSIGN_OR_RETURN(Tensor typed, Tensor::allocate(dtype, t.shape()));
  std::memcpy(typed.data(), t.data(), t.byteSize());
  return typed;
}

Result<Attribute> toAttribute(const onnx::AttributeProto &a) {
  using A = onnx::AttributeProto;
  switch (a.type()) {
  case A::FLOAT:
    return Attribute::ofFloat(a.f());
  case A::INT:
    return Attribute::ofInt(a.i());
  case A::STRING:
    return Attribute::ofString(a.s());
  case A::TENSOR: {
    NURI_ASSIGN_OR_RETURN(Tensor t, toTensor(a.t()));
    return Attribute::ofTensor(t);
  }
  case A::FLOATS:
    return Attribute::ofFloats({a.floats().begin(), a.floats().end()});
  case A::INTS:
    return Attribute::ofInts({a.ints().begin(), a.ints().end()});
  case A::STRINGS:
    return Attribute::ofStrings({a.strings().begin(), a.strings().end()});
  default:
    return unimplemented("attribute '", a.name(), "' of type ",
                         A::AttributeType_Name(a.type()));
  }
}

double elementAsDouble(const Tensor &t, size_t i) {
  switch (t.dtype()) {
  case DType::kFloat32:
    return t.as<float>()[i];
  case DType::kFloat64:
    return t.as<double>()[i];
  case DType::kFloat16:
    return load(t.as<Float16>()[i]);
  case DType::kBFloat16:
    return load(t.as<BFloat16>()[i]);
  default:
    return 0;
  }
}

// Empty when `actual` matches `expected`, else what differs.
std::string compare(const Tensor &actual, const Tensor &expected) {
  if (actual.dtype() != expected.dtype())
    return strCat("dtype ", dtypeName(actual.dtype()), " vs expected ",
                  dtypeName(expected.dtype()));
  if (actual.shape() != expected.shape())
    return strCat("shape ", shapeToString(actual.shape()), " vs expected ",
                  shapeToString(expected.shape()));
  const auto n = static_cast<size_t>(expected.numElements());
  if (!isFloatingPoint(expected.dtype())) {
    const size_t elem = dtypeSize(expected.dtype());
    for (size_t i = 0; i < n; ++i)
      if (std::memcmp(static_cast<const char *>(actual.data()) + i * elem,
                      static_cast<const char *>(expected.data()) + i * elem,
                      elem) != 0)
        return strCat("element ", i, " differs (exact compare)");
    return "";
  }
  int bad = 0;
  std::string first;
  for (size_t i = 0; i < n; ++i) {
    double a = elementAsDouble(actual, i), e = elementAsDouble(expected, i);
    bool ok = std::isnan(e)   ? std::isnan(a)
              : std::isinf(e) ? a == e
                              : std::fabs(a - e) <= 1e-5 + 1e-3 * std::fabs(e);
    if (!ok && bad++ == 0)
      first = strCat("element ", i, ": got ", a, ", expected ", e);
  }
  return bad ? strCat(bad, " of ", n, " elements differ; ", first) : "";
}

CaseResult runCase(const fs::path &dir) {
  CaseResult r;
  onnx::ModelProto model;
  if (!parseFile(dir / "model.onnx", model))
    return {Outcome::kFail, "?", "cannot read model.onnx"};
  const onnx::GraphProto &graph = model.graph();
  if (graph.node_size() != 1)
    return {Outcome::kSkip, "?", "not a single-node model"};
  const onnx::NodeProto &node = graph.node(0);
  r.opType = node.op_type();
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return {Outcome::kSkip, r.opType, "domain " + node.domain()};
  if (!findKernel(node.op_type()))
    return {Outcome::kSkip, r.opType, "no kernel"};
  int64_t opset = 0;
  for (const auto &o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx")
      opset = o.version();
  auto first = kFirstCurrentOpset.find(r.opType);
  if (first != kFirstCurrentOpset.end() && opset < first->second)
    return {Outcome::kSkip, r.opType,
            strCat("opset ", opset, " < ", first->second,
                   " (old form, upgraded by the compiler)")};

  // Values by name: initializers, then the inputs of test_data_set_0.
  std::map<std::string, Tensor> values;
  for (const auto &init : graph.initializer()) {
    Result<Tensor> t = toTensor(init);
    if (!t.ok())
      return {Outcome::kSkip, r.opType, t.status().message()};
    values[init.name()] = *t;
  }
  const fs::path data = dir / "test_data_set_0";
  int inputIndex = 0;
  for (const auto &in : graph.input()) {
    if (values.count(in.name()))
      continue;
    if (!in.type().has_tensor_type())
      return {Outcome::kSkip, r.opType, "non-tensor input " + in.name()};
    onnx::TensorProto p;
    if (!parseFile(data / strCat("input_", inputIndex++, ".pb"), p))
      return {Outcome::kFail, r.opType, "cannot read input " + in.name()};
    Result<Tensor> t = toTensor(p, in.type());
    if (!t.ok())
      return {Outcome::kSkip, r.opType, t.status().message()};
    values[in.name()] = *t;
  }
  std::map<std::string, Tensor> expected;
  for (int i = 0; i < graph.output_size(); ++i) {
    if (!graph.output(i).type().has_tensor_type())
      return {Outcome::kSkip, r.opType, "non-tensor output"};
    onnx::TensorProto p;
    if (!parseFile(data / strCat("output_", i, ".pb"), p))
      return {Outcome::kFail, r.opType, strCat("cannot read output_", i)};
    Result<Tensor> t = toTensor(p, graph.output(i).type());
    if (!t.ok())
      return {Outcome::kSkip, r.opType, t.status().message()};
    expected[graph.output(i).name()] = *t;
  }

  AttributeMap attrs;
  for (const auto &a : node.attribute()) {
    Result<Attribute> attr = toAttribute(a);
    if (!attr.ok())
      return {Outcome::kSkip, r.opType, attr.status().message()};
    attrs.set(a.name(), *attr);
  }

  std::vector<TensorView> inViews, outViews;
  inViews.reserve(node.input_size());
  outViews.reserve(node.output_size());
  std::vector<Tensor> actual;
  KernelContext ctx;
  const std::string nodeName =
      node.name().empty() ? dir.filename().string() : node.name();
  ctx.opType = node.op_type();
  ctx.nodeName = nodeName;
  ctx.attrs = &attrs;
  for (const std::string &name : node.input()) {
    if (name.empty()) {
      ctx.inputs.push_back(nullptr);
      continue;
    }
    auto it = values.find(name);
    if (it == values.end())
      return {Outcome::kFail, r.opType, "unknown input " + name};
    inViews.push_back(it->second.view());
    ctx.inputs.push_back(&inViews.back());
  }
  // Outputs shaped like the expected ones; outputs the graph does not
  // expose are left unrequested.
  std::vector<std::string> checked;
  for (const std::string &name : node.output()) {
    auto it = expected.find(name);
    if (name.empty() || it == expected.end()) {
      ctx.outputs.push_back(nullptr);
      continue;
    }
    Result<Tensor> t = Tensor::allocate(it->second.dtype(), it->second.shape());
    if (!t.ok())
      return {Outcome::kFail, r.opType, t.status().toString()};
    actual.push_back(*t);
    outViews.push_back(actual.back().view());
    ctx.outputs.push_back(&outViews.back());
    checked.push_back(name);
  }
  Status status = runKernel(ctx);
  if (!status.ok())
    return {Outcome::kFail, r.opType, status.toString()};
  for (size_t i = 0; i < checked.size(); ++i) {
    std::string diff = compare(actual[i], expected[checked[i]]);
    if (!diff.empty())
      return {Outcome::kFail, r.opType, "output " + checked[i] + ": " + diff};
  }
  return r;
}

std::vector<std::string> readCaseList(const fs::path &file) {
  std::vector<std::string> names;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string name;
    if (words >> name)
      names.push_back(name);
  }
  return names;
}

int usage() {
  std::cerr << "usage: nuri_onnx_node_kernel_test --data DIR "
               "(--cases FILE | --all [--passing] | NAME...)\n";
  return 2;
}

const char *outcomeName(Outcome o) {
  return o == Outcome::kPass ? "PASS" : o == Outcome::kFail ? "FAIL" : "SKIP";
}

} // namespace

int main(int argc, char **argv) {
  fs::path dataDir, casesFile;
  bool all = false, passingOnly = false;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--data" && i + 1 < argc)
      dataDir = argv[++i];
    else if (arg == "--cases" && i + 1 < argc)
      casesFile = argv[++i];
    else if (arg == "--all")
      all = true;
    else if (arg == "--passing")
      passingOnly = true;
    else if (!arg.empty() && arg[0] != '-')
      names.push_back(arg);
    else
      return usage();
  }
  if (dataDir.empty() || !fs::is_directory(dataDir)) {
    std::cerr << "no ONNX node test data directory '" << dataDir.string()
              << "'\n";
    return usage();
  }
  const bool listed = !casesFile.empty();
  if (listed) {
    names = readCaseList(casesFile);
    if (names.empty()) {
      std::cerr << "no cases in " << casesFile.string() << "\n";
      return 1;
    }
  } else if (all) {
    for (const auto &entry : fs::directory_iterator(dataDir))
      if (entry.is_directory())
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
  } else if (names.empty()) {
    return usage();
  }

  std::map<std::string, std::array<int, 3>> perOp; // pass, fail, skip
  int failed = 0;
  for (const std::string &name : names) {
    const fs::path dir = dataDir / name;
    CaseResult r = fs::is_directory(dir)
                       ? runCase(dir)
                       : CaseResult{Outcome::kFail, "?", "no such case"};
    // --all only reports ops that have a kernel.
    if (all && r.outcome == Outcome::kSkip &&
        (r.reason == "no kernel" || r.opType == "?"))
      continue;
    perOp[r.opType][static_cast<int>(r.outcome)]++;
    // A listed case must pass; a skip there means the list is stale.
    if (r.outcome == Outcome::kFail || (listed && r.outcome != Outcome::kPass))
      ++failed;
    if (passingOnly) {
      if (r.outcome == Outcome::kPass)
        std::cout << name << "\n";
      continue;
    }
    if (listed && r.outcome == Outcome::kPass)
      continue; // keep the ctest log to the failures
    std::cout << outcomeName(r.outcome) << " " << name << " (" << r.opType
              << ")" << (r.reason.empty() ? "" : ": " + r.reason) << "\n";
  }
  if (passingOnly)
    return 0;
  int pass = 0, fail = 0, skipped = 0;
  std::cout << "\nper op (pass/fail/skip):\n";
  for (const auto &[op, counts] : perOp) {
    std::cout << "  " << op << ": " << counts[0] << "/" << counts[1] << "/"
              << counts[2] << "\n";
    pass += counts[0];
    fail += counts[1];
    skipped += counts[2];
  }
  std::cout << "total: " << pass << " passed, " << fail << " failed, "
            << skipped << " skipped\n";
  if (listed)
    return failed ? 1 : 0;
  return all ? 0 : (failed ? 1 : 0);
}
