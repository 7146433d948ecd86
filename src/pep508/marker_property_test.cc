// Property tests of the marker algebra: random markers (random variables, operators, values from
// small pools, random and/or nesting) evaluated in many environments, including the boundary
// Python versions around every literal. Deterministic (fixed seed).
#include <gtest/gtest.h>

#include <random>

#include "pep508/marker.h"
#include "pep508/marker_tree.h"

namespace roost::pep508 {
namespace {

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(rng_)];
  }
  bool chance(int percent) { return std::uniform_int_distribution<int>(0, 99)(rng_) < percent; }

  // One comparison. `with_atoms` allows the comparisons the algebra keeps opaque.
  std::string comparison(bool with_atoms) {
    static const std::vector<std::string> kOps = {"<", "<=", "==", "!=", ">=", ">", "~="};
    static const std::vector<std::string> kStringOps = {"==", "!=", "<=", ">=", "<", ">"};
    static const std::vector<std::string> kPythonVersions = {"2.7",  "3.7",  "3.8", "3.9",
                                                             "3.10", "3.12", "3",   "3.8.1"};
    static const std::vector<std::string> kFullVersions = {"3.7", "3.8",    "3.8.0", "3.8.1",
                                                           "3.9", "3.10.2", "3.12",  "3.13.0rc1"};
    static const std::vector<std::string> kWildcards = {"3.*", "3.8.*", "2.*", "3.12.*"};
    int kind = std::uniform_int_distribution<int>(0, with_atoms ? 11 : 8)(rng_);
    auto q = [](const std::string& s) { return "'" + s + "'"; };
    switch (kind) {
      case 0: {
        std::string op = pick(kOps);
        std::string v = pick(kPythonVersions);
        if (op == "~=" && v.find('.') == std::string::npos) v += ".0";
        return "python_version " + op + " " + q(v);
      }
      case 1: {
        std::string op = pick(kOps);
        return "python_full_version " + op + " " + q(pick(kFullVersions));
      }
      case 2: {
        std::string var = chance(50) ? "python_version" : "python_full_version";
        std::string literal = chance(15) ? "dog" : pick(kWildcards);
        return var + " " + pick<std::string>({"==", "!=", "<=", "<"}) + " " + q(literal);
      }
      case 3: {  // reversed version comparison, sometimes with a literal that is no version
        static const std::vector<std::string> kReversedOps = {"<", "<=", ">=", ">", "==", "!="};
        std::string var = chance(50) ? "python_version" : "python_full_version";
        std::string literal = chance(15) ? "dog" : pick(kPythonVersions);
        return q(literal) + " " + pick(kReversedOps) + " " + var;
      }
      case 4:
        return "sys_platform " + pick(kStringOps) + " " +
               q(pick<std::string>({"linux", "win32", "darwin"}));
      case 5:
        return "os_name " + pick<std::string>({"==", "!="}) + " " +
               q(pick<std::string>({"posix", "nt"}));
      case 6:
        return "extra " + pick<std::string>({"==", "!="}) + " " +
               q(pick<std::string>({"test", "dev", "Docs_X"}));
      case 7:
        return "implementation_version " + pick(kOps) + " " +
               q(pick<std::string>({"3.8", "7.3.1", "3.12"}));
      case 8:
        return "platform_machine " + pick<std::string>({"==", "!="}) + " " +
               q(pick<std::string>({"x86_64", "arm64"}));
      case 9:
        return q(pick<std::string>({"a", "b"})) + pick<std::string>({" in ", " not in "}) +
               "extras";
      case 10:
        return pick<std::string>(
            {"'lin' in sys_platform", "'win' not in sys_platform", "sys_platform in 'linux2'"});
      default:
        return "platform_release " + pick<std::string>({">=", "<", "==", "!="}) + " " +
               q(pick<std::string>({"22", "5.10", "6.1.0-18-amd64"}));
    }
  }

  std::string marker(int depth, bool with_atoms) {
    if (depth == 0 || chance(35)) return comparison(with_atoms);
    std::string left = marker(depth - 1, with_atoms);
    std::string right = marker(depth - 1, with_atoms);
    std::string op = chance(50) ? " and " : " or ";
    if (chance(50)) return "(" + left + op + right + ")";
    return left + op + right;
  }

  std::mt19937& rng() { return rng_; }

 private:
  std::mt19937 rng_;
};

