// lower_workspace: every member's requires-dist, extras and groups lowered, the virtual root's
// groups, the workspace's requires-python and the root's manifest inputs (uv.md §1.5-1.6).
#include "project/lowering.h"

#include <algorithm>
#include <map>
#include <optional>
#include <system_error>
#include <tuple>

#include "project/index_settings.h"
#include "project/lowering_internal.h"
#include "project/requires_python.h"
#include "project/uv_marker.h"
#include "toml/parse.h"

namespace roost::project {
namespace {

namespace fs = std::filesystem;
using detail::LoweringContext;
using detail::Scope;
using pep508::Marker;
using pyproject::PyProject;

Error usage(std::string message) {
  return make_error(ErrorKind::kUsage, std::move(message));
}

// The extras in the order written, which uv keeps when it reads a pyproject's metadata itself.
// The model keeps them in a map; each extra's first requirement says where it was written, and
// only when an extra has none is the table's key order read back from the TOML.
std::vector<std::string> extras_in_order(const PyProject& p) {
  const auto& extras = p.project->optional_dependencies;
  std::vector<std::pair<pyproject::Location, std::string>> placed;
  bool all_placed = true;
  for (const auto& [name, deps] : extras) {
    if (deps.empty()) {
      all_placed = false;
      break;
    }
    placed.emplace_back(deps.front().location, name.str());
  }
  std::vector<std::string> out;
  if (all_placed) {
    std::stable_sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
    });
    for (auto& [location, name] : placed) out.push_back(std::move(name));
    return out;
  }
  for (const auto& [name, deps] : extras) out.push_back(name.str());
  Result<toml::Table> doc = toml::parse(p.source->text(), p.path());
  const toml::Value* table =
      doc.ok() ? doc->get_path({"project", "optional-dependencies"}) : nullptr;
  if (!table || !table->as_table()) return out;
  std::vector<std::string> ordered;
  for (const toml::Entry& e : *table->as_table()) {
    Result<pep508::ExtraName> name = pep508::ExtraName::parse(e.key);
    if (name.ok()) ordered.push_back(name->str());
  }
  return ordered.size() == out.size() ? ordered : out;
}

// uv's MetadataError texts for sources scoped to an extra or a group that does not list them.
Result<void> validate_scoped_sources(const PyProject& p, const pyproject::ResolvedGroups& groups) {
  if (!p.tool_uv) return ok();
  const pyproject::Project& project = *p.project;
  for (const auto& [name, entry] : p.tool_uv->sources) {
    const std::string n = name.str();
    for (const pyproject::Source& s : entry.sources) {
      auto fail = [&](std::string message) {
        return make_error(ErrorKind::kUsage, std::move(message))
            .with_span(p.source->span(s.location));
      };
      if (s.extra) {
        const std::string e = s.extra->str();
        const auto* deps = project.extra(*s.extra);
        std::string example =
            " When an extra is present on a source (e.g., `extra = \"" + e +
            "\"`), the relevant package must be included in the `project.optional-dependencies` "
            "section for that extra (e.g., `project.optional-dependencies = { \"" +
            e + "\" = [\"" + n + "\"] }`).";
        if (!deps) {
          return fail("Source entry for `" + n + "` only applies to extra `" + e + "`, but the `" +
                      e + "` extra does not exist." + example);
        }
        bool listed = std::any_of(deps->begin(), deps->end(), [&](const pyproject::Dependency& d) {
          return d.requirement.name == name;
        });
        if (!listed) {
          return fail(
              "Source entry for `" + n + "` only applies to extra `" + e + "`, but `" + n +
              "` was not found under the `project.optional-dependencies` section for that extra." +
              example);
        }
      }
      if (s.group) {
        const std::string g = s.group->str();
        std::string example =
            " When a group is present on a source (e.g., `group = \"" + g +
            "\"`), the relevant package must be included in the `dependency-groups` section for "
            "that extra (e.g., `dependency-groups = { \"" +
            g + "\" = [\"" + n + "\"] }`).";
        auto it = groups.find(*s.group);
        if (it == groups.end()) {
          return fail("Source entry for `" + n + "` only applies to dependency group `" + g +
                      "`, but the `" + g + "` group does not exist." + example);
        }
        bool listed =
            std::any_of(it->second.begin(), it->second.end(),
                        [&](const pyproject::Dependency& d) { return d.requirement.name == name; });
        if (!listed) {
          return fail("Source entry for `" + n + "` only applies to dependency group `" + g +
                      "`, but `" + n +
                      "` was not found under the `dependency-groups` section for that group." +
                      example);
        }
      }
    }
  }
  return ok();
}

