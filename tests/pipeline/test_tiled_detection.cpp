// Detection of large photos in tiles (app/restore/tiled_detection): with a fake detector
// that finds bright squares exactly, every face is found once whatever tile borders it
// crosses and the detector never sees more than a tile; with the real RetinaFace on the CPU,
// tiled detection of a photo finds what whole-photo detection finds.
#include <algorithm>
#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/restore/pipeline_models.h"
#include "app/restore/tiled_detection.h"
#include "models/face_detection.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

// Every bright square (blue channel > 127) is a face: its box exactly, score 0.99, the
// landmarks at fixed places in the box. Squares cut by the edge of its input are found cut.
class SquareDetector : public FaceDetector {
 public:
  std::string describe() const override { return "squares"; }
  Result<std::vector<FaceDetection>> detect(const cv::Mat& bgr) override {
    ++calls;
    largest_side = std::max({largest_side, bgr.rows, bgr.cols});
    cv::Mat blue, bright, labels, stats, centroids;
    cv::extractChannel(bgr, blue, 0);
    cv::threshold(blue, bright, 127, 255, cv::THRESH_BINARY);
    const int n = cv::connectedComponentsWithStats(bright, labels, stats, centroids);
    std::vector<FaceDetection> faces;
    for (int i = 1; i < n; ++i) {
      const float x = float(stats.at<int>(i, cv::CC_STAT_LEFT));
      const float y = float(stats.at<int>(i, cv::CC_STAT_TOP));
      const float w = float(stats.at<int>(i, cv::CC_STAT_WIDTH));
      const float h = float(stats.at<int>(i, cv::CC_STAT_HEIGHT));
      FaceDetection f;
      f.box = {x, y, x + w - 1, y + h - 1};
      f.score = 0.99f - 0.0001f * float(i);
      const float fx[5] = {0.3f, 0.7f, 0.5f, 0.35f, 0.65f}, fy[5] = {0.4f, 0.4f, 0.6f, 0.8f, 0.8f};
      for (int k = 0; k < 5; ++k) f.landmarks[k] = {x + fx[k] * w, y + fy[k] * h};
      faces.push_back(f);
    }
    return faces;
  }
  int calls = 0;
  int largest_side = 0;
};

struct Square {
  int x, y, side;
};

cv::Mat squares_image(int rows, int cols, const std::vector<Square>& squares) {
  cv::Mat image(rows, cols, CV_8UC3, cv::Scalar(40, 90, 160));
  for (const Square& s : squares)
    image(cv::Rect(s.x, s.y, s.side, s.side)).setTo(cv::Scalar(255, 255, 255));
  return image;
}

const FaceDetection* face_near(const std::vector<FaceDetection>& faces, const Square& s,
                               float tolerance) {
  for (const FaceDetection& f : faces)
    if (std::abs(f.box[0] - s.x) <= tolerance && std::abs(f.box[1] - s.y) <= tolerance &&
        std::abs(f.box[2] - (s.x + s.side - 1)) <= tolerance &&
        std::abs(f.box[3] - (s.y + s.side - 1)) <= tolerance)
      return &f;
  return nullptr;
}

// `got` has each face of `want` and no other, boxes and landmarks within 0.01 pixel.
void expect_same_faces(const std::vector<FaceDetection>& got,
                       const std::vector<FaceDetection>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (const FaceDetection& w : want) {
    const auto match = std::find_if(got.begin(), got.end(), [&](const FaceDetection& t) {
      return box_iou(t.box, w.box) > 0.999f;
    });
    ASSERT_NE(match, got.end());
    for (int k = 0; k < 5; ++k)
      for (int c = 0; c < 2; ++c)
        EXPECT_NEAR(match->landmarks[k][c], w.landmarks[k][c], 0.01) << "landmark " << k;
  }
}

}  // namespace

TEST(TiledDetection, APhotoWithinTheTileIsDetectedWhole) {
  SquareDetector detector;
  const cv::Mat image = squares_image(300, 400, {{10, 20, 30}});
  DetectionTiles tiles;
  tiles.tile = 400;
  auto faces = detect_tiled(detector, image, tiles);
  ASSERT_TRUE(faces.ok());
  EXPECT_EQ(detector.calls, 1);
  EXPECT_EQ(detection_run_count(300, 400, tiles), 1);
  ASSERT_EQ(faces->size(), 1u);
  EXPECT_EQ(faces->front().box, (std::array<float, 4>{10, 20, 39, 49}));
}