// Python versions on both sides of every boundary the generator's literals create: x.y.dev0,
// pre-releases, the release, its local and post versions, the next patch.
std::vector<std::string> python_points(bool exotic) {
  std::vector<std::string> points = {
      "1.5",    "2.0.dev0", "2.0",      "2.6",       "2.7",    "2.7.18", "3.0",     "3.6.9",
      "3.7",    "3.7.9",    "3.8.dev0", "3.8rc1",    "3.8",    "3.8.0",  "3.8.0.1", "3.8.1rc1",
      "3.8.1",  "3.8.2",    "3.9.0a1",  "3.9",       "3.10",   "3.10.1", "3.10.2",  "3.10.3",
      "3.11.9", "3.12",     "3.12.1",   "3.13.0rc1", "3.13.0", "3.14",   "4.0"};
  if (exotic) {
    for (std::string v : {"3.8+local", "3.8.post1", "3.8.1.post2", "3.10.2+ubuntu", "3.12.post1"}) {
      points.push_back(v);
    }
  }
  return points;
}

MarkerEnvironment random_environment(Generator& g, bool exotic) {
  MarkerEnvironment env;
  std::string full = g.pick(python_points(exotic));
  env.values["python_full_version"] = full;
  auto version = pep440::Version::parse(full).value();
  auto release = version.release();
  env.values["python_version"] =
      std::to_string(release[0]) + "." + std::to_string(release.size() > 1 ? release[1] : 0);
  env.values["implementation_version"] =
      g.pick<std::string>({"3.7.0", "3.8", "3.8.0rc1", "7.3.1", "3.12.1"});
  env.values["sys_platform"] =
      g.pick<std::string>({"linux", "win32", "darwin", "linux2", "cygwin"});
  env.values["os_name"] = g.pick<std::string>({"posix", "nt", "java"});
  env.values["extra"] = g.pick<std::string>({"", "test", "dev", "docs-x", "other"});
  env.values["platform_machine"] = g.pick<std::string>({"x86_64", "arm64", "i686"});
  env.values["platform_release"] = g.pick<std::string>({"22.1.0", "5.10", "6.1.0-18-amd64", "21"});
  std::set<std::string> extras;
  for (const char* name : {"a", "b", "c"}) {
    if (g.chance(50)) extras.insert(name);
  }
  env.extras = extras;
  return env;
}

bool eval(const Marker& m, const MarkerEnvironment& env) {
  auto result = m.evaluate(env);
  EXPECT_TRUE(result.ok()) << m.as_written() << ": "
                           << (result.ok() ? "" : result.error().render());
  return result.ok() && *result;
}

Marker parse(const std::string& text) {
  auto m = Marker::parse(text);
  EXPECT_TRUE(m.ok()) << text << ": " << (m.ok() ? "" : m.error().render());
  return m.ok() ? *m : Marker::always_false();
}

// The diagram only, evaluated without the text.
Marker diagram(const Marker& m) {
  return m.and_(Marker::always_true());
}

std::string describe(const MarkerEnvironment& env) {
  std::string out;
  for (const auto& [k, v] : env.values) out += k + "=" + v + " ";
  out += "extras={";
  for (const auto& e : *env.extras) out += e + ",";
  return out + "}";
}

TEST(MarkerPropertyTest, AlgebraAgreesWithEvaluation) {
  Generator g(20240607);
  std::vector<MarkerEnvironment> envs;
  for (int i = 0; i < 60; ++i) envs.push_back(random_environment(g, /*exotic=*/false));
  int checked = 0;
  for (int round = 0; round < 300; ++round) {
    Marker a = parse(g.marker(3, true));
    Marker b = parse(g.marker(3, true));
    Marker both = a.and_(b);
    Marker either = a.or_(b);
    Marker not_a = a.not_();
    Marker canonical = a.to_string().empty() ? Marker::always_true() : parse(a.to_string());
    Marker rewritten = parse(a.as_written());
    for (const MarkerEnvironment& env : envs) {
      bool x = eval(a, env);
      bool y = eval(b, env);
      ASSERT_EQ(eval(both, env), x && y)
          << a.as_written() << "\n  AND " << b.as_written() << "\n  = " << both.to_string()
          << "\n  in " << describe(env);
      ASSERT_EQ(eval(either, env), x || y)
          << a.as_written() << "\n  OR " << b.as_written() << "\n  = " << either.to_string()
          << "\n  in " << describe(env);
      ASSERT_EQ(eval(not_a, env), !x)
          << a.as_written() << "\n  = " << not_a.to_string() << "\n  in " << describe(env);
      ASSERT_EQ(eval(canonical, env), x)
          << a.as_written() << "\n  canonical " << a.to_string() << "\n  in " << describe(env);
      ASSERT_EQ(eval(rewritten, env), x) << a.as_written();
      ++checked;
    }
    ASSERT_EQ(rewritten, a) << a.as_written();
    // The canonical text is a fixed point.
    ASSERT_EQ(canonical.to_string(), a.to_string()) << a.as_written();
  }
  EXPECT_EQ(checked, 300 * 60);
}

