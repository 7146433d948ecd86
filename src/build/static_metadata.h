// Core metadata and entry points of a project whose [project] table is static (no `dynamic`),
// as a build backend would write them into its wheel (pyproject-toml spec, "Declaring project
// metadata", mapped to core metadata fields). What native editable installs write.
//
//   ROOST_TRY(metadata::CoreMetadata m, core_metadata_from_project(pyproject, dir));
//   ROOST_TRY(metadata::EntryPoints eps, entry_points_from_project(*pyproject.project));
#pragma once

#include <filesystem>

#include "base/result.h"
#include "metadata/core_metadata.h"
#include "metadata/entry_points.h"
#include "pyproject/pyproject.h"

namespace roost::build {

// Name, Version, Summary (description), Description + Description-Content-Type (the readme
// file, read from `project_dir`, or its `text`; the type from `content-type` or the file's
// extension), Keywords, Classifier, Project-URL, Author / Author-email, Maintainer /
// Maintainer-email, License-Expression (a `license` string) or License (`{text = ...}`),
// Requires-Python, Requires-Dist (dependencies, then each extra's with `extra == "<name>"`
// added to its marker) and Provides-Extra. Metadata-Version 2.3, or 2.4 with a
// License-Expression. Left out: license files (`license-files`, `{file = ...}`), whose copies
// belong in the .dist-info's licenses/. kUsage when [project] is missing or has no version; a
// readme file that cannot be read is kNotFound / kIo, as a backend would fail.
Result<metadata::CoreMetadata> core_metadata_from_project(const pyproject::PyProject& pyproject,
                                                          const std::filesystem::path& project_dir);

// [project.scripts] as console_scripts, [project.gui-scripts] as gui_scripts, then each
// [project.entry-points.<group>]; kParse for a value that is not an object reference.
Result<metadata::EntryPoints> entry_points_from_project(const pyproject::Project& project);

}  // namespace roost::build
