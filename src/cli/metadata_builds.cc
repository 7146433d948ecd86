#include "cli/metadata_builds.h"

#include "cli/app.h"
#include "cli/project_environment.h"
#include "project/source_builds.h"

namespace roost::cli {

void attach_metadata_builds(IndexSession& session, const std::filesystem::path& root,
                            std::optional<python::Interpreter>& interpreter,
                            project::SourceFetch& fetch,
                            resolve::python::IndexPackageSource& source, BuildSettings settings) {
  if (!fetch.cache) return;
  fetch.built_metadata = [&session, root, &interpreter, settings = std::move(settings)](
                             const std::filesystem::path& tree) -> Result<std::string> {
    if (!interpreter) {
      ROOST_TRY(interpreter, project_interpreter(root, session.source_fetch().cache));
    }
    project::BuildTools tools{.interpreter = &*interpreter,
                              .client = &session.client(),
                              .fetch = session.source_fetch(),
                              .roost_version = std::string(kRoostVersion)};
    apply_build_settings(settings, tools);
    return project::build_metadata(tree, tools);
  };
  // Registry versions with only an sdist and no served metadata: read or built when the solver
  // needs one.
  source.set_sdist_metadata([fetch](const index::DistributionFile& sdist) -> Result<std::string> {
    return project::registry_sdist_metadata(sdist, fetch);
  });
}

}  // namespace roost::cli
