// Writes the artifacts and tensor files that nuri_run_test.cmake feeds to
// nuri-run: nuri-test-make-artifacts DIR
#include "artifact_builder.h"
#include "common/npy.h"
#include "common/onnx_tensor.h"

#include <iostream>

using namespace nuri;
using namespace nuri::testing;

namespace {

Tensor floats(Shape shape, float start) {
  Tensor t = std::move(Tensor::allocate(DType::kFloat32, shape)).value();
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.as<float>()[i] = start + static_cast<float>(i);
  return t;
}

Status writeAll(const std::string &dir) {
  auto path = [&](const std::string &name) { return dir + "/" + name; };
  std::vector<uint8_t> identity = buildArtifact(identityModel({2, 3}));
  NURI_RETURN_IF_ERROR(writeFile(path("identity.nuri"), identity));
  NURI_RETURN_IF_ERROR(
      writeFile(path("truncated.nuri"),
                std::vector<uint8_t>(identity.begin(),
                                     identity.begin() + identity.size() / 2)));
  std::string text = "this is not a model, just some text\n";
  NURI_RETURN_IF_ERROR(writeFile(
      path("not_nuri.nuri"), std::vector<uint8_t>(text.begin(), text.end())));
  NURI_RETURN_IF_ERROR(
      writeFile(path("two_segments.nuri"), buildArtifact(twoSegmentModel())));
  // An output whose ONNX name is not a safe file name.
  ArtifactSpec odd = identityModel({2, 3});
  odd.values[1].name = "scope/y:0";
  odd.outputs[0].name = "scope/y:0";
  NURI_RETURN_IF_ERROR(writeFile(path("odd_name.nuri"), buildArtifact(odd)));

  Tensor x = floats({2, 3}, 1);
  NURI_RETURN_IF_ERROR(tools::writeNpy(path("x.npy"), x.view()));
  NURI_RETURN_IF_ERROR(tools::writeTensorProto(path("x.pb"), "x", x.view()));
  NURI_RETURN_IF_ERROR(tools::writeNpy(path("y_expected.npy"), x.view()));
  Tensor wrong = floats({2, 3}, 1);
  wrong.as<float>()[4] += 0.5f;
  NURI_RETURN_IF_ERROR(tools::writeNpy(path("y_wrong.npy"), wrong.view()));
  NURI_RETURN_IF_ERROR(
      tools::writeNpy(path("x_wrong_shape.npy"), floats({3, 2}, 1).view()));
  Tensor ints = std::move(Tensor::allocate(DType::kInt32, {2, 3})).value();
  NURI_RETURN_IF_ERROR(tools::writeNpy(path("x_wrong_dtype.npy"), ints.view()));
  std::vector<float> k = twoSegmentConstant();
  Tensor kTensor = floats({2, 3}, 0);
  std::copy(k.begin(), k.end(), kTensor.as<float>());
  NURI_RETURN_IF_ERROR(tools::writeNpy(path("k_expected.npy"), kTensor.view()));
  return okStatus();
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: nuri-test-make-artifacts DIR\n";
    return 2;
  }
  Status status = writeAll(argv[1]);
  if (!status.ok()) {
    std::cerr << "nuri-test-make-artifacts: " << status.toString() << "\n";
    return 1;
  }
  return 0;
}
