#pragma once
//! The run store of a sweep: DIR/study.sqlite (SQLite, WAL mode) holding the study, its
//! parameters and every finished point (levels, summary metrics, bottleneck gains, weekly
//! series). A point is recorded in one transaction, only when complete, and never twice, so a
//! sweep killed at any moment resumes by running the points the store lacks. A store holds one
//! study: opening it for another study (or the same study over a changed base scenario) is
//! refused. Schema: docs/sweep.md.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "rackscale/analysis/sweep_point.hpp"

namespace rackscale::report {

//! Which study a store holds: checked when a store is opened again.
struct StoreIdentity {
  std::string study_sha256;         //!< SHA-256 of the study file's bytes
  std::string scenario_input_hash;  //!< the base scenario's input hash (RunStamp)
};

//! The store of one study. Not copyable; one writer at a time (an advisory lock on
//! DIR/study.sqlite.lock, held while the store is open).
class RunStore {
 public:
  //! Opens (or creates, with its schema and the study's rows) the store `path` for the study
  //! `spec` with its `points`; throws rackscale::Error if it holds a different study, or if
  //! another process has it open.
  RunStore(const std::string& path, const io::StudySpec& spec,
           const std::vector<analysis::SweepPoint>& points, const StoreIdentity& identity);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  //! The indices of the points recorded so far.
  std::set<int> recorded_points() const;
  //! Records a finished point of the study in one transaction, with its run-log row
  //! (`seconds` it took and the time now, kept apart from the results); throws
  //! rackscale::Error if the point is already recorded.
  void record(const analysis::PointResult& result, double seconds, int threads);
  //! Every recorded point in point order: headline, metrics and gains, and the weekly series of
  //! the site `weekly_site` only (all sites if empty).
  std::vector<analysis::PointResult> load_results(const std::string& weekly_site = "total") const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<analysis::SweepPoint> points_;
};

//! The identity of `spec` over a base scenario with input hash `scenario_input_hash`.
StoreIdentity store_identity(const io::StudySpec& spec, const std::string& scenario_input_hash);

}  // namespace rackscale::report