// A group's `[tool.uv.dependency-groups] <g> = { requires-python }` as a marker (uv ands it
// into each of the group's requirements).
Marker group_python_marker(const PyProject& p, const pep508::GroupName& group) {
  if (!p.tool_uv) return Marker::always_true();
  auto it = p.tool_uv->group_settings.find(group);
  if (it == p.tool_uv->group_settings.end() || !it->second.requires_python)
    return Marker::always_true();
  Marker out = Marker::always_true();
  for (const pep440::Specifier& s : it->second.requires_python->clauses()) {
    Result<Marker> m =
        Marker::parse("python_full_version " + std::string(pep440::to_string(s.op())) + " '" +
                      s.version_text() + "'");
    if (m.ok()) out = out.and_(*m);
  }
  return out;
}

Result<LoweredGroups> lower_groups(const LoweringContext& ctx, const PyProject& p,
                                   const pep508::PackageName* project,
                                   const pyproject::ResolvedGroups& groups, bool detached) {
  LoweredGroups out;
  for (const auto& [group, deps] : groups) {
    Scope scope{.project = project, .file = &p, .group = group, .detached = detached};
    Marker python = group_python_marker(p, group);
    std::vector<LoweredRequirement> lowered;
    for (const pyproject::Dependency& dep : deps)
      ROOST_CHECK(detail::lower_requirement(ctx, scope, dep, python, &lowered));
    out.emplace_back(group.str(), std::move(lowered));
  }
  return out;
}

// `extra == '<name>'`, parsed once per name: workspaces repeat extra names across members.
Result<Marker> extra_condition(const LoweringContext& ctx, const std::string& extra) {
  auto it = ctx.extra_conditions.find(extra);
  if (it != ctx.extra_conditions.end()) return it->second;
  ROOST_TRY(Marker m, Marker::parse("extra == '" + extra + "'"));
  ctx.extra_conditions.emplace(extra, m);
  return m;
}

// uv lowers a member's requirements in the workspace it discovers from the member's own
// directory (uv.md §1.2): when the first pyproject.toml above the member is not the root's (a
// plain project in between, e.g. `examples/` above `examples/servers/x`, or a member outside the
// root), that is a workspace of its own: the root's sources and the other members do not apply.
bool detached_from_root(const fs::path& member, const fs::path& root) {
  if (member == root) return false;
  std::error_code ec;
  for (fs::path dir = member.parent_path();; dir = dir.parent_path()) {
    if (dir == root) return false;
    if (fs::is_regular_file(dir / "pyproject.toml", ec)) return true;
    if (dir == dir.root_path() || dir.parent_path() == dir) return true;
  }
}

