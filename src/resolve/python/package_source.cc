#include "resolve/python/package_source.h"

#include <algorithm>
#include <map>

namespace roost::resolve::python {

std::vector<Candidate> candidates_from_files(const pep508::PackageName& name,
                                             const std::vector<index::DistributionFile>& files) {
  std::map<pep440::Version, Candidate> by_version;
  std::map<pep440::Version, size_t> yanked_files, all_files;
  for (const index::DistributionFile& f : files) {
    std::optional<pep440::Version> version;
    std::optional<tags::WheelFilename> wheel;
    if (f.filename.ends_with(".whl")) {
      auto parsed = tags::WheelFilename::parse(f.filename);
      if (!parsed.ok() || parsed->name != name.str()) continue;
      version = parsed->version;
      wheel = std::move(*parsed);
    } else {
      auto parsed = tags::SdistFilename::parse(f.filename);
      if (!parsed.ok() || parsed->name != name.str()) continue;
      version = parsed->version;
    }
    Candidate& c = by_version[*version];
    c.version = *version;
    ++all_files[*version];
    if (f.yanked) ++yanked_files[*version];
    if (f.requires_python && !c.requires_python) {
      auto spec = pep440::SpecifierSet::parse(*f.requires_python);
      if (spec.ok()) {
        c.requires_python = std::move(*spec);
        c.requires_python_text = *f.requires_python;
      }
    }
    if (wheel) {
      c.wheels.push_back(WheelFile{f, std::move(*wheel)});
    } else if (!c.sdist) {
      c.sdist = f;
    }
  }
  std::vector<Candidate> out;
  for (auto& [v, c] : by_version) {
    c.yanked = yanked_files[v] == all_files[v];
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace roost::resolve::python
