// Test support for the Python resolver: a small in-memory universe of releases (every wheel
// serves its metadata) and helpers that build inputs and print results.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "resolve/python/resolver.h"

namespace roost::resolve::python::test_universe {

struct Release {
  std::vector<std::string> requires_dist;
  std::string requires_python;
  bool yanked = false;
  std::vector<std::string> wheel_tags = {"py3-none-any"};
  bool sdist = true;
  std::string upload_time;  // PEP 700, for every file of the release ("" = not stated)
};

// name -> version -> release. Every wheel serves its metadata.
class TestSource final : public PackageSource {
 public:
  void add(const std::string& name, const std::string& version, Release r = {}) {
    universe_[name][version] = std::move(r);
  }
  Result<const CandidateList*> versions(const pep508::PackageName& name) override {
    auto& slot = lists_[name.str()];
    if (slot) return slot.get();
    slot = std::make_unique<CandidateList>(CandidateList{name, "https://test/simple", {}});
    std::vector<index::DistributionFile> files;
    for (const auto& [v, r] : universe_[name.str()]) {
      auto file = [&](std::string filename) {
        index::DistributionFile f;
        f.filename = filename;
        f.url = "https://test/files/" + filename;
        if (!r.requires_python.empty()) f.requires_python = r.requires_python;
        if (r.yanked) f.yanked = "";
        if (!r.upload_time.empty()) f.upload_time = r.upload_time;
        return f;
      };
      for (const std::string& t : r.wheel_tags) {
        files.push_back(file(name.as_dist_info_name() + "-" + v + "-" + t + ".whl"));
      }
      if (r.sdist) files.push_back(file(name.as_dist_info_name() + "-" + v + ".tar.gz"));
    }
    slot->candidates = candidates_from_files(name, files);
    return slot.get();
  }
  Result<std::optional<const metadata::CoreMetadata*>> metadata(const CandidateList& list,
                                                                const Candidate& c) override {
    ++metadata_reads;
    const Release& r = universe_.at(list.name.str()).at(c.version.to_string());
    std::string text = "Metadata-Version: 2.2\nName: " + list.name.str() +
                       "\nVersion: " + c.version.to_string() + "\n";
    for (const std::string& d : r.requires_dist) text += "Requires-Dist: " + d + "\n";
    ROOST_TRY(metadata::CoreMetadata md, metadata::CoreMetadata::parse(text));
    parsed_.push_back(std::make_unique<metadata::CoreMetadata>(std::move(md)));
    return std::optional<const metadata::CoreMetadata*>(parsed_.back().get());
  }
  int metadata_reads = 0;

 private:
  std::map<std::string, std::map<std::string, Release>> universe_;
  std::map<std::string, std::unique_ptr<CandidateList>> lists_;
  std::vector<std::unique_ptr<metadata::CoreMetadata>> parsed_;
};

inline Requirement req(std::string_view text) {
  return Requirement{pep508::Requirement::parse(text).value(), std::nullopt};
}

inline ResolveInput inputs(std::initializer_list<std::string_view> texts) {
  ResolveInput in;
  for (std::string_view t : texts) in.requirements.push_back(req(t));
  return in;
}

inline pep440::VersionRanges python(std::string_view spec) {
  return pep440::VersionRanges::from(pep440::SpecifierSet::parse(spec).value());
}

// "a==1.0 b==2.0" (packages in every fork), with "[n]" suffixes listing forks otherwise.
inline std::string pins(const Resolution& r) {
  std::string out;
  for (const ResolvedPackage& p : r.packages) {
    if (!out.empty()) out += " ";
    out += p.name + "==" + p.version.to_string();
    if (!p.forks.empty()) {
      out += "[";
      for (size_t f : p.forks) out += std::to_string(f);
      out += "]";
    }
  }
  return out;
}

// The resolved package of that name (and version, when given), or nullptr.
inline const ResolvedPackage* package_named(const Resolution& r, std::string_view name,
                                            std::string_view version = "") {
  for (const ResolvedPackage& p : r.packages) {
    if (p.name == name && (version.empty() || p.version.to_string() == version)) return &p;
  }
  return nullptr;
}

// A workspace of one member (a root with every extra and group).
inline ResolveInput one_member(std::string_view name, std::string_view version,
                               std::vector<Requirement> dependencies,
                               std::vector<std::string> extras, GroupList groups = {}) {
  ResolveInput in;
  in.locals.push_back(LocalPackage{pep508::PackageName::parse(name).value(),
                                   pep440::Version::parse(version).value(), std::move(dependencies),
                                   std::move(extras), std::move(groups)});
  in.root_locals = {0};
  return in;
}

inline Result<Resolution> run(TestSource& s, const ResolveInput& in, ResolveOptions o = {}) {
  return resolve(in, o, s);
}

}  // namespace roost::resolve::python::test_universe
