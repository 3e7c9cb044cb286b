// Writes the artifacts tools_test.cmake feeds to nuri-objdump and nuri-run:
// nuri-test-make-tool-artifacts DIR
#include "tool_artifacts.h"

#include <iostream>

using namespace nuri;
using namespace nuri::testing;

namespace {

Status writeAll(const std::string &dir) {
  auto write = [&](const std::string &name, const std::vector<uint8_t> &bytes) {
    return writeFile(dir + "/" + name, bytes);
  };
  std::vector<uint8_t> identity = buildArtifact(identityModel({2, 3}));
  NURI_RETURN_IF_ERROR(write("identity.nuri", identity));
  NURI_RETURN_IF_ERROR(
      write("two_segments.nuri", buildArtifact(twoSegmentModel())));
  NURI_RETURN_IF_ERROR(
      write("attributes.nuri", buildArtifact(cpuRefAttributeModel())));
  NURI_RETURN_IF_ERROR(write("npu.nuri", buildArtifact(npuModel())));
  NURI_RETURN_IF_ERROR(
      write("npu_two_segments.nuri", buildArtifact(npuTwoSegmentModel())));
  NURI_RETURN_IF_ERROR(
      write("unknown_format.nuri", buildArtifact(unknownFormatModel())));
  NURI_RETURN_IF_ERROR(
      write("damaged_npu.nuri", buildArtifact(damagedNpuModel())));

  // Broken files, each failing a different loader check.
  NURI_RETURN_IF_ERROR(
      write("truncated.nuri",
            std::vector<uint8_t>(identity.begin(),
                                 identity.begin() + identity.size() / 2)));
  std::string text = "this is not a model, just some text\n";
  NURI_RETURN_IF_ERROR(
      write("not_nuri.nuri", std::vector<uint8_t>(text.begin(), text.end())));
  ArtifactSpec future = identityModel({2, 3});
  future.versionMinor = 9;
  NURI_RETURN_IF_ERROR(write("future_version.nuri", buildArtifact(future)));
  ArtifactSpec badValue = twoSegmentModel();
  badValue.values[3].offset = 4096; // constant c outside the constant data
  NURI_RETURN_IF_ERROR(write("bad_value.nuri", buildArtifact(badValue)));
  NURI_RETURN_IF_ERROR(write("empty.nuri", {}));
  return okStatus();
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: nuri-test-make-tool-artifacts DIR\n";
    return 2;
  }
  Status status = writeAll(argv[1]);
  if (!status.ok()) {
    std::cerr << "nuri-test-make-tool-artifacts: " << status.toString() << "\n";
    return 1;
  }
  return 0;
}
