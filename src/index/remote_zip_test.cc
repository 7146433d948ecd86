// Remote ZIP reading: real wheels written by Python's zipfile (deflated, stored, a central
// directory outside the 64 KiB tail, ZIP64 local headers), a ZIP64 end record built here, and
// corrupted archives; served by an in-memory range transport and by tests/servers/fault_server.py.
#include "index/remote_zip.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "base/sha256.h"
#include "base/subprocess.h"
#include "index/curl_transport.h"
#include "index/test_zip.h"
#include "testing/server_process.h"

namespace roost::index {
namespace {

namespace fs = std::filesystem;
using testing::RangeTransport;

const std::string kMetadata =
    "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nSummary: " + std::string(300, 'x') + "\n";
constexpr char kMetadataName[] = "demo-1.0.dist-info/METADATA";

constexpr char kMakeWheels[] = R"PY(
import os, random, sys, zipfile
out = sys.argv[1]
META = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nSummary: " + "x" * 300 + "\n"
D, S = zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED
def wheel(name, members):
    with zipfile.ZipFile(os.path.join(out, name), "w") as z:
        for n, data, method in members:
            z.writestr(n, data, compress_type=method)
common = [("demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\n", D),
          ("demo-1.0.dist-info/RECORD", "", D)]
wheel("deflated.whl", [("demo/__init__.py", "x = 1\n" * 50, D),
                       ("demo-1.0.dist-info/METADATA", META, D)] + common)
wheel("stored.whl", [("demo/__init__.py", "x = 1\n", S),
                     ("demo-1.0.dist-info/METADATA", META, S)] + common)
rng = random.Random(4)
blob = bytes(rng.getrandbits(8) for _ in range(300000))
mods = [("demo/module_with_a_rather_long_name_%05d.py" % i, "", D) for i in range(2000)]
wheel("bigdir.whl", [("demo/blob.bin", blob, S), ("demo-1.0.dist-info/METADATA", META, D)]
      + mods + common)
wheel("twodist.whl", [("demo-1.0.dist-info/METADATA", META, D),
                      ("other-2.0.dist-info/METADATA", META, D)])
wheel("nometa.whl", [("demo/__init__.py", "", D)] + common)
with zipfile.ZipFile(os.path.join(out, "zip64local.whl"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("demo/__init__.py", "")
    with z.open("demo-1.0.dist-info/METADATA", "w", force_zip64=True) as f:
        f.write(META.encode())
)PY";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

uint32_t get32(const std::string& b, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}
void set32(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
void set16(std::string& b, size_t at, uint32_t v) {
  b[at] = static_cast<char>(v & 0xFF);
  b[at + 1] = static_cast<char>((v >> 8) & 0xFF);
}

// The offset of the central directory header for `name` (archives here have no comment).
size_t central_header_of(const std::string& zip, const std::string& name) {
  size_t cd = get32(zip, zip.size() - 22 + 16);
  return zip.find(name, cd) - 46;
}

// The same archive with a ZIP64 End Of Central Directory record and locator, and 0xFF.. fields
// in the classic EOCD (as writers do for archives past the classic limits).
std::string with_zip64_end(const std::string& zip) {
  size_t eocd = zip.size() - 22;
  uint32_t entries = static_cast<unsigned char>(zip[eocd + 10]) |
                     (static_cast<unsigned char>(zip[eocd + 11]) << 8);
  uint32_t cd_size = get32(zip, eocd + 12), cd_offset = get32(zip, eocd + 16);
  std::string out = zip.substr(0, eocd);
  auto put64 = [&](uint64_t v) {
    testing::put32(out, static_cast<uint32_t>(v));
    testing::put32(out, static_cast<uint32_t>(v >> 32));
  };
  testing::put32(out, 0x06064b50);
  put64(44);  // size of the rest of the record
  testing::put16(out, 45);
  testing::put16(out, 45);
  testing::put32(out, 0);
  testing::put32(out, 0);
  put64(entries);
  put64(entries);
  put64(cd_size);
  put64(cd_offset);
  testing::put32(out, 0x07064b50);
  testing::put32(out, 0);
  put64(eocd);  // where the ZIP64 record starts
  testing::put32(out, 1);
  testing::put32(out, 0x06054b50);
  testing::put32(out, 0);
  testing::put16(out, 0xFFFF);
  testing::put16(out, 0xFFFF);
  testing::put32(out, 0xFFFFFFFF);
  testing::put32(out, 0xFFFFFFFF);
  testing::put16(out, 0);
  return out;
}

class RemoteZipTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) /
                        ("roost-remote-zip-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    Result<SubprocessResult> r = run_subprocess(
        {.argv = {"python3", "-c", kMakeWheels, dir_->string()}, .timeout_ms = 60000});
    if (!r) {
      skip_ = "python3 unavailable: " + r.error().message();
    } else if (r->exit_code != 0) {
      skip_ = "python3 failed: " + r->stderr_data;
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
  }

  static std::string wheel(const std::string& name) { return read_file(*dir_ / name); }

  // Serves `bytes` and reads its METADATA; `known_size` toggles absolute vs suffix tail ranges.
  Result<std::string> read(const std::string& bytes, bool known_size = false) {
    transport_.files[kUrl] = bytes;
    std::optional<uint64_t> size;
    if (known_size) size = bytes.size();
    return std::move(fetch_remote_wheel_metadata_all(transport_, {{kUrl, size}})[0]);
  }
  std::string read_error(const std::string& bytes) {
    Result<std::string> r = read(bytes);
    EXPECT_FALSE(r.ok());
    return r.ok() ? "" : r.error().message();
  }

  static constexpr char kUrl[] = "https://files.example/demo-1.0-py3-none-any.whl";
  static inline fs::path* dir_ = nullptr;
  static inline std::string skip_;
  RangeTransport transport_;
};

TEST_F(RemoteZipTest, DeflatedMetadataInOneRequest) {
  Result<std::string> r = read(wheel("deflated.whl"));
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(*r, kMetadata);
  ASSERT_EQ(transport_.requests.size(), 1u);
  EXPECT_FALSE(transport_.requests[0].range);  // suffix range header when the size is unknown
  ASSERT_EQ(transport_.requests[0].headers.size(), 1u);
  EXPECT_EQ(transport_.requests[0].headers[0].second, "bytes=-65536");
}

TEST_F(RemoteZipTest, AWheelInMemoryGivesItsMetadata) {
  Result<std::string> r = read_wheel_metadata(wheel("deflated.whl"), "demo.whl");
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(*r, kMetadata);
  Result<std::string> broken = read_wheel_metadata("not a zip", "demo.whl");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message().find("cannot read METADATA from demo.whl"), std::string::npos)
      << broken.error().message();
}

TEST_F(RemoteZipTest, StoredMetadataWithKnownSize) {
  std::string zip = wheel("stored.whl");
  Result<std::string> r = read(zip, /*known_size=*/true);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(*r, kMetadata);
  ASSERT_EQ(transport_.requests.size(), 1u);
  ASSERT_TRUE(transport_.requests[0].range);
  EXPECT_EQ(transport_.requests[0].range->first, 0u);  // smaller than the tail
  EXPECT_EQ(transport_.requests[0].range->second, zip.size() - 1);
}

TEST_F(RemoteZipTest, CentralDirectoryOutsideTheTail) {
  std::string zip = wheel("bigdir.whl");
  ASSERT_GT(zip.size(), 300000u);
  Result<std::string> r = read(zip, /*known_size=*/true);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(*r, kMetadata);
  // Tail, central directory, METADATA entry: one batch each, each far smaller than the file.
  ASSERT_EQ(transport_.requests.size(), 3u);
  EXPECT_EQ(transport_.requests[0].range->first, zip.size() - kZipTailSize);
  uint64_t fetched = 0;
  for (const Request& req : transport_.requests) {
    fetched += req.range->second - req.range->first + 1;
  }
  EXPECT_LT(fetched, zip.size() / 2);
}

TEST_F(RemoteZipTest, ServerWithoutRangesSendsWholeFile) {
  transport_.ranges = false;
  Result<std::string> r = read(wheel("bigdir.whl"));
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(*r, kMetadata);
  EXPECT_EQ(transport_.requests.size(), 1u);
}

// A server that gets ranges wrong gets one plain GET for the whole file, and no more.
TEST_F(RemoteZipTest, BrokenRangesFallBackToTheWholeFileOnce) {
  std::string bytes = wheel("bigdir.whl");
  transport_.files[kUrl] = bytes;
  // The index claims a size far larger than the file: the tail range is past the end (416).
  RemoteWheelReader past_end(kUrl, bytes.size() + 100000);
  while (std::optional<Request> r = past_end.next_request()) {
    past_end.on_response(std::move(transport_.fetch_all({*r})[0]));
  }
  EXPECT_TRUE(past_end.read_whole_file());
  Result<std::string> text = past_end.take_result();
  ASSERT_TRUE(text.ok()) << text.error().render();
  EXPECT_EQ(*text, kMetadata);
  ASSERT_EQ(transport_.requests.size(), 2u);
  EXPECT_FALSE(transport_.requests[1].range.has_value());
  EXPECT_TRUE(transport_.requests[1].headers.empty());

  // A Content-Range that does not match the body: the same single fallback.
  transport_.requests.clear();
  transport_.broken_ranges = true;
  Result<std::string> broken = read(bytes);
  ASSERT_TRUE(broken.ok()) << broken.error().render();
  EXPECT_EQ(*broken, kMetadata);
  EXPECT_EQ(transport_.requests.size(), 2u);

  // When the whole file fails too, the error says why, after exactly one extra request.
  RemoteWheelReader reader(kUrl, 1000);
  reader.on_response(Response{.status = 416, .final_url = kUrl});
  std::optional<Request> whole = reader.next_request();
  ASSERT_TRUE(whole.has_value());
  EXPECT_FALSE(whole->range.has_value());
  reader.on_response(Response{.status = 503, .final_url = kUrl});
  EXPECT_FALSE(reader.next_request().has_value());
  Result<std::string> failed = reader.take_result();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message(),
            std::string("cannot read METADATA from ") + kUrl + ": HTTP status 503");
}

