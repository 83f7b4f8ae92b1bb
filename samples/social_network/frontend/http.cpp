// The only translation unit that includes cpp-httplib (Debian's split build:
// the header declares, libcpp-httplib.so implements).
#include "http.hpp"

#include <httplib.h>

#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include <meshwa/runtime/metrics.hpp>

#include "../interfaces.hpp"

namespace social::http {
namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

/// A 4xx answer: thrown by parameter parsing, turned into the reply.
struct BadRequest {
  int status = 400;
  std::string message;
};

int status_of(meshwa::Code code) {
  switch (code) {
    case meshwa::Code::invalid_argument:
    case meshwa::Code::out_of_range:
    case meshwa::Code::failed_precondition: return 400;
    case meshwa::Code::unauthenticated: return 401;
    case meshwa::Code::permission_denied: return 403;
    case meshwa::Code::not_found: return 404;
    case meshwa::Code::already_exists: return 409;
    case meshwa::Code::unavailable:
    case meshwa::Code::domain_fault: return 503;
    case meshwa::Code::deadline_exceeded: return 504;
    default: return 500;
  }
}

std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::string required(const httplib::Request& req, const char* name) {
  std::string value = param(req, name);
  if (value.empty()) throw BadRequest{400, std::string("Incomplete arguments: ") + name + " is missing"};
  return value;
}

template <class Int>
Int parse_int(std::string_view text, const char* name) {
  Int value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw BadRequest{400, std::string(name) + " must be an integer, got '" + std::string(text.substr(0, 64)) + "'"};
  }
  return value;
}

/// media_ids: a JSON array of integers or of decimal strings (the original's
/// wrk2 script sends `["123","456"]`).
std::vector<std::int64_t> parse_ids(const std::string& text, const char* name) {
  std::vector<std::int64_t> ids;
  if (text.empty()) return ids;
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) throw BadRequest{400, std::string(name) + " must be a JSON array"};
  for (const json& item : parsed) {
    if (item.is_number_integer()) {
      ids.push_back(item.get<std::int64_t>());
    } else if (item.is_string()) {
      ids.push_back(parse_int<std::int64_t>(item.get_ref<const std::string&>(), name));
    } else {
      throw BadRequest{400, std::string(name) + " must hold integers"};
    }
  }
  return ids;
}

std::vector<std::string> parse_strings(const std::string& text, const char* name) {
  std::vector<std::string> values;
  if (text.empty()) return values;
  const json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_array()) throw BadRequest{400, std::string(name) + " must be a JSON array"};
  for (const json& item : parsed) {
    if (!item.is_string()) throw BadRequest{400, std::string(name) + " must hold strings"};
    values.push_back(item.get<std::string>());
  }
  return values;
}

json to_json(const Post& post) {
  json mentions = json::array();
  for (const UserMention& m : post.user_mentions) mentions.push_back({{"user_id", m.user_id}, {"username", m.username}});
  json media = json::array();
  for (const Media& m : post.media) media.push_back({{"media_id", m.media_id}, {"media_type", m.media_type}});
  json urls = json::array();
  for (const Url& u : post.urls) urls.push_back({{"shortened_url", u.shortened_url}, {"expanded_url", u.expanded_url}});
  return {{"post_id", post.post_id},
          {"creator", {{"user_id", post.creator.user_id}, {"username", post.creator.username}}},
          {"req_id", post.req_id},
          {"text", post.text},
          {"user_mentions", std::move(mentions)},
          {"media", std::move(media)},
          {"urls", std::move(urls)},
          {"timestamp", post.timestamp},
          {"post_type", static_cast<int>(post.post_type)}};
}

struct Counters {
  std::atomic<std::int64_t> requests{0};
  std::atomic<std::int64_t> errors{0};
  std::atomic<std::int64_t> handler_ns{0};
  std::atomic<std::int64_t> service_ns{0};
};

}  // namespace

// ---------------------------------------------------------------- FrontEnd

struct FrontEnd::Impl {
  Impl(meshwa::Deployment& deployment, Options opts)
      : options(std::move(opts)),
        compose(deployment.ref<ComposePostService>()),
        users(deployment.ref<UserService>()),
        graph(deployment.ref<SocialGraphService>()),
        home(deployment.ref<HomeTimelineService>()),
        user_timeline(deployment.ref<UserTimelineService>()),
        next_req_id(static_cast<std::int64_t>(std::random_device{}() & 0x7fffffff) << 20) {}

