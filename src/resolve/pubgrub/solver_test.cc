// The solver on in-memory universes: the worked examples of Dart's solver.md (pub's PubGrub
// write-up), the failure reports, and a randomized check against brute force.
#include "resolve/pubgrub/solver.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>

#include "resolve/pubgrub/report.h"

namespace roost::resolve::pubgrub {
namespace {

Version v(const std::string& text) {
  return *Version::parse(text);
}

VersionSet range(const std::string& spec) {
  if (spec == "*") return VersionSet::full();
  return VersionSet::from(*pep440::SpecifierSet::parse(spec));
}

// Packages by name (id 0 is the root), versions with their dependencies.
class Universe final : public Provider, public ReportFormatter {
 public:
  Universe() { id("root"); }

  PackageId id(const std::string& name) {
    auto [it, added] = ids_.emplace(name, static_cast<PackageId>(names_.size()));
    if (added) names_.push_back(name);
    return it->second;
  }
  // add("foo", "1.0.0", {{"bar", ">=1,<2"}})
  void add(const std::string& name, const std::string& version,
           std::vector<std::pair<std::string, std::string>> deps = {}) {
    Dependencies d;
    for (auto& [dep, spec] : deps) d.requirements.emplace_back(id(dep), range(spec));
    versions_[id(name)][v(version)] = std::move(d);
  }
  void unavailable(const std::string& name, const std::string& version, std::string why) {
    versions_[id(name)][v(version)].unavailable = std::move(why);
  }
  void root_requires(std::vector<std::pair<std::string, std::string>> deps) {
    add("root", "0", std::move(deps));
  }

  int64_t priority(PackageId p, const VersionSet& allowed) override {
    int64_t n = 0;
    for (const auto& [version, deps] : versions_[p]) n += allowed.contains(version);
    return -n;  // the most constrained first
  }
  Result<std::optional<Version>> choose_version(PackageId p, const VersionSet& allowed) override {
    if (p == fail_on) return make_error(ErrorKind::kNetwork, "index unreachable");
    const auto& versions = versions_[p];
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
      if (allowed.contains(it->first)) return std::optional<Version>(it->first);
    }
    return std::optional<Version>();
  }
  Result<Dependencies> dependencies(PackageId p, const Version& version) override {
    if (p == pause_on_) return Dependencies{.pause = true};
    return versions_[p].at(version);
  }
  void pause(PackageId p) { pause_on_ = p; }

  std::string package(PackageId p) const override { return names_[p]; }
  bool is_root(PackageId p) const override { return p == 0; }

  // name -> version of a solved outcome (the root left out).
  std::map<std::string, std::string> solution(const Outcome& out) const {
    std::map<std::string, std::string> m;
    for (const auto& [p, version] : out.selected) {
      if (p != 0) m[names_[p]] = version.to_string();
    }
    return m;
  }

  const std::map<Version, Dependencies>& versions_of(PackageId p) { return versions_[p]; }
  size_t package_count() const { return names_.size(); }

  PackageId fail_on = 1u << 30;

