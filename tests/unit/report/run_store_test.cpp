// The run store: its schema and WAL mode, a point recorded whole or not at all, never twice,
// results read back bit for bit, and a store refusing a study other than its own.

#include "rackscale/report/run_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "rackscale/core/error.hpp"

namespace io = rackscale::io;
namespace analysis = rackscale::analysis;
namespace report = rackscale::report;

namespace {

struct Fixture {
  io::StudySpec spec;
  std::vector<analysis::SweepPoint> points;
  std::string path;
};

Fixture fixture(const std::string& name) {
  Fixture f;
  f.spec.name = "store-test";
  f.spec.file = "study.yaml";
  f.spec.text = "rackscale: 1\nname: store-test\n";
  f.spec.scenario = "flagship.yaml";
  f.spec.runs = 10;
  f.spec.metric = "gpu_weeks";
  f.spec.design = io::SweepDesign::grid;
  io::StudyParameter p;
  p.name = "ups";
  p.path = "policies.power.ups";
  p.values = {"partial", "full"};
  p.targets = {{"policies.power.ups", "partial"}};
  f.spec.parameters = {p};
  f.points = analysis::expand_points(f.spec);
  const auto dir = std::filesystem::temp_directory_path() / ("rackscale-run-store-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  f.path = (dir / "study.sqlite").string();
  return f;
}

analysis::PointResult result_of(int point) {
  analysis::PointResult r;
  r.point = point;
  r.input_hash = "fnv1a64:00000000000000" + std::to_string(10 + point);
  r.headline = 1.0 / 3.0 + point;
  r.metrics = {{"total", "gpu_weeks", r.headline}, {"a", "full_target.p50_days", std::nullopt}};
  r.gains = {{"a", "grid", 12.5, 3.0, 1.0 / 7.0}, {"a", "install_crews", 1.0, 0.0, 0.0}};
  r.weeks = {{"total", 0, "2026-01-11", 1, 2, 3, 0.1, 0.2, 0.3},
             {"a", 0, "2026-01-11", 1, 2, 3, 0.1, 0.2, 0.3}};
  return r;
}

//! One value of one query on the store file, read without the store.
std::string query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST(RunStore, CreatesTheDocumentedSchemaInWalMode) {
  const Fixture f = fixture("schema");
  {
    report::RunStore store(f.path, f.spec, f.points, report::store_identity(f.spec, "fnv1a64:1"));
    EXPECT_TRUE(store.recorded_points().empty());
  }
  EXPECT_EQ(query(f.path, "PRAGMA journal_mode"), "wal");
  for (const char* table : {"study", "parameter", "point", "point_level", "metric",
                            "bottleneck_gain", "weekly", "run_log"}) {
    EXPECT_EQ(query(f.path, std::string("SELECT count(*) FROM sqlite_master WHERE type='table' "
                                        "AND name='") +
                                table + "'"),
              "1")
        << table;
  }
  EXPECT_EQ(query(f.path,
                  "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
                  "name IN ('metric_by_name', 'weekly_by_site', 'gain_by_constraint', "
                  "'level_by_parameter')"),
            "4");
  EXPECT_EQ(query(f.path, "SELECT planned_points FROM study"), "2");
  EXPECT_EQ(query(f.path, "SELECT name || ':' || kind FROM parameter"), "ups:values");
}

TEST(RunStore, RecordsAPointOnceAndReadsItBackExactly) {
  const Fixture f = fixture("record");
  report::RunStore store(f.path, f.spec, f.points, report::store_identity(f.spec, "fnv1a64:1"));
  store.record(result_of(1), 2.5, 2);
  EXPECT_EQ(store.recorded_points(), std::set<int>{1});
  EXPECT_THROW(store.record(result_of(1), 2.5, 2), rackscale::Error);
  EXPECT_EQ(query(f.path, "SELECT count(*) FROM metric"), "2");  // the second try left nothing
  const auto results = store.load_results("");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].headline, 1.0 / 3.0 + 1);  // bit for bit
  EXPECT_EQ(results[0].gains[0].days_earlier_full, 1.0 / 7.0);
  EXPECT_EQ(results[0].gains[1].constraint, "install_crews");
  EXPECT_EQ(results[0].weeks.size(), 2u);
  EXPECT_EQ(store.load_results("total")[0].weeks.size(), 1u);
  EXPECT_EQ(query(f.path, "SELECT label FROM point_level WHERE point_index = 1"), "full");
}

TEST(RunStore, APointThatFailsHalfWayLeavesNoRow) {
  const Fixture f = fixture("atomic");
  report::RunStore store(f.path, f.spec, f.points, report::store_identity(f.spec, "fnv1a64:1"));
  analysis::PointResult broken = result_of(0);
  broken.weeks.push_back(broken.weeks.front());  // the same week twice: the last insert fails
  EXPECT_THROW(store.record(broken, 1.0, 1), rackscale::Error);
  EXPECT_TRUE(store.recorded_points().empty());
  for (const char* table :
       {"point", "point_level", "metric", "bottleneck_gain", "weekly", "run_log"}) {
    EXPECT_EQ(query(f.path, std::string("SELECT count(*) FROM ") + table), "0") << table;
  }
  store.record(result_of(0), 1.0, 1);  // and the point can then be recorded
  EXPECT_EQ(store.recorded_points(), std::set<int>{0});
}

TEST(RunStore, RefusesAnotherStudyOrAChangedBaseScenario) {
  const Fixture f = fixture("refuse");
  { report::RunStore store(f.path, f.spec, f.points, report::store_identity(f.spec, "fnv1a64:1")); }
  io::StudySpec other = f.spec;
  other.text += "runs: 20\n";
  try {
    report::RunStore store(f.path, other, f.points, report::store_identity(other, "fnv1a64:1"));
    FAIL() << "a different study was accepted";
  } catch (const rackscale::Error& e) {
    EXPECT_NE(std::string(e.what()).find("holds the study \"store-test\""), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("a different study"), std::string::npos);
  }
  try {
    report::RunStore store(f.path, f.spec, f.points, report::store_identity(f.spec, "fnv1a64:2"));
    FAIL() << "a changed base scenario was accepted";
  } catch (const rackscale::Error& e) {
    EXPECT_NE(std::string(e.what()).find("changed base scenario"), std::string::npos);
  }
  // The same study opens again.
  report::RunStore same(f.path, f.spec, f.points, report::store_identity(f.spec, "fnv1a64:1"));
  EXPECT_TRUE(same.recorded_points().empty());
}

TEST(RunStore, OneWriterAtATime) {
  const Fixture f = fixture("lock");
  report::RunStore first(f.path, f.spec, f.points, report::store_identity(f.spec, "fnv1a64:1"));
  EXPECT_THROW(
      report::RunStore(f.path, f.spec, f.points, report::store_identity(f.spec, "fnv1a64:1")),
      rackscale::Error);
}
