// The PackageSource of real resolutions: project pages and core metadata from the configured
// indexes through an IndexClient, asked for in batches (every page the solver will soon need in
// one round, the likely candidates' metadata in the next) and kept for the whole resolution.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "index/index_client.h"
#include "resolve/python/package_source.h"

namespace roost::resolve::python {

class IndexPackageSource final : public PackageSource {
 public:
  // `pins`: package name -> the [[tool.uv.index]] name it must come from.
  explicit IndexPackageSource(index::IndexClient& client,
                              std::map<std::string, std::string> pins = {})
      : client_(client), pins_(std::move(pins)) {}

  void prefetch_versions(const std::vector<pep508::PackageName>& names) override;
  Result<const CandidateList*> versions(const pep508::PackageName& name) override;
  void prefetch_metadata(
      const std::vector<std::pair<const CandidateList*, const Candidate*>>& wanted) override;
  Result<std::optional<const metadata::CoreMetadata*>> metadata(
      const CandidateList& list, const Candidate& candidate) override;
  size_t pages_read() const override { return pages_; }

  // How the metadata of a version that has only an sdist without index-served metadata is
  // found (a PKG-INFO it can trust, or a build; the caller decides). Asked only when the solver
  // needs that version, never to prefetch. Unset: such versions are unavailable.
  using SdistMetadata = std::function<Result<std::string>(const index::DistributionFile& sdist)>;
  void set_sdist_metadata(SdistMetadata read) { sdist_metadata_ = std::move(read); }
  size_t metadata_read() const override { return metadata_count_; }

 private:
  struct Entry {
    std::unique_ptr<CandidateList> list;
    std::optional<Error> error;
  };
  struct MetadataEntry {
    std::unique_ptr<metadata::CoreMetadata> metadata;  // null: none without a build
    std::optional<Error> error;
  };
  index::IndexClient& client_;
  std::map<std::string, std::string> pins_;
  std::map<std::string, Entry> lists_;
  std::map<std::pair<std::string, std::string>, MetadataEntry> metadata_;
  size_t pages_ = 0, metadata_count_ = 0;
  SdistMetadata sdist_metadata_;
};

// The file whose core metadata stands for the candidate: a wheel (all wheels of a version are
// expected to agree), else an sdist the index serves metadata for; nullptr when none.
const index::DistributionFile* metadata_file(const Candidate& candidate);

}  // namespace roost::resolve::python
