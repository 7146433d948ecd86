// The builds bucket (see build_cache.h).
#include "build/build_cache.h"

#include <stdlib.h>
#include <unistd.h>

#include <system_error>

#include "base/fs.h"

namespace roost::build {
namespace fs = std::filesystem;
namespace {

Error io_error(const std::string& what, const fs::path& path, std::string_view why) {
  return make_error(ErrorKind::kIo, what + " " + path.string() + ": " + std::string(why));
}

// Hardlink `from` to `to` (which must not exist), else copy it.
Result<void> link_or_copy(const fs::path& from, const fs::path& to) {
  if (::link(from.c_str(), to.c_str()) == 0) return ok();
  std::error_code ec;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) return io_error("cannot copy the wheel to", to, ec.message());
  return ok();
}

}  // namespace

std::string build_cache_key(const BuildCacheKeyInputs& inputs) {
  std::string key = "roost-build-v1\nkind " + inputs.kind + "\nsource " + inputs.source_hash +
                    "\npython " + inputs.python_version + "\n";
  if (!inputs.source_dir.empty()) key += "dir " + inputs.source_dir + "\n";
  for (const auto& [name, value] : inputs.config_settings) {
    key += "config " + name + "=" + value + "\n";
  }
  return key;
}

std::optional<fs::path> find_cached_wheel(const cache::Cache& cache, const std::string& key) {
  const fs::path entry = cache.entry_path(cache::Bucket::kBuilds, key);
  std::error_code ec;
  std::optional<fs::path> wheel;
  for (const fs::directory_entry& e : fs::directory_iterator(entry, ec)) {
    if (e.path().extension() != ".whl" || !e.is_regular_file(ec)) continue;
    if (wheel) return std::nullopt;  // not what store_cached_wheel writes
    wheel = e.path();
  }
  return ec ? std::nullopt : wheel;
}

Result<fs::path> store_cached_wheel(const cache::Cache& cache, const std::string& key,
                                    const fs::path& wheel) {
  const fs::path entry = cache.entry_path(cache::Bucket::kBuilds, key);
  std::error_code ec;
  fs::create_directories(entry.parent_path(), ec);
  if (ec) return io_error("cannot create", entry.parent_path(), ec.message());
  // Named like the cache's temporary files. prune() removes only files today, so a crashed
  // writer's directory stays until `cache clean` (cache/ would need to prune directories too).
  std::string pattern =
      (entry.parent_path() / ("." + entry.filename().string() + ".tmp-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return io_error("cannot create a directory in", entry.parent_path(), errno_message(errno));
  }
  const fs::path temp(pattern);
  Result<void> linked = link_or_copy(wheel, temp / wheel.filename());
  if (linked.ok() && ::rename(temp.c_str(), entry.c_str()) != 0) {
    const int err = errno;
    if (err != EEXIST && err != ENOTEMPTY)
      linked = io_error("cannot store", entry, errno_message(err));
  }
  fs::remove_all(temp, ec);  // gone after a successful rename; ours to clean otherwise
  if (!linked.ok()) return std::move(linked).error();
  if (std::optional<fs::path> stored = find_cached_wheel(cache, key)) return *stored;
  return io_error("cannot find the wheel just stored in", entry, "it is missing");
}

Result<fs::path> place_wheel(const fs::path& wheel, const fs::path& output_dir) {
  std::error_code ec;
  fs::create_directories(output_dir, ec);
  if (ec) return io_error("cannot create", output_dir, ec.message());
  const fs::path dest = output_dir / wheel.filename();
  if (fs::equivalent(wheel, dest, ec)) return dest;
  fs::remove(dest, ec);  // never truncate: it may be a hardlink into the cache
  ROOST_CHECK(link_or_copy(wheel, dest));
  return dest;
}

}  // namespace roost::build
