// Remote ZIP reading over HTTP ranges; see remote_zip.h.
#include "index/remote_zip.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "base/sha256.h"

namespace roost::index {

namespace {

constexpr int kMaxRequests = 6;  // tail, directory, entry, and a retry for a long local extra

Error parse_error(std::string what) {
  return make_error(ErrorKind::kParse, std::move(what));
}

// Where the central directory is, from `tail`, the last bytes of a file of `file_size` bytes
// (zip/zip_format.h's checks, worded for this reader, and a lower cap on what is downloaded).
Result<zip::EndRecord> locate_central_directory(std::string_view tail, uint64_t file_size) {
  std::optional<size_t> at = zip::find_end_record(tail);
  if (!at) {
    return parse_error(tail.size() < zip::kEndRecordSize
                           ? "no End Of Central Directory record (too short)"
                           : "no End Of Central Directory record");
  }
  ROOST_TRY(zip::EndRecord end, zip::parse_end_records(tail, file_size, *at));
  if (end.directory_size > kMaxCentralDirectorySize) {
    return parse_error("central directory of " + std::to_string(end.directory_size) +
                       " bytes is larger than the 64 MiB limit");
  }
  return end;
}

}  // namespace

Result<size_t> find_metadata_entry(const std::vector<zip::Entry>& entries) {
  std::set<std::string> dirs;
  for (const zip::Entry& entry : entries) {
    size_t slash = entry.name.find('/');
    if (slash == std::string::npos) continue;
    std::string dir = entry.name.substr(0, slash);
    if (dir.size() > 10 && dir.ends_with(".dist-info")) dirs.insert(dir);
  }
  if (dirs.empty()) return parse_error("no .dist-info directory");
  if (dirs.size() > 1) {
    std::string names;
    for (const std::string& d : dirs) names += (names.empty() ? "" : ", ") + d;
    return parse_error("more than one .dist-info directory (" + names + ")");
  }
  const std::string wanted = *dirs.begin() + "/METADATA";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].name == wanted) return i;
  }
  return parse_error("no " + wanted);
}

Result<std::string> extract_entry(std::string_view local, const zip::Entry& entry) {
  const std::string& name = entry.name;
  if ((entry.flags & 0x1) != 0) return parse_error(name + " is encrypted");
  if (entry.uncompressed_size > kMaxMetadataSize) {
    return parse_error(name + " is " + std::to_string(entry.uncompressed_size) +
                       " bytes, over the 16 MiB limit");
  }
  if (entry.compressed_size > 2 * kMaxMetadataSize) {
    return parse_error(name + " has an implausible compressed size");
  }
  if (local.size() < zip::kLocalHeaderSize) {
    return parse_error("local header of " + name + " truncated");
  }
  if (!zip::local_header_size(local)) return parse_error("bad local header signature for " + name);
  std::optional<zip::LocalHeader> header = zip::parse_local_header(local);
  if (!header || local.size() - header->size < entry.compressed_size) {
    return parse_error("data of " + name + " runs past the end of the file");
  }
  if (header->name != name) {
    return parse_error("local header names a different file than the central directory for " +
                       name);
  }
  std::string_view data = local.substr(header->size, static_cast<size_t>(entry.compressed_size));
  std::string out;
  if (entry.method == 0) {
    if (entry.compressed_size != entry.uncompressed_size) {
      return make_error(ErrorKind::kIntegrity, "stored entry " + name + " has different sizes");
    }
    out = std::string(data);
  } else if (entry.method == 8) {
    // One spare byte, so data that inflates to more than declared is caught.
    out.resize(static_cast<size_t>(entry.uncompressed_size) + 1);
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
      return make_error(ErrorKind::kInternal, "zlib inflateInit2 failed");
    }
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&z, Z_FINISH);
    size_t produced = out.size() - z.avail_out;
    uInt unused = z.avail_in;
    inflateEnd(&z);
    if (rc == Z_STREAM_END && unused != 0) {
      return make_error(ErrorKind::kIntegrity,
                        "compressed size of " + name + " does not match its deflate data");
    }
    if (rc != Z_STREAM_END) {
      return make_error(ErrorKind::kIntegrity,
                        rc == Z_DATA_ERROR
                            ? "corrupt deflate data in " + name
                            : "deflate data of " + name + " does not match its sizes");
    }
    if (produced != entry.uncompressed_size) {
      return make_error(ErrorKind::kIntegrity, name + " inflates to " + std::to_string(produced) +
                                                   " bytes, expected " +
                                                   std::to_string(entry.uncompressed_size));
    }
    out.resize(produced);
  } else {
    return parse_error(name + " uses unsupported compression method " +
                       std::to_string(entry.method));
  }
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()));
  if (crc != entry.crc32) {
    return make_error(ErrorKind::kIntegrity, "CRC-32 mismatch for " + name);
  }
  return out;
}

