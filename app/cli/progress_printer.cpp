#include "app/cli/progress_printer.h"

#include <cstdio>
#include <iostream>

#ifdef _WIN32
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#else
#include <unistd.h>
#endif

#include <nlohmann/json.hpp>

#include "core/path_text.h"

namespace fr::cli {
namespace {

void print_json(const nlohmann::json& event) {
  std::cout << event.dump() << std::endl;  // one object per line, flushed for readers
}

std::string stage_text(const ProgressEvent& e) {
  std::string text = stage_name(e.stage);
  if (e.count > 1 || e.stage == Stage::restore || e.stage == Stage::align) {
    // Large photos are detected in parts (tiles, then an overview).
    const char* unit = e.stage == Stage::background ? " tile "
                       : e.stage == Stage::detect   ? " part "
                                                    : " face ";
    text += unit + std::to_string(e.index) + "/" + std::to_string(e.count);
  }
  return text;
}

}  // namespace

ProgressPrinter::Mode ProgressPrinter::detect_mode(bool json) {
  if (json) return Mode::json;
  return isatty(fileno(stderr)) ? Mode::terminal : Mode::lines;
}

void ProgressPrinter::clear_line() {
  if (line_open_) std::fputs("\r\033[K", stderr);
  line_open_ = false;
}

void ProgressPrinter::begin_image(const std::filesystem::path& file, int index, int count) {
  file_ = file;
  index_ = index;
  count_ = count;
}

void ProgressPrinter::progress(const ProgressEvent& e) {
  const std::string prefix = "[" + std::to_string(index_) + "/" + std::to_string(count_) + "] " +
                             path_text(file_.filename());
  switch (mode_) {
    case Mode::json:
      print_json({{"event", "progress"},
                  {"file", path_text(file_)},
                  {"image", index_},
                  {"images", count_},
                  {"stage", stage_name(e.stage)},
                  {"index", e.index},
                  {"count", e.count}});
      break;
    case Mode::terminal: {
      // A bar over the images, the current one counting as half done.
      const int width = 20, filled = count_ ? width * (2 * index_ - 1) / (2 * count_) : 0;
      const std::string bar = std::string(filled, '#') + std::string(width - filled, '.');
      std::fprintf(stderr, "\r\033[K[%s] %s: %s", bar.c_str(), prefix.c_str(),
                   stage_text(e).c_str());
      std::fflush(stderr);
      line_open_ = true;
      break;
    }
    case Mode::lines:
      std::fprintf(stderr, "%s: %s\n", prefix.c_str(), stage_text(e).c_str());
      break;
  }
}

void ProgressPrinter::done(const std::vector<std::filesystem::path>& written, int faces) {
  if (mode_ == Mode::json) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& p : written) files.push_back(path_text(p));
    print_json(
        {{"event", "done"}, {"file", path_text(file_)}, {"faces", faces}, {"outputs", files}});
    return;
  }
  clear_line();
  std::fprintf(stderr, "[%d/%d] %s: %d face%s, wrote %s\n", index_, count_,
               path_text(file_.filename()).c_str(), faces, faces == 1 ? "" : "s",
               written.empty() ? "nothing" : path_text(written.back()).c_str());
}

void ProgressPrinter::skipped(const std::filesystem::path& file, const std::string& reason) {
  if (mode_ == Mode::json) {
    print_json({{"event", "skipped"}, {"file", path_text(file)}, {"reason", reason}});
    return;
  }
  clear_line();
  std::fprintf(stderr, "skipped %s: %s\n", path_text(file).c_str(), reason.c_str());
}

void ProgressPrinter::failed(const std::string& message) {
  if (mode_ == Mode::json) {
    print_json({{"event", "failed"}, {"file", path_text(file_)}, {"error", message}});
    return;
  }
  clear_line();
  std::fprintf(stderr, "failed: %s\n", message.c_str());
}

void ProgressPrinter::warning(const std::string& message) {
  if (mode_ == Mode::json) {
    print_json({{"event", "warning"}, {"file", path_text(file_)}, {"message", message}});
    return;
  }
  clear_line();
  std::fprintf(stderr, "warning: %s: %s\n", path_text(file_.filename()).c_str(), message.c_str());
}

void ProgressPrinter::summary(int done, int skipped, int failed, double seconds, bool cancelled) {
  if (mode_ == Mode::json) {
    print_json({{"event", "summary"},
                {"done", done},
                {"skipped", skipped},
                {"failed", failed},
                {"seconds", seconds},
                {"cancelled", cancelled}});
    return;
  }
  clear_line();
  std::fprintf(stderr, "%s%d done, %d skipped, %d failed in %.1f s\n",
               cancelled ? "cancelled: " : "", done, skipped, failed, seconds);
}

}  // namespace fr::cli