 private:
  std::map<std::string, PackageId> ids_;
  std::vector<std::string> names_;
  std::map<PackageId, std::map<Version, Dependencies>> versions_;
  PackageId pause_on_ = 1u << 30;
};

Outcome solve_ok(Universe& u) {
  Result<Outcome> out = solve(u, 0, v("0"));
  EXPECT_TRUE(out.ok()) << out.error().message();
  return out.ok() ? std::move(out).value() : Outcome{};
}

using Picks = std::map<std::string, std::string>;

TEST(Solver, NoConflicts) {
  Universe u;
  u.root_requires({{"foo", ">=1.0.0,<2"}});
  u.add("foo", "1.0.0", {{"bar", ">=1.0.0,<2"}});
  u.add("bar", "1.0.0");
  u.add("bar", "2.0.0");
  Outcome out = solve_ok(u);
  ASSERT_TRUE(out.solved);
  EXPECT_EQ(u.solution(out), (Picks{{"bar", "1.0.0"}, {"foo", "1.0.0"}}));
}

TEST(Solver, AvoidsAConflictWhileDeciding) {
  Universe u;
  u.root_requires({{"foo", ">=1.0.0,<2"}, {"bar", ">=1.0.0,<2"}});
  u.add("foo", "1.1.0", {{"bar", ">=2.0.0,<3"}});
  u.add("foo", "1.0.0");
  u.add("bar", "1.0.0");
  u.add("bar", "1.1.0");
  u.add("bar", "2.0.0");
  Outcome out = solve_ok(u);
  ASSERT_TRUE(out.solved);
  EXPECT_EQ(u.solution(out), (Picks{{"bar", "1.1.0"}, {"foo", "1.0.0"}}));
}

TEST(Solver, PerformsConflictResolution) {
  Universe u;
  u.root_requires({{"foo", ">=1.0.0"}});
  u.add("foo", "2.0.0", {{"bar", ">=1.0.0,<2"}});
  u.add("foo", "1.0.0");
  u.add("bar", "1.0.0", {{"foo", ">=1.0.0,<2"}});
  Outcome out = solve_ok(u);
  ASSERT_TRUE(out.solved);
  EXPECT_EQ(u.solution(out), (Picks{{"foo", "1.0.0"}}));
  EXPECT_GE(out.stats.conflicts, 1u);
}

TEST(Solver, ConflictResolutionWithAPartialSatisfier) {
  Universe u;
  u.root_requires({{"foo", ">=1.0.0,<2"}, {"target", ">=2.0.0,<3"}});
  u.add("foo", "1.1.0", {{"left", ">=1.0.0,<2"}, {"right", ">=1.0.0,<2"}});
  u.add("foo", "1.0.0");
  u.add("left", "1.0.0", {{"shared", ">=1.0.0"}});
  u.add("right", "1.0.0", {{"shared", "<2.0.0"}});
  u.add("shared", "2.0.0");
  u.add("shared", "1.0.0", {{"target", ">=1.0.0,<2"}});
  u.add("target", "2.0.0");
  u.add("target", "1.0.0");
  Outcome out = solve_ok(u);
  ASSERT_TRUE(out.solved);
  EXPECT_EQ(u.solution(out), (Picks{{"foo", "1.0.0"}, {"target", "2.0.0"}}));
}

TEST(Solver, UnavailableVersionsAreSkipped) {
  Universe u;
  u.root_requires({{"a", "*"}});
  u.add("a", "1.0");
  u.add("a", "2.0");
  u.unavailable("a", "2.0", "requires Python >=3.12");
  Outcome out = solve_ok(u);
  ASSERT_TRUE(out.solved);
  EXPECT_EQ(u.solution(out), (Picks{{"a", "1.0"}}));
}

TEST(Solver, ProviderErrorsEndTheSolve) {
  Universe u;
  u.root_requires({{"a", "*"}});
  u.add("a", "1.0");
  u.fail_on = u.id("a");
  Result<Outcome> out = solve(u, 0, v("0"));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().message(), "index unreachable");
}

TEST(Solver, APauseCanBeResumedWithOtherProviders) {
  // Two universes that agree up to b and differ in b's dependencies: paused at b 1.0 under the
  // first, the state goes on under each; what was decided before the pause stays decided.
  Universe first;
  first.root_requires({{"a", "*"}});
  first.add("a", "1.0", {{"b", "*"}});
  first.add("a", "2.0", {{"b", "*"}});
  first.add("b", "1.0");
  first.pause(first.id("b"));
  Result<Outcome> paused = solve(first, 0, v("0"));
  ASSERT_TRUE(paused.ok());
  ASSERT_TRUE(paused->paused);
  EXPECT_FALSE(paused->solved);

  Universe fine;
  fine.root_requires({{"a", "*"}});
  fine.add("a", "1.0", {{"b", "*"}});
  fine.add("a", "2.0", {{"b", "*"}});
  fine.add("b", "1.0", {{"c", "*"}});
  fine.add("c", "1.0");
  Result<Outcome> out = resume(fine, *paused->paused);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(out->solved);
  EXPECT_EQ(fine.solution(*out), (Picks{{"a", "2.0"}, {"b", "1.0"}, {"c", "1.0"}}));

  // Under this one b 1.0 cannot be used, so the solver backtracks past the pause to a 1.0.
  Universe strict = fine;
  strict.add("a", "1.0");
  strict.add("b", "1.0", {{"c", ">=2"}});
  out = resume(strict, *paused->paused);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(out->solved);
  EXPECT_EQ(strict.solution(*out), (Picks{{"a", "1.0"}}));
}

