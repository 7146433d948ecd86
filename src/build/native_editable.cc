// Native editable install (see native_editable.h) as steps: check eligibility, build every file's
// text, check every destination, write them, write RECORD last.
#include "build/native_editable.h"

#include <system_error>

#include "base/fs.h"
#include "base/sha256.h"
#include "build/static_metadata.h"
#include "index/url.h"
#include "install/relative_path.h"
#include "install/scripts.h"
#include "metadata/direct_url.h"
#include "metadata/record.h"

namespace roost::build {
namespace fs = std::filesystem;
namespace {

struct PlannedFile {
  fs::path dest;            // absolute
  std::string record_path;  // relative to purelib, "/"-separated
  std::string content;
  unsigned mode = 0644;
};

constexpr const char* kWheelFile =
    "Wheel-Version: 1.0\n"
    "Generator: roost (native editable)\n"
    "Root-Is-Purelib: true\n"
    "Tag: py3-none-any\n";

Result<void> check_scheme(const python::Scheme& scheme) {
  for (const fs::path* p : {&scheme.purelib, &scheme.scripts, &scheme.python}) {
    if (!p->is_absolute()) {
      return make_error(ErrorKind::kUsage,
                        "install scheme paths must be absolute, not `" + p->string() + "`");
    }
  }
  return ok();
}

// Launchers for console_scripts and gui_scripts, in the scheme's scripts directory.
Result<void> plan_scripts(const metadata::EntryPoints& entry_points, const python::Scheme& scheme,
                          const std::string& scripts_prefix, std::vector<PlannedFile>& files) {
  for (const char* group : {"console_scripts", "gui_scripts"}) {
    for (const metadata::EntryPoint* entry : entry_points.group(group)) {
      if (!install::is_plain_file_name(entry->name)) {
        return make_error(ErrorKind::kUsage,
                          "the script name `" + entry->name + "` is not a plain file name");
      }
      ROOST_TRY(std::string launcher, install::entry_point_launcher(*entry, scheme.python));
      files.push_back(
          {scheme.scripts / entry->name, scripts_prefix + entry->name, std::move(launcher), 0755});
    }
  }
  return ok();
}

metadata::RecordEntry record_row(const PlannedFile& f) {
  return {f.record_path, metadata::HashDigest::sha256(sha256(f.content)), f.content.size(), 0};
}

}  // namespace

Result<InstalledEditable> install_editable_natively(const pyproject::PyProject& pyproject,
                                                    const fs::path& project_dir,
                                                    const python::Scheme& scheme,
                                                    const NativeEditableOptions& options) {
  // Eligibility and inputs.
  if (!project_dir.is_absolute()) {
    return make_error(ErrorKind::kUsage,
                      "an editable install needs an absolute project directory, not `" +
                          project_dir.string() + "`");
  }
  ROOST_CHECK(check_scheme(scheme));
  const fs::path dir = project_dir.lexically_normal();
  NativeEligibility eligibility = check_native_editable(pyproject, dir);
  if (eligibility.blocker) {
    const std::string name = pyproject.project ? pyproject.project->name_as_written : dir.string();
    return make_error(ErrorKind::kUsage,
                      "cannot install `" + name + "` natively: " + *eligibility.blocker);
  }
  ROOST_TRY(metadata::CoreMetadata core, core_metadata_from_project(pyproject, dir));
  ROOST_TRY(metadata::EntryPoints entry_points, entry_points_from_project(*pyproject.project));
  const std::string root = eligibility.import_root.lexically_normal().string();
  if (root.find_first_of("\r\n") != std::string::npos) {
    return make_error(ErrorKind::kUsage, "a .pth file cannot name " + root);
  }

  // Every file's text and destination.
  const std::string dist_name = core.name.as_dist_info_name();
  const std::string info = dist_name + "-" + core.version.to_string() + ".dist-info";
  const fs::path purelib = scheme.purelib.lexically_normal();
  const fs::path info_dir = purelib / info;
  const fs::path relative_scripts = scheme.scripts.lexically_normal().lexically_relative(purelib);
  const std::string scripts_prefix = relative_scripts.empty()
                                         ? scheme.scripts.lexically_normal().string() + "/"
                                         : relative_scripts.generic_string() + "/";
  std::vector<PlannedFile> files;
  const std::string pth_name = "_" + dist_name + ".pth";
  files.push_back({purelib / pth_name, pth_name, root + "\n"});
  auto in_info = [&](const std::string& name, std::string content) {
    files.push_back({info_dir / name, info + "/" + name, std::move(content)});
  };
  in_info("METADATA", core.to_string());
  in_info("WHEEL", kWheelFile);
  if (!entry_points.entries.empty()) in_info("entry_points.txt", entry_points.to_string());
  in_info("INSTALLER", options.installer + "\n");
  if (options.requested) in_info("REQUESTED", "");
  metadata::DirectUrl direct_url{index::file_url_from_path(dir.string()), metadata::DirInfo{true}};
  ROOST_CHECK(direct_url.validate());
  in_info("direct_url.json", direct_url.to_json());
  ROOST_CHECK(plan_scripts(entry_points, scheme, scripts_prefix, files));

  // Write: directories, files (each by rename), RECORD last.
  for (const fs::path& d : {info_dir, scheme.scripts}) {
    std::error_code ec;
    fs::create_directories(d, ec);
    if (ec) return make_error(ErrorKind::kIo, "cannot create " + d.string() + ": " + ec.message());
  }
  InstalledEditable result{
      core.name, core.version, info_dir, purelib / pth_name, eligibility.import_root, {}};
  metadata::Record record;
  for (const PlannedFile& f : files) {
    ROOST_CHECK(write_file_replace(f.dest, f.content, f.mode));
    record.entries.push_back(record_row(f));
    if (f.mode == 0755) result.scripts.push_back(f.dest);
  }
  record.entries.push_back({info + "/RECORD", std::nullopt, std::nullopt, 0});
  ROOST_CHECK(write_file_replace(info_dir / "RECORD", record.to_string()));
  return result;
}

}  // namespace roost::build
