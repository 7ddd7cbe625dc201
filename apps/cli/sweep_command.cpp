// rackscale sweep STUDY [-o DIR] [--threads T] [-q]: runs every point of a study (a base
// scenario, parameters and a design: docs/sweep.md) through the plan pipeline, records each
// finished point in DIR/study.sqlite, and writes DIR/points.csv and DIR/study.html from the
// store. Re-running the same command after an interruption runs only the missing points.

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>

#include "command_options.hpp"
#include "commands.hpp"
#include "mpi/sweep_mpi.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/report/file_slug.hpp"
#include "rackscale/report/run_store.hpp"
#include "rackscale/report/study_report.hpp"
#include "rackscale/study/sweep.hpp"

namespace rackscale::cli {
namespace {

struct SweepOptions {
  std::string study;
  std::string out_dir;
  int threads = 0;
  bool quiet = false;
  io::InputLimits limits;
};

//! Writes `text` to `path` whole or not at all: a temporary file beside it, synced, renamed.
void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::string temporary =
      (path.parent_path() / ("." + path.filename().string() + ".tmp")).string();
  const int fd =
      open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) throw Error(fmt::format("cannot write {}: {}", temporary, std::strerror(errno)));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      close(fd);
      throw Error(fmt::format("cannot write {}: {}", temporary, std::strerror(errno)));
    }
    done += static_cast<std::size_t>(n);
  }
  fsync(fd);
  close(fd);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw Error(
        fmt::format("cannot rename {} to {}: {}", temporary, path.string(), std::strerror(errno)));
  }
}

//! "grid-delay=+13 weeks, factory-ramp=x0.75".
std::string point_text(const io::StudySpec& spec, const analysis::SweepPoint& point) {
  std::string out;
  for (std::size_t p = 0; p < point.levels.size(); ++p) {
    out += fmt::format("{}{}={}", p ? ", " : "", spec.parameters[p].name, point.levels[p].label);
  }
  return out;
}

//! Prints the line of a recorded point.
void print_point(const io::StudySpec& spec, std::size_t count, const analysis::SweepPoint& point,
                 const analysis::PointResult& result, double seconds) {
  std::cout << fmt::format("point {}/{} [{}]: {} = {:.6g} ({:.1f} s)\n", point.index + 1, count,
                           point_text(spec, point), spec.metric, result.headline, seconds)
            << std::flush;
}

//! Runs the points the store lacks, one after another (each on every thread), or under MPI
//! spread over the job's ranks (mpi/sweep_mpi.hpp), printing a line per point; returns how many
//! it ran.
int run_missing_points(const io::StudySpec& spec, const std::vector<analysis::SweepPoint>& points,
                       report::RunStore& store, const SweepOptions& options, const SweepMpi& mpi) {
  const std::set<int> done = store.recorded_points();
  if (mpi.active()) {
    std::vector<int> missing;
    for (std::size_t p = 0; p < points.size(); ++p) {
      if (!done.count(points[p].index)) missing.push_back(static_cast<int>(p));
    }
    return mpi.run_points(spec, points, missing, &store, options.threads,
                          [&](const auto& point, const auto& result, double seconds) {
                            if (!options.quiet)
                              print_point(spec, points.size(), point, result, seconds);
                          });
  }
  int ran = 0;
  for (const analysis::SweepPoint& point : points) {
    if (done.count(point.index)) continue;
    const auto start = std::chrono::steady_clock::now();
    const analysis::PointResult result = run_point(spec, point, options.threads);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    store.record(result, seconds, options.threads);
    ++ran;
    if (!options.quiet) print_point(spec, points.size(), point, result, seconds);
  }
  return ran;
}

}  // namespace

Runner add_sweep_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "sweep",
      "Run a study: every point of a grid, one-at-a-time or Latin-hypercube design over a base "
      "scenario, into a resumable SQLite store with a ranking of the inputs");
  auto opt = std::make_shared<SweepOptions>();
  cmd->add_option("study", opt->study, "Study YAML file (docs/sweep.md)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", opt->out_dir,
                  "Output folder: study.sqlite, points.csv, study.html; re-running into it "
                  "finishes the missing points (default: out/<study name as a slug>)");
  cmd->add_option("--threads", opt->threads,
                  "Worker threads of each point (default: all cores); results do not depend on it")
      ->check(CLI::Range(0, 1024));
  cmd->add_flag("-q,--quiet", opt->quiet, "Print only the list of files written");
  add_input_size_option(*cmd, opt->limits);

  return [opt](const std::vector<std::string>&) {
    const SweepMpi mpi;  // joins the MPI job if mpirun started this process
    const io::StudySpec spec = io::read_study_file(opt->study, opt->limits);
    Diagnostics diag;
    const std::optional<Study> base =
        check_study(io::ScenarioSource{spec.scenario, std::nullopt, spec.overrides, opt->limits},
                    false, diag, opt->threads);
    diag.throw_if_any();
    const std::vector<analysis::SweepPoint> points = analysis::expand_points(spec);
    if (!mpi.records()) {  // an MPI rank other than 0: runs points for rank 0, which records them
      mpi.run_points(spec, points, {}, nullptr, opt->threads, {});
      return static_cast<int>(kOk);
    }
    const std::filesystem::path dir =
        opt->out_dir.empty() ? "out/" + report::file_slug(spec.name, "study") : opt->out_dir;
    std::filesystem::create_directories(dir);
    report::RunStore store((dir / "study.sqlite").string(), spec, points,
                           report::store_identity(spec, base->input_hash()));
    const auto start = std::chrono::steady_clock::now();
    const int ran = run_missing_points(spec, points, store, *opt, mpi);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::vector<analysis::PointResult> results = store.load_results();
    const report::StudyReportInput input{spec, points, results, base->input_hash(),
                                         base->scenario().start};
    write_file_atomically(dir / "points.csv", report::points_csv(input));
    write_file_atomically(dir / "study.html", report::study_html(input));
    if (!opt->quiet) {
      std::cout << fmt::format(
          "{} points: {} run now{}, {} from the store\n", points.size(), ran,
          ran > 0 ? fmt::format(" in {:.1f} s ({:.3g} points/s)", seconds, ran / seconds) : "",
          points.size() - static_cast<std::size_t>(ran));
    }
    print_written({(dir / "study.sqlite").string(), (dir / "points.csv").string(),
                   (dir / "study.html").string()});
    return static_cast<int>(kOk);
  };
}

}  // namespace rackscale::cli
