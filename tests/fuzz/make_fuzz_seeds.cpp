// Writes the fuzzers' seed corpus: checkpoints of known content in both serialisations, a
// hostile pickle, a safetensors file and a small ncnn model, made with the tests' writers, the
// smaller real files of ../shared, and small images in every format we read (OpenCV-encoded;
// a JPEG and a PNG with an EXIF orientation). Usage: make_fuzz_seeds OUT_DIR
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/checkpoint_writer.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace fr::test;

namespace {

std::string encode(const std::string& ext, const cv::Mat& image, std::vector<int> params = {}) {
  std::vector<uint8_t> bytes;
  if (!cv::imencode(ext, image, bytes, params)) {
    std::fprintf(stderr, "make_fuzz_seeds: cannot encode %s\n", ext.c_str());
    std::exit(1);
  }
  return std::string(bytes.begin(), bytes.end());
}

std::string be16(unsigned v) { return {char(v >> 8 & 0xff), char(v & 0xff)}; }
std::string be32(uint32_t v) { return be16(v >> 16) + be16(v & 0xffff); }

// A big-endian TIFF structure whose IFD0 holds one entry: orientation (0x0112, SHORT, 1).
std::string exif_tiff(unsigned orientation) {
  return std::string("MM\0*", 4) + be32(8) + be16(1) + be16(0x0112) + be16(3) + be32(1) +
         be16(orientation) + be16(0) + be32(0);
}

uint32_t crc32(const std::string& bytes) {
  uint32_t c = 0xffffffffu;
  for (unsigned char b : bytes) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
  }
  return ~c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_fuzz_seeds OUT_DIR\n");
    return 2;
  }
  const fs::path out = argv[1];
  for (const char* t : {"pickle", "zip", "torch", "safetensors", "ncnn", "image"})
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

  // Images: a 16x12 gradient in each format, 8- and 16-bit, grey, with alpha.
  cv::Mat bgr(12, 16, CV_8UC3);
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x)
      bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(16 * x), uchar(20 * y), uchar(8 * (x + y)));
  cv::Mat grey, bgra, bgr16;
  cv::extractChannel(bgr, grey, 1);
  cv::Mat planes[] = {bgr, grey};
  cv::merge(planes, 2, bgra);
  bgr.convertTo(bgr16, CV_16U, 257.0);
  const fs::path img = out / "image";
  const std::string jpeg = encode(".jpg", bgr, {cv::IMWRITE_JPEG_QUALITY, 80});
  const std::string png = encode(".png", bgr);
  write_file(img / "bgr.jpg", jpeg);
  write_file(img / "grey.jpg", encode(".jpg", grey));
  write_file(img / "bgr.png", png);
  write_file(img / "bgra.png", encode(".png", bgra));
  write_file(img / "bgr16.png", encode(".png", bgr16));
  write_file(img / "grey.png", encode(".png", grey));
  write_file(img / "bgr.webp", encode(".webp", bgr, {cv::IMWRITE_WEBP_QUALITY, 80}));
  write_file(img / "bgra.webp", encode(".webp", bgra, {cv::IMWRITE_WEBP_QUALITY, 101}));
  write_file(img / "bgr.bmp", encode(".bmp", bgr));
  write_file(img / "bgr.tif", encode(".tif", bgr));
  write_file(img / "bgra16.tif", encode(".tif", [&] {
               cv::Mat m;
               bgra.convertTo(m, CV_16U, 257.0);
               return m;
             }()));
  // JPEG with an APP1 "Exif" segment right after SOI: orientation 6 (90° clockwise).
  const std::string app1 = std::string("Exif\0\0", 6) + exif_tiff(6);
  write_file(img / "exif6.jpg",
             jpeg.substr(0, 2) + "\xff\xe1" + be16(unsigned(app1.size() + 2)) + app1 +
                 jpeg.substr(2));
  // PNG with an eXIf chunk before IDAT (after IHDR: signature 8 + IHDR 25 bytes): orientation 8.
  const std::string exif_chunk = "eXIf" + exif_tiff(8);
  write_file(img / "exif8.png", png.substr(0, 33) + be32(uint32_t(exif_chunk.size() - 4)) +
                                    exif_chunk + be32(crc32(exif_chunk)) + png.substr(33));
  return 0;
}
