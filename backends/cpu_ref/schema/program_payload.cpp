#include "cpu_ref/schema/program_payload.h"

namespace nuri::cpu_ref {

Result<const fb::Program *>
readProgramPayload(std::span<const uint8_t> payload) {
  if (payload.size() < 8 || !fb::ProgramBufferHasIdentifier(payload.data()))
    return dataLoss("payload is not a cpu-ref program (no \"",
                    fb::ProgramIdentifier(), "\" identifier)");
  if (payload.size() >= FLATBUFFERS_MAX_BUFFER_SIZE)
    return unimplemented("payload of ", payload.size(), " bytes is too large");
  flatbuffers::Verifier verifier(payload.data(), payload.size());
  if (!fb::VerifyProgramBuffer(verifier))
    return dataLoss("corrupt or truncated cpu-ref program payload (",
                    payload.size(), " bytes)");
  return fb::GetProgram(payload.data());
}

} // namespace nuri::cpu_ref
