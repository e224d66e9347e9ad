#include "tests/test_support.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

namespace fr::test {

std::filesystem::path test_data_dir() {
  if (const char* env = std::getenv("FACERESTORE_TEST_DATA"); env && *env) return env;
  return std::filesystem::path(FACERESTORE_SOURCE_DIR) / ".." / "shared";
}

std::filesystem::path require_test_data(const std::string& relative) {
  const auto p = test_data_dir() / relative;
  if (!std::filesystem::exists(p))
    ADD_FAILURE() << "test data missing: " << p.string()
                  << " (set FACERESTORE_TEST_DATA to the shared data folder; default is "
                     "../shared beside the repository)";
  return p;
}

CommandResult run_command(const std::string& command_line) {
  CommandResult r;
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / ("facerestore-test-" + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace fr::test
