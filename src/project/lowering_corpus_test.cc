// Every uv.lock of ../shared/conformance/uv-workspaces against its workspace: discover, lower,
// and compare lock_metadata() / lock_manifest() with the `[package.metadata]` and `[manifest]` uv
// wrote, then check that the lock satisfies its own pyprojects (check_lock_freshness). Skips,
// visibly, where ../shared is not beside the checkout.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "lock/read_lock.h"
#include "project/lock_freshness.h"
#include "project/lowering.h"
#include "workspace/workspace.h"

namespace roost::project {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(ROOST_SOURCE_DIR "/../shared/conformance/uv-workspaces");

// Locks that are not what uv would lock in their directory today, by path under the corpus.
// Each one must say why; the test fails when an entry stops being needed.
const std::map<std::string, std::string> kStaleLocks = {
    {"a2aproject__a2a-samples/samples/python/uv.lock",
     "the lock still has member `timestamp-ext` (extensions/timestamp), which the tree no longer "
     "has"},
    {"NVIDIA-NeMo__RL/uv.lock",
     "member `nemo-gym` lives in a git submodule the snapshot does not include, so discovery "
     "cannot see it"},
    {"PrimeIntellect-ai__prime-rl/uv.lock",
     "every member glob points into git submodules the snapshot does not include (99 members in "
     "the lock, 1 "
     "discovered)"},
};

// Packages whose [package.metadata] roost cannot reproduce, "lock path|package" -> why.
const std::map<std::string, std::string> kMetadataExceptions = {
    {"a2aproject__a2a-samples/samples/python/uv.lock|a2a-sample-agent-adk",
     "stale lock: it still records the `timestamp-ext` dependency the pyproject has dropped"},
    {"a2aproject__a2a-samples/samples/python/uv.lock|a2a-sample-client-multiagent",
     "stale lock: it still records the `timestamp-ext` dependency the pyproject has dropped"},
};

struct Outcome {
  int locks = 0, compared = 0, not_workspace = 0, not_lowered = 0, packages = 0, satisfied = 0;
  size_t unverified = 0;
};

std::vector<fs::path> corpus_locks() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (entry.is_regular_file() && entry.path().filename() == "uv.lock")
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string show(const lock::Requirement& r) {
  std::ostringstream s;
  s << "{" << r.name;
  if (!r.extras.empty()) {
    s << " [";
    for (const auto& e : r.extras) s << e << ",";
    s << "]";
  }
  if (!r.marker.empty()) s << " marker=\"" << r.marker << "\"";
  s << " " << lock::to_string(r.kind);
  if (!r.specifier.empty()) s << " spec=\"" << r.specifier << "\"";
  if (!r.index.empty()) s << " index=" << r.index;
  if (!r.location.empty()) s << " loc=" << r.location;
  if (!r.subdirectory.empty()) s << " subdir=" << r.subdirectory;
  if (r.conflict)
    s << " conflict=" << r.conflict->package << "/" << r.conflict->extra << r.conflict->group;
  s << "}";
  return s.str();
}

// The first difference between two requirement lists, for a readable failure.
std::string diff(const std::vector<lock::Requirement>& uv,
                 const std::vector<lock::Requirement>& roost) {
  for (size_t i = 0; i < std::max(uv.size(), roost.size()); ++i) {
    std::string a = i < uv.size() ? show(uv[i]) : "(none)";
    std::string b = i < roost.size() ? show(roost[i]) : "(none)";
    if (a != b) return "at " + std::to_string(i) + "\n    uv:    " + a + "\n    roost: " + b;
  }
  return "(same)";
}

std::string metadata_diff(const lock::PackageMetadata& uv, const lock::PackageMetadata& roost) {
  if (uv.requires_dist != roost.requires_dist)
    return "requires-dist " + diff(uv.requires_dist, roost.requires_dist);
  if (uv.provides_extras != roost.provides_extras) {
    std::string a, b;
    for (const auto& e : uv.provides_extras) a += e + " ";
    for (const auto& e : roost.provides_extras) b += e + " ";
    return "provides-extras\n    uv:    " + a + "\n    roost: " + b;
  }
  for (size_t i = 0; i < std::max(uv.requires_dev.size(), roost.requires_dev.size()); ++i) {
    if (i >= uv.requires_dev.size() || i >= roost.requires_dev.size())
      return "requires-dev group count";
    if (uv.requires_dev[i].name != roost.requires_dev[i].name) {
      return "requires-dev group " + uv.requires_dev[i].name + " vs " + roost.requires_dev[i].name;
    }
    if (uv.requires_dev[i].requirements != roost.requires_dev[i].requirements) {
      return "requires-dev." + uv.requires_dev[i].name + " " +
             diff(uv.requires_dev[i].requirements, roost.requires_dev[i].requirements);
    }
  }
  return "(same)";
}

std::string manifest_diff(const lock::Manifest& uv, const lock::Manifest& roost) {
  if (uv.members != roost.members) return "members differ";
  if (uv.constraints != roost.constraints)
    return "constraints " + diff(uv.constraints, roost.constraints);
  if (uv.overrides != roost.overrides) return "overrides " + diff(uv.overrides, roost.overrides);
  if (uv.build_constraints != roost.build_constraints) {
    return "build-constraints " + diff(uv.build_constraints, roost.build_constraints);
  }
  if (uv.excludes != roost.excludes) return "excludes";
  if (uv.dependency_groups.size() != roost.dependency_groups.size())
    return "dependency-groups count";
  for (size_t i = 0; i < uv.dependency_groups.size(); ++i) {
    if (uv.dependency_groups[i] != roost.dependency_groups[i]) {
      return "dependency-groups." + uv.dependency_groups[i].name + " " +
             diff(uv.dependency_groups[i].requirements, roost.dependency_groups[i].requirements);
    }
  }
  if (uv.dependency_metadata != roost.dependency_metadata) return "dependency-metadata";
  return "(same)";
}

// The workspace uv would lock in the lock's directory, or why there is none.
Result<workspace::Workspace> workspace_of(const fs::path& lock) {
  fs::path dir = fs::canonical(lock.parent_path());
  ROOST_TRY(workspace::Workspace ws, workspace::discover_uv_workspace({.start = dir}));
  if (fs::canonical(ws.root) != dir) {
    return make_error(ErrorKind::kNotFound,
                      "not a workspace root: uv locks " + ws.root.string() + " instead");
  }
  return ws;
}

TEST(LoweringCorpus, MetadataManifestAndFreshnessMatchUv) {
  if (!fs::is_directory(kCorpus)) {
    GTEST_SKIP() << "the uv-workspaces corpus is not at " << kCorpus << " (it lives in ../shared)";
  }
  Outcome o;
  std::set<std::string> exceptions_used;
  for (const fs::path& path : corpus_locks()) {
    ++o.locks;
    const std::string rel = fs::relative(path, kCorpus).generic_string();
    Result<workspace::Workspace> ws = workspace_of(path);
    if (!ws.ok()) {
      // A member's own lock (uv ignores it inside the workspace), an orphan lock without a
      // pyproject.toml beside it: nothing uv would compare it with.
      std::cout << "[ skip     ] " << rel << ": " << ws.error().message() << "\n";
      ++o.not_workspace;
      continue;
    }
    Result<LoweredWorkspace> lowered = lower_workspace(*ws);
    auto stale = kStaleLocks.find(rel);
    if (!lowered.ok() && stale != kStaleLocks.end()) {
      // What uv does too on this snapshot: the missing member cannot be lowered.
      std::cout << "[ stale    ] " << rel << ": " << lowered.error().message() << " ("
                << stale->second << ")\n";
      ++o.not_lowered;
      continue;
    }
    ASSERT_TRUE(lowered.ok()) << rel << ": " << lowered.error().render();
    Result<lock::Lockfile> lock = lock::read_lock(path);
    ASSERT_TRUE(lock.ok()) << lock.error().render();
    ++o.compared;

    Freshness f = check_lock_freshness(*lowered, *lock);
    o.unverified += f.unverified.size();
    if (stale != kStaleLocks.end()) {
      EXPECT_FALSE(f.satisfied) << rel << " is satisfied now; remove it from kStaleLocks ("
                                << stale->second << ")";
      std::cout << "[ stale    ] " << rel << ": " << f.reason << " (" << stale->second << ")\n";
    } else {
      // The members differ in a stale lock, so its manifest cannot match; its members can.
      EXPECT_TRUE(f.satisfied) << rel << ": " << f.reason;
      if (f.satisfied) ++o.satisfied;
      lock::Manifest manifest = lock_manifest(*lowered);
      EXPECT_TRUE(manifest == lock->manifest)
          << rel << ": manifest " << manifest_diff(lock->manifest, manifest);
      EXPECT_EQ(lowered->requires_python_text, lock->requires_python) << rel;
    }
    for (const LoweredPackage& member : lowered->members) {
      auto p = std::find_if(lock->packages.begin(), lock->packages.end(),
                            [&](const lock::Package& p) { return p.name == member.name.str(); });
      ASSERT_NE(p, lock->packages.end()) << rel << ": " << member.name.str();
      EXPECT_EQ(p->source, member.source) << rel << ": " << member.name.str();
      EXPECT_EQ(p->version, member.version) << rel << ": " << member.name.str();
      ++o.packages;
      std::string key = rel + "|" + member.name.str();
      if (kMetadataExceptions.count(key)) {
        exceptions_used.insert(key);
        continue;
      }
      if (member.dynamic_requirements || (lock->revision >= 4 && p->metadata.empty())) {
        // uv took requires-dist from a build (dynamic dependencies) or recorded none
        // (metadata-free revision 4): only the statically known groups can be compared.
        lock::PackageMetadata ours = lock_metadata(member);
        if (!p->metadata.empty()) {
          EXPECT_EQ(ours.requires_dev, p->metadata.requires_dev)
              << rel << ": " << member.name.str() << " " << metadata_diff(p->metadata, ours);
        }
        continue;
      }
      lock::PackageMetadata ours = lock_metadata(member);
      if (lock->revision == 0 && p->metadata.provides_extras.empty()) {
        // uv began recording provides-extras with lock revision 1; older locks have none.
        ours.provides_extras.clear();
      }
      EXPECT_TRUE(ours == p->metadata)
          << rel << ": " << member.name.str() << " " << metadata_diff(p->metadata, ours);
    }
  }
  for (const auto& [key, why] : kMetadataExceptions) {
    EXPECT_TRUE(exceptions_used.count(key))
        << key << " was not compared; remove its exception (" << why << ")";
  }
  EXPECT_GE(o.locks, 49);
  std::cout << "[ lowering ] " << o.locks << " corpus locks: " << o.not_workspace
            << " not a workspace's lock, " << o.not_lowered << " not lowerable (stale, as listed), "
            << o.compared << " compared (" << o.packages << " members), " << o.satisfied
            << " satisfied by their pyprojects, " << o.unverified
            << " packages left to a build (dynamic metadata)\n";
}

}  // namespace
}  // namespace roost::project
