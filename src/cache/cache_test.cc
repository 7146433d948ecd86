#include "cache/cache.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <thread>
#include <vector>

#include "base/sha256.h"

namespace roost::cache {
namespace {

namespace fs = std::filesystem;

std::string hex_of(std::string_view data) {
  return to_hex(sha256(data));
}

// Every file under `dir` whose name marks it as a temp file of write_file_atomic.
std::vector<fs::path> temp_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(e.path());
  }
  return out;
}

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = fs::path(::testing::TempDir()) /
           ("roost-cache-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(dir_);
    root_ = dir_ / "cache";
  }
  void TearDown() override { fs::remove_all(dir_); }
  Cache open() {
    Result<Cache> c = Cache::open(root_);
    EXPECT_TRUE(c.ok()) << c.error().render();
    return std::move(c).value();
  }
  fs::path dir_;
  fs::path root_;
};

TEST(DefaultCacheDir, Precedence) {
  CacheDirInputs in{"/flag", "/env", "/xdg", "/home/u"};
  EXPECT_EQ(default_cache_dir(in), fs::path("/flag"));
  in.flag.reset();
  EXPECT_EQ(default_cache_dir(in), fs::path("/env"));
  in.roost_cache_dir = "";  // empty counts as unset
  EXPECT_EQ(default_cache_dir(in), fs::path("/xdg/roost"));
  in.xdg_cache_home = "relative/xdg";  // the XDG spec says to ignore relative paths
  EXPECT_EQ(default_cache_dir(in), fs::path("/home/u/.cache/roost"));
  in.xdg_cache_home.reset();
  EXPECT_EQ(default_cache_dir(in), fs::path("/home/u/.cache/roost"));
  in.home.reset();
  EXPECT_EQ(default_cache_dir(in), fs::path());
}

TEST(DefaultCacheDir, RelativeFlagIsKeptAsGiven) {
  CacheDirInputs in;
  in.flag = "rel/cache";
  EXPECT_EQ(default_cache_dir(in), fs::path("rel/cache"));
}

TEST(Buckets, VersionedNames) {
  EXPECT_EQ(bucket_dir_name(Bucket::kSimple), "simple-v1");
  EXPECT_EQ(bucket_dir_name(Bucket::kMetadata), "metadata-v1");
  EXPECT_EQ(bucket_dir_name(Bucket::kWheels), "wheels-v1");
  EXPECT_EQ(bucket_dir_name(Bucket::kArchives), "archives-v1");
  EXPECT_EQ(bucket_dir_name(Bucket::kInterpreters), "interpreters-v1");
  EXPECT_EQ(bucket_dir_name(Bucket::kBuilds), "builds-v1");
  EXPECT_EQ(bucket_dir_name(Bucket::kGit), "git-v1");
  EXPECT_EQ(bucket_dir_name(Bucket::kBuildEnvs), "build-envs-v1");
  EXPECT_EQ(bucket_dir_name(Bucket::kEnvironments), "environments-v1");
}

TEST(KeyFileName, ReadablePrefixAndHash) {
  std::string name = key_file_name("https://pypi.org/simple/requests/");
  EXPECT_EQ(name,
            "https_pypi.org_simple_requests_-" + key_hash_hex("https://pypi.org/simple/requests/"));
}

TEST(KeyFileName, HostileKeysStayOneSafeComponent) {
  std::vector<std::string> keys = {
      "../../etc/passwd",
      "..",
      ".",
      "/",
      "",
      std::string("a\0b", 3),
      std::string(5000, 'x'),
      "ünïcødé/名前",
      "a/b\\c:d*e?f",
      ".hidden",
      "...",
  };
  std::vector<std::string> names;
  for (const std::string& key : keys) {
    std::string name = key_file_name(key);
    SCOPED_TRACE(name);
    EXPECT_LE(name.size(), 64u + 1 + 16);
    EXPECT_FALSE(name.starts_with("."));
    EXPECT_EQ(name.find('/'), std::string::npos);
    EXPECT_EQ(name.find('\\'), std::string::npos);
    EXPECT_EQ(name.find('\0'), std::string::npos);
    EXPECT_EQ(fs::path(name).filename().string(), name);
    names.push_back(name);
  }
  // Distinct keys get distinct names even when their prefixes sanitise alike.
  EXPECT_NE(key_file_name("a/b"), key_file_name("a:b"));
  EXPECT_NE(key_file_name(std::string(5000, 'x')), key_file_name(std::string(5001, 'x')));
  EXPECT_EQ(key_file_name(""), "key-" + key_hash_hex(""));
  // XXH3-64 of the empty input (the reference value from xxhash's own tests).
  EXPECT_EQ(key_hash_hex(""), "2d06800538d394c2");
}

