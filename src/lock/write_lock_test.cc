// Writing uv.lock from models built in code (as the resolver will build them): uv's layout,
// its key orders, and what it leaves out.
#include "lock/write_lock.h"

#include <gtest/gtest.h>

#include "lock/read_lock.h"

namespace roost::lock {
namespace {

Package registry_package(std::string name, std::string version) {
  Package p;
  p.name = std::move(name);
  p.version = std::move(version);
  p.source = Source{SourceKind::kRegistry, "https://pypi.org/simple", ""};
  return p;
}

TEST(WriteLock, MinimalLock) {
  Lockfile lock;
  lock.requires_python = ">=3.12";
  EXPECT_EQ(write_lock(lock), "version = 1\nrequires-python = \">=3.12\"\n");
  lock.revision = 3;
  EXPECT_EQ(write_lock(lock), "version = 1\nrevision = 3\nrequires-python = \">=3.12\"\n");
}

TEST(WriteLock, PackageInUvOrder) {
  Lockfile lock;
  lock.revision = 3;
  lock.requires_python = ">=3.12";
  Package idna = registry_package("idna", "3.10");
  idna.sdist = Distribution{
      FileKind::kUrl, "https://f/idna-3.10.tar.gz", "sha256:aa", 10, "2024-09-15T18:07:39.745Z",
      std::nullopt};
  idna.wheels.push_back(Distribution{FileKind::kUrl, "https://f/idna-3.10-py3-none-any.whl",
                                     "sha256:bb", 7, "", Zstd{"sha256:cc", 5}});
  idna.dependencies.push_back(
      Dependency{"six", "", std::nullopt, {"a", "b"}, "python_version < '4'"});
  // Empty lists are left out, as uv leaves them out.
  idna.optional_dependencies.push_back(DependencyList{"none", {}});
  idna.optional_dependencies.push_back(DependencyList{"socks", {Dependency{"pysocks"}}});
  idna.dev_dependencies.push_back(DependencyList{"dev", {}});
  lock.packages.push_back(idna);

  EXPECT_EQ(write_lock(lock),
            "version = 1\n"
            "revision = 3\n"
            "requires-python = \">=3.12\"\n"
            "\n"
            "[[package]]\n"
            "name = \"idna\"\n"
            "version = \"3.10\"\n"
            "source = { registry = \"https://pypi.org/simple\" }\n"
            "dependencies = [\n"
            "    { name = \"six\", extra = [\"a\", \"b\"], marker = \"python_version < '4'\" },\n"
            "]\n"
            "sdist = { url = \"https://f/idna-3.10.tar.gz\", hash = \"sha256:aa\", size = 10, "
            "upload-time = \"2024-09-15T18:07:39.745Z\" }\n"
            "wheels = [\n"
            "    { url = \"https://f/idna-3.10-py3-none-any.whl\", hash = \"sha256:bb\", size = 7, "
            "zstd = { hash = \"sha256:cc\", size = 5 } },\n"
            "]\n"
            "\n"
            "[package.optional-dependencies]\n"
            "socks = [\n"
            "    { name = \"pysocks\" },\n"
            "]\n");
}

TEST(WriteLock, MetadataArraysOnOneLineUpToOneElement) {
  Lockfile lock;
  lock.requires_python = ">=3.9";
  Package app;
  app.name = "app";
  app.source = Source{SourceKind::kVirtual, ".", ""};
  Requirement a{"a"};
  a.specifier = ">=1";
  Requirement b{"b"};
  b.kind = SourceKind::kUrl;
  b.location = "https://x/b.zip";
  b.subdirectory = "sub";
  b.extras = {"x"};
  b.marker = "os_name == 'nt'";
  app.metadata.requires_dist = {a};
  app.metadata.provides_extras = {"x", "y"};
  app.metadata.requires_dev = {RequirementGroup{"dev", {a, b}}, RequirementGroup{"empty", {}}};
  lock.packages.push_back(app);

  EXPECT_EQ(write_lock(lock),
            "version = 1\n"
            "requires-python = \">=3.9\"\n"
            "\n"
            "[[package]]\n"
            "name = \"app\"\n"
            "source = { virtual = \".\" }\n"
            "\n"
            "[package.metadata]\n"
            "requires-dist = [{ name = \"a\", specifier = \">=1\" }]\n"
            "provides-extras = [\"x\", \"y\"]\n"
            "\n"
            "[package.metadata.requires-dev]\n"
            "dev = [\n"
            "    { name = \"a\", specifier = \">=1\" },\n"
            "    { name = \"b\", extras = [\"x\"], marker = \"os_name == 'nt'\", url = "
            "\"https://x/b.zip\", subdirectory = \"sub\" },\n"
            "]\n"
            "empty = []\n");
}

TEST(WriteLock, RequirementKeysInUvOrder) {
  Lockfile lock;
  lock.requires_python = ">=3.9";
  Requirement r{"torch"};
  r.groups = {"gpu"};
  r.marker = "sys_platform == 'linux'";
  r.specifier = ">=2";
  r.index = "https://download.pytorch.org/whl/cu124";
  r.conflict = ConflictItem{"app", "", "gpu"};
  lock.manifest.requirements = {r};
  lock.manifest.dependency_groups = {RequirementGroup{"empty", {}}};
  EXPECT_EQ(write_lock(lock),
            "version = 1\n"
            "requires-python = \">=3.9\"\n"
            "\n"
            "[manifest]\n"
            "requirements = [{ name = \"torch\", groups = [\"gpu\"], marker = "
            "\"sys_platform == 'linux'\", specifier = \">=2\", index = "
            "\"https://download.pytorch.org/whl/cu124\", conflict = { package = \"app\", group = "
            "\"gpu\" } }]\n");
}

TEST(WriteLock, OptionsWithoutGlobalValues) {
  Lockfile lock;
  lock.requires_python = ">=3.9";
  lock.options.exclude_newer_package = {ExcludeNewerPackage{"idna", true, "", ""}};
  EXPECT_EQ(write_lock(lock),
            "version = 1\n"
            "requires-python = \">=3.9\"\n"
            "\n"
            "[options]\n"
            "\n"
            "[options.exclude-newer-package]\n"
            "idna = false\n");
}

TEST(WriteLock, OddStringsAreQuotedAsUvQuotesThem) {
  Lockfile lock;
  lock.requires_python = ">=3.9";
  Package p = registry_package("x", "1");
  p.source.location = R"(C:\wheels)";
  p.dependencies.push_back(Dependency{"y", "", std::nullopt, {}, R"(os_name == "nt")"});
  lock.packages.push_back(p);
  std::string text = write_lock(lock);
  EXPECT_NE(text.find(R"(source = { registry = 'C:\wheels' })"), std::string::npos) << text;
  EXPECT_NE(text.find(R"({ name = "y", marker = 'os_name == "nt"' })"), std::string::npos) << text;
  // And it reads back to the same model.
  Result<Lockfile> again = parse_lock(text);
  ASSERT_TRUE(again.ok()) << again.error().render();
  EXPECT_EQ(*again, lock);
}

}  // namespace
}  // namespace roost::lock
