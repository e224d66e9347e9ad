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
#include "app/cli/outputs.h"
#include "app/cli/progress_printer.h"
#include "app/restore/image_io.h"
#include "app/restore/pipeline_models.h"
#include "app/restore/session.h"
#include "core/device.h"
#include "core/logging.h"
#include "core/path_text.h"

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

fr::PipelineOptions pipeline_options_for(const fr::cli::Options& opt) {
  fr::PipelineOptions p;
  p.upscale = opt.upscale;
  p.tiles.tile = opt.bg_tile;
  p.tiles.pad = opt.tile_pad;
  p.detection.tile = opt.det_tile;
  p.only_center_face = opt.only_center_face;
  return p;
}

// What the session is asked for, from the options; `device` is --device or
// $FACERESTORE_DEVICE, `models` the files model_files_for found.
fr::SessionRequest session_request_for(const fr::cli::Options& opt, const std::string& device,
                                       fr::PipelineModelFiles models) {
  fr::SessionRequest r;
  r.device = device;
  r.backend.cpu_threads = opt.threads;
  r.backend.vulkan_fp16_storage = opt.fp16;
  r.face.noise = opt.noise == "random" ? fr::FaceNetworkOptions::Noise::random
                                       : fr::FaceNetworkOptions::Noise::stored;
  r.face.seed = opt.seed;
  r.models = std::move(models);
  r.pipeline = pipeline_options_for(opt);
  r.limits.max_pixels = int64_t(opt.max_megapixels) * 1'000'000;
  r.limits.raise_with = "--max-megapixels";
  r.aligned = opt.aligned;
  return r;
}

// What a batch counts, as the results come in.
struct BatchCounts {
  int done = 0, skipped = 0, failed = 0;
};

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

// Starts writing a restored photo's outputs on a thread of their own; `report` prints the
// result once they are written, before anything said later.
void write_outputs(fr::SessionPhoto&& photo, const fr::cli::Options& opt,
                   const fr::OutputSettings& out, const fr::InputGuard& guard,
                   fr::cli::ProgressPrinter& printer, fr::cli::OrderedReport& report,
                   BatchCounts& counts) {
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
  report.say([&printer] { printer.progress({fr::Stage::write}); });
  if (opt.aligned) {
    const fs::path target = fr::aligned_face_path(photo.path, out);
    report.writing(std::async(std::launch::async,
                              [target, face = std::move(photo.aligned_face), &out,
                               &guard]() -> fr::cli::OrderedReport::Written {
                                if (auto st = fr::write_output(target, face, out, guard); !st)
                                  return st.error();
                                return std::vector<fs::path>{target};
                              }),
                   written(1));
    return;
  }
  for (const std::string& warning : photo.restoration.warnings)
    report.say([&printer, warning] { printer.warning(warning); });
  const int faces = int(photo.restoration.faces.size());
  report.writing(std::async(std::launch::async,
                            [restoration = std::move(photo.restoration), file = photo.path, &out,
                             format = std::move(photo.source.format), &guard] {
                              return fr::write_restoration(restoration, file, out, format, guard);
                            }),
                 written(faces));
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

  // The device is checked before anything is read or downloaded.
  const char* env_device = std::getenv("FACERESTORE_DEVICE");
  if (auto device = fr::choose_device(opt.device, env_device); !device)
    return fail_usage(device.error().message);
  const std::string device = !opt.device.empty() ? opt.device : env_device ? env_device : "";
  if (opt.input.empty()) return fail_usage("no input given (-i PATH)\n(see --help)");
  std::error_code ec;
  if (!fs::exists(opt.input, ec)) return fail_usage(opt.input + ": no such file or folder");

  auto files = fr::cli::model_files_for(opt);
  if (!files) return fail_usage(files.error().message);
  // Ctrl-C stops loading and running within one op.
  auto session = fr::Session::open(session_request_for(opt, device, std::move(*files)), &g_cancel);
  if (!session) return fail_usage(session.error().message);

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
  fs::path last_result;  // of the photo whose outputs may still be being written
  fr::SessionEvents events;
  events.skip = [&](const fs::path& file, bool ahead) -> std::optional<std::string> {
    if (!fr::has_image_extension(file)) return "not an image file";
    // Two inputs may share a result's name (a.jpg and a.png with --ext png): the first one's
    // must be on disk before the second looks for it.
    if (!ahead && result_path(file, opt, out) == last_result) report.settle();
    if (auto exists = existing_result(file, opt, out))
      return "its result " + fr::path_text(*exists) + " exists (--overwrite replaces it)";
    return std::nullopt;
  };
  events.on_skipped = [&](const fs::path& file, const std::string& why) {
    report.say([&printer, file, why] { printer.skipped(file, why); });
    ++counts.skipped;
  };
  events.on_begin = [&](const fs::path& file, size_t index, size_t count) {
    report.say(
        [&printer, file, index, count] { printer.begin_image(file, int(index), int(count)); });
    last_result = result_path(file, opt, out);
  };
  events.on_progress = [&](size_t, size_t, const fr::ProgressEvent& e) {
    report.say([&printer, e] { printer.progress(e); });
  };
  events.on_done = [&](fr::SessionPhoto&& photo) {
    write_outputs(std::move(photo), opt, out, guard, printer, report, counts);
  };
  events.on_failed = [&](const fs::path&, size_t, const fr::Error& error) {
    report.say([&printer, message = error.message] { printer.failed(message); });
    ++counts.failed;
  };
  (*session)->run(inputs, events);
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
