//===- OnnxImporter.cpp - ONNX model -> nuri dialect ----------------------===//

#include "nuri/Import/OnnxImporter.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Import/Gradient.h"
#include "nuri/Import/OpsetUpgrade.h"
#include "nuri/Support/AttrNames.h"
#include "nuri/Support/OnnxInterop.h"
#include "nuri/Support/OnnxSchema.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <onnx/checker.h>
#include <onnx/defs/parser.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <map>
#include <set>

using namespace mlir;

namespace nuri {
namespace {

std::string joinNames(const std::vector<std::string> &names) {
  std::string s;
  for (const auto &n : names)
    s += (s.empty() ? "" : ", ") + ("'" + n + "'");
  return s.empty() ? "none" : s;
}

std::string dimsToString(const std::vector<int64_t> &dims) {
  std::string s;
  for (int64_t d : dims)
    s += (s.empty() ? "" : ",") + std::to_string(d);
  return s;
}

class Importer {
public:
  Importer(MLIRContext &context, const std::string &path,
           const ImportOptions &options)
      : context(context), builder(&context), path(path), options(options) {
    fileLoc = FileLineColLoc::get(&context, path, 0, 0);
  }

  OwningOpRef<ModuleOp> run(onnx::ModelProto &model);

private:
  LogicalResult prepareInputs(onnx::GraphProto &graph);
  LogicalResult inferTypes(onnx::ModelProto &model);
  LogicalResult importInitializers(const onnx::GraphProto &graph);
  LogicalResult importNode(const onnx::NodeProto &node, size_t index);
  LogicalResult importSubgraph(const onnx::GraphProto &graph, Region &region,
                               Location loc);
  LogicalResult importConstantNode(const onnx::NodeProto &node, Location loc);
  LogicalResult importGradientNode(const onnx::NodeProto &node, Location loc);
  Type resultType(const std::string &name, Location loc);
  Location nodeLoc(const onnx::NodeProto &node, size_t index) {
    std::string name = node.name().empty()
                           ? node.op_type() + "_" + std::to_string(index)
                           : node.name();
    return NameLoc::get(StringAttr::get(&context, name), fileLoc);
  }
  InFlightDiagnostic error() { return emitError(fileLoc); }
  LogicalResult inlineExternalData(onnx::ModelProto &model);

