#include "resolve/python/index_source.h"

namespace roost::resolve::python {

const index::DistributionFile* metadata_file(const Candidate& candidate) {
  if (!candidate.wheels.empty()) return &candidate.wheels.front().file;
  if (candidate.sdist && candidate.sdist->core_metadata.available) return &*candidate.sdist;
  return nullptr;
}

void IndexPackageSource::prefetch_versions(const std::vector<pep508::PackageName>& names) {
  std::vector<index::ProjectQuery> queries;
  for (const pep508::PackageName& n : names) {
    if (lists_.count(n.str())) continue;
    index::ProjectQuery q{n, std::nullopt};
    auto pin = pins_.find(n.str());
    if (pin != pins_.end()) q.pinned_index = pin->second;
    queries.push_back(std::move(q));
    lists_[n.str()];  // reserved: asked once even if named twice
  }
  if (queries.empty()) return;
  std::vector<Result<index::ProjectFiles>> found = client_.find_projects(queries);
  for (size_t i = 0; i < queries.size(); ++i) {
    Entry& e = lists_[queries[i].name.str()];
    if (!found[i].ok()) {
      e.error = found[i].error();
      continue;
    }
    pages_ += found[i]->pages.size();
    auto list = std::make_unique<CandidateList>(CandidateList{queries[i].name, {}, {}});
    std::vector<index::DistributionFile> files;
    for (index::FoundFile& f : found[i]->files) {
      if (list->index_url.empty()) list->index_url = f.index_url;
      files.push_back(std::move(f.file));
    }
    if (list->index_url.empty()) {
      for (const index::PageInfo& page : found[i]->pages) {
        if (page.found && list->index_url.empty()) list->index_url = page.index_url;
      }
    }
    list->candidates = candidates_from_files(queries[i].name, files);
    e.list = std::move(list);
  }
}

Result<const CandidateList*> IndexPackageSource::versions(const pep508::PackageName& name) {
  auto found = lists_.find(name.str());
  if (found == lists_.end()) {
    prefetch_versions({name});
    found = lists_.find(name.str());
  }
  if (found->second.error) return *found->second.error;
  return found->second.list.get();
}

void IndexPackageSource::prefetch_metadata(
    const std::vector<std::pair<const CandidateList*, const Candidate*>>& wanted) {
  std::vector<index::DistributionFile> files;
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& [list, candidate] : wanted) {
    std::pair<std::string, std::string> key{list->name.str(), candidate->version.to_string()};
    if (metadata_.count(key)) continue;
    const index::DistributionFile* file = metadata_file(*candidate);
    if (!file) {
      // Nothing to read without a build: left to metadata(), which asks only when needed.
      if (!sdist_metadata_ || !candidate->sdist) metadata_[key];
      continue;
    }
    files.push_back(*file);
    keys.push_back(key);
    metadata_[key];
  }
  if (files.empty()) return;
  std::vector<Result<std::string>> texts = client_.fetch_core_metadata_all(files);
  for (size_t i = 0; i < files.size(); ++i) {
    MetadataEntry& e = metadata_[keys[i]];
    if (!texts[i].ok()) {
      e.error = texts[i].error();
      continue;
    }
    ++metadata_count_;
    Result<metadata::CoreMetadata> parsed =
        metadata::CoreMetadata::parse(*texts[i], files[i].filename + " (METADATA)");
    if (!parsed.ok()) {
      e.error = parsed.error();
      continue;
    }
    e.metadata = std::make_unique<metadata::CoreMetadata>(std::move(*parsed));
  }
}

Result<std::optional<const metadata::CoreMetadata*>> IndexPackageSource::metadata(
    const CandidateList& list, const Candidate& candidate) {
  std::pair<std::string, std::string> key{list.name.str(), candidate.version.to_string()};
  if (!metadata_.count(key)) prefetch_metadata({{&list, &candidate}});
  if (!metadata_.count(key)) {
    // An sdist without served metadata (prefetch left it): its PKG-INFO or a build.
    MetadataEntry& built = metadata_[key];
    Result<std::string> text = sdist_metadata_(*candidate.sdist);
    Result<metadata::CoreMetadata> parsed =
        text ? metadata::CoreMetadata::parse(*text, candidate.sdist->filename + " (metadata)")
             : Result<metadata::CoreMetadata>(text.error());
    if (parsed) {
      ++metadata_count_;
      built.metadata = std::make_unique<metadata::CoreMetadata>(std::move(*parsed));
    } else {
      built.error = parsed.error();
    }
  }
  const MetadataEntry& e = metadata_.at(key);
  if (e.error) return *e.error;
  if (!e.metadata) return std::optional<const metadata::CoreMetadata*>();
  return std::optional<const metadata::CoreMetadata*>(e.metadata.get());
}

}  // namespace roost::resolve::python
