#include "models/byte_source.h"

#include <cstring>

#include "core/path_text.h"

namespace fr {

Error ByteSource::truncated(const std::string& what) const {
  return Error{name() + ": the file is truncated or damaged (" + what + ")"};
}

Result<std::vector<uint8_t>> ByteSource::read_vector(uint64_t offset, uint64_t n) {
  if (offset > size() || n > size() - offset) return truncated("a read past the end");
  std::vector<uint8_t> v(n);
  if (auto st = read(offset, n, v.data()); !st) return st.error();
  return v;
}

Result<std::unique_ptr<ByteSource>> FileSource::open(const std::filesystem::path& path) {
  auto src = std::make_unique<FileSource>();
  src->name_ = path_text(path.filename());
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Error{src->name_ + ": is a folder"};
  src->in_.open(path, std::ios::binary);
  if (!src->in_) return Error{src->name_ + ": cannot be opened (missing or not readable)"};
  src->in_.seekg(0, std::ios::end);
  const auto end = src->in_.tellg();
  if (end < 0) return Error{src->name_ + ": cannot be read"};
  src->size_ = uint64_t(end);
  return std::unique_ptr<ByteSource>(std::move(src));
}

Status FileSource::read(uint64_t offset, uint64_t n, void* dst) {
  if (offset > size_ || n > size_ - offset) return truncated("a read past the end");
  in_.clear();
  in_.seekg(std::streamoff(offset));
  if (!in_.read(static_cast<char*>(dst), std::streamsize(n))) return Error{name_ + ": read failed"};
  return {};
}

Status MemorySource::read(uint64_t offset, uint64_t n, void* dst) {
  if (offset > size_ || n > size_ - offset) return truncated("a read past the end");
  if (n) std::memcpy(dst, data_ + offset, n);
  return {};
}

}  // namespace fr