  MLIRContext &context;
  OpBuilder builder;
  std::string path;
  const ImportOptions &options;
  Location fileLoc = UnknownLoc::get(&context);
  std::string baseDir;
  // ONNX value name -> MLIR value, and -> inferred ONNX type; one scope per
  // (sub)graph being imported, innermost last (subgraphs see outer names).
  std::vector<llvm::StringMap<Value>> valueScopes{1};
  std::vector<llvm::StringMap<onnx::TypeProto>> typeScopes{1};
  Value lookupValue(const std::string &name) const {
    for (auto scope = valueScopes.rbegin(); scope != valueScopes.rend();
         ++scope)
      if (auto it = scope->find(name); it != scope->end())
        return it->second;
    return nullptr;
  }
  const onnx::TypeProto *lookupType(const std::string &name) const {
    for (auto scope = typeScopes.rbegin(); scope != typeScopes.rend(); ++scope)
      if (auto it = scope->find(name); it != scope->end())
        return &it->second;
    return nullptr;
  }
  void define(const std::string &name, Value v) {
    valueScopes.back()[name] = v;
  }
  void recordTypes(const onnx::GraphProto &graph);
};

// Before IR version 4 every initializer had to be a graph input too; old
// exporters relied on it loosely. List the missing ones so the checker and
// converter accept the model (the importer compiles such inputs as the
// constants they default to).
void declareInitializersAsInputs(onnx::ModelProto &model) {
  if (model.ir_version() >= 4)
    return;
  onnx::GraphProto &graph = *model.mutable_graph();
  std::set<std::string> inputs;
  for (const auto &input : graph.input())
    inputs.insert(input.name());
  for (const auto &init : graph.initializer()) {
    if (inputs.count(init.name()))
      continue;
    onnx::ValueInfoProto *input = graph.add_input();
    input->set_name(init.name());
    auto *tensor = input->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(init.data_type());
    for (int64_t d : init.dims())
      tensor->mutable_shape()->add_dim()->set_dim_value(d);
  }
}

// Reads initializers stored as external data into the model, so the ONNX
// checker and converter (which resolve paths against the working directory)
// see a self-contained model.
LogicalResult Importer::inlineExternalData(onnx::ModelProto &model) {
  for (auto &init : *model.mutable_graph()->mutable_initializer()) {
    if (init.data_location() != onnx::TensorProto::EXTERNAL)
      continue;
    std::vector<char> bytes;
    std::string why;
    if (failed(readExternalData(init, baseDir, bytes, why)))
      return error() << "initializer: " << why;
    init.set_raw_data(bytes.data(), bytes.size());
    init.clear_external_data();
    init.set_data_location(onnx::TensorProto::DEFAULT);
  }
  return success();
}

// Fixes input shapes (pins), turns constant-bound inputs into initializers,
// and rejects inputs whose shape is still not static.
LogicalResult Importer::prepareInputs(onnx::GraphProto &graph) {
  std::set<std::string> initializerNames;
  for (const auto &init : graph.initializer())
    initializerNames.insert(init.name());

  std::vector<std::string> inputNames;
  for (const auto &input : graph.input())
    if (!initializerNames.count(input.name()))
      inputNames.push_back(input.name());
  auto known = [&](const std::string &name) {
    return std::find(inputNames.begin(), inputNames.end(), name) !=
           inputNames.end();
  };
  for (const auto &[name, dims] : options.inputShapes)
    if (!known(name))
      return error() << "--input-shape names '" << name
                     << "', but the model's inputs are "
                     << joinNames(inputNames);
  for (const auto &[name, tensor] : options.constantInputs)
    if (!known(name))
      return error() << "--const-input names '" << name
                     << "', but the model's inputs are "
                     << joinNames(inputNames);

  google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> kept;
  for (auto &input : *graph.mutable_input()) {
    const std::string &name = input.name();
    // An input that is also an initializer is a constant with a default;
    // Nuri compiles it as the constant.
    if (initializerNames.count(name))
      continue;
    if (auto it = options.constantInputs.find(name);
        it != options.constantInputs.end()) {
      onnx::TensorProto *init = graph.add_initializer();
      *init = it->second;
      init->set_name(name);
      continue;
    }
    if (!input.type().has_tensor_type())
      return error() << "input '" << name
                     << "' is not a tensor (sequence, map and optional "
                        "inputs are not supported)";
    auto *tensorType = input.mutable_type()->mutable_tensor_type();
    if (!elementTypeFromOnnx(&context, tensorType->elem_type()))
      return error() << "input '" << name << "' has unsupported element type "
                     << tensorType->elem_type();
    if (auto pin = options.inputShapes.find(name);
        pin != options.inputShapes.end()) {
      const std::vector<int64_t> &dims = pin->second;
      if (tensorType->has_shape() &&
          tensorType->shape().dim_size() != static_cast<int>(dims.size()))
        return error() << "--input-shape " << name << "=" << dimsToString(dims)
                       << " has rank " << dims.size() << ", but input '" << name
                       << "' has rank " << tensorType->shape().dim_size();
      for (size_t i = 0; i < dims.size(); ++i) {
        const auto &declared = tensorType->has_shape()
                                   ? tensorType->shape().dim(i)
                                   : onnx::TensorShapeProto::Dimension();
        if (declared.has_dim_value() && declared.dim_value() != dims[i])
          return error() << "--input-shape " << name << "="
                         << dimsToString(dims) << " sets dim " << i << " to "
                         << dims[i] << ", but the model fixes it to "
                         << declared.dim_value();
      }
      auto *shape = tensorType->mutable_shape();
      shape->clear_dim();
      for (int64_t d : dims)
        shape->add_dim()->set_dim_value(d);
    }
    if (!tensorType->has_shape())
      return error() << "input '" << name
                     << "' has no shape; pin it with --input-shape " << name
                     << "=D0,D1,...";
    for (int i = 0; i < tensorType->shape().dim_size(); ++i) {
      const auto &dim = tensorType->shape().dim(i);
      if (dim.has_dim_value() && dim.dim_value() >= 0)
        continue;
      std::string symbol =
          dim.has_dim_param() ? " ('" + dim.dim_param() + "')" : "";
      return error() << "input '" << name << "' dim " << i << symbol
                     << " is not fixed; pin it with --input-shape " << name
                     << "=D0,D1,...";
    }
    kept.Add()->CopyFrom(input);
  }
  graph.mutable_input()->Swap(&kept);
  return success();
}

// Runs ONNX's own shape inference (with data propagation) and records every
// value's type. Node-level failures are not fatal here: the nuri
// shape-inference pass reports what stays unknown, with the node's name.
LogicalResult Importer::inferTypes(onnx::ModelProto &model) {
  try {
    onnx::ShapeInferenceOptions inferOptions(/*check_type=*/false,
                                             /*strict_mode=*/0,
                                             /*data_prop=*/true);
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), inferOptions);
  } catch (const std::exception &e) {
    return error() << "ONNX shape inference failed: " << e.what();
  }
  recordTypes(model.graph());
  return success();
}

