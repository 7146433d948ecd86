// PEP 440 versions: representation, total order, normalised printing (parsing is in
// version_parse.cc). Implements the "Version scheme" and "Summary of permitted suffixes and
// relative ordering" sections of PEP 440 (packaging.version's _cmpkey).
#include "pep440/version.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "pep440/packed.h"

namespace roost::pep440 {

// The full form: everything a version can hold.
struct Version::Full {
  uint64_t epoch = 0;
  std::vector<uint64_t> release;
  std::optional<PreRelease> pre;
  std::optional<uint64_t> post;
  std::optional<uint64_t> dev;
  std::vector<LocalSegment> local;
};

namespace {

using namespace detail;  // the packed layout

size_t trimmed_length(std::span<const uint64_t> release) {
  size_t n = release.size();
  while (n > 1 && release[n - 1] == 0) --n;
  return n;
}

// Version::SentinelKind as seen from here (Version::build checks the values agree).
constexpr int kSentinelMin = 1;
constexpr int kSentinelAfterLocals = 2;
constexpr int kSentinelAfterPosts = 3;

// The packed key of a version value, if it has one (a function of the value alone, so equal
// versions are either both packable or both not).
std::optional<uint64_t> pack_key(uint64_t epoch, std::span<const uint64_t> release,
                                 const std::optional<PreRelease>& pre,
                                 const std::optional<uint64_t>& post,
                                 const std::optional<uint64_t>& dev, bool has_local,
                                 int sentinel) {
  if (epoch != 0 || has_local) return std::nullopt;
  size_t n = trimmed_length(release);
  if (n > 4) return std::nullopt;
  uint64_t key = 0;
  for (size_t i = 0; i < n; ++i) {
    if (release[i] >= kPackedLimit[i]) return std::nullopt;
    key |= release[i] << kPackedShift[i];
  }
  if (sentinel == kSentinelMin) return key | (kKindMin << kPackedKindShift);
  if (sentinel == kSentinelAfterPosts) {
    if (pre) return std::nullopt;  // after a pre's posts needs two suffixes
    return key | (kKindAfterPosts << kPackedKindShift);
  }
  int suffixes = (pre ? 1 : 0) + (post ? 1 : 0) + (dev ? 1 : 0);
  if (suffixes > 1) return std::nullopt;
  uint64_t kind = kKindFinal, number = 0;
  if (pre) {
    kind = kKindAlpha + static_cast<uint64_t>(pre->kind);
    number = pre->number;
  } else if (post) {
    kind = kKindPost;
    number = *post;
  } else if (dev) {
    kind = kKindDev;
    number = *dev;
  }
  if (number >= kPackedNumberLimit) return std::nullopt;
  uint64_t tail = number * 2 + (sentinel == kSentinelAfterLocals ? 1 : 0);
  return key | (kind << kPackedKindShift) | tail;
}

// One side of the general comparison: the _cmpkey of packaging, with sentinel classes.
struct CmpView {
  uint64_t epoch;
  std::span<const uint64_t> release;
  int pre_class;  // -2 smallest_of, -1 dev-only release, 0/1/2 a/b/rc, 3 none
  uint64_t pre_n;
  int post_class;  // 0 none, 1 post n, 2 after every post
  uint64_t post_n;
  int dev_class;  // 0 dev n, 1 none
  uint64_t dev_n;
  int local_class;  // 0 none, 1 label, 2 after every label
  std::span<const LocalSegment> local;
};

int compare_u64(uint64_t a, uint64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }
int compare_int(int a, int b) { return a < b ? -1 : (a > b ? 1 : 0); }

int compare_release(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    uint64_t x = i < a.size() ? a[i] : 0;
    uint64_t y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

// PEP 440: alphanumeric segments sort before numeric ones; numbers compare numerically.
int compare_segment(const LocalSegment& a, const LocalSegment& b) {
  bool a_num = std::holds_alternative<uint64_t>(a);
  bool b_num = std::holds_alternative<uint64_t>(b);
  if (a_num != b_num) return a_num ? 1 : -1;
  if (a_num) return compare_u64(std::get<uint64_t>(a), std::get<uint64_t>(b));
  int c = std::get<std::string>(a).compare(std::get<std::string>(b));
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int compare_local(std::span<const LocalSegment> a, std::span<const LocalSegment> b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = compare_segment(a[i], b[i])) return c;
  }
  return compare_u64(a.size(), b.size());
}

int compare_views(const CmpView& a, const CmpView& b) {
  if (int c = compare_u64(a.epoch, b.epoch)) return c;
  if (int c = compare_release(a.release, b.release)) return c;
  if (int c = compare_int(a.pre_class, b.pre_class)) return c;
  if (int c = compare_u64(a.pre_n, b.pre_n)) return c;
  if (int c = compare_int(a.post_class, b.post_class)) return c;
  if (int c = compare_u64(a.post_n, b.post_n)) return c;
  if (int c = compare_int(a.dev_class, b.dev_class)) return c;
  if (int c = compare_u64(a.dev_n, b.dev_n)) return c;
  if (int c = compare_int(a.local_class, b.local_class)) return c;
  if (a.local_class == 1) return compare_local(a.local, b.local);
  return 0;
}

std::strong_ordering to_ordering(int c) {
  return c < 0 ? std::strong_ordering::less
               : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

void append_number(std::string& out, uint64_t n) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, res.ptr);
}

uint64_t mix(uint64_t h, uint64_t v) {
  // splitmix64-style combination: cheap and well distributed.
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 29);
}

}  // namespace

