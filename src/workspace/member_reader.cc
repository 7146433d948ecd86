// Reading discovery's pyproject.toml files: one open() both probes for a file and reads it, the
// text is moved into the model's SourceFile, and a large batch is parsed on helper threads.
// With a thousand members every copy, path object and system call showed.
#include "workspace/member_reader.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

#include "base/fs.h"

namespace roost::workspace {
namespace {

namespace fs = std::filesystem;
using pyproject::PyProject;

// <dir>/pyproject.toml, read through `parent` (an open handle of dir's parent directory) by
// the part of the path from byte `relative` on, or by the whole path.
LoadedFile read_in(const fs::path& dir, bool collecting, const OpenDirectory* parent,
                   size_t relative) {
  // Spelt as `dir / "pyproject.toml"` would be, without building a path object.
  std::string path = dir.native();
  if (!path.empty() && path.back() != '/') path += '/';
  path += "pyproject.toml";
  LoadedFile out;
  Result<std::optional<std::string>> text =
      parent != nullptr ? parent->read_file_if_exists(path.c_str() + relative, path)
                        : read_file_if_exists(path.c_str());
  if (!text) {
    out.errors.push_back(std::move(text).error());
    return out;
  }
  if (!text->has_value()) {
    out.absent = true;
    return out;
  }
  auto file = std::make_shared<const pyproject::SourceFile>(std::move(path), std::move(**text));
  if (!collecting) {
    Result<std::shared_ptr<const PyProject>> p = pyproject::parse_pyproject(std::move(file));
    if (p.ok()) {
      out.file = std::move(p).value();
      out.facts.emplace(*out.file);
    } else {
      out.errors.push_back(std::move(p).error());
    }
    return out;
  }
  pyproject::PyProjectCheck check = pyproject::check_pyproject(file);
  // A file with errors is not used further: its partial model would only add noise.
  if (check.pyproject && check.errors.empty()) {
    out.file = std::make_shared<const PyProject>(std::move(*check.pyproject));
    out.facts.emplace(*out.file);
  }
  out.errors = std::move(check.errors);
  if (!out.file && out.errors.empty()) {
    out.errors.push_back(make_error(ErrorKind::kParse, "cannot read " + file->path()));
  }
  return out;
}

// Whether `path` is directly inside `parent` (one more component).
bool is_child_of(std::string_view path, std::string_view parent) {
  return path.size() > parent.size() + 1 && path.starts_with(parent) &&
         path[parent.size()] == '/' && path.find('/', parent.size() + 1) == std::string_view::npos;
}

// Open handles of the parent directories that several consecutive directories share (a
// `packages/*` glob gives a thousand children of one directory), so that the kernel walks only
// the last two components of each file's path (see OpenDirectory).
class SharedParents {
 public:
  explicit SharedParents(const std::vector<const fs::path*>& dirs) : of_(dirs.size(), {-1, 0}) {
    for (size_t i = 0; i < dirs.size();) {
      std::string_view path = dirs[i]->native();
      size_t slash = path.rfind('/');
      size_t end = i + 1;
      if (slash != std::string_view::npos && slash > 0) {
        std::string_view parent = path.substr(0, slash);
        while (end < dirs.size() && is_child_of(dirs[end]->native(), parent)) ++end;
        // One more open() for the directory pays off from two files on.
        if (end - i >= 2) {
          Result<OpenDirectory> handle = OpenDirectory::open(fs::path(parent));
          if (handle.ok()) {  // else the files are read by their whole paths, as without it
            handles_.push_back(std::move(handle).value());
            for (size_t k = i; k < end; ++k) {
              of_[k] = {static_cast<int>(handles_.size() - 1), static_cast<uint32_t>(slash + 1)};
            }
          }
        }
      }
      i = end;
    }
  }

  LoadedFile read(const fs::path& dir, size_t i, bool collecting) const {
    auto [handle, relative] = of_[i];
    return read_in(dir, collecting, handle >= 0 ? &handles_[handle] : nullptr, relative);
  }

 private:
  std::vector<OpenDirectory> handles_;
  std::vector<std::pair<int, uint32_t>> of_;  // per directory: handle index, relative offset
};

// glibc gives every thread but the main one its own arena, and grows that arena's heap one page
// at a time, each with an mprotect() call: ~770 system calls for the models one helper built
// from 500 small files. Taking the expected amount first, in blocks below the mmap threshold
// (128 KiB), and freeing it leaves the heap mapped read-write, so the parse grows into it
// without system calls (the freed pages are returned; they would be faulted in anyway). With
// another allocator this is just a few mallocs and frees.
void reserve_thread_heap(size_t bytes) {
  constexpr size_t kBlock = 96 * 1024;
  constexpr size_t kMaxBlocks = 64;  // 6 MiB
  void* blocks[kMaxBlocks];
  size_t count = std::min(kMaxBlocks, bytes / kBlock);
  for (size_t i = 0; i < count; ++i) blocks[i] = std::malloc(kBlock);
  for (size_t i = count; i-- > 0;) std::free(blocks[i]);
}

}  // namespace

ModelFacts::ModelFacts(const PyProject& p)
    : managed(p.is_managed()), has_workspace(p.has_workspace()), package(PackageFacts::of(p)) {
  if (p.project) name = p.project->name;
}

LoadedFile read_pyproject_in(const fs::path& dir, bool collecting) {
  return read_in(dir, collecting, nullptr, 0);
}

MemberReader::MemberReader(bool may_be_large)
    : threads_(std::min<size_t>(std::thread::hardware_concurrency(), 8)) {
  if (may_be_large && threads_ >= 2) pool_.emplace(threads_ - 1);
}

std::vector<LoadedFile> MemberReader::read_all(const std::vector<const fs::path*>& dirs,
                                               bool collecting) {
  std::vector<LoadedFile> out(dirs.size());
  const SharedParents parents(dirs);
  auto read = [&](size_t i) { out[i] = parents.read(*dirs[i], i, collecting); };
  if (!pool_ || dirs.size() < kParallelFrom) {
    for (size_t i = 0; i < dirs.size(); ++i) read(i);
    return out;
  }
  // A member's model and text take ~5 KB; each thread parses about its share of the files.
  constexpr size_t kBytesPerFile = 5 * 1024;
  size_t share = dirs.size() / threads_ * kBytesPerFile;
  pool_->run(dirs.size(), read, [share] { reserve_thread_heap(share); });
  return out;
}

}  // namespace roost::workspace
