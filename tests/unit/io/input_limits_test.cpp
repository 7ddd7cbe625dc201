#include "rackscale/io/input_limits.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "loader_test_util.hpp"
#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/unit_parser.hpp"
#include "rackscale/io/scenario_loader.hpp"
#include "rackscale/io/yaml_reader.hpp"

namespace rackscale::io {
namespace {

// The problem read_input_file reports for `path`, or "" if it read the file.
std::string problem_of(const std::string& path, const InputLimits& limits = {}) {
  auto result = read_input_file(path, limits);
  if (auto* problem = std::get_if<FileProblem>(&result)) return problem->message;
  return "";
}

TEST(ReadInputFile, ReadsARegularFileWhole) {
  test::TempFile file("input_limits_regular.yaml", "rackscale: 1\n");
  auto result = read_input_file(file.path(), {});
  ASSERT_TRUE(std::holds_alternative<std::string>(result));
  EXPECT_EQ(std::get<std::string>(result), "rackscale: 1\n");
}

TEST(ReadInputFile, RefusesADeviceBeforeReadingIt) {
  // v0.1 read /dev/zero until memory ran out.
  EXPECT_EQ(problem_of("/dev/zero"), "is a device, not a regular file");
}

TEST(ReadInputFile, RefusesAFolder) {
  EXPECT_EQ(problem_of(std::filesystem::temp_directory_path().string()), "is a folder, not a file");
}

TEST(ReadInputFile, RefusesAFifoWithoutBlocking) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("rackscale_test_" + std::to_string(::getpid()) + "_fifo"))
                               .string();
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  const std::string problem = problem_of(path);
  std::filesystem::remove(path);
  EXPECT_EQ(problem, "is a FIFO (named pipe), not a regular file");
}

TEST(ReadInputFile, AMissingFileGivesTheSystemsReason) {
  EXPECT_EQ(problem_of("no/such/file.yaml"), "cannot open the file (No such file or directory)");
}

TEST(ReadInputFile, RefusesAFileAboveTheSizeLimit) {
  test::TempFile file("input_limits_size.yaml", std::string(1025, 'x'));
  InputLimits limits;
  limits.max_file_bytes = 1024;
  EXPECT_EQ(problem_of(file.path(), limits),
            "the file is 1025 bytes, more than the input limit of 1 KiB");
  limits.max_file_bytes = 1025;
  EXPECT_EQ(problem_of(file.path(), limits), "");
}

TEST(ReadInputFile, TheDefaultLimitIs16MiB) {
  EXPECT_EQ(InputLimits{}.max_file_bytes, 16u * 1024u * 1024u);
}

TEST(ByteSize, ParsesBytesAndBinaryAndDecimalPrefixes) {
  EXPECT_EQ(parse_byte_size("100000000"), 100000000u);
  EXPECT_EQ(parse_byte_size("512B"), 512u);
  EXPECT_EQ(parse_byte_size("2kB"), 2000u);
  EXPECT_EQ(parse_byte_size("64MiB"), 64u * 1048576u);
  EXPECT_EQ(parse_byte_size("64 MiB"), 64u * 1048576u);
  EXPECT_EQ(parse_byte_size("1 GB"), 1000000000u);
  EXPECT_EQ(parse_byte_size("2GiB"), 2u * 1073741824u);
}

TEST(ByteSize, RefusesWhatIsNotASize) {
  EXPECT_EQ(parse_byte_size(""), std::nullopt);
  EXPECT_EQ(parse_byte_size("MiB"), std::nullopt);
  EXPECT_EQ(parse_byte_size("1.5MiB"), std::nullopt);
  EXPECT_EQ(parse_byte_size("16 mib"), std::nullopt);
  EXPECT_EQ(parse_byte_size("-1"), std::nullopt);
  EXPECT_EQ(parse_byte_size("99999999999999999999GiB"), std::nullopt);
}

