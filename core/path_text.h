// A path as UTF-8 text for messages, whatever the platform's native encoding (Windows paths
// are UTF-16; Chinese file names must survive into error messages).
#pragma once

#include <filesystem>
#include <string>

namespace fr {

inline std::string path_text(const std::filesystem::path& p) {
  const auto u8 = p.u8string();
  return std::string(u8.begin(), u8.end());
}

}  // namespace fr
