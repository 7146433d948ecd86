// Conformance with pypa/packaging: every case of every group of versions.json and
// specifiers.json, and the canonicalize_version groups of utils.json (tests/data/packaging;
// README.md there gives each group's exact semantics in packaging's Python API).
//
// packaging's prerelease keywords map onto PrereleasePolicy as follows: an explicit
// contains()/filter() keyword wins, then the specifier's own override, as in packaging. When
// neither is given:
//  - filter() applies PEP 440's recommendation (prereleases only when no final release
//    matches, unless the specifier opts in): that is our kDefault, checked as is.
//  - contains() in packaging accepts a matching prerelease (it filters a one-element list, where
//    no final release competes). That is not PEP 440's opt-in rule, which kDefault implements;
//    we check those cases with kAllow (packaging's observable answer) and also check kDefault
//    against what PEP 440 derives from the same answer: a match, and a prerelease only if the
//    specifier opts in.
//  - installed=True accepts an installed prerelease (packaging API); we map it to kAllow.
// No case is skipped.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "pep440/canonicalize.h"
#include "testing/packaging_vectors.h"
#include "pep440/ranges.h"
#include "pep440/specifier.h"
#include "pep440/version.h"

namespace roost::pep440 {
namespace {

using json = nlohmann::json;
using Check = roost::testing::VectorCheck;



std::string fails_if(bool failed, const std::string& why) { return failed ? why : std::string(); }

Version version(const std::string& text) {
  auto r = Version::parse(text);
  return r.ok() ? *r : Version::from_release({999999});
}

Specifier specifier(const std::string& text) {
  auto r = Specifier::parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message());
  return r.ok() ? *r : *Specifier::parse("===invalid-test-input");
}

SpecifierSet specifier_set(const std::string& text) {
  auto r = SpecifierSet::parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message());
  return r.ok() ? *r : SpecifierSet();
}

bool is_version_object(const json& item) { return item.is_object(); }
std::string item_text(const json& item) {
  return item.is_object() ? item.at("version_object").get<std::string>() : item.get<std::string>();
}

std::optional<bool> flag(const json& c, const char* key) {
  if (!c.contains(key) || c.at(key).is_null()) return std::nullopt;
  return c.at(key).get<bool>();
}

PrereleasePolicy explicit_policy(bool allow) {
  return allow ? PrereleasePolicy::kAllow : PrereleasePolicy::kDeny;
}

std::string policy_name(PrereleasePolicy p) {
  switch (p) {
    case PrereleasePolicy::kAllow:
      return "kAllow";
    case PrereleasePolicy::kDeny:
      return "kDeny";
    case PrereleasePolicy::kDefault:
      return "kDefault";
  }
  return "?";
}

// Checks a contains() case of a Specifier or SpecifierSet: `matches(item, policy)`.
template <typename Spec>
std::string check_contains(const Spec& spec, const json& item, std::optional<bool> spec_pre,
                           std::optional<bool> contains_pre, std::optional<bool> installed,
                           bool expected) {
  auto matches = [&](PrereleasePolicy p) {
    if (is_version_object(item)) return spec.contains(version(item_text(item)), p);
    return spec.contains_text(item_text(item), p);
  };
  auto parsed = Version::parse(item_text(item));
  bool is_pre = parsed.ok() && parsed->is_prerelease();
  std::optional<bool> keyword = contains_pre ? contains_pre : spec_pre;
  if (installed.value_or(false) && is_pre) keyword = true;
  if (keyword) {
    PrereleasePolicy p = explicit_policy(*keyword);
    return fails_if(matches(p) != expected, "with " + policy_name(p) + " got " +
                                                (expected ? "false" : "true"));
  }
  if (matches(PrereleasePolicy::kAllow) != expected) {
    return std::string("with kAllow (packaging's default contains()) got ") +
           (expected ? "false" : "true");
  }
  bool pep440 = expected && (!is_pre || spec.admits_prereleases());
  return fails_if(matches(PrereleasePolicy::kDefault) != pep440,
                  std::string("with kDefault (PEP 440 opt-in) got ") + (pep440 ? "false" : "true"));
}