TEST(ByteSize, FormatsExactBinaryMultiplesByTheirPrefix) {
  EXPECT_EQ(format_byte_size(16u << 20), "16 MiB");
  EXPECT_EQ(format_byte_size(1024), "1 KiB");
  EXPECT_EQ(format_byte_size(1000), "1000 bytes");
  EXPECT_EQ(format_byte_size((16u << 20) + 1), "16777217 bytes");
}

// The first diagnostic of parsing `text` as YAML, rendered without excerpt: "file:line:col:
// message"; "" if it parsed.
std::string yaml_problem(const std::string& text) {
  Diagnostics diag;
  auto root = load_yaml_text("t.yaml", text, diag);
  if (diag.items().empty()) return "";
  const Diagnostic& d = diag.items().front();
  return std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message;
}

// "a: [[...]]" with `lists` lists inside the top map: `lists` + 1 levels.
std::string nested_lists(int lists) {
  return "a: " + std::string(static_cast<std::size_t>(lists), '[') +
         std::string(static_cast<std::size_t>(lists), ']') + "\n";
}

TEST(YamlLimits, NestingUpTo64LevelsIsRead) {
  EXPECT_EQ(yaml_problem(nested_lists(63)), "");
}

TEST(YamlLimits, The65thLevelIsRefusedWhereItStarts) {
  // The top map is level 1, so the 64th '[' (column 4 + 63) opens level 65.
  EXPECT_EQ(yaml_problem(nested_lists(64)), "1:67: maps and lists nested more than 64 levels deep");
}

TEST(YamlLimits, DeepBlockNestingIsRefusedToo) {
  std::string text;
  for (int level = 0; level < 70; ++level) {
    text += std::string(static_cast<std::size_t>(2 * level), ' ') + "k:\n";
  }
  text += std::string(140, ' ') + "v\n";
  EXPECT_EQ(yaml_problem(text), "65:129: maps and lists nested more than 64 levels deep");
}

TEST(YamlLimits, HundredThousandLevelsEndInTheSameLocatedError) {
  // v0.1 printed only "bad file".
  EXPECT_EQ(yaml_problem(nested_lists(100000)),
            "1:67: maps and lists nested more than 64 levels deep");
}

TEST(YamlLimits, AliasesThatExpandPastTheLimitAreRefused) {
  // A "billion laughs": each level is a list of ten aliases of the level before, so level k
  // expands to about 10^k nodes; only 40 aliases are written.
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int k = 1; k <= 4; ++k) {
    std::string prev = "*l" + std::to_string(k - 1);
    text += "l" + std::to_string(k) + ": &l" + std::to_string(k) + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", " : "") + prev;
    text += "]\n";
  }
  // l0 has 11 nodes, l1 111, l2 1,111, l3 11,111, l4 111,111: the aliases of l1..l3 add
  // 10 x (11 + 111 + 1,111) = 12,330 nodes, and the 8th alias of l4 passes 100,000
  // (12,330 + 8 x 11,111 = 101,218); line 5 is "l4: &l4 [*l3, ...": the first alias at column
  // 10, the 8th at 10 + 7 x 5 = 45.
  EXPECT_EQ(yaml_problem(text), "5:45: aliases (*name) expand to more than 100000 nodes");
}

TEST(YamlLimits, ModestAliasesAreRead) {
  EXPECT_EQ(yaml_problem("base: &b {a: 1, b: 2}\none: *b\ntwo: *b\n"), "");
}

// Found by the catalog fuzzer: on this stream yaml-cpp 0.7 reports a next document forever, so
// a scan of every document never ended. Its first document is plain YAML (the catalog loader
// then rejects its content): it parses at once.
TEST(YamlLimits, AStreamThatNeverEndsItsDocumentsIsScannedOnce) {
  const std::string text =
      ", Malformed catalog: re#defines the built-mn QM9700.\n\255ackscale_catalog: 1\nentries:\n"
      "  - name: QM9700\n    kind:vswitch\n  port_speed: \"400 units: 1\n";
  ASSERT_EQ(text.size(), 145u);
  EXPECT_EQ(yaml_problem(text), "");
}

