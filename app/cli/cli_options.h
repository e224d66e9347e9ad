// Command-line parsing for facerestore-cli. Every long option is accepted in the dash form
// (--bg-tile 400, --bg-tile=400) and in GFPGAN's underscore form (-bg_tile 400).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace fr::cli {

struct Options {
  bool help = false;
  bool list_devices = false;
  bool verbose = false;  // --verbose only: -v is GFPGAN's --version
  bool json = false;     // one JSON object per progress event on stdout

  std::string input;  // file or folder
  bool recursive = false;
  std::string output = "results";

  // Face model: the catalog's GFPGAN of this version ("1.3" or "1.4"), unless face_model
  // (a path) is given. no_face: background only.
  std::string version = "1.4";
  std::string face_model;
  bool no_face = false;

  double upscale = 2.0;      // final scale, 1 to 16
  std::string bg_upsampler;  // a catalog name, or empty for none
  std::string bg_model;      // a path; wins over bg_upsampler
  int bg_tile = 400;    // 0: the whole image at once; fr::kAutoTile (--bg-tile auto): from memory
  int tile_pad = 10;    // pixels of context around each tile
  int det_tile = 4096;  // detection tiles (DetectionTiles::tile)
  std::string det_model = "retinaface_resnet50";  // a catalog name or a path
  bool only_center_face = false;
  bool aligned = false;  // inputs are aligned 512×512 faces

  std::string ext = "auto";            // auto, png, jpg, webp
  std::string suffix;                  // appended to output names as _<suffix>
  bool overwrite = false;              // replace existing outputs (inputs are never replaced)
  int max_megapixels = 100;            // larger inputs are refused; 0: no limit
  bool allow_modified_models = false;  // use catalog models whose checksum does not match
  std::string device;                  // empty: FACERESTORE_DEVICE or auto
  std::string models_dir;
  std::string noise = "stored";  // stored or random
  uint64_t seed = 0;
  int threads = 0;    // CPU threads, 0 = all
  bool fp16 = false;  // store tensors as 16-bit floats on a GPU that can (BackendOptions)
};

Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage();

}  // namespace fr::cli
