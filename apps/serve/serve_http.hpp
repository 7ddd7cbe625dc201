#pragma once
//! The HTTP side of `rackscale serve` (cpp-httplib): the page, the JSON API over a
//! WhatIfSession, and the guards every request passes first (rate limit, known path and method,
//! token, Host header, content type, body size). Every refusal is a 4xx with a JSON `error`
//! message; the server keeps running. docs/serve.md lists the endpoints and limits.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "what_if.hpp"

namespace rackscale::serve {

//! How the server listens and what it accepts.
struct ServerOptions {
  std::string host = "127.0.0.1";  //!< address to bind; loopback unless the user says otherwise
  int port = 8765;                 //!< 0: a free port, printed at start
  //! Require the per-start token (`?token=` or the `X-Rackscale-Token` header) on every request;
  //! always on when `host` is not a loopback address
  bool require_token = false;
  double rate_limit = 20.0;                //!< requests per second, bursts of twice that; 0: off
  std::size_t max_body_bytes = 64 * 1024;  //!< larger request bodies get 413 [bytes]
  std::string out_dir;                     //!< where POST /api/save writes the plan's files
  std::vector<std::string> command_line;   //!< recorded in the saved files' manifest
};

//! True for 127.0.0.0/8, ::1 and localhost.
bool is_loopback(const std::string& host);

//! Serves the page and the API for `session` until the process is stopped; prints the URL (with
//! the token when one is required) on `out` once listening. Returns false if it cannot bind.
bool run_server(WhatIfSession& session, const ServerOptions& options, std::ostream& out);

}  // namespace rackscale::serve
