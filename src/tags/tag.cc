// Tag and TagSet parsing, following packaging.tags.parse_tag (PEP 425 compressed tag sets).
#include "tags/tag.h"

#include <algorithm>
#include <array>

#include "tags/text_span.h"

namespace roost::tags {
namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Python's str.isidentifier() for ASCII; any non-ASCII byte is let through, since Python accepts
// most letters of other scripts and we do not carry Unicode tables for a rare case.
bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    bool digit = c >= '0' && c <= '9';
    if (!(alpha || (i > 0 && digit))) return false;
  }
  return true;
}

struct Part {
  std::string_view text;
  size_t offset;  // in the whole tag
};

std::vector<Part> split(std::string_view text, size_t base, char sep) {
  std::vector<Part> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(sep, start);
    if (end == std::string_view::npos) {
      parts.push_back({text.substr(start), base + start});
      return parts;
    }
    parts.push_back({text.substr(start, end - start), base + start});
    start = end + 1;
  }
}

std::vector<std::string> lowered_sorted_unique(const std::vector<Part>& parts) {
  std::vector<std::string> out;
  out.reserve(parts.size());
  for (const Part& p : parts) out.push_back(ascii_lower(p.text));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string join(const std::vector<std::string>& items, char sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

}  // namespace

Tag::Tag(std::string_view interpreter, std::string_view abi, std::string_view platform)
    : interpreter_(ascii_lower(interpreter)),
      abi_(ascii_lower(abi)),
      platform_(ascii_lower(platform)) {}

Result<Tag> Tag::parse(std::string_view text) {
  if (size_t dot = text.find('.'); dot != std::string_view::npos) {
    return parse_error("invalid tag " + quote(text) +
                           ": expected a single tag, found a compressed tag set ('.' at column " +
                           std::to_string(column_of(text, dot)) + ")",
                       text, dot, 1);
  }
  ROOST_TRY(TagSet set, TagSet::parse(text));
  return Tag(set.interpreters()[0], set.abis()[0], set.platforms()[0]);
}

std::string Tag::to_string() const {
  return interpreter_ + '-' + abi_ + '-' + platform_;
}

size_t Tag::hash() const {
  std::hash<std::string> h;
  size_t seed = h(interpreter_);
  seed ^= h(abi_) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  seed ^= h(platform_) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  return seed;
}

Result<TagSet> TagSet::parse(std::string_view text, const ParseTagOptions& options) {
  return parse_tag_set_in(text, 0, text.size(), options, "invalid tag " + quote(text));
}

Result<TagSet> parse_tag_set_in(std::string_view source, size_t offset, size_t length,
                                const ParseTagOptions& options, std::string_view what,
                                int line_number) {
  const std::string_view text = source.substr(offset, length);
  const std::string prefix = std::string(what) + ": ";
  auto fail = [&](std::string reason, size_t at, size_t len) {
    return parse_error(prefix + reason, source, at, len, line_number);
  };
  auto column = [&](size_t at) { return std::to_string(column_of(source, at)); };
  std::vector<std::vector<Part>> components;
  for (const Part& component : split(text, offset, '-')) {
    std::vector<Part> members = split(component.text, component.offset, '.');
    for (const Part& m : members) {
      if (!m.text.empty()) continue;
      std::string where =
          members.size() == 1 ? "empty component" : "empty component in " + quote(component.text);
      return fail(where + " at column " + column(m.offset), m.offset, 1);
    }
    if (options.validate_order) {
      bool sorted = std::is_sorted(members.begin(), members.end(),
                                   [](const Part& a, const Part& b) { return a.text < b.text; });
      if (!sorted) {
        std::vector<std::string> fixed;
        for (const Part& m : members) fixed.emplace_back(m.text);
        std::sort(fixed.begin(), fixed.end());
        return fail(quote(component.text) + " at column " + column(component.offset) +
                        " is not in sorted order per PEP 425 (expected " + quote(join(fixed, '.')) +
                        ")",
                    component.offset, component.text.size());
      }
    }
    components.push_back(std::move(members));
  }

  if (options.limit) {
    size_t count = 1;
    bool overflow = false;
    for (const auto& members : components)
      overflow |= __builtin_mul_overflow(count, members.size(), &count);
    if (overflow || count > *options.limit) {
      std::string how_many =
          overflow ? "more than " + std::to_string(*options.limit) : std::to_string(count);
      return fail("compressed tag set would generate " + how_many +
                      " tags, exceeding the limit of " + std::to_string(*options.limit),
                  offset, text.size());
    }
  }

  if (components.size() != 3) {
    return fail("must have exactly three components (interpreter-abi-platform), found " +
                    std::to_string(components.size()),
                offset, text.size());
  }
  for (const Part& interpreter : components[0]) {
    if (!is_identifier(interpreter.text)) {
      return fail("invalid interpreter " + quote(interpreter.text) + " at column " +
                      column(interpreter.offset),
                  interpreter.offset, interpreter.text.size())
          .with_hint("an interpreter tag is an identifier, like 'cp311', 'py3' or 'pp310'");
    }
  }

  TagSet set;
  set.interpreters_ = lowered_sorted_unique(components[0]);
  set.abis_ = lowered_sorted_unique(components[1]);
  set.platforms_ = lowered_sorted_unique(components[2]);
  return set;
}

Result<TagSet> TagSet::compress(const std::vector<Tag>& tags) {
  if (tags.empty()) {
    return make_error(ErrorKind::kUsage, "an empty tag set cannot be written as a compressed tag");
  }
  TagSet set;
  for (const Tag& t : tags) {
    set.interpreters_.push_back(t.interpreter());
    set.abis_.push_back(t.abi());
    set.platforms_.push_back(t.platform());
  }
  for (auto* list : {&set.interpreters_, &set.abis_, &set.platforms_}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  std::vector<Tag> unique = tags;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  // Every tag is a combination of the lists, so equal counts mean every combination is present.
  if (unique.size() != set.size()) {
    return make_error(
        ErrorKind::kUsage, "the tags {" +
                               [&] {
                                 std::string s;
                                 for (size_t i = 0; i < unique.size(); ++i)
                                   s += (i ? ", " : "") + unique[i].to_string();
                                 return s;
                               }() +
                               "} cannot be compressed: a compressed tag set holds every "
                               "combination of its interpreters, abis and platforms");
  }
  return set;
}

bool TagSet::contains(const Tag& tag) const {
  return std::binary_search(interpreters_.begin(), interpreters_.end(), tag.interpreter()) &&
         std::binary_search(abis_.begin(), abis_.end(), tag.abi()) &&
         std::binary_search(platforms_.begin(), platforms_.end(), tag.platform());
}

std::vector<Tag> TagSet::expand() const {
  std::vector<Tag> out;
  out.reserve(size());
  for (const std::string& i : interpreters_) {
    for (const std::string& a : abis_) {
      for (const std::string& p : platforms_) out.emplace_back(i, a, p);
    }
  }
  return out;
}

std::string TagSet::to_string() const {
  return join(interpreters_, '.') + '-' + join(abis_, '.') + '-' + join(platforms_, '.');
}

Result<std::vector<Tag>> parse_tag(std::string_view text, const ParseTagOptions& options) {
  ROOST_TRY(TagSet set, TagSet::parse(text, options));
  return set.expand();
}

}  // namespace roost::tags
