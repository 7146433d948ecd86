// Where the resolver learns which versions of a package exist and what each depends on. The
// index-backed implementation (index_source.h) fetches pages and metadata in batches; tests use
// an in-memory one.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "index/project_page.h"
#include "metadata/core_metadata.h"
#include "pep440/specifier.h"
#include "pep440/version.h"
#include "pep508/names.h"
#include "tags/filename.h"

namespace roost::resolve::python {

struct WheelFile {
  index::DistributionFile file;
  tags::WheelFilename name;
};

// One version of a registry package, with its files.
struct Candidate {
  pep440::Version version = pep440::Version::from_release({0});
  std::vector<WheelFile> wheels;
  std::optional<index::DistributionFile> sdist;
  bool yanked = false;  // every file of the version is yanked
  // Requires-Python as the index states it (data-requires-python of the version's files).
  std::optional<pep440::SpecifierSet> requires_python;
  std::string requires_python_text;
};

struct CandidateList {
  pep508::PackageName name;
  std::string index_url;              // the index whose files these are
  std::vector<Candidate> candidates;  // ascending by version
};

class PackageSource {
 public:
  virtual ~PackageSource() = default;
  // A hint: these packages will be asked for soon (an index fetches their pages in one batch).
  virtual void prefetch_versions(const std::vector<pep508::PackageName>& names) { (void)names; }
  // The versions of `name`; an unknown package is an empty list, not an error.
  virtual Result<const CandidateList*> versions(const pep508::PackageName& name) = 0;
  // A hint: these candidates' metadata will be asked for soon.
  virtual void prefetch_metadata(
      const std::vector<std::pair<const CandidateList*, const Candidate*>>& wanted) {
    (void)wanted;
  }
  // The core metadata of one candidate. nullopt when no file offers it without a build (an sdist
  // without PEP 658 metadata).
  virtual Result<std::optional<const metadata::CoreMetadata*>> metadata(
      const CandidateList& list, const Candidate& candidate) = 0;
  // How many pages / metadata texts were read (for stats).
  virtual size_t pages_read() const { return 0; }
  virtual size_t metadata_read() const { return 0; }
};

// Groups an index's files by version (unparseable file names are skipped); ascending.
std::vector<Candidate> candidates_from_files(const pep508::PackageName& name,
                                             const std::vector<index::DistributionFile>& files);

}  // namespace roost::resolve::python
