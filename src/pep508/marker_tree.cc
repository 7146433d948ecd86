// The reduced ordered decision diagram behind the marker algebra: node construction (which keeps
// the diagram canonical), and / or / not with per-operation memoisation, Python-range restriction
// and evaluation.
#include "pep508/marker_tree.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace roost::pep508::detail {
namespace {

size_t mix(size_t h, size_t v) {
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

size_t hash_ranges(const pep440::VersionRanges& ranges) {
  size_t h = 0x51ed27;
  for (const pep440::Interval& i : ranges.intervals()) {
    for (const pep440::Bound* b : {&i.lower, &i.upper}) {
      h = mix(h, b->version ? b->version->hash() : 0x77);
      h = mix(h, b->inclusive ? 1 : 2);
    }
  }
  return h;
}

// Sorts version edges by where their set starts (-inf first).
bool starts_before(const pep440::VersionRanges& a, const pep440::VersionRanges& b) {
  const pep440::Bound& la = a.intervals().front().lower;
  const pep440::Bound& lb = b.intervals().front().lower;
  if (!la.version || !lb.version) return !la.version && lb.version;
  if (*la.version != *lb.version) return *la.version < *lb.version;
  return la.inclusive && !lb.inclusive;
}

struct PairHash {
  size_t operator()(const std::pair<const Node*, const Node*>& p) const {
    return mix(std::hash<const void*>()(p.first), std::hash<const void*>()(p.second));
  }
};

// Rebuilds `node` with each child replaced by f(child).
Tree map_children(const Node& node, const std::function<Tree(const Tree&)>& f) {
  switch (kind_of(node.decision())) {
    case DecisionKind::kVersion: {
      std::vector<VersionEdge> edges;
      for (const VersionEdge& e : node.version_edges()) edges.push_back({e.set, f(e.child)});
      return make_version_node(node.decision(), std::move(edges));
    }
    case DecisionKind::kString: {
      std::vector<StringEdge> edges;
      for (const StringEdge& e : node.string_edges()) edges.push_back({e.value, f(e.child)});
      return make_string_node(node.decision(), std::move(edges), f(node.otherwise()));
    }
    case DecisionKind::kBool:
      return make_bool_node(node.decision(), node.key(), node.atom(), f(node.if_true()),
                            f(node.if_false()));
  }
  return Tree();
}

// and / or of two diagrams, memoised on node pairs for the duration of one operation.
class Apply {
 public:
  explicit Apply(bool is_and) : is_and_(is_and) {}

  Tree run(const Tree& a, const Tree& b) {
    if (a.is_constant()) return a.is_true() == is_and_ ? b : a;
    if (b.is_constant()) return b.is_true() == is_and_ ? a : b;
    if (a == b) return a;
    const Node* x = a.node_ptr();
    const Node* y = b.node_ptr();
    std::pair<const Node*, const Node*> key = x < y ? std::make_pair(x, y) : std::make_pair(y, x);
    auto found = memo_.find(key);
    if (found != memo_.end()) return found->second;
    Tree result = combine(a, b);
    memo_.emplace(key, result);
    return result;
  }

 private:
  Tree combine(const Tree& a, const Tree& b) {
    int order = compare_decisions(a.node(), b.node());
    if (order < 0) return map_children(a.node(), [&](const Tree& c) { return run(c, b); });
    if (order > 0) return map_children(b.node(), [&](const Tree& c) { return run(a, c); });
    const Node& x = a.node();
    const Node& y = b.node();
    switch (kind_of(x.decision())) {
      case DecisionKind::kVersion: {
        std::vector<VersionEdge> edges;
        for (const VersionEdge& ex : x.version_edges()) {
          for (const VersionEdge& ey : y.version_edges()) {
            pep440::VersionRanges both = ex.set.intersect(ey.set);
            if (!both.is_empty()) edges.push_back({std::move(both), run(ex.child, ey.child)});
          }
        }
        return make_version_node(x.decision(), std::move(edges));
      }
      case DecisionKind::kString: {
        std::vector<std::string> values;
        for (const StringEdge& e : x.string_edges()) values.push_back(e.value);
        for (const StringEdge& e : y.string_edges()) values.push_back(e.value);
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        std::vector<StringEdge> edges;
        for (const std::string& v : values)
          edges.push_back({v, run(x.child_for(v), y.child_for(v))});
        return make_string_node(x.decision(), std::move(edges), run(x.otherwise(), y.otherwise()));
      }
      case DecisionKind::kBool:
        return make_bool_node(x.decision(), x.key(), x.atom(), run(x.if_true(), y.if_true()),
                              run(x.if_false(), y.if_false()));
    }
    return Tree();
  }

  bool is_and_;
  std::unordered_map<std::pair<const Node*, const Node*>, Tree, PairHash> memo_;
};

class Negate {
 public:
  Tree run(const Tree& t) {
    if (t.is_constant()) return Tree::constant(!t.is_true());
    auto found = memo_.find(t.node_ptr());
    if (found != memo_.end()) return found->second;
    Tree result = map_children(t.node(), [&](const Tree& c) { return run(c); });
    memo_.emplace(t.node_ptr(), result);
    return result;
  }

 private:
  std::unordered_map<const Node*, Tree> memo_;
};

pep440::VersionRanges interval_ranges(const pep440::Interval& i) {
  using pep440::VersionRanges;
  VersionRanges out = VersionRanges::full();
  if (i.lower.version) {
    out = out.intersect(i.lower.inclusive ? VersionRanges::at_least(*i.lower.version)
                                          : VersionRanges::higher_than(*i.lower.version));
  }
  if (i.upper.version) {
    out = out.intersect(i.upper.inclusive ? VersionRanges::at_most(*i.upper.version)
                                          : VersionRanges::lower_than(*i.upper.version));
  }
  return out;
}

Result<const pep440::Version*> version_for(Decision d, const EnvironmentView& env) {
  Variable v = variable_of(d);
  const pep440::Version* version = env.version(v);
  const std::string* text = env.string(v);
  if (!version && !text && v == Variable::kPythonFullVersion) {
    // Only python_version given: x.y stands for its own releases.
    version = env.version(Variable::kPythonVersion);
    text = env.string(Variable::kPythonVersion);
    v = Variable::kPythonVersion;
  }
  if (version) return version;
  if (!text) return missing_variable(variable_of(d));
  return Error(ErrorKind::kUsage, "the marker environment's " + std::string(name_of(v)) + " " +
                                      quote_value(*text, '\'') + " is not a PEP 440 version");
}

}  // namespace

size_t Tree::hash() const {
  return node_ ? node_->hash() : (value_ ? 1 : 2);
}

bool nodes_equal(const Node& a, const Node& b) {
  if (&a == &b) return true;
  if (a.hash_ != b.hash_ || a.decision_ != b.decision_ || a.key_ != b.key_) return false;
  switch (kind_of(a.decision_)) {
    case DecisionKind::kVersion:
      if (a.version_edges_.size() != b.version_edges_.size()) return false;
      for (size_t i = 0; i < a.version_edges_.size(); ++i) {
        if (!(a.version_edges_[i].set == b.version_edges_[i].set) ||
            !(a.version_edges_[i].child == b.version_edges_[i].child)) {
          return false;
        }
      }
      return true;
    case DecisionKind::kString:
      if (a.string_edges_.size() != b.string_edges_.size() || !(a.otherwise_ == b.otherwise_)) {
        return false;
      }
      for (size_t i = 0; i < a.string_edges_.size(); ++i) {
        if (a.string_edges_[i].value != b.string_edges_[i].value ||
            !(a.string_edges_[i].child == b.string_edges_[i].child)) {
          return false;
        }
      }
      return true;
    case DecisionKind::kBool:
      return a.if_true_ == b.if_true_ && a.if_false_ == b.if_false_;
  }
  return false;
}

bool operator==(const Tree& a, const Tree& b) {
  if (a.node_ == nullptr || b.node_ == nullptr) {
    return a.node_ == b.node_ && a.value_ == b.value_;
  }
  return nodes_equal(*a.node_, *b.node_);
}

DecisionKind kind_of(Decision d) {
  switch (d) {
    case Decision::kPythonFullVersion:
    case Decision::kImplementationVersion:
      return DecisionKind::kVersion;
    case Decision::kExtrasMember:
    case Decision::kGroupsMember:
    case Decision::kAtom:
      return DecisionKind::kBool;
    default:
      return DecisionKind::kString;
  }
}

Variable variable_of(Decision d) {
  switch (d) {
    case Decision::kPythonFullVersion:
      return Variable::kPythonFullVersion;
    case Decision::kImplementationVersion:
      return Variable::kImplementationVersion;
    case Decision::kImplementationName:
      return Variable::kImplementationName;
    case Decision::kPlatformPythonImplementation:
      return Variable::kPlatformPythonImplementation;
    case Decision::kOsName:
      return Variable::kOsName;
    case Decision::kSysPlatform:
      return Variable::kSysPlatform;
    case Decision::kPlatformSystem:
      return Variable::kPlatformSystem;
    case Decision::kPlatformMachine:
      return Variable::kPlatformMachine;
    case Decision::kPlatformRelease:
      return Variable::kPlatformRelease;
    case Decision::kPlatformVersion:
      return Variable::kPlatformVersion;
    case Decision::kExtra:
      return Variable::kExtra;
    case Decision::kExtrasMember:
      return Variable::kExtras;
    case Decision::kGroupsMember:
      return Variable::kDependencyGroups;
    case Decision::kAtom:
      break;
  }
  return Variable::kExtra;
}

Decision decision_of(Variable v) {
  switch (v) {
    case Variable::kPythonVersion:
    case Variable::kPythonFullVersion:
      return Decision::kPythonFullVersion;
    case Variable::kImplementationVersion:
      return Decision::kImplementationVersion;
    case Variable::kImplementationName:
      return Decision::kImplementationName;
    case Variable::kPlatformPythonImplementation:
      return Decision::kPlatformPythonImplementation;
    case Variable::kOsName:
      return Decision::kOsName;
    case Variable::kSysPlatform:
      return Decision::kSysPlatform;
    case Variable::kPlatformSystem:
      return Decision::kPlatformSystem;
    case Variable::kPlatformMachine:
      return Decision::kPlatformMachine;
    case Variable::kPlatformRelease:
      return Decision::kPlatformRelease;
    case Variable::kPlatformVersion:
      return Decision::kPlatformVersion;
    case Variable::kExtra:
      return Decision::kExtra;
    case Variable::kExtras:
      return Decision::kExtrasMember;
    case Variable::kDependencyGroups:
      return Decision::kGroupsMember;
  }
  return Decision::kAtom;
}

int compare_decisions(const Node& a, const Node& b) {
  if (a.decision() != b.decision()) return a.decision() < b.decision() ? -1 : 1;
  return a.key().compare(b.key());
}

const Tree& Node::child_for(std::string_view value) const {
  auto it = std::lower_bound(string_edges_.begin(), string_edges_.end(), value,
                             [](const StringEdge& e, std::string_view v) { return e.value < v; });
  if (it != string_edges_.end() && it->value == value) return it->child;
  return otherwise_;
}

Tree make_version_node(Decision decision, std::vector<VersionEdge> edges) {
  std::vector<VersionEdge> merged;
  for (VersionEdge& e : edges) {
    if (e.set.is_empty()) continue;
    auto same = std::find_if(merged.begin(), merged.end(),
                             [&](const VersionEdge& m) { return m.child == e.child; });
    if (same != merged.end()) {
      same->set = same->set.union_with(e.set);
    } else {
      merged.push_back(std::move(e));
    }
  }
  if (merged.empty()) return Tree();
  if (merged.size() == 1) return merged.front().child;
  std::sort(merged.begin(), merged.end(),
            [](const VersionEdge& a, const VersionEdge& b) { return starts_before(a.set, b.set); });
  auto node = std::make_shared<Node>();
  node->decision_ = decision;
  size_t h = mix(0, static_cast<size_t>(decision));
  for (const VersionEdge& e : merged) h = mix(mix(h, hash_ranges(e.set)), e.child.hash());
  node->hash_ = h;
  node->version_edges_ = std::move(merged);
  return Tree(std::move(node));
}

Tree make_string_node(Decision decision, std::vector<StringEdge> edges, Tree otherwise) {
  std::vector<StringEdge> kept;
  for (StringEdge& e : edges) {
    if (!(e.child == otherwise)) kept.push_back(std::move(e));
  }
  if (kept.empty()) return otherwise;
  std::sort(kept.begin(), kept.end(),
            [](const StringEdge& a, const StringEdge& b) { return a.value < b.value; });
  auto node = std::make_shared<Node>();
  node->decision_ = decision;
  size_t h = mix(0x5717, static_cast<size_t>(decision));
  for (const StringEdge& e : kept) {
    h = mix(mix(h, std::hash<std::string>()(e.value)), e.child.hash());
  }
  node->hash_ = mix(h, otherwise.hash());
  node->string_edges_ = std::move(kept);
  node->otherwise_ = std::move(otherwise);
  return Tree(std::move(node));
}

Tree make_bool_node(Decision decision, std::string key, std::shared_ptr<const Atom> atom,
                    Tree if_true, Tree if_false) {
  if (if_true == if_false) return if_true;
  auto node = std::make_shared<Node>();
  node->decision_ = decision;
  node->hash_ =
      mix(mix(mix(mix(0xb001, static_cast<size_t>(decision)), std::hash<std::string>()(key)),
              if_true.hash()),
          if_false.hash());
  node->key_ = std::move(key);
  node->atom_ = std::move(atom);
  node->if_true_ = std::move(if_true);
  node->if_false_ = std::move(if_false);
  return Tree(std::move(node));
}

Tree tree_and(const Tree& a, const Tree& b) {
  return Apply(true).run(a, b);
}
Tree tree_or(const Tree& a, const Tree& b) {
  return Apply(false).run(a, b);
}
Tree tree_not(const Tree& a) {
  return Negate().run(a);
}

bool tree_implies(const Tree& a, const Tree& b) {
  if (a.is_false() || b.is_true()) return true;
  if (a == b) return true;
  return tree_and(a, tree_not(b)).is_false();
}

Tree restrict_python(const Tree& tree, const pep440::VersionRanges& python) {
  if (tree.is_constant() || tree.node().decision() != Decision::kPythonFullVersion ||
      python.is_empty()) {
    return tree;
  }
  struct Piece {
    pep440::Interval interval;
    const Tree* child;
  };
  std::vector<Piece> pieces;
  for (const VersionEdge& e : tree.node().version_edges()) {
    pep440::VersionRanges inside = e.set.intersect(python);
    for (const pep440::Interval& i : inside.intervals()) pieces.push_back({i, &e.child});
  }
  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    const pep440::Bound& la = a.interval.lower;
    const pep440::Bound& lb = b.interval.lower;
    if (!la.version || !lb.version) return !la.version && lb.version;
    if (*la.version != *lb.version) return *la.version < *lb.version;
    return la.inclusive && !lb.inclusive;
  });
  // Outside `python` anything goes: stretch each piece up to the next one and the ends to
  // infinity, so pieces with equal children merge.
  std::vector<VersionEdge> edges;
  for (size_t i = 0; i < pieces.size(); ++i) {
    pep440::Interval stretched = pieces[i].interval;
    if (i == 0) stretched.lower = pep440::Bound{};
    if (i + 1 == pieces.size()) {
      stretched.upper = pep440::Bound{};
    } else {
      const pep440::Bound& next = pieces[i + 1].interval.lower;
      stretched.upper = pep440::Bound{next.version, !next.inclusive};
    }
    edges.push_back({interval_ranges(stretched), *pieces[i].child});
  }
  return make_version_node(Decision::kPythonFullVersion, std::move(edges));
}