// Squares on tile borders, on the middles of the overlaps, in corners and at the photo's
// edges are each found once, exactly; squares too big for the overlap or for a tile come from
// the overview.
TEST(TiledDetection, EveryFaceIsFoundOnceWhereverTheTilesCut) {
  DetectionTiles tiles;
  tiles.tile = 256;
  tiles.overlap = 64;  // raised to 32 × (1000 / 256) = 125
  // Tile starts along x: 0, 128, 256, …; the overlap of the first two is 128…256.
  const std::vector<Square> small = {
      {0, 0, 20},
      {120, 40, 30},
      {170, 230, 40},
      {240, 110, 100},
      {400, 500, 64},
      {600, 300, 90},
      {980, 680, 20},
      {0, 640, 60},
      {870, 10, 70},
      {500, 180, 33},
      {330, 600, 100},
      {760, 560, 45},
      // Across x = 704, the middle of the overlap 640…768, 4 pixels from both tiles' edges:
      // no tile keeps it, the overview finds it and a crop around it measures it.
      {644, 420, 120}};
  // At least 20 pixels apart (so that they stay apart in the overview).
  const std::vector<Square> large = {{20, 330, 260}, {640, 40, 200}};
  std::vector<Square> all = small;
  all.insert(all.end(), large.begin(), large.end());
  const cv::Mat image = squares_image(700, 1000, all);

  SquareDetector detector;
  int reported = 0;
  auto faces = detect_tiled(detector, image, tiles, [&](int index, int count) {
    EXPECT_EQ(index, std::min(++reported, count));  // crops after the overview repeat it
    EXPECT_EQ(count, detection_run_count(700, 1000, tiles));
    return true;
  });
  ASSERT_TRUE(faces.ok()) << faces.error().message;
  EXPECT_LE(detector.largest_side, 256);
  // One crop after the overview: the large squares are too big for one.
  EXPECT_EQ(detector.calls, detection_run_count(700, 1000, tiles) + 1);
  EXPECT_EQ(reported, detector.calls);
  EXPECT_GT(detector.calls, 2);
  EXPECT_EQ(faces->size(), all.size());
  for (const Square& s : small)
    EXPECT_NE(face_near(*faces, s, 0.0f), nullptr) << s.x << "," << s.y << " side " << s.side;
  // The overview shrinks by 1000/256: its boxes are within a few pixels.
  for (const Square& s : large)
    EXPECT_NE(face_near(*faces, s, 4.0f), nullptr) << s.x << "," << s.y << " side " << s.side;
  for (size_t i = 1; i < faces->size(); ++i) EXPECT_GE((*faces)[i - 1].score, (*faces)[i].score);
}

TEST(TiledDetection, CancelStopsBetweenRuns) {
  SquareDetector detector;
  DetectionTiles tiles;
  tiles.tile = 128;
  const cv::Mat image = squares_image(300, 500, {});
  auto faces = detect_tiled(detector, image, tiles, [](int index, int) { return index < 3; });
  ASSERT_FALSE(faces.ok());
  EXPECT_EQ(faces.error().kind, ErrorKind::cancelled);
  EXPECT_EQ(detector.calls, 2);
}

// A real photo placed in a larger canvas so that tile borders cross it: RetinaFace in
// 768-pixel tiles finds the faces it finds in the whole canvas, to within 0.01 pixel.
TEST(TiledDetection, RetinafaceInTilesFindsTheFacesOfTheWholePhoto) {
  const cv::Mat photo = cv::imread(require_test_data("images/Blake_Lively.jpg").string());
  ASSERT_FALSE(photo.empty());
  cv::Mat canvas(photo.rows + 500, photo.cols + 700, CV_8UC3, cv::Scalar(120, 128, 136));
  photo.copyTo(canvas(cv::Rect(380, 230, photo.cols, photo.rows)));
  PipelineModelFiles files;
  files.detector = require_test_data("models/retinaface-mobilenet0.25.pth");
  auto models = load_pipeline_models(files, {});
  ASSERT_TRUE(models.ok()) << models.error().message;
  FaceDetector& detector = *models->detector;

  auto whole = detector.detect(canvas);
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  ASSERT_EQ(whole->size(), 2u);
  DetectionTiles tiles;
  tiles.tile = 768;
  ASSERT_GT(detection_run_count(canvas.rows, canvas.cols, tiles), 4);
  auto tiled = detect_tiled(detector, canvas, tiles);
  ASSERT_TRUE(tiled.ok()) << tiled.error().message;
  expect_same_faces(*tiled, *whole);

  // With a 128-pixel overlap, 768-pixel tiles split this canvas at x = 704 (the middle of
  // the overlap 640…768). The photo moved so that its larger face (175 × 252) is centred there:
  // no tile holds it 32 pixels from its edges, so the overview (the canvas shrunk by 1.8)
  // finds it, and a crop around it at full resolution gives it as precisely as a tile would.
  cv::Mat straddling(canvas.size(), CV_8UC3, cv::Scalar(120, 128, 136));
  photo.copyTo(straddling(cv::Rect(197, 230, photo.cols, photo.rows)));
  auto whole_straddling = detector.detect(straddling);
  ASSERT_TRUE(whole_straddling.ok()) << whole_straddling.error().message;
  ASSERT_EQ(whole_straddling->size(), 2u);
  DetectionTiles thin = tiles;
  thin.overlap = 128;
  int runs = 0;
  auto refined = detect_tiled(detector, straddling, thin, [&](int, int) { return ++runs; });
  ASSERT_TRUE(refined.ok()) << refined.error().message;
  EXPECT_EQ(runs, detection_run_count(straddling.rows, straddling.cols, thin) + 1);
  expect_same_faces(*refined, *whole_straddling);
}

}  // namespace fr::test
