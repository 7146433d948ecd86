// uv's workspace discovery (../shared/reference/uv.md §1.2-1.4): find the nearest pyproject.toml,
// decide the root, expand the member globs, and raise uv's structural errors with uv's texts.
#include <algorithm>
#include <atomic>
#include <map>
#include <system_error>
#include <thread>
#include <unordered_set>

#include "base/fs.h"
#include "workspace/glob.h"
#include "workspace/internal.h"
#include "workspace/member_filter.h"
#include "workspace/workspace.h"

namespace roost::workspace {
namespace {

namespace fs = std::filesystem;
using pyproject::PyProject;

Error usage(std::string message) {
  return make_error(ErrorKind::kUsage, std::move(message));
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
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
    return take(read(dir, sink != nullptr));
  }

  // A file read (possibly on another thread): the model, or the errors that broke it.
  struct Loaded {
    bool absent = false;  // no pyproject.toml there (or `dir` is not a directory)
    std::shared_ptr<const PyProject> file;
    std::vector<Error> errors;
  };

  // One open() both probes for the file and reads it: discovery's cost is mostly system calls.
  static Loaded read(const fs::path& dir, bool collecting) {
    fs::path path = dir / "pyproject.toml";
    Loaded out;
    Result<std::optional<std::string>> text = read_file_if_exists(path);
    if (!text) {
      out.errors.push_back(std::move(text).error());
      return out;
    }
    if (!text->has_value()) {
      out.absent = true;
      return out;
    }
    if (!collecting) {
      Result<PyProject> p = pyproject::parse_pyproject(**text, path.native());
      if (p.ok())
        out.file = std::make_shared<const PyProject>(std::move(p).value());
      else
        out.errors.push_back(std::move(p).error());
      return out;
    }
    pyproject::PyProjectCheck check = pyproject::check_pyproject(**text, path.native());
    // A file with errors is not used further: its partial model would only add noise.
    if (check.pyproject && check.errors.empty()) {
      out.file = std::make_shared<const PyProject>(std::move(*check.pyproject));
    }
    out.errors = std::move(check.errors);
    if (!out.file && out.errors.empty()) {
      out.errors.push_back(make_error(ErrorKind::kParse, "cannot read " + path.string()));
    }
    return out;
  }

  // Records a read's errors in order; null when the file is broken (collecting mode).
  Result<std::shared_ptr<const PyProject>> take(Loaded loaded) const {
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

struct MemberSet {
  std::map<pep508::PackageName, Member> by_name;

  Result<void> add(const Run& run, Member member) {
    auto it = by_name.find(member.name);
    if (it != by_name.end()) {
      return run.fail(usage("Two workspace members are both named `" + member.name.str() + "`: " +
                            quoted_path(it->second.path) + " and " + quoted_path(member.path)));
    }
    pep508::PackageName name = member.name;
    by_name.emplace(std::move(name), std::move(member));  // moved: paths are costly to copy
    return ok();
  }
};

// Reads the pyproject.toml of every candidate (Loaded::absent where there is none).
template <typename Candidate>
std::vector<Run::Loaded> read_all(const std::vector<Candidate>& candidates, bool collecting) {
  std::vector<Run::Loaded> out(candidates.size());
  // Below this, starting threads costs more than it saves.
  constexpr size_t kParallelFrom = 32;
  size_t threads = std::min<size_t>(std::thread::hardware_concurrency(), 8);
  if (candidates.size() < kParallelFrom || threads < 2) {
    for (size_t i = 0; i < candidates.size(); ++i) {
      out[i] = Run::read(candidates[i].dir, collecting);
    }
    return out;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < candidates.size(); i = next++) {
      out[i] = Run::read(candidates[i].dir, collecting);
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return out;
}

// §1.3: the root (when it is a project) plus every directory the members globs match.
Result<void> collect_members(const Run& run, const fs::path& root, const PyProject& root_file,
                             MemberSet& set) {
  if (root_file.project) {
    ROOST_CHECK(set.add(run, Member{root_file.project->name, root, true, true,
                                    std::make_shared<const PyProject>(root_file)}));
  }
  if (!root_file.has_workspace()) return ok();
  const pyproject::WorkspaceTable& table = *root_file.tool_uv->workspace;
  Result<MemberFilter> made = MemberFilter::create(root, table);
  if (!made.ok()) return run.fail(std::move(made).error());
  const MemberFilter& filter = *made;
  // Each path is processed once, even when several globs match it.
  std::unordered_set<std::string> seen{root.native()};
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
    for (const fs::path& dir : *expanded) {
      if (!seen.insert(dir.native()).second) continue;
      if (filter.is_excluded(dir)) continue;
      candidates.push_back({dir, &glob});
    }
  }
  // Pass 2: parse the member files, in parallel for large workspaces (TOML parsing dominates).
  std::vector<Run::Loaded> loaded = read_all(candidates, run.sink != nullptr);
  // Pass 3, in order again, so errors come out as a sequential walk would give them.
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (loaded[i].absent) {
      std::error_code ec;
      if (!fs::is_directory(c.dir, ec)) continue;  // files matched by a glob are ignored
      if (is_skippable_without_pyproject(c.dir)) continue;
      ROOST_CHECK(
          run.fail(usage("Workspace member " + quoted_path(c.dir) +
                         " is missing a `pyproject.toml` (matches: `" + c.glob->written + "`)")));
      continue;
    }
    ROOST_TRY(std::shared_ptr<const PyProject> file, run.take(std::move(loaded[i])));
    if (!file || !file->is_managed()) continue;
    if (!file->project) {
      ROOST_CHECK(run.fail(missing_project_table(c.dir)));
      continue;
    }
    ROOST_CHECK(set.add(run, Member{file->project->name, c.dir, false, true, file}));
    if (file->has_workspace()) {
      ROOST_CHECK(
          run.fail(usage("Nested workspaces are not supported, but workspace member has a "
                         "`tool.uv.workspace` table: " +
                         c.dir.string())));
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
  ROOST_CHECK(collect_members(run, root, *root_file, set));
  ws.members.reserve(set.by_name.size());
  for (auto& [name, member] : set.by_name) ws.members.push_back(std::move(member));
  mark_packages(ws);
  for (const Member& m : ws.members) {
    if (*nearest == m.path) ws.current = m.name;
  }
  return ws;
}

}  // namespace roost::workspace