// Checks a filter() case: the kept items, in order, must be `expected`.
template <typename Spec>
std::string check_filter(const Spec& spec, const json& c, std::optional<bool> forced) {
  const json& input = c.at("input");
  std::vector<Version> parsed;
  parsed.reserve(input.size());
  for (const json& item : input) parsed.push_back(version(item_text(item)));
  std::vector<std::string> texts;
  for (const json& item : input) texts.push_back(item_text(item));
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < input.size(); ++i) {
    candidates.push_back(is_version_object(input[i]) ? Candidate{&parsed[i], {}}
                                                     : Candidate{nullptr, texts[i]});
  }
  std::optional<bool> keyword = forced;
  if (!keyword) keyword = flag(c, "filter_prereleases");
  if (!keyword) keyword = flag(c, "spec_prereleases");
  PrereleasePolicy p = keyword ? explicit_policy(*keyword) : PrereleasePolicy::kDefault;
  json kept = json::array();
  for (size_t i : spec.filter(candidates, p)) kept.push_back(input[i]);
  return fails_if(kept != c.at("expected"), "with " + policy_name(p) + " kept " + kept.dump());
}

std::map<std::string, Check> version_checks() {
  std::map<std::string, Check> m;
  m["valid"] = [](const json& c) {
    auto r = Version::parse(c.at("version").get<std::string>());
    return fails_if(!r.ok(), r.ok() ? "" : r.error().message());
  };
  m["invalid"] = [](const json& c) {
    auto r = Version::parse(c.at("version").get<std::string>());
    return fails_if(r.ok(), r.ok() ? "parsed as " + r->to_string() : "");
  };
  auto string_field = [](const char* field, std::function<std::string(const Version&)> get) {
    return [field, get](const json& c) {
      auto r = Version::parse(c.at("version").get<std::string>());
      if (!r.ok()) return r.error().message();
      std::string got = get(*r);
      return fails_if(got != c.at(field).get<std::string>(), "got " + got);
    };
  };
  m["normalized"] = string_field("normalized", [](const Version& v) { return v.to_string(); });
  m["str"] = string_field("expected", [](const Version& v) { return v.to_string(); });
  m["public"] =
      string_field("public", [](const Version& v) { return v.without_local().to_string(); });
  m["base_version"] =
      string_field("base_version", [](const Version& v) { return v.base_version().to_string(); });
  auto json_field = [](const char* field, std::function<json(const Version&)> get) {
    return [field, get](const json& c) {
      auto r = Version::parse(c.at("version").get<std::string>());
      if (!r.ok()) return r.error().message();
      json got = get(*r);
      return fails_if(got != c.at(field), "got " + got.dump());
    };
  };
  m["epoch"] = json_field("epoch", [](const Version& v) { return json(v.epoch()); });
  m["release"] = json_field("release", [](const Version& v) {
    return json(std::vector<uint64_t>(v.release().begin(), v.release().end()));
  });
  m["local"] = json_field("local", [](const Version& v) -> json {
    if (!v.has_local()) return nullptr;
    std::string s = v.to_string();
    return s.substr(s.find('+') + 1);
  });
  m["pre"] = json_field("pre", [](const Version& v) -> json {
    if (!v.pre()) return nullptr;
    return json::array({std::string(to_string(v.pre()->kind)), v.pre()->number});
  });
  m["dev"] = json_field("dev", [](const Version& v) -> json {
    return v.dev() ? json(*v.dev()) : json(nullptr);
  });
  m["post"] = json_field("post", [](const Version& v) -> json {
    return v.post() ? json(*v.post()) : json(nullptr);
  });
  m["is_prerelease"] =
      json_field("expected", [](const Version& v) { return json(v.is_prerelease()); });
  m["is_devrelease"] =
      json_field("expected", [](const Version& v) { return json(v.is_devrelease()); });
  m["is_postrelease"] =
      json_field("expected", [](const Version& v) { return json(v.is_postrelease()); });
  m["ordering"] = [](const json& c) {
    std::vector<Version> versions;
    for (const json& text : c.at("ascending")) versions.push_back(version(text));
    std::string failures;
    for (size_t i = 0; i < versions.size(); ++i) {
      for (size_t j = 0; j < versions.size(); ++j) {
        const Version& a = versions[i];
        const Version& b = versions[j];
        bool ok = (a < b) == (i < j) && (a <= b) == (i <= j) && (a == b) == (i == j) &&
                  (a != b) == (i != j) && (a >= b) == (i >= j) && (a > b) == (i > j);
        if (!ok) {
          failures += c.at("ascending")[i].get<std::string>() + " vs " +
                      c.at("ascending")[j].get<std::string>() + "; ";
        }
      }
    }
    return failures;
  };
  return m;
}

