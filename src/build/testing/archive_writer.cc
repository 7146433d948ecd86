// Test archives through libarchive's writer (see archive_writer.h).
#include "build/testing/archive_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

namespace roost::build::testing {

void write_archive(const std::filesystem::path& path, const std::vector<ArchiveEntry>& entries,
                   ArchiveFormat format) {
  archive* a = archive_write_new();
  if (format == ArchiveFormat::kTarGz) {
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
  } else {
    archive_write_set_format_zip(a);
  }
  if (archive_write_open_filename(a, path.c_str()) != ARCHIVE_OK) {
    ADD_FAILURE() << "cannot write " << path << ": " << archive_error_string(a);
    archive_write_free(a);
    return;
  }
  for (const ArchiveEntry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_perm(entry, e.mode);
    archive_entry_set_size(entry, 0);
    switch (e.type) {
      case ArchiveEntry::Type::kFile:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_size(entry, static_cast<la_int64_t>(e.content.size()));
        break;
      case ArchiveEntry::Type::kDirectory:
        archive_entry_set_filetype(entry, AE_IFDIR);
        break;
      case ArchiveEntry::Type::kSymlink:
        archive_entry_set_filetype(entry, AE_IFLNK);
        archive_entry_set_symlink(entry, e.target.c_str());
        break;
      case ArchiveEntry::Type::kHardlink:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_hardlink(entry, e.target.c_str());
        break;
      case ArchiveEntry::Type::kFifo:
        archive_entry_set_filetype(entry, AE_IFIFO);
        break;
      case ArchiveEntry::Type::kCharDevice:
        archive_entry_set_filetype(entry, AE_IFCHR);
        archive_entry_set_rdev(entry, 0x0103);
        break;
    }
    EXPECT_GE(archive_write_header(a, entry), ARCHIVE_WARN) << e.name << archive_error_string(a);
    if (e.type == ArchiveEntry::Type::kFile && !e.content.empty()) {
      archive_write_data(a, e.content.data(), e.content.size());
    }
    archive_entry_free(entry);
  }
  EXPECT_EQ(archive_write_close(a), ARCHIVE_OK) << archive_error_string(a);
  archive_write_free(a);
}

}  // namespace roost::build::testing
