//===- AttrNames.h - Discardable attributes the compiler sets ---*- C++ -*-===//
#ifndef NURI_SUPPORT_ATTRNAMES_H
#define NURI_SUPPORT_ATTRNAMES_H

#include "llvm/ADT/StringRef.h"

namespace nuri {

// The ONNX name of a model input/output (function argument/result attr).
inline constexpr llvm::StringLiteral kNameAttr = "nuri.name";
// Set by nuri-plan-memory: per op, each result's arena offset (-1 for a
// function result); per function, the arena's size and alignment.
inline constexpr llvm::StringLiteral kArenaOffsetsAttr = "nuri.arena_offsets";
inline constexpr llvm::StringLiteral kArenaSizeAttr = "nuri.arena_size";
inline constexpr llvm::StringLiteral kArenaAlignmentAttr =
    "nuri.arena_alignment";

} // namespace nuri

#endif // NURI_SUPPORT_ATTRNAMES_H
