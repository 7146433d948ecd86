// Launchers and shebangs (see scripts.h).
#include "install/scripts.h"

#include "tags/text_span.h"

namespace roost::install {
namespace {

// Linux's BINPRM_BUF_SIZE was 128 bytes before 5.1: "#!" + path + "\n" must fit.
constexpr size_t kMaxShebangPath = 127 - 2;

bool is_identifier(std::string_view part) {
  if (part.empty()) return false;
  for (size_t i = 0; i < part.size(); ++i) {
    const auto c = static_cast<unsigned char>(part[i]);
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool is_dotted_identifier(std::string_view dotted) {
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    if (!is_identifier(dotted.substr(start, dot == std::string_view::npos ? dot : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool needs_trampoline(std::string_view path) {
  if (path.size() > kMaxShebangPath) return true;
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || u == 0x7F || c == '\'' || c == '"') return true;
  }
  return false;
}

}  // namespace

std::string python_shebang(const std::filesystem::path& python) {
  const std::string path = python.string();
  if (!needs_trampoline(path)) return "#!" + path + "\n";
  std::string quoted = "'";
  for (char c : path) quoted += c == '\'' ? std::string("'\"'\"'") : std::string(1, c);
  quoted += "'";
  return "#!/bin/sh\n'''exec' " + quoted + " \"$0\" \"$@\"\n' '''\n";
}

Result<std::string> entry_point_launcher(const metadata::EntryPoint& entry,
                                         const std::filesystem::path& python) {
  auto fail = [&](std::string problem) {
    return make_error(ErrorKind::kParse, "entry point " + tags::quote(entry.name) + " = " +
                                             tags::quote(entry.value()) + " in [" + entry.group +
                                             "]: " + problem);
  };
  if (entry.attr.empty()) return fail("a script needs an object to call, as in 'module:function'");
  if (!is_dotted_identifier(entry.module) || !is_dotted_identifier(entry.attr)) {
    return fail("the module and object must be dotted Python identifiers");
  }
  const std::string import_name = entry.attr.substr(0, entry.attr.find('.'));
  return python_shebang(python) +
         "# -*- coding: utf-8 -*-\n"
         "import re\n"
         "import sys\n"
         "from " +
         entry.module + " import " + import_name +
         "\n"
         "if __name__ == \"__main__\":\n"
         "    sys.argv[0] = re.sub(r\"(-script\\.pyw|\\.exe)?$\", \"\", sys.argv[0])\n"
         "    sys.exit(" +
         entry.attr + "())\n";
}

std::optional<std::string> rewrite_python_shebang(std::string_view script,
                                                  const std::filesystem::path& python) {
  if (script.substr(0, 8) != "#!python") return std::nullopt;
  const size_t eol = script.find('\n');
  std::string_view rest =
      eol == std::string_view::npos ? std::string_view() : script.substr(eol + 1);
  return python_shebang(python) + std::string(rest);
}

}  // namespace roost::install
