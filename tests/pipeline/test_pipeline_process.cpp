// Pipeline's orchestration with fake models (progress, filtering, cancelling, errors,
// restore_aligned) and the GFPGAN output layout (app/restore/pipeline, outputs).
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "app/cli/outputs.h"
#include "app/restore/image_io.h"
#include "app/restore/pipeline.h"
#include "tests/pipeline/pipeline_test_support.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Pipeline with fake models.

struct ModelLog {
  int detect_calls = 0;
  int restore_calls = 0;
  std::vector<cv::Mat> restore_inputs;
};

class FakeDetector : public FaceDetector {
 public:
  FakeDetector(std::vector<FaceDetection> faces, ModelLog* log)
      : faces_(std::move(faces)), log_(log) {}
  std::string describe() const override { return "fake detector"; }
  Result<std::vector<FaceDetection>> detect(const cv::Mat& bgr) override {
    ++log_->detect_calls;
    EXPECT_EQ(bgr.type(), CV_8UC3);
    if (!error.empty()) return Error{error};
    return faces_;
  }
  std::string error;

 private:
  std::vector<FaceDetection> faces_;
  ModelLog* log_;
};

// Inverts the colours.
class FakeRestorer : public FaceRestorer {
 public:
  explicit FakeRestorer(ModelLog* log, std::string error = {}, ErrorKind kind = ErrorKind::general)
      : log_(log), error_(std::move(error)), kind_(kind) {}
  std::string describe() const override { return "fake restorer"; }
  Result<cv::Mat> restore(const cv::Mat& aligned) override {
    ++log_->restore_calls;
    log_->restore_inputs.push_back(aligned.clone());
    EXPECT_EQ(aligned.size(), cv::Size(kAlignedFaceSize, kAlignedFaceSize));
    EXPECT_EQ(aligned.type(), CV_8UC3);
    if (!error_.empty() && (fail_only_call_ == 0 || fail_only_call_ == log_->restore_calls))
      return Error{error_, kind_};
    return cv::Mat(cv::Scalar::all(255) - aligned);
  }
  int fail_only_call_ = 0;  // 0: every call fails when error_ is set; N: only the Nth

 private:
  ModelLog* log_;
  std::string error_;
  ErrorKind kind_;
};

// A detection of a face whose 512² crop is the image square of side `size` at (x, y).
FaceDetection face_at(float x, float y, float size, float score = 0.99f) {
  FaceDetection f;
  f.box = {x, y, x + size, y + size};
  f.score = score;
  f.landmarks = moved_template(size / kAlignedFaceSize, x, y);
  return f;
}

std::string describe(const ProgressEvent& e) {
  return std::string(stage_name(e.stage)) + " " + std::to_string(e.index) + "/" +
         std::to_string(e.count);
}

struct PipelineRun {
  Result<Restoration> result = Error{"not run"};
  std::vector<std::string> events;
};

PipelineRun run_pipeline(Pipeline& pipeline, const cv::Mat& bgr,
                         std::function<void(const ProgressEvent&)> hook = {},
                         const std::atomic<bool>* cancel = nullptr) {
  PipelineRun run;
  RunControl control;
  control.cancel = cancel;
  control.on_progress = [&](const ProgressEvent& e) {
    run.events.push_back(describe(e));
    if (hook) hook(e);
  };
  run.result = pipeline.process(bgr, control);
  return run;
}

PipelineModels face_models(std::vector<FaceDetection> faces, ModelLog* log,
                           std::unique_ptr<Upscaler> background = nullptr) {
  PipelineModels models;
  models.detector = std::make_unique<FakeDetector>(std::move(faces), log);
  models.restorer = std::make_unique<FakeRestorer>(log);
  models.background = std::move(background);
  return models;
}

TEST(PipelineStages, StageNames) {
  EXPECT_STREQ(stage_name(Stage::read), "read");
  EXPECT_STREQ(stage_name(Stage::detect), "detect");
  EXPECT_STREQ(stage_name(Stage::align), "align");
  EXPECT_STREQ(stage_name(Stage::restore), "restore");
  EXPECT_STREQ(stage_name(Stage::background), "background");
  EXPECT_STREQ(stage_name(Stage::paste), "paste");
  EXPECT_STREQ(stage_name(Stage::write), "write");
}

