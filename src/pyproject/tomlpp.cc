// The one translation unit that compiles toml++'s implementation (Debian libtomlplusplus-dev
// 3.3 headers), with exceptions off: a TOML syntax error is a value (toml::parse_result).
#define TOML_IMPLEMENTATION
#include "pyproject/tomlpp.h"
