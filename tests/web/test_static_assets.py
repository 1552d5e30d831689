"""The vendored front-end files are the pinned npm releases (sha256 recorded) and the page
loads nothing else: no CDN, no inline script."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "src" / "archwright" / "web" / "static"
VENDOR = STATIC / "vendor"


def test_every_vendored_file_matches_its_pinned_checksum() -> None:
    manifest = json.loads((VENDOR / "vendor.json").read_text(encoding="utf-8"))
    names = set()
    for entry in manifest["packages"]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", entry["version"]), entry
        assert entry["integrity"].startswith("sha512-"), entry
        data = (VENDOR / entry["dest"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["dest"]
        assert (VENDOR / entry["license_dest"]).is_file()
        names |= {entry["dest"], entry["license_dest"]}
    assert {p.name for p in VENDOR.iterdir()} == names | {"vendor.json"}


def test_the_page_loads_only_packaged_scripts() -> None:
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<script src="([^"]+)"></script>', page)
    assert len(sources) == page.count("<script")
    for src in sources:
        assert src.startswith("/static/") and (STATIC / src.removeprefix("/static/")).is_file()
    assert re.search(r"\son[a-z]+\s*=", page) is None, "an inline event handler"
    assert "style=" not in page


def test_the_scripts_never_write_markup() -> None:
    """Text reaches the DOM through textContent only (hostile names stay text)."""
    for script in sorted((STATIC / "js").glob("*.js")):
        code = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{script.name} uses {sink}"