TEST(PipelineProcess, ReportsEveryStageWithItsCounts) {
  ModelLog log;
  PipelineOptions options;
  options.upscale = 2.0;
  Pipeline pipeline(face_models({face_at(20, 20, 64), face_at(110, 60, 80)}, &log), options);
  const cv::Mat img = random_image(160, 200, 4);
  PipelineRun run = run_pipeline(pipeline, img);
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  EXPECT_EQ(run.events,
            (std::vector<std::string>{"detect 1/1", "align 1/2", "align 2/2", "restore 1/2",
                                      "restore 2/2", "background 1/1", "paste 1/1"}));
  EXPECT_EQ(log.detect_calls, 1);
  EXPECT_EQ(log.restore_calls, 2);
  const Restoration& r = *run.result;
  EXPECT_EQ(r.upscale, 2.0);
  EXPECT_EQ(r.background.size(), cv::Size(400, 320));
  EXPECT_EQ(r.image.size(), cv::Size(400, 320));
  EXPECT_EQ(r.image.type(), CV_8UC3);
  ASSERT_EQ(r.faces.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const RestoredFace& f = r.faces[i];
    EXPECT_EQ(f.detection.box, (i == 0 ? face_at(20, 20, 64) : face_at(110, 60, 80)).box);
    ASSERT_EQ(f.crop.size(), cv::Size(512, 512));
    EXPECT_EQ(max_diff(f.crop, log.restore_inputs[i]), 0) << "the restorer gets the crop";
    EXPECT_EQ(max_diff(f.restored, cv::Mat(cv::Scalar::all(255) - f.crop)), 0);
    // The alignment maps the face's square onto the crop: a crop pixel is the image's.
    const float x0 = i == 0 ? 20 : 110, y0 = i == 0 ? 20 : 60, side = i == 0 ? 64 : 80;
    const double k = 512 / side;
    EXPECT_NEAR(f.alignment.at<double>(0, 0), k, 1e-3);
    EXPECT_NEAR(f.alignment.at<double>(0, 2), -k * x0, 1e-2);
    EXPECT_NEAR(f.alignment.at<double>(1, 2), -k * y0, 1e-2);
  }
}

TEST(PipelineProcess, CachedMemoryIsReleasedAfterTheFacesAndAfterTheBackground) {
  for (const int faces : {0, 2}) {
    SCOPED_TRACE(std::to_string(faces) + " faces");
    ModelLog log;
    std::vector<FaceDetection> found = {face_at(20, 20, 64), face_at(110, 60, 80)};
    found.resize(size_t(faces));
    PipelineModels models =
        face_models(found, &log, std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2));
    std::vector<std::string> events;
    models.release_memory = [&] { events.push_back("release"); };
    Pipeline pipeline(std::move(models), PipelineOptions{});
    PipelineRun run = run_pipeline(pipeline, random_image(160, 200, 4),
                                   [&](const ProgressEvent& e) { events.push_back(describe(e)); });
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    // Without a restored face there is nothing of the face network's to release.
    const std::vector<std::string> expected =
        faces == 0
            ? std::vector<std::string>{"detect 1/1", "background 1/1", "release", "paste 1/1"}
            : std::vector<std::string>{"detect 1/1",     "align 1/2",   "align 2/2",
                                       "restore 1/2",    "restore 2/2", "release",
                                       "background 1/1", "release",     "paste 1/1"};
    EXPECT_EQ(events, expected);
  }
}

TEST(PipelineProcess, ReportsEveryBackgroundTile) {
  ModelLog log;
  PipelineOptions options;
  options.upscale = 2.0;
  options.tiles = {64, 4};
  auto upscaler = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
  FakeUpscaler* model = upscaler.get();
  Pipeline pipeline(face_models({face_at(20, 20, 64)}, &log, std::move(upscaler)), options);
  const cv::Mat img = random_image(160, 200, 5);
  PipelineRun run = run_pipeline(pipeline, img);
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  std::vector<std::string> expected = {"detect 1/1", "align 1/1", "restore 1/1"};
  for (int i = 1; i <= 12; ++i) expected.push_back("background " + std::to_string(i) + "/12");
  expected.push_back("paste 1/1");
  EXPECT_EQ(run.events, expected);
  EXPECT_EQ(model->inputs.size(), 12u);
  // u equals the model's scale: the background is the model's output as it is.
  EXPECT_EQ(max_diff(run.result->background, nearest_upscale(map_pixels(img), 2)), 0);
}