std::string_view to_string(PreKind kind) {
  switch (kind) {
    case PreKind::kAlpha:
      return "a";
    case PreKind::kBeta:
      return "b";
    case PreKind::kRc:
      return "rc";
  }
  return "?";
}

Version Version::build(uint64_t epoch, std::span<const uint64_t> release,
                       std::optional<PreRelease> pre, std::optional<uint64_t> post,
                       std::optional<uint64_t> dev, std::vector<LocalSegment> local,
                       SentinelKind sentinel) {
  static_assert(kMin == kSentinelMin && kAfterLocals == kSentinelAfterLocals &&
                kAfterPosts == kSentinelAfterPosts);
  static constexpr uint64_t kZero[1] = {0};
  if (release.empty()) release = std::span<const uint64_t>(kZero, 1);
  Version v;
  v.sentinel_ = sentinel;
  if (release.size() <= 4) {
    if (auto key = pack_key(epoch, release, pre, post, dev, !local.empty(), sentinel)) {
      v.packed_ = true;
      v.key_ = *key;
      v.release_len_ = static_cast<uint8_t>(release.size());
      std::copy(release.begin(), release.end(), v.small_release_);
      return v;
    }
  }
  auto full = std::make_shared<Full>();
  full->epoch = epoch;
  full->release.assign(release.begin(), release.end());
  full->pre = pre;
  full->post = post;
  full->dev = dev;
  full->local = std::move(local);
  v.full_ = std::move(full);
  return v;
}

Version Version::from_release(std::vector<uint64_t> release, uint64_t epoch) {
  return build(epoch, release, std::nullopt, std::nullopt, std::nullopt, {}, kReal);
}

Version Version::from_parts(VersionParts parts) {
  // Normalise local segments as parsing does: lowercase, and all-digit strings are numbers.
  for (LocalSegment& segment : parts.local) {
    auto* s = std::get_if<std::string>(&segment);
    if (!s) continue;
    for (char& c : *s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    uint64_t number = 0;
    auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), number);
    if (!s->empty() && ec == std::errc() && end == s->data() + s->size()) segment = number;
  }
  return build(parts.epoch, parts.release, parts.pre, parts.post, parts.dev,
               std::move(parts.local), kReal);
}

Version Version::smallest_of(const Version& v) {
  return build(v.epoch(), v.release(), std::nullopt, std::nullopt, std::nullopt, {}, kMin);
}

Version Version::largest_of(const Version& v) {
  if (v.post() || v.dev()) {
    return build(v.epoch(), v.release(), v.pre(), v.post(), v.dev(), {}, kAfterLocals);
  }
  return build(v.epoch(), v.release(), v.pre(), std::nullopt, std::nullopt, {}, kAfterPosts);
}

uint64_t Version::epoch() const { return packed_ ? 0 : full_->epoch; }

std::span<const uint64_t> Version::release() const {
  if (packed_) return {small_release_, release_len_};
  return full_->release;
}

std::optional<PreRelease> Version::pre() const {
  if (!packed_) return full_->pre;
  uint64_t kind = (key_ >> kPackedKindShift) & 7;
  if (kind < kKindAlpha || kind > kKindRc) return std::nullopt;
  return PreRelease{static_cast<PreKind>(kind - kKindAlpha), (key_ & kPackedNumberMask) >> 1};
}

std::optional<uint64_t> Version::post() const {
  if (!packed_) return full_->post;
  if (((key_ >> kPackedKindShift) & 7) != kKindPost) return std::nullopt;
  return (key_ & kPackedNumberMask) >> 1;
}

std::optional<uint64_t> Version::dev() const {
  if (!packed_) return full_->dev;
  if (((key_ >> kPackedKindShift) & 7) != kKindDev) return std::nullopt;
  return (key_ & kPackedNumberMask) >> 1;
}

std::span<const LocalSegment> Version::local() const {
  if (packed_) return {};
  return full_->local;
}

bool Version::is_prerelease() const { return pre().has_value() || dev().has_value(); }
bool Version::is_devrelease() const { return dev().has_value(); }
bool Version::is_postrelease() const { return post().has_value(); }
bool Version::has_local() const { return !packed_ && !full_->local.empty(); }