// simplify_given keeps the function wherever the context holds.
TEST(MarkerPropertyTest, SimplifyGivenAgreesInsideTheContext) {
  Generator g(424242);
  for (int round = 0; round < 300; ++round) {
    Marker a = parse(g.marker(3, true));
    Marker context = parse(g.marker(2, true));
    Marker simplified = a.simplify_given(context);
    ASSERT_EQ(simplified.and_(context), a.and_(context))
        << a.as_written() << "\n  given " << context.as_written()
        << "\n  = " << simplified.to_string();
  }
}

TEST(MarkerPropertyTest, DiagramIdentitiesHoldForPostAndLocalVersionsToo) {
  Generator g(7);
  for (int round = 0; round < 200; ++round) {
    Marker a = parse(g.marker(3, true));
    Marker b = parse(g.marker(3, true));
    Marker da = diagram(a);
    Marker db = diagram(b);
    for (int i = 0; i < 30; ++i) {
      MarkerEnvironment env = random_environment(g, /*exotic=*/true);
      bool x = eval(da, env);
      bool y = eval(db, env);
      ASSERT_EQ(eval(a.and_(b), env), x && y) << a.as_written() << " / " << b.as_written();
      ASSERT_EQ(eval(a.or_(b), env), x || y) << a.as_written() << " / " << b.as_written();
      ASSERT_EQ(eval(a.not_(), env), !x) << a.as_written();
    }
  }
}

TEST(MarkerPropertyTest, EqualFunctionsPrintTheSame) {
  Generator g(99);
  for (int round = 0; round < 300; ++round) {
    Marker a = parse(g.marker(2, true));
    Marker b = parse(g.marker(2, true));
    Marker c = parse(g.marker(2, true));
    // De Morgan.
    Marker left = a.and_(b).not_();
    Marker right = a.not_().or_(b.not_());
    ASSERT_EQ(left, right);
    ASSERT_EQ(left.to_string(), right.to_string());
    // Distributivity.
    Marker d1 = a.and_(b.or_(c));
    Marker d2 = a.and_(b).or_(a.and_(c));
    ASSERT_EQ(d1.to_string(), d2.to_string())
        << a.as_written() << " / " << b.as_written() << " / " << c.as_written();
    // Absorption, double negation, complement.
    ASSERT_EQ(a.or_(a.and_(b)).to_string(), a.to_string());
    ASSERT_EQ(a.not_().not_(), a);
    ASSERT_TRUE(a.or_(a.not_()).is_true());
    ASSERT_TRUE(a.and_(a.not_()).is_false());
    // Built from text in two orders.
    Marker ab = parse("(" + a.as_written() + ") and (" + b.as_written() + ")");
    Marker ba = parse("(" + b.as_written() + ") and (" + a.as_written() + ")");
    ASSERT_EQ(ab.to_string(), ba.to_string());
    ASSERT_EQ(ab, a.and_(b));
  }
}

