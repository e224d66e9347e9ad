// PyTorch checkpoints (torch.save files) without Python: the zip container
// (<name>/data.pkl + <name>/data/<key>) and the legacy serialisation (magic number,
// protocol, system info, the object, storage keys, raw storages). The pickled object is
// interpreted by models/pickle_vm (no code from the file runs). Nested dicts are flattened to
// dotted names; non-tensor values are ignored.
#pragma once

#include <map>
#include <string>

#include "models/byte_source.h"
#include "models/weight_store.h"

namespace fr {

Result<std::map<std::string, Weight>> read_torch_checkpoint(ByteSource& src);

}  // namespace fr
