#include "models/zip_archive.h"

#include <algorithm>
#include <cstring>

namespace fr {
namespace {

uint16_t u16(const uint8_t* p) {
  return uint16_t(p[0] | (p[1] << 8));
}
uint32_t u32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
uint64_t u64(const uint8_t* p) {
  return uint64_t(u32(p)) | uint64_t(u32(p + 4)) << 32;
}

constexpr uint32_t kEndOfCentralDir = 0x06054b50, kZip64EndLocator = 0x07064b50,
                   kZip64End = 0x06064b50, kCentralHeader = 0x02014b50, kLocalHeader = 0x04034b50;
constexpr uint64_t kMaxEntries = 1u << 20;

}  // namespace

bool looks_like_zip(ByteSource& src) {
  uint8_t sig[4];
  return src.size() >= 4 && src.read(0, 4, sig) && u32(sig) == kLocalHeader;
}

const ZipEntry* ZipArchive::find(const std::string& name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : &it->second;
}

Result<ZipArchive> ZipArchive::open(ByteSource& src) {
  const uint64_t size = src.size();
  if (size < 22) return src.truncated("too short for a zip archive");
  // The end-of-central-directory record sits in the last 22 + 65535 bytes.
  const uint64_t tail_size = std::min<uint64_t>(size, 22 + 65535);
  auto tail = src.read_vector(size - tail_size, tail_size);
  if (!tail) return tail.error();
  int64_t eocd = -1;
  for (int64_t i = int64_t(tail_size) - 22; i >= 0; --i)
    if (u32(tail->data() + i) == kEndOfCentralDir) {
      eocd = i;
      break;
    }
  if (eocd < 0) return src.truncated("no zip directory at the end");
  const uint8_t* e = tail->data() + eocd;
  uint64_t count = u16(e + 10), dir_size = u32(e + 12), dir_offset = u32(e + 16);
  const uint64_t eocd_pos = size - tail_size + uint64_t(eocd);
  if (count == 0xffff || dir_size == 0xffffffffu || dir_offset == 0xffffffffu) {  // zip64
    if (eocd_pos < 20) return src.truncated("zip64 locator");
    auto loc = src.read_vector(eocd_pos - 20, 20);
    if (!loc) return loc.error();
    if (u32(loc->data()) != kZip64EndLocator) return src.truncated("zip64 locator");
    auto rec = src.read_vector(u64(loc->data() + 8), 56);
    if (!rec) return rec.error();
    if (u32(rec->data()) != kZip64End) return src.truncated("zip64 directory record");
    count = u64(rec->data() + 32);
    dir_size = u64(rec->data() + 40);
    dir_offset = u64(rec->data() + 48);
  }
  if (count > kMaxEntries) return src.truncated("implausible number of zip entries");
  auto dir = src.read_vector(dir_offset, dir_size);
  if (!dir) return dir.error();

  ZipArchive zip;
  uint64_t pos = 0;
  for (uint64_t k = 0; k < count; ++k) {
    if (dir_size - pos < 46 || u32(dir->data() + pos) != kCentralHeader)
      return src.truncated("zip directory entry");
    const uint8_t* h = dir->data() + pos;
    const uint16_t method = u16(h + 10), name_len = u16(h + 28), extra_len = u16(h + 30),
                   comment_len = u16(h + 32);
    uint64_t csize = u32(h + 20), usize = u32(h + 24), local = u32(h + 42);
    if (dir_size - pos - 46 < uint64_t(name_len) + extra_len + comment_len)
      return src.truncated("zip directory entry");
    std::string name(reinterpret_cast<const char*>(h + 46), name_len);
    // Zip64 extended information: the fields that are 0xffffffff, in this order.
    const uint8_t* x = h + 46 + name_len;
    for (uint16_t xp = 0; xp + 4 <= extra_len;) {
      const uint16_t id = u16(x + xp), len = u16(x + xp + 2);
      if (xp + 4 + len > extra_len) break;
      if (id == 0x0001) {
        const uint8_t* f = x + xp + 4;
        uint16_t used = 0;
        auto next = [&](uint64_t& field) {
          if (field == 0xffffffffu && used + 8 <= len) field = u64(f + used), used += 8;
        };
        next(usize);
        next(csize);
        next(local);
      }
      xp += 4 + len;
    }
    pos += 46 + uint64_t(name_len) + extra_len + comment_len;

    if (method != 0)
      return Error{src.name() + ": zip entry '" + name +
                   "' is compressed; PyTorch checkpoints store their data uncompressed"};
    if (csize != usize) return src.truncated("zip entry sizes disagree");
    uint8_t lh[30];
    if (auto st = src.read(local, 30, lh); !st) return st.error();
    if (u32(lh) != kLocalHeader) return src.truncated("zip entry header");
    const uint64_t data = local + 30 + u16(lh + 26) + u16(lh + 28);
    if (data > size || usize > size - data) return src.truncated("zip entry '" + name + "'");
    zip.entries_[name] = {data, usize};
  }
  return zip;
}

}  // namespace fr
