// uv.lock without what a freshness check does not read (see lock_digest.h).
#include "project/lock_digest.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/fs.h"
#include "lock/read_lock.h"
#include "pep508/names.h"

namespace roost::project {
namespace {

bool starts_with(std::string_view line, std::string_view prefix) {
  return line.substr(0, prefix.size()) == prefix;
}

// The text of `key = "text"` when the line is exactly that and the text needs no decoding
// (printable ASCII, no escapes); nullopt otherwise.
std::optional<std::string_view> plain_string(std::string_view line, std::string_view key,
                                             std::string_view close = "\"") {
  if (!starts_with(line, key) || line.size() < key.size() + close.size()) return std::nullopt;
  if (line.substr(line.size() - close.size()) != close) return std::nullopt;
  std::string_view text = line.substr(key.size(), line.size() - key.size() - close.size());
  for (char c : text) {
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return std::nullopt;
  }
  return text;
}

// A registry package recognised from its first four lines, kept out of the TOML text.
struct RegistryStub {
  size_t ordinal;  // its place among the lock's [[package]] tables
  lock::Package package;
};

// The cut, one line at a time (the whole text, or a file read in chunks).
//
// With `stub_registry`, a registry package written as uv writes it (`[[package]]`, `name`,
// `version`, `source = { registry = ... }`, in that order, plain strings) skips the TOML parser
// altogether: they are a lock's most numerous tables, and everything the check reads of them is
// on those lines. Were such a package to have another line the cut keeps, that line would
// land in the table before it; the cut then says it is not canonical, and the caller parses
// the whole file.
class Cutter {
 public:
  explicit Cutter(bool stub_registry) : stub_registry_(stub_registry) {}

  void line(std::string_view line, bool newline) {
    if (held_lines_ > 0) {
      Held held = hold(line);
      if (held == Held::kMore) {
        held_.append(line);
        if (newline) held_ += '\n';
        ++held_lines_;
        return;
      }
      if (held == Held::kStub) {
        // Its lines stay as line breaks, so line numbers stay those of the file.
        size_t breaks = static_cast<size_t>(std::count(held_.begin(), held_.end(), '\n'));
        out.append(breaks + (newline ? 1 : 0), '\n');
        held_.clear();
        held_lines_ = 0;
        return;
      }
      release();
    }
    if (cut(line)) {
      if (newline) held_ += '\n';
      return;
    }
    if (newline) out += '\n';
  }
  // Call at the end, before reading the results.
  void finish() {
    if (held_lines_ > 0) release();
  }

  std::string out;
  std::vector<RegistryStub> stubs;
  size_t packages = 0;  // [[package]] headers seen
  bool canonical = true;

 private:
  enum class Held { kMore, kStub, kNot };

  // A line of a package that may be a registry stub: kMore while it still may be, kStub when
  // this line completed it, kNot when the package is not one.
  Held hold(std::string_view line) {
    if (held_lines_ == 1) {
      std::optional<std::string_view> name = plain_string(line, "name = \"");
      if (!name || !pep508::PackageName::is_normalized(*name)) return Held::kNot;
      stub_.package.name = std::string(*name);
      return Held::kMore;
    }
    if (held_lines_ == 2) {
      std::optional<std::string_view> version = plain_string(line, "version = \"");
      if (!version || version->empty()) return Held::kNot;
      stub_.package.version = std::string(*version);
      return Held::kMore;
    }
    std::optional<std::string_view> url = plain_string(line, "source = { registry = \"", "\" }");
    if (!url) return Held::kNot;
    stub_.package.source.kind = lock::SourceKind::kRegistry;
    stub_.package.source.location = std::string(*url);
    stubs.push_back(std::move(stub_));
    stub_ = {};
    in_stub_ = true;
    immutable_ = true;
    return Held::kStub;
  }

  // The held lines go to the text after all (each held line kept its line break).
  void release() {
    out += held_;
    held_.clear();
    held_lines_ = 0;
    stub_ = {};
  }

  // Cuts or keeps one line; true when the line starts a package that may be a stub (held).
  bool cut(std::string_view line) {
    bool drop = false;
    if (in_array_) {
      drop = true;
      if (line == "]") in_array_ = false;
    } else if (!line.empty() && line.front() == '[') {
      // A header ends a dropped table. The edges of a registry or git package are never
      // followed (uv does not look past immutable packages), so its optional and dev
      // dependency tables go too.
      if (line == "[[package]]") {
        immutable_ = local_archive_ = in_stub_ = in_table_ = false;
        ++packages;
        if (stub_registry_) {
          stub_.ordinal = packages - 1;
          held_ = "[[package]]";
          held_lines_ = 1;
          return true;
        }
      } else if (line.substr(0, 9) != "[package.") {
        in_stub_ = false;  // a top-level table
      }
      in_table_ = immutable_ && (line == "[package.optional-dependencies]" ||
                                 line == "[package.dev-dependencies]");
      drop = in_table_;
    } else if (in_table_) {
      drop = true;
    } else if (starts_with(line, "source = { registry = ") ||
               starts_with(line, "source = { git = ")) {
      immutable_ = true;
    } else if (starts_with(line, "source = { path = ")) {
      local_archive_ = true;
    } else if (local_archive_ &&
               (starts_with(line, "sdist = ") || starts_with(line, "wheels = ["))) {
      // kept whole
    } else if (starts_with(line, "sdist = ")) {
      drop = true;
    } else if (starts_with(line, "wheels = [") ||
               (immutable_ && (starts_with(line, "dependencies = [") ||
                               starts_with(line, "resolution-markers = [")))) {
      drop = true;
      in_array_ = line.back() != ']';
    }
    if (drop) return false;
    if (in_stub_ && !line.empty()) canonical = false;
    // A dropped line keeps its line break, so line numbers stay those of the file.
    out.append(line);
    return false;
  }

