// Command-line parsing for facerestore-cli. Every long option is accepted in the dash form
// (--bg-tile 400, --bg-tile=400) and in GFPGAN's underscore form (-bg_tile 400).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace fr::cli {

struct Options {
  bool help = false;
  bool list_devices = false;
  bool verbose = false;
  std::string input;
  std::string output = "results";
  double upscale = 2.0;
  std::string device;  // empty: FACERESTORE_DEVICE or auto
  int threads = 0;
};

Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage();

}  // namespace fr::cli