TEST(PipelineProcess, AnAutomaticTileIsChosenOnceFromTheUpscalersMemory) {
  PipelineOptions options;
  options.upscale = 2.0;
  options.tiles = {kAutoTile, 4};
  auto upscaler = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
  FakeUpscaler* model = upscaler.get();
  model->memory.bytes_per_pixel = 100;
  model->memory.free_bytes = 2 * 72 * 72 * 100;  // a 64-pixel tile with a pad of 4
  PipelineModels models;
  models.background = std::move(upscaler);
  Pipeline pipeline(std::move(models), options);
  const cv::Mat img = random_image(160, 200, 5);
  for (int run = 0; run < 2; ++run) {
    model->inputs.clear();
    auto result = pipeline.process(img);
    ASSERT_TRUE(result.ok()) << result.error().message;
    // ⌈160/64⌉ · ⌈200/64⌉ tiles of at most 64 + 2·4 pixels.
    EXPECT_EQ(model->inputs.size(), 12u);
    for (const cv::Size& in : model->inputs) {
      EXPECT_LE(in.width, 72);
      EXPECT_LE(in.height, 72);
    }
    EXPECT_EQ(max_diff(result->background, nearest_upscale(map_pixels(img), 2)), 0);
  }
  EXPECT_EQ(model->memory_measurements, 1);
}

TEST(PipelineProcess, DropsFacesWithSmallEyeDistance) {
  // Eye distance = 125.92·size/512: 4.92 px for size 20, 7.38 px for size 30.
  const std::vector<FaceDetection> faces = {face_at(10, 10, 20), face_at(60, 60, 30)};
  {
    ModelLog log;
    Pipeline pipeline(face_models(faces, &log), {});
    PipelineRun run = run_pipeline(pipeline, random_image(120, 140, 6));
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    ASSERT_EQ(run.result->faces.size(), 1u);
    EXPECT_EQ(run.result->faces[0].detection.box, faces[1].box);
    EXPECT_EQ(log.restore_calls, 1);
    EXPECT_EQ(std::count(run.events.begin(), run.events.end(), "align 1/1"), 1);
  }
  {
    ModelLog log;
    PipelineOptions options;
    options.min_eye_distance = 8;
    Pipeline pipeline(face_models(faces, &log), options);
    PipelineRun run = run_pipeline(pipeline, random_image(120, 140, 6));
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    EXPECT_TRUE(run.result->faces.empty());
    EXPECT_EQ(log.restore_calls, 0);
    EXPECT_EQ(run.events, (std::vector<std::string>{"detect 1/1", "background 1/1", "paste 1/1"}));
    EXPECT_EQ(run.result->image.size(), cv::Size(280, 240));
  }
}

