#include "rackscale/io/input_limits.hpp"

#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

namespace rackscale::io {

namespace {

namespace fs = std::filesystem;
namespace d = units::dims;

constexpr double kSecondsPerYear = 365.25 * 86400.0;
constexpr double kJoulesPerMWh = 3.6e9;

// The reasons for each value are in docs/scenario-format.md ("Limits").
constexpr std::array kQuantityLimits{
    QuantityLimit{units::Dim{}, 1e6, "1000000"},
    QuantityLimit{d::kPower, 1e12, "1 TW"},
    QuantityLimit{d::kEnergy, 1e7 * kJoulesPerMWh, "10000 TWh"},
    QuantityLimit{d::kTime, 1e4 * kSecondsPerYear, "10000 years"},
    QuantityLimit{d::kCount, 1e10, "10000000000"},
    QuantityLimit{d::kCountRate, 1e6 / 86400.0, "1000000 per day"},
    QuantityLimit{d::kMoney, 1e13, "10000000 MUSD"},
    QuantityLimit{d::kMoneyPerCount, 1e13, "10000000 MUSD each"},
    QuantityLimit{d::kMoneyPerEnergy, 1e6 / kJoulesPerMWh, "1000000 USD/MWh"},
    QuantityLimit{d::kMoneyPerPower, 1e4, "10000 MUSD/MW"},
    QuantityLimit{d::kMoneyPerVolume, 1e4, "10000 USD/m^3"},
    QuantityLimit{d::kLength, 1e7, "10000 km"},
    QuantityLimit{d::kArea, 1e12, "1000000 km^2"},
    QuantityLimit{d::kVolume, 1e12, "1000 km^3"},
    QuantityLimit{d::kMass, 1e9, "1000000 t"},
    QuantityLimit{d::kCurrent, 1e7, "10 MA"},
    QuantityLimit{d::kVoltage, 1e7, "10 MV"},
    QuantityLimit{d::kTemperature, 1e3, "1000 K"},
    QuantityLimit{d::kVolumeFlow, 1e6, "1000000 m^3/s"},
    QuantityLimit{d::kDataRate, 1e15, "1 Pb/s"},
    QuantityLimit{d::kInformation, 1e21, "1e21 bits"},
    QuantityLimit{d::kFlowPerPower, 1e-3, "60000 L/min/kW"},
    QuantityLimit{d::kVolumePerEnergy, 1.0 / 3.6e6, "1000 L/kWh"},
    QuantityLimit{d::kMassPerArea, 1e6, "1000000 kg/m^2"},
    QuantityLimit{d::kMoneyPerArea, 1e7, "10000000 USD/m^2"},
};

std::string system_reason() {
  return std::strerror(errno);
}

// Why `path` is not a file rackscale reads, or "" if it is a regular file.
std::string not_regular_reason(const fs::file_status& status) {
  switch (status.type()) {
    case fs::file_type::regular:
      return "";
    case fs::file_type::directory:
      return "is a folder, not a file";
    case fs::file_type::fifo:
      return "is a FIFO (named pipe), not a regular file";
    case fs::file_type::socket:
      return "is a socket, not a regular file";
    case fs::file_type::block:
    case fs::file_type::character:
      return "is a device, not a regular file";
    default:
      return "is not a regular file";
  }
}

FileProblem cannot_open(const std::string& reason) {
  return {fmt::format("cannot open the file ({})", reason), ""};
}

}  // namespace

std::variant<std::string, FileProblem> read_input_file(const std::string& path,
                                                       const InputLimits& limits) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec) return cannot_open(ec.message());
  if (std::string reason = not_regular_reason(status); !reason.empty()) {
    return FileProblem{
        std::move(reason),
        "rackscale reads scenario, catalog and weather files from regular files only"};
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return cannot_open(ec.message());
  if (size > limits.max_file_bytes) {
    return FileProblem{fmt::format("the file is {}, more than the input limit of {}",
                                   format_byte_size(size), format_byte_size(limits.max_file_bytes)),
                       fmt::format("if the file is meant to be this large, raise the limit, e.g. "
                                   "--max-input-size {}MiB",
                                   (size >> 20) + 1)};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return cannot_open(system_reason());
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return cannot_open(system_reason());
  text.resize(static_cast<std::size_t>(in.gcount()));
  // A file that grew after it was measured is not read past its measured size.
  if (in.peek() != std::ifstream::traits_type::eof()) {
    return FileProblem{"the file changed while it was read", "read it again when it is complete"};
  }
  return text;
}

std::optional<std::uintmax_t> parse_byte_size(const std::string& text) {
  std::uintmax_t number = 0;
  const char* end = text.data() + text.size();
  auto [rest, ec] = std::from_chars(text.data(), end, number);
  if (ec != std::errc() || rest == text.data()) return std::nullopt;
  std::string unit(rest, end);
  unit.erase(0, unit.find_first_not_of(' '));
  constexpr std::array<std::pair<const char*, std::uintmax_t>, 8> kUnits{{{"", 1},
                                                                          {"B", 1},
                                                                          {"kB", 1000},
                                                                          {"MB", 1000'000},
                                                                          {"GB", 1000'000'000},
                                                                          {"KiB", 1ULL << 10},
                                                                          {"MiB", 1ULL << 20},
                                                                          {"GiB", 1ULL << 30}}};
  for (const auto& [symbol, factor] : kUnits) {
    if (unit != symbol) continue;
    if (number > UINTMAX_MAX / factor) return std::nullopt;
    return number * factor;
  }
  return std::nullopt;
}

std::string format_byte_size(std::uintmax_t bytes) {
  constexpr std::array<std::pair<const char*, int>, 3> kBinary{
      {{"GiB", 30}, {"MiB", 20}, {"KiB", 10}}};
  for (const auto& [symbol, shift] : kBinary) {
    const std::uintmax_t unit = std::uintmax_t{1} << shift;
    if (bytes >= unit && bytes % unit == 0) return fmt::format("{} {}", bytes / unit, symbol);
  }
  return fmt::format("{} bytes", bytes);
}

std::optional<QuantityLimit> quantity_limit(units::Dim dim) {
  for (const QuantityLimit& limit : kQuantityLimits) {
    if (limit.dim == dim) return limit;
  }
  return std::nullopt;
}

}  // namespace rackscale::io
