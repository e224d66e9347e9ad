// Keeps a batch's messages in order while a photo's outputs are written on a thread of their
// own: the networks go on with the next photo at once, and that photo's messages wait until
// the write has ended and its result has been reported. Used from the main thread only.
#pragma once

#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <vector>

#include "core/error.h"

namespace fr::cli {

class OrderedReport {
 public:
  using Written = Result<std::vector<std::filesystem::path>>;

  OrderedReport() = default;
  OrderedReport(const OrderedReport&) = delete;
  OrderedReport& operator=(const OrderedReport&) = delete;
  ~OrderedReport();  // settles, swallowing an exception from the write

  // The outputs of the photo just restored, being written; `report` gets their result once
  // they are, before anything said after this call. Settles an earlier write first, so at
  // most one is in flight.
  void writing(std::future<Written> outputs, std::function<void(Written)> report);
  // Runs `message` now, or, while a write is still going on, after that write's report.
  void say(std::function<void()> message);
  // Waits for the write in flight, if any, reports it, then runs the messages held back.
  void settle();

 private:
  // Reports a finished write and runs the held messages; with `wait`, waits for it first.
  void flush(bool wait);

  struct Pending {
    std::future<Written> outputs;
    std::function<void(Written)> report;
  };
  std::optional<Pending> pending_;
  std::deque<std::function<void()>> held_;
};

}  // namespace fr::cli
