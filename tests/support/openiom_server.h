// The openiom binary in tests: commands against a test database, and a running server on a free port.
#pragma once

#include <string>
#include <vector>

#include "support/process.h"

namespace openiom::testing {

// Runs `binary args... --db db_url` to completion, with `input` on standard input.
ProcessResult RunOpeniom(const std::string& binary, const std::string& db_url, std::vector<std::string> args,
                         const std::string& input = "");

// `binary serve --port 0 --db db_url extra_args...`, stopped when destroyed.
class OpeniomServer {
 public:
  OpeniomServer(const std::string& binary, const std::string& db_url, std::vector<std::string> extra_args = {});
  // The port it listens on; 0 if it did not start within 15 seconds.
  int port() const { return port_; }

 private:
  BackgroundProcess process_;
  int port_ = 0;
};

}  // namespace openiom::testing
