// The entries of a zip archive (PyTorch's checkpoint container), read from the central
// directory, zip64 included. Only stored (uncompressed) entries can be read: torch.save never
// compresses. Every offset and size is checked against the file.
#pragma once

#include <map>
#include <string>

#include "models/byte_source.h"

namespace fr {

struct ZipEntry {
  uint64_t data_offset = 0;  // where the entry's bytes start in the file
  uint64_t size = 0;
};

class ZipArchive {
 public:
  static Result<ZipArchive> open(ByteSource& src);
  // The entry, or nullptr.
  const ZipEntry* find(const std::string& name) const;
  const std::map<std::string, ZipEntry>& entries() const { return entries_; }

 private:
  std::map<std::string, ZipEntry> entries_;
};

// True if the source starts like a zip archive.
bool looks_like_zip(ByteSource& src);

}  // namespace fr
