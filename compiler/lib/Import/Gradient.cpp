//===- Gradient.cpp - ONNX's training Gradient op at import ---------------===//

#include "nuri/Import/Gradient.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Support/OnnxSchema.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace mlir;

namespace nuri {
namespace {

class ReverseMode {
public:
  ReverseMode(OpBuilder &builder, Location loc) : b(builder), loc(loc) {}

  FailureOr<SmallVector<Value>> run(Value y, ArrayRef<Value> xs);

private:
  Value make(StringRef name, ValueRange operands, Type type,
             ArrayRef<NamedAttribute> attrs = {}) {
    OperationState state(loc, name);
    state.addOperands(operands);
    state.addTypes(type);
    state.addAttributes(attrs);
    return b.create(state)->getResult(0);
  }
  Value splat(RankedTensorType type, double value) {
    return ConstantOp::create(
        b, loc,
        cast<ElementsAttr>(DenseElementsAttr::get(
            type, b.getFloatAttr(type.getElementType(), value))));
  }
  Value i64s(ArrayRef<int64_t> values) {
    auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                      b.getI64Type());
    return ConstantOp::create(
        b, loc, cast<ElementsAttr>(DenseElementsAttr::get(type, values)));
  }
  // Sums `g` over the dims broadcasting added, so it has `target`'s shape.
  Value unbroadcast(Value g, Type target);
  void accumulate(Value v, Value g) {
    auto it = grads.find(v);
    grads[v] =
        it == grads.end() ? g : make("nuri.Add", {it->second, g}, v.getType());
  }

  OpBuilder &b;
  Location loc;
  llvm::DenseMap<Value, Value> grads;
};

Value ReverseMode::unbroadcast(Value g, Type target) {
  auto from = cast<RankedTensorType>(g.getType());
  auto to = cast<RankedTensorType>(target);
  if (from == to)
    return g;
  int64_t extra = from.getRank() - to.getRank();
  SmallVector<int64_t> axes, kept(from.getShape());
  for (int64_t d = 0; d < from.getRank(); ++d) {
    bool broadcast =
        d < extra || (to.getDimSize(d - extra) == 1 && from.getDimSize(d) != 1);
    if (broadcast) {
      axes.push_back(d);
      kept[d] = 1;
    }
  }
  Value summed = g;
  if (!axes.empty())
    summed = make("nuri.ReduceSum", {g, i64s(axes)},
                  RankedTensorType::get(kept, from.getElementType()),
                  {b.getNamedAttr("keepdims", b.getI64IntegerAttr(1))});
  return make("nuri.Reshape", {summed, i64s(to.getShape())}, to);
}

FailureOr<SmallVector<Value>> ReverseMode::run(Value y, ArrayRef<Value> xs) {
  auto isStaticFloat = [](Value v) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    return t && t.hasStaticShape() && isa<FloatType>(t.getElementType());
  };
  if (!isStaticFloat(y))
    return emitError(loc, "Gradient: y must be a float tensor of static shape");
  // The ops between xs and y, in program order.
  llvm::DenseSet<Value> leaves(xs.begin(), xs.end());
  llvm::DenseSet<Operation *> onPath;
  SmallVector<Value> work{y};
  while (!work.empty()) {
    Value v = work.pop_back_val();
    Operation *def = v.getDefiningOp();
    if (leaves.contains(v) || !def || isa<ConstantOp>(def) ||
        !onPath.insert(def).second)
      continue;
    work.append(def->getOperands().begin(), def->getOperands().end());
  }
  SmallVector<Operation *> ops(onPath.begin(), onPath.end());
  llvm::sort(ops,
             [](Operation *a, Operation *c) { return a->isBeforeInBlock(c); });

  grads[y] = splat(cast<RankedTensorType>(y.getType()), 1.0);
  for (Operation *op : llvm::reverse(ops)) {
    auto it = grads.find(op->getResult(0));
    if (it == grads.end())
      continue;
    Value g = it->second;
    Type out = op->getResult(0).getType();
    StringRef type = onnxOpType(op);
    if (op->getNumResults() != 1 || !isStaticFloat(op->getResult(0)) ||
        !llvm::all_of(op->getOperands(), isStaticFloat))
      return emitError(loc)
             << "Gradient: cannot differentiate through " << describeNode(op);
    if (type == "Identity") {
      accumulate(op->getOperand(0), g);
    } else if (type == "Neg") {
      accumulate(op->getOperand(0), make("nuri.Neg", {g}, out));
    } else if (type == "Add" || type == "Sub") {
      Value a = op->getOperand(0), c = op->getOperand(1);
      accumulate(a, unbroadcast(g, a.getType()));
      Value gc = type == "Add" ? g : make("nuri.Neg", {g}, out);
      accumulate(c, unbroadcast(gc, c.getType()));
    } else if (type == "Mul") {
      Value a = op->getOperand(0), c = op->getOperand(1);
      accumulate(a, unbroadcast(make("nuri.Mul", {g, c}, out), a.getType()));
      accumulate(c, unbroadcast(make("nuri.Mul", {g, a}, out), c.getType()));
    } else if (type == "Div") {
      // d(a/c)/da = 1/c, d(a/c)/dc = -a/c^2.
      Value a = op->getOperand(0), c = op->getOperand(1);
      accumulate(a, unbroadcast(make("nuri.Div", {g, c}, out), a.getType()));
      Value ga = make("nuri.Mul", {g, a}, out);
      Value cc = make("nuri.Mul", {c, c}, c.getType());
      Value gc = make("nuri.Neg", {make("nuri.Div", {ga, cc}, out)}, out);
      accumulate(c, unbroadcast(gc, c.getType()));
    } else {
      return emitError(loc)
             << "Gradient: cannot differentiate through " << describeNode(op)
             << " (supported: Add, Sub, Mul, Div, Neg, "
                "Identity)";
    }
  }
  SmallVector<Value> result;
  for (Value x : xs) {
    if (!isStaticFloat(x))
      return emitError(loc, "Gradient: xs must be float tensors of static "
                            "shape");
    auto it = grads.find(x);
    result.push_back(it != grads.end()
                         ? it->second
                         : splat(cast<RankedTensorType>(x.getType()), 0.0));
  }
  return result;
}

} // namespace

FailureOr<SmallVector<Value>> buildGradients(OpBuilder &builder, Location loc,
                                             Value y, ArrayRef<Value> xs) {
  return ReverseMode(builder, loc).run(y, xs);
}

} // namespace nuri