RemoteWheelReader::RemoteWheelReader(std::string url, std::optional<uint64_t> known_size,
                                     std::optional<std::string> wheel_sha256)
    : url_(std::move(url)), known_size_(known_size), wheel_sha256_(std::move(wheel_sha256)) {}

void RemoteWheelReader::fail(Error error) {
  result_ = make_error(error.kind(),
                       "cannot read METADATA from " + redact_url(url_) + ": " + error.message());
}

void RemoteWheelReader::fall_back_or_fail(Error error) {
  if (fell_back_ || whole_file_) return fail(std::move(error));
  fell_back_ = true;
  whole_pending_ = true;
  buffers_.clear();
  have_size_ = false;
  directory_.reset();
  entry_.reset();
  pending_.reset();
  suffix_pending_ = false;
}

std::optional<std::string_view> RemoteWheelReader::view(uint64_t offset, uint64_t length) const {
  for (const Buffer& b : buffers_) {
    if (offset >= b.start && offset - b.start <= b.bytes.size() &&
        b.bytes.size() - (offset - b.start) >= length) {
      return std::string_view(b.bytes).substr(static_cast<size_t>(offset - b.start),
                                              static_cast<size_t>(length));
    }
  }
  return std::nullopt;
}

std::optional<Request> RemoteWheelReader::next_request() {
  if (result_) return std::nullopt;
  if (!started_) {
    started_ = true;
    if (known_size_) {
      if (*known_size_ == 0) {
        fail(parse_error("the index says the file is empty"));
        return std::nullopt;
      }
      uint64_t start = *known_size_ > kZipTailSize ? *known_size_ - kZipTailSize : 0;
      pending_ = {start, *known_size_ - 1};
    } else {
      suffix_pending_ = true;
    }
  }
  if (++requests_ > kMaxRequests) {
    fail(make_error(ErrorKind::kInternal, "too many range requests"));
    return std::nullopt;
  }
  Request request{.url = url_};
  if (whole_pending_) {
    return request;  // no Range: the whole file
  } else if (suffix_pending_) {
    request.headers.emplace_back("Range", "bytes=-" + std::to_string(kZipTailSize));
  } else if (pending_) {
    request.range = pending_;
  } else {
    fail(make_error(ErrorKind::kInternal, "no range to request"));
    return std::nullopt;
  }
  return request;
}

