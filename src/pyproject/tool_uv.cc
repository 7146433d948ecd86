// Queries over the [tool.uv] model and uv's dev-dependencies deprecation text.
#include "pyproject/tool_uv.h"

namespace roost::pyproject {

const SourceEntry* ToolUv::source(const pep508::PackageName& name) const {
  auto it = sources.find(name);
  return it == sources.end() ? nullptr : &it->second;
}

const Index* ToolUv::find_index(std::string_view name) const {
  for (const Index& i : index) {
    if (i.name && *i.name == name) return &i;
  }
  return nullptr;
}

const RawValue* ToolUv::setting(std::string_view key) const {
  for (const RawEntry& entry : settings) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

std::string dev_dependencies_warning(const std::vector<std::string>& paths) {
  std::string used;
  for (const std::string& path : paths) {
    if (!used.empty()) used += ", ";
    used += "`" + path + "`";
  }
  return "The `tool.uv.dev-dependencies` field (used in " + used +
         ") is deprecated and will be removed in a future release; use `dependency-groups.dev` "
         "instead";
}

}  // namespace roost::pyproject
