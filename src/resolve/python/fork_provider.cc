#include "resolve/python/fork_provider.h"

#include <algorithm>

#include "resolve/python/wheel_markers.h"

namespace roost::resolve::python {
namespace {

using pep440::Version;
using pubgrub::PackageId;
using pubgrub::VersionSet;

VersionSet ranges_of(const pep508::Requirement& req) {
  return req.url ? VersionSet::full() : VersionSet::from(req.specifier);
}

}  // namespace

std::optional<Version> python_floor(const pep440::VersionRanges& python) {
  if (python.is_empty() || python.intervals().empty()) return std::nullopt;
  const pep440::Bound& lower = python.intervals().front().lower;
  if (!lower.version) return std::nullopt;
  const Version& v = *lower.version;
  if (v.is_sentinel()) return std::nullopt;
  return Version::from_release(std::vector<uint64_t>(v.release().begin(), v.release().end()),
                               v.epoch());
}

ForkProvider::ForkProvider(const ResolveInput& input, const ResolveOptions& options,
                           const ProblemFacts& facts, PackageSource& source, PackageTable& table,
                           Fork fork)
    : input_(input),
      options_(options),
      facts_(facts),
      source_(source),
      table_(table),
      fork_(std::move(fork)) {
  for (const LocalPackage& l : input_.locals) locals_.emplace(l.name.str(), &l);
  if (options_.target && !options_.target->tags.empty()) {
    ranking_ = tags::TagRanking(options_.target->tags);
  }
}

ForkProvider::ForkProvider(const ForkProvider& parent, Fork fork) : ForkProvider(parent) {
  fork_ = std::move(fork);
  split_.clear();
}

bool ForkProvider::nonempty(const pep508::Marker& m) const {
  if (m.is_false()) return false;
  // Python versions are releases: a piece holding only pre-releases of some Python (the gap
  // between `< '3.13'` and `>= '3.13'`) is empty for resolution, as uv treats it.
  return m.python_range().intersect(fork_.python).has_final_release();
}

bool ForkProvider::applies(const pep508::Marker& fixed, std::string_view extra,
                           const std::optional<pep508::Marker>& original) const {
  if (!options_.target) return nonempty(fixed.and_(fork_.marker));
  if (!original) return true;
  std::string key(extra);
  auto found = target_envs_.find(key);
  if (found == target_envs_.end()) {
    pep508::MarkerEnvironment env = options_.target->markers;
    env.values["extra"] = key;
    found = target_envs_.emplace(key, pep508::PreparedEnvironment(env)).first;
  }
  Result<bool> r = original->evaluate(found->second);
  return r.ok() && *r;
}

const std::vector<KeptRequirement>* ForkProvider::kept(PackageId p, const Version& v) const {
  auto found = kept_.find({p, v.to_string()});
  return found == kept_.end() ? nullptr : &found->second;
}

const CandidateList* ForkProvider::candidates(const std::string& name) const {
  auto found = lists_.find(name);
  return found == lists_.end() ? nullptr : found->second;
}

Result<const CandidateList*> ForkProvider::list_of(const std::string& name) {
  auto found = lists_.find(name);
  if (found != lists_.end()) return found->second;
  ROOST_TRY(pep508::PackageName parsed, pep508::PackageName::parse(name));
  ROOST_TRY(const CandidateList* list, source_.versions(parsed));
  lists_.emplace(name, list);
  return list;
}

const LocalPackage* ForkProvider::local_named(const std::string& name) const {
  auto found = locals_.find(name);
  return found == locals_.end() ? nullptr : found->second;
}

int64_t ForkProvider::priority(PackageId p, const VersionSet& allowed) {
  const PyPackage& pkg = table_[p];
  if (local_named(pkg.name)) return 4;
  if (pkg.kind == PackageKind::kExtra) return 0;  // after its base: it takes the base's version
  if (allowed.as_singleton()) return 3;
  return 1;
}

bool ForkProvider::prereleases_allowed(const std::string& name) const {
  PrereleaseMode mode = options_.prerelease;
  if (mode == PrereleaseMode::kAllow) return true;
  if (mode == PrereleaseMode::kDisallow) return false;
  bool explicit_ok =
      mode == PrereleaseMode::kExplicit || mode == PrereleaseMode::kIfNecessaryOrExplicit;
  if (explicit_ok && facts_.explicit_prereleases.count(name)) return true;
  if (mode == PrereleaseMode::kExplicit) return false;
  return true;  // if necessary: the second pass of choose_version, after every stable release
}

bool ForkProvider::is_direct(const std::string& name) const {
  auto found = facts_.direct.find(name);
  if (found == facts_.direct.end()) return false;
  return options_.target || nonempty(found->second.and_(fork_.marker));
}

Result<std::optional<Version>> ForkProvider::choose_version(PackageId p,
                                                            const VersionSet& allowed) {
  const PyPackage& pkg = table_[p];
  if (const LocalPackage* l = local_named(pkg.name)) {
    if (allowed.contains(l->version)) return std::optional<Version>(l->version);
    return std::optional<Version>();
  }
  ROOST_TRY(const CandidateList* list, list_of(pkg.name));
  if (pkg.kind == PackageKind::kExtra) {
    auto base = last_base_choice_.find(pkg.name);
    if (base != last_base_choice_.end() && allowed.contains(base->second)) {
      return std::optional<Version>(base->second);
    }
  }
  bool pre = prereleases_allowed(pkg.name);
  // A yanked version is used only when a first-party requirement pins it exactly (==v, locals
  // included).
  auto first_party = facts_.first_party_ranges.find(pkg.name);
  auto pinned_to = [&](const Version& v) {
    if (first_party == facts_.first_party_ranges.end()) return false;
    auto exact = pep440::SpecifierSet::parse("==" + v.to_string());
    if (!exact.ok()) return false;
    VersionSet pin = VersionSet::from(*exact);
    for (const VersionSet& r : first_party->second) {
      if (r.is_subset_of(pin)) return true;
    }
    return false;
  };
  auto acceptable = [&](const Candidate& c) {
    if (!allowed.contains(c.version)) return false;
    if (c.version.is_prerelease() && !pre) return false;
    if (c.yanked && !pinned_to(c.version)) return false;
    return true;
  };
  std::optional<Version> chosen;
  ROOST_TRY(pep508::PackageName parsed, pep508::PackageName::parse(pkg.name));
  auto preferred = options_.preferences.find(parsed);
  if (preferred != options_.preferences.end() && !options_.upgrade_all &&
      !options_.upgrade.count(parsed)) {
    for (const Candidate& c : list->candidates) {
      if (c.version == preferred->second && acceptable(c)) chosen = c.version;
    }
  }
  bool lowest = options_.resolution == ResolutionMode::kLowest ||
                (options_.resolution == ResolutionMode::kLowestDirect && is_direct(pkg.name));
  auto earlier = fork_.preferences.find(pkg.name);
  if (!chosen && earlier != fork_.preferences.end()) {
    // uv's order: versions chosen by forks that overlap this one first, then by version
    // (highest first, lowest first under `lowest`).
    std::vector<std::pair<bool, const Version*>> order;
    for (const auto& [m, v] : earlier->second)
      order.emplace_back(nonempty(m.and_(fork_.marker)), &v);
    std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first;
      return lowest ? *a.second < *b.second : *b.second < *a.second;
    });
    for (const auto& [overlaps, v] : order) {
      for (const Candidate& c : list->candidates) {
        if (c.version == *v && acceptable(c)) chosen = c.version;
      }
      if (chosen) break;
    }
  }
  // Stable releases first; pre-releases only where the policy lets them in and no stable
  // release fits (uv's order since 0.12: a pre-release in a specifier allows pre-releases but
  // does not make them preferred). With `allow`, every version competes on its number.
  bool mixed = options_.prerelease == PrereleaseMode::kAllow;
  for (int pass = 0; pass < 2 && !chosen; ++pass) {
    if (pass == 1 && (mixed || !pre)) break;
    auto fits = [&](const Candidate& c) {
      if (!mixed && c.version.is_prerelease() != (pass == 1)) return false;
      return acceptable(c);
    };
    if (lowest) {
      for (const Candidate& c : list->candidates) {
        if (fits(c)) {
          chosen = c.version;
          break;
        }
      }
    } else {
      for (auto it = list->candidates.rbegin(); it != list->candidates.rend(); ++it) {
        if (fits(*it)) {
          chosen = it->version;
          break;
        }
      }
    }
  }
  if (chosen && pkg.kind == PackageKind::kBase)
    last_base_choice_.insert_or_assign(pkg.name, *chosen);
  return chosen;
}

