// Python request spellings (request.h), after uv's PythonRequest::parse.
#include "python/request.h"

#include <gtest/gtest.h>

namespace roost::python {
namespace {

PythonRequest parse(std::string_view text) {
  Result<PythonRequest> r = PythonRequest::parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message());
  return r.ok() ? std::move(r).value() : PythonRequest{};
}

pep440::Version v(std::string_view text) {
  return pep440::Version::parse(text).value();
}

Interpreter interpreter(std::string_view implementation, std::string_view version,
                        bool free_threaded = false) {
  Interpreter py;
  py.implementation_name = std::string(implementation);
  py.version = v(version);
  py.gil_disabled = free_threaded;
  return py;
}

TEST(PythonRequest, AnySpellings) {
  for (std::string_view text : {"", "  ", "any", "default", "python", "Python"}) {
    PythonRequest r = parse(text);
    EXPECT_EQ(r.kind, RequestKind::kAny) << text;
    EXPECT_TRUE(r.is_any()) << text;
    EXPECT_EQ(r.describe(), "Python");
  }
}

TEST(PythonRequest, Versions) {
  PythonRequest r = parse("3.11");
  EXPECT_EQ(r.kind, RequestKind::kVersion);
  EXPECT_EQ(r.version, (std::vector<uint64_t>{3, 11}));
  EXPECT_EQ(r.describe(), "Python 3.11");
  EXPECT_EQ(r.major_minor(), std::make_pair(uint64_t{3}, uint64_t{11}));
  EXPECT_EQ(parse("3.11.7").version, (std::vector<uint64_t>{3, 11, 7}));
  EXPECT_EQ(parse("3").version, (std::vector<uint64_t>{3}));
  EXPECT_FALSE(parse("3").major_minor().has_value());
  EXPECT_EQ(parse("312").version, (std::vector<uint64_t>{3, 12}));  // uv's dotless form
  PythonRequest t = parse("3.13t");
  EXPECT_TRUE(t.free_threaded);
  EXPECT_EQ(t.describe(), "Python 3.13t");
}

TEST(PythonRequest, ExecutableNamePrefixIsAVersion) {
  PythonRequest r = parse("python3.12");
  EXPECT_EQ(r.kind, RequestKind::kVersion);
  EXPECT_EQ(r.version, (std::vector<uint64_t>{3, 12}));
  EXPECT_EQ(parse("python3").version, (std::vector<uint64_t>{3}));
  PythonRequest name = parse("python3-dbg");
  EXPECT_EQ(name.kind, RequestKind::kExecutableName);
  EXPECT_EQ(name.name, "python3-dbg");
  EXPECT_EQ(name.describe(), "Python executable `python3-dbg`");
}

TEST(PythonRequest, Ranges) {
  PythonRequest r = parse(">=3.10,<3.13");
  EXPECT_EQ(r.kind, RequestKind::kRange);
  ASSERT_TRUE(r.range.has_value());
  EXPECT_EQ(r.describe(), "Python >=3.10,<3.13");
  EXPECT_TRUE(r.matches(interpreter("cpython", "3.12.1")));
  EXPECT_FALSE(r.matches(interpreter("cpython", "3.13.0")));
  EXPECT_EQ(parse("==3.11.*").kind, RequestKind::kRange);
}

TEST(PythonRequest, Implementations) {
  for (std::string_view text :
       {"cpython@3.11", "cpython3.11", "cpython-3.11", "cp311", "CPython@3.11"}) {
    PythonRequest r = parse(text);
    EXPECT_EQ(r.kind, RequestKind::kVersion) << text;
    EXPECT_EQ(r.implementation, "cpython") << text;
    EXPECT_EQ(r.version, (std::vector<uint64_t>{3, 11})) << text;
    EXPECT_EQ(r.describe(), "CPython 3.11") << text;
  }
  PythonRequest pypy = parse("pypy@3.10");
  EXPECT_EQ(pypy.implementation, "pypy");
  EXPECT_TRUE(pypy.matches(interpreter("pypy", "3.10.14")));
  EXPECT_FALSE(pypy.matches(interpreter("cpython", "3.10.14")));
  PythonRequest any_pypy = parse("pypy");
  EXPECT_EQ(any_pypy.kind, RequestKind::kAny);
  EXPECT_EQ(any_pypy.implementation, "pypy");
  EXPECT_EQ(any_pypy.describe(), "PyPy");
  EXPECT_EQ(parse("cpython@>=3.12").kind, RequestKind::kRange);
  EXPECT_EQ(parse("cpython@>=3.12").describe(), "CPython >=3.12");
}

TEST(PythonRequest, Paths) {
  for (std::string_view text :
       {"/usr/bin/python3", "./.venv", "../py/bin/python", "~/py/bin/python", ".venv"}) {
    PythonRequest r = parse(text);
    EXPECT_EQ(r.kind, RequestKind::kPath) << text;
    EXPECT_EQ(r.path, std::filesystem::path(std::string(text)));
    EXPECT_TRUE(r.matches(interpreter("pypy", "2.7.18"))) << "a path is the whole request";
  }
  EXPECT_EQ(parse("/usr/bin/python3").describe(), "Python at /usr/bin/python3");
}

TEST(PythonRequest, Errors) {
  for (std::string_view text : {"3.x", "3.11.7.1", ">=3.10,,", "cpython@", "cpython@3.y", "3..1"}) {
    Result<PythonRequest> r = PythonRequest::parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().kind(), ErrorKind::kUsage);
    EXPECT_TRUE(
        r.error().message().starts_with("invalid Python request `" + std::string(text) + "`"))
        << r.error().message();
  }
  EXPECT_EQ(PythonRequest::parse("3.x").error().message(),
            "invalid Python request `3.x`: `3.x` is not a Python version");
}

