#!/usr/bin/env python3
"""Refresh the web workbench's vendored JavaScript from npm, pinned and checksummed.

Reads the pins from src/archwright/web/static/vendor/vendor.json (package, exact version,
file inside the package), fetches each tarball with `npm pack`, copies the file and the
package's licence into the vendor folder, and records both checksums (the tarball's npm
integrity and the file's sha256). `pip install archwright` then serves the UI with no
Node at install or run time; only this script needs npm.

    python scripts/vendor_web.py            # fetch the pinned versions, rewrite checksums
    python scripts/vendor_web.py --check    # verify the committed files against the pins
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "src/archwright/web/static/vendor"
MANIFEST = VENDOR / "vendor.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(entry: dict[str, str], work: Path) -> None:
    spec = f"{entry['package']}@{entry['version']}"
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(work)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    info = json.loads(out.stdout)[0]
    with tarfile.open(work / info["filename"]) as tar:
        tar.extractall(work / entry["package"], filter="data")
    root = work / entry["package"] / "package"
    shutil.copyfile(root / entry["file"], VENDOR / entry["dest"])
    licence = next(p for p in sorted(root.iterdir()) if p.name.upper().startswith("LICEN"))
    shutil.copyfile(licence, VENDOR / entry["license_dest"])
    entry["integrity"] = info["integrity"]
    entry["sha256"] = sha256(VENDOR / entry["dest"])


def check(entries: list[dict[str, str]]) -> int:
    bad = [e["dest"] for e in entries if sha256(VENDOR / e["dest"]) != e["sha256"]]
    for name in bad:
        print(f"vendor: {name} does not match its recorded sha256", file=sys.stderr)
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="Only verify the checksums.")
    args = parser.parse_args()
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    if args.check:
        return check(manifest["packages"])
    with tempfile.TemporaryDirectory() as tmp:
        for entry in manifest["packages"]:
            fetch(entry, Path(tmp))
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"vendor: refreshed {len(manifest['packages'])} packages into {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
