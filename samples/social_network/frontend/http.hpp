// The HTTP front end (the original's nginx + Lua gateway) and a small HTTP
// client for tests and tools. frontend/http.cpp is the only translation unit
// that includes cpp-httplib; callers see this header only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <meshwa/registry.hpp>

namespace social::http {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;     // 0: an ephemeral port, see FrontEnd::bind()
  int threads = 8;     // worker threads; one per open keep-alive connection
};

/// Time spent per request kind, measured in the front end.
struct RouteStats {
  std::string route;
  std::int64_t requests = 0;
  std::int64_t errors = 0;            // 4xx and 5xx answers
  std::int64_t handler_ns = 0;        // the whole handler: parse, services, JSON
  std::int64_t service_ns = 0;        // inside the top-level service call
};

/// Serves the original's API (paths and form parameters) from a running
/// deployment:
///   POST /wrk2-api/user/register      first_name, last_name, username, password[, user_id]
///   POST /wrk2-api/user/follow        user_name & followee_name, or user_id & followee_id
///   POST /wrk2-api/user/unfollow      (same)
///   POST /api/user/login              username, password -> the token (also as cookie login_token)
///   POST /wrk2-api/post/compose       username, user_id, text[, media_ids, media_types, post_type]
///   GET  /wrk2-api/home-timeline/read user_id, start, stop -> JSON array of posts
///   GET  /wrk2-api/user-timeline/read user_id, start, stop
///   GET  /metrics                     per-route counters and times, and the stubs'
///                                     per-method metrics (Prometheus text)
/// A bad request gets a 4xx and a one-line message.
class FrontEnd {
 public:
  FrontEnd(meshwa::Deployment& deployment, Options options);
  ~FrontEnd();
  FrontEnd(const FrontEnd&) = delete;
  FrontEnd& operator=(const FrontEnd&) = delete;

  /// Opens the listening socket; returns the port. Throws std::runtime_error.
  int bind();
  /// Serves until stop() (from another thread). bind() first.
  void serve();
  void stop();
  [[nodiscard]] std::vector<RouteStats> stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Reply {
  int status = 0;  // 0 when the request could not be sent
  std::string body;
  std::string set_cookie;
};

using Params = std::vector<std::pair<std::string, std::string>>;

/// A keep-alive HTTP/1.1 client to one host and port.
class Client {
 public:
  Client(const std::string& host, int port);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Reply get(const std::string& path, const Params& query = {});
  /// application/x-www-form-urlencoded
  Reply post_form(const std::string& path, const Params& form);
  Reply post(const std::string& path, const std::string& body, const std::string& content_type);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Percent-encodes a query or form value.
std::string url_encode(const std::string& text);

}  // namespace social::http
