"""Reading and writing `archwright.yaml` (or .json) files.

Reading reports every problem at once as `file:line: path: message`; writing is atomic
(a temporary file renamed over the target) so an interrupted run never leaves half a file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from archwright.archfile.one_pass import ItemLines
from archwright.archfile.places import lines_of
from archwright.archfile.reading import Unreadable, read_bytes
from archwright.archfile.safe_yaml import UnsafeInput, loads
from archwright.archfile.salvage import semantic_despite
from archwright.model import Architecture, Problem, Requirements, check, from_validation_error
from archwright.model.collector import collector_paused


class FileProblem(ValueError):
    """Every problem of one input file, each printable as one line."""

    def __init__(self, source: str, problems: list[tuple[int | None, Problem]]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        out = []
        for line, problem in self.problems:
            where = f"{self.source}:{line}" if line else self.source
            out.append(one_line(f"{where}: {problem}"))
        return out


def one_line(text: str) -> str:
    """`text` with line breaks and other control characters escaped (`\\n`, `\\x00`).

    Problems quote what the input said (a key, a name); a newline in that quote would
    split one problem over two lines of stderr.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def _is_json(path: Path, text: str) -> bool:
    return path.suffix.lower() == ".json" or (path.suffix == "" and text.lstrip()[:1] in ("[", "{"))


def read_text(path: Path) -> str:
    """The file's text, or a FileProblem saying why it cannot be read.

    Only regular files (and stdin, as `-`) are read, non-blocking and with a streamed size
    cap: see `archwright.archfile.reading`.
    """
    from archwright.archfile.safe_yaml import MAX_BYTES

    try:
        data = read_bytes(path, MAX_BYTES)
    except Unreadable as exc:
        raise FileProblem(str(path), [(None, Problem("", str(exc)))]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            str(path), [(None, Problem("", f"not UTF-8 text ({exc.reason})"))]
        ) from None


def parse_document(
    text: str, source: str, *, json_format: bool, items: ItemLines | None = None
) -> Any:
    """Parse with limits; a refusal becomes a FileProblem."""
    try:
        return loads(text, json_format=json_format, items=items)
    except UnsafeInput as exc:
        raise FileProblem(source, [(exc.line, Problem("", exc.message))]) from None


def parse_architecture(
    text: str,
    source: str = "<input>",
    *,
    json_format: bool = False,
    items: ItemLines | None = None,
) -> Architecture:
    """Text → validated Architecture, or FileProblem listing every problem with its line.
    `items`, when given, gets the line of each component and connection (YAML only)."""
    with collector_paused():  # a tree of plain containers: nothing for it to find
        return _parse_architecture(text, source, json_format, items)


def _parse_architecture(
    text: str, source: str, json_format: bool, items: ItemLines | None = None
) -> Architecture:
    data = parse_document(text, source, json_format=json_format, items=items)
    if not isinstance(data, dict):
        raise FileProblem(source, [(1, Problem("", "expected a mapping with name and components"))])
    try:
        arch = Architecture.model_validate(data)
    except ValidationError as err:
        problems = from_validation_error(err)
        seen = {p.path for p in problems}
        problems += [p for p in semantic_despite(data, err) if p.path not in seen]
        raise FileProblem(source, _with_lines(text, problems, json_format)) from None
    semantic = check(arch)
    if semantic:
        raise FileProblem(source, _with_lines(text, semantic, json_format))
    return arch


def _with_lines(
    text: str, problems: list[Problem], json_format: bool
) -> list[tuple[int | None, Problem]]:
    if json_format:
        return [(None, p) for p in problems]
    lines = lines_of(text, [_split_path(p.path) for p in problems])
    return list(zip(lines, problems, strict=True))


def _split_path(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for chunk in path.replace("]", "").split("."):
        for i, piece in enumerate(chunk.split("[")):
            if piece == "":
                continue
            parts.append(int(piece) if i > 0 and piece.isdigit() else piece)
    return parts


def warning_lines(path: str | os.PathLike[str], problems: list[Problem]) -> list[str]:
    """`file:line: warning: place: message` for problems found in a valid file."""
    p = Path(path)
    text = read_text(p)
    located = FileProblem(str(p), _with_lines(text, problems, _is_json(p, text)))
    return [line.replace(": ", ": warning: ", 1) for line in located.lines()]


def load_architecture(path: str | os.PathLike[str], items: ItemLines | None = None) -> Architecture:
    """The architecture in a file; `items` as for `parse_architecture`."""
    p = Path(path)
    text = read_text(p)
    return parse_architecture(text, str(p), json_format=_is_json(p, text), items=items)


def load_requirements(path: str | os.PathLike[str]) -> Requirements:
    """A requirements file (SPEC §4): YAML or JSON, every key optional."""
    p = Path(path)
    text = read_text(p)
    return parse_requirements(text, str(p), json_format=_is_json(p, text))


def parse_requirements(
    text: str, source: str = "<input>", *, json_format: bool = False
) -> Requirements:
    """Requirements text (the web workbench's upload, a file's content) → Requirements."""
    data = parse_document(text, source, json_format=json_format)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FileProblem(source, [(1, Problem("", "expected a mapping of requirements"))])
    try:
        return Requirements.model_validate(data)
    except ValidationError as err:
        problems = from_validation_error(err)
        raise FileProblem(source, _with_lines(text, problems, json_format)) from None


def to_data(arch: Architecture) -> dict[str, Any]:
    """Plain data for YAML/JSON: defaults left out so files stay short and readable."""
    data: dict[str, Any] = arch.model_dump(mode="json", exclude_defaults=True)
    data.pop("schema_version", None)
    return {"schema_version": arch.schema_version, **data}


_BASE_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BASE_DUMPER):  # type: ignore[misc]
    """Block style, multi-line strings as literal blocks, no aliases.

    Built on libyaml's emitter when present: the pure-Python one took 40 ms of a 50 ms
    design run, for byte-identical output.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: Any, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    node: yaml.Node = dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)
    return node


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def dumps_architecture(arch: Architecture, *, json_format: bool = False) -> str:
    data = to_data(arch)
    if json_format:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return dump_yaml(data)


def current_umask() -> int:
    """The process umask, read without changing it where /proc allows (else set and reset)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def text_bytes(text: str) -> bytes:
    """UTF-8 for a text file; NUL, which no text format we write may hold, becomes U+FFFD."""
    return text.replace("\x00", "\ufffd").encode("utf-8")


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: all or nothing.

    The file gets the mode any new file of the user gets (0666 less the umask), not
    mkstemp's private 0600: outputs are meant to be read by the user's other tools.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = text_bytes(content) if isinstance(content, str) else content
    import tempfile  # only when writing: loading a model never needs it

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_architecture(arch: Architecture, path: str | os.PathLike[str]) -> None:
    p = Path(path)
    write_atomic(p, dumps_architecture(arch, json_format=p.suffix.lower() == ".json"))
