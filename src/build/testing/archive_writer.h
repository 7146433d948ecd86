// Test-only: sdists written with libarchive (linked directly into the tests), honest or hostile:
// any entry name, links anywhere, device files.
//
//   write_archive(dir / "a-1.0.tar.gz", {{.name = "a-1.0/PKG-INFO", .content = "..."}});
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace roost::build::testing {

struct ArchiveEntry {
  enum class Type { kFile, kDirectory, kSymlink, kHardlink, kFifo, kCharDevice };
  std::string name;     // written as is
  std::string content;  // kFile
  std::string target;   // kSymlink, kHardlink
  unsigned mode = 0644;
  Type type = Type::kFile;
};

enum class ArchiveFormat { kTarGz, kZip };

// Writes the archive; a libarchive failure is a test failure (ADD_FAILURE).
void write_archive(const std::filesystem::path& path, const std::vector<ArchiveEntry>& entries,
                   ArchiveFormat format = ArchiveFormat::kTarGz);

}  // namespace roost::build::testing
