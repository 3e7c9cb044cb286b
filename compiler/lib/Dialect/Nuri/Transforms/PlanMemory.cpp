//===- PlanMemory.cpp - Static arena plan for intermediate tensors --------===//

#include "PassDetail.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Support/OnnxInterop.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir;

namespace nuri {
#define GEN_PASS_DEF_PLANMEMORY
#include "nuri/Dialect/Nuri/Transforms/Passes.h.inc"

namespace {

struct Buffer {
  Value value;
  int64_t size = 0;  // bytes, rounded up to the alignment
  int64_t start = 0; // index of the defining op
  int64_t end = 0;   // index of the last user
  int64_t offset = -1;
};

bool overlapsInTime(const Buffer &a, const Buffer &b) {
  return a.start <= b.end && b.start <= a.end;
}

// Gives each function result its own op result, so the output buffers the
// caller reads are written by exactly one op: returned inputs, constants and
// values returned twice get an Identity copy.
void materializeOutputs(func::FuncOp func) {
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  OpBuilder builder(ret);
  llvm::DenseSet<Value> seen;
  for (OpOperand &operand : ret->getOpOperands()) {
    Value v = operand.get();
    bool needsCopy = isa<BlockArgument>(v) || v.getDefiningOp<ConstantOp>() ||
                     !seen.insert(v).second;
    if (!needsCopy)
      continue;
    OperationState state(ret.getLoc(), "nuri.Identity");
    state.addOperands(v);
    state.addTypes(v.getType());
    operand.set(builder.create(state)->getResult(0));
  }
}

// Places buffers greedily, largest first, each at the lowest offset that
// does not collide with an already placed buffer alive at the same time.
int64_t assignOffsets(std::vector<Buffer> &buffers) {
  std::vector<Buffer *> order;
  for (Buffer &b : buffers)
    order.push_back(&b);
  std::stable_sort(
      order.begin(), order.end(),
      [](const Buffer *a, const Buffer *b) { return a->size > b->size; });
  std::vector<Buffer *> placed;
  int64_t arenaSize = 0;
  for (Buffer *b : order) {
    std::vector<Buffer *> live;
    for (Buffer *p : placed)
      if (overlapsInTime(*p, *b))
        live.push_back(p);
    std::sort(live.begin(), live.end(), [](const Buffer *x, const Buffer *y) {
      return x->offset < y->offset;
    });
    // Best fit: the smallest gap between live buffers that holds b.
    int64_t best = -1, bestGap = INT64_MAX, cursor = 0;
    for (Buffer *p : live) {
      int64_t gap = p->offset - cursor;
      if (gap >= b->size && gap < bestGap) {
        best = cursor;
        bestGap = gap;
      }
      cursor = std::max(cursor, p->offset + p->size);
    }
    b->offset = best >= 0 ? best : cursor;
    arenaSize = std::max(arenaSize, b->offset + b->size);
    placed.push_back(b);
  }
  return arenaSize;
}

struct PlanMemoryPass : public impl::PlanMemoryBase<PlanMemoryPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
      func.emitError() << "alignment " << alignment << " is not a power of two";
      return signalPassFailure();
    }
    materializeOutputs(func);
    syncFunctionResultTypes(func);

    Block &body = func.getBody().front();
    llvm::DenseMap<Operation *, int64_t> position;
    for (auto [i, op] : llvm::enumerate(body))
      position[&op] = i;
    auto ret = cast<func::ReturnOp>(body.getTerminator());
    llvm::DenseSet<Value> outputs(ret.getOperands().begin(),
                                  ret.getOperands().end());

    std::vector<Buffer> buffers;
    for (Operation &op : body.without_terminator()) {
      if (isa<ConstantOp>(op))
        continue;
      for (OpResult r : op.getResults()) {
        if (outputs.contains(r))
          continue;
        std::optional<int64_t> bytes = staticTensorBytes(r.getType());
        if (!bytes) {
          op.emitError() << "cannot plan memory for result "
                         << r.getResultNumber() << " of type " << r.getType();
          return signalPassFailure();
        }
        Buffer b;
        b.value = r;
        b.size = static_cast<int64_t>(llvm::alignTo(*bytes, alignment));
        b.start = b.end = position[&op];
        for (Operation *user : r.getUsers()) {
          Operation *inBody = body.findAncestorOpInBlock(*user);
          b.end = std::max(b.end, position[inBody]);
        }
        buffers.push_back(b);
      }
    }
    int64_t arenaSize = assignOffsets(buffers);

    llvm::DenseMap<Value, int64_t> offsetOf;
    for (const Buffer &b : buffers)
      offsetOf[b.value] = b.offset;
    Builder builder(func.getContext());
    for (Operation &op : body.without_terminator()) {
      if (isa<ConstantOp>(op))
        continue;
      SmallVector<int64_t> offsets;
      for (OpResult r : op.getResults()) {
        auto it = offsetOf.find(r);
        offsets.push_back(it == offsetOf.end() ? -1 : it->second);
      }
      op.setAttr(kArenaOffsetsAttr, builder.getDenseI64ArrayAttr(offsets));
    }
    func->setAttr(kArenaSizeAttr, builder.getI64IntegerAttr(arenaSize));
    func->setAttr(kArenaAlignmentAttr, builder.getI64IntegerAttr(alignment));
  }
};

} // namespace
} // namespace nuri
