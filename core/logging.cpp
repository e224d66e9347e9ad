#include "core/logging.h"

#include <algorithm>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace fr {
namespace {

std::shared_ptr<spdlog::logger> make_logger() {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_pattern("%^[%l]%$ %v");
  auto logger = std::make_shared<spdlog::logger>("facerestore", console);
  logger->set_level(spdlog::level::warn);
  logger->flush_on(spdlog::level::warn);
  return logger;
}

}  // namespace

std::shared_ptr<spdlog::logger> log() {
  static std::shared_ptr<spdlog::logger> logger = make_logger();
  return logger;
}

void set_log_verbosity(Verbosity v) {
  switch (v) {
    case Verbosity::quiet:
      log()->set_level(spdlog::level::warn);
      break;
    case Verbosity::normal:
      log()->set_level(spdlog::level::info);
      break;
    case Verbosity::debug:
      log()->set_level(spdlog::level::debug);
      break;
  }
}

void add_log_sink(std::shared_ptr<spdlog::sinks::sink> sink) {
  log()->sinks().push_back(std::move(sink));
}

void remove_log_sink(const std::shared_ptr<spdlog::sinks::sink>& sink) {
  auto& sinks = log()->sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), sink), sinks.end());
}

}  // namespace fr
