// `roost debug eval` through the real binary: line-by-line answers, in order, never stopping.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "roost_runner.h"

namespace roost::e2e {
namespace {

using nlohmann::json;

std::vector<json> answers_of(const std::string& out) {
  std::vector<json> answers;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) answers.push_back(json::parse(line));
  return answers;
}

TEST(DebugEvalE2E, AnswersEveryLineInOrderAndSurvivesBadInput) {
  std::string input =
      "{\"op\":\"version\",\"input\":\"1.0-1\"}\n"
      "this is not json\n"
      "\n"
      "{\"op\":\"version\",\"input\":\"1.0.foo\"}\n"
      "{\"op\":\"requirement\",\"input\":\"name @\"}\n"
      "{\"op\":\"marker\",\"marker\":\"python_version >= "
      "'3'\",\"env\":{\"python_version\":\"3.11\"}}\n"
      "{\"op\":\"compare\",\"left\":\"1.0rc1\",\"right\":\"1.0\"}\n";
  SubprocessResult r = run_roost({"debug", "eval"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  std::vector<json> answers = answers_of(r.stdout_data);
  ASSERT_EQ(answers.size(), 6u) << r.stdout_data;  // the blank line gets no answer
  EXPECT_EQ(answers[0]["normalized"], "1.0.post1");
  EXPECT_EQ(answers[1]["ok"], false);
  EXPECT_EQ(answers[2]["ok"], false);
  EXPECT_EQ(answers[3]["ok"], false);
  EXPECT_EQ(answers[4]["result"], true);
  EXPECT_EQ(answers[5]["result"], -1);
}

TEST(DebugEvalE2E, LargeBatch) {
  std::string input;
  for (int i = 0; i < 2000; ++i) {
    input += "{\"op\":\"contains\",\"specifier\":\">=1." + std::to_string(i % 50) +
             "\",\"version\":\"1.25\",\"prereleases\":false}\n";
  }
  SubprocessResult r = run_roost({"debug", "eval"}, input);
  ASSERT_EQ(r.exit_code, 0);
  std::vector<json> answers = answers_of(r.stdout_data);
  ASSERT_EQ(answers.size(), 2000u);
  for (int i = 0; i < 2000; ++i) EXPECT_EQ(answers[i]["result"], i % 50 <= 25) << i;
}

}  // namespace
}  // namespace roost::e2e