  Options options;
  httplib::Server server;
  meshwa::Ref<ComposePostService> compose;
  meshwa::Ref<UserService> users;
  meshwa::Ref<SocialGraphService> graph;
  meshwa::Ref<HomeTimelineService> home;
  meshwa::Ref<UserTimelineService> user_timeline;
  std::atomic<std::int64_t> next_req_id;
  std::map<std::string, Counters> counters;  // keys fixed before serving; values atomic

  std::int64_t req_id() { return next_req_id.fetch_add(1, std::memory_order_relaxed); }

  /// Runs `body` (which returns the service time it measured), maps thrown
  /// BadRequests and errors to replies, and accounts the request.
  template <class Body>
  void route(const std::string& path, const httplib::Request& req, httplib::Response& res, Body body) {
    Counters& c = counters.at(path);
    const auto start = Clock::now();
    std::int64_t service_ns = 0;
    try {
      service_ns = body(req, res);
    } catch (const BadRequest& bad) {
      res.status = bad.status;
      res.set_content(bad.message + "\n", "text/plain");
    }
    c.requests.fetch_add(1, std::memory_order_relaxed);
    if (res.status >= 400) c.errors.fetch_add(1, std::memory_order_relaxed);
    c.service_ns.fetch_add(service_ns, std::memory_order_relaxed);
    c.handler_ns.fetch_add(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count(),
                           std::memory_order_relaxed);
  }

  /// Calls a service, timing it; an error becomes the reply.
  template <class Call>
  static auto timed(std::int64_t& ns, Call call) {
    const auto start = Clock::now();
    auto result = call();
    ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
    return result;
  }

  template <class T>
  static void fail_on_error(const meshwa::Result<T>& result, httplib::Response& res, bool& failed) {
    failed = !result.has_value();
    if (failed) {
      res.status = status_of(result.error().code());
      res.set_content(std::string(meshwa::to_string(result.error().code())) + ": " + result.error().message() + "\n",
                      "text/plain");
    }
  }

