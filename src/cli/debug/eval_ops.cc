// Each op maps its JSON fields onto a library call (pep440, pep508, tags) and the result back
// onto JSON. The field names are the contract documented in docs/debug-eval.md.
#include "cli/debug/eval_ops.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "base/result.h"
#include "pep440/ranges.h"
#include "pep440/specifier.h"
#include "pep440/version.h"
#include "pep508/marker.h"
#include "pep508/names.h"
#include "pep508/requirement.h"
#include "tags/filename.h"

namespace roost::cli {
namespace {

using json = nlohmann::ordered_json;
using Answer = Result<json>;

Error usage(std::string message) { return make_error(ErrorKind::kUsage, std::move(message)); }

// A required string field of the request.
Result<std::string> field(const json& request, const char* name) {
  auto it = request.find(name);
  if (it == request.end()) return usage(std::string("missing field \"") + name + "\"");
  if (!it->is_string()) return usage(std::string("field \"") + name + "\" must be a string");
  return it->get<std::string>();
}

// The message a user sees: the error's own text plus its context, without a caret diagram.
std::string one_line(const Error& error) {
  std::string text = error.message();
  for (const std::string& c : error.context()) text += " (" + c + ")";
  return text;
}

json local_label(const pep440::Version& v) {
  if (!v.has_local()) return nullptr;
  std::string text;
  for (const pep440::LocalSegment& seg : v.local()) {
    if (!text.empty()) text += '.';
    if (const uint64_t* n = std::get_if<uint64_t>(&seg)) text += std::to_string(*n);
    else text += std::get<std::string>(seg);
  }
  return text;
}

Answer op_version(const json& req) {
  ROOST_TRY(std::string input, field(req, "input"));
  ROOST_TRY(pep440::Version v, pep440::Version::parse(input));
  json release = json::array();
  for (uint64_t part : v.release()) release.push_back(part);
  json pre = nullptr;
  if (auto p = v.pre()) pre = json::array({std::string(pep440::to_string(p->kind)), p->number});
  json answer = {{"normalized", v.to_string()}, {"epoch", v.epoch()}, {"release", release},
                 {"pre", pre}, {"post", nullptr}, {"dev", nullptr}, {"local", local_label(v)},
                 {"is_prerelease", v.is_prerelease()}};
  if (auto post = v.post()) answer["post"] = *post;
  if (auto dev = v.dev()) answer["dev"] = *dev;
  return answer;
}

Answer op_compare(const json& req) {
  ROOST_TRY(std::string left_text, field(req, "left"));
  ROOST_TRY(std::string right_text, field(req, "right"));
  ROOST_TRY(pep440::Version left, pep440::Version::parse(left_text));
  ROOST_TRY(pep440::Version right, pep440::Version::parse(right_text));
  auto order = left <=> right;
  return json{{"result", order < 0 ? -1 : order > 0 ? 1 : 0}};
}

Result<pep440::PrereleasePolicy> prerelease_policy(const json& req) {
  auto it = req.find("prereleases");
  if (it == req.end() || it->is_null()) return pep440::PrereleasePolicy::kDefault;
  if (!it->is_boolean()) return usage("field \"prereleases\" must be true, false or null");
  return it->get<bool>() ? pep440::PrereleasePolicy::kAllow : pep440::PrereleasePolicy::kDeny;
}

Answer op_contains(const json& req) {
  ROOST_TRY(std::string spec_text, field(req, "specifier"));
  ROOST_TRY(std::string version_text, field(req, "version"));
  ROOST_TRY(pep440::PrereleasePolicy policy, prerelease_policy(req));
  ROOST_TRY(pep440::SpecifierSet set, pep440::SpecifierSet::parse(spec_text));
  ROOST_TRY(pep440::Version v, pep440::Version::parse(version_text));
  return json{{"result", set.contains(v, policy)}};
}

Answer op_unsatisfiable(const json& req) {
  ROOST_TRY(std::string spec_text, field(req, "specifier"));
  ROOST_TRY(pep440::SpecifierSet set, pep440::SpecifierSet::parse(spec_text));
  return json{{"result", pep440::VersionRanges::from(set).is_empty()}};
}

Answer op_disjoint(const json& req) {
  ROOST_TRY(std::string left_text, field(req, "left"));
  ROOST_TRY(std::string right_text, field(req, "right"));
  ROOST_TRY(pep440::SpecifierSet left, pep440::SpecifierSet::parse(left_text));
  ROOST_TRY(pep440::SpecifierSet right, pep440::SpecifierSet::parse(right_text));
  return json{{"result", pep440::VersionRanges::from(left).is_disjoint(pep440::VersionRanges::from(right))}};
}

Answer op_requirement(const json& req) {
  ROOST_TRY(std::string input, field(req, "input"));
  ROOST_TRY(pep508::Requirement r, pep508::Requirement::parse(input));
  json extras = json::array();
  for (const pep508::ExtraName& e : r.extras) extras.push_back(e.str());
  return json{{"name", r.name_as_written},
              {"extras", extras},
              {"specifier", r.specifier.to_string()},
              {"url", r.url ? json(*r.url) : json(nullptr)},
              {"marker", r.marker ? json(r.marker->as_written()) : json(nullptr)}};
}

Result<pep508::MarkerEnvironment> marker_environment(const json& req) {
  pep508::MarkerEnvironment env;
  auto it = req.find("env");
  if (it == req.end() || it->is_null()) return env;
  if (!it->is_object()) return usage("field \"env\" must be an object of variable names to values");
  for (const auto& [name, value] : it->items()) {
    if (name == "extras" || name == "dependency_groups") {
      if (!value.is_array()) return usage("env \"" + name + "\" must be an array of names");
      std::set<std::string> names;
      for (const json& item : value) {
        if (!item.is_string()) return usage("env \"" + name + "\" must be an array of names");
        names.insert(item.get<std::string>());
      }
      (name == "extras" ? env.extras : env.dependency_groups) = std::move(names);
      continue;
    }
    if (!value.is_string()) return usage("env \"" + name + "\" must be a string");
    env.values[name] = value.get<std::string>();
  }
  return env;
}

Answer op_marker(const json& req) {
  ROOST_TRY(std::string text, field(req, "marker"));
  ROOST_TRY(pep508::MarkerEnvironment env, marker_environment(req));
  ROOST_TRY(pep508::Marker marker, pep508::Marker::parse(text));
  ROOST_TRY(bool result, marker.evaluate(env));
  return json{{"result", result}};
}

json marker_answer(const pep508::Marker& m) {
  if (m.is_true()) return json{{"marker", nullptr}, {"always", true}};
  if (m.is_false()) return json{{"marker", nullptr}, {"always", false}};
  return json{{"marker", m.to_string()}, {"always", nullptr}};
}

Answer op_marker_combine(const json& req, bool conjunction) {
  ROOST_TRY(std::string left_text, field(req, "left"));
  ROOST_TRY(std::string right_text, field(req, "right"));
  ROOST_TRY(pep508::Marker left, pep508::Marker::parse(left_text));
  ROOST_TRY(pep508::Marker right, pep508::Marker::parse(right_text));
  return marker_answer(conjunction ? left.and_(right) : left.or_(right));
}

Answer op_marker_disjoint(const json& req) {
  ROOST_TRY(std::string left_text, field(req, "left"));
  ROOST_TRY(std::string right_text, field(req, "right"));
  ROOST_TRY(pep508::Marker left, pep508::Marker::parse(left_text));
  ROOST_TRY(pep508::Marker right, pep508::Marker::parse(right_text));
  return json{{"result", left.is_disjoint(right)}};
}

Answer op_name(const json& req) {
  ROOST_TRY(std::string input, field(req, "input"));
  ROOST_TRY(pep508::PackageName name, pep508::PackageName::parse(input));
  return json{{"normalized", name.str()}};
}

Answer op_wheel(const json& req) {
  ROOST_TRY(std::string input, field(req, "input"));
  ROOST_TRY(tags::WheelFilename wheel, tags::WheelFilename::parse(input));
  json tag_list = json::array();
  for (const tags::Tag& tag : wheel.tags.expand()) tag_list.push_back(tag.to_string());
  return json{{"name", wheel.name},
              {"version", wheel.version.to_string()},
              {"build", wheel.build ? json(wheel.build->to_string()) : json(nullptr)},
              {"tags", tag_list}};
}

Answer dispatch(const json& req) {
  using Handler = std::function<Answer(const json&)>;
  static const std::map<std::string, Handler, std::less<>> kOps = {
      {"version", op_version},
      {"compare", op_compare},
      {"contains", op_contains},
      {"unsatisfiable", op_unsatisfiable},
      {"disjoint", op_disjoint},
      {"requirement", op_requirement},
      {"marker", op_marker},
      {"marker_and", [](const json& r) { return op_marker_combine(r, true); }},
      {"marker_or", [](const json& r) { return op_marker_combine(r, false); }},
      {"marker_disjoint", op_marker_disjoint},
      {"name", op_name},
      {"wheel", op_wheel},
  };
  ROOST_TRY(std::string op, field(req, "op"));
  auto it = kOps.find(op);
  if (it == kOps.end()) {
    std::string known;
    for (const auto& [name, handler] : kOps) known += (known.empty() ? "" : ", ") + name;
    return usage("unknown op \"" + op + "\" (known ops: " + known + ")");
  }
  return it->second(req);
}

}  // namespace

std::string answer_eval_request(std::string_view request) {
  json req = json::parse(request, nullptr, /*allow_exceptions=*/false);
  Answer answer = usage("");
  if (req.is_discarded()) {
    answer = usage("the request is not valid JSON: " + std::string(request.substr(0, 80)));
  } else if (!req.is_object()) {
    answer = usage("the request must be a JSON object with an \"op\" field");
  } else {
    answer = dispatch(req);
  }
  json out;
  if (answer.ok()) {
    out = json{{"ok", true}};
    out.update(*answer);
  } else {
    out = json{{"ok", false}, {"error", one_line(answer.error())}};
  }
  // Invalid UTF-8 in echoed input must not abort the answer.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace roost::cli
