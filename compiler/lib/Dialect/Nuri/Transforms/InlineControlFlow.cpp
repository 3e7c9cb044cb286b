//===- InlineControlFlow.cpp - If/Loop/Scan into straight-line ops --------===//
//
// Nuri's targets run static dataflow graphs. ONNX control flow whose
// decisions are compile-time constants is turned into such a graph: If takes
// the branch its constant condition selects, Loop and Scan are unrolled.
// Each cloned iteration is shape-inferred and constant-folded right away,
// so a Loop's next condition is known when it only depends on constants.
//
//===----------------------------------------------------------------------===//

#include "PassDetail.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Support/ConstantFold.h"
#include "nuri/Support/InputHints.h"
#include "nuri/Support/TypeInference.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace nuri {
#define GEN_PASS_DEF_INLINECONTROLFLOW
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {

// The value of a constant scalar (or one-element) tensor, if `v` is one.
std::optional<int64_t> constantInt(Value v) {
  auto constant = v ? v.getDefiningOp<ConstantOp>() : ConstantOp();
  if (!constant || constant.getValue().getNumElements() != 1)
    return std::nullopt;
  auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
  if (!dense)
    return std::nullopt;
  Type element = dense.getElementType();
  if (element.isInteger(1))
    return *dense.getValues<bool>().begin() ? 1 : 0;
  if (auto integer = dyn_cast<IntegerType>(element))
    return integer.isUnsigned()
               ? static_cast<int64_t>(*dense.getValues<uint64_t>().begin())
               : *dense.getValues<int64_t>().begin();
  return std::nullopt;
}

class Unroller {
public:
  Unroller(func::FuncOp func, int64_t maxIterations, int64_t maxResultBytes)
      : func(func), builder(func.getContext()), maxIterations(maxIterations),
        maxResultBytes(maxResultBytes) {}

  LogicalResult run(Operation *op) {
    builder.setInsertionPoint(op);
    if (auto ifOp = dyn_cast<IfOp>(op))
      return inlineIf(ifOp);
    if (auto loop = dyn_cast<LoopOp>(op))
      return unrollLoop(loop);
    return unrollScan(cast<ScanOp>(op));
  }

private:
  LogicalResult inlineIf(IfOp op);
  LogicalResult unrollLoop(LoopOp op);
  LogicalResult unrollScan(ScanOp op);

  // Clones `block` before the insertion point with its arguments bound to
  // `args`, refines and folds the clones, and returns what it yields.
  FailureOr<SmallVector<Value>> cloneBody(Block &block, ValueRange args);
  // A new nuri op with results typed by ONNX's inference.
  FailureOr<Value> create(StringRef name, ValueRange operands,
                          ArrayRef<NamedAttribute> attrs, Location loc);
  Value constant(Location loc, Type element, int64_t value);
  // Stacks `values` along a new `axis` (Unsqueeze each, then Concat).
  FailureOr<Value> stack(ArrayRef<Value> values, int64_t axis, Location loc);
  void replace(Operation *op, ArrayRef<Value> results) {
    for (auto [old, now] : llvm::zip(op->getResults(), results))
      old.replaceAllUsesWith(now);
    op->erase();
  }
  InFlightDiagnostic runtimeDecision(Operation *op, StringRef what,
                                     ValueRange values) {
    return op->emitError() << what
                           << " is known only at run time, and Nuri compiles "
                              "static graphs"
                           << bindInputsHint(func, values);
  }

  func::FuncOp func;
  OpBuilder builder;
  int64_t maxIterations;
  int64_t maxResultBytes;
};

FailureOr<SmallVector<Value>> Unroller::cloneBody(Block &block,
                                                  ValueRange args) {
  IRMapping mapping;
  for (auto [arg, value] : llvm::zip(block.getArguments(), args))
    mapping.map(arg, value);
  SmallVector<Operation *> clones;
  for (Operation &op : block)
    clones.push_back(builder.clone(op, mapping));
  // The cloned Yield holds the results while folding replaces their
  // producers; it is dropped afterwards.
  Operation *yield = clones.pop_back_val();
  for (Operation *clone : clones) {
    if (failed(refineResultTypes(clone)))
      return failure();
    if (failed(foldConstantOp(clone, maxResultBytes)))
      return failure();
  }
  SmallVector<Value> results(yield->getOperands());
  yield->erase();
  return results;
}

FailureOr<Value> Unroller::create(StringRef name, ValueRange operands,
                                  ArrayRef<NamedAttribute> attrs,
                                  Location loc) {
  OperationState state(loc, name);
  state.addOperands(operands);
  state.addAttributes(attrs);
  Type element = cast<ShapedType>(operands[0].getType()).getElementType();
  state.addTypes(UnrankedTensorType::get(element));
  Operation *op = builder.create(state);
  if (failed(refineResultTypes(op)))
    return failure();
  return op->getResult(0);
}

Value Unroller::constant(Location loc, Type element, int64_t value) {
  auto type = RankedTensorType::get({}, element);
  Attribute attr = element.isInteger(1)
                       ? DenseElementsAttr::get(type, value != 0)
                       : DenseElementsAttr::get(type, value);
  return ConstantOp::create(builder, loc, cast<ElementsAttr>(attr));
}

FailureOr<Value> Unroller::stack(ArrayRef<Value> values, int64_t axis,
                                 Location loc) {
  auto axes = ConstantOp::create(
      builder, loc,
      DenseElementsAttr::get(RankedTensorType::get({1}, builder.getI64Type()),
                             ArrayRef<int64_t>{axis}));
  SmallVector<Value> pieces;
  for (Value v : values) {
    FailureOr<Value> piece =
        create("nuri.Unsqueeze", {v, axes.getResult()}, {}, loc);
    if (failed(piece))
      return failure();
    pieces.push_back(*piece);
  }
  if (pieces.size() == 1)
    return pieces[0];
  return create("nuri.Concat", pieces,
                {builder.getNamedAttr("axis", builder.getI64IntegerAttr(axis))},
                loc);
}

LogicalResult Unroller::inlineIf(IfOp op) {
  std::optional<int64_t> cond = constantInt(op.getCond());
  if (!cond)
    return runtimeDecision(op, "the If's condition", op.getCond());
  Region &taken = *cond ? op.getThenBranch() : op.getElseBranch();
  FailureOr<SmallVector<Value>> results = cloneBody(taken.front(), {});
  if (failed(results))
    return failure();
  replace(op, *results);
  return success();
}

LogicalResult Unroller::unrollLoop(LoopOp op) {
  Location loc = op.getLoc();
  int64_t tripCount = INT64_MAX;
  if (Value m = op.getM()) {
    std::optional<int64_t> value = constantInt(m);
    if (!value)
      return runtimeDecision(op, "the Loop's trip count", m);
    tripCount = *value;
  }
  bool cond = true;
  if (Value c = op.getCond()) {
    std::optional<int64_t> value = constantInt(c);
    if (!value)
      return runtimeDecision(op, "the Loop's condition", c);
    cond = *value != 0;
  }
  Block &body = op.getBody().front();
  SmallVector<Value> carried(op.getVInitial());
  size_t numCarried = carried.size();
  size_t numScans = op.getNumResults() - numCarried;
  std::vector<SmallVector<Value>> scans(numScans);
  for (int64_t i = 0; i < tripCount && cond; ++i) {
    if (i >= maxIterations)
      return op.emitError() << "the Loop runs more than " << maxIterations
                            << " iterations (--nuri-inline-control-flow "
                               "max-iterations)";
    SmallVector<Value> args{constant(loc, builder.getI64Type(), i),
                            constant(loc, builder.getI1Type(), 1)};
    args.append(carried);
    FailureOr<SmallVector<Value>> yields = cloneBody(body, args);
    if (failed(yields))
      return failure();
    std::optional<int64_t> next = constantInt((*yields)[0]);
    if (!next)
      return runtimeDecision(op, "the Loop's condition after an iteration",
                             (*yields)[0]);
    cond = *next != 0;
    for (size_t j = 0; j < numCarried; ++j)
      carried[j] = (*yields)[1 + j];
    for (size_t k = 0; k < numScans; ++k)
      scans[k].push_back((*yields)[1 + numCarried + k]);
  }
  SmallVector<Value> results(carried);
  for (auto &values : scans) {
    if (values.empty())
      return op.emitError("a Loop with scan outputs that runs no iteration "
                          "is not supported");
    FailureOr<Value> stacked = stack(values, 0, loc);
    if (failed(stacked))
      return failure();
    results.push_back(*stacked);
  }
  replace(op, results);
  return success();
}

LogicalResult Unroller::unrollScan(ScanOp op) {
  Location loc = op.getLoc();
  int64_t numScanInputs = op.getNumScanInputs();
  ValueRange inputs = op.getInitialStateAndScanInputs();
  int64_t numStates = static_cast<int64_t>(inputs.size()) - numScanInputs;
  if (numStates < 0)
    return op.emitError("num_scan_inputs exceeds the number of inputs");
  auto intAt = [](std::optional<ArrayAttr> list, int64_t i) -> int64_t {
    if (!list || i >= static_cast<int64_t>(list->size()))
      return 0;
    return cast<IntegerAttr>((*list)[i]).getInt();
  };
  // The sequence length: the scan inputs' (static) extent along their axis.
  int64_t length = -1;
  SmallVector<int64_t> inputAxes;
  for (int64_t j = 0; j < numScanInputs; ++j) {
    auto type = dyn_cast<RankedTensorType>(inputs[numStates + j].getType());
    if (!type || !type.hasStaticShape())
      return op.emitError("Scan input ")
             << j
             << " has no static shape, so the sequence length is "
                "unknown";
    int64_t axis = intAt(op.getScanInputAxes(), j);
    if (axis < 0)
      axis += type.getRank();
    if (axis < 0 || axis >= type.getRank())
      return op.emitError("scan_input_axes[") << j << "] is out of range";
    inputAxes.push_back(axis);
    int64_t n = type.getDimSize(axis);
    if (length >= 0 && n != length)
      return op.emitError("Scan inputs disagree on the sequence length (")
             << length << " vs " << n << ")";
    length = n;
  }
  if (length > maxIterations)
    return op.emitError() << "the Scan runs " << length << " iterations, more "
                          << "than " << maxIterations;
  Block &body = op.getBody().front();
  SmallVector<Value> states(inputs.begin(), inputs.begin() + numStates);
  size_t numScanOutputs = op.getNumResults() - numStates;
  std::vector<SmallVector<Value>> scans(numScanOutputs);
  for (int64_t t = 0; t < length; ++t) {
    SmallVector<Value> args(states);
    for (int64_t j = 0; j < numScanInputs; ++j) {
      int64_t index =
          intAt(op.getScanInputDirections(), j) ? length - 1 - t : t;
      FailureOr<Value> slice = create(
          "nuri.Gather",
          {inputs[numStates + j], constant(loc, builder.getI64Type(), index)},
          {builder.getNamedAttr("axis",
                                builder.getI64IntegerAttr(inputAxes[j]))},
          loc);
      if (failed(slice))
        return failure();
      args.push_back(*slice);
    }
    FailureOr<SmallVector<Value>> yields = cloneBody(body, args);
    if (failed(yields))
      return failure();
    for (int64_t s = 0; s < numStates; ++s)
      states[s] = (*yields)[s];
    for (size_t k = 0; k < numScanOutputs; ++k)
      scans[k].push_back((*yields)[numStates + k]);
  }
  SmallVector<Value> results(states);
  for (size_t k = 0; k < numScanOutputs; ++k) {
    if (scans[k].empty())
      return op.emitError("a Scan of length 0 is not supported");
    if (intAt(op.getScanOutputDirections(), k))
      std::reverse(scans[k].begin(), scans[k].end());
    int64_t axis = intAt(op.getScanOutputAxes(), k);
    if (axis < 0)
      axis += cast<ShapedType>(scans[k][0].getType()).getRank() + 1;
    FailureOr<Value> stacked = stack(scans[k], axis, loc);
    if (failed(stacked))
      return failure();
    results.push_back(*stacked);
  }
  replace(op, results);
  return success();
}

struct InlineControlFlowPass
    : public impl::InlineControlFlowBase<InlineControlFlowPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    Unroller unroller(func, maxIterations, maxResultBytes);
    // Unrolling clones nested control flow into the function body; keep
    // going until none is left.
    bool changed = true;
    while (changed) {
      changed = false;
      for (Operation &op : llvm::make_early_inc_range(func.getBody().front())) {
        if (!isa<IfOp, LoopOp, ScanOp>(op))
          continue;
        if (failed(unroller.run(&op)))
          return signalPassFailure();
        changed = true;
      }
    }
    syncFunctionResultTypes(func);
  }
};

} // namespace
} // namespace nuri