  void add_routes() {
    for (const char* path : {"/wrk2-api/user/register", "/wrk2-api/user/follow", "/wrk2-api/user/unfollow",
                             "/api/user/login", "/wrk2-api/post/compose", "/wrk2-api/home-timeline/read",
                             "/wrk2-api/user-timeline/read"}) {
      counters[path];
    }

    server.Post("/wrk2-api/user/register", [this](const httplib::Request& req, httplib::Response& res) {
      route("/wrk2-api/user/register", req, res, [this](const httplib::Request& rq, httplib::Response& rs) {
        std::string first = required(rq, "first_name"), last = required(rq, "last_name"),
                    username = required(rq, "username"), password = required(rq, "password");
        const std::string id_text = param(rq, "user_id");
        std::int64_t ns = 0;
        bool failed = false;
        auto done = timed(ns, [&] {
          return id_text.empty()
                     ? users->register_user(req_id(), first, last, username, password)
                     : users->register_user_with_id(req_id(), first, last, username, password,
                                                    parse_int<std::int64_t>(id_text, "user_id"));
        });
        fail_on_error(done, rs, failed);
        if (!failed) rs.set_content("Success!\n", "text/plain");
        return ns;
      });
    });

    auto follow_route = [this](const char* path, bool follow) {
      server.Post(path, [this, path, follow](const httplib::Request& req, httplib::Response& res) {
        route(path, req, res, [this, follow](const httplib::Request& rq, httplib::Response& rs) {
          const std::string user_name = param(rq, "user_name"), followee_name = param(rq, "followee_name");
          const std::string user_id = param(rq, "user_id"), followee_id = param(rq, "followee_id");
          std::int64_t ns = 0;
          meshwa::Result<void> done;
          if (!user_name.empty() && !followee_name.empty()) {
            done = timed(ns, [&] {
              return follow ? graph->follow_with_username(req_id(), user_name, followee_name)
                            : graph->unfollow_with_username(req_id(), user_name, followee_name);
            });
          } else if (!user_id.empty() && !followee_id.empty()) {
            const auto a = parse_int<std::int64_t>(user_id, "user_id");
            const auto b = parse_int<std::int64_t>(followee_id, "followee_id");
            done = timed(ns, [&] { return follow ? graph->follow(req_id(), a, b) : graph->unfollow(req_id(), a, b); });
          } else {
            throw BadRequest{400, "Incomplete arguments: give user_name and followee_name, or user_id and followee_id"};
          }
          bool failed = false;
          fail_on_error(done, rs, failed);
          if (!failed) rs.set_content("Success!\n", "text/plain");
          return ns;
        });
      });
    };
    follow_route("/wrk2-api/user/follow", true);
    follow_route("/wrk2-api/user/unfollow", false);

    server.Post("/api/user/login", [this](const httplib::Request& req, httplib::Response& res) {
      route("/api/user/login", req, res, [this](const httplib::Request& rq, httplib::Response& rs) {
        const std::string username = required(rq, "username"), password = required(rq, "password");
        std::int64_t ns = 0;
        auto token = timed(ns, [&] { return users->login(req_id(), username, password); });
        if (!token) {
          // The original answers every failed login with 401.
          rs.status = 401;
          rs.set_content("Login Failed: " + token.error().message() + "\n", "text/plain");
          return ns;
        }
        rs.set_header("Set-Cookie", "login_token=" + *token + "; Path=/; HttpOnly");
        rs.set_content(*token + "\n", "text/plain");
        return ns;
      });
    });

    server.Post("/wrk2-api/post/compose", [this](const httplib::Request& req, httplib::Response& res) {
      route("/wrk2-api/post/compose", req, res, [this](const httplib::Request& rq, httplib::Response& rs) {
        std::string username = required(rq, "username");
        const auto user_id = parse_int<std::int64_t>(required(rq, "user_id"), "user_id");
        std::string text = required(rq, "text");
        auto media_ids = parse_ids(param(rq, "media_ids"), "media_ids");
        auto media_types = parse_strings(param(rq, "media_types"), "media_types");
        const std::string type_text = param(rq, "post_type");
        const int type = type_text.empty() ? 0 : parse_int<int>(type_text, "post_type");
        if (type < 0 || type > 3) throw BadRequest{400, "post_type must be 0 (post), 1 (repost), 2 (reply) or 3 (dm)"};
        std::int64_t ns = 0;
        auto done = timed(ns, [&] {
          return compose->compose_post(req_id(), std::move(username), user_id, std::move(text), std::move(media_ids),
                                       std::move(media_types), static_cast<PostType>(type));
        });
        bool failed = false;
        fail_on_error(done, rs, failed);
        if (!failed) rs.set_content("Successfully upload post\n", "text/plain");
        return ns;
      });
    });

    auto timeline_route = [this](const char* path, bool home_timeline) {
      server.Get(path, [this, path, home_timeline](const httplib::Request& req, httplib::Response& res) {
        route(path, req, res, [this, home_timeline](const httplib::Request& rq, httplib::Response& rs) {
          const auto user_id = parse_int<std::int64_t>(required(rq, "user_id"), "user_id");
          const auto start = parse_int<std::int32_t>(required(rq, "start"), "start");
          const auto stop = parse_int<std::int32_t>(required(rq, "stop"), "stop");
          std::int64_t ns = 0;
          auto posts = timed(ns, [&] {
            return home_timeline ? home->read_home_timeline(req_id(), user_id, start, stop)
                                 : user_timeline->read_user_timeline(req_id(), user_id, start, stop);
          });
          bool failed = false;
          fail_on_error(posts, rs, failed);
          if (failed) return ns;
          json out = json::array();
          for (const Post& post : *posts) out.push_back(to_json(post));
          rs.set_content(out.dump() + "\n", "application/json");
          return ns;
        });
      });
    };
    timeline_route("/wrk2-api/home-timeline/read", true);
    timeline_route("/wrk2-api/user-timeline/read", false);

    server.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
      std::string out =
          "# HELP social_http_requests_total Requests per route.\n# TYPE social_http_requests_total counter\n";
      std::string errors = "# TYPE social_http_errors_total counter\n";
      std::string handler = "# HELP social_http_handler_seconds_total Time in the front end's handler.\n"
                            "# TYPE social_http_handler_seconds_total counter\n";
      std::string service = "# HELP social_http_service_seconds_total Time inside the top-level service call.\n"
                            "# TYPE social_http_service_seconds_total counter\n";
      for (const RouteStats& s : stats_of(counters)) {
        const std::string label = "{route=\"" + s.route + "\"} ";
        out += "social_http_requests_total" + label + std::to_string(s.requests) + "\n";
        errors += "social_http_errors_total" + label + std::to_string(s.errors) + "\n";
        handler += "social_http_handler_seconds_total" + label + std::to_string(s.handler_ns / 1e9) + "\n";
        service += "social_http_service_seconds_total" + label + std::to_string(s.service_ns / 1e9) + "\n";
      }
      // and the generated stubs' per-method calls, errors and sampled latencies
      res.set_content(out + errors + handler + service + meshwa::metrics::prometheus_text(),
                      "text/plain; version=0.0.4");
    });

    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
      std::string what = "unknown exception";
      try {
        if (error) std::rethrow_exception(error);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      res.status = 500;
      res.set_content("internal error: " + what + "\n", "text/plain");
    });
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;  // a handler already explained
      if (res.status == 404) {
        res.set_content("no such route: " + req.method + " " + req.path + "\n", "text/plain");
      } else {
        res.set_content("HTTP " + std::to_string(res.status) + "\n", "text/plain");
      }
    });
  }

  static std::vector<RouteStats> stats_of(const std::map<std::string, Counters>& counters) {
    std::vector<RouteStats> all;
    for (const auto& [path, c] : counters) {
      all.push_back(RouteStats{path, c.requests.load(), c.errors.load(), c.handler_ns.load(), c.service_ns.load()});
    }
    return all;
  }
};

