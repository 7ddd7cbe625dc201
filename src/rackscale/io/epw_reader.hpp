#pragma once
//! Reads and writes EnergyPlus weather files (EPW), strictly.
//!
//! The format is defined in the EnergyPlus documentation, Auxiliary Programs, "Weather Converter
//! Program", section "EnergyPlus Weather File (EPW) Data Dictionary": eight header lines
//! (LOCATION, DESIGN CONDITIONS, TYPICAL/EXTREME PERIODS, GROUND TEMPERATURES,
//! HOLIDAYS/DAYLIGHT SAVINGS, COMMENTS 1, COMMENTS 2, DATA PERIODS), then one comma-separated
//! row of 35 fields per hour. rackscale reads hourly files of one non-leap year (8,760 rows from
//! 1/1 hour 1 to 12/31 hour 24) and checks the fields it uses against the dictionary's limits and
//! missing-value markers; see docs/models/climate.md.

#include <optional>
#include <string>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/io/input_limits.hpp"
#include "rackscale/model/weather.hpp"

namespace rackscale::io {

//! Hours in the one non-leap year an EPW file must hold.
inline constexpr int kEpwHours = 8760;
//! Comma-separated fields in an EPW data row.
inline constexpr int kEpwFields = 35;

//! The LOCATION header line.
struct EpwLocation {
  std::string city;
  std::string state;  //!< state, province or region
  std::string country;
  std::string source;          //!< data source, e.g. "TMY3"
  std::string wmo;             //!< WMO station number (kept as text, as EnergyPlus does)
  double latitude_deg = 0.0;   //!< [deg], north positive
  double longitude_deg = 0.0;  //!< [deg], east positive
  double time_zone_h = 0.0;    //!< offset from GMT [h]
  double elevation_m = 0.0;    //!< [m]
};

//! The fields of one hourly row that rackscale uses.
struct EpwRecord {
  int year = 0;
  int month = 0;                       //!< 1..12
  int day = 0;                         //!< 1..31
  int hour = 0;                        //!< 1..24; hour 1 is the interval 00:00-01:00
  int minute = 0;                      //!< 0..60
  double dry_bulb_c = 0.0;             //!< [C]
  double dew_point_c = 0.0;            //!< [C]
  double relative_humidity_pct = 0.0;  //!< [%], 0..110
  double pressure_pa = 0.0;            //!< atmospheric station pressure [Pa]
};

//! An EPW weather file: the location header, the comment lines and 8,760 hourly records.
struct EpwFile {
  std::string path;  //!< as given to read_epw (or the name given to parse_epw)
  EpwLocation location;
  std::string comments_1;                //!< text after "COMMENTS 1," (may contain commas)
  std::string comments_2;                //!< text after "COMMENTS 2,"
  std::string start_weekday = "Sunday";  //!< day of week of 1/1, from DATA PERIODS
  std::vector<EpwRecord> records;
};

//! Reads an EPW file; throws InputError listing every problem found, each with file:line:column
//! (the column where the offending field starts) and the field's number and name.
//! The file must be a regular file within `limits.max_file_bytes`.
EpwFile read_epw(const std::string& path, const InputLimits& limits = {});

//! Parses EPW text, recording problems in `diag` (the text is registered for excerpts under
//! `name`). Returns what could be read; check `diag` before using it.
EpwFile parse_epw(const std::string& text, const std::string& name, Diagnostics& diag);

//! Formats an EPW file: the eight header lines (DESIGN CONDITIONS, TYPICAL/EXTREME PERIODS and
//! GROUND TEMPERATURES empty, no holidays or daylight saving) and one 35-field row per record;
//! fields rackscale does not model are written as 0 or with the dictionary's missing marker.
std::string format_epw(const EpwFile& file);

//! The year of an EPW file as the model holds it: dry bulb, relative humidity (clamped to
//! 100 %), dew point (clamped to the dry bulb) and the wet bulb computed from them at each hour's
//! station pressure. Throws rackscale::Error unless the file holds 8,760 records.
model::Weather weather_from_epw(const EpwFile& file);

//! Reads the weather file at `path` into the model's year, recording every problem in `diag`
//! under `key_path` (the scenario key that names the file, e.g. `sites[0].climate.epw`) at the
//! file's own line and column; nullopt when there is any. The file must be a regular file within
//! `limits.max_file_bytes`.
std::optional<model::Weather> load_weather(const std::string& path, const std::string& key_path,
                                           Diagnostics& diag, const InputLimits& limits = {});

//! An EPW file holding `weather` as the hourly records of `year` (a non-leap year) at the
//! weather's mean pressure, under `location` and the two comment lines; DATA PERIODS starts on
//! the weekday of 1 January of `year`. Used to write sample weather files.
EpwFile epw_from_weather(const model::Weather& weather, const EpwLocation& location, int year,
                         std::string comments_1, std::string comments_2);

}  // namespace rackscale::io
