#include "tests/robustness/robustness_support.h"

#include <cstdio>
#include <fstream>
#include <iterator>

#include <jpeglib.h>
#include <opencv2/imgcodecs.hpp>

namespace fr::test {

cv::Mat pattern_image(int w, int h) {
  cv::Mat image(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      image.at<cv::Vec3b>(y, x) = cv::Vec3b(uint8_t(x * 255 / std::max(1, w - 1)),
                                            uint8_t(y * 255 / std::max(1, h - 1)),
                                            uint8_t((x * 7 + y * 13) % 256));
  return image;
}

std::vector<uint8_t> with_exif_orientation(const std::vector<uint8_t>& jpeg, int orientation) {
  // "Exif\0\0", then a little-endian TIFF header and IFD0 with the one tag 0x0112 (SHORT).
  const std::vector<uint8_t> exif = {
      'E', 'x', 'i', 'f', 0, 0,                            //
      'I', 'I', 42, 0, 8, 0, 0, 0,                         // TIFF header, IFD0 at 8
      1, 0,                                                // one entry
      0x12, 0x01, 3, 0, 1, 0, 0, 0, uint8_t(orientation), 0, 0, 0,  // orientation
      0, 0, 0, 0};                                         // no next IFD
  const size_t length = exif.size() + 2;
  std::vector<uint8_t> out(jpeg.begin(), jpeg.begin() + 2);  // SOI
  out.insert(out.end(), {0xFF, 0xE1, uint8_t(length >> 8), uint8_t(length & 0xFF)});
  out.insert(out.end(), exif.begin(), exif.end());
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

std::vector<uint8_t> cmyk_jpeg(const cv::Mat& bgr) {
  jpeg_compress_struct cinfo;
  jpeg_error_mgr jerr;
  cinfo.err = jpeg_std_error(&jerr);
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = JDIMENSION(bgr.cols);
  cinfo.image_height = JDIMENSION(bgr.rows);
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 95, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  // Adobe CMYK JPEGs store inverted values (255 = no ink); libjpeg readers expect that.
  std::vector<uint8_t> row(size_t(bgr.cols) * 4);
  while (cinfo.next_scanline < cinfo.image_height) {
    const cv::Vec3b* px = bgr.ptr<cv::Vec3b>(int(cinfo.next_scanline));
    for (int x = 0; x < bgr.cols; ++x) {
      const int b = px[x][0], g = px[x][1], r = px[x][2];
      const int k = 255 - std::max({r, g, b});
      const auto ink = [&](int v) { return k == 255 ? 0 : (255 - v - k) * 255 / (255 - k); };
      row[size_t(x) * 4 + 0] = uint8_t(255 - ink(r));
      row[size_t(x) * 4 + 1] = uint8_t(255 - ink(g));
      row[size_t(x) * 4 + 2] = uint8_t(255 - ink(b));
      row[size_t(x) * 4 + 3] = uint8_t(255 - k);
    }
    JSAMPROW rows[1] = {row.data()};
    jpeg_write_scanlines(&cinfo, rows, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::vector<uint8_t> out(buffer, buffer + size);
  std::free(buffer);
  return out;
}

std::vector<uint8_t> encode(const cv::Mat& image, const std::string& ext) {
  std::vector<uint8_t> bytes;
  cv::imencode(ext, image, bytes);
  return bytes;
}

void write_bytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

std::vector<uint8_t> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::filesystem::path> leftover_temporaries(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> found;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.find(".facerestore-") != std::string::npos ||
        (name.size() > 4 && name.substr(name.size() - 4) == ".tmp"))
      found.push_back(e.path());
  }
  return found;
}

}  // namespace fr::test
