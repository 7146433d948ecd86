// uv's `tool.uv.conflicts` in the Python resolver: forks that choose at most one item of each
// conflict set (uv's `Forks::new`: one fork with none of the set, then one per item, excluding
// the others), the conflict markers that say which choice a fork made, and uv's simplification
// of those markers on the resolution's edges (`imbibe` and `simplify_conflict_markers`).
//
//   ConflictChoice c;                                  // nothing decided yet
//   auto pieces = split_by_conflicts(c, sets, present);  // [{exclude a, b}, {a; exclude b}, ...]
//   conflict_marker(pieces[1]);  // 'extra-7-project-a' in extras and 'extra-7-project-b' not in
//   extras
#pragma once

#include <functional>
#include <set>
#include <vector>

#include "pep508/marker.h"
#include "resolve/python/model.h"

namespace roost::resolve::python {

// What one fork decided about the conflict items: those it activates and those it leaves out
// (their requirements are dropped there).
struct ConflictChoice {
  std::set<ConflictItem> include, exclude;
  friend bool operator==(const ConflictChoice&, const ConflictChoice&) = default;
};

// The conflict marker of a choice: `'<encoded>' in extras` per included item, `not in` per
// excluded one (uv's ConflictMarker); true for an empty choice.
pep508::Marker conflict_marker(const ConflictChoice& choice);

// uv's split of a fork whose dependency list names conflict items (`present`, those not left
// out): set by set, a piece with none of the set's items, then one per item with the others
// left out; a piece that would include and exclude one item is impossible and dropped. One
// piece equal to `from` means no split.
std::vector<ConflictChoice> split_by_conflicts(
    const ConflictChoice& from, const std::vector<ConflictSet>& sets,
    const std::function<bool(const ConflictItem&)>& present);

// What the declared conflicts make impossible: two items of one set together. uv's `imbibe`
// or-s it into a marker, so that markers equal wherever the conflicts hold print the same.
pep508::Marker impossible_choices(const std::vector<ConflictSet>& sets);

// uv's simplify_conflict_markers over a merged resolution: along every path from the roots,
// the conflict items it passes through (a member's extra or group list) are active and their
// sets' other items not; an edge whose marker can hold on every path to its list given only
// that knowledge (other variables free, uv's evaluate_only_extras) drops the conflict terms.
// `root_locals` are the members (roots with every extra and group); edges are left alone where a
// list has several edges to one name.
void simplify_conflict_markers(Resolution& resolution, const ResolveInput& input);

}  // namespace roost::resolve::python