TEST(PipelineProcess, OnlyCenterFaceKeepsTheFaceNearestTheCentre) {
  // Image 300×200 (W×H), centre (150, 100). Box centres: (40, 40); (100, 140), nearest the
  // point (100, 150) that swapping width and height would give; (175, 100), the nearest.
  const std::vector<FaceDetection> faces = {
      face_at(10, 10, 60, 0.999f), face_at(70, 110, 60, 0.99f), face_at(145, 70, 60, 0.98f)};
  ModelLog log;
  PipelineOptions options;
  options.only_center_face = true;
  Pipeline pipeline(face_models(faces, &log), options);
  PipelineRun run = run_pipeline(pipeline, random_image(200, 300, 8));
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  ASSERT_EQ(run.result->faces.size(), 1u);
  EXPECT_EQ(run.result->faces[0].detection.box, faces[2].box);
  EXPECT_EQ(log.restore_calls, 1);

  // Off: all three in detection order.
  ModelLog all_log;
  Pipeline all(face_models(faces, &all_log), {});
  PipelineRun all_run = run_pipeline(all, random_image(200, 300, 8));
  ASSERT_TRUE(all_run.result.ok()) << all_run.result.error().message;
  ASSERT_EQ(all_run.result->faces.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(all_run.result->faces[i].detection.box, faces[i].box);
}

TEST(PipelineProcess, PhotoWithoutFacesIsStillUpscaled) {
  const cv::Mat img = random_image(57, 101, 10);
  const cv::Size expected(151, 85);  // ⌊101·1.5⌋ × ⌊57·1.5⌋
  PipelineOptions options;
  options.upscale = 1.5;
  {
    ModelLog log;
    Pipeline pipeline(face_models({}, &log), options);
    PipelineRun run = run_pipeline(pipeline, img);
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    EXPECT_EQ(run.result->image.size(), expected);
    EXPECT_EQ(run.result->background.size(), expected);
    EXPECT_TRUE(run.result->faces.empty());
    EXPECT_EQ(log.restore_calls, 0);
    EXPECT_EQ(log.detect_calls, 1);
    EXPECT_EQ(max_diff(run.result->image, run.result->background), 0);
  }
  {
    // No face models at all: background only, no detect event.
    Pipeline pipeline(PipelineModels{}, options);
    EXPECT_FALSE(pipeline.restores_faces());
    PipelineRun run = run_pipeline(pipeline, img);
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    EXPECT_EQ(run.result->image.size(), expected);
    EXPECT_EQ(run.events, (std::vector<std::string>{"background 1/1", "paste 1/1"}));
  }
  {
    // A ×2 background model, resized to ×1.5 afterwards.
    PipelineModels models;
    models.background = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
    Pipeline pipeline(std::move(models), options);
    PipelineRun run = run_pipeline(pipeline, img);
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    EXPECT_EQ(run.result->image.size(), expected);
  }
}

TEST(PipelineProcess, FinalImageHasTheRestoredFacePastedIn) {
  // A flat photo: the crop is flat 60 and the fake restores it to 195.
  const cv::Mat img(160, 200, CV_8UC3, cv::Scalar::all(60));
  ModelLog log;
  Pipeline pipeline(face_models({face_at(50, 40, 96)}, &log), {});
  PipelineRun run = run_pipeline(pipeline, img);
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  const cv::Mat& out = run.result->image;
  ASSERT_EQ(out.size(), cv::Size(400, 320));
  // The face is the image square (50, 40)–(146, 136), at ×2 (100, 80)–(292, 272).
  EXPECT_LE(
      max_diff(out(cv::Rect(150, 130, 90, 90)), cv::Mat(90, 90, CV_8UC3, cv::Scalar::all(195))), 1);
  EXPECT_NEAR(out.at<cv::Vec3b>(5, 5)[0], 60, 1);
  EXPECT_NEAR(out.at<cv::Vec3b>(310, 390)[1], 60, 1);
  EXPECT_NEAR(out.at<cv::Vec3b>(176, 20)[2], 60, 1);
}

TEST(PipelineProcess, SkipsFacesThatCannotBeAligned) {
  FaceDetection degenerate = face_at(10, 10, 60);
  for (auto& p : degenerate.landmarks) p = {30, 30};
  ModelLog log;
  PipelineOptions options;
  options.min_eye_distance = 0;  // keep the degenerate face up to alignment
  Pipeline pipeline(face_models({degenerate, face_at(80, 40, 60)}, &log), options);
  PipelineRun run = run_pipeline(pipeline, random_image(120, 160, 12));
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  ASSERT_EQ(run.result->faces.size(), 1u);
  EXPECT_EQ(run.result->faces[0].detection.box, face_at(80, 40, 60).box);
  EXPECT_EQ(log.restore_calls, 1);
  EXPECT_EQ(run.events, (std::vector<std::string>{"detect 1/1", "align 1/2", "align 2/2",
                                                  "restore 1/1", "background 1/1", "paste 1/1"}));
}

TEST(PipelineProcess, CancelDuringRestoreStopsTheRestorer) {
  ModelLog log;
  Pipeline pipeline(face_models({face_at(20, 20, 64), face_at(110, 60, 80)}, &log), {});
  std::atomic<bool> cancel{false};
  PipelineRun run = run_pipeline(
      pipeline, random_image(160, 200, 13),
      [&](const ProgressEvent& e) {
        if (e.stage == Stage::restore && e.index == 1) cancel = true;
      },
      &cancel);
  ASSERT_FALSE(run.result.ok());
  EXPECT_NE(run.result.error().message.find("cancelled"), std::string::npos)
      << run.result.error().message;
  EXPECT_EQ(log.restore_calls, 1);
  EXPECT_EQ(run.events.back(), "restore 1/2");
}

TEST(PipelineProcess, CancelDuringBackgroundStopsTheTiles) {
  ModelLog log;
  PipelineOptions options;
  options.tiles = {32, 2};
  auto upscaler = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
  FakeUpscaler* model = upscaler.get();
  Pipeline pipeline(face_models({face_at(20, 20, 64)}, &log, std::move(upscaler)), options);
  std::atomic<bool> cancel{false};
  PipelineRun run = run_pipeline(
      pipeline, random_image(100, 100, 14),
      [&](const ProgressEvent& e) {
        if (e.stage == Stage::background && e.index == 2) cancel = true;
      },
      &cancel);
  ASSERT_FALSE(run.result.ok());
  EXPECT_NE(run.result.error().message.find("cancelled"), std::string::npos)
      << run.result.error().message;
  EXPECT_EQ(model->inputs.size(), 2u);
  EXPECT_EQ(run.events.back(), "background 2/16");
}

TEST(PipelineProcess, CancelledBeforeStartingRunsNoNetwork) {
  ModelLog log;
  auto upscaler = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
  FakeUpscaler* model = upscaler.get();
  Pipeline pipeline(face_models({face_at(20, 20, 64)}, &log, std::move(upscaler)), {});
  std::atomic<bool> cancel{true};
  PipelineRun run = run_pipeline(pipeline, random_image(100, 100, 15), {}, &cancel);
  ASSERT_FALSE(run.result.ok());
  EXPECT_NE(run.result.error().message.find("cancelled"), std::string::npos);
  EXPECT_EQ(log.restore_calls, 0);
  EXPECT_TRUE(model->inputs.empty());
}

TEST(PipelineProcess, ModelErrorsComeOut) {
  {
    ModelLog log;
    PipelineModels models;
    models.detector =
        std::make_unique<FakeDetector>(std::vector<FaceDetection>{face_at(20, 20, 64)}, &log);
    models.restorer = std::make_unique<FakeRestorer>(&log, "the face model ran out of memory");
    Pipeline pipeline(std::move(models), {});
    PipelineRun run = run_pipeline(pipeline, random_image(100, 100, 16));
    ASSERT_FALSE(run.result.ok());
    EXPECT_EQ(run.result.error().message, "the face model ran out of memory");
    EXPECT_EQ(log.restore_calls, 1);
  }
  {
    ModelLog log;
    auto detector = std::make_unique<FakeDetector>(std::vector<FaceDetection>{}, &log);
    detector->error = "detector failed";
    PipelineModels models;
    models.detector = std::move(detector);
    models.restorer = std::make_unique<FakeRestorer>(&log);
    Pipeline pipeline(std::move(models), {});
    PipelineRun run = run_pipeline(pipeline, random_image(100, 100, 16));
    ASSERT_FALSE(run.result.ok());
    EXPECT_EQ(run.result.error().message, "detector failed");
  }
  {
    auto upscaler = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
    upscaler->error = "background model failed";
    PipelineModels models;
    models.background = std::move(upscaler);
    Pipeline pipeline(std::move(models), {});
    PipelineRun run = run_pipeline(pipeline, random_image(100, 100, 16));
    ASSERT_FALSE(run.result.ok());
    EXPECT_EQ(run.result.error().message,
              "background upscaling failed on cpu: background model failed");
  }
}

TEST(PipelineProcess, RestorerWithoutDetectorIsAProgrammerError) {
  ModelLog log;
  PipelineModels models;
  models.restorer = std::make_unique<FakeRestorer>(&log);
  Pipeline pipeline(std::move(models), {});
  EXPECT_THROW((void)pipeline.process(random_image(20, 20, 1)), std::logic_error);
}

TEST(PipelineRestoreAligned, ResizesToTheAlignedSizeBeforeRestoring) {
  ModelLog log;
  Pipeline pipeline(face_models({}, &log), {});
  const cv::Mat small = random_image(256, 256, 18);
  std::vector<std::string> events;
  RunControl control;
  control.on_progress = [&](const ProgressEvent& e) { events.push_back(describe(e)); };
  auto out = pipeline.restore_aligned(small, control);
  ASSERT_TRUE(out.ok()) << out.error().message;
  ASSERT_EQ(log.restore_calls, 1);
  ASSERT_EQ(log.restore_inputs[0].size(), cv::Size(512, 512));
  cv::Mat resized;
  cv::resize(small, resized, cv::Size(512, 512), 0, 0, cv::INTER_LINEAR);
  EXPECT_EQ(max_diff(log.restore_inputs[0], resized), 0);
  EXPECT_EQ(out->size(), cv::Size(512, 512));
  EXPECT_EQ(max_diff(*out, cv::Mat(cv::Scalar::all(255) - resized)), 0);
  EXPECT_EQ(events, (std::vector<std::string>{"restore 1/1"}));
  EXPECT_EQ(log.detect_calls, 0);

  // A 512² face goes in as it is.
  const cv::Mat full = random_image(512, 512, 19);
  ASSERT_TRUE(pipeline.restore_aligned(full).ok());
  EXPECT_EQ(max_diff(log.restore_inputs[1], full), 0);
}

TEST(PipelineRestoreAligned, ErrorsAndCancelling) {
  Pipeline background_only(PipelineModels{}, {});
  EXPECT_FALSE(background_only.restore_aligned(random_image(512, 512, 1)).ok());

  ModelLog log;
  Pipeline pipeline(face_models({}, &log), {});
  std::atomic<bool> cancel{true};
  RunControl control;
  control.cancel = &cancel;
  auto out = pipeline.restore_aligned(random_image(512, 512, 1), control);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("cancelled"), std::string::npos);
  EXPECT_EQ(log.restore_calls, 0);
}

