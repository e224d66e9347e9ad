// safetensors files: an 8-byte little-endian header length, a JSON header naming each
// tensor's dtype, shape and byte range, then the data. Every range is checked.
#pragma once

#include <map>
#include <string>

#include "models/byte_source.h"
#include "models/weight_store.h"

namespace fr {

bool looks_like_safetensors(ByteSource& src);
Result<std::map<std::string, Weight>> read_safetensors(ByteSource& src);

}  // namespace fr
