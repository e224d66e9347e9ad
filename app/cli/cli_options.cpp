#include "app/cli/cli_options.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "app/restore/tiled_upscale.h"

namespace fr::cli {
namespace {

// Canonical name of an option as the user wrote it: dashes stripped, '_' → '-', short forms
// expanded. Empty if `arg` is not an option.
std::string canonical(const std::string& arg) {
  if (arg.size() < 2 || arg[0] != '-') return {};
  std::string name = arg.substr(arg[1] == '-' ? 2 : 1);
  std::replace(name.begin(), name.end(), '_', '-');
  static const std::map<std::string, std::string> kShort = {
      {"h", "help"}, {"i", "input"}, {"o", "output"}, {"s", "upscale"}, {"v", "version"}};
  if (auto it = kShort.find(name); it != kShort.end()) return it->second;
  return name;
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
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

template <class T>
Result<T> to_whole(const std::string& opt, const std::string& v) {
  T value = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec == std::errc::result_out_of_range)
    return Error{"--" + opt + " is out of range, got '" + v + "'"};
  if (ec != std::errc() || ptr != v.data() + v.size())
    return Error{"--" + opt + " needs a whole number, got '" + v + "'"};
  return value;
}

// A whole number of at least 0; `zero` says what 0 means, for the error message.
Result<int> to_count(const std::string& opt, const std::string& v, const std::string& zero) {
  auto n = to_whole<int>(opt, v);
  if (!n) return n.error();
  if (*n < 0) return Error{"--" + opt + " must be 0" + zero + " or more, got " + v};
  return *n;
}

// Options that are on when given and take no value.
const std::map<std::string, bool Options::*>& flags() {
  static const std::map<std::string, bool Options::*> kFlags = {
      {"help", &Options::help},
      {"list-devices", &Options::list_devices},
      {"verbose", &Options::verbose},
      {"json", &Options::json},
      {"recursive", &Options::recursive},
      {"no-face", &Options::no_face},
      {"only-center-face", &Options::only_center_face},
      {"aligned", &Options::aligned},
      {"overwrite", &Options::overwrite},
      {"allow-modified-models", &Options::allow_modified_models},
      {"fp16", &Options::fp16},
  };
  return kFlags;
}

// Options whose value is taken as it is; `allow_empty` for those where "" means something.
struct TextOption {
  std::string Options::*field;
  bool allow_empty;
};

const std::map<std::string, TextOption>& text_options() {
  static const std::map<std::string, TextOption> kText = {
      {"input", {&Options::input, false}},           {"output", {&Options::output, false}},
      {"face-model", {&Options::face_model, false}}, {"bg-model", {&Options::bg_model, false}},
      {"det-model", {&Options::det_model, false}},   {"models-dir", {&Options::models_dir, false}},
      {"suffix", {&Options::suffix, true}},          {"device", {&Options::device, true}},
  };
  return kText;
}

// Options whose value is checked below.
const std::set<std::string>& checked_options() {
  static const std::set<std::string> kChecked = {
      "version", "upscale", "bg-upsampler", "bg-tile", "tile-pad",       "det-tile",
      "threads", "ext",     "noise",        "seed",    "max-megapixels",
  };
  return kChecked;
}

}  // namespace

Result<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  for (size_t k = 0; k < args.size(); ++k) {
    std::string arg = args[k];
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); arg.rfind("-", 0) == 0 && eq != std::string::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const std::string name = canonical(arg);
    if (name.empty())
      return Error{"unexpected argument '" + arg + "' (give the input with -i PATH)"};
    auto value = [&]() -> Result<std::string> {
      if (inline_value) return *inline_value;
      if (k + 1 >= args.size()) {
        if (name == "version")
          return Error{"--version (-v) needs a value, 1.3 or 1.4; debug output is --verbose"};
        return Error{"--" + name + " needs a value"};
      }
      return args[++k];
    };

    if (auto flag = flags().find(name); flag != flags().end()) {
      if (inline_value) return Error{"--" + name + " takes no value, got '" + *inline_value + "'"};
      o.*(flag->second) = true;
      continue;
    }
    if (auto text = text_options().find(name); text != text_options().end()) {
      auto v = value();
      if (!v) return v.error();
      if (v->empty() && !text->second.allow_empty) return Error{"--" + name + " needs a value"};
      o.*(text->second.field) = *v;
      continue;
    }
    if (!checked_options().count(name))
      return Error{"unknown option '" + arg + "' (--help lists the options)"};
    auto v = value();
    if (!v) return v.error();

