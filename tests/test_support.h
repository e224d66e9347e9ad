// Helpers shared by the tests: where ../shared is, and running our programs.
#pragma once

#include <filesystem>
#include <string>

namespace fr::test {

// $FACERESTORE_TEST_DATA, else <repo>/../shared.
std::filesystem::path test_data_dir();

// test_data_dir()/relative; adds a test failure saying where it looked if it is missing.
std::filesystem::path require_test_data(const std::string& relative);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line and captures its output.
CommandResult run_command(const std::string& command_line);

// A fresh empty folder under the system temp folder, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace fr::test