std::map<std::string, Check> specifier_checks() {
  std::map<std::string, Check> m;
  auto parses = [](const json& c) {
    auto r = Specifier::parse(c.at("specifier").get<std::string>());
    return fails_if(!r.ok(), r.ok() ? "" : r.error().message());
  };
  m["specifier_valid"] = parses;
  m["specifier_valid_unnormalized_versions"] = [](const json& c) {
    // The version part, whitespace and all, must parse to the specifier's version.
    auto r = Specifier::parse(c.at("specifier").get<std::string>());
    if (!r.ok()) return r.error().message();
    auto v = Version::parse(c.at("version_text").get<std::string>());
    if (!v.ok()) return v.error().message();
    return fails_if(!(r->version() == *v) || r->version().to_string() != v->to_string(),
                    "version " + r->version().to_string());
  };
  m["specifier_invalid"] = [](const json& c) {
    auto r = Specifier::parse(c.at("specifier").get<std::string>());
    return fails_if(r.ok(), r.ok() ? "parsed as " + r->to_string() : "");
  };
  m["specifier_str"] = [](const json& c) {
    std::string got = specifier(c.at("specifier")).to_string();
    return fails_if(got != c.at("expected").get<std::string>(), "got " + got);
  };
  auto equality = [](bool expected) {
    return [expected](const json& c) {
      Specifier a = specifier(c.at("left")), b = specifier(c.at("right"));
      bool result = c.at("op") == "==" ? a == b : !(a == b);
      return fails_if(result != expected, "got " + std::string(result ? "true" : "false"));
    };
  };
  m["specifier_equality_true"] = equality(true);
  m["specifier_equality_false"] = equality(false);
  // Specifier(s, prereleases=True).contains(v).
  auto contains_allowing = [](const json& c) {
    return check_contains(specifier(c.at("specifier")), c.at("version"), true, std::nullopt,
                          std::nullopt, c.at("expected").get<bool>());
  };
  m["contains"] = contains_allowing;
  m["contains_non_pep440_candidate"] = contains_allowing;
  m["arbitrary_equality_normalization"] = contains_allowing;
  m["contains_prerelease_policy"] = [](const json& c) {
    return check_contains(specifier(c.at("specifier")), c.at("version"),
                          flag(c, "spec_prereleases"), flag(c, "contains_prereleases"),
                          std::nullopt, c.at("expected").get<bool>());
  };
  auto contains_default = [](const json& c) {
    return check_contains(specifier(c.at("specifier")), c.at("version"), std::nullopt,
                          std::nullopt, std::nullopt, c.at("expected").get<bool>());
  };
  m["arbitrary_equality"] = contains_default;
  m["specifier_contains_version_object"] = [](const json& c) {
    json item = {{"version_object", c.at("version")}};
    return check_contains(specifier(c.at("specifier")), item, std::nullopt, std::nullopt,
                          std::nullopt, c.at("expected").get<bool>());
  };
  m["specifier_admits_prereleases"] = [](const json& c) {
    bool got = specifier(c.at("specifier")).admits_prereleases();
    return fails_if(got != c.at("expected").get<bool>(), "got " + std::to_string(got));
  };
  m["specifier_filter"] = [](const json& c) {
    return check_filter(specifier(c.at("specifier")), c, std::nullopt);
  };
  m["specifier_filter_arbitrary_equality_normalization"] = [](const json& c) {
    return check_filter(specifier(c.at("specifier")), c, true);
  };
  m["specifier_operator"] = [](const json& c) {
    std::string got(to_string(specifier(c.at("specifier")).op()));
    return fails_if(got != c.at("operator").get<std::string>(), "got " + got);
  };
  m["specifier_version"] = [](const json& c) {
    std::string got = specifier(c.at("specifier")).version_text();
    return fails_if(got != c.at("version").get<std::string>(), "got " + got);
  };
  m["set_length"] = [](const json& c) {
    size_t got = specifier_set(c.at("specifier")).clauses().size();
    return fails_if(got != c.at("expected_length").get<size_t>(), "got " + std::to_string(got));
  };
  m["set_clauses"] = [](const json& c) {
    std::set<std::string> got;
    SpecifierSet set = specifier_set(c.at("specifier"));
    for (const Specifier& s : set.clauses()) {
      got.insert(s.to_string());
    }
    auto expected = c.at("expected_items").get<std::set<std::string>>();
    return fails_if(got != expected, "got " + json(got).dump());
  };
  m["set_empty_contains_all"] = [](const json& c) {
    return check_contains(SpecifierSet(), c.at("version"), true, std::nullopt, std::nullopt, true);
  };
  m["set_empty_filter"] = [](const json& c) { return check_filter(SpecifierSet(), c, std::nullopt); };
  m["set_filter"] = [](const json& c) {
    return check_filter(specifier_set(c.at("specifier")), c, std::nullopt);
  };
  auto set_contains = [](const json& c) {
    return check_contains(specifier_set(c.at("specifier")), c.at("version"),
                          flag(c, "spec_prereleases"), flag(c, "contains_prereleases"),
                          flag(c, "installed"), c.at("expected").get<bool>());
  };
  m["set_contains_prerelease_policy"] = set_contains;
  m["set_contains_exclusionary_bridges"] = set_contains;
  m["set_contains_post_release_boundary"] = set_contains;
  m["set_contains_non_pep440_candidate"] = set_contains;
  m["set_contains_arbitrary_equality"] = set_contains;
  m["set_contains_arbitrary_equality_normalization"] = set_contains;
  m["set_contains_ignores_local"] = [](const json& c) {
    json item = {{"version_object", c.at("version")}};
    return check_contains(specifier_set(c.at("specifier")), item, std::nullopt, std::nullopt,
                          std::nullopt, c.at("expected").get<bool>());
  };
  m["set_str"] = [](const json& c) {
    std::string got = specifier_set(c.at("specifier")).to_string();
    return fails_if(got != c.at("expected").get<std::string>(), "got " + got);
  };
  auto set_equality = [](bool expected) {
    return [expected](const json& c) {
      SpecifierSet a = specifier_set(c.at("left")), b = specifier_set(c.at("right"));
      bool result = c.at("op") == "==" ? a == b : !(a == b);
      return fails_if(result != expected, "got " + std::string(result ? "true" : "false"));
    };
  };
  m["set_equality_true"] = set_equality(true);
  m["set_equality_false"] = set_equality(false);
  m["set_intersection"] = [](const json& c) {
    SpecifierSet got = specifier_set(c.at("left")).intersect(specifier_set(c.at("right")));
    return fails_if(!(got == specifier_set(c.at("expected"))), "got " + got.to_string());
  };
  auto ranges = [](const json& text) { return VersionRanges::from(specifier_set(text)); };
  m["set_is_subset"] = [ranges](const json& c) {
    bool got = ranges(c.at("left")).is_subset_of(ranges(c.at("right")));
    return fails_if(got != c.at("expected").get<bool>(), "got " + std::to_string(got));
  };
  m["set_is_superset"] = [ranges](const json& c) {
    bool got = ranges(c.at("right")).is_subset_of(ranges(c.at("left")));
    return fails_if(got != c.at("expected").get<bool>(), "got " + std::to_string(got));
  };
  m["set_is_disjoint"] = [ranges](const json& c) {
    bool got = ranges(c.at("left")).is_disjoint(ranges(c.at("right")));
    return fails_if(got != c.at("expected").get<bool>(), "got " + std::to_string(got));
  };
  m["set_is_unsatisfiable"] = [](const json& c) {
    auto keyword = flag(c, "spec_prereleases");
    PrereleasePolicy p = explicit_policy(keyword.value_or(true));
    bool got = specifier_set(c.at("specifier")).is_unsatisfiable(p);
    return fails_if(got != c.at("expected").get<bool>(),
                    "with " + policy_name(p) + " got " + std::to_string(got));
  };
  return m;
}

