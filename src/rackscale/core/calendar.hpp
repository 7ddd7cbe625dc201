#pragma once
//! Calendar dates at the edges of the model (input and output); simulation time is hours.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace rackscale {

//! A civil date (proleptic Gregorian), stored as days since 1970-01-01.
class Date {
 public:
  constexpr Date() = default;
  //! Parses "YYYY-MM-DD"; nullopt if malformed or not a real day (e.g. 2026-02-30).
  static std::optional<Date> parse(std::string_view text);
  static Date from_days(int days) { return Date(days); }
  static Date from_ymd(int year, unsigned month, unsigned day);
  int days_since_epoch() const { return days_; }
  //! "YYYY-MM-DD".
  std::string to_string() const;
  //! Whole days from `other` to this date.
  int days_since(Date other) const { return days_ - other.days_; }
  //! Hours from `other` to this date [h].
  double hours_since(Date other) const { return 24.0 * days_since(other); }
  Date plus_days(int n) const { return Date(days_ + n); }
  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  constexpr explicit Date(int days) : days_(days) {}
  int days_ = 0;
};

}  // namespace rackscale