// A whole file sent in place of a range is checked against the page's hash before it is read.
TEST_F(RemoteZipTest, WholeFileFromServerWithoutRangesIsHashChecked) {
  transport_.ranges = false;
  std::string bytes = wheel("bigdir.whl");
  transport_.files[kUrl] = bytes;
  std::string right = to_hex(sha256(bytes));
  std::string wrong(64, '0');
  std::vector<Result<std::string>> r = fetch_remote_wheel_metadata_all(
      transport_, {{kUrl, std::nullopt, right}, {kUrl, std::nullopt, wrong}});
  ASSERT_TRUE(r[0].ok()) << r[0].error().render();
  EXPECT_EQ(*r[0], kMetadata);
  ASSERT_FALSE(r[1].ok());
  EXPECT_EQ(r[1].error().kind(), ErrorKind::kIntegrity);
  EXPECT_EQ(r[1].error().message(),
            std::string("cannot read METADATA from ") + kUrl +
                ": hash mismatch (the server ignored Range and sent the whole file): expected "
                "sha256:" +
                wrong + ", got sha256:" + right);
}

TEST_F(RemoteZipTest, Zip64LocalHeaderAndZip64EndRecord) {
  Result<std::string> local = read(wheel("zip64local.whl"));
  ASSERT_TRUE(local.ok()) << local.error().render();
  EXPECT_EQ(*local, kMetadata);
  Result<std::string> end = read(with_zip64_end(wheel("deflated.whl")));
  ASSERT_TRUE(end.ok()) << end.error().render();
  EXPECT_EQ(*end, kMetadata);
  Result<std::string> both = read(with_zip64_end(wheel("bigdir.whl")), true);
  ASSERT_TRUE(both.ok()) << both.error().render();
  EXPECT_EQ(*both, kMetadata);
}