TEST_F(CacheTest, OpenCreatesTagAndGitignore) {
  Cache cache = open();
  EXPECT_EQ(cache.root(), root_);
  std::string tag = *read_file(root_ / "CACHEDIR.TAG");
  EXPECT_TRUE(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55\n")) << tag;
  EXPECT_NE(tag.find("# "), std::string::npos);
  EXPECT_EQ(*read_file(root_ / ".gitignore"), "*\n");
  // Reopening an existing cache is fine.
  EXPECT_TRUE(Cache::open(root_).ok());
}

TEST_F(CacheTest, OpenRefusesANonEmptyForeignDirectory) {
  fs::create_directories(root_);
  ASSERT_TRUE(write_file_atomic(root_ / "thesis.tex", "precious").ok());
  Result<Cache> c = Cache::open(root_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().kind(), ErrorKind::kUsage);
  EXPECT_NE(c.error().message().find("no roost CACHEDIR.TAG"), std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "CACHEDIR.TAG"));
}

TEST_F(CacheTest, OpenAdoptsAnEmptyDirectory) {
  fs::create_directories(root_);
  EXPECT_TRUE(Cache::open(root_).ok());
  EXPECT_TRUE(fs::exists(root_ / "CACHEDIR.TAG"));
}

TEST_F(CacheTest, OpenJoinsAnotherProcessStillInitialisingTheCache) {
  // What a concurrent `roost` leaves mid-initialisation: the .gitignore and a temp file of the
  // tag about to be renamed into place. Refusing here made two processes fail on a new cache.
  fs::create_directories(root_);
  ASSERT_TRUE(write_file_atomic(root_ / ".gitignore", "*\n").ok());
  ASSERT_TRUE(write_file_atomic(root_ / ".CACHEDIR.TAG.tmp-4242-0-1", "Signature").ok());
  EXPECT_TRUE(Cache::open(root_).ok());
  EXPECT_TRUE(fs::exists(root_ / "CACHEDIR.TAG"));
}

// Many threads opening one new cache at once, each writing right away (which creates a bucket
// next to the tag): none may see the other's half-made cache as a foreign directory. The e2e
// two-process test found the window between "no tag yet" and listing a directory that by then
// held the tag and a bucket.
TEST_F(CacheTest, ManyOpenersOfOneNewCacheAllSucceed) {
  for (int round = 0; round < 50; ++round) {
    fs::path dir = root_ / ("c" + std::to_string(round));
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        Result<Cache> c = Cache::open(dir);
        if (!c.ok() || !c->write_entry(Bucket::kSimple, "k" + std::to_string(t), "v").ok()) {
          ++failures;
        }
      });
    }
    for (std::thread& t : threads) t.join();
    ASSERT_EQ(failures.load(), 0) << "round " << round;
  }
}

TEST_F(CacheTest, EntryPathsStayInsideTheBucket) {
  Cache cache = open();
  for (std::string_view key : {"../../x", "/abs", "..", "a/../../b"}) {
    fs::path p = cache.entry_path(Bucket::kSimple, key);
    EXPECT_EQ(p.parent_path(), cache.bucket_dir(Bucket::kSimple)) << p;
  }
  EXPECT_EQ(cache.bucket_dir(Bucket::kWheels), root_ / "wheels-v1");
}

TEST_F(CacheTest, EntriesRoundTrip) {
  Cache cache = open();
  EXPECT_FALSE(cache.read_entry(Bucket::kSimple, "k")->has_value());
  ASSERT_TRUE(cache.write_entry(Bucket::kSimple, "k", "one").ok());
  EXPECT_EQ(**cache.read_entry(Bucket::kSimple, "k"), "one");
  ASSERT_TRUE(cache.write_entry(Bucket::kSimple, "k", std::string("t\0wo", 4)).ok());
  EXPECT_EQ(**cache.read_entry(Bucket::kSimple, "k"), std::string("t\0wo", 4));
  EXPECT_FALSE(cache.read_entry(Bucket::kMetadata, "k")->has_value());
  EXPECT_TRUE(temp_files(root_).empty());
}

TEST_F(CacheTest, AnEmptyEntryReadsAsAbsent) {
  Result<Cache> c = Cache::open(root_);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c->write_entry(Bucket::kSimple, "k", "").ok());
  Result<std::optional<std::string>> read = c->read_entry(Bucket::kSimple, "k");
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->has_value());
}