std::map<std::string, Check> utils_checks() {
  std::map<std::string, Check> m;
  m["canonicalize_version"] = [](const json& c) {
    const json& item = c.at("version");
    std::string got = is_version_object(item) ? canonicalize_version(version(item_text(item)))
                                              : canonicalize_version(item_text(item));
    return fails_if(got != c.at("expected").get<std::string>(), "got " + got);
  };
  m["canonicalize_version_keep_trailing_zero"] = [](const json& c) {
    std::string got = canonicalize_version(c.at("version").get<std::string>(), false);
    return fails_if(got != c.at("version").get<std::string>(), "got " + got);
  };
  return m;
}

// Runs every case of one group; each failure names the case.
void run_group(const std::string& file, const std::string& group, const Check& check) {
  roost::testing::run_vector_group(file, group, check);
}

void run_file(const std::string& file, const std::map<std::string, Check>& checks,
              bool every_group) {
  const json& groups = roost::testing::packaging_vectors(file).at("groups");
  for (auto it = groups.begin(); it != groups.end(); ++it) {
    auto check = checks.find(it.key());
    if (check == checks.end()) {
      if (every_group) ADD_FAILURE() << file << ": no check for group " << it.key();
      continue;
    }
    run_group(file, it.key(), check->second);
  }
  for (const auto& [name, check] : checks) {
    EXPECT_TRUE(groups.contains(name)) << file << ": group " << name << " is gone";
  }
}

TEST(ConformanceTest, Versions) { run_file("versions.json", version_checks(), true); }
TEST(ConformanceTest, Specifiers) { run_file("specifiers.json", specifier_checks(), true); }
TEST(ConformanceTest, CanonicalizeVersion) { run_file("utils.json", utils_checks(), false); }

}  // namespace
}  // namespace roost::pep440