// ---------------------------------------------------------------------------------------------
// Outputs.

TEST(OutputsPaths, RestoredImagePath) {
  OutputSettings s;
  s.folder = "out";
  EXPECT_EQ(restored_image_path("in/photo.jpg", s), fs::path("out/restored_imgs/photo.jpg"));
  EXPECT_EQ(restored_image_path("in/photo", s), fs::path("out/restored_imgs/photo.png"));
  s.ext = "png";
  EXPECT_EQ(restored_image_path("in/photo.jpg", s), fs::path("out/restored_imgs/photo.png"));
  s.suffix = "v1";
  EXPECT_EQ(restored_image_path("in/photo.jpg", s), fs::path("out/restored_imgs/photo_v1.png"));
  s.ext = "auto";
  EXPECT_EQ(restored_image_path("a.b/my.photo.jpg", s),
            fs::path("out/restored_imgs/my.photo_v1.jpg"));
}

TEST(OutputsPaths, AlignedFacePath) {
  OutputSettings s;
  s.folder = "out";
  EXPECT_EQ(aligned_face_path("in/face.jpg", s), fs::path("out/restored_faces/face.png"));
  s.suffix = "v1";
  s.ext = "jpg";
  EXPECT_EQ(aligned_face_path("in/face.jpg", s), fs::path("out/restored_faces/face_v1.png"));
}

