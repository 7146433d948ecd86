// RECORD reading and writing (see record.h): a small CSV reader for the csv module's default
// dialect, then per-row validation.
#include "metadata/record.h"

#include "metadata/headers.h"
#include "tags/text_span.h"

namespace roost::metadata {
namespace {

using tags::quote;

struct Field {
  std::string value;
  size_t offset = 0;  // in the row's first physical line
  size_t length = 0;  // bytes of the field as written there
  bool quoted = false;
  bool multi_line = false;  // ran past the first physical line (a quoted newline)
};

struct Row {
  std::vector<Field> fields;
  int line = 0;
  std::string_view source_line;  // the first physical line, for carets
};

class CsvReader {
 public:
  CsvReader(std::string_view text, std::string_view what) : text_(text), what_(what) {}

  bool done() const { return pos_ >= text_.size(); }

  Result<Row> next_row() {
    Row row;
    row.line = line_;
    const size_t row_start = pos_;
    size_t eol = text_.find('\n', pos_);
    row.source_line =
        text_.substr(row_start, (eol == std::string_view::npos ? text_.size() : eol) - row_start);
    if (!row.source_line.empty() && row.source_line.back() == '\r')
      row.source_line.remove_suffix(1);
    const int first_line = line_;
    while (true) {
      Field field;
      const size_t field_start = pos_;
      field.offset = field_start - row_start;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field.quoted = true;
        ++pos_;
        while (true) {
          if (pos_ >= text_.size()) {
            return line_error(what_, row.line,
                              "unterminated quoted field starting at column " +
                                  std::to_string(tags::column_of(row.source_line, field.offset)),
                              row.source_line, field.offset, 1);
          }
          char c = text_[pos_];
          if (c == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
              field.value += '"';
              pos_ += 2;
              continue;
            }
            ++pos_;
            break;
          }
          if (c == '\n') ++line_;
          field.value += c;
          ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
            text_[pos_] != '\r') {
          if (line_ != first_line) {
            return line_error(
                what_, line_,
                "unexpected " + quote(text_.substr(pos_, 1)) + " after a closing quote", "", 0, 1);
          }
          size_t at = pos_ - row_start;
          return line_error(what_, row.line,
                            "unexpected " + quote(text_.substr(pos_, 1)) +
                                " after the closing quote at column " +
                                std::to_string(tags::column_of(row.source_line, at)),
                            row.source_line, at, 1);
        }
      } else {
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
               text_[pos_] != '\r') {
          field.value += text_[pos_++];
        }
      }
      field.length = pos_ - field_start;
      field.multi_line = line_ != first_line;
      row.fields.push_back(std::move(field));
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      // End of the row: "\n", "\r\n", a lone "\r", or the end of the text.
      if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return row;
    }
  }

 private:
  std::string_view text_;
  std::string_view what_;
  size_t pos_ = 0;
  int line_ = 1;
};

Error field_error(std::string_view what, const Row& row, const Field& f, std::string_view message) {
  if (f.multi_line)
    return line_error(what, row.line, message, row.source_line, 0, row.source_line.size());
  return line_error(what, row.line, message, row.source_line, f.offset,
                    std::max<size_t>(f.length, 1));
}

Result<RecordEntry> entry_of(std::string_view what, const Row& row) {
  if (row.fields.size() != 3) {
    return line_error(
        what, row.line,
        "expected 3 fields (path,hash,size), found " + std::to_string(row.fields.size()),
        row.source_line, 0, row.source_line.size());
  }
  const Field& path = row.fields[0];
  const Field& hash = row.fields[1];
  const Field& size = row.fields[2];
  RecordEntry entry;
  entry.line = row.line;
  if (path.value.empty()) return field_error(what, row, path, "empty path");
  entry.path = path.value;
  if (!hash.value.empty()) {
    auto h = HashDigest::parse_record(hash.value);
    if (!h) {
      const auto& span = h.error().span();
      if (hash.quoted || hash.multi_line || !span)
        return field_error(what, row, hash, h.error().message());
      // The hash is written verbatim in the line, so the inner caret can be moved over.
      return line_error(what, row.line, h.error().message(), row.source_line,
                        hash.offset + span->column - 1, static_cast<size_t>(span->length));
    }
    entry.hash = std::move(h).value();
  }
  if (!size.value.empty()) {
    uint64_t n = 0;
    bool valid = size.value.size() <= 19;  // fits in uint64_t without overflow checks
    for (char c : size.value) {
      if (c < '0' || c > '9') valid = false;
      n = n * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!valid) {
      return field_error(what, row, size,
                         "invalid size " + quote(size.value) + " (expected a number of bytes)");
    }
    entry.size = n;
  }
  return entry;
}

bool needs_quotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

void write_field(std::string& out, std::string_view field) {
  if (!needs_quotes(field)) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

Result<Record> Record::parse(std::string_view text, std::string_view what) {
  Record record;
  CsvReader reader(text, what);
  while (!reader.done()) {
    ROOST_TRY(Row row, reader.next_row());
    if (row.fields.size() == 1 && !row.fields[0].quoted && row.fields[0].value.empty())
      continue;  // blank line
    ROOST_TRY(RecordEntry entry, entry_of(what, row));
    record.entries.push_back(std::move(entry));
  }
  return record;
}

std::string Record::to_string() const {
  std::string out;
  for (const RecordEntry& e : entries) {
    write_field(out, e.path);
    out += ',';
    if (e.hash) out += e.hash->to_record_string();
    out += ',';
    if (e.size) out += std::to_string(*e.size);
    out += '\n';
  }
  return out;
}

const RecordEntry* Record::find(std::string_view path) const {
  for (const RecordEntry& e : entries) {
    if (e.path == path) return &e;
  }
  return nullptr;
}

}  // namespace roost::metadata
