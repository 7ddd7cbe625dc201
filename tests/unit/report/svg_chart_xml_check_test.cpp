// A small XML well-formedness checker for the report tests (SVG charts, and the HTML report,
// which is written so that it also parses as XML), and tests of the checker itself.
// Other test files declare rackscale::report::testing::xml_problem and call it.

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rackscale::report::testing {

namespace {

bool name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}
bool name_char(char c) {
  return name_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

// "" if every '&' in `s` starts one of XML's five entities or a character reference.
std::string check_entities(std::string_view s) {
  for (std::size_t a = s.find('&'); a != std::string_view::npos; a = s.find('&', a + 1)) {
    const std::size_t semi = s.find(';', a);
    if (semi == std::string_view::npos) return "bare '&'";
    const std::string_view ref = s.substr(a + 1, semi - a - 1);
    static const std::set<std::string_view> kNamed = {"amp", "lt", "gt", "quot", "apos"};
    if (kNamed.count(ref)) continue;
    bool ok = ref.size() >= 2 && ref[0] == '#';
    for (std::size_t i = 1; ok && i < ref.size(); ++i) {
      ok = std::isdigit(static_cast<unsigned char>(ref[i])) || (i == 1 && ref[i] == 'x') ||
           (ref[1] == 'x' && std::isxdigit(static_cast<unsigned char>(ref[i])));
    }
    if (!ok) return "unknown entity '&" + std::string(ref) + ";'";
  }
  return "";
}

std::string where(std::string_view xml, std::size_t pos) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < pos && i < xml.size(); ++i) line += xml[i] == '\n';
  return " at line " + std::to_string(line);
}

}  // namespace

// "" if `xml` is well-formed: one root element, every tag closed in order, attributes quoted and
// not repeated, no '<' in attribute values, and every '&' an entity. Comments, processing
// instructions and a DOCTYPE are skipped.
std::string xml_problem(std::string_view xml) {
  std::vector<std::string> open;
  int roots = 0;
  std::size_t i = 0;
  while (i < xml.size()) {
    const std::size_t lt = xml.find('<', i);
    const std::string_view text = xml.substr(i, lt == std::string_view::npos ? xml.npos : lt - i);
    if (auto e = check_entities(text); !e.empty()) return e + " in text" + where(xml, i);
    if (open.empty()) {
      for (char c : text) {
        if (!std::isspace(static_cast<unsigned char>(c))) {
          return "text outside the root element" + where(xml, i);
        }
      }
    }
    if (lt == std::string_view::npos) break;
    if (xml.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = xml.find("-->", lt);
      if (end == xml.npos) return "unterminated comment" + where(xml, lt);
      i = end + 3;
      continue;
    }
    if (xml.compare(lt, 2, "<?") == 0 || xml.compare(lt, 9, "<!DOCTYPE") == 0) {
      const std::size_t end = xml.find('>', lt);
      if (end == xml.npos) return "unterminated declaration" + where(xml, lt);
      i = end + 1;
      continue;
    }
    std::size_t p = lt + 1;
    const bool closing = p < xml.size() && xml[p] == '/';
    if (closing) ++p;
    if (p >= xml.size() || !name_start(xml[p])) return "bad tag name" + where(xml, lt);
    const std::size_t name_begin = p;
    while (p < xml.size() && name_char(xml[p])) ++p;
    const std::string name(xml.substr(name_begin, p - name_begin));
    std::set<std::string> attributes;
    bool self_closing = false;
    for (;;) {
      while (p < xml.size() && std::isspace(static_cast<unsigned char>(xml[p]))) ++p;
      if (p >= xml.size()) return "unterminated tag <" + name + ">" + where(xml, lt);
      if (xml[p] == '>') {
        ++p;
        break;
      }
      if (xml.compare(p, 2, "/>") == 0 && !closing) {
        self_closing = true;
        p += 2;
        break;
      }
      if (closing) return "attributes in a closing tag </" + name + ">" + where(xml, lt);
      if (!name_start(xml[p])) return "bad attribute in <" + name + ">" + where(xml, lt);
      const std::size_t a = p;
      while (p < xml.size() && name_char(xml[p])) ++p;
      const std::string attribute(xml.substr(a, p - a));
      if (!attributes.insert(attribute).second) {
        return "repeated attribute " + attribute + " in <" + name + ">" + where(xml, lt);
      }
      if (p >= xml.size() || xml[p] != '=') {
        return "attribute " + attribute + " without a value in <" + name + ">" + where(xml, lt);
      }
      ++p;
      if (p >= xml.size() || (xml[p] != '"' && xml[p] != '\'')) {
        return "unquoted attribute " + attribute + " in <" + name + ">" + where(xml, lt);
      }
      const char quote = xml[p++];
      const std::size_t end = xml.find(quote, p);
      if (end == xml.npos) return "unterminated attribute value" + where(xml, lt);
      const std::string_view value = xml.substr(p, end - p);
      if (value.find('<') != value.npos) return "'<' in an attribute value" + where(xml, lt);
      if (auto e = check_entities(value); !e.empty()) {
        return e + " in attribute " + attribute + where(xml, lt);
      }
      p = end + 1;
    }
    i = p;
    if (closing) {
      if (open.empty() || open.back() != name) {
        return "</" + name + "> closes " + (open.empty() ? "nothing" : "<" + open.back() + ">") +
               where(xml, lt);
      }
      open.pop_back();
    } else {
      if (open.empty() && ++roots > 1) return "second root element <" + name + ">" + where(xml, lt);
      if (!self_closing) open.push_back(name);
    }
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  if (roots == 0) return "no root element";
  return "";
}

namespace {

TEST(XmlCheck, AcceptsWellFormedDocuments) {
  EXPECT_EQ(xml_problem("<svg a=\"1\"><g><text x='2'>a &amp; b &#39;c&#x27;</text></g></svg>"), "");
  EXPECT_EQ(xml_problem("<?xml version=\"1.0\"?>\n<!-- note -->\n<svg/>\n"), "");
  EXPECT_EQ(xml_problem("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/></head></html>"),
            "");
}

TEST(XmlCheck, FindsEachKindOfProblem) {
  EXPECT_NE(xml_problem("<svg><g></svg>"), "");                 // crossed tags
  EXPECT_NE(xml_problem("<svg><g>"), "");                       // never closed
  EXPECT_NE(xml_problem("<svg>a & b</svg>"), "");               // bare &
  EXPECT_NE(xml_problem("<svg>&nbsp;</svg>"), "");              // not an XML entity
  EXPECT_NE(xml_problem("<svg x=1/>"), "");                     // unquoted
  EXPECT_NE(xml_problem("<svg x=\"1\" x=\"2\"/>"), "");         // repeated attribute
  EXPECT_NE(xml_problem("<svg t=\"a<b\"/>"), "");               // '<' in a value
  EXPECT_NE(xml_problem("<svg/><svg/>"), "");                   // two roots
  EXPECT_NE(xml_problem("hello <svg/>"), "");                   // text outside
  EXPECT_NE(xml_problem(""), "");                               // nothing
  EXPECT_NE(xml_problem("<svg><text>1 < 2</text></svg>"), "");  // raw '<' in text
}

}  // namespace
}  // namespace rackscale::report::testing
