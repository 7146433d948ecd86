#include "resolve/pubgrub/report.h"

#include <map>
#include <vector>

namespace roost::resolve::pubgrub {

namespace {

// Plain comparisons, interval by interval: "(1.0, 2.dev0)" reads as ">1.0,<2.dev0". Used when
// PEP 440 specifiers cannot say the set exactly; a report is for reading, not for pasting.
std::string plain(const VersionSet& set) {
  std::string out;
  for (const pep440::Interval& i : set.intervals()) {
    if (!out.empty()) out += " | ";
    if (i.lower.version && i.upper.version && i.lower.inclusive && i.upper.inclusive &&
        *i.lower.version == *i.upper.version) {
      out += "==" + i.lower.version->to_string();
      continue;
    }
    std::string part;
    if (i.lower.version) part += (i.lower.inclusive ? ">=" : ">") + i.lower.version->to_string();
    if (i.upper.version) {
      if (!part.empty()) part += ",";
      part += (i.upper.inclusive ? "<=" : "<") + i.upper.version->to_string();
    }
    out += part.empty() ? "*" : part;
  }
  return out;
}

}  // namespace

std::string ReportFormatter::versions(PackageId p, const VersionSet& set) const {
  if (set.is_full()) return package(p);
  if (std::optional<Version> v = set.as_singleton()) return package(p) + "==" + v->to_string();
  std::string text = set.to_string();
  if (text.find_first_of("([") != std::string::npos) return package(p) + plain(set);
  // ">=1.0, <2.0" reads as one requirement: "a>=1.0,<2.0".
  for (size_t at = text.find(", "); at != std::string::npos; at = text.find(", ", at))
    text.erase(at + 1, 1);
  return package(p) + text;
}

std::string ReportFormatter::dependency(const Term& depender, const Term& dependency) const {
  std::string dep = versions(dependency.package, dependency.set);
  if (is_root(depender.package)) return "you require " + dep;
  return versions(depender.package, depender.set) + " depends on " + dep;
}

std::string ReportFormatter::no_versions(const Term& t) const {
  return "there is no version of " + versions(t.package, t.set);
}

std::string ReportFormatter::unavailable(const Term& t, const std::string& reason) const {
  return versions(t.package, t.set) + " cannot be used (" + reason + ")";
}

namespace {

class Writer {
 public:
  Writer(const IncompatibilityStore& store, const ReportFormatter& f) : store_(store), f_(f) {}

  std::string run(IncompatId terminal) {
    terminal = alias(terminal);
    count_uses(terminal);
    const Incompatibility& root = store_[terminal];
    if (root.cause == Cause::kDerived) {
      visit(terminal);
    } else {
      write(terminal, "Because " + external(root) + ", " + conclusion(root) + ".");
    }
    std::string out;
    for (const std::string& line : lines_) out += line + "\n";
    return out;
  }

 private:
  // How often each derived incompatibility is a cause in the tree: shared ones get numbers.
  void count_uses(IncompatId id) {
    const Incompatibility& i = store_[id];
    if (i.cause != Cause::kDerived) return;
    for (IncompatId cause : {left(id), right(id)}) {
      if (++uses_[cause] == 1) count_uses(cause);
    }
  }

  // A step that only says again what one of its causes says, learned from "there is no version
  // of" the rest of a range ("you require a==1.0" + "no version of a>1.0,<1.0.post0.dev0" ->
  // "you require a==1.0"), is shown as that cause: the extra sentence would read as a loop.
  IncompatId alias(IncompatId id) const {
    while (store_[id].cause == Cause::kDerived) {
      const Incompatibility& i = store_[id];
      const std::string said = conclusion(i);
      if (store_[i.right].cause == Cause::kNoVersions && describe(i.left) == said) {
        id = i.left;
      } else if (store_[i.left].cause == Cause::kNoVersions && describe(i.right) == said) {
        id = i.right;
      } else {
        break;
      }
    }
    return id;
  }
  IncompatId left(IncompatId id) const { return alias(store_[id].left); }
  IncompatId right(IncompatId id) const { return alias(store_[id].right); }

  bool derived(IncompatId id) const { return store_[id].cause == Cause::kDerived; }

  // In a conclusion both signs read as their set: {p ∈ A, not q ∈ B} says "p ∈ A depends on
  // q ∈ B", and {not q ∈ B} says "q ∈ B is required".
  std::string term(const Term& t) const { return f_.versions(t.package, t.set); }

  std::string external(const Incompatibility& i) const {
    switch (i.cause) {
      case Cause::kDependency: {
        const Term* depender = &i.terms[0];
        const Term* dependency = i.terms.size() > 1 ? &i.terms[1] : nullptr;
        if (!depender->positive && dependency != nullptr) std::swap(depender, dependency);
        // A dependency merged away (p depends on p) leaves one term: the version is unusable.
        if (dependency == nullptr && i.empty_dependency) {
          return f_.dependency(*depender,
                               Term::positive_of(*i.empty_dependency, VersionSet::full())) +
                 " with constraints that no version satisfies";
        }
        if (dependency == nullptr) return term(*depender) + " depends on itself incompatibly";
        return f_.dependency(*depender, Term::positive_of(dependency->package, dependency->set));
      }
      case Cause::kNoVersions:
        return f_.no_versions(i.terms[0]);
      case Cause::kUnavailable:
        return f_.unavailable(i.terms[0], i.reason);
      case Cause::kRoot:
        return f_.package(i.terms[0].package) + " is the project being resolved";
      case Cause::kDerived:
        break;
    }
    return conclusion(i);
  }

