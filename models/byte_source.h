// Random-access bytes of a model file, every read checked against the size. FileSource reads
// from disk on demand (a 350 MB checkpoint is never loaded whole); MemorySource serves a
// buffer (tests, fuzzing).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"

namespace fr {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  // Reads exactly n bytes at offset; an error (naming the file) if that range is not there.
  virtual Status read(uint64_t offset, uint64_t n, void* dst) = 0;
  // A short name for messages: the file name.
  virtual const std::string& name() const = 0;

  Result<std::vector<uint8_t>> read_vector(uint64_t offset, uint64_t n);
  Error truncated(const std::string& what) const;
};

class FileSource final : public ByteSource {
 public:
  static Result<std::unique_ptr<ByteSource>> open(const std::filesystem::path& path);
  uint64_t size() const override { return size_; }
  Status read(uint64_t offset, uint64_t n, void* dst) override;
  const std::string& name() const override { return name_; }

 private:
  std::ifstream in_;
  uint64_t size_ = 0;
  std::string name_;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(const uint8_t* data, size_t size, std::string name)
      : data_(data), size_(size), name_(std::move(name)) {}
  uint64_t size() const override { return size_; }
  Status read(uint64_t offset, uint64_t n, void* dst) override;
  const std::string& name() const override { return name_; }

 private:
  const uint8_t* data_;
  uint64_t size_;
  std::string name_;
};

}  // namespace fr
