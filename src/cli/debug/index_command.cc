#include "cli/debug/index_command.h"

#include <string>

#include "cache/cache.h"
#include "cli/app.h"
#include "cli/cache_dir.h"
#include "cli/project_discovery.h"
#include "index/curl_transport.h"
#include "index/file_transport.h"
#include "index/index_client.h"
#include "project/index_settings.h"
#include "tags/filename.h"

namespace roost::cli {
namespace {

// The version a filename carries, or "?" for a file that is neither a wheel nor an sdist.
std::string version_of(const std::string& filename) {
  if (auto wheel = tags::WheelFilename::parse(filename)) return wheel->version.to_string();
  if (auto sdist = tags::SdistFilename::parse(filename)) return sdist->version.to_string();
  return "?";
}

std::string_view source_name(index::PageSource source) {
  switch (source) {
    case index::PageSource::kNetwork:
      return "network";
    case index::PageSource::kCacheFresh:
      return "cache (fresh)";
    case index::PageSource::kCacheRevalidated:
      return "cache (revalidated)";
    case index::PageSource::kCacheOffline:
      return "cache (offline)";
    case index::PageSource::kFindLinks:
      return "find-links";
  }
  return "?";
}

std::string_view metadata_source_name(index::MetadataSource source) {
  switch (source) {
    case index::MetadataSource::kPep658:
      return "pep658";
    case index::MetadataSource::kRangeRequests:
      return "range requests";
    case index::MetadataSource::kWholeFile:
      return "whole file";
    case index::MetadataSource::kCache:
      return "cache";
  }
  return "?";
}

std::string describe_file(const index::FoundFile& found) {
  const index::DistributionFile& f = found.file;
  std::string line = version_of(f.filename) + "  " + f.filename;
  line += "  requires-python=" + f.requires_python.value_or("-");
  auto sha = f.hashes.find("sha256");
  line += "  sha256=" + (sha == f.hashes.end() ? std::string("-") : sha->second);
  line += f.core_metadata.available ? "  metadata=pep658" : "  metadata=none";
  if (f.yanked) line += "  yanked" + (f.yanked->empty() ? "" : "=\"" + *f.yanked + "\"");
  line += "  index=" + found.index_url;
  return line;
}

}  // namespace

int debug_index_command(Output& output, const GlobalOptions& globals,
                        const IndexCommandOptions& options) {
  std::vector<pep508::PackageName> names;
  for (const std::string& written : options.names) {
    Result<pep508::PackageName> name = pep508::PackageName::parse(written);
    if (!name) return output.error(name.error()), kExitError;
    names.push_back(std::move(name).value());
  }

  // The project's [[tool.uv.index]] and pins apply when there is a project; outside any, the
  // flags alone do (a malformed pyproject.toml is still an error).
  std::optional<workspace::Workspace> ws;
  Result<workspace::Workspace> discovered = discover_for_command(globals, output);
  if (discovered) {
    ws = std::move(discovered).value();
  } else if (discovered.error().kind() != ErrorKind::kNotFound || !globals.project.empty()) {
    return output.error(discovered.error()), kExitError;
  }
  const workspace::Member* project = ws ? current_project(*ws) : nullptr;
  Result<std::unique_ptr<IndexSession>> session = IndexSession::open(
      options.index, discovery_options(globals).start, ws ? &*ws : nullptr, project);
  if (!session) return output.error(session.error()), kExitError;
  std::vector<index::ProjectQuery> queries;
  for (const pep508::PackageName& name : names) {
    for (index::ProjectQuery& q : project::queries_for(ws ? &*ws : nullptr, project, name))
      queries.push_back(std::move(q));
  }

  index::IndexClient& client = (*session)->client();

  // Every project's pages in one batch per index, then every file's metadata in one batch.
  std::vector<Result<index::ProjectFiles>> found = client.find_projects(queries);
  int failures = 0;
  std::vector<const index::FoundFile*> files;
  for (size_t i = 0; i < found.size(); ++i) {
    if (!found[i]) {
      output.error(found[i].error());
      ++failures;
      continue;
    }
    for (const index::PageInfo& page : found[i]->pages) {
      output.info(page.page_url + ": " + (page.found ? "found" : "not found") + " (" +
                  std::string(source_name(page.source)) + ")\n");
    }
    if (found[i]->files.empty()) {
      output.info("no distributions of " + queries[i].name.str() +
                  (queries[i].pinned_index ? " on index `" + *queries[i].pinned_index + "`" : "") +
                  " found\n");
    }
    for (const index::FoundFile& f : found[i]->files) files.push_back(&f);
  }

  // --metadata: PEP 658 files, and wheels read with range requests; sdists need a build.
  std::vector<std::optional<size_t>> metadata_slot(files.size());
  std::vector<index::DistributionFile> wanted;
  if (options.metadata) {
    for (size_t i = 0; i < files.size(); ++i) {
      const index::DistributionFile& f = files[i]->file;
      bool wheel = f.filename.size() > 4 && f.filename.ends_with(".whl");
      if (!f.core_metadata.available && !wheel) continue;
      metadata_slot[i] = wanted.size();
      wanted.push_back(f);
    }
  }
  std::vector<Result<index::CoreMetadataText>> metadata =
      client.fetch_core_metadata_all_with_source(wanted);

  std::string text;
  for (size_t i = 0; i < files.size(); ++i) {
    text += describe_file(*files[i]);
    if (metadata_slot[i]) {
      const Result<index::CoreMetadataText>& m = metadata[*metadata_slot[i]];
      if (m) {
        text += "  metadata-bytes=" + std::to_string(m->text.size()) + " (" +
                std::string(metadata_source_name(m->source)) + ")";
      } else {
        output.error(m.error());
        ++failures;
      }
    }
    text += "\n";
  }
  output.out(text);
  return failures == 0 ? kExitOk : kExitError;
}

}  // namespace roost::cli
