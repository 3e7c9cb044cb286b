// The semantic checks of a structurally valid artifact, done while filling
// the LoadedModel: after them the runtime and every driver may trust the
// value table (ranges inside their sections, valid slots, exact sizes).
#ifndef NURI_ARTIFACT_MODEL_CHECKS_H
#define NURI_ARTIFACT_MODEL_CHECKS_H

#include "artifact/loaded_model.h"

namespace nuri::fb {
struct Artifact;
} // namespace nuri::fb

namespace nuri::detail {

// Fills values, signature, segments, constants and the memory plan of
// `model` from `artifact`, failing (kDataLoss) on the first inconsistency.
// The artifact must have passed the FlatBuffers verifier.
Status checkAndConvertContents(const fb::Artifact &artifact,
                               LoadedModel &model);

} // namespace nuri::detail

#endif // NURI_ARTIFACT_MODEL_CHECKS_H