void RemoteWheelReader::on_response(Result<Response> response) {
  if (result_) return;
  if (!response) {
    fail(std::move(response).error());
    return;
  }
  const int status = response->status;
  const bool asked_whole = whole_pending_;
  whole_pending_ = false;
  if (asked_whole && status != 200) {
    fail(make_error(status == 404 || status == 410 ? ErrorKind::kNotFound : ErrorKind::kNetwork,
                    "HTTP status " + std::to_string(status)));
    return;
  }
  if (status == 200) {
    // Range unsupported: the body is the whole file; everything else comes from it.
    whole_file_ = true;
    if (wheel_sha256_) {
      std::string actual = to_hex(sha256(response->body));
      if (actual != *wheel_sha256_) {
        fail(make_error(ErrorKind::kIntegrity,
                        "hash mismatch (the server ignored Range and sent "
                        "the whole file): expected sha256:" +
                            *wheel_sha256_ + ", got sha256:" + actual));
        return;
      }
    }
    file_size_ = response->body.size();
    have_size_ = true;
    buffers_.assign(1, Buffer{.start = 0, .bytes = std::move(response->body)});
  } else if (status == 206) {
    // "bytes a-b/total"
    std::string content_range = response->header("content-range");
    uint64_t a = 0, b = 0, total = 0;
    int fields = 0;
    if (content_range.starts_with("bytes ")) {
      std::string_view rest = std::string_view(content_range).substr(6);
      uint64_t* targets[] = {&a, &b, &total};
      const char separators[] = {'-', '/', '\0'};
      for (int i = 0; i < 3; ++i) {
        size_t digits = 0;
        while (digits < rest.size() && digits < 19 &&
               std::isdigit(static_cast<unsigned char>(rest[digits]))) {
          *targets[i] = *targets[i] * 10 + static_cast<uint64_t>(rest[digits] - '0');
          ++digits;
        }
        if (digits == 0) break;
        rest.remove_prefix(digits);
        if (separators[i] != '\0') {
          if (rest.empty() || rest.front() != separators[i]) break;
          rest.remove_prefix(1);
        } else if (!rest.empty()) {
          break;
        }
        ++fields;
      }
    }
    if (fields != 3 || a > b || b >= total || b - a + 1 != response->body.size()) {
      fall_back_or_fail(
          make_error(ErrorKind::kNetwork, "bad Content-Range \"" + content_range + "\" for " +
                                              std::to_string(response->body.size()) + " bytes"));
      return;
    }
    if (suffix_pending_) {
      if (b != total - 1) {
        fall_back_or_fail(
            make_error(ErrorKind::kNetwork, "the server answered a range that is not the end"));
        return;
      }
    } else if (pending_ && (a != pending_->first || b != pending_->second)) {
      fall_back_or_fail(make_error(ErrorKind::kNetwork, "the server answered a different range"));
      return;
    }
    if (have_size_ && total != file_size_) {
      fail(make_error(ErrorKind::kNetwork, "the file changed size between requests"));
      return;
    }
    file_size_ = total;
    have_size_ = true;
    buffers_.push_back(Buffer{.start = a, .bytes = std::move(response->body)});
  } else if (status == 404 || status == 410) {
    fail(make_error(ErrorKind::kNotFound, "HTTP status " + std::to_string(status)));
    return;
  } else if (status >= 400 && status < 500) {
    // 416 (an index's size was wrong), 400, 501-style refusals of Range: the whole file may do.
    fall_back_or_fail(make_error(ErrorKind::kNetwork, "HTTP status " + std::to_string(status)));
    return;
  } else {
    fail(make_error(ErrorKind::kNetwork, "HTTP status " + std::to_string(status)));
    return;
  }
  suffix_pending_ = false;
  pending_.reset();
  advance();
}

