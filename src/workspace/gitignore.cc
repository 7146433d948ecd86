// A small gitignore matcher (see gitignore.h) on top of fnmatch(3).
#include "workspace/gitignore.h"

#include <fnmatch.h>

#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace roost::workspace {
namespace {

namespace fs = std::filesystem;

struct Rule {
  fs::path base;        // the directory of the file that holds the rule
  std::string pattern;  // without '!' and trailing '/'
  bool negated = false;
  bool directory_only = false;
  bool anchored = false;  // matched against the path relative to base, not just the name
};

void read_rules(const fs::path& file, const fs::path& base, std::vector<Rule>& rules) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Rule rule;
    rule.base = base;
    if (line[0] == '!') {
      rule.negated = true;
      line.erase(0, 1);
    } else if (line[0] == '\\') {
      line.erase(0, 1);  // "\#" and "\!" are literal
    }
    if (!line.empty() && line.back() == '/') {
      rule.directory_only = true;
      line.pop_back();
    }
    if (line.rfind("**/", 0) == 0 && line.find('/', 3) == std::string::npos) {
      line.erase(0, 3);  // "**/name" is "name" at any depth
    }
    rule.anchored = line.find('/') != std::string::npos;
    if (!line.empty() && line[0] == '/') line.erase(0, 1);
    rule.pattern = line;
    if (!rule.pattern.empty()) rules.push_back(std::move(rule));
  }
}

bool rule_matches(const Rule& rule, const fs::path& path, bool is_dir) {
  if (rule.directory_only && !is_dir) return false;
  std::string relative = path.lexically_relative(rule.base).generic_string();
  if (relative.empty() || relative.rfind("..", 0) == 0) return false;
  if (!rule.anchored) {
    return ::fnmatch(rule.pattern.c_str(), path.filename().c_str(), 0) == 0;
  }
  // "a/**" ignores everything below a; "a/**/b" is matched with '*' spanning directories.
  if (rule.pattern.size() > 3 && rule.pattern.compare(rule.pattern.size() - 3, 3, "/**") == 0) {
    std::string prefix = rule.pattern.substr(0, rule.pattern.size() - 3);
    return relative.rfind(prefix + "/", 0) == 0;
  }
  int flags = rule.pattern.find("**") == std::string::npos ? FNM_PATHNAME : 0;
  return ::fnmatch(rule.pattern.c_str(), relative.c_str(), flags) == 0;
}

// The last matching rule decides, as in git.
bool is_ignored(const std::vector<Rule>& rules, const fs::path& path, bool is_dir) {
  bool ignored = false;
  for (const Rule& rule : rules) {
    if (rule_matches(rule, path, is_dir)) ignored = !rule.negated;
  }
  return ignored;
}

// Rules from the repository root down to `dir` (outer files first, so inner ones win).
std::vector<Rule> rules_for(const fs::path& dir) {
  std::vector<fs::path> chain;
  fs::path repo_root;
  std::error_code ec;
  for (fs::path p = dir;; p = p.parent_path()) {
    chain.push_back(p);
    if (fs::exists(p / ".git", ec)) {
      repo_root = p;
      break;
    }
    if (p == p.parent_path()) break;
  }
  std::vector<Rule> rules;
  if (!repo_root.empty()) read_rules(repo_root / ".git" / "info" / "exclude", repo_root, rules);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    read_rules(*it / ".gitignore", *it, rules);
    read_rules(*it / ".ignore", *it, rules);
  }
  return rules;
}

// Whether every file below `dir` is ignored; `any_file` tells whether there was one. Rules of
// nested ignore files are added on the way down.
bool all_ignored(const fs::path& dir, std::vector<Rule> rules, bool& any_file) {
  std::error_code ec;
  read_rules(dir / ".gitignore", dir, rules);
  read_rules(dir / ".ignore", dir, rules);
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    bool is_dir = entry.is_directory(ec) && !entry.is_symlink(ec);
    if (is_ignored(rules, entry.path(), is_dir)) {
      any_file = true;
      continue;
    }
    if (is_dir) {
      if (!all_ignored(entry.path(), rules, any_file)) return false;
      continue;
    }
    std::string name = entry.path().filename().string();
    if (name == ".gitignore" || name == ".ignore") continue;  // the rules themselves
    any_file = true;
    return false;
  }
  return true;
}

}  // namespace

bool holds_only_ignored_files(const fs::path& dir) {
  std::vector<Rule> rules = rules_for(dir.parent_path());
  bool any_file = false;
  return all_ignored(dir, std::move(rules), any_file) && any_file;
}

}  // namespace roost::workspace
