#include "app/restore/pipeline.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/logging.h"

namespace fr {
namespace {

const Error kCancelled{"cancelled", ErrorKind::cancelled};

void report(const RunControl& control, Stage stage, int index = 1, int count = 1) {
  if (control.on_progress) control.on_progress(ProgressEvent{stage, index, count});
}

cv::Size upscaled_size(const cv::Mat& image, double upscale) {
  return {int(image.cols * upscale), int(image.rows * upscale)};
}

cv::Mat lanczos(const cv::Mat& image, cv::Size size) {
  cv::Mat out;
  cv::resize(image, out, size, 0, 0, cv::INTER_LANCZOS4);
  return out;
}

// The detection whose box centre is nearest the image centre.
size_t center_face_index(const std::vector<FaceDetection>& faces, int height, int width) {
  size_t best = 0;
  double best_dist = INFINITY;
  for (size_t i = 0; i < faces.size(); ++i) {
    const auto& b = faces[i].box;
    const double dx = (b[0] + b[2]) / 2.0 - width / 2.0, dy = (b[1] + b[3]) / 2.0 - height / 2.0;
    const double dist = std::hypot(dx, dy);
    if (dist < best_dist) best_dist = dist, best = i;
  }
  return best;
}

// The next tile side after running out of memory with `tile` (0: the whole image), or 0 when
// it would fall below `min_tile`.
int halved_tile(int tile, const cv::Mat& image, int min_tile) {
  const int next = (tile > 0 ? tile : std::max(image.rows, image.cols)) / 2;
  return next >= min_tile ? next : 0;
}

// Rows of the upscaled photo blended in float at once by composite().
constexpr int kPasteBandRows = 256;

std::string tile_text(int tile) {
  return tile > 0 ? std::to_string(tile) + "-pixel tiles" : "the whole image as one tile";
}

}  // namespace

const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::read:
      return "read";
    case Stage::detect:
      return "detect";
    case Stage::align:
      return "align";
    case Stage::restore:
      return "restore";
    case Stage::background:
      return "background";
    case Stage::paste:
      return "paste";
    case Stage::write:
      return "write";
  }
  return "?";
}

cv::Mat composite(const cv::Mat& background, const std::vector<RestoredFace>& faces, double upscale,
                  const std::vector<bool>& include) {
  FR_CHECK(background.type() == CV_8UC3, "composite takes an 8-bit BGR background");
  FR_CHECK(include.empty() || include.size() == faces.size(), "one include flag per face");
  std::vector<cv::Mat> transforms(faces.size());
  std::vector<cv::Rect> boxes(faces.size());
  cv::Rect region;
  for (size_t i = 0; i < faces.size(); ++i) {
    if (!include.empty() && !include[i]) continue;
    transforms[i] = paste_transform(faces[i].alignment, upscale);
    boxes[i] = paste_region(transforms[i], faces[i].restored.size(), upscale, background.size());
    region |= boxes[i];
  }
  cv::Mat out = background.clone();
  // The blend runs in float over the faces' region, one band of rows at a time: a float copy
  // of the whole region (faces side by side can span the photo) would be 12 bytes a pixel.
  // A face's layer is made when the first band reaches its box and dropped after the last.
  std::vector<PasteLayer> layers(faces.size());
  for (int y = region.y; y < region.br().y; y += kPasteBandRows) {
    const cv::Rect band(region.x, y, region.width, std::min(kPasteBandRows, region.br().y - y));
    cv::Mat canvas;
    out(band).convertTo(canvas, CV_32F);
    for (size_t i = 0; i < faces.size(); ++i) {
      if ((boxes[i] & band).empty()) continue;
      if (layers[i].box.empty())
        layers[i] = paste_layer(faces[i].restored, transforms[i], upscale, background.size());
      blend_layer(canvas, band.tl(), layers[i]);
      if (boxes[i].br().y <= band.br().y) layers[i] = {};
    }
    // Truncation toward zero, as the reference's astype(uint8).
    cv::Mat target = out(band);
    for (int r = 0; r < canvas.rows; ++r) {
      const float* src = canvas.ptr<float>(r);
      uint8_t* dst = target.ptr<uint8_t>(r);
      for (int x = 0; x < canvas.cols * 3; ++x) dst[x] = uint8_t(std::clamp(src[x], 0.0f, 255.0f));
    }
  }
  return out;
}

