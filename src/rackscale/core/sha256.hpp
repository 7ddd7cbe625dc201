#pragma once
//! SHA-256 (FIPS 180-4) of a byte string, by OpenSSL, for the file list of manifest.json.

#include <string>
#include <string_view>

namespace rackscale {

//! The SHA-256 digest of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace rackscale
