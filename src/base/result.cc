// Rendering of Error values for people: "file:line:col: message", the line, a caret, context, hint.
#include "base/result.h"

namespace roost {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage: return "usage";
    case ErrorKind::kParse: return "parse";
    case ErrorKind::kNotFound: return "not found";
    case ErrorKind::kIo: return "io";
    case ErrorKind::kNetwork: return "network";
    case ErrorKind::kIntegrity: return "integrity";
    case ErrorKind::kUnsatisfiable: return "unsatisfiable";
    case ErrorKind::kSubprocess: return "subprocess";
    case ErrorKind::kCancelled: return "cancelled";
    case ErrorKind::kInternal: return "internal";
  }
  return "unknown";
}

std::string Error::render() const {
  std::string out;
  if (span_ && !span_->file.empty()) {
    out += span_->file;
    if (span_->line > 0) {
      out += ':' + std::to_string(span_->line);
      if (span_->column > 0) out += ':' + std::to_string(span_->column);
    }
    out += ": ";
  }
  out += message_;
  if (span_ && !span_->source_line.empty() && span_->column > 0) {
    out += "\n    " + span_->source_line + "\n    ";
    out.append(static_cast<size_t>(span_->column - 1), ' ');
    out.append(static_cast<size_t>(span_->length > 0 ? span_->length : 1), '^');
  }
  for (const std::string& line : context_) out += "\n  " + line;
  if (hint_) out += "\nhint: " + *hint_;
  return out;
}

}  // namespace roost
