#include "npu_sim/schema/program_payload.h"

#include "npu_program_generated.h"
#include "npu_sim/isa/encoding.h"

namespace nuri::npu {
namespace {

Status checkEngine(fb::EngineKind kind, uint8_t index, EngineId &out) {
  switch (kind) {
  case fb::EngineKind::Dma:
    if (index > 9)
      return dataLoss("DMA engine index ", int(index), " is above 9");
    out = {EngineKind::kDma, index};
    return okStatus();
  case fb::EngineKind::Matrix:
  case fb::EngineKind::Vector:
    if (index != 0)
      return dataLoss("engine index ", int(index),
                      " given for a matrix or vector engine");
    out = {kind == fb::EngineKind::Matrix ? EngineKind::kMatrix
                                          : EngineKind::kVector,
           0};
    return okStatus();
  }
  return dataLoss("unknown engine kind ", int(kind));
}

Result<Region> readRegion(const fb::Region &region, size_t index) {
  auto kind = static_cast<uint8_t>(region.kind());
  if (kind > static_cast<uint8_t>(RegionKind::kScratch))
    return dataLoss("region ", index, " has unknown kind ", int(kind));
  Region out;
  out.kind = static_cast<RegionKind>(kind);
  out.slot = region.slot();
  out.scratchBytes = region.scratch_bytes();
  if (out.kind == RegionKind::kScratch && out.scratchBytes == 0)
    return dataLoss("region ", index, " is a scratch region of 0 bytes");
  return out;
}

Result<Stream> readStream(const fb::Stream &stream, size_t core) {
  Stream out;
  NURI_RETURN_IF_ERROR(
      checkEngine(stream.engine(), stream.engine_index(), out.engine)
          .withContext(strCat("core ", core)));
  std::string where = strCat("core ", core, " ", out.engine.name());
  std::vector<Word> words;
  if (stream.words()) {
    words.reserve(stream.words()->size());
    for (const fb::Word *word : *stream.words())
      words.push_back({word->lo(), word->hi()});
  }
  Result<DecodedStream> decoded = decodeStream(words);
  if (!decoded.ok())
    return decoded.status().withContext(where);
  out.instructions = std::move(decoded->instructions);
  for (size_t i = 0; i < out.instructions.size(); ++i)
    if (!runsOn(out.instructions[i].opcode, out.engine.kind))
      return dataLoss(where, ": word ", wordOffset(out.instructions, i), ": ",
                      opcodeInfo(out.instructions[i].opcode).mnemonic,
                      " cannot run on this engine");
  return out;
}

fb::RegionKind toFb(RegionKind kind) {
  return static_cast<fb::RegionKind>(static_cast<uint8_t>(kind));
}

fb::EngineKind toFb(EngineKind kind) {
  switch (kind) {
  case EngineKind::kDma:
    return fb::EngineKind::Dma;
  case EngineKind::kMatrix:
    return fb::EngineKind::Matrix;
  case EngineKind::kVector:
    return fb::EngineKind::Vector;
  }
  return fb::EngineKind::Dma;
}

} // namespace

Result<std::vector<uint8_t>> writeProgramPayload(const Program &program) {
  flatbuffers::FlatBufferBuilder builder;
  std::vector<flatbuffers::Offset<fb::Region>> regions;
  for (const Region &region : program.regions)
    regions.push_back(fb::CreateRegion(builder, toFb(region.kind), region.slot,
                                       region.scratchBytes));
  std::vector<flatbuffers::Offset<fb::Core>> cores;
  for (size_t c = 0; c < program.cores.size(); ++c) {
    std::vector<flatbuffers::Offset<fb::Stream>> streams;
    for (const Stream &stream : program.cores[c].streams) {
      Result<std::vector<Word>> words = encodeStream(stream.instructions);
      if (!words.ok())
        return words.status().withContext(
            strCat("core ", c, " ", stream.engine.name()));
      std::vector<fb::Word> fbWords;
      fbWords.reserve(words->size());
      for (const Word &word : *words)
        fbWords.emplace_back(word.lo, word.hi);
      streams.push_back(fb::CreateStream(
          builder, toFb(stream.engine.kind), stream.engine.index,
          builder.CreateVectorOfStructs(fbWords)));
    }
    cores.push_back(fb::CreateCore(builder, builder.CreateVector(streams)));
  }
  fb::IsaVersion version(program.isaMajor, program.isaMinor);
  auto root = fb::CreateProgram(
      builder, &version, builder.CreateString(program.profile),
      program.sramBytes, builder.CreateVector(regions),
      builder.CreateVector(cores));
  fb::FinishProgramBuffer(builder, root);
  return std::vector<uint8_t>(builder.GetBufferPointer(),
                              builder.GetBufferPointer() + builder.GetSize());
}

Result<Program> readProgramPayload(std::span<const uint8_t> payload) {
  if (payload.size() < 8 || !fb::ProgramBufferHasIdentifier(payload.data()))
    return dataLoss("payload is not an npu program (no \"",
                    fb::ProgramIdentifier(), "\" identifier)");
  if (payload.size() >= FLATBUFFERS_MAX_BUFFER_SIZE)
    return unimplemented("payload of ", payload.size(), " bytes is too large");
  flatbuffers::Verifier verifier(payload.data(), payload.size());
  if (!fb::VerifyProgramBuffer(verifier))
    return dataLoss("corrupt or truncated npu program payload (",
                    payload.size(), " bytes)");
  const fb::Program &root = *fb::GetProgram(payload.data());
  Program program;
  if (!root.isa_version())
    return dataLoss("npu program has no ISA version");
  program.isaMajor = root.isa_version()->major();
  program.isaMinor = root.isa_version()->minor();
  if (program.isaMajor != kIsaVersionMajor ||
      program.isaMinor > kIsaVersionMinor)
    return failedPrecondition("npu program is for ISA ", program.isaMajor, ".",
                              program.isaMinor, "; this simulator runs ISA ",
                              kIsaVersionMajor, ".", kIsaVersionMinor);
  if (!root.profile() || root.profile()->size() == 0)
    return dataLoss("npu program names no target profile");
  program.profile = root.profile()->str();
  program.sramBytes = root.sram_bytes();
  if (root.regions())
    for (size_t r = 0; r < root.regions()->size(); ++r) {
      NURI_ASSIGN_OR_RETURN(Region region,
                            readRegion(*root.regions()->Get(r), r));
      program.regions.push_back(region);
    }
  if (root.cores())
    for (size_t c = 0; c < root.cores()->size(); ++c) {
      CoreProgram core;
      const fb::Core *fbCore = root.cores()->Get(c);
      if (fbCore->streams())
        for (const fb::Stream *fbStream : *fbCore->streams()) {
          NURI_ASSIGN_OR_RETURN(Stream stream, readStream(*fbStream, c));
          if (core.find(stream.engine))
            return dataLoss("core ", c, " has two streams for engine ",
                            stream.engine.name());
          core.streams.push_back(std::move(stream));
        }
      program.cores.push_back(std::move(core));
    }
  return program;
}

} // namespace nuri::npu
