#pragma once
//! Safe file names from scenario text. A name written by the user (the scenario's name, a site's
//! name) never becomes part of a path unchanged: it is turned into a slug that cannot leave the
//! output folder, hide itself, or exceed the file system's limits (docs/scenario-format.md,
//! "Names and file names").

#include <string>
#include <string_view>
#include <vector>

namespace rackscale::report {

//! Longest slug [bytes]: with the longest prefix and suffix we add ("single-line-", ".svg") a file
//! name stays far below the 255-byte limit of Linux file systems (NAME_MAX).
inline constexpr std::size_t kMaxSlugBytes = 80;

//! `name` as a file-name part: ASCII letters, digits, '-', '_' and '.' are kept; any other byte
//! (a '/', a space, a control character, every byte of a UTF-8 character) becomes '-'; runs of
//! '-' become one; leading '.' and '-' and trailing '-' and '.' are dropped; the result is cut to
//! kMaxSlugBytes. An empty result gives `fallback` (itself a slug).
std::string file_slug(std::string_view name, std::string_view fallback);

//! file_slug of each name, made unique: a slug already taken by an earlier name gets "-2", "-3",
//! ... (the first free one), so that two names never share a file.
std::vector<std::string> unique_file_slugs(const std::vector<std::string>& names,
                                           std::string_view fallback);

}  // namespace rackscale::report
