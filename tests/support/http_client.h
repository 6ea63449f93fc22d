// A minimal HTTP/1.1 client for tests: one request per connection, over plain sockets.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace openiom::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

// Sends `method target` to 127.0.0.1:port with the given headers and body. status 0 when the connection failed.
HttpReply HttpRequest(int port, const std::string& method, const std::string& target,
                      const std::vector<std::pair<std::string, std::string>>& headers = {},
                      const std::string& body = "");

}  // namespace openiom::testing
