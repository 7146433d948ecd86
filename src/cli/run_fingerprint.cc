#include "cli/run_fingerprint.h"

#include <sys/stat.h>

#include <cstdint>
#include <set>
#include <sstream>

#include "base/fs.h"

namespace roost::cli {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader = "roost-run-fingerprint-v1";

// A file's identity as one token; "absent" when it does not exist.
std::string identity(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "absent";
  return std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ":" +
         std::to_string(st.st_size) + ":" + std::to_string(st.st_ino);
}

// FNV-1a: the file name only spreads keys; the whole key is stored inside and compared, so a
// collision costs a slow run, never a wrong one. (SHA-256 would initialise OpenSSL, ~1 ms of a
// path whose budget is a few.)
std::string fnv1a_hex(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 15];
  return out;
}

std::string key_line(const fs::path& cwd, const std::string& flags_text) {
  std::string key = cwd.string() + '\x1e' + flags_text;
  for (char& c : key) {
    if (c == '\n') c = '\x1d';  // one line in the file
  }
  return "key " + key;
}

}  // namespace

RunFingerprint run_fingerprint(const fs::path& cache_root, const fs::path& cwd,
                               const std::string& flags_text) {
  std::string key = key_line(cwd, flags_text);
  return {cache_root / "run-v1" / fnv1a_hex(key), key};
}

std::optional<RunTarget> fresh_run_target(const RunFingerprint& fingerprint) {
  Result<std::optional<std::string>> text = read_file_if_exists(fingerprint.path.c_str());
  if (!text.ok() || !*text) return std::nullopt;
  std::istringstream in(**text);
  std::string line;
  if (!std::getline(in, line) || line != kHeader) return std::nullopt;
  if (!std::getline(in, line) || line != fingerprint.key) return std::nullopt;
  RunTarget target;
  if (!std::getline(in, line) || !line.starts_with("venv ")) return std::nullopt;
  target.venv = line.substr(5);
  if (!std::getline(in, line) || !line.starts_with("scripts ")) return std::nullopt;
  target.scripts = line.substr(8);
  while (std::getline(in, line)) {
    size_t space = line.find(' ');
    if (space == std::string::npos) return std::nullopt;
    if (identity(line.substr(space + 1)) != line.substr(0, space)) return std::nullopt;
  }
  return target;
}

void record_run_fingerprint(const RunFingerprint& fingerprint, const workspace::Workspace& ws,
                            const fs::path& cwd, const RunTarget& target,
                            const fs::path& site_packages, const std::vector<fs::path>& settings) {
  std::set<std::string> watched = {(ws.root / "uv.lock").string(),
                                   (ws.root / "pyproject.toml").string(),
                                   (target.venv / "pyvenv.cfg").string(), site_packages.string()};
  for (const workspace::Member& m : ws.members) {
    watched.insert((m.path / "pyproject.toml").string());
    watched.insert(m.path.parent_path().string());
  }
  for (const fs::path& file : settings) watched.insert(file.string());
  for (fs::path dir = cwd;; dir = dir.parent_path()) {
    watched.insert(dir.string());
    if (dir == dir.parent_path()) break;
  }
  std::string text = std::string(kHeader) + "\n" + fingerprint.key + "\nvenv " +
                     target.venv.string() + "\nscripts " + target.scripts.string() + "\n";
  for (const std::string& path : watched) text += identity(path) + " " + path + "\n";
  std::error_code ec;
  fs::create_directories(fingerprint.path.parent_path(), ec);
  (void)write_file_atomic(fingerprint.path, text);
}

}  // namespace roost::cli
