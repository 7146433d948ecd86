// FileTransport: file:// URLs served from disk, everything else forwarded; see file_transport.h.
#include "index/file_transport.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "base/ascii.h"
#include "base/fs.h"
#include "index/url.h"

namespace roost::index {
namespace {

namespace fs = std::filesystem;

// The parts of a file:// URL this transport needs.
struct FileUrl {
  std::string path;     // percent-decoded, absolute, without a trailing slash (except "/")
  bool trailing_slash;  // the URL names a directory
  size_t path_end;      // where the path ends in the URL (before "?query" / "#fragment")
};

Result<FileUrl> parse_file_url(std::string_view url) {
  constexpr size_t kPrefix = 7;  // "file://"
  size_t path_end = url.find_first_of("?#", kPrefix);
  if (path_end == std::string_view::npos) path_end = url.size();
  std::string_view rest = url.substr(kPrefix, path_end - kPrefix);
  size_t slash = rest.find('/');
  std::string_view host = rest.substr(0, slash);
  if (!host.empty() && !ascii_iequals(host, "localhost")) {
    return make_error(ErrorKind::kUsage,
                      "file:// URLs with a host are not supported: " + redact_url(url));
  }
  std::string path = slash == std::string_view::npos ? "/" : percent_decode(rest.substr(slash));
  // "%00" would cut the path short at open() after the containment check saw all of it.
  if (path.find('\0') != std::string::npos) {
    return make_error(ErrorKind::kUsage, "file:// URL with a NUL byte: " + redact_url(url));
  }
  bool trailing_slash = path.back() == '/';
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return FileUrl{.path = std::move(path), .trailing_slash = trailing_slash, .path_end = path_end};
}

Error read_error(const fs::path& path, const std::string& why) {
  return make_error(ErrorKind::kNetwork, "cannot read " + path.string() + ": " + why);
}

// `path` with `..` and symlinks resolved, if that lies inside a root; `shown` names it in the
// refusal (the path as the URL spelled it, which is what the user can find on the page).
Result<fs::path> resolve_inside(const fs::path& path, const std::string& shown,
                                const std::vector<fs::path>& roots) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(path, ec);
  if (ec) return read_error(path, ec.message());
  std::string text = real.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  for (const fs::path& root : roots) {
    const std::string& r = root.string();
    if (r == "/" || text == r || (text.starts_with(r) && text[r.size()] == '/')) return real;
  }
  return make_error(ErrorKind::kNetwork,
                    "refusing to read " + shown +
                        ": it is not inside a local index or find-links directory")
      .with_hint("only the directories of file:// indexes and local --find-links are readable");
}

// An open file descriptor, closed on destruction.
struct OpenFile {
  int fd = -1;
  bool is_dir = false;
  uint64_t size = 0;
  OpenFile(int f, bool d, uint64_t s) : fd(f), is_dir(d), size(s) {}
  OpenFile(OpenFile&& o) noexcept : fd(std::exchange(o.fd, -1)), is_dir(o.is_dir), size(o.size) {}
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  OpenFile& operator=(OpenFile&& o) noexcept {
    if (this != &o) {
      if (fd >= 0) ::close(fd);
      fd = std::exchange(o.fd, -1);
      is_dir = o.is_dir;
      size = o.size;
    }
    return *this;
  }
  ~OpenFile() {
    if (fd >= 0) ::close(fd);
  }
};

// nullopt when there is no such file (the 404 case).
Result<std::optional<OpenFile>> open_file(const fs::path& path) {
  // O_NONBLOCK: opening a FIFO placed in the tree must not hang the batch.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR) return std::optional<OpenFile>();
    return read_error(path, errno_message(err));
  }
  OpenFile file(fd, false, 0);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return read_error(path, errno_message(errno));
  if (S_ISDIR(st.st_mode)) {
    file.is_dir = true;
  } else if (S_ISREG(st.st_mode)) {
    file.size = static_cast<uint64_t>(st.st_size);
  } else {
    return read_error(path, "not a regular file");
  }
  return std::optional<OpenFile>(std::move(file));
}

// Bytes [offset, offset + length) of an open file: only those are read.
Result<std::string> read_range(const OpenFile& file, uint64_t offset, uint64_t length,
                               const fs::path& path) {
  std::string out(length, '\0');
  size_t filled = 0;
  while (filled < out.size()) {
    ssize_t n = ::pread(file.fd, out.data() + filled, out.size() - filled,
                        static_cast<off_t>(offset + filled));
    if (n < 0) {
      if (errno == EINTR) continue;
      return read_error(path, errno_message(errno));
    }
    if (n == 0) return read_error(path, "the file shrank while it was read");
    filled += static_cast<size_t>(n);
  }
  return out;
}

// A byte range as asked: absolute [first, last] (last may exceed the file), or the last `first`
// bytes when `suffix`.
struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;
  bool suffix = false;
};

// Digits only, at most 19 of them (no overflow); nullopt otherwise.
std::optional<uint64_t> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

// "bytes=a-b", "bytes=a-" or "bytes=-n". Anything else (several ranges, other units) is ignored,
// as a server without support for it would: the whole file is sent.
std::optional<ByteRange> parse_range_header(std::string_view value) {
  if (!value.starts_with("bytes=")) return std::nullopt;
  value.remove_prefix(6);
  size_t dash = value.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view a = value.substr(0, dash);
  std::string_view b = value.substr(dash + 1);
  if (a.empty()) {
    std::optional<uint64_t> n = parse_number(b);
    if (!n) return std::nullopt;
    return ByteRange{.first = *n, .suffix = true};
  }
  std::optional<uint64_t> first = parse_number(a);
  std::optional<uint64_t> last = b.empty() ? std::optional<uint64_t>(UINT64_MAX) : parse_number(b);
  if (!first || !last) return std::nullopt;
  return ByteRange{.first = *first, .last = *last};
}