  bool stub_registry_;
  bool in_array_ = false;       // inside a dropped multi-line array, until its `]` line
  bool in_table_ = false;       // inside a dropped [package.*-dependencies] table
  bool immutable_ = false;      // the current [[package]] comes from a registry or git
  bool local_archive_ = false;  // ... from a local wheel or sdist: its hash is checked
  bool in_stub_ = false;        // the current [[package]] became a RegistryStub
  RegistryStub stub_;           // the one being recognised
  std::string held_;            // its lines so far, in case it is not one
  int held_lines_ = 0;
};

// Feeds `text` to the cutter a line at a time; returns the bytes after the last line break
// (the whole of `text` when it has none).
std::string_view feed_lines(Cutter& cutter, std::string_view text) {
  size_t at = 0;
  while (true) {
    const char* nl =
        static_cast<const char*>(std::memchr(text.data() + at, '\n', text.size() - at));
    if (!nl) return text.substr(at);
    size_t end = static_cast<size_t>(nl - text.data());
    cutter.line(text.substr(at, end - at), true);
    at = end + 1;
  }
}

// Feeds a whole text, its last line too.
void feed_text(Cutter& cutter, std::string_view text) {
  std::string_view rest = feed_lines(cutter, text);
  if (!rest.empty()) cutter.line(rest, false);
}

// The stubs put back among the parsed packages, at their places in the file.
Result<lock::Lockfile> with_stubs(lock::Lockfile lock, Cutter& cutter) {
  if (cutter.stubs.empty()) return lock;
  std::vector<lock::Package> parsed = std::move(lock.packages);
  if (parsed.size() + cutter.stubs.size() != cutter.packages) {
    return make_error(ErrorKind::kParse, "uv.lock's packages are not in uv's layout");
  }
  lock.packages.clear();
  lock.packages.reserve(cutter.packages);
  size_t next_parsed = 0;
  for (RegistryStub& stub : cutter.stubs) {
    while (lock.packages.size() < stub.ordinal) {
      lock.packages.push_back(std::move(parsed[next_parsed++]));
    }
    lock.packages.push_back(std::move(stub.package));
  }
  while (next_parsed < parsed.size()) lock.packages.push_back(std::move(parsed[next_parsed++]));
  return lock;
}

// The digest of what the cutter was given, or nullopt when it must be parsed whole.
std::optional<lock::Lockfile> digest_of(Cutter& cutter, std::string_view file) {
  cutter.finish();
  if (!cutter.canonical) return std::nullopt;
  Result<lock::Lockfile> lock = lock::parse_lock(cutter.out, file);
  if (!lock.ok()) return std::nullopt;
  Result<lock::Lockfile> whole = with_stubs(std::move(lock).value(), cutter);
  if (!whole.ok()) return std::nullopt;
  return std::move(whole).value();
}

}  // namespace

std::string without_distributions(std::string_view text) {
  Cutter cutter(false);
  cutter.out.reserve(text.size() / 4);
  feed_text(cutter, text);
  cutter.finish();
  return std::move(cutter.out);
}

Result<lock::Lockfile> parse_lock_digest(std::string_view text, std::string_view file) {
  Cutter cutter(true);
  feed_text(cutter, text);
  if (std::optional<lock::Lockfile> digest = digest_of(cutter, file)) return std::move(*digest);
  return lock::parse_lock(text, file);
}

Result<std::optional<lock::Lockfile>> read_lock_digest_if_exists(
    const std::filesystem::path& path) {
  // Read in chunks through one small buffer: a megabyte-sized lock read whole costs a page
  // fault per 4 KiB of fresh memory, as much as the cut itself.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) return std::optional<lock::Lockfile>();
  Cutter cutter(true);
  std::string buffer(size_t{128} << 10, '\0');
  size_t kept = 0;       // bytes of an unfinished line at the front of the buffer
  bool failed = fd < 0;  // read_file() below says why
  while (!failed) {
    if (kept == buffer.size()) buffer.resize(buffer.size() * 2);  // a very long line
    ssize_t n = ::read(fd, buffer.data() + kept, buffer.size() - kept);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      failed = n < 0;
      break;
    }
    std::string_view rest =
        feed_lines(cutter, std::string_view(buffer.data(), kept + static_cast<size_t>(n)));
    std::memmove(buffer.data(), rest.data(), rest.size());
    kept = rest.size();
  }
  if (fd >= 0) ::close(fd);
  if (!failed) {
    if (kept > 0) cutter.line(std::string_view(buffer.data(), kept), false);
    if (std::optional<lock::Lockfile> digest = digest_of(cutter, path.string())) {
      return std::optional<lock::Lockfile>(std::move(*digest));
    }
  }
  // Parsed whole, so an error points where it is.
  ROOST_TRY(std::string text, read_file(path));
  ROOST_TRY(lock::Lockfile lock, lock::parse_lock(text, path.string()));
  return std::optional<lock::Lockfile>(std::move(lock));
}

Result<lock::Lockfile> read_lock_digest(const std::filesystem::path& path) {
  ROOST_TRY(std::optional<lock::Lockfile> lock, read_lock_digest_if_exists(path));
  if (!lock) {
    return make_error(ErrorKind::kNotFound,
                      "cannot read " + path.string() + ": " + errno_message(ENOENT));
  }
  return std::move(*lock);
}

}  // namespace roost::project