    if (name == "version") {
      if (*v != "1.3" && *v != "1.4")
        return Error{"--version (-v) must be the GFPGAN version, got '" + *v +
                     "'; valid values: 1.3, 1.4 (debug output is --verbose)"};
      o.version = *v;
    } else if (name == "upscale") {
      auto d = to_double(name, *v);
      if (!d) return d.error();
      if (!(*d >= 1.0 && *d <= 16.0)) return Error{"--upscale must be between 1 and 16, got " + *v};
      o.upscale = *d;
    } else if (name == "bg-upsampler") {
      o.bg_upsampler = lower(*v) == "none" ? std::string() : *v;
    } else if (name == "bg-tile") {
      if (lower(*v) == "auto") {
        o.bg_tile = kAutoTile;
      } else {
        auto n = to_count(name, *v, " (no tiling)");
        if (!n) return n.error();
        o.bg_tile = *n;
      }
    } else if (name == "tile-pad") {
      auto n = to_count(name, *v, "");
      if (!n) return n.error();
      o.tile_pad = *n;
    } else if (name == "det-tile") {
      auto n = to_count(name, *v, " (the whole photo)");
      if (!n) return n.error();
      if (*n > 0 && *n < 64) return Error{"--det-tile must be 0 or at least 64, got " + *v};
      o.det_tile = *n;
    } else if (name == "max-megapixels") {
      auto n = to_count(name, *v, " (no limit)");
      if (!n) return n.error();
      o.max_megapixels = *n;
    } else if (name == "threads") {
      auto n = to_count(name, *v, " (all)");
      if (!n) return n.error();
      o.threads = *n;
    } else if (name == "ext") {
      std::string ext = lower(*v);
      if (ext == "jpeg") ext = "jpg";
      if (ext != "auto" && ext != "png" && ext != "jpg" && ext != "webp")
        return Error{"--ext must be an image format, got '" + *v +
                     "'; valid values: auto, png, jpg, webp"};
      o.ext = ext;
    } else if (name == "noise") {
      const std::string noise = lower(*v);
      if (noise != "stored" && noise != "random")
        return Error{"--noise must be stored or random, got '" + *v +
                     "'; valid values: stored, random"};
      o.noise = noise;
    } else if (name == "seed") {
      auto n = to_whole<uint64_t>(name, *v);
      if (!n) return n.error();
      o.seed = *n;
    }
  }

  if (o.aligned && o.no_face)
    return Error{
        "--aligned and --no-face contradict each other: --aligned says the inputs are faces to "
        "restore, --no-face skips faces; drop one of them"};
  if (o.no_face && !o.face_model.empty())
    return Error{
        "--no-face and --face-model contradict each other: --no-face skips face restoration, so "
        "no face model is used; drop one of them"};
  if (o.suffix.find_first_of("/\\") != std::string::npos)
    return Error{"--suffix is added to file names and cannot contain '/' or '\\', got '" +
                 o.suffix + "'"};
  return o;
}

std::string usage() {
  return R"(Usage: facerestore-cli -i INPUT [-o OUTPUT] [options]

Restores faces in photos and upscales them.

Input and output:
  -i, --input PATH         an image file or a folder of images
      --recursive          also read the folder's subfolders (default: off)
  -o, --output DIR         output folder (default: results)

Models:
  -v, --version V          GFPGAN version, 1.3 or 1.4 (default: 1.4)
      --face-model PATH    a GFPGAN weights file instead of the catalog's (default: none)
      --no-face            no face restoration, only upscale the background (default: off)
      --bg-upsampler NAME  background upscaler, or none (default: none); realesrgan is
                           Real-ESRGAN x2plus, as in GFPGAN; catalog names such as
                           realesr-general-x4v3 work too
      --bg-model PATH      a background upscaler weights file; wins over --bg-upsampler
      --det-model NAME     face detector: retinaface_resnet50, retinaface_mobile0.25 or a
                           file path (default: retinaface_resnet50)
      --allow-modified-models
                           use catalog models whose SHA-256 differs from the published one
                           (default: off: such a file is refused as damaged)
      --models-dir DIR     where models are looked for and downloaded
                           (default: $FACERESTORE_MODELS or the per-user models folder)

Processing:
  -s, --upscale F          final upscale factor, 1 to 16 (default: 2)
      --bg-tile N          background tile size in pixels, 0 = no tiling, auto = the largest
                           up to 400 that fits in half the device's free memory (default: 400)
      --tile-pad N         pixels of context around each tile (default: 10)
      --det-tile N         largest side the face detector sees at once; larger photos are
                           detected in parts, 0 = the whole photo (default: 4096)
      --only-center-face   restore only the face nearest the centre (default: off)
      --aligned            the inputs are aligned 512x512 faces (default: off)
      --noise MODE         GFPGAN's noise: stored or random (default: stored)
      --seed N             seed for --noise random (default: 0)

Device:
      --device D           auto, cpu, vulkan, vulkan:N, vulkan:UUID or vulkan:NAME (a part of
                           the GPU's name, e.g. vulkan:radeon); N and UUID as --list-devices
                           shows them (default: $FACERESTORE_DEVICE or auto)
      --threads N          CPU threads, 0 = all (default: 0)
      --fp16               on a GPU, store tensors as 16-bit floats: half the memory, and
                           results that differ slightly; the CPU ignores it (default: off)
      --list-devices       list the compute devices and which one "auto" picks

Output format:
      --ext E              auto, png, jpg or webp; auto keeps the input's (default: auto)
      --suffix S           added to output names as NAME_S (default: none)
      --overwrite          replace outputs that exist; an input is never replaced
                           (default: off: a photo whose result exists is skipped)
      --max-megapixels N   refuse larger photos, 0 = no limit (default: 100)

Misc:
      --json               one JSON object per progress event on stdout
      --verbose            debug output (-v is --version, as in GFPGAN)
  -h, --help               this text

Options also work with = (--bg-tile=400) and in GFPGAN's underscore form, e.g. -bg_tile 400.
)";
}

}  // namespace fr::cli
