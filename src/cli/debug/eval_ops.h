// The operations of `roost debug eval`: one JSON request in, one JSON answer out. Kept apart from
// the I/O loop so tests can call it directly.
#pragma once

#include <string>
#include <string_view>

namespace roost::cli {

// `request` is one JSON object such as {"op":"version","input":"1.0-1"}. The answer is a single
// line of JSON: {"ok":true,...} or {"ok":false,"error":"..."}; it never throws.
std::string answer_eval_request(std::string_view request);

}  // namespace roost::cli
