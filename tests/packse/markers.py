"""Semantic comparison of PEP 508 markers, using roost's own marker algebra.

roost and uv may spell the same marker differently (`python_version >= '3.9'`
vs `python_full_version >= '3.9'`, operand order, redundant clauses), so
markers are never compared as text. MarkerOracle keeps one `roost debug eval`
process and asks it line by line (requests and answers are JSON lines):

    {"op":"marker_and","left":M,"right":""}
 -> {"ok":true,"marker":"<canonical text>"|null,"always":true|false|null}

Two markers A and B are equivalent when their canonical texts agree, or else
when A and not B, and B and not A, are both always false. `not` is computed
here (negate()) by flipping every comparison and applying De Morgan; the
algebra itself stays roost's.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading

_TOKEN = re.compile(r"""\s*(\(|\)|'[^']*'|"[^"]*"|===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b|and\b|or\b|[A-Za-z_][A-Za-z0-9_.]*)""")
_FLIP = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">", "in": "not in", "not in": "in"}


class MarkerSyntaxError(ValueError):
    pass


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise MarkerSyntaxError(f"cannot read marker {text!r} at column {pos + 1}")
        tok = m.group(1)
        out.append("not in" if tok.startswith("not") else tok)
        pos = m.end()
    return out


def _parse(tokens: list[str]):
    """Marker tree: ("or"|"and", [children]) or ("cmp", left, op, right)."""
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def expr(kind, sub):
        items = [sub()]
        while peek() == kind:
            take()
            items.append(sub())
        return items[0] if len(items) == 1 else (kind, items)

    def atom():
        if peek() == "(":
            take()
            node = expr("or", lambda: expr("and", atom))
            if take() != ")":
                raise MarkerSyntaxError("expected ')'")
            return node
        left, op, right = take(), take(), take()
        if op not in _FLIP and op not in ("~=", "==="):
            raise MarkerSyntaxError(f"unknown operator {op!r}")
        return ("cmp", left, op, right)

    try:
        node = expr("or", lambda: expr("and", atom))
    except IndexError:
        raise MarkerSyntaxError("marker ends too early") from None
    if pos != len(tokens):
        raise MarkerSyntaxError(f"unexpected {tokens[pos]!r}")
    return node


def _text(node) -> str:
    if node[0] == "cmp":
        return f"{node[1]} {node[2]} {node[3]}"
    return f" {node[0]} ".join(f"({_text(c)})" if c[0] != "cmp" else _text(c) for c in node[1])


def _negate(node):
    if node[0] in ("and", "or"):
        return ("or" if node[0] == "and" else "and", [_negate(c) for c in node[1]])
    _, left, op, right = node
    if op in _FLIP:
        return ("cmp", left, _FLIP[op], right)
    if op == "~=" and right[0] in "'\"":
        # v ~= 'X.Y.Z'  <=>  v >= 'X.Y.Z' and v == 'X.Y.*'
        release = right[1:-1].split(".")
        if len(release) >= 2:
            prefix = right[0] + ".".join(release[:-1]) + ".*" + right[0]
            return ("or", [("cmp", left, "<", right), ("cmp", left, "!=", prefix)])
    raise MarkerSyntaxError(f"cannot negate {_text(node)!r}")


def negate(marker: str) -> str:
    """`not marker` as PEP 508 text ("" is always true, so its negation is always false)."""
    if not marker.strip():
        return "python_full_version < '0'"
    return _text(_negate(_parse(_tokens(marker))))


def specifier_to_marker(spec: str) -> str:
    """`>=3.9,<4` -> `python_full_version >= '3.9' and python_full_version < '4'`."""
    clauses = re.findall(r"(~=|===|==|!=|<=|>=|<|>)\s*([^,\s]+)", spec or "")
    return " and ".join(f"python_full_version {op} '{v}'" for op, v in clauses)


class MarkerOracle:
    """Answers marker questions through one long-lived `roost debug eval` process."""

    def __init__(self, roost: str):
        self._roost = roost
        self._proc = None
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], dict] = {}
        self.broken: str | None = None  # why the oracle could not be used

    def _ask(self, left: str, right: str = "") -> dict:
        key = (left, right)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
            if self.broken:
                return {"ok": False, "error": self.broken}
            try:
                if self._proc is None:
                    self._proc = subprocess.Popen([self._roost, "debug", "eval"], stdin=subprocess.PIPE,
                                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                self._proc.stdin.write(json.dumps({"op": "marker_and", "left": left, "right": right}) + "\n")
                self._proc.stdin.flush()
                line = self._proc.stdout.readline()
                answer = json.loads(line) if line else {"ok": False, "error": "roost debug eval exited"}
                if not line:
                    self.broken = "`roost debug eval` exited"
            except (OSError, ValueError) as e:
                self.broken = f"`roost debug eval` unusable: {e}"
                answer = {"ok": False, "error": self.broken}
            self._cache[key] = answer
            return answer

    def canonical(self, marker: str | None) -> str | None:
        """roost's canonical text; "" for always true, "<never>" for always false, None if invalid."""
        a = self._ask(marker or "")
        if not a.get("ok"):
            return None
        if a.get("always") is True:
            return ""
        if a.get("always") is False:
            return "<never>"
        return a["marker"]

    def equivalent(self, a: str | None, b: str | None) -> bool:
        ca, cb = self.canonical(a), self.canonical(b)
        if ca is None or cb is None:  # unparsable for roost: only identical text counts
            return (a or "").split() == (b or "").split()
        if ca == cb:
            return True
        try:
            not_a, not_b = negate(a or ""), negate(b or "")
        except MarkerSyntaxError:
            return False
        return self._ask(a or "", not_b).get("always") is False and self._ask(b or "", not_a).get("always") is False

    def same_set(self, want: list[str], got: list[str]) -> bool:
        """Marker lists equal as sets, element-wise semantically."""
        if len(want) != len(got):
            return False
        left = list(got)
        for w in want:
            match = next((g for g in left if self.equivalent(w, g)), None)
            if match is None:
                return False
            left.remove(match)
        return True

    def close(self) -> None:
        with self._lock:
            if self._proc is not None:
                self._proc.stdin.close()
                self._proc.wait(timeout=10)
                self._proc = None
