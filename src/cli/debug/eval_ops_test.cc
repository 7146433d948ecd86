#include "cli/debug/eval_ops.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace roost::cli {
namespace {

using nlohmann::json;

json ask(const std::string& request) { return json::parse(answer_eval_request(request)); }

TEST(DebugEval, VersionFields) {
  json a = ask(R"({"op":"version","input":"v1!2.0-RC.3.post4.dev5+Ubuntu-1"})");
  EXPECT_EQ(a, json::parse(R"({"ok":true,"normalized":"1!2.0rc3.post4.dev5+ubuntu.1","epoch":1,
    "release":[2,0],"pre":["rc",3],"post":4,"dev":5,"local":"ubuntu.1","is_prerelease":true})"));
  json plain = ask(R"({"op":"version","input":"1.0-1"})");
  EXPECT_EQ(plain["normalized"], "1.0.post1");
  EXPECT_EQ(plain["pre"], nullptr);
  EXPECT_EQ(plain["local"], nullptr);
  EXPECT_EQ(plain["is_prerelease"], false);
}

TEST(DebugEval, CompareContainsAndRanges) {
  EXPECT_EQ(ask(R"({"op":"compare","left":"1.0","right":"1.0.0"})")["result"], 0);
  EXPECT_EQ(ask(R"({"op":"compare","left":"1.0a1","right":"1.0"})")["result"], -1);
  EXPECT_EQ(ask(R"({"op":"contains","specifier":">=1.0","version":"2.0a1","prereleases":false})")["result"], false);
  EXPECT_EQ(ask(R"({"op":"contains","specifier":">=1.0","version":"2.0a1","prereleases":true})")["result"], true);
  EXPECT_EQ(ask(R"({"op":"unsatisfiable","specifier":">1.0,<1.0.post0.dev0"})")["result"], true);
  EXPECT_EQ(ask(R"({"op":"unsatisfiable","specifier":">=1.0,<1.0.post0.dev0"})")["result"], false);
  EXPECT_EQ(ask(R"({"op":"disjoint","left":"<2","right":">=2"})")["result"], true);
  EXPECT_EQ(ask(R"({"op":"disjoint","left":"<=2","right":">=2"})")["result"], false);
}

TEST(DebugEval, RequirementAndName) {
  json a = ask(R"({"op":"requirement","input":"Foo.Bar[Security,socks] >=2.8.1, ==2.8.* ; python_version < \"2.7\""})");
  EXPECT_EQ(a["ok"], true);
  EXPECT_EQ(a["name"], "Foo.Bar");
  EXPECT_EQ(a["extras"], json::parse(R"(["security","socks"])"));
  EXPECT_EQ(a["specifier"], "==2.8.*,>=2.8.1");
  EXPECT_EQ(a["url"], nullptr);
  EXPECT_EQ(a["marker"], "python_version < \"2.7\"");
  EXPECT_EQ(ask(R"({"op":"name","input":"Foo__Bar.baz"})")["normalized"], "foo-bar-baz");
  EXPECT_EQ(ask(R"({"op":"name","input":"-bad"})")["ok"], false);
}

TEST(DebugEval, Markers) {
  EXPECT_EQ(ask(R"({"op":"marker","marker":"python_version >= '3.8' and sys_platform == 'linux'",
                    "env":{"python_version":"3.11","sys_platform":"linux"}})")["result"], true);
  json missing = ask(R"({"op":"marker","marker":"sys_platform == 'linux'","env":{}})");
  EXPECT_EQ(missing["ok"], false);
  EXPECT_NE(missing["error"].get<std::string>().find("sys_platform"), std::string::npos);
  EXPECT_EQ(ask(R"({"op":"marker","marker":"'dev' in dependency_groups","env":{"dependency_groups":["dev"]}})")["result"], true);
  json never = ask(R"({"op":"marker_and","left":"python_version < '3.8'","right":"python_version >= '3.9'"})");
  EXPECT_EQ(never, json::parse(R"({"ok":true,"marker":null,"always":false})"));
  json always = ask(R"({"op":"marker_or","left":"sys_platform == 'linux'","right":"sys_platform != 'linux'"})");
  EXPECT_EQ(always, json::parse(R"({"ok":true,"marker":null,"always":true})"));
  json both = ask(R"({"op":"marker_and","left":"sys_platform == 'linux'","right":"os_name == 'posix'"})");
  EXPECT_EQ(both["always"], nullptr);
  EXPECT_TRUE(both["marker"].is_string());
  EXPECT_EQ(ask(R"({"op":"marker_disjoint","left":"sys_platform == 'linux'","right":"sys_platform == 'win32'"})")["result"], true);
}

TEST(DebugEval, WheelFilename) {
  json a = ask(R"({"op":"wheel","input":"Foo_Bar-1.0-1b-py2.py3-none-any.whl"})");
  EXPECT_EQ(a["ok"], true) << a.dump();
  EXPECT_EQ(a["name"], "foo-bar");
  EXPECT_EQ(a["version"], "1.0");
  EXPECT_EQ(a["build"], "1b");
  EXPECT_EQ(a["tags"], json::parse(R"(["py2-none-any","py3-none-any"])"));
}

TEST(DebugEval, BadRequestsGiveActionableErrors) {
  EXPECT_EQ(ask("not json")["error"], "the request is not valid JSON: not json");
  EXPECT_EQ(ask("[1]")["error"], "the request must be a JSON object with an \"op\" field");
  EXPECT_EQ(ask(R"({"input":"1"})")["error"], "missing field \"op\"");
  EXPECT_EQ(ask(R"({"op":"version"})")["error"], "missing field \"input\"");
  EXPECT_EQ(ask(R"({"op":"version","input":3})")["error"], "field \"input\" must be a string");
  EXPECT_EQ(ask(R"({"op":"frobnicate"})")["error"],
            "unknown op \"frobnicate\" (known ops: compare, contains, disjoint, marker, marker_and, "
            "marker_disjoint, marker_or, name, requirement, unsatisfiable, version, wheel)");
  json bad_version = ask(R"({"op":"version","input":"1.0.foo"})");
  EXPECT_EQ(bad_version["ok"], false);
  EXPECT_NE(bad_version["error"].get<std::string>().find("1.0.foo"), std::string::npos);
}

}  // namespace
}  // namespace roost::cli
