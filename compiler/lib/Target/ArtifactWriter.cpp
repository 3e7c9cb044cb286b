//===- ArtifactWriter.cpp - Serialize a planned module --------------------===//

#include "nuri/Target/ArtifactWriter.h"

#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Dialect/Nuri/Transforms/Passes.h"
#include "nuri/Support/OnnxInterop.h"
#include "nuri/Support/OnnxSchema.h"
#include "nuri/Target/TargetBackend.h"
#include "nuri/runtime.h"

#include "artifact_generated.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace nuri {

std::string producerString() { return "nuri-compile 0.1.0"; }

namespace {
struct ValueRecord {
  std::string name;
  DType dtype = DType::kUndefined;
  std::vector<int64_t> shape;
  fb::ValueKind kind = fb::ValueKind::Arena;
  uint32_t index = 0;
  uint64_t offset = 0;
  uint64_t size = 0;
};
struct IORecord {
  std::string name;
  uint32_t value = 0;
};
struct SegmentRecord {
  std::string name, target, format;
  uint32_t formatVersion = 0;
  std::vector<uint8_t> payload;
};
constexpr uint64_t kConstantAlignment = 64;
} // namespace

struct ArtifactWriter::State {
  llvm::DenseMap<Value, int32_t> indices;
  std::vector<ValueRecord> values;
  std::vector<IORecord> inputs, outputs;
  std::vector<uint8_t> constantData;
  uint64_t arenaSize = 0;
  uint32_t arenaAlignment = 64;
  std::vector<SegmentRecord> segments;

  // Records `v` with `kind`; fails for types the runtime cannot hold.
  FailureOr<int32_t> add(Value v, std::string name, fb::ValueKind kind,
                         Operation *where) {
    std::optional<int64_t> bytes = staticTensorBytes(v.getType());
    if (!bytes)
      return where->emitError()
             << "cannot serialize a value of type " << v.getType();
    auto type = cast<RankedTensorType>(v.getType());
    ValueRecord r;
    r.name = std::move(name);
    r.dtype = *dtypeFromElement(type.getElementType());
    r.shape.assign(type.getShape().begin(), type.getShape().end());
    r.kind = kind;
    r.size = static_cast<uint64_t>(*bytes);
    int32_t index = static_cast<int32_t>(values.size());
    values.push_back(std::move(r));
    indices[v] = index;
    return index;
  }
};

ArtifactWriter::ArtifactWriter() : state(std::make_unique<State>()) {}
ArtifactWriter::~ArtifactWriter() = default;

int32_t ArtifactWriter::valueIndex(Value value) const {
  if (!value)
    return -1;
  auto it = state->indices.find(value);
  return it == state->indices.end() ? -1 : it->second;
}

LogicalResult ArtifactWriter::addFunction(func::FuncOp func) {
  State &s = *state;
  auto arenaSize = func->getAttrOfType<IntegerAttr>(kArenaSizeAttr);
  if (!arenaSize)
    return func.emitError("the function has no memory plan; run "
                          "nuri-plan-memory before serializing");
  s.arenaSize = arenaSize.getInt();
  if (auto align = func->getAttrOfType<IntegerAttr>(kArenaAlignmentAttr))
    s.arenaAlignment = align.getInt();

  Block &body = func.getBody().front();
  for (BlockArgument arg : body.getArguments()) {
    auto name =
        func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), kNameAttr);
    std::string n =
        name ? name.str() : "input" + std::to_string(s.inputs.size());
    auto index = s.add(arg, n, fb::ValueKind::Input, func);
    if (failed(index))
      return failure();
    s.values[*index].index = s.inputs.size();
    s.inputs.push_back({n, static_cast<uint32_t>(*index)});
  }

  auto ret = cast<func::ReturnOp>(body.getTerminator());
  llvm::DenseMap<Value, unsigned> outputSlot;
  for (auto [i, v] : llvm::enumerate(ret.getOperands()))
    outputSlot[v] = i;

  for (Operation &op : body.without_terminator()) {
    if (auto constant = dyn_cast<ConstantOp>(op)) {
      std::string name = nodeName(&op);
      auto index = s.add(constant.getResult(), name.empty() ? "constant" : name,
                         fb::ValueKind::Constant, &op);
      if (failed(index))
        return failure();
      ValueRecord &r = s.values[*index];
      uint64_t offset =
          llvm::alignTo(s.constantData.size(), kConstantAlignment);
      std::vector<char> bytes = elementsToBytes(constant.getValue());
      s.constantData.resize(offset, 0);
      s.constantData.insert(s.constantData.end(), bytes.begin(), bytes.end());
      r.offset = offset;
      continue;
    }
    auto offsets = op.getAttrOfType<DenseI64ArrayAttr>(kArenaOffsetsAttr);
    if (!offsets || offsets.size() != static_cast<int64_t>(op.getNumResults()))
      return op.emitError("missing memory plan (nuri.arena_offsets)");
    std::string base = nodeName(&op);
    for (OpResult result : op.getResults()) {
      unsigned i = result.getResultNumber();
      std::string name =
          op.getNumResults() == 1 ? base : base + ":" + std::to_string(i);
      auto slot = outputSlot.find(result);
      bool isOutput = slot != outputSlot.end();
      auto index =
          s.add(result, name,
                isOutput ? fb::ValueKind::Output : fb::ValueKind::Arena, &op);
      if (failed(index))
        return failure();
      if (!isOutput)
        s.values[*index].offset = offsets[i];
    }
  }

  s.outputs.resize(ret.getNumOperands());
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    int32_t index = valueIndex(v);
    if (index < 0 || s.values[index].kind != fb::ValueKind::Output)
      return ret.emitError("output ")
             << i << " is not a distinct op result; run nuri-plan-memory";
    auto name = func.getResultAttrOfType<StringAttr>(i, kNameAttr);
    std::string n = name ? name.str() : "output" + std::to_string(i);
    s.values[index].index = i;
    s.outputs[i] = {n, static_cast<uint32_t>(index)};
  }
  return success();
}