Pipeline::Pipeline(PipelineModels models, PipelineOptions options)
    : models_(std::move(models)), options_(options) {}

Result<std::vector<FaceDetection>> Pipeline::find_faces(const cv::Mat& bgr,
                                                        const RunControl& control) {
  auto detected = detect_tiled(*models_.detector, bgr, options_.detection, [&](int i, int n) {
    if (control.cancelled()) return false;
    report(control, Stage::detect, i, n);
    return true;
  });
  if (!detected) return detected.error();
  std::vector<FaceDetection> faces;
  for (const FaceDetection& f : *detected) {
    const auto& l = f.landmarks;
    if (std::hypot(l[0][0] - l[1][0], l[0][1] - l[1][1]) < options_.min_eye_distance) continue;
    faces.push_back(f);
  }
  if (options_.only_center_face && faces.size() > 1)
    faces = {faces[center_face_index(faces, bgr.rows, bgr.cols)]};
  return faces;
}

Result<cv::Mat> Pipeline::upscale_background(const cv::Mat& bgr, const RunControl& control,
                                             std::vector<std::string>& warnings) {
  const cv::Size size = upscaled_size(bgr, options_.upscale);
  if (!models_.background) {
    report(control, Stage::background);
    return lanczos(bgr, size);
  }
  TileOptions tiles = options_.tiles;
  if (tile_ >= 0) tiles.tile = tile_;
  if (tiles.tile == kAutoTile) {
    auto memory = models_.background->measure_tile_memory();
    if (!memory) return memory.error();
    const int multiple = models_.background->input_multiple();
    tiles.tile = tile_ =
        auto_tile_side(*memory, tiles.pad, multiple, options_.min_tile, kLargestAutoTile);
    log()->info("automatic tile on {}: {} pixels ({:.0f} bytes per pixel, {} MiB free)",
                models_.device, tiles.tile, memory->bytes_per_pixel,
                memory->free_bytes >= 0 ? memory->free_bytes >> 20 : -1);
  }
  for (;;) {
    auto up = upscale_tiled(*models_.background, bgr, tiles, [&](int index, int count) {
      if (control.cancelled()) return false;
      report(control, Stage::background, index, count);
      return true;
    });
    if (!up && up.error().kind == ErrorKind::out_of_memory) {
      const int next = halved_tile(tiles.tile, bgr, options_.min_tile);
      if (next == 0) return up.error();
      if (models_.release_memory) models_.release_memory();
      warnings.push_back("out of memory on " + models_.device + " with " + tile_text(tiles.tile) +
                         "; trying again with " + tile_text(next));
      log()->warn("{}", warnings.back());
      tiles.tile = tile_ = next;
      continue;
    }
    if (!up) return up.error();
    if (up->size() == size) return up;
    return lanczos(*up, size);
  }
}

bool Pipeline::recover(const Error& failure, std::vector<std::string>& warnings) {
  const bool lost = failure.kind == ErrorKind::device_lost;
  if (!lost && failure.kind != ErrorKind::out_of_memory) return false;
  if (models_.on_cpu || !models_.reload) return false;
  const Recovery target = lost && !recreated_ ? Recovery::same_device : Recovery::cpu;
  auto moved = models_.reload(target);
  if (!moved) {
    warnings.push_back(failure.message + "; loading the models " +
                       (target == Recovery::cpu ? "on the CPU" : "again") +
                       " failed too: " + moved.error().message);
    log()->error("{}", warnings.back());
    return false;
  }
  models_ = std::move(*moved);
  tile_ = -1;  // the CPU, or a fresh device, starts again from the chosen tile
  if (target == Recovery::same_device) recreated_ = true;
  warnings.push_back(failure.message + "; " +
                     (target == Recovery::cpu
                          ? "continuing on the CPU (" + models_.device + "), which is slower"
                          : "the GPU was set up again (" + models_.device + ")") +
                     "; the image is restored again from the start");
  log()->warn("{}", warnings.back());
  return true;
}