TEST(Report, TheIssuesExample) {
  Universe u;
  u.root_requires({{"a", "==1.0"}});
  u.add("a", "1.0", {{"b", ">=2"}});
  u.add("b", "1.0");
  Outcome out = solve_ok(u);
  ASSERT_FALSE(out.solved);
  // The step "you require a==1.0" + "no version of a's local versions" is folded away.
  EXPECT_EQ(explain(out, u),
            "Because you require a==1.0 and a==1.0 depends on b>=2, you require b>=2.\n"
            "And because there is no version of b>=2, your requirements are unsatisfiable.\n");
}

// A requirement whose specifiers exclude each other (`b>2,<1`, or a constraint against an
// override) names the package, not "depends on itself".
TEST(Report, ADependencyNoVersionCanSatisfy) {
  Universe u;
  u.root_requires({{"a", ""}});
  u.add("a", "1.0", {{"b", ">2,<1"}});
  u.add("b", "1.0");
  Outcome out = solve_ok(u);
  ASSERT_FALSE(out.solved);
  EXPECT_EQ(explain(out, u),
            "Because there is no version of a<1.0 | >1.0 and a==1.0 depends on b with constraints "
            "that no version satisfies, a cannot be used.\n"
            "And because you require a, your requirements are unsatisfiable.\n");
}

TEST(Report, LinearFailure) {
  Universe u;
  u.root_requires({{"foo", ">=1.0.0,<2"}, {"baz", ">=1.0.0,<2"}});
  u.add("foo", "1.0.0", {{"bar", ">=2.0.0,<3"}});
  u.add("bar", "2.0.0", {{"baz", ">=3.0.0,<4"}});
  u.add("baz", "1.0.0");
  u.add("baz", "3.0.0");
  Outcome out = solve_ok(u);
  ASSERT_FALSE(out.solved);
  // Two single-step chains, then their joint consequence ("Thus"). Ranges the solver tried
  // and found empty read as plain comparisons; the Python layer words them from the index.
  EXPECT_EQ(explain(out, u),
            "Because there is no version of foo>1.0.0,<2.dev0 and foo==1.0.0 depends on "
            "bar>=2.0.0,<3, foo>=1.0.0,<2 depends on bar>=2.0.0,<3.\n"
            "Because there is no version of bar>2.0.0,<3.dev0 and bar==2.0.0 depends on "
            "baz>=3.0.0,<4, bar>=2.0.0,<3 depends on baz>=3.0.0,<4.\n"
            "Thus, foo>=1.0.0,<2 depends on baz>=3.0.0,<4.\n"
            "And because you require foo>=1.0.0,<2 and you require baz>=1.0.0,<2, your "
            "requirements are unsatisfiable.\n");
}

TEST(Report, BranchingFailure) {
  Universe u;
  u.root_requires({{"foo", ">=1.0.0,<2"}});
  u.add("foo", "1.0.0", {{"a", ">=1.0.0,<2"}, {"b", ">=1.0.0,<2"}});
  u.add("foo", "1.1.0", {{"x", ">=1.0.0,<2"}, {"y", ">=1.0.0,<2"}});
  u.add("a", "1.0.0", {{"b", ">=2.0.0,<3"}});
  u.add("b", "1.0.0");
  u.add("b", "2.0.0");
  u.add("x", "1.0.0", {{"y", ">=2.0.0,<3"}});
  u.add("y", "1.0.0");
  u.add("y", "2.0.0");
  Outcome out = solve_ok(u);
  ASSERT_FALSE(out.solved);
  // The two branches (foo 1.0.0, foo 1.1.0) are explained apart; the first is numbered so
  // the conclusion can cite it.
  EXPECT_EQ(explain(out, u),
            "Because there is no version of a>1.0.0,<2.dev0 and a==1.0.0 depends on b>=2.0.0,<3, "
            "a>=1.0.0,<2 depends on b>=2.0.0,<3.\n"
            "And because foo==1.0.0 depends on a>=1.0.0,<2, foo==1.0.0 depends on "
            "b>=2.0.0,<3.\n"
            "And because foo==1.0.0 depends on b>=1.0.0,<2 and there is no version of "
            "foo>1.0.0,<1.1.0 | >1.1.0,<2.dev0, foo>=1.0.0,<1.1.0 | >1.1.0,<2.dev0 cannot be "
            "used. (1)\n"
            "\n"
            "Because there is no version of x>1.0.0,<2.dev0 and x==1.0.0 depends on y>=2.0.0,<3, "
            "x>=1.0.0,<2 depends on y>=2.0.0,<3.\n"
            "And because foo==1.1.0 depends on x>=1.0.0,<2 and foo==1.1.0 depends on "
            "y>=1.0.0,<2, foo==1.1.0 cannot be used.\n"
            "And because foo>=1.0.0,<1.1.0 | >1.1.0,<2.dev0 cannot be used (1), foo>=1.0.0,<2 "
            "cannot be used.\n"
            "And because you require foo>=1.0.0,<2, your requirements are unsatisfiable.\n");
}