std::optional<std::string> ForkProvider::unusable(const std::string& name,
                                                  const Candidate& c) const {
  std::optional<Version> floor = options_.target ? std::optional<Version>(options_.target->python)
                                                 : python_floor(fork_.python);
  if (c.requires_python && floor) {
    // For one target Python, uv ignores Requires-Python's upper bounds (packages cap it
    // defensively and are installed anyway); a universal fork needs its lowest Python inside.
    bool fits = options_.target ? !pep440::VersionRanges::from(*c.requires_python)
                                       .is_disjoint(pep440::VersionRanges::at_most(*floor))
                                : c.requires_python->contains(*floor);
    if (!fits) return "requires Python " + c.requires_python_text;
  }
  auto parsed = pep508::PackageName::parse(name);
  bool no_binary = options_.no_binary_all || (parsed.ok() && options_.no_binary.count(*parsed));
  bool no_build = options_.no_build_all || (parsed.ok() && options_.no_build.count(*parsed));
  bool wheel_ok = false;
  for (const WheelFile& w : c.wheels) {
    if (ranking_.size() == 0 || ranking_.best_rank(w.name.tags)) wheel_ok = true;
  }
  bool sdist_ok = c.sdist.has_value();
  if (no_binary && !sdist_ok) return std::string("has no source distribution (--no-binary)");
  if (no_build && !wheel_ok) {
    return std::string(c.wheels.empty() ? "has no wheels and building is disabled (--no-build)"
                                        : "has no wheel for the target platform and building "
                                          "is disabled (--no-build)");
  }
  if (!wheel_ok && !sdist_ok) {
    return std::string(c.wheels.empty() ? "has no distribution files"
                                        : "has no wheel compatible with the target platform");
  }
  return std::nullopt;
}

