#include "app/cli/ordered_report.h"

#include <chrono>
#include <utility>

namespace fr::cli {

OrderedReport::~OrderedReport() {
  // Normally settled already; here only when an exception is on its way out of the batch.
  try {
    settle();
  } catch (...) {  // the write failed the same way; the first exception is the one reported
  }
}

void OrderedReport::writing(std::future<Written> outputs, std::function<void(Written)> report) {
  settle();
  pending_.emplace(Pending{std::move(outputs), std::move(report)});
}

void OrderedReport::say(std::function<void()> message) {
  flush(false);
  if (pending_) {
    held_.push_back(std::move(message));
  } else {
    message();
  }
}

void OrderedReport::settle() {
  flush(true);
}

void OrderedReport::flush(bool wait) {
  if (pending_) {
    if (!wait && pending_->outputs.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
      return;
    Pending done = std::move(*pending_);
    pending_.reset();
    done.report(done.outputs.get());
  }
  while (!held_.empty()) {
    auto message = std::move(held_.front());
    held_.pop_front();
    message();
  }
}

}  // namespace fr::cli
