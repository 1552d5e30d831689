"""Attributing configuration files to the components that use them, and reading them once.

A file mounted (or built into) exactly one component gives that component's calls. A
file shared by several — DeathStarBench mounts one service-config.json into every
service — is a directory of addresses, not a call list: an entry is attributed only to
the service whose name prefixes it (`social-graph-mongodb` → `social-graph-service`).
Files nobody mounts (a Spring `application.yml` in a service's source folder) are matched
by `spring.application.name` or by the folder they sit in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archwright.importers._build import Builder
from archwright.importers._configs import Found, config_files, owner_of_section, read_config
from archwright.importers._files import SafeRoot
from archwright.importers.importer import ImportProblem

LOOSE_NAMES = (
    "application.yml",
    "application.yaml",
    "application.properties",
    "nginx.conf",
    "envoy.yaml",
    "prometheus.yml",
    "prometheus.yaml",
    "service-config.json",
    "traefik.yml",
    "traefik.yaml",
    "bootstrap.yml",
)


class MountedConfigs:
    def __init__(self, root: SafeRoot, builder: Builder) -> None:
        self.root = root
        self.builder = builder
        self.owners: dict[Path, set[str]] = {}
        self.read: set[Path] = set()

    def add(self, owner: str, path: Path, key: str) -> None:
        """`owner` uses the file or folder at `path`; outside the root it is skipped."""
        try:
            resolved = self.root.resolved(path)
        except OSError:
            return
        if not resolved.exists():
            return
        if not self.root.inside(resolved):
            self.builder.loss(
                "skipped",
                self.root.rel(self.root.root / "x")[:-1] or ".",
                key,
                f"{path} is outside the imported folder; not read",
            )
            return
        for file in config_files(self.root, resolved):
            self.owners.setdefault(file, set()).add(owner)

    def apply(self) -> None:
        for file in sorted(self.owners):
            self._read(file, sorted(self.owners[file]))

    def _config(self, file: Path) -> tuple[list[Found], dict[str, Any]] | None:
        """The file's addresses and facts, or None (reported) when it cannot be read."""
        try:
            return read_config(self.root, file)
        except ImportProblem as exc:
            self.builder.loss("skipped", self.root.rel(file), "", f"not read: {exc.message}")
            return None

    def _read(self, file: Path, owners: list[str]) -> None:
        self.read.add(file)
        shown = self.root.rel(file)
        config = self._config(file)
        if config is None:
            return
        found = config[0]
        unattributed: set[str] = set()
        for item in found:
            if len(owners) == 1:
                owner: str | None = owners[0]
            else:
                owner = owner_of_section(item.section, owners)
            if owner is None:
                if self.builder.names.resolve(item.address.host) is None:
                    self.builder.loss(
                        "unknown_address",
                        shown,
                        item.key,
                        f"{item.address.host!r} names nothing deployed",
                    )
                else:
                    unattributed.add(item.section or item.key)
                continue
            self.builder.add_address(owner, item.address, shown, item.key, item.value)
        if unattributed:
            self.builder.loss(
                "unattributed",
                shown,
                "",
                f"shared by {', '.join(owners)}: entries {', '.join(sorted(unattributed))} "
                "list addresses but not who calls them",
            )

    def loose_configs(self, exclude: set[Path]) -> None:
        """Known config files nobody mounts, attributed by application name or folder."""
        ids = sorted(self.builder.components, key=len, reverse=True)
        for file in self.root.walk():
            if (
                file.name not in LOOSE_NAMES
                or file in self.read
                or self.root.resolved(file) in exclude
            ):
                continue
            shown = self.root.rel(file)
            config = self._config(file)
            if config is None:
                continue
            found, facts = config
            owner = self.builder.names.resolve(str(facts.get("spring_application_name", "")))
            if owner is None:
                folders = [p.lower() for p in Path(shown).parts[:-1]]
                owner = next(
                    (
                        c
                        for f in reversed(folders)
                        for c in ids
                        if f == c.lower() or f.endswith("-" + c.lower())
                    ),
                    None,
                )
            if owner is None:
                if found:
                    self.builder.loss(
                        "unattributed",
                        shown,
                        "",
                        "config file names addresses but no component uses it",
                    )
                continue
            self.read.add(file)
            for item in found:
                self.builder.add_address(owner, item.address, shown, item.key, item.value)