// Records the inferred types of a graph's values in the innermost scope;
// declared output types fill in what inference left without a shape.
void Importer::recordTypes(const onnx::GraphProto &graph) {
  auto &types = typeScopes.back();
  for (const auto &vi : graph.value_info())
    types[vi.name()] = vi.type();
  for (const auto &vi : graph.output())
    if (!types.count(vi.name()) || !types[vi.name()].tensor_type().has_shape())
      types[vi.name()] = vi.type();
}

LogicalResult Importer::importInitializers(const onnx::GraphProto &graph) {
  for (const auto &init : graph.initializer()) {
    std::string why;
    auto value = tensorFromOnnx(&context, init, baseDir, why);
    if (failed(value))
      return error() << "initializer: " << why;
    Location loc = NameLoc::get(builder.getStringAttr(init.name()), fileLoc);
    define(init.name(), ConstantOp::create(builder, loc, *value).getResult());
  }
  return success();
}

Type Importer::resultType(const std::string &name, Location loc) {
  if (const onnx::TypeProto *type = lookupType(name))
    if (Type t = typeFromOnnx(&context, *type))
      return t;
  return nullptr;
}

LogicalResult Importer::importConstantNode(const onnx::NodeProto &node,
                                           Location loc) {
  if (node.attribute_size() != 1 || node.output_size() != 1)
    return emitError(loc) << "Constant node needs exactly one value "
                             "attribute and one output";
  const onnx::AttributeProto &attr = node.attribute(0);
  const std::string &kind = attr.name();
  DenseElementsAttr value;
  std::string why;
  if (kind == "value") {
    auto t = tensorFromOnnx(&context, attr.t(), baseDir, why);
    if (failed(t))
      return emitError(loc) << why;
    value = *t;
  } else if (kind == "value_float") {
    value = DenseElementsAttr::get(
        RankedTensorType::get({}, builder.getF32Type()), attr.f());
  } else if (kind == "value_floats") {
    SmallVector<float> v(attr.floats().begin(), attr.floats().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(v.size())},
                              builder.getF32Type()),
        ArrayRef<float>(v));
  } else if (kind == "value_int") {
    value = DenseElementsAttr::get(
        RankedTensorType::get({}, builder.getI64Type()), attr.i());
  } else if (kind == "value_ints") {
    SmallVector<int64_t> v(attr.ints().begin(), attr.ints().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(v.size())},
                              builder.getI64Type()),
        ArrayRef<int64_t>(v));
  } else {
    return emitError(loc) << "Constant with attribute '" << kind
                          << "' is not supported (string and sparse "
                             "constants have no Nuri representation)";
  }
  define(node.output(0), ConstantOp::create(builder, loc, value).getResult());
  return success();
}

// ONNX's training Gradient(xs, y) becomes the ops computing dy/dx.
LogicalResult Importer::importGradientNode(const onnx::NodeProto &node,
                                           Location loc) {
  std::vector<std::string> xs;
  std::string y;
  for (const auto &attr : node.attribute()) {
    if (attr.name() == "xs")
      xs.assign(attr.strings().begin(), attr.strings().end());
    else if (attr.name() == "y")
      y = attr.s();
    else if (attr.name() == "zs")
      continue; // constants of the differentiation: nothing to do
  }
  Value yValue = lookupValue(y);
  if (!yValue)
    return emitError(loc) << "Gradient: y '" << y << "' is not defined";
  SmallVector<Value> xValues;
  for (const std::string &x : xs) {
    Value v = lookupValue(x);
    if (!v)
      return emitError(loc) << "Gradient: x '" << x << "' is not defined";
    xValues.push_back(v);
  }
  FailureOr<SmallVector<Value>> grads =
      buildGradients(builder, loc, yValue, xValues);
  if (failed(grads))
    return failure();
  for (int i = 0; i < node.output_size() && i < static_cast<int>(xs.size());
       ++i)
    if (!node.output(i).empty())
      define(node.output(i), (*grads)[i]);
  return success();
}

