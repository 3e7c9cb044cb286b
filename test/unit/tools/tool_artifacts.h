// Artifacts for the tool tests (nuri-objdump, nuri-run --stats-json and
// --trace, segment printers, profile merging), built with the runtime
// tests' artifact builder: npu-program segments assembled from NPU
// assembly, and segments no backend prints or whose payload is damaged.
#ifndef NURI_TEST_UNIT_TOOLS_TOOL_ARTIFACTS_H
#define NURI_TEST_UNIT_TOOLS_TOOL_ARTIFACTS_H

#include "artifact_builder.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nuri::testing {

// Assembles `text` and writes its npu-program payload (aborts the process
// on a bad program: the texts are fixed test data).
std::vector<uint8_t> npuPayload(const std::string &text);

// On npu-edge: y = 2 * x * c with x an input [2, 16], c a constant row
// (at byte 64 of the constant data: 0.5, 1.5, 2.5, 3.5, ...), t = x * c
// through the arena and scratch (the npu-sim driver test's program).
ArtifactSpec npuModel();
// Its one segment's assembly, for tests that check the disassembly.
const char *npuModelProgram();

// On npu-edge, two segments sharing arena value t:
//   "int8_part":  t = x + x, plus a 64x64x64 mm.i8 on SRAM
//   "bf16_part":  y = t + t, plus a 64x64x64 mm.bf16 on SRAM
// x, t, y are float32 [2, 16].
ArtifactSpec npuTwoSegmentModel();
// Segment `index`'s payload alone.
std::vector<uint8_t> npuTwoSegmentPayload(int index);

// One cpu-ref node carrying every attribute kind the builder writes.
ArtifactSpec cpuRefAttributeModel();
// A segment of format "acme-blob" (target "acme-npu") no backend prints.
ArtifactSpec unknownFormatModel();
// An npu-program segment whose payload is not a program at all.
ArtifactSpec damagedNpuModel();

} // namespace nuri::testing

#endif // NURI_TEST_UNIT_TOOLS_TOOL_ARTIFACTS_H
