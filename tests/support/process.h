// Running the openiom binary from tests, as a user would from a shell.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace openiom::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `args` (args[0] is the program) to completion, feeding `input` on stdin. `env` adds variables.
ProcessResult RunProcess(const std::vector<std::string>& args, const std::string& input = "",
                         const std::map<std::string, std::string>& env = {});

// A process left running (a server). Killed with SIGTERM, then SIGKILL, when destroyed.
class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& args);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // Reads stdout until a line containing `text` appears (returns that line) or `timeout_ms` passes ("").
  std::string WaitForLine(const std::string& text, int timeout_ms);
  // Sends SIGTERM and waits; returns the exit code.
  int Stop();
  // Sends SIGKILL (a crash, or `kill -9`: the process gets no chance to clean up) and waits for it to end.
  void Kill();

 private:
  int pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
};

}  // namespace openiom::testing
