// Test-only: loading the pypa/packaging conformance vectors (tests/data/packaging/*.json) and
// running one group's cases, each failure naming its case. Shared by the conformance tests of
// pep440, pep508, tags and metadata.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace roost::testing {

// The parsed file, loaded once per test binary.
inline const nlohmann::json& packaging_vectors(const std::string& file) {
  static std::map<std::string, nlohmann::json> cache;
  auto it = cache.find(file);
  if (it == cache.end()) {
    std::ifstream in(std::string(ROOST_TEST_DATA_DIR) + "/packaging/" + file);
    EXPECT_TRUE(in.good()) << "cannot open tests/data/packaging/" << file;
    it = cache.emplace(file, in.good() ? nlohmann::json::parse(in) : nlohmann::json::object()).first;
  }
  return it->second;
}

// A case passes (empty string) or says how it failed.
using VectorCheck = std::function<std::string(const nlohmann::json& c)>;

// Runs every case of one group: all must pass, and the group must hold as many cases as its
// `count` says (so a truncated file cannot pass quietly). Prints a one-line summary.
inline void run_vector_group(const std::string& file, const std::string& group, const VectorCheck& check) {
  const nlohmann::json& g = packaging_vectors(file).at("groups").at(group);
  size_t ran = 0, failed = 0;
  for (const nlohmann::json& c : g.at("cases")) {
    ++ran;
    std::string why = check(c);
    if (!why.empty()) {
      ++failed;
      ADD_FAILURE() << file << " / " << group << ": " << c.dump() << "\n  " << why;
    }
  }
  EXPECT_EQ(ran, g.at("count").get<size_t>()) << group;
  EXPECT_GT(ran, 0u) << group;
  std::printf("  %-50s %4zu cases, %zu failed\n", (file + " / " + group).c_str(), ran, failed);
}

}  // namespace roost::testing
