#pragma once
//! The bounds on what rackscale reads: the size of an input file, the nesting depth and alias
//! expansion of a YAML document, and the largest value of each kind of quantity. The reasons for
//! each bound are in docs/scenario-format.md ("Limits"); a value beyond one is an input error at
//! its location, so that no count, date or price can overflow further on.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "rackscale/core/units.hpp"

namespace rackscale::io {

//! Default largest input file [bytes]: 16 MiB. assumption: the largest scenario or catalog
//! written so far is under 20 kB and an EPW weather file (8,760 hourly rows) about 1.6 MB; ten
//! times that leaves room without letting a stray file exhaust memory.
inline constexpr std::uintmax_t kDefaultMaxInputBytes = std::uintmax_t{16} << 20;
//! Default deepest YAML nesting (maps and lists inside each other). assumption: the scenario
//! format nests at most 6 levels (sites[].climate.parametric); 64 is ten times that.
inline constexpr int kDefaultMaxYamlDepth = 64;
//! Default most nodes that YAML aliases (`*name`) may expand to in one document, counting each
//! alias as the whole node it names. assumption: aliases save repetition in hand-written files
//! (a site's settings reused a few times: hundreds of nodes); 100,000 is far beyond that, and
//! the limit stops "billion laughs" documents whose aliases of aliases expand exponentially.
inline constexpr std::uint64_t kDefaultMaxYamlAliasNodes = 100'000;

//! The bounds on input files; the CLI's --max-input-size sets `max_file_bytes`.
struct InputLimits {
  std::uintmax_t max_file_bytes = kDefaultMaxInputBytes;           //!< largest file read [bytes]
  int max_yaml_depth = kDefaultMaxYamlDepth;                       //!< deepest map/list nesting
  std::uint64_t max_yaml_alias_nodes = kDefaultMaxYamlAliasNodes;  //!< alias expansion, nodes
};

//! Why an input file was not read: the message and a hint, for a Diagnostic.
struct FileProblem {
  std::string message;
  std::string hint;  //!< empty when the file could not be opened (callers know why)
};

//! The bytes of the regular file `path`, or why it was not read: it does not exist or cannot be
//! opened (the system's reason), it is a folder, a device, a FIFO or a socket (only regular files
//! are read, so `/dev/zero` is refused before a byte is read), or it is larger than
//! `limits.max_file_bytes`.
std::variant<std::string, FileProblem> read_input_file(const std::string& path,
                                                       const InputLimits& limits);

//! Parses a size such as "16MiB", "200 MB", "1048576" or "2 GiB" [bytes]; nullopt if it is not
//! one (binary KiB/MiB/GiB and decimal kB/MB/GB prefixes; B or no unit for bytes).
std::optional<std::uintmax_t> parse_byte_size(const std::string& text);

//! Formats a byte count for messages: "16 MiB" when exact, else "16777217 bytes".
std::string format_byte_size(std::uintmax_t bytes);

//! The largest magnitude accepted for one kind of quantity, in SI base units, and that bound as
//! messages show it ("1 TW").
struct QuantityLimit {
  units::Dim dim;
  double max_si;
  const char* text;
};

//! The limit for quantities of dimension `dim` (plain numbers included); nullopt for a dimension
//! no scenario or catalog key has (such values are only required to be finite).
std::optional<QuantityLimit> quantity_limit(units::Dim dim);

//! The earliest and latest years of a date in a scenario (inclusive). assumption: plans are made
//! for the years around now; 1900..2200 holds every real one, and a date plus the longest
//! accepted duration still fits the calendar and every day or week count derived from it.
inline constexpr int kEarliestYear = 1900;
inline constexpr int kLatestYear = 2200;

//! The coldest and hottest absolute temperatures accepted [K]: -100 C and +100 C.
//! source: WMO Weather and Climate Extremes Archive: lowest air temperature -89.2 C (Vostok,
//! 1983), highest 56.7 C (Death Valley, 1913); 100 C is also the top of any water loop.
inline constexpr double kLowestTemperatureK = 173.15;
inline constexpr double kHighestTemperatureK = 373.15;

}  // namespace rackscale::io
