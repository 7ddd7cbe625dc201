// A plan's files read back into its headline figures: from a hand-written file set (each
// figure checked by hand), from a real plan's file set (checked against the result it was
// written from), and the errors for folders that are not plan outputs.

#include "rackscale/report/plan_figures_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../io/loader_test_util.hpp"
#include "rackscale/core/error.hpp"
#include "rackscale/study/study_outputs.hpp"

namespace rackscale::report {
namespace {

namespace fs = std::filesystem;

// Two sites over two weeks; site b's first relaxation gains nothing, so it has no bottleneck.
OutputFiles hand_written_plan() {
  OutputFiles files;
  files.add("design.json", R"({"sites": [
    {"site": "a", "gpus": 720, "cost": {"capex_musd": {"total": 100.5}},
     "energy": {"it_mwh": 1000.0, "facility_mwh": 1100.0}},
    {"site": "b", "gpus": 144, "cost": {"capex_musd": {"total": 20.0}},
     "energy": {"it_mwh": 500.0, "facility_mwh": 600.0}}]})");
  files.add("timeline.csv",
            "week,week_end,site,gpus_online_p10,gpus_online_p50,gpus_online_p90\n"
            "0,2026-01-11,a,0,72,144\n1,2026-01-18,a,72,144,216\n"
            "0,2026-01-11,b,0,0,0\n1,2026-01-18,b,0,72,72\n"
            "0,2026-01-11,total,0,72,144\n1,2026-01-18,total,72,216,288\n");
  files.add("milestones.csv",
            "site,milestone,p10_date,p50_date,p90_date,p10_day,p50_day,p90_day,reached_runs,runs\n"
            "a,half_target,2026-01-15,2026-01-16,2026-01-20,9.5,11,15,10,10\n"
            "a,full_target,not reached,not reached,not reached,,,,0,10\n");
  files.add("inventory.csv",
            "place,kind,waiting_rack_weeks,carrying_cost_usd\na,site,12.5,1000.00\n"
            "b,site,0,0.00\ntotal,sites,12.5,1000.00\nf,factory,3,9.00\n");
  files.add("attribution.csv",
            "site,constraint,relaxed,days_earlier_50_p50,days_earlier_100_p50,gpu_weeks_gained\n"
            "a,grid,single,3,0,500\na,crews,single,1,0,100\na,grid + crews,pair,4,0,700\n"
            "b,factory,single,0,0,0\n");
  files.add("contracts.csv",
            "contract,kind,exercised_p50,spend_usd_p50,on_time_share\n"
            "deal,firm,,100.00,1\ndeal,option,40,50.00,\ndeal,total,40,150.00,0.9\n");
  files.add("reliability.csv",
            "scope,name,site,metric,p10,p50,p90,mean\n"
            "job,pretrain,a,gpus,,,,720\njob,pretrain,a,goodput,0.5,0.6,0.7,0.6\n");
  files.add("manifest.json", R"({"rackscale_version": "0.1.0", "scenario": "demo",
    "input_hash": "fnv1a64:0123456789abcdef", "seed": 7, "runs": 10, "files": []})");
  return files;
}

TEST(PlanFiguresReader, ReadsEachFigureOfAHandWrittenPlan) {
  const analysis::PlanFigures plan = read_plan_figures(hand_written_plan(), "demo-folder");
  EXPECT_EQ(plan.origin, "demo-folder");
  EXPECT_EQ(plan.stamp.seed, 7u);
  EXPECT_EQ(plan.runs, 10);
  ASSERT_EQ(plan.sites.size(), 2u);
  const auto& a = plan.sites[0];
  EXPECT_DOUBLE_EQ(a.capex_musd, 100.5);
  EXPECT_DOUBLE_EQ(*a.pue(), 1.1);           // 1100 / 1000
  EXPECT_DOUBLE_EQ(a.gpu_weeks_p50(), 216);  // 72 + 144
  EXPECT_DOUBLE_EQ(a.waiting_rack_weeks, 12.5);
  EXPECT_DOUBLE_EQ(a.carrying_cost_usd, 1000.0);
  EXPECT_EQ(a.main_bottleneck, "grid");  // the first single relaxation, which gains
  EXPECT_EQ(plan.sites[1].main_bottleneck, "");
  ASSERT_EQ(a.milestones.size(), 2u);
  EXPECT_DOUBLE_EQ(*a.milestones[0].day[0], 9.5);
  EXPECT_EQ(a.milestones[0].date[1], "2026-01-16");
  EXPECT_FALSE(a.milestones[1].day[1]);
  EXPECT_EQ(a.milestones[1].date[1], "not reached");
  // the fleet: capex and energy summed over the sites, capacity from the total rows
  EXPECT_DOUBLE_EQ(plan.fleet.capex_musd, 120.5);
  EXPECT_DOUBLE_EQ(*plan.fleet.pue(), 1700.0 / 1500.0);
  EXPECT_DOUBLE_EQ(plan.fleet.gpu_weeks_p50(), 288);  // 72 + 216
  EXPECT_DOUBLE_EQ(plan.fleet.waiting_rack_weeks, 12.5);
  ASSERT_EQ(plan.week_ends.size(), 2u);
  EXPECT_EQ(plan.week_ends[1].to_string(), "2026-01-18");
  ASSERT_EQ(plan.contracts.size(), 1u);
  EXPECT_DOUBLE_EQ(*plan.contracts[0].option_racks_p50, 40);
  EXPECT_DOUBLE_EQ(*plan.contracts[0].spend_usd_p50, 150);
  EXPECT_DOUBLE_EQ(*plan.contracts[0].on_time_share, 0.9);
  ASSERT_EQ(plan.jobs.size(), 1u);
  EXPECT_DOUBLE_EQ(*plan.jobs[0].goodput_p50, 0.6);
}