Result<LoweredPackage> lower_member(const LoweringContext& ctx, const workspace::Member& m) {
  const PyProject& p = *m.pyproject;
  const pyproject::Project& project = *p.project;
  LoweredPackage out{m.name};
  out.directory = m.path;
  if (project.version && !project.is_dynamic("version")) out.version = project.version->to_string();
  const LoweringContext::MemberTarget* target = ctx.target(m.name);
  out.source.kind = target->kind;
  out.source.location = target->location;
  if (project.requires_python)
    out.requires_python = uv_specifiers_text(*project.requires_python, ", ");
  out.dynamic_requirements =
      project.is_dynamic("dependencies") || project.is_dynamic("optional-dependencies");
  // With a static version uv reads the metadata from pyproject.toml and keeps the order written;
  // with a dynamic one it builds the package, and the backends it was seen with (hatchling)
  // write extras sorted, in provides-extras and inside each requirement alike.
  bool built = project.is_dynamic("version");
  if (built) {
    for (const auto& [extra, deps] : project.optional_dependencies)
      out.provides_extras.push_back(extra.str());
  } else {
    out.provides_extras = extras_in_order(p);
  }

  ROOST_TRY(pyproject::ResolvedGroups groups, p.resolved_dependency_groups());
  ROOST_CHECK(validate_scoped_sources(p, groups));

  bool detached = detached_from_root(m.path, ctx.root);
  Scope scope{.project = &m.name, .file = &p, .detached = detached, .written_order = !built};
  for (const pyproject::Dependency& dep : project.dependencies) {
    ROOST_CHECK(
        detail::lower_requirement(ctx, scope, dep, Marker::always_true(), &out.requires_dist));
  }
  for (const std::string& extra : out.provides_extras) {
    ROOST_TRY(pep508::ExtraName name, pep508::ExtraName::parse(extra));
    const std::vector<pyproject::Dependency>* deps = project.extra(name);
    if (!deps) continue;
    ROOST_TRY(Marker extra_marker, extra_condition(ctx, extra));
    Scope in_extra{.project = &m.name,
                   .file = &p,
                   .extra = name,
                   .detached = detached,
                   .written_order = !built};
    for (const pyproject::Dependency& dep : *deps) {
      ROOST_CHECK(detail::lower_requirement(ctx, in_extra, dep, extra_marker, &out.requires_dist));
    }
  }
  ROOST_TRY(out.groups, lower_groups(ctx, p, &m.name, groups, detached));
  return out;
}

// The root's `tool.uv` lists that go into the manifest, with uv's non-workspace lowering.
Result<std::vector<LoweredRequirement>> lower_root_list(
    const LoweringContext& ctx, const PyProject& root,
    const std::vector<pyproject::Dependency>& deps) {
  std::vector<LoweredRequirement> out;
  for (const pyproject::Dependency& dep : deps) {
    Scope scope{.file = &root, .non_workspace = true};
    ROOST_CHECK(detail::lower_requirement(ctx, scope, dep, Marker::always_true(), &out));
  }
  return out;
}

// uv's Display of a PEP 508 requirement: normalised name, sorted extras, version-sorted
// specifiers joined by ",", the marker in uv's spelling.
std::string uv_requirement_text(const pep508::Requirement& r) {
  std::string out = r.name.str();
  if (!r.extras.empty()) {
    out += '[';
    for (size_t i = 0; i < r.extras.size(); ++i) out += (i ? "," : "") + r.extras[i].str();
    out += ']';
  }
  if (r.url) {
    out += " @ " + *r.url;
    if (r.marker && !r.marker->is_true()) out += " ; " + uv_marker_text(*r.marker);
    return out;
  }
  out += uv_specifiers_text(r.specifier, ",");
  if (r.marker && !r.marker->is_true()) out += "; " + uv_marker_text(*r.marker);
  return out;
}

