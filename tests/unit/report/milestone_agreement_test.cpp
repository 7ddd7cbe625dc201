// One computation of milestone dates: the report's key-answers table, its milestone table,
// milestones.csv and the terminal show the same P50 and P90 dates (v0.1's key answers read them
// off the weekly capacity curves: 2027-07-11 against the milestone table's 2027-07-06).

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "../io/loader_test_util.hpp"
#include "rackscale/study/study.hpp"
#include "rackscale/study/study_outputs.hpp"

namespace {

// A GB300 site of 14 racks (1,000 GPUs) with one contract for all of them.
const std::string kExtra =
    "policies:\n"
    "  fabric: {scale_out_switch: Q3400, frontend_switch: SN5600}\n"
    "contracts:\n"
    "  - {name: c, factory: f, rack_system: GB300-NVL72, unit_price: 3.5 MUSD,\n"
    "     firm: [{racks: 14, deliver_by: 2026-09-01}]}\n";

std::string file_named(const rackscale::report::OutputFiles& files, const std::string& name) {
  for (const auto& [path, text] : files.files()) {
    if (path == name) return text;
  }
  return "";
}

// The cells of every table row of `html` between `from` and the next `</table>`.
std::vector<std::vector<std::string>> rows_after(const std::string& html, const std::string& from) {
  const auto begin = html.find(from);
  const auto end = html.find("</table>", begin);
  const std::string part = html.substr(begin, end - begin);
  std::vector<std::vector<std::string>> rows;
  const std::regex row("<tr>(.*?)</tr>"), cell("<td[^>]*>(.*?)</td>");
  for (std::sregex_iterator r(part.begin(), part.end(), row), e; r != e; ++r) {
    const std::string inside = (*r)[1];
    std::vector<std::string> cells;
    for (std::sregex_iterator c(inside.begin(), inside.end(), cell); c != e; ++c) {
      cells.push_back((*c)[1]);
    }
    if (!cells.empty()) rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST(MilestoneAgreement, KeyAnswersMilestoneTableCsvAndTerminalShowTheSameDates) {
  const auto study = rackscale::Study::from_text(
      rackscale::test::minimal_scenario("site-a", kExtra), "virtual/agreement.yaml");
  rackscale::RunOptions options;
  options.runs = 30;
  options.threads = 1;
  const auto result = study.plan(options);
  const auto files = rackscale::plan_outputs(result, study.scenario(), {"rackscale", "plan"});
  const std::string html = file_named(files, "report.html");
  ASSERT_FALSE(html.empty());

  // Key answers: site, target, first capacity (P50), target reached (P50), (P90), last week,
  // main bottleneck, critical at end.
  const auto answers = rows_after(html, "<h3>Build-out per site</h3>");
  ASSERT_EQ(answers.size(), 1u);
  ASSERT_EQ(answers[0].size(), 8u);
  EXPECT_EQ(answers[0][0], "site-a");
  // Milestone table: site, milestone, P50, P90.
  std::map<std::string, std::vector<std::string>> milestones;
  for (const auto& row : rows_after(html, "<section id=\"milestones\">")) {
    milestones[row[1]] = row;
  }
  ASSERT_TRUE(milestones.count("first rack online"));
  ASSERT_TRUE(milestones.count("100% of target online"));
  const std::string first_p50 = milestones["first rack online"][2];
  const std::string full_p50 = milestones["100% of target online"][2];
  const std::string full_p90 = milestones["100% of target online"][3];
  ASSERT_TRUE(std::regex_match(full_p90, std::regex(R"(\d{4}-\d{2}-\d{2})"))) << full_p90;
  EXPECT_EQ(answers[0][2], first_p50);
  EXPECT_EQ(answers[0][3], full_p50);
  EXPECT_EQ(answers[0][4], full_p90);

  // milestones.csv and the terminal.
  const std::string csv = file_named(files, "milestones.csv");
  EXPECT_NE(csv.find("site-a,full_target,"), std::string::npos);
  EXPECT_NE(csv.find("," + full_p50 + ","), std::string::npos);
  EXPECT_NE(csv.find("," + first_p50 + ","), std::string::npos);
  const std::string terminal = rackscale::plan_terminal_text(result, study.scenario(), false);
  EXPECT_NE(terminal.find(full_p50), std::string::npos) << terminal;
  EXPECT_NE(terminal.find(full_p90), std::string::npos) << terminal;
}
