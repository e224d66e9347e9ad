#include "core/error.h"

namespace fr {

void throw_check_failure(const char* expr, const char* file, int line, const std::string& detail) {
  throw std::logic_error(std::string("internal error: ") + file + ":" + std::to_string(line) +
                         ": check '" + expr + "' failed" + (detail.empty() ? "" : ": " + detail));
}

}  // namespace fr
