#include "serve_http.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <algorithm>
#include <array>

#include <chrono>
#include <mutex>
#include <ostream>
#include <random>

#include "rackscale/core/error.hpp"
#include "rackscale/report/file_slug.hpp"

namespace rackscale::serve {

//! The page (serve_page.html), embedded at build time (cmake/embed_text.cmake).
extern const std::string_view kServePage;

namespace {

using json = nlohmann::json;
using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;

constexpr const char* kJson = "application/json";
constexpr const char* kTokenHeader = "X-Rackscale-Token";

//! The routes: a path and the one method it answers (HEAD too for GET).
struct Route {
  const char* method;
  const char* path;
};
constexpr std::array kRoutes = {
    Route{"GET", "/"},
    Route{"GET", "/api/base"},
    Route{"POST", "/api/plan"},
    Route{"POST", "/api/scenario.yaml"},
    Route{"POST", "/api/report.html"},
    Route{"POST", "/api/save"},
};

//! A short reason for a status the server or cpp-httplib sets without a body.
std::string reason(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 403:
      return "forbidden";
    case 404:
      return "no such path";
    case 405:
      return "method not allowed";
    case 413:
      return "the request body is too large";
    case 414:
      return "the request URI is too long";
    case 415:
      return "unsupported media type: send application/json";
    case 416:
      return "range not satisfiable";
    case 429:
      return "too many requests";
    default:
      return status >= 500 ? "internal server error" : "request refused";
  }
}

void send_json(Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump() + "\n", kJson);
}

void refuse(Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}, {"status", status}});
}

//! A per-start token: 128 random bits as hex.
std::string random_token() {
  std::random_device device;
  std::string token;
  for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", device());
  return token;
}

//! Compares in time independent of where the texts differ.
bool same_secret(const std::string& given, const std::string& token) {
  if (given.size() != token.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    difference |= static_cast<unsigned char>(given[i] ^ token[i]);
  }
  return difference == 0;
}

//! A token bucket over every request: `rate` a second, bursts of twice that.
class RateLimiter {
 public:
  explicit RateLimiter(double rate) : rate_(rate), tokens_(2.0 * rate) {}
  bool allow() {
    if (rate_ <= 0.0) return true;
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    tokens_ = std::min(2.0 * rate_, tokens_ + seconds * rate_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  double rate_;
  double tokens_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
};

//! The host name of a Host header: "127.0.0.1:8765" -> "127.0.0.1", "[::1]:80" -> "::1".
std::string host_name(const std::string& header) {
  if (!header.empty() && header.front() == '[') {
    const std::size_t end = header.find(']');
    return end == std::string::npos ? header : header.substr(1, end - 1);
  }
  return header.substr(0, header.find(':'));
}

//! The guards every request passes before its handler, in order.
class Gate {
 public:
  Gate(const ServerOptions& options, std::string token)
      : options_(options),
        token_(std::move(token)),
        loopback_(is_loopback(options.host)),
        limiter_(options.rate_limit) {}

  HandlerResponse check(const Request& req, Response& res) {
    if (!limiter_.allow()) {
      res.set_header("Retry-After", "1");
      refuse(res, 429, fmt::format("too many requests: at most {} a second", options_.rate_limit));
      return HandlerResponse::Handled;
    }
    if (const auto status = route_status(req); status != 200) {
      refuse(res, status,
             status == 404 ? "no such path; the page is at /"
                           : fmt::format("method {} not allowed here", req.method));
      return HandlerResponse::Handled;
    }
    if (!token_.empty() && !token_given(req)) {
      refuse(res, 403, "a valid token is required: open the URL the server printed");
      return HandlerResponse::Handled;
    }
    if (loopback_ && !is_loopback(host_name(req.get_header_value("Host")))) {
      // A page of another site that resolved its name to 127.0.0.1 (DNS rebinding).
      refuse(res, 403, "the Host header must name this computer (127.0.0.1 or localhost)");
      return HandlerResponse::Handled;
    }
    if (req.method == "POST" &&
        req.get_header_value("Content-Type").rfind(kJson, 0) == std::string::npos) {
      refuse(res, 415, "send the request body as application/json");
      return HandlerResponse::Handled;
    }
    return HandlerResponse::Unhandled;
  }

 private:
  int route_status(const Request& req) const {
    bool known_path = false;
    for (const auto& r : kRoutes) {
      if (req.path != r.path) continue;
      known_path = true;
      if (req.method == r.method || (req.method == "HEAD" && std::string(r.method) == "GET")) {
        return 200;
      }
    }
    return known_path ? 405 : 404;
  }

  bool token_given(const Request& req) const {
    return same_secret(req.get_header_value(kTokenHeader), token_) ||
           same_secret(req.get_param_value("token"), token_);
  }

  const ServerOptions& options_;
  std::string token_;
  bool loopback_;
  RateLimiter limiter_;
};

//! Runs `handler`, turning a refused request into its JSON answer.
template <class F>
httplib::Server::Handler guarded(F handler) {
  return [handler](const Request& req, Response& res) {
    try {
      handler(req, res);
    } catch (const RequestError& e) {
      send_json(res, e.status(), e.body());
    } catch (const InputError& e) {
      send_json(res, 422,
                {{"error", "the changed scenario is not valid"},
                 {"status", 422},
                 {"rendered", e.what()}});
    } catch (const std::exception& e) {
      refuse(res, 500, e.what());
    }
  };
}

void attach(Response& res, const std::string& content, const std::string& type,
            const std::string& file_name) {
  res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file_name));
  res.set_content(content, type);
}

