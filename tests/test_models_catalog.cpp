#include <cstdlib>
#include <random>
#include <regex>
#include <stdexcept>

#include <gtest/gtest.h>

#include "app/restore/downloader.h"
#include "models/model_catalog.h"
#include "tests/checkpoint_writer.h"
#include "tests/http_test_server.h"
#include "tests/test_support.h"

namespace fr::test {

TEST(ModelCatalog, ListsTheKnownModelsWithSources) {
  for (const char* id : {"gfpgan-v1.3", "gfpgan-v1.4", "restoreformer", "realesrgan-x4plus",
                         "realesrgan-x2plus", "realesr-general-x4v3", "realesr-general-wdn-x4v3",
                         "retinaface-resnet50", "retinaface-mobilenet0.25", "parsenet"})
    EXPECT_NE(find_catalog_model(id), nullptr) << id;
  EXPECT_FALSE(find_catalog_model("restoreformer")->supported);
  EXPECT_EQ(find_catalog_model("GFPGANv1.4.pth")->id, "gfpgan-v1.4");
  const std::regex hex("[0-9a-f]{64}");
  for (const auto& m : model_catalog()) {
    EXPECT_EQ(m.url.rfind("https://github.com/", 0), 0u) << m.id;
    EXPECT_NE(m.url.find(m.file), std::string::npos) << m.id;
    EXPECT_FALSE(m.license.empty()) << m.id;
    EXPECT_TRUE(m.role == "face" || m.role == "background" || m.role == "detector" ||
                m.role == "parsing")
        << m.id;
    if (m.sha256) {
      EXPECT_TRUE(std::regex_match(*m.sha256, hex)) << m.id;
    }
  }
}

TEST(ModelCatalog, LookupOrderAndAMissingModelSaysWhereItLooked) {
  TempDir flag, env;
  ASSERT_EQ(setenv("FACERESTORE_MODELS", env.path().c_str(), 1), 0);
  const auto folders = model_search_folders(flag.path());
  ASSERT_GE(folders.size(), 2u);
  EXPECT_EQ(folders[0], flag.path());
  EXPECT_EQ(folders[1], env.path());

  const CatalogModel& gfpgan = *find_catalog_model("gfpgan-v1.4");
  auto missing = locate_model(gfpgan, folders);
  ASSERT_FALSE(missing.ok());
  for (const std::string& s : {gfpgan.name, flag.path().string(), env.path().string(), gfpgan.url})
    EXPECT_NE(missing.error().message.find(s), std::string::npos) << missing.error().message;

  write_file(env.path() / gfpgan.file, "x");
  EXPECT_EQ(*locate_model(gfpgan, folders), env.path() / gfpgan.file);
  write_file(flag.path() / gfpgan.file, "x");  // --models-dir wins
  EXPECT_EQ(*locate_model(gfpgan, folders), flag.path() / gfpgan.file);
  unsetenv("FACERESTORE_MODELS");
}

TEST(Downloader, Sha256OfAKnownVector) {
  TempDir dir;
  write_file(dir.path() / "abc", "abc");
  EXPECT_EQ(*sha256_file(dir.path() / "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

class DownloaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(3);
    body.resize(300000);
    for (char& c : body) c = char(rng());
    write_file(dir.path() / "reference", body);
    sha = *sha256_file(dir.path() / "reference");
  }
  std::string body, sha;
  TempDir dir;
};

TEST_F(DownloaderTest, DownloadsVerifiesAndMovesIntoPlace) {
  HttpTestServer server(body);
  const auto target = dir.path() / "models" / "model.pth";
  uint64_t last = 0;
  auto r = download_file({server.url("/model.pth"), target, sha, body.size()},
                         [&](const DownloadProgress& p) { return last = p.received, true; });
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->verified);
  EXPECT_EQ(read_file(target), body);
  EXPECT_EQ(last, body.size());
  EXPECT_FALSE(std::filesystem::exists(target.string() + ".part"));
}

TEST_F(DownloaderTest, AWrongChecksumKeepsNothing) {
  HttpTestServer server(body);
  const auto target = dir.path() / "model.pth";
  auto r = download_file({server.url("/model.pth"), target, std::string(64, '0'), std::nullopt});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not kept"), std::string::npos) << r.error().message;
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_FALSE(std::filesystem::exists(target.string() + ".part"));
}

TEST_F(DownloaderTest, AnInterruptedTransferResumes) {
  HttpTestServer server(body);
  const auto target = dir.path() / "model.pth";
  server.cut_next_response_after(100000);
  auto first = download_file({server.url("/model.pth"), target, sha, body.size()});
  ASSERT_FALSE(first.ok());
  EXPECT_NE(first.error().message.find("resume"), std::string::npos) << first.error().message;
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_EQ(std::filesystem::file_size(target.string() + ".part"), 100000u);

  auto second = download_file({server.url("/model.pth"), target, sha, body.size()});
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(read_file(target), body);
  const auto ranges = server.ranges();
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[0], "");
  EXPECT_EQ(ranges[1], "bytes=100000-");
}

TEST_F(DownloaderTest, CancelKeepsThePartialFile) {
  HttpTestServer server(body);
  const auto target = dir.path() / "model.pth";
  auto r = download_file({server.url("/model.pth"), target, sha, body.size()},
                         [](const DownloadProgress& p) { return p.received < 1000; });
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cancelled"), std::string::npos) << r.error().message;
  EXPECT_FALSE(std::filesystem::exists(target));
}

TEST_F(DownloaderTest, AProgressCallbackThatThrowsStopsTheDownloadWithAnError) {
  HttpTestServer server(body);
  const auto target = dir.path() / "model.pth";
  Result<DownloadResult> r = Error{"not run"};
  EXPECT_NO_THROW(r = download_file({server.url("/model.pth"), target, sha, body.size()},
                                    [](const DownloadProgress& p) -> bool {
                                      if (p.received > 0) throw std::runtime_error("disk gone");
                                      return true;
                                    }));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("stopped: disk gone"), std::string::npos) << r.error().message;
  EXPECT_FALSE(std::filesystem::exists(target));
}

TEST_F(DownloaderTest, UnreachableServerIsAClearError) {
  auto r =
      download_file({"http://127.0.0.1:9/none.pth", dir.path() / "none.pth", sha, std::nullopt});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("none.pth"), std::string::npos) << r.error().message;
}

}  // namespace fr::test
