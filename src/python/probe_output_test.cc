// The probe's output format (probe_output.h) and what an Interpreter derives from it
// (interpreter.h): markers, tags, scheme.
#include "python/probe_output.h"

#include <gtest/gtest.h>

#include "pep508/marker.h"
#include "python/scheme.h"

namespace roost::python {
namespace {

// What CPython 3.11 on Debian 12 x86_64 prints (trimmed).
constexpr std::string_view kDebian311 =
    "roost-probe-v1\n"
    "executable=/usr/bin/python3.11\n"
    "base_executable=/usr/bin/python3.11\n"
    "prefix=/usr\n"
    "base_prefix=/usr\n"
    "base_exec_prefix=/usr\n"
    "version_info=3.11.2.final.0\n"
    "pointer_size=64\n"
    "implementation_name=cpython\n"
    "cache_tag=cpython-311\n"
    "abiflags=\n"
    "marker.implementation_name=cpython\n"
    "marker.implementation_version=3.11.2\n"
    "marker.os_name=posix\n"
    "marker.platform_machine=x86_64\n"
    "marker.platform_python_implementation=CPython\n"
    "marker.platform_release=6.1.0-18-amd64\n"
    "marker.platform_system=Linux\n"
    "marker.platform_version=#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n"
    "marker.python_full_version=3.11.2\n"
    "marker.python_version=3.11\n"
    "marker.sys_platform=linux\n"
    "sysconfig_platform=linux-x86_64\n"
    "soabi=cpython-311-x86_64-linux-gnu\n"
    "ext_suffix=.cpython-311-x86_64-linux-gnu.so\n"
    "gil_disabled=0\n"
    "debug=0\n"
    "pymalloc=1\n"
    "scheme.purelib=lib/python3.11/site-packages\n"
    "scheme.platlib=lib/python3.11/site-packages\n"
    "scheme.scripts=bin\n"
    "scheme.data=\n"
    "glibc=2.36\n";

Interpreter parse(std::string_view text) {
  Result<Interpreter> py = parse_probe_output(text, "/usr/bin/python3");
  EXPECT_TRUE(py.ok()) << (py.ok() ? "" : py.error().render());
  return py.ok() ? std::move(py).value() : Interpreter{};
}

TEST(ProbeOutput, Facts) {
  Interpreter py = parse(kDebian311);
  EXPECT_EQ(py.path, "/usr/bin/python3");
  EXPECT_EQ(py.sys_executable, "/usr/bin/python3.11");
  EXPECT_EQ(py.base_executable, "/usr/bin/python3.11");
  EXPECT_EQ(py.prefix, "/usr");
  EXPECT_FALSE(py.is_venv());
  EXPECT_EQ(py.version_text(), "3.11.2");
  EXPECT_EQ(py.major_minor(), "3.11");
  EXPECT_EQ(py.micro, 2);
  EXPECT_EQ(py.implementation_display_name(), "CPython");
  EXPECT_EQ(py.glibc, (tags::LibcVersion{2, 36}));
  EXPECT_FALSE(py.musl.has_value());
  EXPECT_EQ(py.markers.size(), 11u);
  EXPECT_EQ(py.markers.at("platform_version"),
            "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)");
  EXPECT_EQ(py.scheme.purelib, "lib/python3.11/site-packages");
  EXPECT_EQ(py.scheme.data, "");
}

TEST(ProbeOutput, MarkerEnvironmentEvaluates) {
  Interpreter py = parse(kDebian311);
  pep508::MarkerEnvironment env = py.marker_environment();
  EXPECT_EQ(env.values.at("python_full_version"), "3.11.2");
  Result<pep508::Marker> marker = pep508::Marker::parse(
      "python_version >= '3.10' and sys_platform == 'linux' and "
      "platform_python_implementation == 'CPython'");
  ASSERT_TRUE(marker.ok());
  Result<bool> value = marker->evaluate(env);
  ASSERT_TRUE(value.ok()) << value.error().message();
  EXPECT_TRUE(*value);
}

TEST(ProbeOutput, CompatibleTags) {
  Interpreter py = parse(kDebian311);
  Result<std::vector<tags::Tag>> tags = py.compatible_tags();
  ASSERT_TRUE(tags.ok());
  ASSERT_GT(tags->size(), 100u);
  // tags/ ranks linux_<arch> first, then manylinux from the probed glibc down.
  EXPECT_EQ((*tags)[0].to_string(), "cp311-cp311-linux_x86_64");
  EXPECT_EQ((*tags)[1].to_string(), "cp311-cp311-manylinux_2_36_x86_64");
  EXPECT_EQ(tags->back().to_string(), "py30-none-any");
  auto has = [&](std::string_view tag) {
    for (const tags::Tag& t : *tags)
      if (t.to_string() == tag) return true;
    return false;
  };
  EXPECT_TRUE(has("cp311-abi3-manylinux2014_x86_64"));
  EXPECT_TRUE(has("cp311-cp311-linux_x86_64"));
  EXPECT_FALSE(has("cp311-cp311-musllinux_1_2_x86_64"));
}

TEST(ProbeOutput, ThirtyTwoBitOnSixtyFourBitKernelAndMusl) {
  std::string text(kDebian311);
  text.replace(text.find("pointer_size=64"), 15, "pointer_size=32");
  text.replace(text.find("glibc=2.36"), 10, "musl=1.2");
  Interpreter py = parse(text);
  EXPECT_EQ(py.tag_platform().arch, "i686");
  EXPECT_EQ(py.tag_platform().musl, (tags::LibcVersion{1, 2}));
  Result<std::vector<tags::Tag>> tags = py.compatible_tags();
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ((*tags)[0].to_string(), "cp311-cp311-linux_i686");
  EXPECT_EQ((*tags)[1].to_string(), "cp311-cp311-musllinux_1_2_i686");
}

TEST(ProbeOutput, FreeThreadedAndPrerelease) {
  std::string text(kDebian311);
  text.replace(text.find("version_info=3.11.2.final.0"), 27, "version_info=3.13.0.candidate.1");
  text.replace(text.find("gil_disabled=0"), 14, "gil_disabled=1");
  Interpreter py = parse(text);
  EXPECT_EQ(py.version_text(), "3.13.0rc1");
  EXPECT_EQ(py.tag_interpreter().abis[0], "cp313t");
}

TEST(ProbeOutput, PyPyTagsFromExtSuffix) {
  std::string text(kDebian311);
  text.replace(text.find("implementation_name=cpython"), 27, "implementation_name=pypy");
  text.replace(text.find("ext_suffix=.cpython-311-x86_64-linux-gnu.so"), 43,
               "ext_suffix=.pypy310-pp73-x86_64-linux-gnu.so");
  Interpreter py = parse(text);
  tags::Interpreter ti = py.tag_interpreter();
  EXPECT_EQ(ti.implementation, tags::Implementation::kPyPy);
  EXPECT_EQ(ti.abis, (std::vector<std::string>{"pypy310_pp73"}));
}

TEST(ProbeOutput, EscapedValues) {
  EXPECT_EQ(unescape_probe_value(R"(a\\b\nc\rd)"), "a\\b\nc\rd");
  std::string text(kDebian311);
  text.replace(text.find("prefix=/usr\n"), 12, "prefix=/odd\\npath\\\\x\n");
  EXPECT_EQ(parse(text).prefix, "/odd\npath\\x");
}

TEST(ProbeOutput, Errors) {
  Result<Interpreter> none = parse_probe_output("Python 2.7\n", "/usr/bin/python2");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message(),
            "unexpected output from the interpreter probe of /usr/bin/python2: it does not start "
            "with `roost-probe-v1`");
  Result<Interpreter> missing = parse_probe_output("roost-probe-v1\nexecutable=/x\n", "/x");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kParse);
  EXPECT_NE(missing.error().message().find("no `prefix`"), std::string::npos);
  std::string bad(kDebian311);
  bad.replace(bad.find("version_info=3.11.2.final.0"), 27, "version_info=3.eleven");
  EXPECT_FALSE(parse_probe_output(bad, "/x").ok());
}