Restoration sample_restoration() {
  Restoration r;
  r.upscale = 2;
  r.image = random_image(80, 100, 30);
  r.background = r.image.clone();
  for (int i = 0; i < 2; ++i) {
    RestoredFace f;
    f.crop = random_image(512, 512, 31 + i);
    f.restored = random_image(512, 512, 41 + i);
    f.alignment = square_alignment(10 * i, 10, 40);
    r.faces.push_back(f);
  }
  return r;
}

cv::Mat read_back(const fs::path& p) {
  auto img = read_image_bgr(p);
  EXPECT_TRUE(img.ok()) << p << ": " << (img.ok() ? "" : img.error().message);
  return img.ok() ? *img : cv::Mat();
}

TEST(OutputsWrite, WritesGfpganLayout) {
  TempDir dir;
  const Restoration r = sample_restoration();
  OutputSettings s;
  s.folder = dir.path() / "results";
  auto written = write_restoration(r, "/somewhere/photo.png", s);
  ASSERT_TRUE(written.ok()) << written.error().message;
  const fs::path o = s.folder;
  std::vector<fs::path> expected = {o / "restored_imgs" / "photo.png"};
  for (const char* nn : {"00", "01"}) {
    const std::string name = std::string("photo_") + nn + ".png";
    expected.push_back(o / "cropped_faces" / name);
    expected.push_back(o / "restored_faces" / name);
    expected.push_back(o / "cmp" / name);
  }
  std::vector<fs::path> got = *written;
  std::sort(got.begin(), got.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(got, expected);
  for (const fs::path& p : expected) EXPECT_TRUE(fs::is_regular_file(p)) << p;

  EXPECT_EQ(max_diff(read_back(o / "restored_imgs" / "photo.png"), r.image), 0);
  for (int i = 0; i < 2; ++i) {
    const std::string name = "photo_0" + std::to_string(i) + ".png";
    EXPECT_EQ(max_diff(read_back(o / "cropped_faces" / name), r.faces[i].crop), 0);
    EXPECT_EQ(max_diff(read_back(o / "restored_faces" / name), r.faces[i].restored), 0);
    const cv::Mat cmp = read_back(o / "cmp" / name);
    ASSERT_EQ(cmp.size(), cv::Size(1024, 512));
    EXPECT_EQ(max_diff(cmp(cv::Rect(0, 0, 512, 512)), r.faces[i].crop), 0);
    EXPECT_EQ(max_diff(cmp(cv::Rect(512, 0, 512, 512)), r.faces[i].restored), 0);
  }
  // Nothing else: no temporary files, no third face.
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(o)) files += e.is_regular_file();
  EXPECT_EQ(files, 7);
}

