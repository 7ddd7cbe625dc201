#include "rackscale/report/file_slug.hpp"

#include <algorithm>
#include <set>

namespace rackscale::report {

namespace {

bool kept(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

std::string trimmed(std::string slug) {
  const auto first = slug.find_first_not_of(".-");
  if (first == std::string::npos) return {};
  slug.erase(0, first);
  if (slug.size() > kMaxSlugBytes) slug.resize(kMaxSlugBytes);
  slug.erase(slug.find_last_not_of(".-") + 1);
  return slug;
}

}  // namespace

std::string file_slug(std::string_view name, std::string_view fallback) {
  std::string slug;
  for (char c : name) {
    const char out = kept(c) ? c : '-';
    if (out == '-' && !slug.empty() && slug.back() == '-') continue;
    slug += out;
  }
  slug = trimmed(std::move(slug));
  return slug.empty() ? std::string(fallback) : slug;
}

std::vector<std::string> unique_file_slugs(const std::vector<std::string>& names,
                                           std::string_view fallback) {
  std::vector<std::string> slugs;
  std::set<std::string> taken;
  for (const auto& name : names) {
    const std::string base = file_slug(name, fallback);
    std::string slug = base;
    for (int n = 2; taken.count(slug) > 0; ++n) slug = base + "-" + std::to_string(n);
    taken.insert(slug);
    slugs.push_back(slug);
  }
  return slugs;
}

}  // namespace rackscale::report