TEST_F(CacheTest, PutBlobIsContentAddressedAndImmutable) {
  Cache cache = open();
  std::string data = "wheel bytes";
  std::string hex = hex_of(data);
  EXPECT_FALSE(cache.find_blob(Bucket::kWheels, hex));
  Result<fs::path> p = cache.put_blob(Bucket::kWheels, hex, data);
  ASSERT_TRUE(p.ok()) << p.error().render();
  EXPECT_EQ(*p, root_ / "wheels-v1" / hex.substr(0, 2) / hex);
  EXPECT_EQ(*read_file(*p), data);
  auto mtime = fs::last_write_time(*p);
  fs::last_write_time(*p, mtime - std::chrono::hours(5));
  // A second put is a no-op: the file is not rewritten.
  ASSERT_TRUE(cache.put_blob(Bucket::kWheels, hex, data).ok());
  EXPECT_EQ(fs::last_write_time(*p), mtime - std::chrono::hours(5));
  // Upper-case digests name the same blob.
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(cache.find_blob(Bucket::kWheels, upper), *p);
  EXPECT_FALSE(cache.find_blob(Bucket::kArchives, hex));
}

TEST_F(CacheTest, BadHashIsRejectedAndLeavesNoFile) {
  Cache cache = open();
  std::string claimed = hex_of("what the index promised");
  Result<fs::path> p = cache.put_blob(Bucket::kWheels, claimed, "what the server sent");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().kind(), ErrorKind::kIntegrity);
  EXPECT_EQ(p.error().message(), "hash mismatch: expected sha256 " + claimed + ", got " +
                                     hex_of("what the server sent"));
  EXPECT_FALSE(cache.find_blob(Bucket::kWheels, claimed));
  EXPECT_FALSE(fs::exists(cache.bucket_dir(Bucket::kWheels)));
}

TEST_F(CacheTest, MalformedDigestIsAParseError) {
  Cache cache = open();
  const std::vector<std::string> bads = {
      "", "abc", "../../../../etc/passwd",
      "zz00000000000000000000000000000000000000000000000000000000000000"};
  for (const std::string& bad : bads) {
    Result<fs::path> p = cache.put_blob(Bucket::kWheels, bad, "x");
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().kind(), ErrorKind::kParse);
    EXPECT_FALSE(cache.find_blob(Bucket::kWheels, bad));
  }
}

TEST_F(CacheTest, ConcurrentWritersNeverExposePartialFiles) {
  Cache cache = open();
  const std::string blob(1 << 20, 'w');  // large enough that a torn write would show
  const std::string hex = hex_of(blob);
  std::atomic<bool> done{false};
  std::atomic<int> bad_reads{0};
  // A reader that checks every file it can see is complete.
  std::thread reader([&] {
    while (!done) {
      if (auto p = cache.find_blob(Bucket::kWheels, hex)) {
        Result<std::string> text = read_file(*p);
        if (!text.ok() || *text != blob) ++bad_reads;
      }
      Result<std::optional<std::string>> e = cache.read_entry(Bucket::kSimple, "shared");
      if (!e.ok() || (e->has_value() && (**e).size() != 100000)) ++bad_reads;
    }
  });
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        if (!cache.put_blob(Bucket::kWheels, hex, blob).ok()) ++failures;
        std::string key = "entry-" + std::to_string(t) + "-" + std::to_string(i);
        if (!cache.write_entry(Bucket::kSimple, key, key).ok()) ++failures;
        std::string shared(100000, static_cast<char>('a' + t));
        if (!cache.write_entry(Bucket::kSimple, "shared", shared).ok()) ++failures;
      }
    });
  }
  for (auto& w : writers) w.join();
  done = true;
  reader.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(bad_reads, 0);
  for (int t = 0; t < 8; ++t) {
    for (int i = 0; i < 5; ++i) {
      std::string key = "entry-" + std::to_string(t) + "-" + std::to_string(i);
      EXPECT_EQ(**cache.read_entry(Bucket::kSimple, key), key);
    }
  }
  EXPECT_EQ(*read_file(*cache.find_blob(Bucket::kWheels, hex)), blob);
  EXPECT_TRUE(temp_files(root_).empty());
}

