// Scanning site-packages for installed distributions (see installed.h).
#include "install/installed.h"

#include <sys/stat.h>

#include <algorithm>

#include "base/fs.h"
#include "install/wheel_layout.h"

namespace roost::install {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSuffix = ".dist-info";

struct Identity {
  pep508::PackageName name;
  pep440::Version version;
};

std::optional<Identity> identity_from_dir_name(std::string_view stem) {
  const size_t dash = stem.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto name = pep508::PackageName::parse(stem.substr(0, dash));
  auto version = pep440::Version::parse(stem.substr(dash + 1));
  if (!name || !version) return std::nullopt;
  return Identity{std::move(*name), std::move(*version)};
}

Result<Identity> identity_from_metadata(const fs::path& dir) {
  const fs::path path = dir / "METADATA";
  ROOST_TRY(std::string text, read_file(path));
  ROOST_TRY(NameAndVersion fields, read_name_and_version(text, path.string()));
  ROOST_TRY(pep508::PackageName name, pep508::PackageName::parse(fields.name));
  ROOST_TRY(pep440::Version version, pep440::Version::parse(fields.version));
  return Identity{std::move(name), std::move(version)};
}

std::string first_line(std::string_view text) {
  std::string_view line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  return std::string(line);
}

}  // namespace

Result<SiteScan> scan_site_packages(const fs::path& site_packages) {
  SiteScan scan;
  std::error_code ec;
  fs::directory_iterator it(site_packages, ec);
  if (ec == std::errc::no_such_file_or_directory) return scan;
  for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
    const fs::path& dir = it->path();
    const std::string name = dir.filename().string();
    if (name.size() <= kSuffix.size() ||
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
      continue;
    }
    std::error_code type_ec;
    if (!it->is_directory(type_ec)) continue;
    std::optional<Identity> identity =
        identity_from_dir_name(std::string_view(name).substr(0, name.size() - kSuffix.size()));
    if (!identity) {
      auto from_metadata = identity_from_metadata(dir);
      if (!from_metadata) {
        scan.warnings.push_back("skipping " + dir.string() +
                                ": no name and version in its "
                                "directory name or METADATA (" +
                                from_metadata.error().message() + ")");
        continue;
      }
      identity = std::move(*from_metadata);
    }
    InstalledDistribution dist{std::move(identity->name), std::move(identity->version), dir};
    ROOST_TRY(std::optional<std::string> installer, read_file_if_exists(dir / "INSTALLER"));
    if (installer) dist.installer = first_line(*installer);
    ROOST_TRY(std::optional<std::string> direct_url, read_file_if_exists(dir / "direct_url.json"));
    if (direct_url) {
      auto parsed = metadata::DirectUrl::parse(*direct_url, (dir / "direct_url.json").string());
      if (parsed) {
        dist.direct_url = std::move(*parsed);
      } else {
        scan.warnings.push_back("ignoring " + parsed.error().message());
      }
    }
    struct stat st {};
    dist.requested = ::stat((dir / "REQUESTED").c_str(), &st) == 0;
    dist.has_record = ::stat((dir / "RECORD").c_str(), &st) == 0;
    scan.dists.push_back(std::move(dist));
  }
  if (ec) {
    return make_error(ErrorKind::kIo,
                      "cannot list " + site_packages.string() + ": " + ec.message());
  }
  std::sort(scan.dists.begin(), scan.dists.end(),
            [](const InstalledDistribution& a, const InstalledDistribution& b) {
              if (a.name != b.name) return a.name < b.name;
              return a.version < b.version;
            });
  return scan;
}

}  // namespace roost::install