// `[[tool.uv.dependency-metadata]]` of the root, as the manifest records it (sorted by name).
std::vector<lock::DependencyMetadata> dependency_metadata(const PyProject& root) {
  std::vector<lock::DependencyMetadata> out;
  const pyproject::RawValue* value =
      root.tool_uv ? root.tool_uv->setting("dependency-metadata") : nullptr;
  const auto* items = value ? std::get_if<pyproject::RawValue::Array>(&value->value) : nullptr;
  if (!items) return out;
  for (const pyproject::RawValue& item : *items) {
    const auto* table = std::get_if<pyproject::RawValue::Table>(&item.value);
    if (!table) continue;
    lock::DependencyMetadata m;
    for (const pyproject::RawEntry& e : *table) {
      const std::string* text = std::get_if<std::string>(&e.value.value);
      const auto* list = std::get_if<pyproject::RawValue::Array>(&e.value.value);
      if (e.key == "name" && text) m.name = pep508::PackageName::normalize(*text);
      if (e.key == "version" && text) {
        Result<pep440::Version> v = pep440::Version::parse(*text);
        m.version = v.ok() ? v->to_string() : *text;
      }
      if (e.key == "requires-python" && text) {
        Result<pep440::SpecifierSet> s = pep440::SpecifierSet::parse(*text);
        m.requires_python = s.ok() ? uv_specifiers_text(*s, ", ") : *text;
      }
      for (const pyproject::RawValue& v : list ? *list : pyproject::RawValue::Array{}) {
        const std::string* s = std::get_if<std::string>(&v.value);
        if (!s) continue;
        if (e.key == "requires-dist") {
          Result<pep508::Requirement> r = pep508::Requirement::parse(*s);
          m.requires_dist.push_back(r.ok() ? uv_requirement_text(*r) : *s);
        }
        if (e.key == "provides-extras") m.provides_extras.push_back(*s);
      }
    }
    out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const lock::DependencyMetadata& a, const lock::DependencyMetadata& b) {
                     return a.name < b.name;
                   });
  return out;
}

std::vector<std::string> declared_indexes(const workspace::Workspace& ws) {
  std::vector<std::string> out;
  auto add = [&](const PyProject* p) {
    if (!p || !p->tool_uv) return;
    for (const pyproject::Index& i : p->tool_uv->index) {
      std::string url = index_url_from_text(i.url, fs::absolute(p->directory()).lexically_normal());
      if (std::find(out.begin(), out.end(), url) == out.end()) out.push_back(std::move(url));
    }
  };
  add(ws.root_pyproject.get());
  for (const workspace::Member& m : ws.members) add(m.pyproject.get());
  return out;
}

// uv's `Workspace::conflicts`: the virtual root's sets, then each member's (by name), an item
// without `package` naming its own project; each set sorted as uv's ConflictSet (package, then
// extras before groups, then name), duplicates once.
std::vector<std::vector<lock::ConflictItem>> workspace_conflicts(const workspace::Workspace& ws) {
  std::vector<std::vector<lock::ConflictItem>> out;
  auto add = [&](const PyProject* p, const pep508::PackageName* own) {
    if (!p || !p->tool_uv) return;
    for (const std::vector<pyproject::ConflictItem>& declared : p->tool_uv->conflicts) {
      std::vector<lock::ConflictItem> set;
      for (const pyproject::ConflictItem& item : declared) {
        const pep508::PackageName* package = item.package ? &*item.package : own;
        if (!package) continue;  // a virtual root's own extra or group: no project to name
        set.push_back({package->str(), item.extra ? item.extra->str() : "",
                       item.group ? item.group->str() : ""});
      }
      auto key = [](const lock::ConflictItem& i) {
        return std::make_tuple(i.package, i.extra.empty(), i.extra, i.group);
      };
      std::sort(set.begin(), set.end(),
                [&](const auto& a, const auto& b) { return key(a) < key(b); });
      set.erase(std::unique(set.begin(), set.end()), set.end());
      if (set.size() > 1) out.push_back(std::move(set));
    }
  };
  if (ws.kind == workspace::WorkspaceKind::kVirtual) add(ws.root_pyproject.get(), nullptr);
  std::vector<const workspace::Member*> members;
  for (const workspace::Member& m : ws.members) members.push_back(&m);
  std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const workspace::Member* m : members) add(m->pyproject.get(), &m->name);
  return out;
}

}  // namespace