std::optional<pep508::Marker> ForkProvider::missed_environment(const std::string& name,
                                                               const Candidate& c) const {
  if (options_.target || c.sdist) return std::nullopt;
  auto wanted = wanted_where_.find(name);
  for (const pep508::Marker& required : options_.required_environments) {
    // Only environments this fork meets and that need the package (uv's rule: a package
    // required only on Windows needs no Linux wheel).
    pep508::Marker here = required.and_(fork_.marker);
    if (wanted != wanted_where_.end()) here = here.and_(wanted->second);
    if (!nonempty(here)) continue;
    bool installs = std::any_of(c.wheels.begin(), c.wheels.end(), [&](const WheelFile& w) {
      return nonempty(implied_platform_marker(w.name.tags.platforms()).and_(here));
    });
    if (!installs) return required;
  }
  return std::nullopt;
}

void ForkProvider::add_requirement(const pep508::Requirement& req, std::optional<size_t> local,
                                   const pep508::Marker& fixed,
                                   std::map<PackageId, VersionSet>& terms,
                                   std::vector<KeptRequirement>& kept) {
  const std::string& name = req.name.str();
  VersionSet set = ranges_of(req);
  if (local) set = set.intersect(VersionSet::exactly(input_.locals[*local].version));
  auto merge = [&](PackageId id) {
    auto [it, fresh] = terms.emplace(id, set);
    if (!fresh) it->second = it->second.intersect(set);
  };
  merge(table_.intern(PackageKind::kBase, name));
  KeptRequirement k{name, {}, fixed, local};
  k.bounded_above = !set.intervals().empty() && set.intervals().back().upper.version.has_value();
  for (const pep508::ExtraName& e : req.extras) {
    merge(table_.intern(PackageKind::kExtra, name, e.str()));
    k.extras.push_back(e.str());
  }
  kept.push_back(std::move(k));
}