Result<Restoration> Pipeline::process(const cv::Mat& bgr, const RunControl& control) {
  FR_CHECK(bgr.type() == CV_8UC3 && !bgr.empty(), "the pipeline takes an 8-bit BGR image");
  FR_CHECK(options_.upscale >= 1.0, "upscale is at least 1");
  FR_CHECK(!models_.restorer || models_.detector, "restoring whole photos needs a face detector");
  std::vector<std::string> warnings;
  for (;;) {
    auto result = process_once(bgr, control, warnings);
    if (result) {
      result->warnings = std::move(warnings);
      return result;
    }
    if (control.cancelled()) return kCancelled;
    if (!recover(result.error(), warnings)) return result;  // the steps taken are logged
  }
}

Result<Restoration> Pipeline::process_once(const cv::Mat& bgr, const RunControl& control,
                                           std::vector<std::string>& warnings) {
  Restoration result;
  result.upscale = options_.upscale;

  if (models_.restorer) {
    auto faces = find_faces(bgr, control);
    if (!faces) return control.cancelled() ? kCancelled : faces.error();
    const int n = int(faces->size());
    for (int i = 0; i < n; ++i) {
      if (control.cancelled()) return kCancelled;
      report(control, Stage::align, i + 1, n);
      RestoredFace face;
      face.detection = (*faces)[i];
      face.alignment = estimate_face_alignment(face.detection.landmarks);
      if (face.alignment.empty()) {
        log()->warn("face {} of {}: its landmarks cannot be aligned; left as it is", i + 1, n);
        continue;
      }
      face.crop = warp_aligned_face(bgr, face.alignment);
      result.faces.push_back(std::move(face));
    }
    const int m = int(result.faces.size());
    for (int i = 0; i < m; ++i) {
      if (control.cancelled()) return kCancelled;
      report(control, Stage::restore, i + 1, m);
      auto restored = models_.restorer->restore(result.faces[i].crop);
      if (!restored && restored.error().kind == ErrorKind::not_finite) {
        warnings.push_back("face " + std::to_string(i + 1) + " of " + std::to_string(m) + ": " +
                           restored.error().message + "; the face is left as it was");
        log()->warn("{}", warnings.back());
        continue;  // result.faces[i].restored stays empty: dropped below
      }
      if (!restored) return restored.error();
      result.faces[i].restored = std::move(*restored);
    }
    std::erase_if(result.faces, [](const RestoredFace& f) { return f.restored.empty(); });
    // The face network's freed activations are cached in sizes the background network does
    // not ask for: they go back to the system before its tiles begin.
    if (m > 0 && models_.release_memory) models_.release_memory();
  }

  if (control.cancelled()) return kCancelled;
  auto background = upscale_background(bgr, control, warnings);
  if (!background) return control.cancelled() ? kCancelled : background.error();
  result.background = std::move(*background);
  // The background network's cached blocks are of no use to the paste, which needs memory of
  // its own.
  if (models_.background && models_.release_memory) models_.release_memory();

  if (control.cancelled()) return kCancelled;
  report(control, Stage::paste, 1, 1);
  result.image = composite(result.background, result.faces, result.upscale);
  return result;
}

Result<cv::Mat> Pipeline::restore_aligned(const cv::Mat& bgr, const RunControl& control) {
  FR_CHECK(bgr.type() == CV_8UC3 && !bgr.empty(), "the pipeline takes an 8-bit BGR image");
  if (!models_.restorer) return Error{"no face model is loaded to restore aligned faces with"};
  cv::Mat face = bgr;
  if (face.rows != kAlignedFaceSize || face.cols != kAlignedFaceSize)
    cv::resize(bgr, face, cv::Size(kAlignedFaceSize, kAlignedFaceSize));
  if (control.cancelled()) return kCancelled;
  report(control, Stage::restore, 1, 1);
  return models_.restorer->restore(face);
}

}  // namespace fr
