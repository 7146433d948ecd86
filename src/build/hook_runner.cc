// One hook through the shim (see hook_runner.h and, for the protocol, hook_shim.h).
#include "build/hook_runner.h"

#include "base/fs.h"
#include "base/subprocess.h"
#include "build/hook_shim.h"

namespace roost::build {
namespace fs = std::filesystem;
namespace {

Result<void> add_line(std::string& out, std::string_view key, std::string_view value) {
  if (value.find_first_of("\r\n") != std::string_view::npos) {
    return make_error(
        ErrorKind::kUsage,
        "a build " + std::string(key) + " cannot hold a line break: `" + std::string(value) + "`");
  }
  out.append(key).append(" ").append(value).append("\n");
  return ok();
}

Result<std::string> request_text(const HookRequest& r) {
  std::string text;
  ROOST_CHECK(add_line(text, "hook", r.hook));
  ROOST_CHECK(add_line(text, "backend", r.backend));
  for (const fs::path& p : r.backend_path) ROOST_CHECK(add_line(text, "backend-path", p.string()));
  ROOST_CHECK(add_line(text, "output-dir", r.output_dir.string()));
  for (const auto& [key, value] : r.config_settings) {
    if (key.find('=') != std::string::npos) {
      return make_error(ErrorKind::kUsage, "a config setting's name cannot hold `=`: " + key);
    }
    ROOST_CHECK(add_line(text, "config", key + "=" + value));
  }
  return text;
}

// "ok" + "value ..." lines, or "error <kind>" + "message ...".
void parse_answer(std::string_view text, HookAnswer& answer) {
  bool first = true;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const size_t space = line.find(' ');
    const std::string_view key = line.substr(0, space);
    const std::string_view value =
        space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    if (first) {
      answer.ok = key == "ok";
      if (!answer.ok) answer.error_kind = key == "error" ? std::string(value) : "no-answer";
      first = false;
    } else if (key == "value") {
      answer.values.emplace_back(value);
    } else if (key == "message") {
      answer.message = std::string(value);
    }
  }
}

}  // namespace

std::string output_tail(std::string_view output, size_t lines) {
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r'))
    output.remove_suffix(1);
  size_t start = output.size();
  for (size_t seen = 0; start > 0; --start) {
    if (output[start - 1] == '\n' && ++seen == lines) break;
  }
  return std::string(output.substr(start));
}

Result<HookAnswer> run_hook(const HookRequest& request) {
  const fs::path shim = request.scratch_dir / "roost_hook_shim.py";
  const fs::path input = request.scratch_dir / "request.txt";
  const fs::path answer_file = request.scratch_dir / "answer.txt";
  ROOST_TRY(std::string text, request_text(request));
  ROOST_CHECK(write_file_replace(shim, kHookShim));
  ROOST_CHECK(write_file_replace(input, text));
  std::error_code ec;
  fs::remove(answer_file, ec);

  SubprocessOptions options;
  options.argv = {request.python.string(), shim.string(), input.string(), answer_file.string()};
  options.cwd = request.source_dir;
  options.timeout_ms = request.timeout_ms;
  // Unbuffered: the backend's prints and tracebacks arrive in the order they were made.
  options.env_overrides = {"PYTHONUNBUFFERED=1"};
  options.env_overrides.insert(options.env_overrides.end(), request.env_overrides.begin(),
                               request.env_overrides.end());
  ROOST_TRY_CONTEXT(SubprocessResult run, run_subprocess(options),
                    "while running the build backend with " + request.python.string());
  if (request.runs != nullptr) request.runs->fetch_add(1);

  HookAnswer answer;
  answer.output = std::move(run.stdout_data);
  if (!run.stderr_data.empty()) answer.output += run.stderr_data;  // before the shim's dup2
  answer.exit_code = run.exit_code;
  if (run.timed_out) {
    answer.error_kind = "timeout";
    return answer;
  }
  ROOST_TRY(std::optional<std::string> written, read_file_if_exists(answer_file));
  if (!written || written->empty()) {
    answer.error_kind = "no-answer";
    return answer;
  }
  parse_answer(*written, answer);
  return answer;
}

}  // namespace roost::build