std::optional<ByteRange> requested_range(const Request& request) {
  if (request.range) return ByteRange{.first = request.range->first, .last = request.range->second};
  for (const auto& [name, value] : request.headers) {
    if (ascii_iequals(name, "range")) return parse_range_header(value);
  }
  return std::nullopt;
}

std::string content_type_of(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = ascii_lower(c);
  if (ext == ".html" || ext == ".htm") return "text/html";
  if (ext == ".json") return "application/vnd.pypi.simple.v1+json";
  return "application/octet-stream";
}

// 200 with the whole file, 206 with the asked part, or 416 when the range starts past the end.
Result<Response> respond(const Request& request, const OpenFile& file, const fs::path& path,
                         std::string final_url) {
  Response response{.status = 200, .final_url = std::move(final_url)};
  const uint64_t size = file.size;
  uint64_t first = 0, last = size;  // [first, last), the bytes to send
  std::optional<ByteRange> range = requested_range(request);
  if (range && !range->suffix && range->first > range->last) range.reset();  // invalid: ignored
  if (range) {
    bool unsatisfiable = range->suffix ? range->first == 0 || size == 0 : range->first >= size;
    if (unsatisfiable) {
      response.status = 416;
      response.headers.emplace_back("content-range", "bytes */" + std::to_string(size));
      response.headers.emplace_back("content-length", "0");
      return response;
    }
    first = range->suffix ? (range->first >= size ? 0 : size - range->first) : range->first;
    last = range->suffix ? size : std::min(range->last, size - 1) + 1;
    response.status = 206;
  }
  ROOST_TRY(response.body, read_range(file, first, last - first, path));
  response.headers.emplace_back("content-type", content_type_of(path));
  response.headers.emplace_back("content-length", std::to_string(response.body.size()));
  if (response.status == 206) {
    response.headers.emplace_back("content-range", "bytes " + std::to_string(first) + "-" +
                                                       std::to_string(last - 1) + "/" +
                                                       std::to_string(size));
  }
  return response;
}

Response not_found(const std::string& url) {
  return Response{.status = 404, .final_url = url, .headers = {{"content-length", "0"}}};
}

Result<Response> serve(const Request& request, const std::vector<fs::path>& roots) {
  ROOST_TRY(FileUrl target, parse_file_url(request.url));
  ROOST_TRY(fs::path real, resolve_inside(target.path, target.path, roots));
  ROOST_TRY(std::optional<OpenFile> file, open_file(real));
  if (!file) return not_found(request.url);
  std::string final_url = request.url;
  if (file->is_dir) {
    // As http.server: a directory is its index.html, reached through a 301 that adds the slash.
    if (!target.trailing_slash) final_url.insert(target.path_end, "/");
    std::string shown = target.path == "/" ? "/index.html" : target.path + "/index.html";
    ROOST_TRY(real, resolve_inside(real / "index.html", shown, roots));
    ROOST_TRY(file, open_file(real));
    if (!file || file->is_dir) return not_found(final_url);
  } else if (target.trailing_slash) {
    return not_found(request.url);  // "a.whl/" names a directory that is not there
  }
  return respond(request, *file, real, std::move(final_url));
}

}  // namespace

bool is_file_url(std::string_view url) {
  return url.size() >= 7 && ascii_iequals(url.substr(0, 7), "file://");
}

Result<fs::path> file_url_to_path(std::string_view url) {
  if (!is_file_url(url)) {
    return make_error(ErrorKind::kUsage, "not a file:// URL: " + redact_url(url));
  }
  ROOST_TRY(FileUrl parsed, parse_file_url(url));
  return fs::path(parsed.path);
}

FileTransport::FileTransport(Transport& network, std::vector<fs::path> allowed_roots)
    : network_(network) {
  for (const fs::path& root : allowed_roots) {
    if (root.empty()) continue;
    std::error_code ec;
    fs::path real = fs::weakly_canonical(root, ec);
    // A root that cannot be resolved is kept as written: nothing below it resolves either.
    std::string text = (ec ? root.lexically_normal() : real).string();
    while (text.size() > 1 && text.back() == '/') text.pop_back();
    roots_.emplace_back(std::move(text));
  }
}

std::vector<Result<Response>> FileTransport::fetch_all(const std::vector<Request>& requests) {
  std::vector<std::optional<Result<Response>>> out(requests.size());
  std::vector<Request> forwarded;
  std::vector<size_t> owner;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (is_file_url(requests[i].url)) {
      out[i] = serve(requests[i], roots_);
    } else {
      forwarded.push_back(requests[i]);
      owner.push_back(i);
    }
  }
  if (!forwarded.empty()) {
    std::vector<Result<Response>> responses = network_.fetch_all(forwarded);
    for (size_t j = 0; j < owner.size() && j < responses.size(); ++j) {
      out[owner[j]] = std::move(responses[j]);
    }
  }
  std::vector<Result<Response>> results;
  results.reserve(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    if (out[i]) {
      results.push_back(std::move(*out[i]));
    } else {
      results.emplace_back(
          make_error(ErrorKind::kInternal,
                     "transport returned too few responses for " + redact_url(requests[i].url)));
    }
  }
  return results;
}

}  // namespace roost::index
