// An ncnn graph (.param/.bin) used as a background upscaler: the community's Real-ESRGAN
// conversions. Its scale is measured on a small input when it is loaded.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "models/ncnn_net.h"
#include "models/upscaler.h"

namespace fr {

// Loads `model`, read from `param`, onto `backend` (which must outlive it) and runs it once on
// a 3×16×16 input: the graph must give a 3-channel image a whole number of times larger,
// square. Errors name `param`; describe() says "ncnn graph <file name> (×scale)".
Result<std::unique_ptr<Upscaler>> load_ncnn_upscaler(const NcnnModel& model, Backend& backend,
                                                     const std::filesystem::path& param);

}  // namespace fr
