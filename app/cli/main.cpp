// facerestore-cli: the command-line front end of the restoration pipeline.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "app/cli/cli_options.h"
#include "core/device.h"
#include "core/image_io.h"
#include "core/logging.h"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> collect_inputs(const fs::path& input) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(input, ec)) {
    for (const auto& entry : fs::directory_iterator(input, ec))
      if (entry.is_regular_file(ec)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(input);
  }
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = fr::cli::parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed) {
    std::cerr << "facerestore-cli: " << parsed.error().message << "\n(see --help)\n";
    return 2;
  }
  const fr::cli::Options& opt = *parsed;
  if (opt.help) {
    std::cout << fr::cli::usage();
    return 0;
  }
  if (opt.verbose) fr::set_log_verbosity(fr::Verbosity::debug);

  if (opt.list_devices) {
    std::cout << fr::format_device_list(fr::list_devices());
    return 0;
  }
  auto choice = fr::device_choice_from(opt.device, std::getenv("FACERESTORE_DEVICE"));
  if (!choice) {
    std::cerr << "facerestore-cli: " << choice.error().message << "\n";
    return 2;
  }
  // The CPU needs no device list (listing starts the Vulkan loader).
  const bool cpu = choice->mode == fr::DeviceChoice::Mode::cpu;
  auto device = fr::resolve_device(*choice, cpu ? fr::DeviceList{} : fr::list_devices());
  if (!device) {
    std::cerr << "facerestore-cli: " << device.error().message << "\n";
    return 2;
  }
  fr::BackendOptions backend_options;
  backend_options.cpu_threads = opt.threads;
  auto backend = fr::create_backend(*device, backend_options);
  if (!backend) {
    std::cerr << "facerestore-cli: " << backend.error().message << "\n";
    return 2;
  }
  fr::log()->info("device: {} ({})", device->str(), device->reason);

  if (opt.input.empty()) {
    std::cerr << "facerestore-cli: no input given (-i PATH)\n(see --help)\n";
    return 2;
  }
  std::error_code ec;
  if (!fs::exists(opt.input, ec)) {
    std::cerr << "facerestore-cli: " << opt.input << ": no such file or folder\n";
    return 2;
  }
  std::cerr << "note: this version upscales the whole photo (Lanczos); face restoration "
               "comes with the face models.\n";

  int done = 0, skipped = 0, failed = 0;
  for (const fs::path& file : collect_inputs(opt.input)) {
    if (!fr::has_image_extension(file)) {
      std::cerr << "skipped " << file.string() << ": not an image file\n";
      ++skipped;
      continue;
    }
    auto image = fr::read_image_bgr(file);
    if (!image) {
      std::cerr << "failed: " << image.error().message << "\n";
      ++failed;
      continue;
    }
    cv::Mat out;
    const cv::Size size(int(image->cols * opt.upscale), int(image->rows * opt.upscale));
    cv::resize(*image, out, size, 0, 0, cv::INTER_LANCZOS4);
    const fs::path target =
        fs::path(opt.output) / "restored_imgs" / (file.stem().string() + file.extension().string());
    if (auto st = fr::write_image(target, out); !st) {
      std::cerr << "failed: " << st.error().message << "\n";
      ++failed;
      continue;
    }
    std::cout << "wrote " << target.string() << "\n";
    ++done;
  }
  std::cout << done << " done, " << skipped << " skipped, " << failed << " failed\n";
  return failed ? 1 : 0;
}