TEST(Scheme, FromProbeAndFallbacks) {
  Interpreter py = parse(kDebian311);
  Scheme s = venv_scheme(py, "/p/.venv");
  EXPECT_EQ(s.purelib, "/p/.venv/lib/python3.11/site-packages");
  EXPECT_EQ(s.platlib, "/p/.venv/lib/python3.11/site-packages");
  EXPECT_EQ(s.scripts, "/p/.venv/bin");
  EXPECT_EQ(s.data, "/p/.venv");
  EXPECT_EQ(s.include, "/p/.venv/include/site/python3.11");
  EXPECT_EQ(s.python, "/p/.venv/bin/python");
  // A distribution's absolute path (or nothing) falls back to the standard layout.
  RelativeScheme odd{.purelib = "/usr/lib/python3/dist-packages",
                     .platlib = "../escape",
                     .scripts = "",
                     .data = "/usr"};
  Scheme f = venv_scheme(odd, "pypy", 3, 10, "/v");
  EXPECT_EQ(f.purelib, "/v/lib/pypy3.10/site-packages");
  EXPECT_EQ(f.platlib, "/v/lib/pypy3.10/site-packages");
  EXPECT_EQ(f.scripts, "/v/bin");
  EXPECT_EQ(f.data, "/v");
}

}  // namespace
}  // namespace roost::python