TEST(QuantityLimits, EveryDimensionOfTheModelHasOne) {
  namespace d = units::dims;
  for (units::Dim dim : {units::Dim{},      d::kMass,
                         d::kLength,        d::kTime,
                         d::kCurrent,       d::kTemperature,
                         d::kMoney,         d::kInformation,
                         d::kCount,         d::kArea,
                         d::kVolume,        d::kEnergy,
                         d::kPower,         d::kVoltage,
                         d::kVolumeFlow,    d::kDataRate,
                         d::kCountRate,     d::kMoneyPerEnergy,
                         d::kMoneyPerPower, d::kMoneyPerVolume,
                         d::kFlowPerPower,  d::kVolumePerEnergy,
                         d::kMassPerArea,   d::kMoneyPerCount}) {
    EXPECT_TRUE(quantity_limit(dim).has_value()) << units::describe(dim).name;
  }
}

TEST(QuantityLimits, LimitsAreTheStatedValuesInSI) {
  // 1 TW; 10,000 years of 365.25 days; 1,000,000 per day; 1,000,000 USD/MWh in USD/J.
  EXPECT_EQ(quantity_limit(units::dims::kPower)->max_si, 1e12);
  EXPECT_DOUBLE_EQ(quantity_limit(units::dims::kTime)->max_si, 1e4 * 365.25 * 86400);
  EXPECT_DOUBLE_EQ(quantity_limit(units::dims::kCountRate)->max_si, 1e6 / 86400);
  EXPECT_DOUBLE_EQ(quantity_limit(units::dims::kMoneyPerEnergy)->max_si, 1e6 / 3.6e9);
}

TEST(QuantityLimits, AKeysOwnRangeAppliesWhenItIsTighter) {
  const units::Dim power = units::dims::kPower;
  EXPECT_EQ(with_limit_max(power, RangeEnd{5.0, false, "5 W", ""})->value, 5.0);
  EXPECT_EQ(with_limit_max(power, RangeEnd{2e12, false, "2 TW", ""})->value, 1e12);
  EXPECT_EQ(with_limit_max(power, std::nullopt)->text, "1 TW");
  EXPECT_EQ(with_limit_min(power, RangeEnd{0.0, true, "0 W", ""})->value, 0.0);
  EXPECT_EQ(with_limit_min(power, std::nullopt)->value, -1e12);
  EXPECT_EQ(with_limit_min(power, std::nullopt)->text, "-1 TW");
}

TEST(ScenarioLimits, TheSourcesLimitAppliesToTheScenarioFile) {
  test::TempFile file("input_limits_scenario.yaml", test::minimal_scenario());
  InputLimits limits;
  limits.max_file_bytes = 100;
  Diagnostics diag;
  read_scenario(ScenarioSource{file.path(), std::nullopt, {}, limits}, diag);
  ASSERT_EQ(diag.size(), 1u);
  EXPECT_EQ(diag.items()[0].message.rfind("the file is ", 0), 0u) << diag.items()[0].message;
}

TEST(ScenarioLimits, AHugeListUnderAnUnknownKeyFailsAtTheSizeLimitAtOnce) {
  // v0.1 parsed a 200 MB list under an unknown key for 122 s and 9.2 GB before its error; the
  // size limit refuses it before a byte of YAML is parsed. 17 MiB stands for it here.
  std::string text = test::minimal_scenario() + "junk:\n";
  const std::string item = "  - 123456789\n";
  while (text.size() <= (17u << 20)) text += item;
  test::TempFile file("input_limits_huge.yaml", text);
  Diagnostics diag;
  read_scenario(file.path(), diag);
  ASSERT_EQ(diag.size(), 1u);
  EXPECT_EQ(diag.items()[0].message, "the file is " + std::to_string(text.size()) +
                                         " bytes, more than the input limit of 16 MiB");
}

}  // namespace
}  // namespace rackscale::io
