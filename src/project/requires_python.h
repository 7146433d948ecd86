// The workspace's Python requirement as uv computes it (../shared/reference/uv.md §1.6): the
// intersection of every member's `project.requires-python`, with uv's release-only semantics
// (`>3.13` admits 3.13.1 and ignores pre-releases), written the way uv.lock writes it.
//
//   ROOST_TRY(WorkspacePython py, workspace_requires_python({{"lib", lib_spec}, {"app", app}}));
//   py.text == ">=3.10, <3.14";  same_requires_python(py.text, lock.requires_python);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "pep440/ranges.h"
#include "pep440/specifier.h"

namespace roost::project {

struct WorkspacePython {
  // What uv writes as `requires-python` (specifiers of the release-only intersection, joined by
  // ", "); empty when no member declares one (uv then defaults to the interpreter's minor
  // version, which only the caller knows).
  std::string text;
  // The same intersection with PEP 440's exact semantics, for the resolver (full when none).
  pep440::VersionRanges ranges = pep440::VersionRanges::full();
};

// `sources`: (label, requires-python) for each member that declares one, labels as uv prints
// them ("child", or "foo:dev" for a group). An empty intersection is uv's kUsage error:
//   Found conflicting Python requirements:
//   - child: ==3.10
//   - project: >=3.12
Result<WorkspacePython> workspace_requires_python(
    const std::vector<std::pair<std::string, const pep440::SpecifierSet*>>& sources);

// uv's display of a specifier list: clauses sorted by version (stably), joined by `separator`
// (", " for requires-python and error texts, "," in requires-dist's `specifier`).
std::string uv_specifiers_text(const pep440::SpecifierSet& set, std::string_view separator);

// Whether two requires-python texts admit the same Python versions with uv's release-only
// semantics (what uv compares: ">=3.10" and ">=3.10.0" are the same). Unparsable text is
// compared as text.
bool same_requires_python(std::string_view a, std::string_view b);

}  // namespace roost::project