namespace detail {

Result<std::map<pep508::PackageName, std::optional<bool>>> required_members(
    const workspace::Workspace& ws) {
  std::map<pep508::PackageName, std::optional<bool>> out;
  // uv's order: the root's sources, then each member's (a later entry replaces an earlier one;
  // two explicit, different `editable` values are an error). A project's source for itself
  // does not count.
  auto scan = [&](const PyProject* p) -> Result<void> {
    if (!p || !p->tool_uv) return ok();
    for (const auto& [name, entry] : p->tool_uv->sources) {
      if (p->project && p->project->name == name) continue;
      for (const pyproject::Source& s : entry.sources) {
        const auto* w = std::get_if<pyproject::WorkspaceSource>(&s.kind);
        if (!w || w->path) continue;
        auto [it, inserted] = out.try_emplace(name, w->editable);
        if (inserted) continue;
        if (it->second && w->editable && *it->second != *w->editable) {
          return usage("Workspace member `" + name.str() +
                       "` was requested as both `editable = true` and `editable = false`");
        }
        it->second = w->editable;
      }
    }
    return ok();
  };
  ROOST_CHECK(scan(ws.root_pyproject.get()));
  for (const workspace::Member& m : ws.members) ROOST_CHECK(scan(m.pyproject.get()));
  return out;
}

}  // namespace detail

const detail::LoweringContext::MemberTarget* detail::LoweringContext::target(
    const pep508::PackageName& name) const {
  auto it = std::lower_bound(
      targets.begin(), targets.end(), name,
      [](const MemberTarget& t, const pep508::PackageName& n) { return t.member->name < n; });
  return it != targets.end() && it->member->name == name ? &*it : nullptr;
}

const LoweredPackage* LoweredWorkspace::find(const pep508::PackageName& name) const {
  auto it = std::lower_bound(
      members.begin(), members.end(), name,
      [](const LoweredPackage& p, const pep508::PackageName& n) { return p.name < n; });
  return it != members.end() && it->name == name ? &*it : nullptr;
}

namespace {

// The context every requirement of `ws` is lowered in, paths recorded relative to `lock_root`.
Result<void> prepare(LoweringContext& ctx, const workspace::Workspace& ws,
                     const fs::path& lock_root) {
  ctx.ws = &ws;
  ctx.root = fs::absolute(ws.root).lexically_normal();
  ctx.lock_root = fs::absolute(lock_root).lexically_normal();
  ROOST_TRY(ctx.required, detail::required_members(ws));
  for (const workspace::Member& m : ws.members) {
    // uv: a member is editable unless a `workspace = true` source says `editable = false`, and
    // virtual when it is not a package.
    auto required = ctx.required.find(m.name);
    bool editable = required == ctx.required.end() || required->second.value_or(true);
    lock::SourceKind kind = !m.is_package ? lock::SourceKind::kVirtual
                            : editable    ? lock::SourceKind::kEditable
                                          : lock::SourceKind::kDirectory;
    ctx.targets.push_back({&m, kind, detail::relative_path(m.path, ctx.lock_root)});
  }
  return ok();
}

}  // namespace

Result<std::optional<LoweredPackage>> lower_path_project(const fs::path& dir,
                                                         const fs::path& lock_root) {
  PathProjects projects(lock_root);
  return projects.lower(dir);
}

Result<LoweredPackage> detail::lower_one_member(const workspace::Workspace& ws,
                                                const workspace::Member& member,
                                                const fs::path& lock_root) {
  LoweringContext ctx;
  ROOST_CHECK(prepare(ctx, ws, lock_root));
  return lower_member(ctx, member);
}