Tree restrict_extra(const Tree& tree, std::string_view extra) {
  std::unordered_map<const Node*, Tree> memo;
  std::function<Tree(const Tree&)> run = [&](const Tree& t) -> Tree {
    if (t.is_constant()) return t;
    const Node& node = t.node();
    // `extra` sorts after every version and platform variable; below it only set memberships
    // and atoms remain, which the substitution does not touch.
    if (node.decision() > Decision::kExtra) return t;
    auto found = memo.find(&node);
    if (found != memo.end()) return found->second;
    Tree result =
        node.decision() == Decision::kExtra ? node.child_for(extra) : map_children(node, run);
    memo.emplace(&node, result);
    return result;
  };
  return run(tree);
}

Tree restrict_to(const Tree& tree, const Tree& context) {
  std::map<std::pair<const Node*, const Node*>, Tree> memo;
  std::function<Tree(const Tree&, const Tree&)> run = [&](const Tree& f, const Tree& c) -> Tree {
    if (f.is_constant() || c.is_constant()) return f;
    auto key = std::make_pair(&f.node(), &c.node());
    auto found = memo.find(key);
    if (found != memo.end()) return found->second;
    const Node& fn = f.node();
    const Node& cn = c.node();
    int order = compare_decisions(fn, cn);
    Tree result;
    if (order > 0) {
      // `f` does not test the context's first variable: any of its values will do.
      Tree any;
      map_children(cn, [&](const Tree& child) {
        any = tree_or(any, child);
        return child;
      });
      result = run(f, any);
    } else if (order < 0) {
      result = map_children(fn, [&](const Tree& child) { return run(child, c); });
    } else {
      // One part per region the two diagrams tell apart: f's child there, the context's child,
      // and the result (unset where the context rules the region out).
      struct Part {
        const Tree* f;
        const Tree* c;
        std::optional<Tree> result;
      };
      std::vector<Part> parts;
      std::vector<pep440::VersionRanges> sets;  // version decisions: each part's values
      std::vector<std::string> values;          // string decisions: each part's value
      switch (kind_of(fn.decision())) {
        case DecisionKind::kBool:
          parts = {{&fn.if_true(), &cn.if_true(), {}}, {&fn.if_false(), &cn.if_false(), {}}};
          break;
        case DecisionKind::kString: {
          std::set<std::string> all;
          for (const StringEdge& e : fn.string_edges()) all.insert(e.value);
          for (const StringEdge& e : cn.string_edges()) all.insert(e.value);
          for (const std::string& v : all) {
            parts.push_back({&fn.child_for(v), &cn.child_for(v), {}});
            values.push_back(v);
          }
          parts.push_back({&fn.otherwise(), &cn.otherwise(), {}});
          break;
        }
        case DecisionKind::kVersion:
          for (const VersionEdge& fe : fn.version_edges()) {
            for (const VersionEdge& ce : cn.version_edges()) {
              pep440::VersionRanges both = fe.set.intersect(ce.set);
              if (both.is_empty()) continue;
              parts.push_back({&fe.child, &ce.child, {}});
              sets.push_back(std::move(both));
            }
          }
          break;
      }
      const Tree* first = nullptr;
      for (Part& p : parts) {
        if (p.c->is_false()) continue;
        p.result = run(*p.f, *p.c);
        if (!first) first = &*p.result;
      }
      if (!first) return f;  // the context is false here: not reached
      // A ruled-out region takes the result of the "any other value" region when that one
      // counts, else of a region where f has the same child, else the first one that counts.
      for (Part& p : parts) {
        if (p.result) continue;
        const Part& other = parts.back();
        if (kind_of(fn.decision()) == DecisionKind::kString && other.result) {
          p.result = other.result;
          continue;
        }
        auto same = std::find_if(parts.begin(), parts.end(),
                                 [&](const Part& q) { return q.result && q.f == p.f; });
        p.result = same != parts.end() ? *same->result : *first;
      }
      switch (kind_of(fn.decision())) {
        case DecisionKind::kBool:
          result = make_bool_node(fn.decision(), fn.key(), fn.atom(), *parts[0].result,
                                  *parts[1].result);
          break;
        case DecisionKind::kString: {
          std::vector<StringEdge> edges;
          for (size_t i = 0; i < values.size(); ++i) edges.push_back({values[i], *parts[i].result});
          result = make_string_node(fn.decision(), std::move(edges), *parts.back().result);
          break;
        }
        case DecisionKind::kVersion: {
          std::vector<VersionEdge> edges;
          for (size_t i = 0; i < parts.size(); ++i) edges.push_back({sets[i], *parts[i].result});
          result = make_version_node(fn.decision(), std::move(edges));
          break;
        }
      }
    }
    memo.emplace(key, result);
    return result;
  };
  return run(tree, context);
}