void RemoteWheelReader::advance() {
  if (!directory_) {
    // The first buffer is the tail (or the whole file).
    const Buffer& tail = buffers_.front();
    Result<zip::EndRecord> end = locate_central_directory(tail.bytes, file_size_);
    if (!end) return fail(std::move(end).error());
    directory_ = *end;
  }
  const uint64_t directory_offset = directory_->directory_offset;
  if (!entry_) {
    const uint64_t size = directory_->directory_size;
    std::optional<std::string_view> bytes = view(directory_offset, size);
    if (!bytes) {
      if (size == 0) return fail(parse_error("empty central directory"));
      pending_ = {directory_offset, directory_offset + size - 1};
      return;
    }
    Result<std::vector<zip::Entry>> entries =
        zip::parse_central_directory(*bytes, directory_->entries);
    if (!entries) return fail(std::move(entries).error());
    Result<size_t> index = find_metadata_entry(*entries);
    if (!index) return fail(std::move(index).error());
    entry_ = std::move((*entries)[*index]);
  }
  // The entry's data must lie before the central directory.
  const uint64_t offset = entry_->local_header_offset;
  if (offset >= directory_offset) {
    return fail(
        parse_error("local header of " + entry_->name + " is not before the central directory"));
  }
  const uint64_t room = directory_offset - offset;
  if (entry_->compressed_size > room) {
    return fail(parse_error("data of " + entry_->name + " runs past the end of the file"));
  }
  std::optional<uint64_t> needed;
  if (std::optional<std::string_view> header =
          view(offset, std::min<uint64_t>(zip::kLocalHeaderSize, room))) {
    std::optional<size_t> header_size = zip::local_header_size(*header);
    if (!header_size) return fail(parse_error("bad local header signature for " + entry_->name));
    needed = *header_size + entry_->compressed_size;
    if (*needed > room) {
      return fail(parse_error("data of " + entry_->name + " runs past the end of the file"));
    }
    if (std::optional<std::string_view> local = view(offset, *needed)) {
      Result<std::string> text = extract_entry(*local, *entry_);
      if (!text) return fail(std::move(text).error());
      result_ = std::move(text).value();
      return;
    }
  }
  if (entry_->uncompressed_size > kMaxMetadataSize) {
    return fail(parse_error(entry_->name + " is " + std::to_string(entry_->uncompressed_size) +
                            " bytes, over the 16 MiB limit"));
  }
  // Generous when the header is unknown: the central extra length plus slack for the local one.
  uint64_t want = needed ? *needed
                         : zip::kLocalHeaderSize + entry_->name.size() + entry_->extra_length +
                               1024 + entry_->compressed_size;
  want = std::min(want, room);
  pending_ = {offset, offset + want - 1};
}

Result<std::string> RemoteWheelReader::take_result() {
  if (!result_) return make_error(ErrorKind::kInternal, "remote wheel read not finished");
  Result<std::string> out = std::move(*result_);
  result_.reset();
  return out;
}

Result<std::string> read_wheel_metadata(std::string_view wheel, std::string_view what) {
  auto read = [&]() -> Result<std::string> {
    // The directory ends where the end record starts (zip::parse_end_records checks it).
    ROOST_TRY(zip::EndRecord end, locate_central_directory(wheel, wheel.size()));
    ROOST_TRY(std::vector<zip::Entry> entries,
              zip::parse_central_directory(wheel.substr(end.directory_offset, end.directory_size),
                                           end.entries));
    ROOST_TRY(size_t index, find_metadata_entry(entries));
    const zip::Entry& entry = entries[index];
    if (entry.local_header_offset > wheel.size()) {
      return Error(ErrorKind::kParse, "METADATA's local header lies outside the file");
    }
    return extract_entry(wheel.substr(entry.local_header_offset), entry);
  };
  Result<std::string> r = read();
  if (!r.ok()) {
    return Error(r.error().kind(),
                 "cannot read METADATA from " + std::string(what) + ": " + r.error().message());
  }
  return r;
}

std::vector<Result<std::string>> fetch_remote_wheel_metadata_all(
    Transport& transport, const std::vector<RemoteWheel>& wheels) {
  std::vector<RemoteWheelReader> readers;
  readers.reserve(wheels.size());
  for (const RemoteWheel& w : wheels) readers.emplace_back(w.url, w.size, w.sha256);
  while (true) {
    std::vector<Request> requests;
    std::vector<size_t> owner;
    for (size_t i = 0; i < readers.size(); ++i) {
      if (std::optional<Request> r = readers[i].next_request()) {
        requests.push_back(std::move(*r));
        owner.push_back(i);
      }
    }
    if (requests.empty()) break;
    std::vector<Result<Response>> responses = transport.fetch_all(requests);
    for (size_t j = 0; j < owner.size(); ++j) {
      readers[owner[j]].on_response(
          j < responses.size()
              ? std::move(responses[j])
              : Result<Response>(
                    make_error(ErrorKind::kInternal, "transport returned too few responses")));
    }
  }
  std::vector<Result<std::string>> out;
  out.reserve(readers.size());
  for (RemoteWheelReader& reader : readers) out.push_back(reader.take_result());
  return out;
}

}  // namespace roost::index