Study minimal_study() {
  return Study::from_text(rackscale::test::minimal_scenario("abilene"), "virtual/minimal.yaml",
                          {"policies.fabric={scale_out_switch: Q3400, frontend_switch: SN5600, "
                           "oob_switch: SN2201, oob_oversubscription: 11}"});
}

TEST(PlanFiguresReader, ARealPlanReadsBackAsItsResult) {
  const Study study = minimal_study();
  RunOptions options;
  options.runs = 20;
  const PlanResult result = study.plan(options);
  const analysis::PlanFigures plan =
      read_plan_figures(plan_outputs(result, study.scenario(), {"test"}), "memory");
  ASSERT_EQ(plan.sites.size(), 1u);
  EXPECT_EQ(plan.runs, 20);
  EXPECT_EQ(plan.stamp.input_hash, study.input_hash());
  EXPECT_EQ(plan.sites[0].gpus, 1008);  // 14 racks of 72
  EXPECT_NEAR(plan.sites[0].capex_musd, result.sites[0].cost.capex_total.in(units::MUSD), 1e-6);
  const auto& p50 = result.buildout.sites[0].gpus_online.p50;
  double gpu_weeks = 0.0;
  for (double x : p50) gpu_weeks += x;
  EXPECT_NEAR(plan.sites[0].gpu_weeks_p50(), gpu_weeks, 1e-6 * gpu_weeks + 1.0);
  EXPECT_EQ(plan.week_ends.size(), p50.size());
  // every milestone's P50 day as the summary has it (the CSV keeps one decimal), reached or not
  const auto& milestones = result.buildout.sites[0].milestones;
  ASSERT_EQ(plan.sites[0].milestones.size(), milestones.size());
  int reached = 0;
  for (std::size_t m = 0; m < milestones.size(); ++m) {
    const auto& read = plan.sites[0].milestones[m];
    EXPECT_EQ(read.name, milestones[m].name);
    ASSERT_EQ(read.day[1].has_value(), milestones[m].days.p50.has_value()) << read.name;
    if (read.day[1]) {
      EXPECT_NEAR(*read.day[1], *milestones[m].days.p50, 0.05) << read.name;
      ++reached;
    }
  }
  EXPECT_GT(reached, 0);
}

std::string error_of(const std::string& dir) {
  try {
    (void)read_plan_figures(read_output_folder(dir), dir);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PlanFiguresReader, FoldersThatAreNotPlansAreRefusedByName) {
  const fs::path root = fs::path(::testing::TempDir()) / "rackscale-plan-figures-test";
  fs::remove_all(root);
  fs::create_directories(root / "empty");
  const std::string missing = (root / "missing").string();
  EXPECT_EQ(error_of(missing), missing + ": error: no such file or folder\n");
  const std::string empty = (root / "empty").string();
  EXPECT_EQ(error_of(empty), empty + ": error: not a rackscale output folder (no manifest.json)\n");

  const Study study = minimal_study();
  const std::string design = (root / "design").string();
  (void)design_outputs(study.design(), study.scenario(), {"test"}).write(design);
  EXPECT_EQ(error_of(design),
            design +
                ": error: not a `rackscale plan` output: it has no timeline.csv (a design or "
                "reliability output?)\n");

  RunOptions options;
  options.runs = 5;
  const std::string plan = (root / "plan").string();
  (void)plan_outputs(study.plan(options), study.scenario(), {"test"}).write(plan);
  EXPECT_EQ(read_plan_figures(read_output_folder(plan), plan).runs, 5);
  std::ofstream(fs::path(plan) / "milestones.csv", std::ios::app) << "edited\n";
  EXPECT_EQ(error_of(plan), plan +
                                ": error: milestones.csv differs from its SHA-256 in "
                                "manifest.json (changed after the run?)\n");
  fs::remove(fs::path(plan) / "milestones.csv");
  EXPECT_EQ(error_of(plan),
            plan + ": error: milestones.csv is listed in manifest.json but missing\n");
  fs::remove_all(root);
}

}  // namespace
}  // namespace rackscale::report
