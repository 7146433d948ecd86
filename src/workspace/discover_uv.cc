// uv's workspace discovery (../shared/reference/uv.md §1.2-1.4): find the nearest pyproject.toml,
// decide the root, expand the member globs, and raise uv's structural errors with uv's texts.
#include <algorithm>
#include <optional>
#include <system_error>
#include <unordered_set>

#include "base/fs.h"
#include "workspace/glob.h"
#include "workspace/internal.h"
#include "workspace/member_filter.h"
#include "workspace/member_reader.h"
#include "workspace/workspace.h"

namespace roost::workspace {
namespace {

namespace fs = std::filesystem;
using pyproject::PyProject;

Error usage(std::string message) {
  return make_error(ErrorKind::kUsage, std::move(message));
}

// One discovery: stops at the first problem, or (for `roost workspace check`) records every
// problem in `sink` and carries on past it where that still makes sense.
struct Run {
  std::vector<Error>* sink = nullptr;

  // Ok to continue (the error was recorded), or the error to return.
  Result<void> fail(Error error) const {
    if (!sink) return error;
    sink->push_back(std::move(error));
    return ok();
  }

  // The parsed file, or null when it is broken and the error was recorded.
  Result<std::shared_ptr<const PyProject>> load(const fs::path& dir) const {
    return take(read_pyproject_in(dir, sink != nullptr));
  }

  // Records a read's errors in order; null when the file is broken (collecting mode).
  Result<std::shared_ptr<const PyProject>> take(LoadedFile loaded) const {
    if (!sink && !loaded.errors.empty()) return std::move(loaded.errors.front());
    for (Error& e : loaded.errors) sink->push_back(std::move(e));
    return loaded.file;
  }
};

// Step 2 of §1.2: the first directory, from `start` upward, holding a pyproject.toml.
std::optional<fs::path> nearest_pyproject_dir(const fs::path& start) {
  for (fs::path dir = start;; dir = dir.parent_path()) {
    if (is_file(dir / "pyproject.toml")) return dir;
    if (dir == dir.root_path() || dir.parent_path() == dir) return std::nullopt;
  }
}

// Whether `project_dir` is a member of the workspace rooted at `root` (§1.2 step 5): some
// members glob matches it and no exclude glob does.
Result<bool> is_included(const fs::path& root, const pyproject::WorkspaceTable& table,
                         const fs::path& project_dir) {
  ROOST_TRY(MemberFilter filter, MemberFilter::create(root, table));
  return filter.matches_member(project_dir) && !filter.is_excluded(project_dir);
}

// §1.2 steps 4-5: the root for a project found at `dir`.
Result<fs::path> find_root(const Run& run, const fs::path& dir, const PyProject& nearest) {
  if (nearest.has_workspace() || !nearest.project) return dir;
  for (fs::path above = dir.parent_path(); above != dir;) {
    if (is_file(above / "pyproject.toml")) {
      // Only the first ancestor with a pyproject.toml is considered.
      ROOST_TRY(std::shared_ptr<const PyProject> candidate, run.load(above));
      if (candidate && candidate->has_workspace()) {
        ROOST_TRY(bool included, is_included(above, *candidate->tool_uv->workspace, dir));
        if (included) return above;
      }
      return dir;
    }
    if (above == above.root_path()) break;
    fs::path next = above.parent_path();
    if (next == above) break;
    above = next;
  }
  return dir;
}

// Built with append: GCC 12's -O3 raises a bogus -Wrestrict on "`" + std::string (PR 105651).
std::string quoted_path(const fs::path& p) {
  std::string out = "`";
  out.append(p.native()).push_back('`');
  return out;
}

Error missing_project_table(const fs::path& dir) {
  return usage("No `project` table found in: " + (dir / "pyproject.toml").string());
}

// The members found so far, each name once. Kept in a vector with a sorted index rather than a
// map: members usually arrive in name order (directory order), so the index grows at its end,
// and nothing is allocated per member.
struct MemberSet {
  std::vector<Member> members;      // in the order added
  std::vector<PackageFacts> facts;  // of each member
  std::vector<uint32_t> by_name;    // positions in `members`, sorted by name