TEST_F(RemoteZipTest, StoredZipFromTestWriterWithComment) {
  std::string zip = testing::make_stored_zip(
      {{"demo-1.0.dist-info/METADATA", kMetadata}, {"demo-1.0.dist-info/RECORD", ""}}, "hello");
  Result<std::string> r = read(zip);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(*r, kMetadata);
}

TEST_F(RemoteZipTest, CorruptArchivesAreErrorsNamingTheUrl) {
  const std::string prefix = std::string("cannot read METADATA from ") + kUrl + ": ";
  std::string good = wheel("deflated.whl");

  std::string truncated = good.substr(0, good.size() - 5);
  EXPECT_EQ(read_error(truncated), prefix + "no End Of Central Directory record");

  std::string past_end = good;
  set32(past_end, past_end.size() - 22 + 16, 0x7FFFFFF0);
  EXPECT_EQ(read_error(past_end).substr(0, prefix.size() + 33),
            prefix + "central directory (offset 2147483");

  std::string bad_crc = good;
  size_t header = central_header_of(bad_crc, kMetadataName);
  set32(bad_crc, header + 16, get32(bad_crc, header + 16) ^ 1);
  EXPECT_EQ(read_error(bad_crc), prefix + "CRC-32 mismatch for " + kMetadataName);
  EXPECT_EQ(read(bad_crc).error().kind(), ErrorKind::kIntegrity);

  std::string longer = good;
  set32(longer, header + 20, get32(longer, header + 20) + 7);
  EXPECT_EQ(read_error(longer),
            prefix + "compressed size of " + kMetadataName + " does not match its deflate data");
  std::string shorter = good;
  set32(shorter, header + 20, get32(shorter, header + 20) - 7);
  EXPECT_FALSE(read(shorter).ok());
  std::string huge = good;
  set32(huge, header + 20, 0xFFFFFFF0);
  EXPECT_EQ(read_error(huge),
            prefix + "data of " + kMetadataName + " runs past the end of the file");
  std::string bigger = good;
  set32(bigger, header + 24, get32(bigger, header + 24) + 1);
  EXPECT_EQ(read_error(bigger), prefix + kMetadataName + " inflates to " +
                                    std::to_string(kMetadata.size()) + " bytes, expected " +
                                    std::to_string(kMetadata.size() + 1));

  std::string encrypted = good;
  set16(encrypted, header + 8, 1);
  EXPECT_EQ(read_error(encrypted), prefix + kMetadataName + " is encrypted");

  std::string bad_local = good;
  set32(bad_local, get32(good, header + 42), 0x12345678);
  EXPECT_EQ(read_error(bad_local), prefix + "bad local header signature for " + kMetadataName);

  EXPECT_EQ(
      read_error(wheel("twodist.whl")),
      prefix + "more than one .dist-info directory (demo-1.0.dist-info, other-2.0.dist-info)");
  EXPECT_EQ(read_error(wheel("nometa.whl")), prefix + "no demo-1.0.dist-info/METADATA");
  EXPECT_EQ(read_error(""), prefix + "no End Of Central Directory record (too short)");

  transport_.files.clear();
  Result<std::string> missing =
      std::move(fetch_remote_wheel_metadata_all(transport_, {{kUrl, std::nullopt}})[0]);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(missing.error().message(), prefix + "HTTP status 404");
}

