// WHEEL file reading and writing (see wheel_info.h).
#include "metadata/wheel_info.h"

#include <map>

#include "metadata/headers.h"
#include "tags/text_span.h"

namespace roost::metadata {
namespace {

using tags::quote;

Error value_error(std::string_view what, const HeaderField& f, std::string_view message) {
  return line_error(what, f.line, message, f.source_line, f.value_offset,
                    std::max<size_t>(f.first_line_value.size(), 1));
}

}  // namespace

Result<WheelInfo> WheelInfo::parse(std::string_view text, std::string_view what) {
  ROOST_TRY(HeaderBlock block, parse_headers(text, what));
  WheelInfo info;
  std::map<std::string, const HeaderField*> single;
  for (const HeaderField& f : block.fields) {
    for (std::string_view key : {"wheel-version", "generator", "root-is-purelib", "build"}) {
      if (!f.is(key)) continue;
      auto [it, inserted] = single.emplace(std::string(key), &f);
      if (!inserted) {
        return line_error(what, f.line,
                          "field " + quote(f.name) + " appears twice (first at line " +
                              std::to_string(it->second->line) + "); it may be given only once",
                          f.source_line, 0, f.name.size());
      }
    }
  }
  auto required = [&](const char* key, const char* name) -> Result<const HeaderField*> {
    auto it = single.find(key);
    if (it == single.end()) {
      return make_error(ErrorKind::kParse,
                        std::string(what) + ": missing the required field '" + name + "'");
    }
    return it->second;
  };

  ROOST_TRY(const HeaderField* version_field, required("wheel-version", "Wheel-Version"));
  const std::string version = version_field->single_line_value();
  size_t dot = version.find('.');
  // At most four digits a part: enough for any real version, and no overflow.
  bool well_formed = dot != std::string::npos && dot > 0 && dot <= 4 && dot + 1 < version.size() &&
                     version.size() - dot - 1 <= 4;
  for (size_t i = 0; well_formed && i < version.size(); ++i) {
    well_formed = i == dot || (version[i] >= '0' && version[i] <= '9');
  }
  if (!well_formed) {
    return value_error(
        what, *version_field,
        "invalid Wheel-Version " + quote(version) + " (expected '<major>.<minor>', like '1.0')");
  }
  info.version_major = std::stoi(version.substr(0, dot));
  info.version_minor = std::stoi(version.substr(dot + 1));
  if (info.version_major != 1) {
    return value_error(
        what, *version_field,
        "unsupported Wheel-Version " + quote(version) + " (this installer reads wheel format 1.x)");
  }

  if (auto it = single.find("generator"); it != single.end())
    info.generator = it->second->single_line_value();

  ROOST_TRY(const HeaderField* purelib, required("root-is-purelib", "Root-Is-Purelib"));
  std::string flag = purelib->single_line_value();
  for (char& c : flag) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (flag != "true" && flag != "false") {
    return value_error(
        what, *purelib,
        "Root-Is-Purelib must be 'true' or 'false', found " + quote(purelib->single_line_value()));
  }
  info.root_is_purelib = flag == "true";

  if (auto it = single.find("build"); it != single.end()) {
    std::string build = it->second->single_line_value();
    if (build.empty() || build[0] < '0' || build[0] > '9') {
      return value_error(what, *it->second, "Build " + quote(build) + " must start with a digit");
    }
    info.build = std::move(build);
  }

  for (const HeaderField* f : block.all("tag")) {
    if (!f->continuations.empty()) {
      return value_error(what, *f, "a Tag field must fit on one line");
    }
    std::string_view value = f->first_line_value;
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    const std::string prefix =
        std::string(what) + " line " + std::to_string(f->line) + ": invalid Tag " + quote(value);
    ROOST_TRY(tags::TagSet set,
              tags::parse_tag_set_in(f->source_line, f->value_offset, value.size(), {.limit = 4096},
                                     prefix, f->line));
    for (tags::Tag& t : set.expand()) info.tags.push_back(std::move(t));
  }
  return info;
}

std::string WheelInfo::to_string() const {
  auto one_line = [](std::string s) {
    for (char& c : s) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    return s;
  };
  std::string out;
  write_header(out, "Wheel-Version",
               std::to_string(version_major) + "." + std::to_string(version_minor));
  if (generator) write_header(out, "Generator", one_line(*generator));
  write_header(out, "Root-Is-Purelib", root_is_purelib ? "true" : "false");
  for (const tags::Tag& t : tags) write_header(out, "Tag", t.to_string());
  if (build) write_header(out, "Build", one_line(*build));
  return out;
}

}  // namespace roost::metadata
