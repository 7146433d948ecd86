// The build frontend (see frontend.h) as steps: read the tree's [build-system], look in the
// cache, run the hook in a scratch directory, check its answer, store and place the wheel.
#include "build/frontend.h"

#include <stdlib.h>

#include <system_error>

#include "base/fs.h"
#include "build/build_cache.h"
#include "build/source_hash.h"
#include "install/relative_path.h"
#include "pep508/requirement.h"
#include "toml/parse.h"

namespace roost::build {
namespace fs = std::filesystem;
namespace {

// PEP 517's fallback when a tree does not name a backend.
constexpr const char* kLegacyBackend = "setuptools.build_meta:__legacy__";
constexpr const char* kLegacyRequirement = "setuptools>=40.8.0";

// What the hooks need to know about the tree.
struct Tree {
  BuildBackend backend;
  std::vector<fs::path> backend_path;  // absolute
  std::string display;                 // "<name> @ <dir>", for messages
};

Result<void> check_request(const BuildRequest& r) {
  for (const fs::path* p : {&r.source_dir, &r.output_dir}) {
    if (!p->is_absolute()) {
      return make_error(ErrorKind::kUsage,
                        "a build needs absolute paths, not `" + p->string() + "`");
    }
  }
  if (r.python.empty()) return make_error(ErrorKind::kUsage, "a build needs a Python interpreter");
  std::error_code ec;
  if (!fs::is_directory(r.source_dir, ec)) {
    return make_error(ErrorKind::kNotFound, "no source tree at " + r.source_dir.string());
  }
  return ok();
}

// [build-system] and [project].name, read straight from the TOML rather than through
// pyproject::read_pyproject: a third-party sdist's pyproject.toml need not satisfy roost's
// (uv's) checks of [project] or [tool.uv] for its backend to build it.
Result<void> read_build_system(const fs::path& file, Tree& tree, std::string& name) {
  ROOST_TRY(std::optional<std::string> text, read_file_if_exists(file));
  if (!text) return ok();
  ROOST_TRY(toml::Table doc, toml::parse(*text, file.string()));
  auto wrong = [&](std::string_view key, std::string_view expected) {
    return make_error(ErrorKind::kParse, file.string() + ": `" + std::string(key) + "` must be " +
                                             std::string(expected));
  };
  if (const toml::Value* backend = doc.get_path({"build-system", "build-backend"})) {
    if (!backend->is_string()) return wrong("build-system.build-backend", "a string");
    tree.backend.name = *backend->as_string();
  }
  if (const toml::Value* path = doc.get_path({"build-system", "backend-path"})) {
    if (!path->is_array()) return wrong("build-system.backend-path", "an array of strings");
    for (const toml::Value& entry : *path->as_array()) {
      if (!entry.is_string()) return wrong("build-system.backend-path", "an array of strings");
      tree.backend.path.push_back(*entry.as_string());
    }
  }
  if (const toml::Value* n = doc.get_path({"project", "name"}); n && n->is_string()) {
    name = *n->as_string();
  }
  return ok();
}

Result<Tree> read_tree(const BuildRequest& r) {
  Tree tree;
  tree.backend = build_backend(nullptr);
  std::string name = r.source_dir.filename().string();
  ROOST_CHECK(read_build_system(r.source_dir / "pyproject.toml", tree, name));
  const fs::path root = r.source_dir.lexically_normal();
  for (const std::string& entry : tree.backend.path) {
    // PEP 517: relative, and inside the tree.
    const fs::path dir = (root / entry).lexically_normal();
    const fs::path rel = dir.lexically_relative(root);
    if (fs::path(entry).is_absolute() || rel.empty() || *rel.begin() == "..") {
      return make_error(ErrorKind::kUsage, "[build-system].backend-path entry `" + entry +
                                               "` is not inside " + r.source_dir.string());
    }
    tree.backend_path.push_back(dir);
  }
  tree.display = name + " @ " + r.source_dir.string();
  return tree;
}

// A private directory in output_dir for one hook call: the shim, its request and answer, the
// hook's output directory. Removed with everything in it.
class Scratch {
 public:
  static Result<Scratch> make(const fs::path& output_dir) {
    std::error_code ec;
    fs::create_directories(output_dir, ec);
    if (ec) {
      return make_error(ErrorKind::kIo,
                        "cannot create " + output_dir.string() + ": " + ec.message());
    }
    std::string pattern = (output_dir / ".roost-build-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      return make_error(ErrorKind::kIo, "cannot create a directory in " + output_dir.string() +
                                            ": " + errno_message(errno));
    }
    Scratch s{fs::path(pattern)};
    fs::create_directories(s.out(), ec);
    if (ec) return make_error(ErrorKind::kIo, "cannot create " + s.out().string());
    return s;
  }
  Scratch(Scratch&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  Scratch& operator=(Scratch&&) = delete;
  ~Scratch() {
    if (path_.empty()) return;
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  fs::path out() const { return path_ / "out"; }  // the hook's wheel / metadata directory

 private:
  explicit Scratch(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

std::string hook_name(std::string_view stem, BuildKind kind) {
  return std::string(stem) + (kind == BuildKind::kEditable ? "editable" : "wheel");
}

Error failure(const Tree& tree, const BuildRequest& r, const HookAnswer& a) {
  std::string what = a.message;
  if (a.error_kind == "hook-failed") {
    what = "the build backend returned an error";
  } else if (a.error_kind == "timeout") {
    what = "the build backend did not finish within " +
           (r.timeout_ms % 1000 == 0 ? std::to_string(r.timeout_ms / 1000) + " s"
                                     : std::to_string(r.timeout_ms) + " ms");
  } else if (a.error_kind == "no-answer") {
    what = "the build backend exited without an answer (exit code " + std::to_string(a.exit_code) +
           ")";
  }
  std::string message = "Failed to build `" + tree.display + "`: " + what;
  if (std::string tail = output_tail(a.output); !tail.empty()) message += "\n" + tail;
  Error error = make_error(ErrorKind::kSubprocess, std::move(message));
  if (a.error_kind == "backend-unavailable") {
    return std::move(error).with_hint("the build environment must provide `" + tree.backend.name +
                                      "`: is it in [build-system].requires?");
  }
  return error;
}

// Runs `hook` with its output in scratch.out(); an answer that is not ok becomes the error.
Result<HookAnswer> call(const BuildRequest& r, const Tree& tree, const std::string& hook,
                        const Scratch& scratch) {
  ROOST_TRY(HookAnswer answer, run_hook({.hook = hook,
                                         .source_dir = r.source_dir,
                                         .python = r.python,
                                         .backend = tree.backend.name,
                                         .backend_path = tree.backend_path,
                                         .output_dir = scratch.out(),
                                         .config_settings = r.config_settings,
                                         .scratch_dir = scratch.path(),
                                         .timeout_ms = r.timeout_ms,
                                         .env_overrides = r.env_overrides,
                                         .runs = r.python_runs}));
  if (!answer.ok) return failure(tree, r, answer);
  return answer;
}

// The one file name a build or prepare hook answered, checked to name what it wrote.
Result<fs::path> answered_path(const Tree& tree, const HookAnswer& a, const fs::path& dir,
                               std::string_view hook, bool directory) {
  std::error_code ec;
  if (a.values.size() == 1 && install::is_plain_file_name(a.values[0])) {
    const fs::path path = dir / a.values[0];
    const bool right_type = directory ? fs::is_directory(path, ec)
                                      : fs::is_regular_file(path, ec) && path.extension() == ".whl";
    if (right_type) return path;
  }
  const std::string answered = a.values.empty() ? std::string("nothing") : "`" + a.values[0] + "`";
  return make_error(ErrorKind::kSubprocess,
                    "Failed to build `" + tree.display + "`: the build backend's `" +
                        std::string(hook) + "` answered " + answered + ", which is not " +
                        (directory ? "a .dist-info directory" : "a wheel") + " it wrote");
}

}  // namespace

BuildBackend build_backend(const pyproject::PyProject* pyproject) {
  if (pyproject == nullptr || !pyproject->build_system || !pyproject->build_system->build_backend) {
    return {kLegacyBackend, {}};
  }
  return {*pyproject->build_system->build_backend, pyproject->build_system->backend_path};
}

Result<std::vector<std::string>> build_requirements(const pyproject::PyProject& pyproject) {
  if (!pyproject.build_system) return std::vector<std::string>{kLegacyRequirement};
  std::vector<std::string> out;
  for (const pyproject::Dependency& d : pyproject.build_system->requirements) {
    out.push_back(d.requirement.to_string());
  }
  return out;
}

Result<std::vector<std::string>> extra_build_requirements(const BuildRequest& request) {
  ROOST_CHECK(check_request(request));
  ROOST_TRY(Tree tree, read_tree(request));
  ROOST_TRY(Scratch scratch, Scratch::make(request.output_dir));
  const std::string hook = hook_name("get_requires_for_build_", request.kind);
  ROOST_TRY(HookAnswer answer, call(request, tree, hook, scratch));
  for (const std::string& value : answer.values) {
    if (Result<pep508::Requirement> parsed = pep508::Requirement::parse(value); !parsed.ok()) {
      return make_error(ErrorKind::kSubprocess,
                        "Failed to build `" + tree.display + "`: the build backend's `" + hook +
                            "` answered `" + value +
                            "`, which is not a requirement: " + parsed.error().message());
    }
  }
  return std::move(answer.values);
}

Result<std::string> prepare_metadata(const BuildRequest& request) {
  ROOST_CHECK(check_request(request));
  ROOST_TRY(Tree tree, read_tree(request));
  ROOST_TRY(Scratch scratch, Scratch::make(request.output_dir));
  const std::string hook = hook_name("prepare_metadata_for_build_", request.kind);
  ROOST_TRY(HookAnswer answer, call(request, tree, hook, scratch));
  ROOST_TRY(fs::path info, answered_path(tree, answer, scratch.out(), hook, true));
  return read_file(info / "METADATA");
}

namespace {

// The key a build of this request is cached under; nullopt without a cache.
Result<std::optional<std::string>> cache_key_of(const BuildRequest& request) {
  if (request.cache == nullptr) return std::optional<std::string>();
  if (request.python_version.empty()) {
    return make_error(ErrorKind::kUsage,
                      "a cached build needs the build environment's Python "
                      "version");
  }
  const bool editable = request.kind == BuildKind::kEditable;
  ROOST_TRY(std::string source_hash, hash_source_tree(request.source_dir, {request.output_dir}));
  return std::optional<std::string>(
      build_cache_key({.kind = editable ? "editable" : "wheel",
                       .source_hash = std::move(source_hash),
                       .python_version = request.python_version,
                       .source_dir = editable ? request.source_dir.string() : std::string(),
                       .config_settings = request.config_settings}));
}

Result<std::optional<BuildResult>> place_cached(const BuildRequest& request,
                                                const std::optional<std::string>& key) {
  if (!key) return std::optional<BuildResult>();
  std::optional<fs::path> hit = find_cached_wheel(*request.cache, *key);
  if (!hit) return std::optional<BuildResult>();
  ROOST_TRY(fs::path placed, place_wheel(*hit, request.output_dir));
  return std::optional<BuildResult>(BuildResult{std::move(placed), true, {}});
}

}  // namespace

Result<std::optional<BuildResult>> find_built_wheel(const BuildRequest& request) {
  ROOST_TRY(std::optional<std::string> key, cache_key_of(request));
  return place_cached(request, key);
}

Result<BuildResult> build_wheel(const BuildRequest& request) {
  ROOST_CHECK(check_request(request));
  ROOST_TRY(Tree tree, read_tree(request));
  ROOST_TRY(std::optional<std::string> key, cache_key_of(request));
  ROOST_TRY(std::optional<BuildResult> hit, place_cached(request, key));
  if (hit) return std::move(*hit);
  ROOST_TRY(Scratch scratch, Scratch::make(request.output_dir));
  const std::string hook = request.kind == BuildKind::kEditable ? "build_editable" : "build_wheel";
  ROOST_TRY(HookAnswer answer, call(request, tree, hook, scratch));
  ROOST_TRY(fs::path built, answered_path(tree, answer, scratch.out(), hook, false));
  fs::path source = built;
  if (key) {
    ROOST_TRY(fs::path stored, store_cached_wheel(*request.cache, *key, built));
    source = std::move(stored);
  }
  ROOST_TRY(fs::path placed, place_wheel(source, request.output_dir));
  return BuildResult{std::move(placed), false, std::move(answer.output)};
}

}  // namespace roost::build