bool ForkProvider::needs_split(const std::vector<KeptRequirement>& kept) {
  if (options_.target) return false;
  std::map<std::string, std::vector<pep508::Marker>> by_name;
  for (const KeptRequirement& k : kept) {
    std::vector<pep508::Marker>& markers = by_name[k.name];
    pep508::Marker within = k.marker.and_(fork_.marker);
    if (std::find(markers.begin(), markers.end(), within) == markers.end()) {
      markers.push_back(within);
    }
  }
  std::vector<pep508::Marker> pieces{fork_.marker};
  std::optional<Version> floor = python_floor(fork_.python);
  for (const auto& [name, markers] : by_name) {
    // One marker splits only when it raises the lowest Python (uv does too): the piece above
    // must be solved for its own Python floor, or Requires-Python could reject what it needs.
    if (markers.size() < 2) {
      std::optional<Version> raised =
          python_floor(markers[0].python_range().intersect(fork_.python));
      if (!raised || (floor && *raised <= *floor)) continue;
    }
    for (const pep508::Marker& m : markers) {
      std::vector<pep508::Marker> next;
      for (const pep508::Marker& piece : pieces) {
        pep508::Marker in = piece.and_(m), out = piece.and_(m.not_());
        if (nonempty(in) && nonempty(out)) {
          // uv's order of creation: the piece without the marker first.
          next.push_back(out);
          next.push_back(in);
        } else {
          next.push_back(piece);
        }
      }
      pieces = std::move(next);
    }
  }
  if (pieces.size() < 2) return false;
  split_.clear();
  for (const pep508::Marker& piece : pieces) {
    ForkPiece p{piece, 0};
    for (const KeptRequirement& k : kept) {
      if (k.bounded_above && nonempty(k.marker.and_(piece))) p.upper_bounds += 1 + k.extras.size();
    }
    split_.push_back(std::move(p));
  }
  return true;
}

bool ForkProvider::conflict_split(std::map<PackageId, VersionSet>& terms,
                                  std::vector<KeptRequirement>& kept) {
  if (options_.target || input_.conflicts.empty()) return false;
  auto id_of = [&](const ConflictItem& item) {
    return item.extra.empty() ? table_.intern(PackageKind::kGroup, item.package, item.group)
                              : table_.intern(PackageKind::kExtra, item.package, item.extra);
  };
  std::vector<ConflictChoice> pieces =
      split_by_conflicts(fork_.conflicts, input_.conflicts,
                         [&](const ConflictItem& item) { return terms.count(id_of(item)) > 0; });
  if (pieces.size() > 1) {
    // uv solves the pieces whose requirements have more upper bounds first (order_forks).
    split_.clear();
    for (ConflictChoice& c : pieces) {
      size_t upper_bounds = 0;
      for (const auto& [id, set] : terms) {
        const PyPackage& pkg = table_[id];
        std::optional<ConflictItem> item;
        if (pkg.kind == PackageKind::kExtra) item = ConflictItem{pkg.name, pkg.qualifier, ""};
        if (pkg.kind == PackageKind::kGroup) item = ConflictItem{pkg.name, "", pkg.qualifier};
        if (item && c.exclude.count(*item)) continue;
        if (!set.intervals().empty() && set.intervals().back().upper.version) ++upper_bounds;
      }
      split_.push_back(ForkPiece{fork_.marker, upper_bounds, std::move(c)});
    }
    return true;
  }
  // One piece: what this list taught the fork (an item it includes rules its set's others out).
  if (!pieces.empty()) fork_.conflicts = std::move(pieces.front());
  for (const ConflictItem& item : fork_.conflicts.exclude) {
    terms.erase(id_of(item));
    for (KeptRequirement& k : kept) {
      if (k.name == item.package && !item.extra.empty()) std::erase(k.extras, item.extra);
    }
  }
  return false;
}

void ForkProvider::prefetch(const std::vector<KeptRequirement>& kept) {
  std::vector<pep508::PackageName> names;
  for (const KeptRequirement& k : kept) {
    if (k.local || !prefetched_.insert(k.name).second) continue;
    auto parsed = pep508::PackageName::parse(k.name);
    if (parsed.ok()) names.push_back(*parsed);
  }
  if (names.empty()) return;
  source_.prefetch_versions(names);
  // The version each new package will most likely get: its highest non-yanked final release.
  std::vector<std::pair<const CandidateList*, const Candidate*>> wanted;
  for (const pep508::PackageName& n : names) {
    Result<const CandidateList*> list = list_of(n.str());
    if (!list.ok()) continue;
    const auto& cs = (*list)->candidates;
    for (auto it = cs.rbegin(); it != cs.rend(); ++it) {
      if (!it->yanked && !it->version.is_prerelease()) {
        wanted.emplace_back(*list, &*it);
        break;
      }
    }
  }
  source_.prefetch_metadata(wanted);
}

