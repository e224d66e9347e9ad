#include "app/cli/cli_options.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace fr::cli {
namespace {

// Canonical name of an option as the user wrote it: dashes stripped, '_' → '-', short forms
// expanded. Empty if `arg` is not an option.
std::string canonical(const std::string& arg) {
  if (arg.size() < 2 || arg[0] != '-') return {};
  std::string name = arg.substr(arg[1] == '-' ? 2 : 1);
  std::replace(name.begin(), name.end(), '_', '-');
  static const std::map<std::string, std::string> kShort = {
      {"h", "help"}, {"i", "input"}, {"o", "output"}, {"s", "upscale"}, {"v", "verbose"}};
  if (auto it = kShort.find(name); it != kShort.end()) return it->second;
  return name;
}

Result<double> to_double(const std::string& opt, const std::string& v) {
  try {
    size_t used = 0;
    const double d = std::stod(v, &used);
    if (used == v.size()) return d;
  } catch (...) {
  }
  return Error{"--" + opt + " needs a number, got '" + v + "'"};
}

Result<int> to_int(const std::string& opt, const std::string& v) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || ptr != v.data() + v.size())
    return Error{"--" + opt + " needs a whole number, got '" + v + "'"};
  return value;
}

}  // namespace

Result<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  for (size_t k = 0; k < args.size(); ++k) {
    std::string arg = args[k];
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const std::string name = canonical(arg);
    if (name.empty()) return Error{"unexpected argument '" + arg + "'"};
    auto value = [&]() -> Result<std::string> {
      if (inline_value) return *inline_value;
      if (k + 1 >= args.size()) return Error{"--" + name + " needs a value"};
      return args[++k];
    };
    if (name == "help") {
      o.help = true;
    } else if (name == "list-devices") {
      o.list_devices = true;
    } else if (name == "verbose") {
      o.verbose = true;
    } else if (name == "input" || name == "output" || name == "device") {
      auto v = value();
      if (!v) return v.error();
      (name == "input" ? o.input : name == "output" ? o.output : o.device) = *v;
    } else if (name == "upscale") {
      auto v = value();
      if (!v) return v.error();
      auto d = to_double(name, *v);
      if (!d) return d.error();
      if (!(*d >= 1.0 && *d <= 16.0)) return Error{"--upscale must be between 1 and 16"};
      o.upscale = *d;
    } else if (name == "threads") {
      auto v = value();
      if (!v) return v.error();
      auto n = to_int(name, *v);
      if (!n) return n.error();
      if (*n < 0) return Error{"--threads must be 0 (all) or more"};
      o.threads = *n;
    } else {
      return Error{"unknown option '" + arg + "'"};
    }
  }
  return o;
}

std::string usage() {
  return R"(Usage: facerestore-cli -i INPUT [-o OUTPUT] [options]

Restores faces in photos and upscales them.

  -i, --input PATH       an image file or a folder of images
  -o, --output DIR       output folder (default: results)
  -s, --upscale F        final upscale factor, 1 to 16 (default: 2)
      --device D         auto, cpu, vulkan or vulkan:N (default: $FACERESTORE_DEVICE or auto)
      --threads N        CPU threads, 0 = all (default: 0)
      --list-devices     list the compute devices and which one "auto" picks
  -v, --verbose          debug output
  -h, --help             this text

Options also work in GFPGAN's underscore form, e.g. -bg_tile 400.
)";
}

}  // namespace fr::cli