// Every truncation and many random byte flips: errors or (rarely) the right text, never a crash
// (the sanitizers watch the reads).
TEST_F(RemoteZipTest, MangledArchivesNeverCrash) {
  std::string good = wheel("stored.whl");
  for (size_t n = 0; n < good.size(); n += 7) {
    Result<std::string> r = read(good.substr(0, n));
    EXPECT_FALSE(r.ok()) << n;
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 400; ++round) {
    std::string bad = round % 2 == 0 ? good : wheel("deflated.whl");
    for (int k = 0; k < 4; ++k) {
      bad[rng() % bad.size()] = static_cast<char>(rng() & 0xFF);
    }
    Result<std::string> r = read(bad);
    if (r.ok()) {
      EXPECT_EQ(*r, kMetadata);
    }
  }
}

TEST_F(RemoteZipTest, BatchesManyWheelsPerRound) {
  transport_.files["https://f/a.whl"] = wheel("deflated.whl");
  transport_.files["https://f/b.whl"] = wheel("bigdir.whl");
  transport_.files["https://f/c.whl"] = wheel("twodist.whl");
  std::vector<Result<std::string>> r =
      fetch_remote_wheel_metadata_all(transport_, {{"https://f/a.whl", std::nullopt},
                                                   {"https://f/b.whl", std::nullopt},
                                                   {"https://f/c.whl", std::nullopt}});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_TRUE(r[0].ok());
  EXPECT_TRUE(r[1].ok());
  EXPECT_FALSE(r[2].ok());
  EXPECT_EQ(transport_.batch_sizes, (std::vector<size_t>{3, 1, 1}));
}

// The ZIP structure's own cases are zip/zip_format_test.cc's.
TEST(RemoteZipPure, NoDistInfoIsAnError) {
  EXPECT_EQ(find_metadata_entry({}).error().message(), "no .dist-info directory");
  Result<std::string> empty = read_wheel_metadata(testing::make_stored_zip({}), "empty.whl");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message(),
            "cannot read METADATA from empty.whl: no .dist-info directory");
}

// The real transport against fault_server.py's /files/ (Range: a-b, a-, -n; ?norange=1 ignores
// Range and sends 200).
TEST_F(RemoteZipTest, RealServerWithAndWithoutRanges) {
  roost::testing::ServerProcess server;
  std::string why =
      server.start({"python3", ROOST_SOURCE_DIR "/tests/servers/fault_server.py", dir_->string()},
                   [](const std::string& line) { return std::atoi(line.c_str()); });
  if (!why.empty()) GTEST_SKIP() << "fault server unavailable: " << why;
  Result<std::unique_ptr<CurlTransport>> curl = CurlTransport::create(
      TransportOptions{.connect_timeout_ms = 2000, .read_timeout_ms = 5000, .retries = 0});
  ASSERT_TRUE(curl.ok());
  std::string base = "http://127.0.0.1:" + std::to_string(server.port()) + "/files/";
  uint64_t big = fs::file_size(*dir_ / "bigdir.whl");
  std::vector<Result<std::string>> r =
      fetch_remote_wheel_metadata_all(**curl, {{base + "bigdir.whl", std::nullopt},
                                               {base + "bigdir.whl", big},
                                               {base + "deflated.whl?norange=1", std::nullopt},
                                               {base + "missing.whl", std::nullopt}});
  ASSERT_EQ(r.size(), 4u);
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(r[i].ok()) << i << ": " << r[i].error().render();
    EXPECT_EQ(*r[i], kMetadata);
  }
  ASSERT_FALSE(r[3].ok());
  EXPECT_EQ(r[3].error().kind(), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace roost::index
