// Logging for the whole program: one spdlog logger named "facerestore". Quiet by default
// (warnings and errors); set_log_verbosity raises it. Extra sinks (the GUI's log view, a
// file) attach with add_log_sink and then receive every message from any thread. Attach and
// detach sinks from the main thread while no other thread is logging: spdlog does not lock
// its sink list against concurrent logging.
#pragma once

#include <memory>

#include <spdlog/spdlog.h>

namespace fr {

enum class Verbosity { quiet, normal, debug };

std::shared_ptr<spdlog::logger> log();
void set_log_verbosity(Verbosity v);
void add_log_sink(std::shared_ptr<spdlog::sinks::sink> sink);
void remove_log_sink(const std::shared_ptr<spdlog::sinks::sink>& sink);

}  // namespace fr