  Result<void> add(const Run& run, Member member, const PackageFacts& member_facts) {
    auto it = by_name.end();
    if (!by_name.empty() && !(members[by_name.back()].name < member.name)) {
      it = std::lower_bound(
          by_name.begin(), by_name.end(), member.name,
          [&](uint32_t i, const pep508::PackageName& name) { return members[i].name < name; });
    }
    if (it != by_name.end() && members[*it].name == member.name) {
      return run.fail(usage("Two workspace members are both named `" + member.name.str() + "`: " +
                            quoted_path(members[*it].path) + " and " + quoted_path(member.path)));
    }
    by_name.insert(it, static_cast<uint32_t>(members.size()));
    members.push_back(std::move(member));  // moved: paths are costly to copy
    facts.push_back(member_facts);
    return ok();
  }

  void reserve(size_t count) {
    members.reserve(members.size() + count);
    facts.reserve(facts.size() + count);
    by_name.reserve(by_name.size() + count);
  }

  // The members sorted by name, and their facts in the same order.
  std::vector<Member> take_sorted(std::vector<PackageFacts>& sorted_facts) {
    bool in_order = true;  // the usual case: nothing to move
    for (size_t i = 0; i < by_name.size() && in_order; ++i) in_order = by_name[i] == i;
    if (in_order) {
      sorted_facts = std::move(facts);
      return std::move(members);
    }
    std::vector<Member> out;
    out.reserve(members.size());
    sorted_facts.reserve(members.size());
    for (uint32_t i : by_name) {
      out.push_back(std::move(members[i]));
      sorted_facts.push_back(facts[i]);
    }
    return out;
  }
};

// Whether the globs may give enough members to read them in parallel: a wildcard may match any
// number of directories.
bool may_be_large(const MemberFilter& filter) {
  if (filter.members().size() >= MemberReader::kParallelFrom) return true;
  for (const MemberGlob& glob : filter.members()) {
    if (glob.pattern.text().find_first_of("*?[") != std::string::npos) return true;
  }
  return false;
}

// §1.3: the root (when it is a project) plus every directory the members globs match.
Result<void> collect_members(const Run& run, const fs::path& root,
                             const std::shared_ptr<const PyProject>& root_file, MemberSet& set) {
  if (root_file->project) {
    ROOST_CHECK(set.add(run, Member{root_file->project->name, root, true, true, root_file},
                        PackageFacts::of(*root_file)));
  }
  if (!root_file->has_workspace()) return ok();
  const pyproject::WorkspaceTable& table = *root_file->tool_uv->workspace;
  Result<MemberFilter> made = MemberFilter::create(root, table);
  if (!made.ok()) return run.fail(std::move(made).error());
  const MemberFilter& filter = *made;
  // Made now, so that its helper threads are running once the globs are expanded (EarlyPool
  // says why that takes a while).
  MemberReader reader(may_be_large(filter));
  // Each path is processed once, even when several globs match it. One glob's expansion has
  // no duplicates, so then only the root needs excluding (and no set of a thousand strings).
  const bool several_globs = filter.members().size() > 1;
  std::unordered_set<std::string> seen;
  if (several_globs) seen.insert(root.native());
  // Pass 1, in glob order: the directories the globs give, each once.
  struct Candidate {
    fs::path dir;
    const MemberGlob* glob;
  };
  std::vector<Candidate> candidates;
  for (const MemberGlob& glob : filter.members()) {
    Result<std::vector<fs::path>> expanded = filter.expand(glob);
    if (!expanded.ok()) {
      ROOST_CHECK(run.fail(std::move(expanded).error()));
      continue;
    }
    // No file-system calls here: reading <dir>/pyproject.toml (pass 2) tells the rest.
    candidates.reserve(candidates.size() + expanded->size());
    for (fs::path& dir : *expanded) {
      if (several_globs ? !seen.insert(dir.native()).second : dir.native() == root.native()) {
        continue;
      }
      if (filter.is_excluded(dir)) continue;
      candidates.push_back({std::move(dir), &glob});
    }
  }
  set.reserve(candidates.size());
  // Pass 2: parse the member files, in parallel for large workspaces (TOML parsing dominates).
  std::vector<const fs::path*> dirs;
  dirs.reserve(candidates.size());
  for (const Candidate& c : candidates) dirs.push_back(&c.dir);
  std::vector<LoadedFile> loaded = reader.read_all(dirs, run.sink != nullptr);
  // Pass 3, in order again, so errors come out as a sequential walk would give them.
  for (size_t i = 0; i < candidates.size(); ++i) {
    Candidate& c = candidates[i];
    if (loaded[i].absent) {
      std::error_code ec;
      if (!fs::is_directory(c.dir, ec)) continue;  // files matched by a glob are ignored
      if (is_skippable_without_pyproject(c.dir)) continue;
      ROOST_CHECK(
          run.fail(usage("Workspace member " + quoted_path(c.dir) +
                         " is missing a `pyproject.toml` (matches: `" + c.glob->written + "`)")));
      continue;
    }
    std::optional<ModelFacts> facts = std::move(loaded[i].facts);
    ROOST_TRY(std::shared_ptr<const PyProject> file, run.take(std::move(loaded[i])));
    if (!file || !facts->managed) continue;
    if (!facts->name) {
      ROOST_CHECK(run.fail(missing_project_table(c.dir)));
      continue;
    }
    bool nested = facts->has_workspace;
    std::string nested_dir = nested ? c.dir.string() : std::string();
    // The name and path are moved: a candidate is not looked at again.
    ROOST_CHECK(set.add(run, Member{std::move(*facts->name), std::move(c.dir), false, true, file},
                        facts->package));
    if (nested) {
      ROOST_CHECK(
          run.fail(usage("Nested workspaces are not supported, but workspace member has a "
                         "`tool.uv.workspace` table: " +
                         nested_dir)));
    }
  }
  return ok();
}

// In collecting mode, discovery cannot go on past a broken root: the errors are in the sink
// already, and the last one is returned.
Error broken_file(const std::vector<Error>& sink) {
  return sink.back();
}

}  // namespace

Result<Workspace> discover_uv_workspace(const DiscoveryOptions& options) {
  return discover_uv_workspace_collecting(options, nullptr);
}

Result<Workspace> discover_uv_workspace_collecting(const DiscoveryOptions& options,
                                                   std::vector<Error>* sink) {
  Run run{sink};
  fs::path start = options.start.lexically_normal();
  if (options.from_project_flag) {
    std::error_code ec;
    if (is_file(start) && start.filename() == "pyproject.toml") start = start.parent_path();
    if (!fs::is_directory(start, ec)) {
      return make_error(ErrorKind::kNotFound,
                        "Project directory `" + options.start.string() + "` does not exist");
    }
  }
  std::optional<fs::path> nearest = nearest_pyproject_dir(start);
  if (!nearest) {
    return make_error(ErrorKind::kNotFound,
                      "No `pyproject.toml` found in current directory or any parent directory");
  }
  ROOST_TRY(std::shared_ptr<const PyProject> nearest_file, run.load(*nearest));
  if (!nearest_file) return broken_file(*sink);
  if (!nearest_file->is_managed()) {
    return usage("The project is marked as unmanaged: " + nearest->string());
  }
  ROOST_TRY(fs::path root, find_root(run, *nearest, *nearest_file));
  std::shared_ptr<const PyProject> root_file = nearest_file;
  if (root != *nearest) {
    ROOST_TRY(root_file, run.load(root));
    if (!root_file) return broken_file(*sink);
  }

  Workspace ws;
  ws.root = root;
  ws.root_pyproject = root_file;
  if (root_file->has_workspace()) {
    ws.kind = root_file->project ? WorkspaceKind::kExplicit : WorkspaceKind::kVirtual;
  } else if (root_file->project) {
    ws.kind = WorkspaceKind::kSingle;
  } else {
    return missing_project_table(root);
  }
  MemberSet set;
  ROOST_CHECK(collect_members(run, root, root_file, set));
  std::vector<PackageFacts> facts;
  ws.members = set.take_sorted(facts);
  mark_packages(ws, facts);
  // Paths are equal only if their last components are: checked first, as comparing a thousand
  // paths component by component showed.
  auto last_component = [](const fs::path& p) {
    std::string_view s = p.native();
    size_t slash = s.rfind('/');
    return slash == std::string_view::npos ? s : s.substr(slash + 1);
  };
  for (const Member& m : ws.members) {
    if (last_component(m.path) == last_component(*nearest) && *nearest == m.path) {
      ws.current = m.name;
    }
  }
  return ws;
}

}  // namespace roost::workspace
