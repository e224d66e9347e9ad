#include <sstream>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include "core/logging.h"

namespace fr {

TEST(Logging, QuietByDefaultVerboseOnRequestAndSinksReceiveMessages) {
  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  add_log_sink(sink);

  log()->info("hidden by default");
  log()->warn("warnings always show");
  set_log_verbosity(Verbosity::debug);
  log()->debug("debug shows with -v");
  set_log_verbosity(Verbosity::quiet);
  log()->flush();
  remove_log_sink(sink);
  log()->warn("after removal");

  const std::string text = captured.str();
  EXPECT_EQ(text.find("hidden by default"), std::string::npos) << text;
  EXPECT_NE(text.find("warnings always show"), std::string::npos) << text;
  EXPECT_NE(text.find("debug shows with -v"), std::string::npos) << text;
  EXPECT_EQ(text.find("after removal"), std::string::npos) << text;
}

}  // namespace fr
