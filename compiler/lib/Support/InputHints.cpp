//===- InputHints.cpp - Which model inputs make a value dynamic -----------===//

#include "nuri/Support/InputHints.h"

#include "nuri/Support/AttrNames.h"

#include "llvm/ADT/DenseSet.h"

using namespace mlir;

namespace nuri {
namespace {

// The model inputs `values` depend on, in argument order.
SmallVector<BlockArgument> modelInputsFeeding(func::FuncOp func,
                                              ValueRange values) {
  SmallVector<BlockArgument> found;
  llvm::DenseSet<Operation *> seen;
  SmallVector<Value> work(values.begin(), values.end());
  Block *entry = &func.getBody().front();
  while (!work.empty()) {
    Value v = work.pop_back_val();
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      if (arg.getOwner() == entry && !llvm::is_contained(found, arg))
        found.push_back(arg);
    } else if (Operation *def = v.getDefiningOp(); seen.insert(def).second) {
      work.append(def->getOperands().begin(), def->getOperands().end());
    }
  }
  llvm::sort(found, [](BlockArgument a, BlockArgument b) {
    return a.getArgNumber() < b.getArgNumber();
  });
  return found;
}

bool isIntegerOrBool(Value v) {
  auto type = dyn_cast<ShapedType>(v.getType());
  return type && type.getElementType().isSignlessInteger();
}

} // namespace

std::string bindInputsHint(func::FuncOp func, ValueRange values) {
  SmallVector<BlockArgument> inputs = modelInputsFeeding(func, values);
  bool anyInteger = llvm::any_of(inputs, isIntegerOrBool);
  std::string hint;
  for (BlockArgument arg : inputs) {
    if (anyInteger && !isIntegerOrBool(arg))
      continue;
    auto name =
        func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), kNameAttr);
    if (name)
      hint += "; it depends on model input '" + name.str() +
              "' (bind it to a constant with --const-input " + name.str() +
              "=FILE)";
  }
  return hint;
}

} // namespace nuri
