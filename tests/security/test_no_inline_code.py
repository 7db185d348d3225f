"""A static scan: the templates of the public site and the portal, and the
site's JavaScript, carry no inline script, event handler or style attribute,
so the strict Content Security Policy never blocks them.

Wagtail admin templates (a folder named admin/, served under /admin/ with the
relaxed policy) and email templates (mail clients need inline styles; no CSP
applies) are not scanned."""

import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
TEMPLATE_ROOTS = [
    BASE_DIR / "bid" / "templates",
    BASE_DIR / "home" / "templates",
    BASE_DIR / "search" / "templates",
    *sorted((BASE_DIR / "members").glob("*/templates")),
]
NOT_SCANNED = {"admin", "email"}

TEMPLATE_RULES = {
    # A script element without src, unless it is a data block (JSON).
    "inline script": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=[\"']application/(?:ld\+)?json)",
        re.I,
    ),
    "event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}
SCRIPT_RULES = {
    "eval": re.compile(r"\beval\s*\("),
    "new Function": re.compile(r"\bnew\s+Function\s*\("),
    "string timer": re.compile(r"\bset(?:Timeout|Interval)\s*\(\s*[\"'`]"),
    "style or handler attribute": re.compile(
        r"setAttribute\(\s*[\"'](?:style|on[a-z]+)[\"']", re.I
    ),
    "markup with inline code": re.compile(
        r"(?:innerHTML|outerHTML|insertAdjacentHTML)[^;]*(?:<script|\son[a-z]+=|style=)",
        re.I,
    ),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def scanned_templates() -> list[Path]:
    found = []
    for root in TEMPLATE_ROOTS:
        for path in root.rglob("*.html"):
            if not NOT_SCANNED & set(path.relative_to(root).parts[:-1]):
                found.append(path)
    return sorted(found)


def violations(text: str, rules: dict) -> list[str]:
    found = []
    for name, pattern in rules.items():
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {name}")
    return found


def test_the_scan_covers_the_site_templates_and_skips_admin_and_email():
    names = {str(path.relative_to(BASE_DIR)) for path in scanned_templates()}
    assert "bid/templates/base.html" in names
    assert "members/proposals/templates/proposals/proposal_detail.html" in names
    assert not [n for n in names if "/admin/" in n or "/email/" in n]


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">x()</script>',
        '<button type="button" onclick="go()">',
        '<form\n    onsubmit="return check()">',
        '<div class="x" style="display:none">',
        "<style>p { color: red }</style>",
        '<a href="javascript:void(0)">',
    ],
)
def test_the_scan_finds_inline_code_in_templates(snippet):
    assert violations(snippet, TEMPLATE_RULES)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/js/map.js" defer></script>',
        '<script type="application/json" id="data">{"a": 1}</script>',
        '<p class="one">Online, onward: data-onload="x"</p>',
    ],
)
def test_the_scan_allows_external_scripts_and_data_blocks(snippet):
    assert violations(snippet, TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    "path", scanned_templates(), ids=lambda p: str(p.relative_to(BASE_DIR))
)
def test_template_has_no_inline_script_handler_or_style(path):
    assert violations(path.read_text(), TEMPLATE_RULES) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "eval(code)",
        'node.setAttribute("style", "color: red")',
        "node.setAttribute('onclick', 'go()')",
        'box.innerHTML = "<b onclick=go()>x</b>";',
        'setTimeout("go()", 10)',
    ],
)
def test_the_scan_finds_inline_code_in_scripts(snippet):
    assert violations(snippet, SCRIPT_RULES)


@pytest.mark.parametrize(
    "path",
    sorted((BASE_DIR / "static" / "js").rglob("*.js")),
    ids=lambda p: p.name,
)
def test_site_script_creates_no_inline_code(path):
    # Setting element.style properties through the CSSOM is allowed by CSP.
    assert violations(path.read_text(), SCRIPT_RULES) == []