// Walks the diagram to `true`, choosing in each node a value its edge allows, and returns the
// environment; nullopt for a false diagram.
std::optional<MarkerEnvironment> witness(const detail::Tree& tree) {
  using detail::DecisionKind;
  MarkerEnvironment env;
  env.extras = std::set<std::string>{};
  env.values = {{"python_full_version", "3.12.1"},
                {"implementation_version", "3.12.1"},
                {"sys_platform", "linux"},
                {"os_name", "posix"},
                {"extra", ""},
                {"platform_machine", "x86_64"},
                {"platform_release", "6.1.0"}};
  std::function<bool(const detail::Tree&)> walk = [&](const detail::Tree& t) -> bool {
    if (t.is_constant()) return t.is_true();
    const detail::Node& node = t.node();
    switch (detail::kind_of(node.decision())) {
      case DecisionKind::kVersion:
        for (const detail::VersionEdge& e : node.version_edges()) {
          std::vector<std::string> points = python_points(false);
          for (const char* more : {"7.3.0", "7.3.1rc1", "7.3.1", "7.4"}) points.push_back(more);
          for (const std::string& point : points) {
            auto v = pep440::Version::parse(point).value();
            if (!e.set.contains(v)) continue;
            env.values[std::string(detail::name_of(detail::variable_of(node.decision())))] = point;
            if (walk(e.child)) return true;
            break;
          }
        }
        return false;
      case DecisionKind::kString: {
        std::string name(detail::name_of(detail::variable_of(node.decision())));
        for (const detail::StringEdge& e : node.string_edges()) {
          env.values[name] = e.value;
          if (walk(e.child)) return true;
        }
        env.values[name] = "some-other-value";
        return walk(node.otherwise());
      }
      case DecisionKind::kBool:
        env.extras->insert(node.key());
        if (walk(node.if_true())) return true;
        env.extras->erase(node.key());
        return walk(node.if_false());
    }
    return false;
  };
  if (!walk(tree)) return std::nullopt;
  auto full = pep440::Version::parse(env.values["python_full_version"]).value();
  env.values["python_version"] = std::to_string(full.release()[0]) + "." +
                                 std::to_string(full.release().size() > 1 ? full.release()[1] : 0);
  return env;
}

TEST(MarkerPropertyTest, IsFalseExactlyWhenNoEnvironmentSatisfies) {
  Generator g(4242);
  int satisfiable = 0;
  int unsatisfiable = 0;
  for (int round = 0; round < 400; ++round) {
    // No opaque atoms: their truth is not independent of the variables they read.
    Marker a = parse(g.marker(3, false));
    Marker b = parse(g.marker(3, false));
    Marker both = a.and_(b);
    auto env = witness(both.tree());
    if (both.is_false()) {
      ++unsatisfiable;
      ASSERT_FALSE(env.has_value());
      ASSERT_TRUE(a.is_disjoint(b));
      for (int i = 0; i < 40; ++i) {
        MarkerEnvironment e = random_environment(g, false);
        ASSERT_FALSE(eval(a, e) && eval(b, e)) << a.as_written() << " / " << b.as_written();
      }
    } else {
      ++satisfiable;
      ASSERT_FALSE(a.is_disjoint(b));
      ASSERT_TRUE(env.has_value()) << both.to_string();
      ASSERT_TRUE(eval(a, *env) && eval(b, *env))
          << a.as_written() << " / " << b.as_written() << " in " << describe(*env);
    }
  }
  EXPECT_GT(satisfiable, 50);
  EXPECT_GT(unsatisfiable, 20);
}

TEST(MarkerPropertyTest, SimplifyPythonAgreesInsideTheRange) {
  Generator g(31337);
  std::vector<std::pair<std::string, pep440::VersionRanges>> ranges;
  for (const char* spec : {">=3.8", ">=3.9,<3.13", "==3.10.*", "<3.8", ">3.8.1", ">=3.8.1rc1"}) {
    ranges.emplace_back(spec,
                        pep440::VersionRanges::from(pep440::SpecifierSet::parse(spec).value()));
  }
  for (int round = 0; round < 300; ++round) {
    Marker a = parse(g.marker(3, true));
    for (const auto& [spec, range] : ranges) {
      Marker simple = a.simplify_python(range);
      for (int i = 0; i < 20; ++i) {
        MarkerEnvironment env = random_environment(g, false);
        auto v = pep440::Version::parse(env.values["python_full_version"]).value();
        if (!range.contains(v)) continue;
        ASSERT_EQ(eval(simple, env), eval(a, env))
            << a.as_written() << " under " << spec << " = " << simple.to_string();
      }
    }
  }
}

}  // namespace
}  // namespace roost::pep508