  // What an incompatibility says, as a conclusion ("a==1.0 cannot be used").
  std::string conclusion(const Incompatibility& i) const {
    std::vector<const Term*> positive, negative;
    for (const Term& t : i.terms) {
      if (f_.is_root(t.package) && t.positive) continue;  // "the root is chosen" goes unsaid
      (t.positive ? positive : negative).push_back(&t);
    }
    bool from_root = positive.size() < i.terms.size() - negative.size();
    if (positive.empty() && negative.empty()) return f_.unsatisfiable();
    auto join = [&](const std::vector<const Term*>& terms) {
      std::string out;
      for (size_t k = 0; k < terms.size(); ++k) {
        if (k > 0) out += k + 1 == terms.size() ? " and " : ", ";
        out += term(*terms[k]);
      }
      return out;
    };
    if (positive.empty()) {
      return from_root ? "you require " + join(negative) : join(negative) + " is required";
    }
    if (negative.empty()) {
      return positive.size() == 1 ? join(positive) + " cannot be used"
                                  : join(positive) + " are incompatible";
    }
    return join(positive) + (positive.size() == 1 ? " depends on " : " depend on ") +
           join(negative);
  }

  std::string describe(IncompatId id) const {
    const Incompatibility& i = store_[id];
    return i.cause == Cause::kDerived ? conclusion(i) : external(i);
  }

  std::string ref(IncompatId id) const {
    return describe(id) + " (" + std::to_string(numbers_.at(id)) + ")";
  }

  // `force`: number the line even if it is used once, because a later line will cite it.
  void write(IncompatId id, std::string sentence, bool force = false) {
    if (uses_[id] > 1 || force) {
      numbers_[id] = static_cast<int>(numbers_.size()) + 1;
      sentence += " (" + std::to_string(numbers_[id]) + ")";
    }
    lines_.push_back(std::move(sentence));
  }

  bool numbered(IncompatId id) const { return numbers_.count(id) != 0; }
  // Derived from two external facts: explained in one sentence.
  bool single_line(IncompatId id) const { return !derived(left(id)) && !derived(right(id)); }

  void visit(IncompatId id, bool force = false) {
    const Incompatibility& i = store_[id];
    const std::string said = conclusion(i);
    IncompatId a = left(id), b = right(id);
    if (derived(a) && derived(b)) {
      if (numbered(a) && numbered(b)) {
        write(id, "Because " + ref(a) + " and " + ref(b) + ", " + said + ".", force);
      } else if (numbered(a) || numbered(b)) {
        IncompatId with = numbered(a) ? a : b, without = numbered(a) ? b : a;
        visit(without);
        write(id, "And because " + ref(with) + ", " + said + ".", force);
      } else if (single_line(a) || single_line(b)) {
        // Two short chains in a row, then their joint consequence.
        IncompatId first = single_line(b) ? a : b, second = single_line(b) ? b : a;
        visit(first);
        visit(second);
        write(id, "Thus, " + said + ".", force);
      } else {
        visit(a, true);
        lines_.emplace_back();
        visit(b);
        write(id, "And because " + ref(a) + ", " + said + ".", force);
      }
      return;
    }
    if (derived(a) || derived(b)) {
      IncompatId d = derived(a) ? a : b, e = derived(a) ? b : a;
      if (numbered(d)) {
        write(id, "Because " + external(store_[e]) + " and " + ref(d) + ", " + said + ".", force);
        return;
      }
      IncompatId inner_d = derived(left(d)) ? left(d) : right(d);
      IncompatId inner_e = derived(left(d)) ? right(d) : left(d);
      if (uses_[d] <= 1 && derived(inner_d) && !derived(inner_e) && !numbered(inner_d)) {
        // Fold a single-use step into this sentence: its external half joins ours.
        visit(inner_d);
        write(id,
              "And because " + external(store_[inner_e]) + " and " + external(store_[e]) + ", " +
                  said + ".",
              force);
      } else {
        visit(d);
        write(id, "And because " + external(store_[e]) + ", " + said + ".", force);
      }
      return;
    }
    write(id, "Because " + external(store_[a]) + " and " + external(store_[b]) + ", " + said + ".",
          force);
  }

  const IncompatibilityStore& store_;
  const ReportFormatter& f_;
  std::map<IncompatId, int> uses_;
  std::map<IncompatId, int> numbers_;
  std::vector<std::string> lines_;
};

}  // namespace

std::string explain(const Outcome& outcome, const ReportFormatter& formatter) {
  return Writer(outcome.incompatibilities, formatter).run(outcome.conflict);
}

}  // namespace roost::resolve::pubgrub
