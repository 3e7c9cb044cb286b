//===- OpsetUpgrade.h - Bring an ONNX model to the dialect opset -*- C++
//-*-===//
#ifndef NURI_IMPORT_OPSETUPGRADE_H
#define NURI_IMPORT_OPSETUPGRADE_H

#include "mlir/IR/Location.h"

#include <onnx/onnx_pb.h>

namespace nuri {

// Rewrites `model` so every default-domain node follows the op's schema at
// `targetOpset`, using ONNX's version converter when some op's schema
// changed between the model's opset and the target. Emits an error at `loc`
// naming the op when that is impossible.
mlir::LogicalResult upgradeToOpset(onnx::ModelProto &model, int targetOpset,
                                   mlir::Location loc);

} // namespace nuri

#endif // NURI_IMPORT_OPSETUPGRADE_H
