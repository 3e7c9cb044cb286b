#include "inputs.h"

#include "common/random_tensor.h"
#include "common/tensor_file.h"

#include <iostream>

namespace nuri::run {
namespace {
std::string joinNames(const std::vector<TensorInfo> &infos) {
  std::string s;
  for (const TensorInfo &info : infos)
    s += (s.empty() ? "" : ", ") + info.name;
  return s.empty() ? "(none)" : s;
}
} // namespace

Result<std::vector<NamedFile>>
parseNamedFiles(const std::vector<std::string> &args, std::string_view flag,
                const std::vector<TensorInfo> &valid, std::string_view kind) {
  std::vector<NamedFile> files;
  for (const std::string &arg : args) {
    size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size())
      return invalidArgument("--", flag, " expects NAME=FILE, got '", arg, "'");
    NamedFile file{arg.substr(0, eq), arg.substr(eq + 1)};
    bool known = false;
    for (const TensorInfo &info : valid)
      known = known || info.name == file.name;
    if (!known)
      return notFound("--", flag, " names unknown ", kind, " '", file.name,
                      "'; the model's ", kind, "s are: ", joinNames(valid));
    for (const NamedFile &other : files)
      if (other.name == file.name)
        return invalidArgument("--", flag, " gives ", kind, " '", file.name,
                               "' twice");
    files.push_back(std::move(file));
  }
  return files;
}

Result<std::vector<Tensor>> bindInputs(Session &session,
                                       const std::vector<NamedFile> &files,
                                       uint64_t seed) {
  const std::vector<TensorInfo> &inputs = session.model().inputs();
  std::vector<Tensor> tensors;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const TensorInfo &info = inputs[i];
    const NamedFile *file = nullptr;
    for (const NamedFile &f : files)
      if (f.name == info.name)
        file = &f;
    Tensor tensor;
    if (file) {
      Result<Tensor> read = tools::readTensorFile(file->path);
      if (!read.ok())
        return read.status().withContext(strCat("input '", info.name, "'"));
      tensor = std::move(read).value();
    } else {
      uint64_t inputSeed = tools::deriveSeed(seed, i);
      NURI_ASSIGN_OR_RETURN(
          tensor, tools::randomTensor(info.dtype, info.shape, inputSeed));
      std::cerr << "nuri-run: note: input '" << info.name << "' ("
                << dtypeName(info.dtype) << " " << shapeToString(info.shape)
                << ") is random (--seed " << seed << ")\n";
    }
    Status status = session.setInput(i, tensor.view());
    if (!status.ok()) {
      if (file)
        return status.withContext(
            strCat("--input ", info.name, "=", file->path));
      return status;
    }
    tensors.push_back(std::move(tensor));
  }
  return tensors;
}

} // namespace nuri::run
