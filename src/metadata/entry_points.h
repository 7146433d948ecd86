// entry_points.txt (entry points specification): an INI file whose sections are groups
// ([console_scripts], [gui_scripts], plugin groups) and whose lines are
// "name = module.path:object.attr [extra1, extra2]".
//
//   ROOST_TRY(EntryPoints eps, EntryPoints::parse(text));
//   for (const EntryPoint* e : eps.group("console_scripts")) write_script(e->name, e->module,
//   e->attr);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace roost::metadata {

struct EntryPoint {
  std::string group;
  std::string name;
  std::string module;               // "pkg.cli"
  std::string attr;                 // "main" or "App.run"; empty when the entry names a module
  std::vector<std::string> extras;  // as written, in order
  int line = 0;                     // where it was parsed (0 for built entries)

  // The object reference "module:attr [extra1,extra2]".
  std::string value() const;

  bool operator==(const EntryPoint& o) const {
    return group == o.group && name == o.name && module == o.module && attr == o.attr &&
           extras == o.extras;
  }
};

struct EntryPoints {
  std::vector<EntryPoint> entries;  // file order

  // Comments start with '#' or ';'; blank lines are skipped; names and values are trimmed.
  // Errors (kParse, "entry_points.txt line N: ...") for an entry outside a section, a line
  // without '=', an empty name, the same name twice in one group, and a value that is not an
  // object reference.
  static Result<EntryPoints> parse(std::string_view text,
                                   std::string_view what = "entry_points.txt");

  // Groups in order of first appearance, "name = value" lines, a blank line between groups.
  std::string to_string() const;

  std::vector<const EntryPoint*> group(std::string_view name) const;
};

// Parses an object reference "module:attr [extras]" (the value of an entry point line).
Result<EntryPoint> parse_object_reference(std::string_view value);

}  // namespace roost::metadata
