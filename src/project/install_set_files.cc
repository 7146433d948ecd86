// The file each installed package comes from: the best-ranked compatible wheel, else the sdist
// (a build), else uv's error with a hint saying what the package has wheels for.
#include <algorithm>

#include "index/url.h"
#include "project/install_set_internal.h"
#include "tags/filename.h"

namespace roost::project::install_detail {

namespace {

std::string value_of(const pep508::MarkerEnvironment& env, const char* key) {
  auto it = env.values.find(key);
  return it == env.values.end() ? std::string() : it->second;
}

// "s" unless there is one; then ": `a`, `b`", each name once, in the order met.
std::string listed(const std::vector<std::string>& names) {
  std::vector<std::string> unique;
  for (const std::string& n : names)
    if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(n);
  std::string out = unique.size() == 1 ? ": " : "s: ";
  for (size_t i = 0; i < unique.size(); ++i) out += (i ? ", `" : "`") + unique[i] + "`";
  return out;
}

bool is_wheel_source(const lock::Package& p) {
  return p.source.kind == lock::SourceKind::kUrl || p.source.kind == lock::SourceKind::kPath;
}

}  // namespace

std::string distribution_filename(const lock::Distribution& d) {
  // Index URLs spell `+` in local versions `%2B`.
  if (d.kind == lock::FileKind::kUrl) return index::url_filename(d.location);
  std::string_view text = d.location;
  if (d.kind != lock::FileKind::kFilename) {
    size_t slash = text.find_last_of("/\\");
    if (slash != std::string_view::npos) text = text.substr(slash + 1);
  }
  return index::percent_decode(text);
}

FileChooser::FileChooser(const InstallTarget& target, const pep508::MarkerEnvironment& env,
                         std::span<const tags::Tag> compatible_tags)
    : target_(target), env_(env), ranking_(compatible_tags) {
  for (const tags::Tag& tag : compatible_tags) {
    interpreters_.insert(tag.interpreter());
    interpreter_abis_.insert({tag.interpreter(), tag.abi()});
    if (best_interpreter_.empty()) best_interpreter_ = tag.interpreter();
    // uv names the platform by its manylinux / musllinux tag rather than `linux_<arch>`.
    bool generic = tag.platform() == "any" || tag.platform().rfind("linux_", 0) == 0;
    if (best_platform_.empty() && !generic) best_platform_ = tag.platform();
  }
  if (best_platform_.empty() && !compatible_tags.empty())
    best_platform_ = compatible_tags.front().platform();
}

Result<std::optional<size_t>> FileChooser::best_wheel(const lock::Package& p) const {
  std::optional<size_t> best;
  uint32_t best_rank = 0;
  for (size_t i = 0; i < p.wheels.size(); ++i) {
    std::string filename = distribution_filename(p.wheels[i]);
    Result<tags::WheelFilename> wheel = tags::WheelFilename::parse(filename);
    if (!wheel)
      return std::move(wheel).error().with_context("while reading the wheels of `" + package_id(p) +
                                                   "` in the lock");
    std::optional<uint32_t> rank = ranking_.best_rank(wheel->tags);
    // The first of equally ranked wheels wins, as in uv's find_best_wheel.
    if (rank && (!best || *rank < best_rank)) {
      best = i;
      best_rank = *rank;
    }
  }
  return best;
}

Result<InstallItem> FileChooser::item(const lock::Package& p) const {
  InstallItem item{.name = p.name, .version = p.version, .source = p.source};
  switch (p.source.kind) {
    case lock::SourceKind::kEditable:
    case lock::SourceKind::kDirectory:
      item.kind = p.source.kind == lock::SourceKind::kEditable ? InstallItem::Kind::kEditable
                                                               : InstallItem::Kind::kDirectory;
      item.source_tree = (target_.workspace_root / p.source.location).lexically_normal();
      if (item.source_tree.filename().empty()) item.source_tree = item.source_tree.parent_path();
      return item;
    case lock::SourceKind::kGit:
      item.kind = InstallItem::Kind::kGit;
      return item;
    case lock::SourceKind::kVirtual:
      return make_error(ErrorKind::kInternal, "virtual package `" + p.name + "` is not installed");
    default:
      break;
  }
  ROOST_TRY(std::optional<size_t> wheel, best_wheel(p));
  if (wheel) {
    item.kind = p.source.kind == lock::SourceKind::kUrl    ? InstallItem::Kind::kUrlWheel
                : p.source.kind == lock::SourceKind::kPath ? InstallItem::Kind::kPathWheel
                                                           : InstallItem::Kind::kRegistryWheel;
    item.file = p.wheels[*wheel];
    return item;
  }
  // A direct URL or a local file is one archive: a wheel that does not fit is not replaced by
  // an sdist.
  if (is_wheel_source(p) && !p.wheels.empty())
    return make_error(ErrorKind::kNotFound,
                      "Distribution `" + package_id(p) + "` can't be installed because the " +
                          "binary distribution is incompatible with the current platform")
        .with_hint(incompatible_hint(p));
  if (p.sdist || is_wheel_source(p)) {
    item.kind = InstallItem::Kind::kSdist;
    item.file = p.sdist;
    return item;
  }
  Error error(ErrorKind::kNotFound, "Distribution `" + package_id(p) + "` can't be installed " +
                                        "because it doesn't have a source distribution or " +
                                        "wheel for the current platform");
  if (p.wheels.empty()) return error;
  return std::move(error).with_hint(incompatible_hint(p));
}

// uv's hints (uv-platform-tags Tags::compatibility): each wheel gets as far as its tags allow
// (a known Python tag, then a known ABI for it, then a known platform), and the hint is about
// the furthest any wheel got.
std::string FileChooser::incompatible_hint(const lock::Package& p) const {
  enum Stage { kPython, kAbi, kPlatform };
  int furthest = kPython;
  std::vector<std::string> platforms, interpreters, abis;
  for (const lock::Distribution& d : p.wheels) {
    Result<tags::WheelFilename> wheel = tags::WheelFilename::parse(distribution_filename(d));
    if (!wheel) continue;
    const tags::TagSet& set = wheel->tags;
    platforms.insert(platforms.end(), set.platforms().begin(), set.platforms().end());
    interpreters.insert(interpreters.end(), set.interpreters().begin(), set.interpreters().end());
    abis.insert(abis.end(), set.abis().begin(), set.abis().end());
    for (const tags::Tag& tag : set.expand()) {
      if (interpreter_abis_.count({tag.interpreter(), tag.abi()}))
        furthest = kPlatform;
      else if (interpreters_.count(tag.interpreter()))
        furthest = std::max<int>(furthest, kAbi);
    }
  }
  std::string what = "`" + p.name + "` (v" + p.version + ")";
  if (furthest == kPlatform) {
    std::string system = value_of(env_, "platform_system");
    if (system == "Darwin") system = "macOS";
    if (system.empty()) system = value_of(env_, "sys_platform");
    return "You're on " + system + " (`" + best_platform_ + "`), but " + what +
           " only has wheels for the following platform" + listed(platforms) +
           "; consider adding your platform to `tool.uv.required-environments` to ensure uv "
           "resolves to a version with compatible wheels";
  }
  std::string python = value_of(env_, "platform_python_implementation") + " " +
                       value_of(env_, "python_version") + " (`" + best_interpreter_ + "`)";
  if (furthest == kAbi)
    return "You're using " + python + ", but " + what +
           " only has wheels with the following Python ABI tag" + listed(abis);
  return "You're using " + python + ", but " + what +
         " only has wheels with the following Python implementation tag" + listed(interpreters);
}

}  // namespace roost::project::install_detail
