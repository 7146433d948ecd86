// Declared metadata in place of the index's (see declared_metadata.h).
#include "resolve/python/declared_metadata.h"

namespace roost::resolve::python {

DeclaredMetadataSource::DeclaredMetadataSource(PackageSource& inner,
                                               std::vector<DeclaredMetadata> declared)
    : ForwardingSource(inner), declared_(std::move(declared)) {
  for (DeclaredMetadata& d : declared_) {  // as written in pyproject.toml: normalised here
    if (Result<pep508::PackageName> name = pep508::PackageName::parse(d.name); name.ok()) {
      d.name = name->str();
    }
  }
}

DeclaredMetadataSource::~DeclaredMetadataSource() = default;

const DeclaredMetadata* DeclaredMetadataSource::declared_for(const pep508::PackageName& name,
                                                             const pep440::Version& version) const {
  const DeclaredMetadata* any_version = nullptr;
  for (const DeclaredMetadata& d : declared_) {
    if (d.name != name.str()) continue;
    if (d.version.empty()) {
      any_version = &d;
      continue;
    }
    Result<pep440::Version> v = pep440::Version::parse(d.version);
    if (v.ok() && *v == version) return &d;
  }
  return any_version;
}

void DeclaredMetadataSource::prefetch_metadata(
    const std::vector<std::pair<const CandidateList*, const Candidate*>>& wanted) {
  std::vector<std::pair<const CandidateList*, const Candidate*>> rest;
  for (const auto& w : wanted) {
    if (!declared_for(w.first->name, w.second->version)) rest.push_back(w);
  }
  inner_.prefetch_metadata(rest);
}

Result<std::optional<const metadata::CoreMetadata*>> DeclaredMetadataSource::metadata(
    const CandidateList& list, const Candidate& candidate) {
  const DeclaredMetadata* d = declared_for(list.name, candidate.version);
  if (d == nullptr) return inner_.metadata(list, candidate);
  auto key = std::make_pair(list.name.str(), candidate.version.to_string());
  auto found = made_.find(key);
  if (found == made_.end()) {
    std::string text = "Metadata-Version: 2.2\nName: " + list.name.str() +
                       "\nVersion: " + candidate.version.to_string() + "\n";
    if (!d->requires_python.empty()) text += "Requires-Python: " + d->requires_python + "\n";
    for (const std::string& r : d->requires_dist) text += "Requires-Dist: " + r + "\n";
    for (const std::string& e : d->provides_extras) text += "Provides-Extra: " + e + "\n";
    ROOST_TRY(metadata::CoreMetadata md,
              metadata::CoreMetadata::parse(
                  text, "the dependency-metadata declared for `" + list.name.str() + "`"));
    found = made_.emplace(key, std::make_unique<metadata::CoreMetadata>(std::move(md))).first;
  }
  return std::optional<const metadata::CoreMetadata*>(found->second.get());
}

}  // namespace roost::resolve::python