LogicalResult Importer::importNode(const onnx::NodeProto &node, size_t index) {
  Location loc = nodeLoc(node, index);
  const std::string &type = node.op_type();
  if (node.domain() == "ai.onnx.preview.training" && type == "Gradient")
    return importGradientNode(node, loc);
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return emitError(loc) << "op '" << type << "' of domain '" << node.domain()
                          << "' is not supported (only the default ONNX "
                             "domain is)";
  if (type == "Constant")
    return importConstantNode(node, loc);

  const onnx::OpSchema *schema =
      onnx::OpSchemaRegistry::Schema(type, kDialectOpset, "");
  auto opName = RegisteredOperationName::lookup("nuri." + type, &context);
  // onnx::checker::check_model in run() already verified the node against
  // this schema (subgraph nodes included).
  if (!schema || !opName)
    return emitError(loc) << "unsupported ONNX op type '" << type << "'";

  OperationState state(loc, *opName);
  // Operands, grouped by formal parameter (absent optionals: empty groups).
  const auto &formals = schema->inputs();
  SmallVector<int32_t> operandSegments;
  int next = 0;
  for (size_t f = 0; f < formals.size(); ++f) {
    int count = 0;
    bool variadic = formals[f].GetOption() == onnx::OpSchema::Variadic;
    int take = variadic ? node.input_size() - next : 1;
    for (int k = 0; k < take && next < node.input_size(); ++k, ++next) {
      const std::string &name = node.input(next);
      if (name.empty()) {
        if (formals[f].GetOption() == onnx::OpSchema::Single)
          return emitError(loc)
                 << "required input '" << formals[f].GetName() << "' is empty";
        continue;
      }
      Value operand = lookupValue(name);
      if (!operand)
        return emitError(loc) << "input '" << name
                              << "' is not produced by any earlier node, "
                                 "initializer or graph input";
      state.addOperands(operand);
      ++count;
    }
    operandSegments.push_back(count);
  }
  if (opName->hasTrait<OpTrait::AttrSizedOperandSegments>())
    state.addAttribute("operandSegmentSizes",
                       builder.getDenseI32ArrayAttr(operandSegments));

  // Results: one per non-empty output name.
  const auto &outputFormals = schema->outputs();
  SmallVector<int32_t> resultSegments;
  SmallVector<std::string> resultNames;
  next = 0;
  for (size_t f = 0; f < outputFormals.size(); ++f) {
    int count = 0;
    bool variadic = outputFormals[f].GetOption() == onnx::OpSchema::Variadic;
    int take = variadic ? node.output_size() - next : 1;
    for (int k = 0; k < take && next < node.output_size(); ++k, ++next) {
      const std::string &name = node.output(next);
      if (name.empty())
        continue;
      Type t = resultType(name, loc);
      if (!t) {
        const onnx::TypeProto *type = lookupType(name);
        if (type && !type->has_tensor_type())
          return emitError(loc)
                 << "output '" << name
                 << "' is not a tensor (sequence, map and optional values "
                    "are not supported)";
        return emitError(loc)
               << "cannot infer the type of output '" << name << "'";
      }
      state.addTypes(t);
      resultNames.push_back(name);
      ++count;
    }
    resultSegments.push_back(count);
  }
  if (opName->hasTrait<OpTrait::AttrSizedResultSegments>())
    state.addAttribute("resultSegmentSizes",
                       builder.getDenseI32ArrayAttr(resultSegments));

  // Graph attributes (If/Loop/Scan bodies) become regions, in the order of
  // their names except then_branch first (as gen_onnx_ops.py lists them).
  std::map<std::pair<bool, std::string>, const onnx::GraphProto *> subgraphs;
  for (const auto &attr : node.attribute()) {
    if (attr.type() == onnx::AttributeProto::GRAPH) {
      subgraphs[{attr.name() != "then_branch", attr.name()}] = &attr.g();
      continue;
    }
    if (attr.type() == onnx::AttributeProto::GRAPHS)
      return emitError(loc) << "attribute '" << attr.name()
                            << "': lists of subgraphs are not supported";
    std::string why;
    auto value = attributeFromOnnx(builder, attr, why);
    if (failed(value))
      return emitError(loc) << why;
    state.addAttribute(odsName(attr.name()), *value);
  }
  for (size_t i = 0; i < subgraphs.size(); ++i)
    state.addRegion();

  Operation *op = builder.create(state);
  for (auto [name, result] : llvm::zip(resultNames, op->getResults()))
    define(name, result);
  unsigned region = 0;
  for (const auto &[key, graph] : subgraphs)
    if (failed(importSubgraph(*graph, op->getRegion(region++), loc)))
      return failure();
  return success();
}

