// facerestore-cli: the command-line front end of the restoration pipeline, a drop-in for
// GFPGAN's inference script (same options, same output layout).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <iostream>
#include <optional>
#include <vector>

#include "app/cli/cli_options.h"
#include "app/cli/model_setup.h"
#include "app/cli/ordered_report.h"
#include "app/cli/progress_printer.h"
#include "core/device.h"
#include "core/image_io.h"
#include "core/logging.h"
#include "core/path_text.h"
#include "core/pipeline/outputs.h"
#include "models/pipeline_models.h"

namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_cancel{false};

extern "C" void on_interrupt(int) {
  g_cancel = true;
}

int fail_usage(const std::string& message) {
  std::cerr << "facerestore-cli: " << message << "\n";
  return 2;
}

// The input file, or the folder's files (and its subfolders' with `recursive`), sorted.
// Without `recursive`, a subfolder named like an image is listed too, so that it is reported
// instead of silently left out.
std::vector<fs::path> collect_inputs(const fs::path& input, bool recursive) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(input, ec)) return {input};
  auto add = [&](const fs::directory_entry& entry) {
    std::error_code e;
    if (!entry.is_directory(e) || (!recursive && fr::has_image_extension(entry.path())))
      files.push_back(entry.path());
  };
  if (recursive) {
    for (const auto& entry :
         fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec))
      add(entry);
  } else {
    for (const auto& entry : fs::directory_iterator(input, ec)) add(entry);
  }
  std::sort(files.begin(), files.end());
  return files;
}

fr::Result<fr::PipelineLoadOptions> load_options_for(const fr::cli::Options& opt) {
  auto choice = fr::device_choice_from(opt.device, std::getenv("FACERESTORE_DEVICE"));
  if (!choice) return choice.error();
  // The CPU needs no device list (listing starts the Vulkan loader).
  const bool cpu = choice->mode == fr::DeviceChoice::Mode::cpu;
  auto device = fr::resolve_device(*choice, cpu ? fr::DeviceList{} : fr::list_devices());
  if (!device) return device.error();
  fr::PipelineLoadOptions load;
  load.device = *device;
  load.backend.cpu_threads = opt.threads;
  load.backend.vulkan_fp16_storage = opt.fp16;
  load.cancel = &g_cancel;  // Ctrl-C stops within one op
  load.noise.noise =
      opt.noise == "random" ? fr::GfpganOptions::Noise::random : fr::GfpganOptions::Noise::stored;
  load.noise.seed = opt.seed;
  return load;
}

fr::PipelineOptions pipeline_options_for(const fr::cli::Options& opt) {
  fr::PipelineOptions p;
  p.upscale = opt.upscale;
  p.tiles.tile = opt.bg_tile;
  p.tiles.pad = opt.tile_pad;
  p.detection.tile = opt.det_tile;
  p.only_center_face = opt.only_center_face;
  return p;
}

using ImageRead = std::future<fr::Result<fr::LoadedImage>>;

// Reads and decodes `file` ahead (read_image_ahead) under --max-megapixels.
ImageRead start_reading(const fs::path& file, const fr::cli::Options& opt) {
  fr::ReadLimits limits;
  limits.max_pixels = int64_t(opt.max_megapixels) * 1'000'000;
  limits.raise_with = "--max-megapixels";
  return fr::read_image_ahead(file, limits);
}

// What a batch counts, as the results come in.
struct BatchCounts {
  int done = 0, skipped = 0, failed = 0;
};

// Restores one file (being read by `reading`) and starts writing its outputs on a thread of
// their own: `report` prints the result once they are written. The error names the file.
fr::Status process_file(fr::Pipeline& pipeline, const fs::path& file, ImageRead reading,
                        const fr::cli::Options& opt, const fr::OutputSettings& out,
                        const fr::InputGuard& guard, fr::cli::ProgressPrinter& printer,
                        fr::cli::OrderedReport& report, BatchCounts& counts) {
  fr::RunControl control;
  control.cancel = &g_cancel;
  control.on_progress = [&](const fr::ProgressEvent& e) {
    report.say([&printer, e] { printer.progress(e); });
  };
  control.on_progress({fr::Stage::read});
  auto image = reading.get();
  if (!image) return image.error();
  const std::string name = fr::path_text(file);
  auto written = [&printer, &counts](int faces) {
    return [&printer, &counts, faces](fr::cli::OrderedReport::Written w) {
      if (!w) {
        printer.failed(w.error().message);
        ++counts.failed;
        return;
      }
      printer.done(*w, faces);
      ++counts.done;
    };
  };

  if (opt.aligned) {
    auto face = pipeline.restore_aligned(image->bgr, control);
    if (!face) return fr::Error{name + ": " + face.error().message};
    control.on_progress({fr::Stage::write});
    const fs::path target = fr::aligned_face_path(file, out);
    report.writing(std::async(std::launch::async,
                              [target, restored_face = std::move(*face), &out,
                               &guard]() -> fr::cli::OrderedReport::Written {
                                if (auto st = fr::write_output(target, restored_face, out, guard);
                                    !st)
                                  return st.error();
                                return std::vector<fs::path>{target};
                              }),
                   written(1));
    return {};
  }
  auto restored = pipeline.process(image->bgr, control);
  if (!restored) return fr::Error{name + ": " + restored.error().message};
  for (const std::string& warning : restored->warnings)
    report.say([&printer, warning] { printer.warning(warning); });
  const int faces = int(restored->faces.size());
  control.on_progress({fr::Stage::write});
  report.writing(
      std::async(std::launch::async,
                 [restoration = std::move(*restored), file, &out, format = std::move(image->format),
                  &guard] { return fr::write_restoration(restoration, file, out, format, guard); }),
      written(faces));
  return {};
}

