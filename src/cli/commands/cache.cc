// `roost cache dir | clean | prune`: show, empty and tidy the on-disk cache (cache/cache.h).
#include "cache/cache.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "cli/app.h"
#include "cli/cache_dir.h"
#include "cli/command.h"

namespace roost::cli {
namespace {

namespace fs = std::filesystem;

struct CacheCommandOptions {
  std::optional<std::string> cache_dir;  // --cache-dir
};

// The cache directory, absolute; an error when neither the flag nor the environment names one.
Result<fs::path> resolve_cache_dir(const CacheCommandOptions& options) {
  fs::path dir = cache::default_cache_dir(cache_dir_inputs(options.cache_dir));
  if (dir.empty()) {
    return make_error(ErrorKind::kUsage,
                      "no cache directory: set --cache-dir, ROOST_CACHE_DIR, XDG_CACHE_HOME or "
                      "HOME");
  }
  std::error_code ec;
  fs::path absolute = fs::absolute(dir, ec);
  if (ec) return make_error(ErrorKind::kIo, "cannot make " + dir.string() + " absolute");
  return absolute.lexically_normal();
}

std::string plural(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string mib(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

// Opens an existing cache for clean / prune. nullopt (and a message) when there is nothing to
// do: the directory is missing or empty, so opening it would only create a cache to remove.
Result<std::optional<cache::Cache>> open_existing(Output& output, const fs::path& dir) {
  std::error_code ec;
  bool exists = fs::exists(dir, ec);
  if (!ec && (!exists || (fs::is_directory(dir, ec) && fs::is_empty(dir, ec)))) {
    output.info("No cache found at " + dir.string() + "\n");
    return std::optional<cache::Cache>();
  }
  // Cache::open refuses (kUsage, naming the directory) a non-empty directory roost did not tag.
  ROOST_TRY(cache::Cache cache, cache::Cache::open(dir));
  return std::optional<cache::Cache>(std::move(cache));
}

int cache_dir_command(Output& output, const CacheCommandOptions& options) {
  Result<fs::path> dir = resolve_cache_dir(options);
  if (!dir) return output.error(dir.error()), kExitError;
  output.out(dir->string() + "\n");
  return kExitOk;
}

int cache_clean_command(Output& output, const CacheCommandOptions& options) {
  Result<fs::path> dir = resolve_cache_dir(options);
  if (!dir) return output.error(dir.error()), kExitError;
  Result<std::optional<cache::Cache>> cache = open_existing(output, *dir);
  if (!cache) return output.error(cache.error()), kExitError;
  if (!*cache) return kExitOk;
  Result<cache::CacheStats> stats = (*cache)->clean();
  if (!stats) return output.error(stats.error()), kExitError;
  output.info("Removed " + plural(stats->files, "file", "files") + " (" + mib(stats->bytes) +
              ")\n");
  return kExitOk;
}

int cache_prune_command(Output& output, const CacheCommandOptions& options) {
  Result<fs::path> dir = resolve_cache_dir(options);
  if (!dir) return output.error(dir.error()), kExitError;
  Result<std::optional<cache::Cache>> cache = open_existing(output, *dir);
  if (!cache) return output.error(cache.error()), kExitError;
  if (!*cache) return kExitOk;
  Result<cache::CacheStats> stats = (*cache)->prune();
  if (!stats) return output.error(stats.error()), kExitError;
  if (stats->files == 0 && stats->dirs == 0) {
    output.info("No stale temp files or old bucket versions found\n");
  } else {
    output.info("Removed " + plural(stats->files, "file", "files") + " and " +
                plural(stats->dirs, "directory", "directories") + " (" + mib(stats->bytes) + ")\n");
  }
  return kExitOk;
}

}  // namespace

void register_cache_commands(CLI::App& app, Handler& chosen) {
  CLI::App* cache = app.add_subcommand("cache", "Show, clean and prune roost's cache");
  cache->require_subcommand(1);
  auto options = std::make_shared<CacheCommandOptions>();
  struct Sub {
    const char* name;
    const char* help;
    int (*run)(Output&, const CacheCommandOptions&);
  };
  const Sub subs[] = {
      {"dir", "Print the cache directory (creates nothing)", cache_dir_command},
      {"clean", "Remove everything from the cache", cache_clean_command},
      {"prune", "Remove stale temp files and old cache bucket versions", cache_prune_command},
  };
  for (const Sub& sub : subs) {
    CLI::App* cmd = cache->add_subcommand(sub.name, sub.help);
    cmd->add_option("--cache-dir", options->cache_dir,
                    "The cache directory (default: $ROOST_CACHE_DIR, $XDG_CACHE_HOME/roost, "
                    "~/.cache/roost)");
    auto run = sub.run;
    cmd->callback([&chosen, options, run] {
      chosen = [options, run](Output& output, const GlobalOptions&) {
        return run(output, *options);
      };
    });
  }
}

}  // namespace roost::cli