TEST_F(CacheTest, TwoProcessesPutTheSameBlob) {
  Cache cache = open();
  const std::string blob(256 * 1024, 'p');
  const std::string hex = hex_of(blob);
  std::vector<pid_t> children;
  for (int i = 0; i < 2; ++i) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      bool ok = true;
      for (int j = 0; j < 20 && ok; ++j) {
        ok = cache.put_blob(Bucket::kWheels, hex, blob).ok() &&
             cache.write_entry(Bucket::kSimple, "p" + std::to_string(i), "x").ok();
      }
      ::_exit(ok ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(*read_file(*cache.find_blob(Bucket::kWheels, hex)), blob);
  EXPECT_EQ(**cache.read_entry(Bucket::kSimple, "p0"), "x");
  EXPECT_EQ(**cache.read_entry(Bucket::kSimple, "p1"), "x");
  EXPECT_TRUE(temp_files(root_).empty());
}

TEST_F(CacheTest, LockBucketExcludesOtherHolders) {
  Cache cache = open();
  Result<FileLock> lock = cache.lock_bucket(Bucket::kArchives);
  ASSERT_TRUE(lock.ok()) << lock.error().render();
  fs::path lock_path = cache.bucket_dir(Bucket::kArchives) / ".lock";
  EXPECT_EQ(lock->path(), lock_path);
  Result<std::optional<FileLock>> other = FileLock::try_acquire(lock_path, LockMode::kExclusive);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

TEST_F(CacheTest, CleanRemovesEverythingButTheMarkers) {
  Cache cache = open();
  ASSERT_TRUE(cache.write_entry(Bucket::kSimple, "a", "12345").ok());
  ASSERT_TRUE(cache.put_blob(Bucket::kWheels, hex_of("abc"), "abc").ok());
  Result<CacheStats> stats = cache.clean();
  ASSERT_TRUE(stats.ok()) << stats.error().render();
  EXPECT_EQ(stats->files, 2u);
  EXPECT_EQ(stats->dirs, 3u);  // simple-v1, wheels-v1, wheels-v1/ba
  EXPECT_EQ(stats->bytes, 8u);
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(root_)) left.push_back(e.path().filename());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{".gitignore", "CACHEDIR.TAG"}));
  // The cache stays usable.
  EXPECT_TRUE(cache.write_entry(Bucket::kSimple, "a", "again").ok());
}

TEST_F(CacheTest, CleanRefusesADirectoryWithoutRoostsTag) {
  Cache cache = open();
  ASSERT_TRUE(cache.write_entry(Bucket::kSimple, "a", "x").ok());
  // Someone else's tag (uv's, say) is not roost's.
  ASSERT_TRUE(write_file_atomic(root_ / "CACHEDIR.TAG",
                                "Signature: 8a477f597d28d172789f06886806bc55\n# uv\n")
                  .ok());
  Result<CacheStats> stats = cache.clean();
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.error().kind(), ErrorKind::kUsage);
  EXPECT_NE(stats.error().message().find("refusing to clean"), std::string::npos);
  EXPECT_TRUE(fs::exists(cache.entry_path(Bucket::kSimple, "a")));
  fs::remove(root_ / "CACHEDIR.TAG");
  EXPECT_FALSE(cache.clean().ok());
  EXPECT_FALSE(cache.prune().ok());
  EXPECT_TRUE(fs::exists(cache.entry_path(Bucket::kSimple, "a")));
}

TEST_F(CacheTest, PruneRemovesOldBucketsAndStaleTempFilesOnly) {
  Cache cache = open();
  ASSERT_TRUE(cache.write_entry(Bucket::kSimple, "current", "keep").ok());
  fs::create_directories(root_ / "simple-v0" / "sub");
  ASSERT_TRUE(write_file_atomic(root_ / "simple-v0" / "sub" / "old", "1234").ok());
  fs::create_directories(root_ / "wheels-v2");  // a newer roost's bucket: kept
  fs::create_directories(root_ / "notes-v0");   // not ours: kept
  fs::path stale = cache.bucket_dir(Bucket::kSimple) / ".page.tmp-1-2-3";
  fs::path fresh = cache.bucket_dir(Bucket::kSimple) / ".other.tmp-4-5-6";
  fs::path not_temp = cache.bucket_dir(Bucket::kSimple) / "old-but-not-temp";
  ASSERT_TRUE(write_file_atomic(stale, "half").ok());
  ASSERT_TRUE(write_file_atomic(fresh, "writing").ok());
  ASSERT_TRUE(write_file_atomic(not_temp, "data").ok());
  auto two_hours_ago = fs::file_time_type::clock::now() - std::chrono::hours(2);
  fs::last_write_time(stale, two_hours_ago);
  fs::last_write_time(not_temp, two_hours_ago);

  Result<CacheStats> stats = cache.prune();
  ASSERT_TRUE(stats.ok()) << stats.error().render();
  EXPECT_EQ(stats->files, 2u);  // simple-v0/sub/old and the stale temp file
  EXPECT_EQ(stats->dirs, 2u);   // simple-v0 and simple-v0/sub
  EXPECT_EQ(stats->bytes, 8u);
  EXPECT_FALSE(fs::exists(root_ / "simple-v0"));
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(fresh));
  EXPECT_TRUE(fs::exists(not_temp));
  EXPECT_TRUE(fs::exists(root_ / "wheels-v2"));
  EXPECT_TRUE(fs::exists(root_ / "notes-v0"));
  EXPECT_EQ(**cache.read_entry(Bucket::kSimple, "current"), "keep");
  EXPECT_TRUE(fs::exists(root_ / "CACHEDIR.TAG"));
}

}  // namespace
}  // namespace roost::cache
