#include "common/tensor_file.h"

#include "common/file_io.h"
#include "common/npy.h"
#include "common/onnx_tensor.h"

#include <cstring>

namespace nuri::tools {
namespace {
bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}
} // namespace

Result<Tensor> readTensorFile(const std::string &path) {
  NURI_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, readFileBytes(path));
  bool npy = endsWith(path, ".npy") ||
             (!endsWith(path, ".pb") && bytes.size() >= 6 &&
              std::memcmp(bytes.data(), "\x93NUMPY", 6) == 0);
  if (npy)
    return parseNpy(bytes, path);
  NURI_ASSIGN_OR_RETURN(NamedTensor named, parseTensorProto(bytes, path));
  return std::move(named.tensor);
}

Status writeTensorFile(const std::string &path, std::string_view name,
                       const TensorView &view) {
  if (endsWith(path, ".pb"))
    return writeTensorProto(path, name, view);
  return writeNpy(path, view);
}

} // namespace nuri::tools
