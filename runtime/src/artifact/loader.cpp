// Loading an artifact, in the order that gives the clearest message for the
// most likely fault: wrong file, damaged file, wrong version, bad contents.
#include "artifact/loader.h"

#include "artifact/model_checks.h"
#include "artifact_generated.h"

#include <cctype>

namespace nuri::detail {
namespace {

// The first four identifier bytes, printable, for the error message.
std::string describeIdentifier(const uint8_t *id) {
  std::string s;
  for (int i = 0; i < 4; ++i) {
    unsigned char c = id[i];
    if (std::isprint(c) && c != '\\' && c != '\'') {
      s += static_cast<char>(c);
    } else {
      static const char *hex = "0123456789abcdef";
      s += "\\x";
      s += hex[c >> 4];
      s += hex[c & 15];
    }
  }
  return s;
}

Status checkIdentifier(std::span<const uint8_t> bytes) {
  if (bytes.size() < 8)
    return dataLoss("not a Nuri artifact (", bytes.size(),
                    " bytes is too small to hold a header)");
  if (!fb::ArtifactBufferHasIdentifier(bytes.data()))
    return dataLoss("not a Nuri artifact (file identifier is '",
                    describeIdentifier(bytes.data() + 4), "', expected '",
                    fb::ArtifactIdentifier(), "')");
  return okStatus();
}

Status verifyStructure(std::span<const uint8_t> bytes) {
  if (bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE)
    return unimplemented("artifact of ", bytes.size(),
                         " bytes is larger than FlatBuffers can address");
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  if (!fb::VerifyArtifactBuffer(verifier))
    return dataLoss("corrupt or truncated artifact (", bytes.size(),
                    " bytes; FlatBuffers verification failed)");
  return okStatus();
}

Status checkVersion(const fb::Artifact &artifact, LoadedModel &model) {
  const fb::SchemaVersion *version = artifact.version();
  if (!version)
    return failedPrecondition("artifact has no schema version");
  model.versionMajor = version->major();
  model.versionMinor = version->minor();
  if (version->major() != kArtifactVersionMajor ||
      version->minor() > kArtifactVersionMinor)
    return failedPrecondition(
        "artifact schema version ", version->major(), ".", version->minor(),
        " is not supported; this runtime reads version ", kArtifactVersionMajor,
        ".", kArtifactVersionMinor,
        " (the major version must match and the minor may not be newer)");
  return okStatus();
}

std::string str(const flatbuffers::String *s) {
  return s ? s->str() : std::string();
}

std::string contextFor(const std::string &source) {
  if (source == "<memory>")
    return "loading artifact from memory";
  return strCat("loading '", source, "'");
}

} // namespace

Result<std::shared_ptr<const LoadedModel>>
loadArtifact(std::shared_ptr<const ByteSource> source,
             const std::string &sourceName) {
  std::span<const uint8_t> bytes = source->bytes();
  std::string context = contextFor(sourceName);
  Status status = checkIdentifier(bytes);
  if (status.ok())
    status = verifyStructure(bytes);
  if (!status.ok())
    return status.withContext(context);

  const fb::Artifact &artifact = *fb::GetArtifact(bytes.data());
  auto model = std::make_shared<LoadedModel>();
  model->source = sourceName;
  status = checkVersion(artifact, *model);
  if (!status.ok())
    return status.withContext(context);

  model->name = str(artifact.model_name());
  model->target = str(artifact.target());
  model->producer = str(artifact.producer());
  status = checkAndConvertContents(artifact, *model);
  if (!status.ok())
    return status.withContext(context);
  model->bytes = std::move(source);
  return std::shared_ptr<const LoadedModel>(std::move(model));
}

Result<std::shared_ptr<const LoadedModel>>
loadArtifactFile(const std::string &path) {
  Result<std::shared_ptr<const ByteSource>> bytes = mapFile(path);
  if (!bytes.ok())
    return bytes.status().withContext(contextFor(path));
  return loadArtifact(std::move(bytes).value(), path);
}

Result<std::shared_ptr<const LoadedModel>>
loadArtifactBytes(std::span<const uint8_t> bytes, const std::string &source) {
  Result<std::shared_ptr<const ByteSource>> copy = copyBytes(bytes);
  if (!copy.ok())
    return copy.status().withContext(contextFor(source));
  return loadArtifact(std::move(copy).value(), source);
}

} // namespace nuri::detail
