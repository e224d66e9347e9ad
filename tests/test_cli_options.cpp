// facerestore-cli's option parsing, without running the tool.
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/cli/cli_options.h"
#include "app/restore/tiled_upscale.h"

namespace fr::test {
namespace {

using cli::Options;
using cli::parse_options;

// "a b c" → {"a", "b", "c"}: command lines without spaces inside arguments.
std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

Options parsed(const std::vector<std::string>& args) {
  auto o = parse_options(args);
  EXPECT_TRUE(o.ok()) << o.error().message;
  return o.ok() ? *o : Options{};
}

// The error message for `args`, which must not parse.
std::string error_of(const std::vector<std::string>& args) {
  auto o = parse_options(args);
  EXPECT_FALSE(o.ok()) << "parsed, but should not have";
  return o.ok() ? std::string() : o.error().message;
}

void expect_same(const Options& a, const Options& b) {
  EXPECT_EQ(a.help, b.help);
  EXPECT_EQ(a.list_devices, b.list_devices);
  EXPECT_EQ(a.verbose, b.verbose);
  EXPECT_EQ(a.json, b.json);
  EXPECT_EQ(a.input, b.input);
  EXPECT_EQ(a.recursive, b.recursive);
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.face_model, b.face_model);
  EXPECT_EQ(a.no_face, b.no_face);
  EXPECT_EQ(a.upscale, b.upscale);
  EXPECT_EQ(a.bg_upsampler, b.bg_upsampler);
  EXPECT_EQ(a.bg_model, b.bg_model);
  EXPECT_EQ(a.bg_tile, b.bg_tile);
  EXPECT_EQ(a.tile_pad, b.tile_pad);
  EXPECT_EQ(a.det_tile, b.det_tile);
  EXPECT_EQ(a.det_model, b.det_model);
  EXPECT_EQ(a.only_center_face, b.only_center_face);
  EXPECT_EQ(a.aligned, b.aligned);
  EXPECT_EQ(a.ext, b.ext);
  EXPECT_EQ(a.suffix, b.suffix);
  EXPECT_EQ(a.device, b.device);
  EXPECT_EQ(a.models_dir, b.models_dir);
  EXPECT_EQ(a.noise, b.noise);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.threads, b.threads);
  EXPECT_EQ(a.fp16, b.fp16);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST(CliOptions, Defaults) {
  const Options o = parsed({});
  EXPECT_FALSE(o.help);
  EXPECT_FALSE(o.list_devices);
  EXPECT_FALSE(o.verbose);
  EXPECT_FALSE(o.json);
  EXPECT_EQ(o.input, "");
  EXPECT_FALSE(o.recursive);
  EXPECT_EQ(o.output, "results");
  EXPECT_EQ(o.version, "1.4");
  EXPECT_EQ(o.face_model, "");
  EXPECT_FALSE(o.no_face);
  EXPECT_EQ(o.upscale, 2.0);
  EXPECT_EQ(o.bg_upsampler, "");
  EXPECT_EQ(o.bg_model, "");
  EXPECT_EQ(o.bg_tile, 400);
  EXPECT_EQ(o.tile_pad, 10);
  EXPECT_EQ(o.det_tile, 4096);
  EXPECT_EQ(o.det_model, "retinaface_resnet50");
  EXPECT_FALSE(o.only_center_face);
  EXPECT_FALSE(o.aligned);
  EXPECT_EQ(o.ext, "auto");
  EXPECT_EQ(o.suffix, "");
  EXPECT_EQ(o.device, "");
  EXPECT_EQ(o.models_dir, "");
  EXPECT_EQ(o.noise, "stored");
  EXPECT_EQ(o.seed, 0u);
  EXPECT_EQ(o.threads, 0);
  EXPECT_FALSE(o.fp16);
}

TEST(CliOptions, EveryOptionIsFilled) {
  const Options o = parsed(words(
      "--help --list-devices --verbose --json -i in_dir --recursive -o out -v 1.3 --bg-upsampler "
      "realesr-general-x4v3 --bg-model bg.pth -s 4 --bg-tile 0 --tile-pad 0 --det-tile 0 "
      "--det-model "
      "retinaface_mobile0.25 --only-center-face --aligned --ext WEBP --suffix fixed --device "
      "vulkan:1 --models-dir /m --noise random --seed 18446744073709551615 --threads 3 "
      "--fp16"));
  EXPECT_TRUE(o.help);
  EXPECT_TRUE(o.list_devices);
  EXPECT_TRUE(o.verbose);
  EXPECT_TRUE(o.json);
  EXPECT_EQ(o.input, "in_dir");
  EXPECT_EQ(parsed({"-i", "in dir"}).input, "in dir");
  EXPECT_TRUE(o.recursive);
  EXPECT_EQ(o.output, "out");
  EXPECT_EQ(o.version, "1.3");
  EXPECT_EQ(o.bg_upsampler, "realesr-general-x4v3");
  EXPECT_EQ(o.bg_model, "bg.pth");
  EXPECT_EQ(o.upscale, 4.0);
  EXPECT_EQ(o.bg_tile, 0);
  EXPECT_EQ(o.tile_pad, 0);
  EXPECT_EQ(o.det_tile, 0);
  EXPECT_EQ(o.det_model, "retinaface_mobile0.25");
  EXPECT_TRUE(o.only_center_face);
  EXPECT_TRUE(o.aligned);
  EXPECT_EQ(o.ext, "webp");
  EXPECT_EQ(o.suffix, "fixed");
  EXPECT_EQ(o.device, "vulkan:1");
  EXPECT_EQ(o.models_dir, "/m");
  EXPECT_EQ(o.noise, "random");
  EXPECT_EQ(o.seed, 18446744073709551615u);
  EXPECT_EQ(o.threads, 3);
  EXPECT_TRUE(o.fp16);

  const Options f = parsed({"--face-model", "my.pth", "--ext", "jpeg"});
  EXPECT_EQ(f.face_model, "my.pth");
  EXPECT_EQ(f.ext, "jpg");
  EXPECT_TRUE(parsed({"--no-face"}).no_face);
}

TEST(CliOptions, DashEqualsAndUnderscoreFormsAgree) {
  const Options dash = parsed(
      words("--input a.jpg --output o --version 1.3 --upscale 3 --bg-upsampler realesrgan "
            "--bg-tile 200 --tile-pad 5 --det-model retinaface_mobile0.25 --only-center-face --ext "
            "png --suffix x --models-dir m --seed 7 --threads 2 --list-devices"));
  const Options equals = parsed(
      {"--input=a.jpg", "--output=o", "--version=1.3", "--upscale=3", "--bg-upsampler=realesrgan",
       "--bg-tile=200", "--tile-pad=5", "--det-model=retinaface_mobile0.25", "--only-center-face",
       "--ext=png", "--suffix=x", "--models-dir=m", "--seed=7", "--threads=2", "--list-devices"});
  const Options underscore =
      parsed(words("-i a.jpg -o o -v 1.3 -s 3 -bg_upsampler realesrgan -bg_tile 200 --tile_pad 5 "
                   "-det_model retinaface_mobile0.25 --only_center_face -ext png -suffix x "
                   "--models_dir m -seed 7 -threads 2 -list_devices"));
  EXPECT_EQ(dash.bg_tile, 200);
  EXPECT_EQ(parsed({"--bg-tile", "auto"}).bg_tile, kAutoTile);
  EXPECT_EQ(parsed({"-bg_tile=AUTO"}).bg_tile, kAutoTile);
  EXPECT_EQ(dash.bg_upsampler, "realesrgan");
  EXPECT_TRUE(dash.list_devices);
  expect_same(dash, equals);
  expect_same(dash, underscore);
}

TEST(CliOptions, VIsTheGfpganVersionAndVerboseIsLongOnly) {
  EXPECT_EQ(parsed({"-v", "1.3"}).version, "1.3");
  EXPECT_FALSE(parsed({"-v", "1.3"}).verbose);
  EXPECT_EQ(parsed({"-v", "1.3", "-v", "1.4"}).version, "1.4");  // the last one wins
  EXPECT_TRUE(parsed({"--verbose"}).verbose);
  EXPECT_TRUE(parsed({"-verbose"}).verbose);
  EXPECT_EQ(parsed({"--verbose"}).version, "1.4");
  EXPECT_TRUE(contains(error_of({"-v"}), "--verbose")) << error_of({"-v"});
}

TEST(CliOptions, BgUpsamplerNoneIsEmpty) {
  EXPECT_EQ(parsed({"--bg-upsampler", "realesrgan", "--bg-upsampler", "none"}).bg_upsampler, "");
  EXPECT_EQ(parsed({"--bg-upsampler=None"}).bg_upsampler, "");
  EXPECT_EQ(parsed({"-bg_upsampler", "realesrgan"}).bg_upsampler, "realesrgan");
}

TEST(CliOptions, BadValuesAreClearErrors) {
  EXPECT_EQ(error_of({"--bg-tile", "x"}), "--bg-tile needs a whole number, got 'x'");
  EXPECT_EQ(error_of({"-bg_tile", "1.5"}), "--bg-tile needs a whole number, got '1.5'");
  EXPECT_EQ(error_of({"--bg-tile=-1"}), "--bg-tile must be 0 (no tiling) or more, got -1");
  EXPECT_EQ(error_of({"--bg-tile", "99999999999"}), "--bg-tile is out of range, got '99999999999'");
  EXPECT_EQ(error_of({"--tile-pad", "-3"}), "--tile-pad must be 0 or more, got -3");
  EXPECT_EQ(error_of({"--tile-pad", "a"}), "--tile-pad needs a whole number, got 'a'");
  EXPECT_EQ(error_of({"--threads", "-1"}), "--threads must be 0 (all) or more, got -1");
  EXPECT_EQ(error_of({"--threads", "two"}), "--threads needs a whole number, got 'two'");
  EXPECT_EQ(error_of({"--seed", "-1"}), "--seed needs a whole number, got '-1'");
  EXPECT_EQ(error_of({"--seed", "18446744073709551616"}),
            "--seed is out of range, got '18446744073709551616'");
  EXPECT_EQ(error_of({"-s", "big"}), "--upscale needs a number, got 'big'");
  EXPECT_EQ(error_of({"-s", "0.5"}), "--upscale must be between 1 and 16, got 0.5");
  EXPECT_EQ(error_of({"--upscale=17"}), "--upscale must be between 1 and 16, got 17");
  EXPECT_EQ(error_of({"--upscale", "nan"}), "--upscale must be between 1 and 16, got nan");

  const std::string version = error_of({"-v", "1.2"});
  EXPECT_TRUE(contains(version, "got '1.2'")) << version;
  EXPECT_TRUE(contains(version, "valid values: 1.3, 1.4")) << version;
  EXPECT_TRUE(contains(error_of({"--version", "v1.4"}), "valid values: 1.3, 1.4"));

  const std::string ext = error_of({"--ext", "gif"});
  EXPECT_TRUE(contains(ext, "got 'gif'")) << ext;
  EXPECT_TRUE(contains(ext, "valid values: auto, png, jpg, webp")) << ext;

  const std::string noise = error_of({"--noise", "fresh"});
  EXPECT_TRUE(contains(noise, "got 'fresh'")) << noise;
  EXPECT_TRUE(contains(noise, "valid values: stored, random")) << noise;

  EXPECT_EQ(error_of({"--suffix", "a/b"}),
            "--suffix is added to file names and cannot contain '/' or '\\', got 'a/b'");
}

TEST(CliOptions, MissingValuesAndStrayArgumentsAreClearErrors) {
  EXPECT_EQ(error_of({"-i"}), "--input needs a value");
  EXPECT_EQ(error_of({"--bg-tile"}), "--bg-tile needs a value");
  EXPECT_EQ(error_of({"--face-model="}), "--face-model needs a value");
  EXPECT_EQ(error_of({"--det-model", ""}), "--det-model needs a value");
  EXPECT_EQ(error_of({"--recursive=yes"}), "--recursive takes no value, got 'yes'");
  EXPECT_TRUE(contains(error_of({"--frobnicate"}), "unknown option '--frobnicate'"));
  EXPECT_TRUE(contains(error_of({"-bg_tiles", "4"}), "unknown option '-bg_tiles'"));
  EXPECT_TRUE(contains(error_of({"photo.jpg"}), "unexpected argument 'photo.jpg'"));
  EXPECT_EQ(parsed({"--suffix", ""}).suffix, "");
}

TEST(CliOptions, ContradictoryOptionsAreRejected) {
  const std::string aligned = error_of({"--aligned", "--no-face"});
  EXPECT_TRUE(contains(aligned, "--aligned and --no-face contradict each other")) << aligned;
  EXPECT_EQ(error_of({"-no_face", "-aligned"}), aligned);

  const std::string face = error_of({"--face-model", "f.pth", "--no-face"});
  EXPECT_TRUE(contains(face, "--no-face and --face-model contradict each other")) << face;

  EXPECT_TRUE(parse_options({"--no-face", "--bg-upsampler", "realesrgan"}).ok());
  EXPECT_TRUE(parse_options({"--aligned", "--face-model", "f.pth"}).ok());
}

TEST(CliOptions, UsageListsEveryOption) {
  const std::string text = cli::usage();
  for (const char* option :
       {"--help",      "--list-devices",     "--verbose",  "--json",       "--input",
        "--recursive", "--output",           "--version",  "--face-model", "--no-face",
        "--upscale",   "--bg-upsampler",     "--bg-model", "--bg-tile",    "--tile-pad",
        "--det-model", "--only-center-face", "--aligned",  "--ext",        "--suffix",
        "--device",    "--models-dir",       "--noise",    "--seed",       "--threads",
        "--fp16"})
    EXPECT_TRUE(contains(text, option)) << option << " is missing from:\n" << text;
  EXPECT_TRUE(contains(text, "-bg_tile 400")) << text;
  EXPECT_TRUE(contains(text, "Real-ESRGAN x2plus")) << text;
  EXPECT_TRUE(contains(text, "retinaface_mobile0.25")) << text;
}

}  // namespace fr::test
