// libFuzzer entry points for the model-file parsers; one binary per target, chosen by the
// FR_FUZZ_TARGET macro (tests/fuzz/CMakeLists.txt). Each target must return without crashing,
// leaking or touching memory it does not own (ASan, UBSan), whatever the input.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "models/byte_source.h"
#include "models/ncnn_model.h"
#include "models/pickle_vm.h"
#include "models/safetensors_reader.h"
#include "models/torch_reader.h"
#include "models/zip_archive.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fr::MemorySource src(data, size, "fuzz");
#if FR_FUZZ_TARGET == 1  // pickle
  uint64_t pos = 0;
  (void)fr::pickle::load(src, pos, [](const fr::pickle::Value& pid) {
    return fr::pickle::storage_from_persistent_id(pid, "fuzz");
  });
#elif FR_FUZZ_TARGET == 2  // zip
  (void)fr::ZipArchive::open(src);
#elif FR_FUZZ_TARGET == 3  // torch checkpoint, both serialisations
  (void)fr::read_torch_checkpoint(src);
#elif FR_FUZZ_TARGET == 4  // safetensors
  (void)fr::read_safetensors(src);
#elif FR_FUZZ_TARGET == 5  // ncnn: .param text, a NUL byte, then the .bin
  const auto* split = static_cast<const uint8_t*>(std::memchr(data, 0, size));
  const size_t param_size = split ? size_t(split - data) : size;
  const std::string param(reinterpret_cast<const char*>(data), param_size);
  fr::MemorySource bin(split ? split + 1 : data + size, split ? size - param_size - 1 : 0,
                       "fuzz.bin");
  (void)fr::parse_ncnn(param, bin, "fuzz.param");
#else
#error "FR_FUZZ_TARGET must select a target"
#endif
  return 0;
}