void add_routes(httplib::Server& server, WhatIfSession& session, const ServerOptions& options) {
  const std::string slug = report::file_slug(session.base().scenario().name, "scenario");
  auto read = [&session](const Request& req) {
    return parse_what_if(req.body, session.default_runs(), session.limits());
  };
  server.Get("/", guarded([](const Request&, Response& res) {
               res.set_header(
                   "Content-Security-Policy",
                   "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                   "img-src data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'");
               res.set_content(std::string(kServePage), "text/html; charset=utf-8");
             }));
  server.Get("/api/base", guarded([&session](const Request&, Response& res) {
               send_json(res, 200, session.base_answer());
             }));
  server.Post("/api/plan", guarded([&session, read](const Request& req, Response& res) {
                send_json(res, 200, session.plan(read(req)));
              }));
  server.Post(
      "/api/scenario.yaml", guarded([&session, read, slug](const Request& req, Response& res) {
        attach(res, session.scenario_yaml(read(req)), "application/yaml", slug + "-what-if.yaml");
      }));
  server.Post("/api/report.html",
              guarded([&session, read, slug](const Request& req, Response& res) {
                attach(res, session.report_html(read(req)), "text/html; charset=utf-8",
                       slug + "-what-if-report.html");
              }));
  server.Post(
      "/api/save", guarded([&session, read, &options, slug](const Request& req, Response& res) {
        const std::string dir =
            options.out_dir.empty() ? "out/" + slug + "-what-if" : options.out_dir;
        const report::OutputFiles files = session.plan_files(read(req), options.command_line);
        const report::OutputFolder folder(
            dir);  // after the checks: a refused request writes nothing
        const auto written = folder.publish(files);
        send_json(res, 200, {{"folder", dir}, {"written", written}});
      }));
}

void set_common_headers(httplib::Server& server) {
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cache-Control", "no-store"},
                              {"X-Frame-Options", "DENY"}});
}

}  // namespace

bool is_loopback(const std::string& host) {
  in_addr v4{};
  in6_addr v6{};
  if (host == "localhost") return true;
  // Dotted-decimal 127.0.0.0/8 only: "127.0.0.1.example.com" is a name, not this computer.
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool run_server(WhatIfSession& session, const ServerOptions& options, std::ostream& out) {
  const bool need_token = options.require_token || !is_loopback(options.host);
  const std::string token = need_token ? random_token() : std::string();
  Gate gate(options, token);
  httplib::Server server;
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_keep_alive_max_count(100);
  set_common_headers(server);
  server.set_pre_routing_handler(
      [&gate](const Request& req, Response& res) { return gate.check(req, res); });
  server.set_error_handler([](const Request&, Response& res) {
    if (res.body.empty()) refuse(res, res.status, reason(res.status));
  });
  server.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
    refuse(res, 500, "internal server error");
  });
  add_routes(server, session, options);

  const int port = options.port == 0
                       ? server.bind_to_any_port(options.host)
                       : (server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port <= 0) return false;
  const std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  out << fmt::format("rackscale serve: {} at http://{}:{}/{} (Ctrl-C stops it)\n",
                     session.base().scenario().name, host, port,
                     token.empty() ? "" : "?token=" + token)
      << std::flush;
  return server.listen_after_bind();
}

}  // namespace rackscale::serve