FrontEnd::FrontEnd(meshwa::Deployment& deployment, Options options)
    : impl_(std::make_unique<Impl>(deployment, std::move(options))) {
  const int threads = impl_->options.threads > 0 ? impl_->options.threads : 1;
  impl_->server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  // httplib closes a keep-alive connection after 5 requests by default;
  // a load generator's connections should live as long as it runs.
  impl_->server.set_keep_alive_max_count(100000);
  // Answers are written in pieces; without TCP_NODELAY each request waits
  // ~40 ms for Nagle and the peer's delayed ACK.
  impl_->server.set_tcp_nodelay(true);
  impl_->add_routes();
}

FrontEnd::~FrontEnd() { stop(); }

int FrontEnd::bind() {
  int port = impl_->options.port;
  if (port == 0) {
    port = impl_->server.bind_to_any_port(impl_->options.host);
    if (port < 0) throw std::runtime_error("cannot bind an ephemeral port on " + impl_->options.host);
  } else if (!impl_->server.bind_to_port(impl_->options.host, port)) {
    throw std::runtime_error("cannot listen on " + impl_->options.host + ":" + std::to_string(port) +
                             " (in use? pick another with --port)");
  }
  return port;
}

void FrontEnd::serve() { impl_->server.listen_after_bind(); }

void FrontEnd::stop() {
  if (impl_) impl_->server.stop();
}

std::vector<RouteStats> FrontEnd::stats() const { return Impl::stats_of(impl_->counters); }

// ---------------------------------------------------------------- Client

std::string url_encode(const std::string& text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

namespace {

std::string encode_params(const Params& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += '&';
    out += url_encode(key) + "=" + url_encode(value);
  }
  return out;
}

Reply reply_of(const httplib::Result& result) {
  Reply reply;
  if (!result) {
    reply.body = httplib::to_string(result.error());
    return reply;
  }
  reply.status = result->status;
  reply.body = result->body;
  reply.set_cookie = result->get_header_value("Set-Cookie");
  return reply;
}

}  // namespace

struct Client::Impl {
  Impl(const std::string& host, int port) : client(host, port) {
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    client.set_connection_timeout(5);
    client.set_read_timeout(30);
  }
  httplib::Client client;
};

Client::Client(const std::string& host, int port) : impl_(std::make_unique<Impl>(host, port)) {}
Client::~Client() = default;

Reply Client::get(const std::string& path, const Params& query) {
  const std::string target = query.empty() ? path : path + "?" + encode_params(query);
  return reply_of(impl_->client.Get(target));
}

Reply Client::post_form(const std::string& path, const Params& form) {
  return post(path, encode_params(form), "application/x-www-form-urlencoded");
}

Reply Client::post(const std::string& path, const std::string& body, const std::string& content_type) {
  return reply_of(impl_->client.Post(path, body, content_type));
}

}  // namespace social::http
