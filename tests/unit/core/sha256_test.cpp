// SHA-256 against the examples published with the standard.

#include "rackscale/core/sha256.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rackscale {
namespace {

// source: NIST FIPS 180-2 (2002), appendix B.1 and B.2, the one-block and two-block messages.
TEST(Sha256, MatchesTheFips180Examples) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// source: NIST FIPS 180-2, appendix B.3: one million repetitions of 'a'.
TEST(Sha256, MatchesTheFips180MillionAExample) {
  EXPECT_EQ(sha256_hex(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace rackscale
