// uv's `[[tool.uv.dependency-metadata]]`: a package's metadata as the workspace declares it
// (its requirements, Requires-Python and extras, for one version or for every version), used
// instead of what the index or a build would tell: how uv users lock packages whose metadata is
// wrong or can only be had from a build.
//
//   DeclaredMetadataSource source(index_source, {{.name = "chumpy", .requires_dist = {"numpy"}}});
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "resolve/python/forwarding_source.h"

namespace roost::resolve::python {

struct DeclaredMetadata {
  std::string name;
  std::string version;  // "" = every version
  std::vector<std::string> requires_dist;
  std::string requires_python;
  std::vector<std::string> provides_extras;
};

class DeclaredMetadataSource : public ForwardingSource {
 public:
  DeclaredMetadataSource(PackageSource& inner, std::vector<DeclaredMetadata> declared);
  ~DeclaredMetadataSource() override;

  // Declared packages' metadata is not fetched at all.
  void prefetch_metadata(
      const std::vector<std::pair<const CandidateList*, const Candidate*>>& wanted) override;
  Result<std::optional<const metadata::CoreMetadata*>> metadata(
      const CandidateList& list, const Candidate& candidate) override;

 private:
  const DeclaredMetadata* declared_for(const pep508::PackageName& name,
                                       const pep440::Version& version) const;

  std::vector<DeclaredMetadata> declared_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<metadata::CoreMetadata>> made_;
};

}  // namespace roost::resolve::python