// Without --overwrite, a photo whose result is already there is not done again (a batch
// that was stopped goes on where it was).
fs::path result_path(const fs::path& file, const fr::cli::Options& opt,
                     const fr::OutputSettings& out) {
  return opt.aligned ? fr::aligned_face_path(file, out) : fr::restored_image_path(file, out);
}

std::optional<fs::path> existing_result(const fs::path& file, const fr::cli::Options& opt,
                                        const fr::OutputSettings& out) {
  if (opt.overwrite) return std::nullopt;
  const fs::path target = result_path(file, opt, out);
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) return target;
  return std::nullopt;
}

}  // namespace

static int run_cli(int argc, char** argv) {
  auto parsed = fr::cli::parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed) return fail_usage(parsed.error().message + "\n(see --help)");
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

  auto load = load_options_for(opt);
  if (!load) return fail_usage(load.error().message);
  if (opt.input.empty()) return fail_usage("no input given (-i PATH)\n(see --help)");
  std::error_code ec;
  if (!fs::exists(opt.input, ec)) return fail_usage(opt.input + ": no such file or folder");

  auto files = fr::cli::model_files_for(opt);
  if (!files) return fail_usage(files.error().message);
  auto models = fr::load_pipeline_models(*files, *load);
  if (!models) return fail_usage(models.error().message);
  fr::log()->info("device: {} ({})", load->device.str(), load->device.reason);
  fr::Pipeline pipeline(std::move(*models), pipeline_options_for(opt));

  fr::OutputSettings out;
  out.folder = opt.output;
  out.ext = opt.ext;
  out.suffix = opt.suffix;
  out.overwrite = opt.overwrite;

  std::signal(SIGINT, on_interrupt);
#ifdef SIGXFSZ
  // Past a file-size limit a write then fails with EFBIG, reported like a full disk.
  std::signal(SIGXFSZ, SIG_IGN);
#endif
  fr::cli::ProgressPrinter printer(fr::cli::ProgressPrinter::detect_mode(opt.json));
  const auto start = std::chrono::steady_clock::now();
  const std::vector<fs::path> inputs = collect_inputs(opt.input, opt.recursive);
  const fr::InputGuard guard(inputs);
  BatchCounts counts;
  // Declared after what the writes read (out, guard), so that it settles before they go.
  fr::cli::OrderedReport report;
  auto to_process = [&](size_t i) {
    return fr::has_image_extension(inputs[i]) && !existing_result(inputs[i], opt, out);
  };
  std::optional<std::pair<size_t, ImageRead>> next_read;  // the next photo, being read
  fs::path last_result;  // of the photo whose outputs may still be being written
  for (size_t i = 0; i < inputs.size() && !g_cancel; ++i) {
    const fs::path& file = inputs[i];
    // Two inputs may share a result's name (a.jpg and a.png with --ext png): the first one's
    // must be on disk before the second looks for it.
    if (fr::has_image_extension(file) && result_path(file, opt, out) == last_result)
      report.settle();
    if (!fr::has_image_extension(file)) {
      report.say([&printer, &file] { printer.skipped(file, "not an image file"); });
      ++counts.skipped;
      continue;
    }
    if (auto exists = existing_result(file, opt, out)) {
      report.say([&printer, &file, exists] {
        printer.skipped(
            file, "its result " + fr::path_text(*exists) + " exists (--overwrite replaces it)");
      });
      ++counts.skipped;
      continue;
    }
    report.say(
        [&printer, &file, i, n = inputs.size()] { printer.begin_image(file, int(i + 1), int(n)); });
    ImageRead reading = next_read && next_read->first == i ? std::move(next_read->second)
                                                           : start_reading(file, opt);
    next_read.reset();
    for (size_t j = i + 1; j < inputs.size(); ++j)
      if (to_process(j)) {
        next_read.emplace(j, start_reading(inputs[j], opt));
        break;
      }
    last_result = result_path(file, opt, out);
    auto st =
        process_file(pipeline, file, std::move(reading), opt, out, guard, printer, report, counts);
    if (g_cancel) break;
    if (!st) {
      report.say([&printer, message = st.error().message] { printer.failed(message); });
      ++counts.failed;
    }
  }
  report.settle();  // the last photo's outputs, also when cancelled: none is lost
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printer.summary(counts.done, counts.skipped, counts.failed, seconds, g_cancel);
  if (g_cancel) return 130;
  return counts.failed ? 1 : 0;
}

int main(int argc, char** argv) {
  try {
    return run_cli(argc, argv);
  } catch (const std::exception& e) {
    // A bug in FaceRestore (FR_CHECK) or an exception from a library: say so, do not abort.
    std::cerr << "facerestore-cli: internal error: " << e.what()
              << "\n(please report this with the command line that caused it)\n";
    return 3;
  }
}
