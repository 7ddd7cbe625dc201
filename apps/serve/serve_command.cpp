// rackscale serve SCENARIO [--port 8765] [--host H] [-o DIR] [--set PATH=VALUE]... [--runs N]
// [--seed S] [--threads T] [--rate-limit R] [--require-token]: the live what-if page. Plans the
// scenario once, then serves a page whose controls re-plan it with overrides and redraw the key
// answers and charts (apps/serve/, docs/serve.md).

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "command_options.hpp"
#include "commands.hpp"
#include "rackscale/core/error.hpp"
#include "serve_http.hpp"
#include "what_if.hpp"

namespace rackscale::cli {
namespace {

struct ServeOptions {
  ScenarioOptions scenario;
  MonteCarloOptions mc;
  serve::ServerOptions server;
};

}  // namespace

Runner add_serve_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "serve",
      "Serve a live what-if page on this computer: move grid dates, ramps, crews and options and "
      "see the plan change");
  auto opt = std::make_shared<ServeOptions>();
  add_scenario_options(*cmd, opt->scenario);
  add_monte_carlo_options(*cmd, opt->mc,
                          "Monte Carlo runs of each re-plan (default: the scenario's "
                          "simulation.runs, at most 20,000)");
  cmd->add_option("--port", opt->server.port, "Port to listen on (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--host", opt->server.host,
                  "Address to listen on; any other than 127.0.0.1, ::1 or localhost requires the "
                  "token printed at start")
      ->capture_default_str();
  cmd->add_flag("--require-token", opt->server.require_token,
                "Require the printed token on loopback too");
  cmd->add_option("--rate-limit", opt->server.rate_limit,
                  "Requests a second the server answers, in bursts of twice that (0: no limit)")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();

  return [opt](const std::vector<std::string>& command_line) {
    const Study study = load_study(opt->scenario);
    opt->server.out_dir = opt->scenario.out_dir;
    opt->server.command_line = command_line;
    if (!opt->scenario.quiet) {
      std::cerr << fmt::format("rackscale serve: planning {} for the comparisons...\n",
                               study.scenario().name);
    }
    serve::WhatIfSession session(study, opt->scenario.overrides, run_options(opt->mc));
    if (!serve::run_server(session, opt->server, std::cout)) {
      throw Error(
          fmt::format("cannot listen on {} port {}: in use, or not an address of this "
                      "computer",
                      opt->server.host, opt->server.port));
    }
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