Version Version::without_local() const {
  if (!has_local()) return *this;
  return build(epoch(), release(), pre(), post(), dev(), {}, sentinel_);
}

Version Version::base_version() const {
  return build(epoch(), release(), std::nullopt, std::nullopt, std::nullopt, {}, kReal);
}

VersionParts Version::parts() const {
  VersionParts parts;
  parts.epoch = epoch();
  auto rel = release();
  parts.release.assign(rel.begin(), rel.end());
  parts.pre = pre();
  parts.post = post();
  parts.dev = dev();
  auto loc = local();
  parts.local.assign(loc.begin(), loc.end());
  return parts;
}

namespace {

CmpView view_of(const Version& v, int sentinel) {
  bool is_min = sentinel == kSentinelMin;
  bool after_locals = sentinel == kSentinelAfterLocals;
  bool after_posts = sentinel == kSentinelAfterPosts;
  CmpView view{};
  view.epoch = v.epoch();
  view.release = v.release();
  if (is_min) {
    view.pre_class = -2;
    return view;
  }
  auto pre = v.pre();
  auto post = v.post();
  auto dev = v.dev();
  if (pre) {
    view.pre_class = static_cast<int>(pre->kind);
    view.pre_n = pre->number;
  } else {
    view.pre_class = (!post && dev) ? -1 : 3;
  }
  if (after_posts) {
    view.post_class = 2;
    return view;
  }
  if (post) {
    view.post_class = 1;
    view.post_n = *post;
  }
  if (dev) {
    view.dev_n = *dev;
  } else {
    view.dev_class = 1;
  }
  if (after_locals) {
    view.local_class = 2;
  } else if (!v.local().empty()) {
    view.local_class = 1;
    view.local = v.local();
  }
  return view;
}

}  // namespace

std::strong_ordering Version::compare_slow(const Version& other) const {
  // Most comparisons are settled by epoch and release, before any suffix is decoded.
  if (int c = compare_u64(epoch(), other.epoch())) return to_ordering(c);
  if (int c = compare_release(release(), other.release())) return to_ordering(c);
  return to_ordering(compare_views(view_of(*this, sentinel_), view_of(other, other.sentinel_)));
}

size_t Version::hash() const {
  if (packed_) return mix(0, key_);
  // A version whose value packs but whose written release was too long to store packed
  // ("1.0.0.0.0") must hash like its packed equals ("1.0").
  if (auto key = pack_key(epoch(), release(), pre(), post(), dev(), has_local(), sentinel_)) {
    return mix(0, *key);
  }
  CmpView view = view_of(*this, sentinel_);
  uint64_t h = mix(1, view.epoch);
  auto rel = view.release.first(trimmed_length(view.release));
  for (uint64_t r : rel) h = mix(h, r);
  h = mix(h, static_cast<uint64_t>(view.pre_class + 2));
  h = mix(h, view.pre_n);
  h = mix(h, static_cast<uint64_t>(view.post_class));
  h = mix(h, view.post_n);
  h = mix(h, static_cast<uint64_t>(view.dev_class));
  h = mix(h, view.dev_n);
  h = mix(h, static_cast<uint64_t>(view.local_class));
  for (const LocalSegment& s : view.local) {
    if (auto* n = std::get_if<uint64_t>(&s)) {
      h = mix(h, *n);
    } else {
      h = mix(h, std::hash<std::string>()(std::get<std::string>(s)) ^ 0x5555);
    }
  }
  return h;
}

std::string Version::to_string() const {
  std::string out;
  out.reserve(16);
  uint64_t e = epoch();
  if (e != 0) {
    append_number(out, e);
    out += '!';
  }
  bool first = true;
  for (uint64_t r : release()) {
    if (!first) out += '.';
    first = false;
    append_number(out, r);
  }
  if (sentinel_ == kMin) return "smallest_of(" + out + ")";
  if (auto pre = this->pre()) {
    out += pep440::to_string(pre->kind);
    append_number(out, pre->number);
  }
  if (auto post = this->post()) {
    out += ".post";
    append_number(out, *post);
  }
  if (auto dev = this->dev()) {
    out += ".dev";
    append_number(out, *dev);
  }
  auto loc = local();
  for (size_t i = 0; i < loc.size(); ++i) {
    out += i == 0 ? '+' : '.';
    if (auto* n = std::get_if<uint64_t>(&loc[i])) {
      append_number(out, *n);
    } else {
      out += std::get<std::string>(loc[i]);
    }
  }
  // Sentinels are never shown to users; these forms only serve debugging and test output.
  if (sentinel_ == kAfterPosts) return "largest_of(" + out + ")";
  if (sentinel_ == kAfterLocals) {
    return (post() || dev()) ? "largest_of(" + out + ")" : out + "+<after every local>";
  }
  return out;
}

}  // namespace roost::pep440
