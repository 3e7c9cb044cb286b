//===- CpuRefTarget.cpp - The cpu-ref compile target ----------------------===//
//
// cpu-ref runs every op it has a reference kernel for. Its segment is the
// planned graph as ONNX-style nodes ("cpu-ref-program", see
// backends/cpu_ref/schema/cpu_ref_program.fbs); attributes carry the schema
// defaults explicitly so the artifact does not depend on kernel defaults.
//
//===----------------------------------------------------------------------===//

#include "cpu_ref/schema/program_payload.h"
#include "nuri/Dialect/Nuri/IR/NuriOps.h"
#include "nuri/Support/OnnxSchema.h"
#include "nuri/Support/ReferenceKernels.h"
#include "nuri/Target/ArtifactWriter.h"
#include "nuri/Target/TargetRegistry.h"

using namespace mlir;

namespace nuri::cpu_ref {
namespace {

flatbuffers::Offset<fb::Attr> serializeAttr(flatbuffers::FlatBufferBuilder &fbb,
                                            const std::string &name,
                                            const Attribute &a) {
  auto nameOff = fbb.CreateString(name);
  switch (a.kind()) {
  case Attribute::Kind::kInt:
    return fb::CreateAttr(fbb, nameOff, fb::AttrKind::Int, a.getInt());
  case Attribute::Kind::kFloat:
    return fb::CreateAttr(fbb, nameOff, fb::AttrKind::Float, 0, a.getFloat());
  case Attribute::Kind::kString:
    return fb::CreateAttr(fbb, nameOff, fb::AttrKind::String, 0, 0,
                          fbb.CreateString(a.getString()));
  case Attribute::Kind::kInts:
    return fb::CreateAttr(fbb, nameOff, fb::AttrKind::Ints, 0, 0, 0,
                          fbb.CreateVector(a.getInts()));
  case Attribute::Kind::kFloats:
    return fb::CreateAttr(fbb, nameOff, fb::AttrKind::Floats, 0, 0, 0, 0,
                          fbb.CreateVector(a.getFloats()));
  case Attribute::Kind::kStrings:
    return fb::CreateAttr(fbb, nameOff, fb::AttrKind::Strings, 0, 0, 0, 0, 0,
                          fbb.CreateVectorOfStrings(a.getStrings()));
  case Attribute::Kind::kTensor: {
    const Tensor &t = a.getTensor();
    const auto *bytes = static_cast<const uint8_t *>(t.data());
    std::vector<uint8_t> data(bytes, bytes + t.byteSize());
    auto tensor = fb::CreateTensorDataDirect(
        fbb, static_cast<uint8_t>(t.dtype()), &t.shape(), &data);
    return fb::CreateAttr(fbb, nameOff, fb::AttrKind::Tensor, 0, 0, 0, 0, 0, 0,
                          tensor);
  }
  }
  return {};
}

class CpuRefTarget : public TargetBackend {
public:
  StringRef name() const override { return "cpu-ref"; }
  StringRef description() const override {
    return "the reference CPU backend (plain C++ kernels, the golden)";
  }

  std::string unsupportedReason(Operation *op) const override {
    if (onnxOpType(op).empty())
      return "";
    if (op->getNumRegions() != 0)
      return "ops with subgraphs are not supported yet";
    if (!hasReferenceKernel(op))
      return "cpu-ref has no kernel for it";
    return "";
  }

  LogicalResult emitSegments(func::FuncOp func,
                             ArtifactWriter &writer) const override {
    flatbuffers::FlatBufferBuilder fbb;
    std::vector<flatbuffers::Offset<fb::Node>> nodes;
    for (Operation &op : func.getBody().front().without_terminator()) {
      if (isa<ConstantOp>(op))
        continue;
      Result<AttributeMap> attrs = kernelAttributes(&op);
      if (!attrs.ok())
        return op.emitError() << attrs.status().message();
      std::vector<flatbuffers::Offset<fb::Attr>> attrOffsets;
      for (const auto &[attrName, value] : attrs->entries())
        attrOffsets.push_back(serializeAttr(fbb, attrName, value));
      std::vector<int32_t> inputs, outputs;
      for (Value v : onnxInputs(&op))
        inputs.push_back(writer.valueIndex(v));
      for (Value v : onnxOutputs(&op))
        outputs.push_back(writer.valueIndex(v));
      nodes.push_back(fb::CreateNodeDirect(fbb, onnxOpType(&op).str().c_str(),
                                           nodeName(&op).c_str(), &inputs,
                                           &outputs, &attrOffsets));
    }
    auto program = fb::CreateProgramDirect(fbb, &nodes);
    fb::FinishProgramBuffer(fbb, program);
    writer.addSegment("main", name(), kProgramFormat, kProgramFormatVersion,
                      ArrayRef<uint8_t>(fbb.GetBufferPointer(), fbb.GetSize()));
    return success();
  }
};

} // namespace

void registerTarget(TargetRegistry &registry) {
  registry.add(std::make_unique<CpuRefTarget>());
}

} // namespace nuri::cpu_ref