void ArtifactWriter::addSegment(StringRef name, StringRef target,
                                StringRef format, uint32_t formatVersion,
                                ArrayRef<uint8_t> payload) {
  state->segments.push_back(
      {name.str(), target.str(), format.str(), formatVersion,
       std::vector<uint8_t>(payload.begin(), payload.end())});
}

std::vector<uint8_t> ArtifactWriter::finish(StringRef target,
                                            StringRef modelName,
                                            StringRef producer) {
  State &s = *state;
  flatbuffers::FlatBufferBuilder fbb(1 << 16);
  auto tensorType = [&](const ValueRecord &r) {
    return fb::CreateTensorTypeDirect(fbb, static_cast<fb::DType>(r.dtype),
                                      &r.shape);
  };
  std::vector<flatbuffers::Offset<fb::Value>> values;
  for (const ValueRecord &r : s.values)
    values.push_back(fb::CreateValueDirect(fbb, r.name.c_str(), tensorType(r),
                                           r.kind, r.index, r.offset, r.size));
  auto signature = [&](const std::vector<IORecord> &ios) {
    std::vector<flatbuffers::Offset<fb::SignatureEntry>> out;
    for (const IORecord &io : ios)
      out.push_back(fb::CreateSignatureEntryDirect(
          fbb, io.name.c_str(), tensorType(s.values[io.value]), io.value));
    return out;
  };
  auto inputs = signature(s.inputs);
  auto outputs = signature(s.outputs);
  std::vector<flatbuffers::Offset<fb::Segment>> segments;
  for (const SegmentRecord &seg : s.segments)
    segments.push_back(fb::CreateSegmentDirect(
        fbb, seg.name.c_str(), seg.target.c_str(), seg.format.c_str(),
        seg.formatVersion, &seg.payload));
  auto plan = fb::CreateMemoryPlan(fbb, s.arenaSize, s.arenaAlignment);
  // Pad so the constants start 64-byte aligned from the buffer's start
  // (FlatBuffers builds back to front and aligns the finished buffer to the
  // largest alignment requested).
  fbb.PreAlign(s.constantData.size(), kConstantAlignment);
  auto constants = fbb.CreateVector(s.constantData);
  fb::SchemaVersion version(kArtifactVersionMajor, kArtifactVersionMinor);
  auto root = fb::CreateArtifact(
      fbb, &version, fbb.CreateString(producer.str()),
      fbb.CreateString(target.str()), fbb.CreateString(modelName.str()),
      fbb.CreateVector(inputs), fbb.CreateVector(outputs),
      fbb.CreateVector(values), plan, fbb.CreateVector(segments), constants);
  fb::FinishArtifactBuffer(fbb, root);
  return std::vector<uint8_t>(fbb.GetBufferPointer(),
                              fbb.GetBufferPointer() + fbb.GetSize());
}

FailureOr<std::vector<uint8_t>> serializeArtifact(ModuleOp module,
                                                  const TargetBackend &target) {
  auto func = module.lookupSymbol<func::FuncOp>("main");
  if (!func)
    return module.emitError("no @main function to serialize");
  ArtifactWriter writer;
  if (failed(writer.addFunction(func)) ||
      failed(target.emitSegments(func, writer)))
    return failure();
  std::string modelName =
      module.getSymName() ? module.getSymName()->str() : "model";
  return writer.finish(target.name(), modelName, producerString());
}

} // namespace nuri
