#include "models/npy.h"

#include <cstring>
#include <fstream>
#include <regex>

namespace fr {
namespace {

Error npy_error(const std::filesystem::path& path, const std::string& why) {
  return Error{"cannot read " + path.string() + ": " + why};
}

}  // namespace

Result<NpyArray> read_npy(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return npy_error(path, "the file cannot be opened");
  in.seekg(0, std::ios::end);
  const int64_t file_size = in.tellg();
  in.seekg(0);

  char magic[8];
  if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    return npy_error(path, "not a NumPy .npy file");
  const int major = static_cast<unsigned char>(magic[6]);
  uint32_t header_len = 0;
  if (major == 1) {
    unsigned char b[2];
    if (!in.read(reinterpret_cast<char*>(b), 2)) return npy_error(path, "truncated header");
    header_len = b[0] | (uint32_t(b[1]) << 8);
  } else if (major == 2 || major == 3) {
    unsigned char b[4];
    if (!in.read(reinterpret_cast<char*>(b), 4)) return npy_error(path, "truncated header");
    header_len = b[0] | (uint32_t(b[1]) << 8) | (uint32_t(b[2]) << 16) | (uint32_t(b[3]) << 24);
  } else {
    return npy_error(path, "unsupported .npy version " + std::to_string(major));
  }
  if (int64_t(header_len) > file_size) return npy_error(path, "truncated header");
  std::string header(header_len, '\0');
  if (!in.read(header.data(), header_len)) return npy_error(path, "truncated header");

  static const std::regex descr_re(R"('descr'\s*:\s*'([^']*)')");
  static const std::regex order_re(R"('fortran_order'\s*:\s*(True|False))");
  static const std::regex shape_re(R"('shape'\s*:\s*\(([^)]*)\))");
  std::smatch m;
  if (!std::regex_search(header, m, descr_re) || (m[1] != "<f4" && m[1] != "=f4"))
    return npy_error(path, "only little-endian float32 arrays are supported");
  if (!std::regex_search(header, m, order_re) || m[1] != "False")
    return npy_error(path, "Fortran-order arrays are not supported");
  if (!std::regex_search(header, m, shape_re)) return npy_error(path, "no shape in the header");

  NpyArray arr;
  int64_t count = 1;
  const std::string dims = m[1];
  static const std::regex int_re(R"(\d+)");
  for (auto it = std::sregex_iterator(dims.begin(), dims.end(), int_re);
       it != std::sregex_iterator(); ++it) {
    const int64_t d = std::stoll(it->str());
    if (d < 0 || d > (int64_t(1) << 40) || (d > 0 && count > (int64_t(1) << 40) / d))
      return npy_error(path, "implausible shape");
    arr.dims.push_back(d);
    count *= d;
  }
  const int64_t data_offset = in.tellg();
  if (file_size - data_offset != count * 4)
    return npy_error(path, "data size does not match the shape (" +
                               std::to_string(file_size - data_offset) + " bytes for " +
                               std::to_string(count) + " floats)");
  arr.values.resize(size_t(count));
  if (!in.read(reinterpret_cast<char*>(arr.values.data()), count * 4))
    return npy_error(path, "read failed");
  return arr;
}

Result<HostTensor> read_npy_tensor(const std::filesystem::path& path) {
  auto arr = read_npy(path);
  if (!arr) return arr.error();
  if (arr->dims.empty() || arr->dims.size() > 4)
    return npy_error(path, "expected 1 to 4 dimensions, got " + std::to_string(arr->dims.size()));
  int d[4] = {1, 1, 1, 1};
  const size_t k = arr->dims.size();
  for (size_t i = 0; i < k; ++i) {
    if (arr->dims[i] > (1 << 30)) return npy_error(path, "dimension too large");
    d[4 - k + i] = int(arr->dims[i]);
  }
  return HostTensor(Shape{d[0], d[1], d[2], d[3]}, std::move(arr->values));
}

}  // namespace fr