Result<void> apply_built_metadata(const workspace::Workspace& ws, const metadata::CoreMetadata& md,
                                  LoweredPackage& member) {
  const workspace::Member* m = nullptr;
  for (const workspace::Member& candidate : ws.members) {
    if (candidate.name == member.name) m = &candidate;
  }
  if (!m) return usage("`" + member.name.str() + "` is not a member of " + ws.root.string());
  LoweringContext ctx;
  ROOST_CHECK(prepare(ctx, ws, ws.root));
  Scope scope{.project = &m->name,
              .file = m->pyproject.get(),
              .detached = detached_from_root(m->path, ctx.root),
              .written_order = false};
  std::vector<LoweredRequirement> lowered;
  for (const pep508::Requirement& r : md.requires_dist) {
    pyproject::Dependency dep{r, {}};
    ROOST_CHECK(detail::lower_requirement(ctx, scope, dep, Marker::always_true(), &lowered));
  }
  member.requires_dist = std::move(lowered);
  member.provides_extras.clear();
  for (const pep508::ExtraName& e : md.provides_extra) member.provides_extras.push_back(e.str());
  member.dynamic_requirements = false;
  return ok();
}

Result<LoweredWorkspace> lower_workspace(const workspace::Workspace& ws) {
  if (ws.kind == workspace::WorkspaceKind::kIsolated) {
    return usage(
        "`" + ws.root.string() +
        "` is a dg workspace: each of its projects has its own lock (lower each project instead)");
  }
  LoweringContext ctx;
  ROOST_CHECK(prepare(ctx, ws, ws.root));

  LoweredWorkspace out;
  out.root = ctx.root;
  out.members.reserve(ws.members.size());
  out.single_project = ws.kind != workspace::WorkspaceKind::kVirtual && ws.members.size() == 1;
  std::vector<std::pair<std::string, const pep440::SpecifierSet*>> pythons;
  for (const workspace::Member& m : ws.members) {
    ROOST_TRY_CONTEXT(LoweredPackage p, lower_member(ctx, m),
                      "while lowering `" + m.name.str() + "` (" + m.pyproject->path() + ")");
    if (m.pyproject->project->requires_python)
      pythons.emplace_back(m.name.str(), &*m.pyproject->project->requires_python);
    out.members.push_back(std::move(p));
  }
  auto by_name = [](const LoweredPackage& a, const LoweredPackage& b) { return a.name < b.name; };
  if (!std::is_sorted(out.members.begin(), out.members.end(), by_name)) {
    std::sort(out.members.begin(), out.members.end(), by_name);
  }

  ROOST_TRY(WorkspacePython python, workspace_requires_python(pythons));
  out.requires_python_text = std::move(python.text);
  out.requires_python = std::move(python.ranges);

  if (const PyProject* root = ws.root_pyproject.get()) {
    if (ws.kind == workspace::WorkspaceKind::kVirtual) {
      ROOST_TRY(pyproject::ResolvedGroups groups, root->resolved_dependency_groups());
      ROOST_TRY(out.root_groups, lower_groups(ctx, *root, nullptr, groups, false));
    }
    if (root->tool_uv) {
      ROOST_TRY(out.overrides, lower_root_list(ctx, *root, root->tool_uv->override_dependencies));
      ROOST_TRY(out.constraints,
                lower_root_list(ctx, *root, root->tool_uv->constraint_dependencies));
      ROOST_TRY(out.build_constraints,
                lower_root_list(ctx, *root, root->tool_uv->build_constraint_dependencies));
      for (const auto& e : root->tool_uv->exclude_dependencies)
        out.excludes.push_back(e.value.str());
      std::sort(out.excludes.begin(), out.excludes.end());
      out.excludes.erase(std::unique(out.excludes.begin(), out.excludes.end()), out.excludes.end());
      if (root->tool_uv->required_environments)
        out.required_environments = *root->tool_uv->required_environments;
      if (root->tool_uv->environments) out.environments = *root->tool_uv->environments;
    }
    out.dependency_metadata = dependency_metadata(*root);
  }
  out.declared_indexes = declared_indexes(ws);
  out.conflicts = workspace_conflicts(ws);
  return out;
}

}  // namespace roost::project
