#include "support/openiom_server.h"

#include <regex>

namespace openiom::testing {
namespace {

std::vector<std::string> ServeCommand(const std::string& binary, const std::string& db_url,
                                      std::vector<std::string> extra_args) {
  std::vector<std::string> command = {binary, "serve", "--port", "0", "--db", db_url};
  command.insert(command.end(), extra_args.begin(), extra_args.end());
  return command;
}

}  // namespace

ProcessResult RunOpeniom(const std::string& binary, const std::string& db_url, std::vector<std::string> args,
                         const std::string& input) {
  args.insert(args.begin(), binary);
  args.push_back("--db");
  args.push_back(db_url);
  return RunProcess(args, input);
}

OpeniomServer::OpeniomServer(const std::string& binary, const std::string& db_url,
                             std::vector<std::string> extra_args)
    : process_(ServeCommand(binary, db_url, std::move(extra_args))) {
  const std::string line = process_.WaitForLine("listening on", 15000);
  std::smatch match;
  if (std::regex_search(line, match, std::regex(R"(127\.0\.0\.1:(\d+))"))) port_ = std::stoi(match[1]);
}

}  // namespace openiom::testing