TEST(OutputsWrite, SuffixAndJpegInput) {
  TempDir dir;
  Restoration r = sample_restoration();
  r.faces.resize(1);
  OutputSettings s;
  s.folder = dir.path();
  s.suffix = "v1";
  auto written = write_restoration(r, "photo.jpg", s);
  ASSERT_TRUE(written.ok()) << written.error().message;
  const fs::path o = dir.path();
  EXPECT_TRUE(fs::is_regular_file(o / "restored_imgs" / "photo_v1.jpg"));
  EXPECT_TRUE(fs::is_regular_file(o / "cropped_faces" / "photo_00.png"));
  EXPECT_TRUE(fs::is_regular_file(o / "restored_faces" / "photo_00_v1.png"));
  EXPECT_TRUE(fs::is_regular_file(o / "cmp" / "photo_00.png"));
  EXPECT_FALSE(fs::exists(o / "restored_faces" / "photo_00.png"));
  EXPECT_EQ(written->size(), 4u);
  const cv::Mat final_image = read_back(o / "restored_imgs" / "photo_v1.jpg");
  EXPECT_EQ(final_image.size(), r.image.size());
  EXPECT_EQ(read_back(o / "cmp" / "photo_00.png").cols, 1024);
}

TEST(OutputsWrite, UpperCaseExtensionIsKeptAndWritten) {
  TempDir dir;
  Restoration r = sample_restoration();
  r.faces.clear();
  OutputSettings s;
  s.folder = dir.path();
  auto written = write_restoration(r, "DCIM/IMG_0001.JPG", s);
  ASSERT_TRUE(written.ok()) << written.error().message;
  ASSERT_EQ(written->size(), 1u);
  EXPECT_EQ((*written)[0], dir.path() / "restored_imgs" / "IMG_0001.JPG");
  EXPECT_EQ(read_back((*written)[0]).size(), r.image.size());
}