Tree restrict_member(const Tree& tree, Decision decision, std::string_view key, bool value) {
  std::unordered_map<const Node*, Tree> memo;
  std::function<Tree(const Tree&)> run = [&](const Tree& t) -> Tree {
    if (t.is_constant()) return t;
    const Node& node = t.node();
    // Decisions are ordered by kind, then key: past this one, nothing tests it.
    if (node.decision() > decision || (node.decision() == decision && node.key() > key)) return t;
    auto found = memo.find(&node);
    if (found != memo.end()) return found->second;
    Tree result = node.decision() == decision && node.key() == key
                      ? (value ? node.if_true() : node.if_false())
                      : map_children(node, run);
    memo.emplace(&node, result);
    return result;
  };
  return run(tree);
}

pep440::VersionRanges python_range(const Tree& tree) {
  if (tree.is_false()) return pep440::VersionRanges::empty();
  if (tree.is_true() || tree.node().decision() != Decision::kPythonFullVersion) {
    return pep440::VersionRanges::full();
  }
  pep440::VersionRanges range = pep440::VersionRanges::empty();
  for (const VersionEdge& e : tree.node().version_edges()) {
    if (!e.child.is_false()) range = range.union_with(e.set);
  }
  return range;
}

Result<bool> evaluate_tree(const Tree& tree, const EnvironmentView& env) {
  const Tree* current = &tree;
  while (!current->is_constant()) {
    const Node& node = current->node();
    switch (kind_of(node.decision())) {
      case DecisionKind::kVersion: {
        ROOST_TRY(const pep440::Version* version, version_for(node.decision(), env));
        const Tree* next = nullptr;
        for (const VersionEdge& e : node.version_edges()) {
          if (e.set.contains(*version)) {
            next = &e.child;
            break;
          }
        }
        if (next == nullptr) return Error(ErrorKind::kInternal, "marker diagram misses a version");
        current = next;
        break;
      }
      case DecisionKind::kString: {
        Variable v = variable_of(node.decision());
        const std::string* value = env.string(v);
        if (!value) return missing_variable(v);
        current = &node.child_for(*value);
        break;
      }
      case DecisionKind::kBool: {
        bool holds;
        if (node.decision() == Decision::kAtom) {
          ROOST_TRY(holds, evaluate_comparison(node.atom()->comparison, env));
        } else {
          Variable v = variable_of(node.decision());
          const std::set<std::string>* names = env.set(v);
          if (!names) return missing_variable(v);
          holds = names->count(node.key()) > 0;
        }
        current = holds ? &node.if_true() : &node.if_false();
        break;
      }
    }
  }
  return current->is_true();
}

}  // namespace roost::pep508::detail
