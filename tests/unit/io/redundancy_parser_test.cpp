// The one parser of redundancy schemes: every form, and the valid forms named for a bad one.

#include "rackscale/io/redundancy_parser.hpp"

#include <gtest/gtest.h>

#include <string>

#include "rackscale/core/error.hpp"

namespace rackscale::io {
namespace {

TEST(RedundancyParser, ParsesEveryScheme) {
  EXPECT_EQ(parse_redundancy("N").kind, model::RedundancyScheme::Kind::N);
  const auto n1 = parse_redundancy("N+1");
  EXPECT_EQ(n1.kind, model::RedundancyScheme::Kind::NPlus);
  EXPECT_EQ(n1.spares, 1);
  EXPECT_EQ(parse_redundancy("N+2").spares, 2);
  EXPECT_EQ(parse_redundancy("2N").kind, model::RedundancyScheme::Kind::TwoN);
  const auto d = parse_redundancy("4N/3");
  EXPECT_EQ(d.kind, model::RedundancyScheme::Kind::Distributed);
  EXPECT_EQ(d.systems, 4);
  EXPECT_EQ(d.carrying, 3);
  EXPECT_EQ(parse_redundancy("3N/2").systems, 3);
  EXPECT_EQ(parse_redundancy("block").kind, model::RedundancyScheme::Kind::Block);
  EXPECT_EQ(model::to_string(parse_redundancy("4N/3")), "4N/3");
}

TEST(RedundancyParser, RejectsUnknownSchemesWithTheValidForms) {
  for (const char* bad : {"", "N+0", "M+1", "2N+1", "n+1", "Block"}) {
    try {
      parse_redundancy(bad);
      FAIL() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("expected N, N+k"), std::string::npos) << e.what();
    }
  }
  // xN/y needs x > y.
  EXPECT_THROW(parse_redundancy("3N/4"), Error);
  EXPECT_THROW(parse_redundancy("3N/3"), Error);
}

TEST(RedundancyParser, WritesEachSchemeAsParsed) {
  for (const char* text : {"N", "N+1", "N+2", "2N", "3N/2", "4N/3", "block"}) {
    EXPECT_EQ(model::to_string(parse_redundancy(text)), text);
  }
}

}  // namespace
}  // namespace rackscale::io