// Imports an ONNX subgraph into `region`: its inputs become block
// arguments, its outputs a nuri.Yield. Names of enclosing graphs stay
// visible (ONNX subgraphs capture outer values by name).
LogicalResult Importer::importSubgraph(const onnx::GraphProto &graph,
                                       Region &region, Location loc) {
  valueScopes.emplace_back();
  typeScopes.emplace_back();
  recordTypes(graph);
  Block *block = new Block();
  region.push_back(block);
  for (const auto &input : graph.input()) {
    Type type = typeFromOnnx(&context, input.type());
    if (!type)
      return emitError(loc) << "subgraph input '" << input.name()
                            << "' is not a tensor (sequence, map and "
                               "optional values are not supported)";
    define(input.name(), block->addArgument(type, loc));
  }
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(block);
  if (failed(importInitializers(graph)))
    return failure();
  for (auto [i, node] : llvm::enumerate(graph.node()))
    if (failed(importNode(node, i)))
      return failure();
  SmallVector<Value> results;
  for (const auto &output : graph.output()) {
    Value v = lookupValue(output.name());
    if (!v)
      return emitError(loc) << "subgraph output '" << output.name()
                            << "' is not produced by any node";
    results.push_back(v);
  }
  YieldOp::create(builder, loc, results);
  valueScopes.pop_back();
  typeScopes.pop_back();
  return success();
}

OwningOpRef<ModuleOp> Importer::run(onnx::ModelProto &model) {
  baseDir = llvm::sys::path::parent_path(path).str();
  if (!model.has_graph())
    return (error() << "not an ONNX model: it has no graph", nullptr);
  declareInitializersAsInputs(model);
  if (failed(inlineExternalData(model)) ||
      failed(upgradeToOpset(model, kDialectOpset, fileLoc)))
    return nullptr;
  try {
    onnx::checker::check_model(model);
  } catch (const std::exception &e) {
    return (error() << "invalid ONNX model: " << e.what(), nullptr);
  }
  onnx::GraphProto &graph = *model.mutable_graph();
  if (failed(prepareInputs(graph)) || failed(inferTypes(model)))
    return nullptr;

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  if (!graph.name().empty())
    module->setSymName(graph.name());
  builder.setInsertionPointToEnd(module->getBody());

  SmallVector<Type> argTypes;
  for (const auto &input : graph.input())
    argTypes.push_back(typeFromOnnx(&context, input.type()));
  auto func = func::FuncOp::create(builder, fileLoc, "main",
                                   builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  for (auto [i, input] : llvm::enumerate(graph.input())) {
    func.setArgAttr(i, kNameAttr, builder.getStringAttr(input.name()));
    define(input.name(), body->getArgument(i));
  }

  builder.setInsertionPointToEnd(body);
  if (failed(importInitializers(graph)))
    return nullptr;
  for (auto [i, node] : llvm::enumerate(graph.node()))
    if (failed(importNode(node, i)))
      return nullptr;

  SmallVector<Value> results;
  for (const auto &output : graph.output()) {
    Value v = lookupValue(output.name());
    if (!v)
      return (error() << "graph output '" << output.name()
                      << "' is not produced by any node",
              nullptr);
    results.push_back(v);
  }
  func::ReturnOp::create(builder, fileLoc, results);
  func.setType(
      builder.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, output] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, kNameAttr, builder.getStringAttr(output.name()));

  if (failed(verify(*module)))
    return nullptr;
  return module;
}

} // namespace

OwningOpRef<ModuleOp> importOnnxModel(MLIRContext &context,
                                      onnx::ModelProto model,
                                      const std::string &path,
                                      const ImportOptions &options) {
  context.loadDialect<NuriDialect, func::FuncDialect>();
  Importer importer(context, path, options);
  return importer.run(model);
}

OwningOpRef<ModuleOp> importOnnxFile(MLIRContext &context,
                                     const std::string &path,
                                     const ImportOptions &options) {
  Location loc = FileLineColLoc::get(&context, path, 0, 0);
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(loc) << "cannot read '" << path
                   << "': " << buffer.getError().message();
    return nullptr;
  }
  onnx::ModelProto model;
  const auto &data = (*buffer)->getBuffer();
  // ONNX's textual syntax (onnx.printer / onnx.parser), handy for tests.
  if (llvm::StringRef(path).ends_with(".onnxtxt")) {
    std::string text = data.str();
    onnx::Common::Status status = onnx::OnnxParser::Parse(model, text.c_str());
    if (!status.IsOK()) {
      emitError(loc) << "'" << path << "' is not a valid ONNX text model: "
                     << status.ErrorMessage();
      return nullptr;
    }
    return importOnnxModel(context, std::move(model), path, options);
  }
  if (data.size() > static_cast<size_t>(INT32_MAX) ||
      !model.ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    emitError(loc) << "'" << path
                   << "' is not a valid ONNX model (protobuf parse failed; "
                      "truncated or not an .onnx file?)";
    return nullptr;
  }
  return importOnnxModel(context, std::move(model), path, options);
}

} // namespace nuri
