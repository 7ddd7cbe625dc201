#include "rackscale/core/calendar.hpp"

#include <gtest/gtest.h>

using rackscale::Date;

TEST(Calendar, ParsesAndPrints) {
  auto d = Date::parse("2026-01-05");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->to_string(), "2026-01-05");
  // 2026-01-05 is 20,458 days after 1970-01-01 (56 years incl. 14 leap days: 56*365+14+4).
  EXPECT_EQ(d->days_since_epoch(), 20458);
}

TEST(Calendar, RejectsImpossibleDates) {
  EXPECT_FALSE(Date::parse("2026-02-30"));
  EXPECT_FALSE(Date::parse("2026-13-01"));
  EXPECT_FALSE(Date::parse("2026-1-5"));
  EXPECT_FALSE(Date::parse("next week"));
  EXPECT_TRUE(Date::parse("2028-02-29"));
  EXPECT_FALSE(Date::parse("2027-02-29"));
}

TEST(Calendar, Arithmetic) {
  auto a = *Date::parse("2026-12-25");
  auto b = *Date::parse("2027-01-08");
  EXPECT_EQ(b.days_since(a), 14);
  EXPECT_DOUBLE_EQ(b.hours_since(a), 336.0);
  EXPECT_EQ(a.plus_days(7).to_string(), "2027-01-01");
  EXPECT_LT(a, b);
}
