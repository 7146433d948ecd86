// The RECORD file of an installed or packed wheel (binary distribution format spec, "The
// .dist-info directory"; recording installed projects spec): CSV rows "path,hash,size", where the
// RECORD file's own row (and files written at install time, like .pyc) has empty hash and size.
//
//   ROOST_TRY(Record record, Record::parse(text));
//   for (const RecordEntry& e : record.entries) check(e.path, e.hash, e.size);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "metadata/hash_digest.h"

namespace roost::metadata {

struct RecordEntry {
  std::string path;  // as written: relative, "/"-separated (checking that is the installer's job)
  std::optional<HashDigest> hash;
  std::optional<uint64_t> size;
  int line = 0;  // where the row starts in the parsed file (0 for built entries)

  bool operator==(const RecordEntry& other) const {
    return path == other.path && hash == other.hash && size == other.size;
  }
};

struct Record {
  std::vector<RecordEntry> entries;

  // CSV as Python's csv module writes it (quoted fields with "" for a quote, quoted newlines),
  // except that text after a closing quote is an error rather than glued on. Blank lines are
  // skipped. Errors (kParse, "RECORD line N: ...") for a row without exactly three fields, an
  // empty path, a malformed hash or size, and an unterminated quote.
  static Result<Record> parse(std::string_view text, std::string_view what = "RECORD");

  // One "path,hash,size\n" row per entry, quoting as the csv module does (QUOTE_MINIMAL).
  std::string to_string() const;

  const RecordEntry* find(std::string_view path) const;
};

}  // namespace roost::metadata
