// Writes the fuzzers' seed corpus: checkpoints of known content in both serialisations, a
// hostile pickle, a safetensors file and a small ncnn model, made with the tests' writers, and
// the smaller real files of ../shared. Usage: make_fuzz_seeds OUT_DIR
#include <cstdio>
#include <filesystem>
#include <string>

#include "tests/checkpoint_writer.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace fr::test;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_fuzz_seeds OUT_DIR\n");
    return 2;
  }
  const fs::path out = argv[1];
  for (const char* t : {"pickle", "zip", "torch", "safetensors", "ncnn"})
    fs::create_directories(out / t);

  PickleWriter tensors;
  tensors.str("a.weight").tensor("FloatStorage", "0", 6, 0, {2, 3}, {3, 1});
  tensors.str("b.half").tensor("HalfStorage", "1", 3, 0, {3}, {1});
  const CheckpointParts parts{tensors.out,
                              {{"0", f32_bytes({0, 1, 2, 3, 4, 5})}, {"1", f16_bytes({1, 2, 3})}}};
  const std::string zip = zip_checkpoint(parts);
  const std::string legacy = legacy_checkpoint(parts, {{"0", 4}, {"1", 2}});
  write_file(out / "torch" / "zip.pth", zip);
  write_file(out / "torch" / "legacy.pth", legacy);
  write_file(out / "zip" / "zip.pth", zip);
  write_file(out / "pickle" / "legacy.pkl", legacy);
  PickleWriter hostile;
  hostile.proto().empty_dict().str("w").global("os", "system").mark().str("true").tuple().reduce();
  hostile.raw("s").stop();
  write_file(out / "pickle" / "hostile.pkl", hostile.out);

  const std::string header = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
  std::string st;
  for (int i = 0; i < 8; ++i) st += char((header.size() >> (8 * i)) & 0xff);
  st += header + f32_bytes({1.5f, -2.0f});
  write_file(out / "safetensors" / "small.safetensors", st);

  const std::string param =
      "7767517\n3 3\nInput in 0 1 data\nConvolution conv 1 1 data c 0=2 1=1 5=1 6=2\n"
      "PReLU act 1 1 c out 0=2\n";
  std::string bin(4, '\0');  // fp32 tag
  bin += f32_bytes({1, 2}) + f32_bytes({0.5f, 0.25f}) + f32_bytes({0.1f, 0.2f});
  write_file(out / "ncnn" / "small", param + std::string(1, '\0') + bin);

  const fs::path shared = test_data_dir() / "models";
  for (const char* f : {"test/rrdbnet-x2-f32-b1.pth", "retinaface-mobilenet0.25.pth"})
    if (fs::exists(shared / f))
      fs::copy_file(shared / f, out / "torch" / fs::path(f).filename(),
                    fs::copy_options::overwrite_existing);
  if (fs::exists(shared / "realesr-general-x4v3.param"))
    write_file(out / "ncnn" / "realesr", read_file(shared / "realesr-general-x4v3.param") +
                                             std::string(1, '\0') +
                                             read_file(shared / "realesr-general-x4v3.bin"));
  return 0;
}
