// The Python program roost runs once per interpreter (with `-I -S -B`) to learn its facts. It
// prints "roost-probe-v1" and then one `key=value` line per fact; probe_output.h parses it.
#pragma once

#include <string_view>

namespace roost::python {

// Bump the header line ("roost-probe-v1") whenever the keys or their meaning change: cached
// probes (probe.h) of another version are then ignored.
extern const std::string_view kProbeScript;
inline constexpr std::string_view kProbeHeader = "roost-probe-v1";

}  // namespace roost::python
