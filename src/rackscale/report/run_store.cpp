#include "rackscale/report/run_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>
#include <optional>

#include "rackscale/core/error.hpp"
#include "rackscale/core/sha256.hpp"

namespace rackscale::report {

namespace {

//! The store's schema, version 1 (docs/sweep.md). Result tables hold no timestamps: run_log,
//! the one table with times, is not part of the results.
constexpr const char* kSchema = R"sql(
CREATE TABLE study (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  schema_version INTEGER NOT NULL,
  name TEXT NOT NULL,
  study_file TEXT NOT NULL,
  study_sha256 TEXT NOT NULL,
  scenario TEXT NOT NULL,
  scenario_input_hash TEXT NOT NULL,
  design TEXT NOT NULL,
  metric TEXT NOT NULL,
  runs INTEGER NOT NULL,
  seed TEXT,
  planned_points INTEGER NOT NULL,
  rackscale_version TEXT NOT NULL);
CREATE TABLE parameter (
  parameter_index INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  min REAL,
  max REAL,
  unit TEXT);
CREATE TABLE point (
  point_index INTEGER PRIMARY KEY,
  input_hash TEXT NOT NULL,
  headline REAL NOT NULL,
  overrides TEXT NOT NULL);
CREATE TABLE point_level (
  point_index INTEGER NOT NULL REFERENCES point(point_index),
  parameter_index INTEGER NOT NULL REFERENCES parameter(parameter_index),
  value REAL,
  label TEXT NOT NULL,
  PRIMARY KEY (point_index, parameter_index)) WITHOUT ROWID;
CREATE TABLE metric (
  point_index INTEGER NOT NULL REFERENCES point(point_index),
  site TEXT NOT NULL,
  name TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (point_index, site, name)) WITHOUT ROWID;
CREATE TABLE bottleneck_gain (
  point_index INTEGER NOT NULL REFERENCES point(point_index),
  site TEXT NOT NULL,
  rank INTEGER NOT NULL,
  constraint_name TEXT NOT NULL,
  gpu_weeks_gained REAL NOT NULL,
  days_earlier_half REAL NOT NULL,
  days_earlier_full REAL NOT NULL,
  PRIMARY KEY (point_index, site, rank)) WITHOUT ROWID;
CREATE TABLE weekly (
  point_index INTEGER NOT NULL REFERENCES point(point_index),
  site TEXT NOT NULL,
  week INTEGER NOT NULL,
  week_end TEXT NOT NULL,
  racks_p10 REAL NOT NULL, racks_p50 REAL NOT NULL, racks_p90 REAL NOT NULL,
  it_mw_p10 REAL NOT NULL, it_mw_p50 REAL NOT NULL, it_mw_p90 REAL NOT NULL,
  PRIMARY KEY (point_index, site, week)) WITHOUT ROWID;
CREATE TABLE run_log (
  point_index INTEGER PRIMARY KEY,
  finished_utc TEXT NOT NULL,
  seconds REAL NOT NULL,
  threads INTEGER NOT NULL);
CREATE INDEX metric_by_name ON metric (name, site);
CREATE INDEX gain_by_constraint ON bottleneck_gain (constraint_name);
CREATE INDEX weekly_by_site ON weekly (site, week);
CREATE INDEX level_by_parameter ON point_level (parameter_index, value);
)sql";

constexpr int kSchemaVersion = 1;

//! A prepared statement, finalized when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw Error(fmt::format("run store: {} in: {}", sqlite3_errmsg(db), sql));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& text) {
    return check(
        sqlite3_bind_text(stmt_, i, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
  }
  Statement& bind(int i, double value) { return check(sqlite3_bind_double(stmt_, i, value)); }
  Statement& bind(int i, int value) { return check(sqlite3_bind_int64(stmt_, i, value)); }
  Statement& bind(int i, const std::optional<double>& value) {
    return value ? bind(i, *value) : check(sqlite3_bind_null(stmt_, i));
  }
  //! Steps once: true while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throw Error(fmt::format("run store: {}", sqlite3_errmsg(db_)));
    return false;
  }
  //! Runs an insert or update and makes the statement ready for the next bindings.
  void run() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int integer(int column) const { return sqlite3_column_int(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  bool null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::optional<double> optional_real(int column) const {
    return null(column) ? std::nullopt : std::optional<double>(real(column));
  }
  std::string text(int column) const {
    const auto* t = sqlite3_column_text(stmt_, column);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  Statement& check(int rc) {
    if (rc != SQLITE_OK) throw Error(fmt::format("run store: {}", sqlite3_errmsg(db_)));
    return *this;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

//! Runs SQL without results; throws on failure.
void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw Error(fmt::format("run store: {}", text));
  }
}

//! The current time as ISO 8601 UTC, for the run log only.
std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string seed_text(const io::StudySpec& spec) {
  return spec.seed ? std::to_string(*spec.seed) : "";
}

}  // namespace

struct RunStore::Impl {
  std::string path;
  sqlite3* db = nullptr;
  int lock_fd = -1;

  ~Impl() {
    if (db) sqlite3_close(db);
    if (lock_fd >= 0) close(lock_fd);  // releases the lock
  }

  void lock() {
    const std::string lock_path = path + ".lock";
    lock_fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (lock_fd < 0) {
      throw Error(fmt::format("cannot open {}: {}", lock_path, std::strerror(errno)));
    }
    if (flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
      throw Error(fmt::format("{} is being written by another rackscale sweep", path));
    }
  }

  void open_database() {
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      throw Error(fmt::format("cannot open the run store {}: {}", path,
                              db ? sqlite3_errmsg(db) : "out of memory"));
    }
    sqlite3_busy_timeout(db, 10'000);
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  }

  bool has_study() {
    Statement s(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='study'");
    s.step();
    return s.integer(0) > 0;
  }

  void check_identity(const io::StudySpec& spec, const StoreIdentity& identity) {
    Statement s(db, "SELECT name, study_file, study_sha256, scenario_input_hash FROM study");
    if (!s.step()) throw Error(fmt::format("{} has no study row: not a rackscale run store", path));
    if (s.text(2) == identity.study_sha256 && s.text(3) == identity.scenario_input_hash) return;
    const bool same_file = s.text(2) == identity.study_sha256;
    throw Error(fmt::format(
        "{} holds the study \"{}\" ({}, study file sha256:{:.12}, base scenario {}); {} is {}: "
        "sweep into another folder, or remove this one to start again",
        path, s.text(0), s.text(1), s.text(2), s.text(3), spec.file,
        same_file ? "the same study over a changed base scenario"
                  : "a different study (its file differs)"));
  }

  void create(const io::StudySpec& spec, const std::vector<analysis::SweepPoint>& points,
              const StoreIdentity& identity) {
    exec(db, "BEGIN IMMEDIATE");
    exec(db, kSchema);
    Statement study(db, "INSERT INTO study VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    study.bind(1, kSchemaVersion)
        .bind(2, spec.name)
        .bind(3, spec.file)
        .bind(4, identity.study_sha256)
        .bind(5, spec.scenario)
        .bind(6, identity.scenario_input_hash)
        .bind(7, io::design_name(spec.design))
        .bind(8, spec.metric)
        .bind(9, spec.runs)
        .bind(10, seed_text(spec))
        .bind(11, static_cast<int>(points.size()))
        .bind(12, std::string(RACKSCALE_VERSION));
    study.run();
    Statement parameter(db, "INSERT INTO parameter VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
      const io::StudyParameter& param = spec.parameters[p];
      const bool ranged = param.kind != io::ParameterKind::values;
      parameter.bind(1, static_cast<int>(p))
          .bind(2, param.name)
          .bind(3, param.path)
          .bind(4, io::parameter_kind_name(param.kind))
          .bind(5, ranged ? std::optional<double>(param.min) : std::nullopt)
          .bind(6, ranged ? std::optional<double>(param.max) : std::nullopt)
          .bind(7, param.kind == io::ParameterKind::shift ? std::string("weeks") : param.unit);
      parameter.run();
    }
    exec(db, "COMMIT");
  }
};

RunStore::RunStore(const std::string& path, const io::StudySpec& spec,
                   const std::vector<analysis::SweepPoint>& points, const StoreIdentity& identity)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->lock();
  impl_->open_database();
  if (impl_->has_study()) {
    impl_->check_identity(spec, identity);
  } else {
    impl_->create(spec, points, identity);
  }
  points_ = points;
}

RunStore::~RunStore() = default;

std::set<int> RunStore::recorded_points() const {
  Statement s(impl_->db, "SELECT point_index FROM point ORDER BY point_index");
  std::set<int> recorded;
  while (s.step()) recorded.insert(s.integer(0));
  return recorded;
}

void RunStore::record(const analysis::PointResult& result, double seconds, int threads) {
  sqlite3* db = impl_->db;
  const analysis::SweepPoint& point = points_.at(static_cast<std::size_t>(result.point));
  exec(db, "BEGIN IMMEDIATE");
  try {
    std::string overrides;
    for (const std::string& o : point.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
    Statement row(db, "INSERT INTO point VALUES (?, ?, ?, ?)");
    row.bind(1, result.point)
        .bind(2, result.input_hash)
        .bind(3, result.headline)
        .bind(4, overrides);
    row.run();
    Statement level(db, "INSERT INTO point_level VALUES (?, ?, ?, ?)");
    for (std::size_t p = 0; p < point.levels.size(); ++p) {
      level.bind(1, result.point)
          .bind(2, static_cast<int>(p))
          .bind(3, point.levels[p].value)
          .bind(4, point.levels[p].label);
      level.run();
    }
    Statement metric(db, "INSERT INTO metric VALUES (?, ?, ?, ?)");
    for (const analysis::PointMetric& m : result.metrics) {
      metric.bind(1, result.point).bind(2, m.site).bind(3, m.name).bind(4, m.value);
      metric.run();
    }
    Statement gain(db, "INSERT INTO bottleneck_gain VALUES (?, ?, ?, ?, ?, ?, ?)");
    int rank = 0;
    std::string site;
    for (const analysis::PointGain& g : result.gains) {
      rank = g.site == site ? rank + 1 : 0;
      site = g.site;
      gain.bind(1, result.point)
          .bind(2, g.site)
          .bind(3, rank)
          .bind(4, g.constraint)
          .bind(5, g.gpu_weeks_gained)
          .bind(6, g.days_earlier_half)
          .bind(7, g.days_earlier_full);
      gain.run();
    }
    Statement week(db, "INSERT INTO weekly VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const analysis::PointWeek& w : result.weeks) {
      week.bind(1, result.point)
          .bind(2, w.site)
          .bind(3, w.week)
          .bind(4, w.week_end)
          .bind(5, w.racks_p10)
          .bind(6, w.racks_p50)
          .bind(7, w.racks_p90)
          .bind(8, w.it_mw_p10)
          .bind(9, w.it_mw_p50)
          .bind(10, w.it_mw_p90);
      week.run();
    }
    Statement log(db, "INSERT INTO run_log VALUES (?, ?, ?, ?)");
    log.bind(1, result.point).bind(2, utc_now()).bind(3, seconds).bind(4, threads);
    log.run();
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<analysis::PointResult> RunStore::load_results(const std::string& weekly_site) const {
  sqlite3* db = impl_->db;
  std::vector<analysis::PointResult> results;
  std::map<int, std::size_t> slot;  // point index -> position in results
  Statement points(db, "SELECT point_index, input_hash, headline FROM point ORDER BY point_index");
  while (points.step()) {
    analysis::PointResult r;
    r.point = points.integer(0);
    r.input_hash = points.text(1);
    r.headline = points.real(2);
    slot[r.point] = results.size();
    results.push_back(std::move(r));
  }
  auto index_of = [&](int point) -> analysis::PointResult& {
    const auto it = slot.find(point);
    if (it == slot.end())
      throw Error(fmt::format("run store: rows of the unknown point {}", point));
    return results[it->second];
  };
  Statement metrics(db,
                    "SELECT point_index, site, name, value FROM metric "
                    "ORDER BY point_index, site, name");
  while (metrics.step()) {
    index_of(metrics.integer(0))
        .metrics.push_back({metrics.text(1), metrics.text(2), metrics.optional_real(3)});
  }
  Statement gains(db,
                  "SELECT point_index, site, constraint_name, gpu_weeks_gained, "
                  "days_earlier_half, days_earlier_full FROM bottleneck_gain "
                  "ORDER BY point_index, site, rank");
  while (gains.step()) {
    index_of(gains.integer(0))
        .gains.push_back(
            {gains.text(1), gains.text(2), gains.real(3), gains.real(4), gains.real(5)});
  }
  Statement weeks(db,
                  "SELECT point_index, site, week, week_end, racks_p10, racks_p50, racks_p90, "
                  "it_mw_p10, it_mw_p50, it_mw_p90 FROM weekly WHERE ?1 = '' OR site = ?1 "
                  "ORDER BY point_index, site, week");
  weeks.bind(1, weekly_site);
  while (weeks.step()) {
    index_of(weeks.integer(0))
        .weeks.push_back({weeks.text(1), weeks.integer(2), weeks.text(3), weeks.real(4),
                          weeks.real(5), weeks.real(6), weeks.real(7), weeks.real(8),
                          weeks.real(9)});
  }
  return results;
}

StoreIdentity store_identity(const io::StudySpec& spec, const std::string& scenario_input_hash) {
  return {sha256_hex(spec.text), scenario_input_hash};
}

}  // namespace rackscale::report