TEST(OutputsWrite, UnwritableFolderIsAnError) {
  TempDir dir;
  std::ofstream(dir.path() / "file") << "not a folder";
  OutputSettings s;
  s.folder = dir.path() / "file";
  auto written = write_restoration(sample_restoration(), "photo.png", s);
  EXPECT_FALSE(written.ok());
}

}  // namespace
// A face whose network output is NaN or infinite is reported and left out: the photo keeps
// that face as it was, the other face is restored.
TEST(PipelineProcess, ANonFiniteFaceIsReportedAndLeftAsItWas) {
  ModelLog log;
  PipelineModels models;
  models.detector = std::make_unique<FakeDetector>(
      std::vector<FaceDetection>{face_at(10, 10, 40), face_at(60, 60, 40)}, &log);
  auto restorer = std::make_unique<FakeRestorer>(&log, "produced 12 NaN or infinite values",
                                                 ErrorKind::not_finite);
  restorer->fail_only_call_ = 1;
  models.restorer = std::move(restorer);
  Pipeline pipeline(std::move(models), {});
  const cv::Mat photo = random_image(120, 120, 21);
  PipelineRun run = run_pipeline(pipeline, photo);
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  ASSERT_EQ(run.result->faces.size(), 1u);
  ASSERT_EQ(run.result->warnings.size(), 1u);
  EXPECT_NE(run.result->warnings[0].find("face 1 of 2: produced 12 NaN"), std::string::npos)
      << run.result->warnings[0];
  EXPECT_NE(run.result->warnings[0].find("left as it was"), std::string::npos);
  // Only the second face was pasted: the first face's box is the plain upscaled photo.
  const cv::Mat plain = composite(run.result->background, {}, run.result->upscale);
  const cv::Rect first(20, 20, 70, 70);
  EXPECT_EQ(max_diff(run.result->image(first), plain(first)), 0.0);
  EXPECT_GT(max_diff(run.result->image, plain), 0.0);
}

// Out of memory on a device: the background tile halves; at the smallest tile the models
// move (PipelineModels::reload) and the image runs again; the warnings tell each step.
TEST(PipelineProcess, OutOfMemoryHalvesTheTileThenMovesTheModels) {
  class TileLimitedUpscaler : public FakeUpscaler {
   public:
    explicit TileLimitedUpscaler(int largest)
        : FakeUpscaler(Kind::per_pixel, 2), largest_(largest) {}
    Result<cv::Mat> upscale_mat(const cv::Mat& bgr) override {
      if (std::max(bgr.rows, bgr.cols) > largest_)
        return Error{"no memory", ErrorKind::out_of_memory};
      return FakeUpscaler::upscale_mat(bgr);
    }

   private:
    int largest_;
  };
  const cv::Mat photo = random_image(150, 150, 5);
  PipelineOptions options;
  options.tiles = {100, 0};
  options.min_tile = 30;
  {  // Tiles of 50 fit: 100 → 50, no move.
    PipelineModels models;
    models.background = std::make_unique<TileLimitedUpscaler>(50);
    models.on_cpu = false;
    int releases = 0;
    models.release_memory = [&] { ++releases; };
    Pipeline pipeline(std::move(models), options);
    auto r = pipeline.process(photo);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->image.size(), cv::Size(300, 300));
    ASSERT_EQ(r->warnings.size(), 1u);
    EXPECT_NE(r->warnings[0].find("with 100-pixel tiles; trying again with 50-pixel tiles"),
              std::string::npos);
    EXPECT_EQ(releases, 2);  // before the retry, and after the background
  }
  {  // Nothing fits: 100 → 50 → (25 < 30) → moved to the "CPU", where everything fits.
    PipelineModels models;
    models.background = std::make_unique<TileLimitedUpscaler>(10);
    models.on_cpu = false;
    std::vector<Recovery> reloads;
    models.reload = [&](Recovery target) -> Result<PipelineModels> {
      reloads.push_back(target);
      PipelineModels cpu;
      cpu.background = std::make_unique<TileLimitedUpscaler>(1000);
      cpu.device = "cpu";
      return cpu;
    };
    Pipeline pipeline(std::move(models), options);
    auto r = pipeline.process(photo);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(reloads, std::vector<Recovery>{Recovery::cpu});
    EXPECT_EQ(pipeline.device(), "cpu");
    ASSERT_EQ(r->warnings.size(), 2u);
    EXPECT_NE(r->warnings[1].find("continuing on the CPU"), std::string::npos) << r->warnings[1];
  }
}

}  // namespace fr::test
