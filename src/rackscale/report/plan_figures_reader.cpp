#include "rackscale/report/plan_figures_reader.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "rackscale/core/error.hpp"
#include "rackscale/core/sha256.hpp"
#include "rackscale/report/csv_reader.hpp"

namespace rackscale::report {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The files every plan folder holds besides manifest.json (docs/report.md).
constexpr const char* kPlanFiles[] = {"design.json",    "timeline.csv",  "milestones.csv",
                                      "inventory.csv",  "contracts.csv", "attribution.csv",
                                      "reliability.csv"};

[[noreturn]] void bad_input(const std::string& where, const std::string& what) {
  throw InputError({}, fmt::format("{}: error: {}\n", where, what));
}

std::string read_file(const fs::path& path, const std::string& origin) {
  std::ifstream in(path, std::ios::binary);
  if (!in) bad_input(origin, fmt::format("cannot read {}", path.filename().string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

json parse_json(const std::string& text, const std::string& name) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    bad_input(name, fmt::format("not valid JSON ({})", e.what()));
  }
}

const std::string* find_file(const OutputFiles& files, const std::string& name) {
  for (const auto& [file, content] : files.files()) {
    if (file == name) return &content;
  }
  return nullptr;
}

// The plan's files, each checked to be there.
struct PlanFiles {
  const OutputFiles& files;
  const std::string& origin;

  const std::string& text(const std::string& name) const {
    const std::string* content = find_file(files, name);
    if (!content) throw Error(fmt::format("{}: no {}", origin, name));
    return *content;
  }
  CsvTable csv(const std::string& name) const { return CsvTable(text(name), origin + "/" + name); }
  json json_file(const std::string& name) const {
    return parse_json(text(name), origin + "/" + name);
  }
};

void check_is_plan(const OutputFiles& files, const std::string& origin) {
  if (!find_file(files, "manifest.json")) {
    bad_input(origin, "not a rackscale output folder (no manifest.json)");
  }
  for (const char* name : kPlanFiles) {
    if (!find_file(files, name)) {
      bad_input(origin, fmt::format("not a `rackscale plan` output: it has no {} (a design or "
                                    "reliability output?)",
                                    name));
    }
  }
}

analysis::SiteFigures& site_named(analysis::PlanFigures& plan, const std::string& name,
                                  const std::string& file) {
  if (name == "total") return plan.fleet;
  for (auto& site : plan.sites) {
    if (site.name == name) return site;
  }
  throw Error(fmt::format("{}: names site '{}', which design.json does not have", file, name));
}

void read_manifest(const PlanFiles& in, analysis::PlanFigures& plan) {
  const json manifest = in.json_file("manifest.json");
  try {
    plan.stamp.version = manifest.at("rackscale_version").get<std::string>();
    plan.stamp.scenario = manifest.at("scenario").get<std::string>();
    plan.stamp.input_hash = manifest.at("input_hash").get<std::string>();
    plan.stamp.seed = manifest.at("seed").get<std::uint64_t>();
    plan.runs = manifest.value("runs", 0);
  } catch (const json::exception& e) {
    bad_input(in.origin + "/manifest.json", fmt::format("not a rackscale manifest ({})", e.what()));
  }
}

void read_design(const PlanFiles& in, analysis::PlanFigures& plan) {
  const json design = in.json_file("design.json");
  plan.fleet.name = "total";
  for (const json& site : design.at("sites")) {
    analysis::SiteFigures s;
    s.name = site.at("site").get<std::string>();
    s.gpus = site.at("gpus").get<long long>();
    s.capex_musd = site.at("cost").at("capex_musd").at("total").get<double>();
    s.it_mwh = site.at("energy").at("it_mwh").get<double>();
    s.facility_mwh = site.at("energy").at("facility_mwh").get<double>();
    plan.fleet.gpus += s.gpus;
    plan.fleet.capex_musd += s.capex_musd;
    plan.fleet.it_mwh += s.it_mwh;
    plan.fleet.facility_mwh += s.facility_mwh;
    plan.sites.push_back(std::move(s));
  }
}

void read_timeline(const PlanFiles& in, analysis::PlanFigures& plan) {
  const CsvTable table = in.csv("timeline.csv");
  for (std::size_t r = 0; r < table.rows().size(); ++r) {
    analysis::SiteFigures& site = site_named(plan, table.at(r, "site"), table.name());
    site.gpus_online.p10.push_back(table.number(r, "gpus_online_p10").value_or(0.0));
    site.gpus_online.p50.push_back(table.number(r, "gpus_online_p50").value_or(0.0));
    site.gpus_online.p90.push_back(table.number(r, "gpus_online_p90").value_or(0.0));
    if (&site == &plan.fleet) {
      const auto date = Date::parse(table.at(r, "week_end"));
      if (!date)
        throw Error(fmt::format("{}: row {}: week_end is not a date", table.name(), r + 2));
      plan.week_ends.push_back(*date);
    }
  }
}

void read_milestones(const PlanFiles& in, analysis::PlanFigures& plan) {
  const CsvTable table = in.csv("milestones.csv");
  constexpr std::array<std::pair<const char*, const char*>, 3> kColumns = {
      {{"p10_day", "p10_date"}, {"p50_day", "p50_date"}, {"p90_day", "p90_date"}}};
  for (std::size_t r = 0; r < table.rows().size(); ++r) {
    analysis::MilestoneFigures m;
    m.name = table.at(r, "milestone");
    for (std::size_t q = 0; q < 3; ++q) {
      m.day[q] = table.number(r, kColumns[q].first);
      m.date[q] = table.at(r, kColumns[q].second);
    }
    site_named(plan, table.at(r, "site"), table.name()).milestones.push_back(std::move(m));
  }
}

void read_inventory(const PlanFiles& in, analysis::PlanFigures& plan) {
  const CsvTable table = in.csv("inventory.csv");
  for (std::size_t r = 0; r < table.rows().size(); ++r) {
    const std::string& kind = table.at(r, "kind");
    if (kind != "site" && kind != "sites") continue;  // factories are not compared
    analysis::SiteFigures& site = site_named(plan, table.at(r, "place"), table.name());
    site.waiting_rack_weeks = table.number(r, "waiting_rack_weeks").value_or(0.0);
    site.carrying_cost_usd = table.number(r, "carrying_cost_usd").value_or(0.0);
  }
}

// attribution.csv lists each site's relaxations largest gain first (analysis/attribution.hpp):
// the first single one is the main bottleneck if it gains anything.
void read_attribution(const PlanFiles& in, analysis::PlanFigures& plan) {
  const CsvTable table = in.csv("attribution.csv");
  std::vector<std::string> seen;
  for (std::size_t r = 0; r < table.rows().size(); ++r) {
    const std::string& name = table.at(r, "site");
    if (table.at(r, "relaxed") != "single" ||
        std::find(seen.begin(), seen.end(), name) != seen.end()) {
      continue;
    }
    seen.push_back(name);
    const bool gains = table.number(r, "gpu_weeks_gained").value_or(0.0) > 0.0 ||
                       table.number(r, "days_earlier_100_p50").value_or(0.0) > 0.0;
    if (gains) site_named(plan, name, table.name()).main_bottleneck = table.at(r, "constraint");
  }
}

void read_contracts(const PlanFiles& in, analysis::PlanFigures& plan) {
  const CsvTable table = in.csv("contracts.csv");
  for (std::size_t r = 0; r < table.rows().size(); ++r) {
    if (table.at(r, "kind") != "total") continue;
    plan.contracts.push_back({table.at(r, "contract"), table.number(r, "exercised_p50"),
                              table.number(r, "spend_usd_p50"), table.number(r, "on_time_share")});
  }
}

void read_reliability(const PlanFiles& in, analysis::PlanFigures& plan) {
  const CsvTable table = in.csv("reliability.csv");
  for (std::size_t r = 0; r < table.rows().size(); ++r) {
    if (table.at(r, "scope") != "job" || table.at(r, "metric") != "goodput") continue;
    plan.jobs.push_back({table.at(r, "name"), table.at(r, "site"), table.number(r, "p50")});
  }
}

}  // namespace

OutputFiles read_output_folder(const std::string& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    bad_input(dir, fs::exists(dir, error) ? "not a folder" : "no such file or folder");
  }
  const fs::path folder(dir);
  if (!fs::exists(folder / "manifest.json", error)) {
    bad_input(dir, "not a rackscale output folder (no manifest.json)");
  }
  const json manifest =
      parse_json(read_file(folder / "manifest.json", dir), dir + "/manifest.json");
  if (!manifest.is_object() || !manifest.contains("files") || !manifest["files"].is_array()) {
    bad_input(dir + "/manifest.json", "not a rackscale manifest (no list of files)");
  }
  OutputFiles files;
  for (const json& entry : manifest["files"]) {
    const std::string name = entry.value("name", "");
    if (name.empty() || name.find('/') != std::string::npos || name.front() == '.') {
      bad_input(dir + "/manifest.json", fmt::format("lists a bad file name \"{}\"", name));
    }
    if (!fs::exists(folder / name, error)) {
      bad_input(dir, fmt::format("{} is listed in manifest.json but missing", name));
    }
    std::string content = read_file(folder / name, dir);
    if (sha256_hex(content) != entry.value("sha256", "")) {
      bad_input(dir, fmt::format("{} differs from its SHA-256 in manifest.json (changed after "
                                 "the run?)",
                                 name));
    }
    files.add(name, std::move(content));
  }
  files.add("manifest.json", read_file(folder / "manifest.json", dir));
  return files;
}

analysis::PlanFigures read_plan_figures(const OutputFiles& files, const std::string& origin) {
  check_is_plan(files, origin);
  const PlanFiles in{files, origin};
  analysis::PlanFigures plan;
  plan.origin = origin;
  try {
    read_manifest(in, plan);
    read_design(in, plan);
    read_timeline(in, plan);
    read_milestones(in, plan);
    read_inventory(in, plan);
    read_attribution(in, plan);
    read_contracts(in, plan);
    read_reliability(in, plan);
  } catch (const json::exception& e) {
    throw Error(fmt::format("{}/design.json: {}", origin, e.what()));
  }
  return plan;
}

}  // namespace rackscale::report
