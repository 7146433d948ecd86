// Reading uv.lock: the hand-written fixtures of tests/data/lock/ (every source kind, forks,
// extras, groups, a virtual root, options, revisions 0, 1 and 3) and every reader error, word for
// word.
#include "lock/read_lock.h"

#include <gtest/gtest.h>

#include <string>

#include "base/fs.h"
#include "lock/write_lock.h"

namespace roost::lock {
namespace {

const std::string kData = ROOST_TEST_DATA_DIR "/lock/";

Lockfile fixture(const std::string& name) {
  Result<Lockfile> lock = read_lock(kData + name);
  EXPECT_TRUE(lock.ok()) << lock.error().render();
  return lock.ok() ? std::move(lock).value() : Lockfile{};
}

constexpr std::string_view kHead = "version = 1\nrequires-python = \">=3.9\"\n";

// A lockfile with one package table whose body is `body`.
std::string with_package(std::string_view body) {
  return std::string(kHead) + "\n[[package]]\n" + std::string(body);
}

TEST(LockFixtures, RoundTripByteForByte) {
  for (const char* name : {"workspace.uv.lock", "virtual-root.uv.lock", "forked-rev1.uv.lock",
                           "no-revision.uv.lock"}) {
    Result<std::string> text = read_file(kData + name);
    ASSERT_TRUE(text.ok()) << text.error().render();
    Result<Lockfile> lock = parse_lock(*text, name);
    ASSERT_TRUE(lock.ok()) << lock.error().render();
    EXPECT_EQ(write_lock(*lock), *text) << name;
  }
}

TEST(ReadLock, Workspace) {
  Lockfile lock = fixture("workspace.uv.lock");
  EXPECT_EQ(lock.version, 1);
  EXPECT_EQ(lock.revision, 3);
  EXPECT_EQ(lock.requires_python, ">=3.10");
  EXPECT_EQ(lock.resolution_markers, (std::vector<std::string>{"python_full_version >= '3.12'",
                                                               "python_full_version < '3.12'"}));
  EXPECT_EQ(lock.manifest.members, (std::vector<std::string>{"albatross", "bird-feeder"}));
  ASSERT_EQ(lock.packages.size(), 11u);

  const Package& root = lock.packages[0];
  EXPECT_EQ(root.name, "albatross");
  EXPECT_EQ(root.source, (Source{SourceKind::kEditable, ".", ""}));
  ASSERT_EQ(root.dependencies.size(), 4u);
  EXPECT_EQ(root.dependencies[0], (Dependency{"bird-feeder", "", std::nullopt, {}, ""}));
  EXPECT_EQ(root.dependencies[1],
            (Dependency{"numpy",
                        "1.26.4",
                        Source{SourceKind::kRegistry, "https://pypi.org/simple", ""},
                        {},
                        "python_full_version < '3.12'"}));
  ASSERT_EQ(root.optional_dependencies.size(), 1u);
  EXPECT_EQ(root.optional_dependencies[0].name, "plot");
  ASSERT_EQ(root.dev_dependencies.size(), 1u);
  EXPECT_EQ(root.dev_dependencies[0].dependencies[0].name, "pytest");
  const PackageMetadata& meta = root.metadata;
  ASSERT_EQ(meta.requires_dist.size(), 4u);
  EXPECT_EQ(meta.requires_dist[0].kind, SourceKind::kEditable);
  EXPECT_EQ(meta.requires_dist[0].location, "packages/bird-feeder");
  EXPECT_EQ(meta.requires_dist[1].specifier, ">=1.26");
  EXPECT_EQ(meta.requires_dist[2].kind, SourceKind::kUrl);
  EXPECT_EQ(meta.requires_dist[2].subdirectory, "src");
  EXPECT_EQ(meta.requires_dist[2].marker, "extra == 'plot'");
  EXPECT_EQ(meta.requires_dist[3].kind, SourceKind::kGit);
  EXPECT_EQ(meta.provides_extras, std::vector<std::string>{"plot"});
  ASSERT_EQ(meta.requires_dev.size(), 2u);
  EXPECT_EQ(meta.requires_dev[1].name, "lint");
  EXPECT_TRUE(meta.requires_dev[1].requirements.empty());

  const Package& feeder = lock.packages[1];
  EXPECT_EQ(feeder.dependencies[1].extra, std::vector<std::string>{"fast"});
  EXPECT_EQ(feeder.metadata.requires_dist[0].kind, SourceKind::kPath);
  EXPECT_EQ(feeder.metadata.requires_dist[1].kind, SourceKind::kDirectory);
  EXPECT_EQ(feeder.metadata.requires_dist[1].extras, std::vector<std::string>{"fast"});

  const Package& colorama = lock.packages[2];
  ASSERT_TRUE(colorama.sdist.has_value());
  EXPECT_EQ(colorama.sdist->kind, FileKind::kUrl);
  EXPECT_EQ(colorama.sdist->size, 27697u);
  EXPECT_EQ(colorama.sdist->upload_time, "2022-10-25T02:36:22.414Z");
  EXPECT_EQ(colorama.wheels.size(), 1u);

  const Package& helper = lock.packages[4];
  EXPECT_EQ(helper.source.kind, SourceKind::kPath);
  ASSERT_EQ(helper.wheels.size(), 1u);
  EXPECT_EQ(helper.wheels[0].kind, FileKind::kFilename);
  EXPECT_EQ(helper.wheels[0].location, "local_helper-1.0-py3-none-any.whl");
  EXPECT_FALSE(helper.wheels[0].size.has_value());

  const Package& numpy = lock.packages[5];
  EXPECT_EQ(numpy.resolution_markers, std::vector<std::string>{"python_full_version < '3.12'"});
  EXPECT_EQ(numpy.wheels.size(), 2u);

  const Package& seaborn = lock.packages[8];
  EXPECT_EQ(seaborn.source,
            (Source{SourceKind::kUrl, "https://example.com/seaborn-0.13.2.tar.gz", "src"}));
  ASSERT_TRUE(seaborn.sdist.has_value());
  EXPECT_EQ(seaborn.sdist->kind, FileKind::kNone);
  EXPECT_TRUE(seaborn.sdist->location.empty());

  const Package& tqdm = lock.packages[9];
  EXPECT_EQ(tqdm.source.kind, SourceKind::kGit);
  EXPECT_EQ(tqdm.source.location.rfind("https://github.com/tqdm/tqdm?tag=v4.66.5#", 0), 0u);
  EXPECT_EQ(lock.packages[10].source.kind, SourceKind::kDirectory);
}

TEST(ReadLock, VirtualRootWithOptionsAndConflicts) {
  Lockfile lock = fixture("virtual-root.uv.lock");
  EXPECT_EQ(lock.supported_markers,
            (std::vector<std::string>{"sys_platform == 'darwin'", "sys_platform == 'linux'"}));
  EXPECT_EQ(lock.required_markers.size(), 1u);
  ASSERT_EQ(lock.conflicts.size(), 2u);
  EXPECT_EQ(lock.conflicts[0][1], (ConflictItem{"app", "gpu", ""}));
  EXPECT_EQ(lock.conflicts[1][0], (ConflictItem{"tools", "", "legacy"}));

  const Options& options = lock.options;
  EXPECT_EQ(options.resolution_mode, "lowest-direct");
  EXPECT_EQ(options.prerelease_mode, "allow");
  EXPECT_EQ(options.fork_strategy, "fewest");
  EXPECT_EQ(options.exclude_newer, "0001-01-01T00:00:00Z");
  EXPECT_EQ(options.exclude_newer_comment.rfind("# This has no effect", 0), 0u);
  EXPECT_EQ(options.exclude_newer_span, "P7D");
  ASSERT_EQ(options.prerelease_package.size(), 1u);
  EXPECT_EQ(options.prerelease_package[0].mode, "allow");
  ASSERT_EQ(options.exclude_newer_package.size(), 3u);
  EXPECT_EQ(options.exclude_newer_package[0], (ExcludeNewerPackage{"app-core", true, "", ""}));
  EXPECT_EQ(options.exclude_newer_package[1],
            (ExcludeNewerPackage{"httpx", false, "2026-01-01T00:00:00Z", ""}));
  EXPECT_EQ(options.exclude_newer_package[2],
            (ExcludeNewerPackage{"rich", false, "0001-01-01T00:00:00Z", "P1W"}));

  const Manifest& manifest = lock.manifest;
  EXPECT_EQ(manifest.members, (std::vector<std::string>{"app", "tools"}));
  ASSERT_EQ(manifest.requirements.size(), 1u);
  EXPECT_EQ(manifest.requirements[0].groups, std::vector<std::string>{"dev"});
  EXPECT_EQ(manifest.constraints[0].specifier, "<3");
  EXPECT_EQ(manifest.overrides.size(), 2u);
  EXPECT_EQ(manifest.excludes, std::vector<std::string>{"pywin32"});
  EXPECT_EQ(manifest.build_constraints[0].name, "setuptools");
  ASSERT_EQ(manifest.dependency_groups.size(), 2u);
  EXPECT_EQ(manifest.dependency_groups[0].requirements[0].kind, SourceKind::kEditable);
  EXPECT_EQ(manifest.dependency_groups[1].requirements[0].extras, std::vector<std::string>{"i18n"});
  ASSERT_EQ(manifest.dependency_metadata.size(), 1u);
  EXPECT_EQ(manifest.dependency_metadata[0],
            (DependencyMetadata{"legacy-lib", "1.0", {"six", "idna>=3"}, ">=3.8", {"fast"}}));

  const Package& app = lock.packages[0];
  ASSERT_TRUE(app.metadata.requires_dist[0].conflict.has_value());
  EXPECT_EQ(*app.metadata.requires_dist[0].conflict, (ConflictItem{"app", "cpu", ""}));
  EXPECT_EQ(app.metadata.requires_dist[0].index, "https://download.pytorch.org/whl/cpu");

  const Package& local = lock.packages[1];
  EXPECT_EQ(local.source, (Source{SourceKind::kRegistry, "../wheels", ""}));
  EXPECT_EQ(local.sdist->kind, FileKind::kPath);
  EXPECT_EQ(local.wheels[0].kind, FileKind::kPath);

  const Distribution& rich = lock.packages[2].wheels[0];
  ASSERT_TRUE(rich.zstd.has_value());
  EXPECT_EQ(rich.zstd->size, 190123u);

  const Package& tools = lock.packages[3];
  EXPECT_EQ(tools.version, "");
  EXPECT_EQ(tools.source, (Source{SourceKind::kVirtual, "packages/tools", ""}));
  EXPECT_EQ(tools.dev_dependencies.size(), 2u);
  EXPECT_TRUE(tools.metadata.requires_dist.empty());
  EXPECT_EQ(tools.metadata.requires_dev.size(), 2u);
}

TEST(ReadLock, OlderRevisions) {
  Lockfile rev1 = fixture("forked-rev1.uv.lock");
  EXPECT_EQ(rev1.revision, 1);
  EXPECT_TRUE(rev1.packages[0].sdist->upload_time.empty());
  EXPECT_EQ(rev1.packages[0].sdist->size, 28883u);

  Lockfile rev0 = fixture("no-revision.uv.lock");
  EXPECT_EQ(rev0.revision, 0);
  EXPECT_EQ(write_lock(rev0).rfind("version = 1\nrequires-python", 0), 0u);
}

TEST(ReadLock, NormalisesNamesAsUvDoes) {
  Result<Lockfile> lock = parse_lock(with_package(
      "name = \"Foo_Bar\"\nsource = { virtual = \".\" }\n"
      "dependencies = [\n    { name = \"Zope.Interface\", extra = [\"Fast_Path\"] },\n]\n"));
  ASSERT_TRUE(lock.ok()) << lock.error().render();
  EXPECT_EQ(lock->packages[0].name, "foo-bar");
  EXPECT_EQ(lock->packages[0].dependencies[0].name, "zope-interface");
  EXPECT_EQ(lock->packages[0].dependencies[0].extra, std::vector<std::string>{"fast-path"});
}

TEST(ReadLock, MissingFile) {
  Result<Lockfile> lock = read_lock(kData + "does-not-exist.lock");
  ASSERT_FALSE(lock.ok());
  EXPECT_EQ(lock.error().kind(), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace roost::lock
