// How facerestore-cli reports a batch: a progress line redrawn in place on a terminal, plain
// lines when stderr is not a terminal, or (--json) one JSON object per event on stdout.
// Messages that are not progress (results, warnings, errors) go to stderr as lines, except
// in JSON mode where they are events too. Used from the main thread only.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/restore/pipeline.h"

namespace fr::cli {

class ProgressPrinter {
 public:
  enum class Mode { terminal, lines, json };
  explicit ProgressPrinter(Mode mode) : mode_(mode) {}
  // terminal when stderr is a TTY, lines otherwise; json if asked for.
  static Mode detect_mode(bool json);

  // The image now worked on: `index` of `count` (from 1).
  void begin_image(const std::filesystem::path& file, int index, int count);
  void progress(const ProgressEvent& event);
  void done(const std::vector<std::filesystem::path>& written, int faces);
  void skipped(const std::filesystem::path& file, const std::string& reason);
  void failed(const std::string& message);
  // Something about the current image that was worked around (Restoration::warnings).
  void warning(const std::string& message);
  void summary(int done, int skipped, int failed, double seconds, bool cancelled);

 private:
  void clear_line();

  Mode mode_;
  std::filesystem::path file_;
  int index_ = 0, count_ = 0;
  bool line_open_ = false;
};

}  // namespace fr::cli
