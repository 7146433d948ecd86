#include "index/simple_json.h"

#include <simdjson.h>

#include <string>
#include <utility>

#include "index/url.h"

namespace roost::index {
namespace {

namespace dom = simdjson::dom;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Builds errors that all start the same way, so a user sees which index sent the bad page.
class Reader {
 public:
  explicit Reader(std::string_view page_url) : url_(page_url) {}

  Error fail(const std::string& what) const {
    return make_error(ErrorKind::kParse, "invalid Simple API JSON from " + url_ + ": " + what);
  }

  // The member `key` of `obj`, or nullopt when absent (callers decide what null means).
  static std::optional<dom::element> member(dom::object obj, std::string_view key) {
    dom::element e;
    if (obj.at_key(key).get(e) != simdjson::SUCCESS) return std::nullopt;
    return e;
  }

  Result<std::string> string(dom::element e, const std::string& field) const {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) return fail(field + " must be a string");
    return std::string(s);
  }

  // {"sha256": "ABC"} -> lowercase keys and values.
  Result<std::map<std::string, std::string>> hashes(dom::element e,
                                                    const std::string& field) const {
    dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS) return fail(field + " must be an object");
    std::map<std::string, std::string> out;
    for (dom::key_value_pair kv : obj) {
      std::string name = field + "." + std::string(kv.key);
      ROOST_TRY(std::string digest, string(kv.value, name));
      out[lower(kv.key)] = lower(digest);
    }
    return out;
  }

  // PEP 691 / 714: false, true, or a dict of hashes (an empty dict still means "available").
  Result<CoreMetadata> core_metadata(dom::element e, const std::string& field) const {
    CoreMetadata meta;
    bool flag = false;
    if (e.get_bool().get(flag) == simdjson::SUCCESS) {
      meta.available = flag;
      return meta;
    }
    if (!e.is_object()) return fail(field + " must be a boolean or an object of hashes");
    ROOST_TRY(meta.hashes, hashes(e, field));
    meta.available = true;
    return meta;
  }

  Result<DistributionFile> file(dom::element e, const std::string& at) const {
    dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS) return fail(at + " must be an object");
    DistributionFile f;
    auto filename = member(obj, "filename");
    if (!filename) return fail(at + " has no \"filename\"");
    ROOST_TRY(f.filename, string(*filename, at + ".filename"));
    auto url = member(obj, "url");
    if (!url) return fail(at + " has no \"url\"");
    ROOST_TRY(std::string raw_url, string(*url, at + ".url"));
    auto resolved = resolve_url(url_, raw_url);
    if (!resolved) return fail(at + ".url: " + resolved.error().message());
    f.url = strip_fragment(*resolved, nullptr);
    if (auto h = member(obj, "hashes"); h && !h->is_null()) {
      ROOST_TRY(f.hashes, hashes(*h, at + ".hashes"));
    }
    if (auto rp = member(obj, "requires-python"); rp && !rp->is_null()) {
      ROOST_TRY(std::string spec, string(*rp, at + ".requires-python"));
      if (!spec.empty()) f.requires_python = std::move(spec);
    }
    if (auto y = member(obj, "yanked"); y && !y->is_null()) {
      bool flag = false;
      std::string_view reason;
      if (y->get_bool().get(flag) == simdjson::SUCCESS) {
        if (flag) f.yanked = "";
      } else if (y->get_string().get(reason) == simdjson::SUCCESS) {
        f.yanked = std::string(reason);
      } else {
        return fail(at + ".yanked must be a boolean or a string");
      }
    }
    // PEP 714 renamed the key; an index may send both during the transition.
    auto meta = member(obj, "core-metadata");
    std::string meta_name = "core-metadata";
    if (!meta || meta->is_null()) {
      meta = member(obj, "dist-info-metadata");
      meta_name = "dist-info-metadata";
    }
    if (meta && !meta->is_null()) {
      ROOST_TRY(f.core_metadata, core_metadata(*meta, at + "." + meta_name));
    }
    if (auto size = member(obj, "size"); size && !size->is_null()) {
      uint64_t n = 0;
      if (size->get_uint64().get(n) != simdjson::SUCCESS) {
        return fail(at + ".size must be a non-negative integer");
      }
      f.size = n;
    }
    if (auto t = member(obj, "upload-time"); t && !t->is_null()) {
      ROOST_TRY(f.upload_time, string(*t, at + ".upload-time"));
    }
    return f;
  }

 private:
  std::string url_;
};

}  // namespace

Result<ProjectPage> parse_simple_json(std::string_view json, std::string_view page_url) {
  Reader reader(page_url);
  dom::parser parser;
  simdjson::padded_string padded(json);
  dom::element root;
  if (auto err = parser.parse(padded).get(root); err != simdjson::SUCCESS) {
    return reader.fail(std::string("not valid JSON (") + simdjson::error_message(err) + ")");
  }
  dom::object top;
  if (root.get_object().get(top) != simdjson::SUCCESS) {
    return reader.fail("the top level must be an object");
  }
  ProjectPage page;
  if (auto meta = Reader::member(top, "meta"); meta && !meta->is_null()) {
    dom::object meta_obj;
    if (meta->get_object().get(meta_obj) != simdjson::SUCCESS) {
      return reader.fail("\"meta\" must be an object");
    }
    if (auto v = Reader::member(meta_obj, "api-version"); v && !v->is_null()) {
      ROOST_TRY(page.api_version, reader.string(*v, "\"meta\".api-version"));
    }
  }
  if (auto name = Reader::member(top, "name"); name && !name->is_null()) {
    ROOST_TRY(page.name, reader.string(*name, "\"name\""));
  }
  auto files = Reader::member(top, "files");
  if (!files) return reader.fail("\"files\" is missing");
  dom::array files_array;
  if (files->get_array().get(files_array) != simdjson::SUCCESS) {
    return reader.fail("\"files\" must be an array");
  }
  size_t index = 0;
  for (dom::element e : files_array) {
    ROOST_TRY(auto file, reader.file(e, "\"files\"[" + std::to_string(index++) + "]"));
    page.files.push_back(std::move(file));
  }
  if (auto versions = Reader::member(top, "versions"); versions && !versions->is_null()) {
    dom::array arr;
    if (versions->get_array().get(arr) != simdjson::SUCCESS) {
      return reader.fail("\"versions\" must be an array");
    }
    index = 0;
    for (dom::element e : arr) {
      ROOST_TRY(auto v, reader.string(e, "\"versions\"[" + std::to_string(index++) + "]"));
      page.versions.push_back(std::move(v));
    }
  }
  return page;
}

}  // namespace roost::index
