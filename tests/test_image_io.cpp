#include <fstream>

#include <gtest/gtest.h>

#include "app/restore/image_io.h"
#include "tests/test_support.h"

namespace fr::test {

TEST(ImageIo, WritesAtomicallyAndReadsBackUnicodeNames) {
  TempDir dir;
  cv::Mat img(7, 9, CV_8UC3);
  cv::randu(img, 0, 255);
  const auto path = dir.path() / "照片 一.png";
  ASSERT_TRUE(write_image(path, img).ok());
  auto back = read_image_bgr(path);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(cv::norm(*back, img, cv::NORM_INF), 0.0);
  // Only the image itself is left in the folder: no temporary files.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) (void)e, ++files;
  EXPECT_EQ(files, 1);
}

TEST(ImageIo, CreatesTheOutputFolder) {
  TempDir dir;
  cv::Mat img(3, 3, CV_8UC3, cv::Scalar(1, 2, 3));
  ASSERT_TRUE(write_image(dir.path() / "a" / "b" / "x.jpg", img).ok());
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "a" / "b" / "x.jpg"));
}

TEST(ImageIo, BadInputsGiveErrorsThatNameTheFile) {
  TempDir dir;
  std::ofstream(dir.path() / "empty.png").close();
  std::ofstream(dir.path() / "random.jpg") << "\x01\x02 not a jpeg at all";
  std::filesystem::create_directory(dir.path() / "folder.png");
  const std::pair<const char*, const char*> cases[] = {
      {"missing.png", "cannot be opened"},
      {"empty.png", "empty"},
      {"random.jpg", "not a readable image"},
      {"folder.png", "is a folder"},
  };
  for (auto [name, why] : cases) {
    auto r = read_image_bgr(dir.path() / name);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_NE(r.error().message.find(name), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(why), std::string::npos) << r.error().message;
  }
}

TEST(ImageIo, ReadsTheSharedPhotos) {
  auto r = read_image_bgr(require_test_data("images/10045.png"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->channels(), 3);
  EXPECT_GT(r->cols, 0);
}

}  // namespace fr::test
