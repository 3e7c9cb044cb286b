#include "artifact/byte_source.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nuri::detail {
namespace {

class MappedFile final : public ByteSource {
public:
  MappedFile(void *data, size_t size) : data_(data), size_(size) {}
  ~MappedFile() override {
    if (data_)
      munmap(data_, size_);
  }
  std::span<const uint8_t> bytes() const override {
    return {static_cast<const uint8_t *>(data_), size_};
  }

private:
  void *data_;
  size_t size_;
};

class AlignedCopy final : public ByteSource {
public:
  AlignedCopy(void *data, size_t size) : data_(data), size_(size) {}
  ~AlignedCopy() override { std::free(data_); }
  std::span<const uint8_t> bytes() const override {
    return {static_cast<const uint8_t *>(data_), size_};
  }

private:
  void *data_;
  size_t size_;
};

std::string osError(int err) { return std::strerror(err); }

} // namespace

Result<std::shared_ptr<const ByteSource>> mapFile(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT)
      return notFound("cannot open the file: ", osError(err));
    return invalidArgument("cannot open the file: ", osError(err));
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return invalidArgument("cannot stat the file: ", osError(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return invalidArgument("not a regular file");
  }
  size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) {
    // mmap rejects an empty range; the loader reports the empty file.
    ::close(fd);
    return std::shared_ptr<const ByteSource>(
        std::make_shared<MappedFile>(nullptr, 0));
  }
  void *data = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  int err = errno;
  ::close(fd); // the mapping keeps the file contents reachable
  if (data == MAP_FAILED)
    return resourceExhausted("cannot map the file (", size,
                             " bytes): ", osError(err));
  return std::shared_ptr<const ByteSource>(
      std::make_shared<MappedFile>(data, size));
}

Result<std::shared_ptr<const ByteSource>>
copyBytes(std::span<const uint8_t> bytes) {
  constexpr size_t kAlign = 64;
  size_t rounded = (bytes.size() + kAlign - 1) / kAlign * kAlign;
  if (rounded < bytes.size())
    return resourceExhausted("artifact of ", bytes.size(),
                             " bytes is too large");
  if (rounded == 0)
    rounded = kAlign;
  void *data = std::aligned_alloc(kAlign, rounded);
  if (!data)
    return resourceExhausted("out of memory copying an artifact of ",
                             bytes.size(), " bytes");
  if (!bytes.empty())
    std::memcpy(data, bytes.data(), bytes.size());
  return std::shared_ptr<const ByteSource>(
      std::make_shared<AlignedCopy>(data, bytes.size()));
}

} // namespace nuri::detail
