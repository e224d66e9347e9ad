#include "app/cli/ordered_report.h"

#include <gtest/gtest.h>

#include <future>
#include <string>
#include <thread>
#include <vector>

namespace fr::test {
namespace {

using cli::OrderedReport;
namespace fs = std::filesystem;

struct Log {
  std::vector<std::string> lines;
  std::function<void()> say(std::string line) {
    return [this, line] { lines.push_back(line); };
  }
  std::function<void(OrderedReport::Written)> report(std::string name) {
    return [this, name](OrderedReport::Written w) {
      lines.push_back(
          name + (w ? " wrote " + std::to_string(w->size()) : " failed: " + w.error().message));
    };
  }
};

TEST(OrderedReport, MessagesWaitForTheWriteInFlight) {
  Log log;
  OrderedReport report;
  report.say(log.say("a begins"));
  EXPECT_EQ(log.lines, std::vector<std::string>{"a begins"});  // nothing pending: at once

  std::promise<OrderedReport::Written> a;
  report.writing(a.get_future(), log.report("a"));
  report.say(log.say("b begins"));
  report.say(log.say("b detect"));
  EXPECT_EQ(log.lines.size(), 1u) << "b's messages came out before a's result";

  a.set_value(std::vector<fs::path>{"a.png", "a_01.png"});
  report.say(log.say("b restore"));  // the write is done: its result, then everything held
  EXPECT_EQ(log.lines, (std::vector<std::string>{"a begins", "a wrote 2", "b begins", "b detect",
                                                 "b restore"}));
}

TEST(OrderedReport, ANewWriteSettlesTheLastAndSettleWaits) {
  Log log;
  {
    OrderedReport report;
    std::promise<OrderedReport::Written> a, b;
    report.writing(a.get_future(), log.report("a"));
    report.say(log.say("b begins"));
    // b's write starts while a's is still going on: a is waited for and reported first.
    std::thread finish_a([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      a.set_value(Error{"the disk is full"});
    });
    report.writing(b.get_future(), log.report("b"));
    finish_a.join();
    EXPECT_EQ(log.lines, (std::vector<std::string>{"a failed: the disk is full", "b begins"}));
    report.say(log.say("c begins"));
    std::thread finish_b([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      b.set_value(std::vector<fs::path>{"b.png"});
    });
    report.settle();
    finish_b.join();
    EXPECT_EQ(log.lines.back(), "c begins");
    std::promise<OrderedReport::Written> c;
    report.writing(c.get_future(), log.report("c"));
    c.set_value(std::vector<fs::path>{});
  }  // the destructor settles the last write: its result is not lost
  EXPECT_EQ(log.lines, (std::vector<std::string>{"a failed: the disk is full", "b begins",
                                                 "b wrote 1", "c begins", "c wrote 0"}));
}

}  // namespace
}  // namespace fr::test