TEST(PythonRequest, VersionMatchingIsAPrefix) {
  PythonRequest r = parse("3.11");
  EXPECT_TRUE(r.matches(interpreter("cpython", "3.11.7")));
  EXPECT_TRUE(r.matches(interpreter("pypy", "3.11.0")));
  EXPECT_FALSE(r.matches(interpreter("cpython", "3.12.0")));
  EXPECT_FALSE(r.matches(interpreter("cpython", "3.1.0")));
  EXPECT_TRUE(parse("3.11.7").matches(interpreter("cpython", "3.11.7")));
  EXPECT_FALSE(parse("3.11.7").matches(interpreter("cpython", "3.11.2")));
  EXPECT_TRUE(parse("3").matches(interpreter("cpython", "3.6.15")));
  EXPECT_FALSE(parse("3").matches(interpreter("cpython", "2.7.18")));
}

TEST(PythonRequest, FreeThreaded) {
  EXPECT_TRUE(parse("3.13t").matches(interpreter("cpython", "3.13.0", true)));
  EXPECT_FALSE(parse("3.13t").matches(interpreter("cpython", "3.13.0", false)));
  // From pyvenv.cfg alone free-threading is unknown, so a "t" request does not match.
  EXPECT_FALSE(parse("3.13t").matches("cpython", v("3.13.0")));
  EXPECT_TRUE(parse("3.13").matches("", v("3.13.0")));  // no implementation key: CPython
  EXPECT_FALSE(parse("pypy@3.13").matches("", v("3.13.0")));
}

TEST(RequiresPython, ReleaseOnly) {
  pep440::SpecifierSet rp = pep440::SpecifierSet::parse(">=3.14").value();
  EXPECT_TRUE(satisfies_requires_python(v("3.14.0rc1"), rp));
  EXPECT_FALSE(satisfies_requires_python(v("3.13.9"), rp));
  pep440::SpecifierSet below = pep440::SpecifierSet::parse("<3.14").value();
  EXPECT_FALSE(satisfies_requires_python(v("3.14.0a1"), below));
}

}  // namespace
}  // namespace roost::python