// Random small universes (4 packages x 3 versions, random dependency ranges) solved and checked
// against brute force over every selection (each package unselected or at one of its versions):
// a solution must satisfy every dependency of what it selects; a failure must be real.
TEST(Solver, AgreesWithBruteForceOnRandomUniverses) {
  std::mt19937 rng(20261121);
  const std::vector<std::string> names = {"a", "b", "c", "d"};
  const std::vector<std::string> versions = {"1", "2", "3"};
  const std::vector<std::string> specs = {"*", ">=2", "<2", "==1", "==3", ">=3", "<3", "!=2"};
  int solved = 0, failed = 0;
  for (int round = 0; round < 300; ++round) {
    Universe u;
    auto pick = [&](size_t n) { return rng() % n; };
    std::vector<std::pair<std::string, std::string>> roots;
    for (const std::string& n : names) {
      if (pick(3) == 0) roots.emplace_back(n, specs[pick(specs.size())]);
    }
    if (roots.empty()) roots.emplace_back("a", "*");
    u.root_requires(roots);
    for (const std::string& n : names) {
      for (const std::string& ver : versions) {
        if (pick(5) == 0) continue;  // a missing version
        std::vector<std::pair<std::string, std::string>> deps;
        for (const std::string& other : names) {
          if (other != n && pick(4) == 0) deps.emplace_back(other, specs[pick(specs.size())]);
        }
        u.add(n, ver, deps);
      }
    }
    Outcome out = solve_ok(u);
    // Does a selection (package -> version, absent = unselected) satisfy everything?
    std::function<bool(const std::map<PackageId, Version>&)> valid =
        [&](const std::map<PackageId, Version>& sel) {
          for (const auto& [p, ver] : sel) {
            Result<Dependencies> deps = u.dependencies(p, ver);
            for (const auto& [dep, set] : deps->requirements) {
              auto it = sel.find(dep);
              if (it == sel.end() || !set.contains(it->second)) return false;
            }
          }
          return true;
        };
    if (out.solved) {
      ++solved;
      std::map<PackageId, Version> sel(out.selected.begin(), out.selected.end());
      EXPECT_TRUE(valid(sel)) << "round " << round;
      continue;
    }
    ++failed;
    // Brute force: every combination of (unselected | each version) for a..d.
    bool any = false;
    std::map<PackageId, Version> sel{{0, v("0")}};
    std::function<void(size_t)> search = [&](size_t k) {
      if (any) return;
      if (k == names.size()) {
        any = valid(sel);
        return;
      }
      PackageId p = u.id(names[k]);
      search(k + 1);
      for (const auto& [ver, deps] : u.versions_of(p)) {
        sel.insert_or_assign(p, ver);
        search(k + 1);
        sel.erase(p);
      }
    };
    search(0);
    EXPECT_FALSE(any) << "round " << round << ": the solver failed but a solution exists\n"
                      << explain(out, u);
    EXPECT_FALSE(explain(out, u).empty());
  }
  // Both kinds of outcome were exercised.
  EXPECT_GT(solved, 30);
  EXPECT_GT(failed, 30);
}

}  // namespace
}  // namespace roost::resolve::pubgrub