Result<pubgrub::Dependencies> ForkProvider::dependencies(PackageId p, const Version& v) {
  const PyPackage pkg = table_[p];
  pubgrub::Dependencies out;
  std::map<PackageId, VersionSet> terms;
  std::vector<KeptRequirement> kept;
  auto take = [&](const pep508::Requirement& req, std::optional<size_t> local,
                  std::string_view extra, bool only_in_extra) {
    pep508::Marker m = req.marker ? *req.marker : pep508::Marker::always_true();
    pep508::Marker fixed = m.assume_extra(extra);
    if (!applies(fixed, extra, req.marker)) return;
    if (only_in_extra) {
      pep508::Marker base = m.assume_extra("");
      if (options_.target ? applies(base, "", req.marker) : base == fixed) return;
    }
    add_requirement(req, local, fixed, terms, kept);
  };

  const LocalPackage* local_pkg = local_named(pkg.name);
  if (pkg.kind == PackageKind::kRoot) {
    for (const Requirement& r : input_.requirements) take(r.requirement, r.local, "", false);
    for (size_t i : input_.root_locals) {
      const LocalPackage& l = input_.locals[i];
      VersionSet exactly = VersionSet::exactly(l.version);
      terms.emplace(table_.intern(PackageKind::kBase, l.name.str()), exactly);
      for (const std::string& e : l.extras) {
        terms.emplace(table_.intern(PackageKind::kExtra, l.name.str(), e), exactly);
      }
      for (const auto& [g, reqs] : l.groups) {
        terms.emplace(table_.intern(PackageKind::kGroup, l.name.str(), g), exactly);
      }
    }
  } else if (local_pkg) {
    if (pkg.kind != PackageKind::kBase) {
      terms.emplace(table_.intern(PackageKind::kBase, pkg.name), VersionSet::exactly(v));
    }
    if (pkg.kind == PackageKind::kGroup) {
      for (const auto& [g, reqs] : local_pkg->groups) {
        if (g != pkg.qualifier) continue;
        for (const Requirement& r : reqs) take(r.requirement, r.local, "", false);
      }
    } else {
      bool extra = pkg.kind == PackageKind::kExtra;
      for (const Requirement& r : local_pkg->dependencies) {
        take(r.requirement, r.local, extra ? pkg.qualifier : "", extra);
      }
    }
  } else {
    ROOST_TRY(const CandidateList* list, list_of(pkg.name));
    const Candidate* candidate = nullptr;
    for (const Candidate& c : list->candidates) {
      if (c.version == v) candidate = &c;
    }
    if (!candidate) {
      out.unavailable = "is not offered by the index";
      return out;
    }
    if (std::optional<std::string> why = unusable(pkg.name, *candidate)) {
      out.unavailable = *why;
      return out;
    }
    if (std::optional<pep508::Marker> missed = missed_environment(pkg.name, *candidate)) {
      // uv splits the fork at the required environment when it can, so the version stays
      // usable beside it; a fork inside the environment cannot use the version at all.
      pep508::Marker in = fork_.marker.and_(*missed), out_of = fork_.marker.and_(missed->not_());
      if (nonempty(in) && nonempty(out_of)) {
        split_ = {ForkPiece{out_of, 0}, ForkPiece{in, 0}};
        out.pause = true;
        return out;
      }
      out.unavailable = "has no wheel for the required environment `" + missed->to_string() + "`";
      return out;
    }
    ROOST_TRY(std::optional<const metadata::CoreMetadata*> md, source_.metadata(*list, *candidate));
    if (!md) {
      out.unavailable =
          "has only a source distribution without static metadata, which needs a build";
      return out;
    }
    if (pkg.kind == PackageKind::kExtra) {
      terms.emplace(table_.intern(PackageKind::kBase, pkg.name), VersionSet::exactly(v));
    }
    bool extra = pkg.kind == PackageKind::kExtra;
    for (const pep508::Requirement& r : (*md)->requires_dist) {
      take(r, std::nullopt, extra ? pkg.qualifier : "", extra);
    }
  }
  if (conflict_split(terms, kept) || needs_split(kept)) {
    out.pause = true;
    return out;
  }
  prefetch(kept);
  for (auto& [id, set] : terms) {
    if (id != p) out.requirements.emplace_back(id, std::move(set));
  }
  if (!options_.required_environments.empty()) {
    for (const KeptRequirement& k : kept) {
      auto [it, fresh] = wanted_where_.emplace(k.name, k.marker);
      if (!fresh) it->second = it->second.or_(k.marker);
    }
  }
  kept_[{p, v.to_string()}] = std::move(kept);
  return out;
}

}  // namespace roost::resolve::python
