"""The kb cache: a hit gives what parsing the YAML gives; a damaged cache is rebuilt."""

import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import yaml

from archwright.kb import compiled


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    compiled.compiled.cache_clear()
    yield tmp_path / "archwright"
    compiled.compiled.cache_clear()


def fresh_parse() -> dict[str, object]:
    root = Path(str(resources.files("archwright.kb")))
    return {
        p.relative_to(root).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(root.rglob("*.yaml"))
    }


def everything() -> dict[str, object]:
    return {name: compiled.read_file(name) for name in compiled.compiled()}


def cache_file(folder: Path) -> Path:
    files = list(folder.glob("kb-*.json"))
    assert len(files) == 1, files
    return files[0]


def test_a_cache_hit_equals_a_fresh_parse(cache_home: Path) -> None:
    expected = fresh_parse()
    assert len(expected) > 100
    assert everything() == expected  # miss: parsed and written
    written = cache_file(cache_home)
    compiled.compiled.cache_clear()
    table = compiled.compiled()
    assert all(from_cache for from_cache, _ in table.values())  # the kb is all plain JSON data
    assert everything() == expected  # hit
    assert cache_file(cache_home) == written


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw.replace(b'"https://', b'"http://evil.example/', 1),  # valid JSON, edited
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"not a cache",
        lambda raw: b"",
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(cache_home: Path, damage: object) -> None:
    expected = fresh_parse()
    everything()
    path = cache_file(cache_home)
    good = path.read_bytes()
    path.write_bytes(damage(good))  # type: ignore[operator]
    compiled.compiled.cache_clear()
    assert everything() == expected
    assert path.read_bytes() == good  # rewritten whole


def test_each_reader_gets_its_own_objects(cache_home: Path) -> None:
    first = compiled.read_file("kind_capacity.yaml")
    first.clear()
    assert compiled.read_file("kind_capacity.yaml")


def test_an_unwritable_cache_folder_only_costs_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    compiled.compiled.cache_clear()
    try:
        assert everything() == fresh_parse()
    finally:
        compiled.compiled.cache_clear()


def test_data_json_cannot_hold_is_read_from_its_yaml() -> None:
    assert compiled._exact_json({"a": [1, "x", None, 1.5]}) == '{"a":[1,"x",null,1.5]}'
    assert compiled._exact_json({1: "int key"}) is None
    assert compiled._exact_json({"d": __import__("datetime").date(2024, 1, 1)}) is None
    assert compiled._exact_json({"x": float("nan")}) is None


def test_unchanged_files_are_not_hashed_again(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = fresh_parse()
    everything()  # miss: hashes the files, writes the cache and the marks
    assert len(list(cache_home.glob("kb-*.key"))) == 1
    compiled.compiled.cache_clear()
    monkeypatch.setattr(compiled, "_content_key", lambda texts: pytest.fail("hashed again"))
    assert everything() == expected


def test_an_edited_data_file_is_not_served_from_the_old_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of the kb whose one file changes: new marks, the content hashed again, the
    edited value read, never the old cache's."""
    import shutil

    root = Path(str(resources.files("archwright.kb")))
    copy = tmp_path / "kb"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    files = sorted((p.relative_to(copy).as_posix(), p) for p in copy.rglob("*.yaml"))
    monkeypatch.setattr(compiled, "_data_files", lambda: files)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    compiled.compiled.cache_clear()
    try:
        before = compiled.read_file("kind_capacity.yaml")
        (copy / "kind_capacity.yaml").write_text("edited: true\n", encoding="utf-8")
        compiled.compiled.cache_clear()
        assert compiled.read_file("kind_capacity.yaml") == {"edited": True} != before
        assert len(list((tmp_path / "cache" / "archwright").glob("kb-*.json"))) == 2
    finally:
        compiled.compiled.cache_clear()


def test_a_damaged_marks_file_falls_back_to_hashing(cache_home: Path) -> None:
    expected = fresh_parse()
    everything()
    (marks,) = cache_home.glob("kb-*.key")
    marks.write_text("0" * 64, encoding="ascii")  # points at no cache
    compiled.compiled.cache_clear()
    assert everything() == expected
    assert len(marks.read_text(encoding="ascii")) == 64 and set(marks.read_text()) != {"0"}


def test_models_validated_from_the_cache_equal_those_from_the_yaml(cache_home: Path) -> None:
    """`validate_folder` hands a cached file's JSON text to pydantic's parser: the catalog
    it gives must be the one validating the parsed YAML gives, file by file."""
    from archwright.kb.catalog import CatalogFile

    expected = {
        name.removeprefix("technologies/"): CatalogFile.model_validate(data)
        for name, data in fresh_parse().items()
        if name.startswith("technologies/")
    }
    assert len(expected) > 10
    first = dict(compiled.validate_folder("technologies", CatalogFile))  # miss: from the YAML
    compiled.compiled.cache_clear()
    assert all(hit for hit, _ in compiled.compiled().values())
    second = dict(compiled.validate_folder("technologies", CatalogFile))  # hit: from JSON text
    assert first == second == expected
    assert list(second) == sorted(expected)


def test_transfer_figures_come_from_the_cache(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`load_transfer` reads the compiled cache as the other kb files do, not PyYAML's
    pure-Python parser (two thirds of auditing Online Boutique), and gets the same data."""
    from archwright.kb.transfer import TransferData, load_transfer

    expected = TransferData.model_validate(fresh_parse()["transfer.yaml"])
    compiled.compiled()  # a miss: the cache is written from the YAML
    compiled.compiled.cache_clear()

    def refuse(*_: object, **__: object) -> object:
        raise AssertionError("transfer.yaml parsed by PyYAML's Python parser")

    monkeypatch.setattr(yaml, "safe_load", refuse)
    assert load_transfer.__wrapped__() == expected


def test_a_warm_cache_is_read_without_hashing_its_payload(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The payload check is a CRC-32: a SHA-256 of the 0.8 MB payload was half of every
    catalog-reading process's cache read (issue 16). Only the files' marks (paths,
    sizes, times: a few kB) are hashed."""
    expected = everything()
    compiled.compiled.cache_clear()
    payload = cache_file(cache_home).stat().st_size
    hashed: list[int] = []
    real = compiled.hashlib.sha256

    def counting(data: bytes = b"") -> object:
        digest = real(data)
        hashed.append(len(data))
        update = digest.update

        class Counted:
            def update(self, more: bytes) -> None:
                hashed.append(len(more))
                update(more)

            def hexdigest(self) -> str:
                return digest.hexdigest()

        return Counted()

    monkeypatch.setattr(compiled.hashlib, "sha256", counting)
    table = compiled.compiled()
    assert all(from_cache for from_cache, _ in table.values())
    assert everything() == expected
    assert payload > 500_000 and sum(hashed) < payload // 10


def test_the_folder_walk_finds_what_the_generic_walk_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed kb is walked with `os.scandir` (`_files_on_disk`); a kb inside a zip
    goes through the `Traversable` walk. Both must list the same data files: the zip
    here holds the installed folder, read through `zipfile.Path`."""
    root = compiled._kb_root()
    assert isinstance(root, Path)
    on_disk = compiled._data_files()
    archive = tmp_path / "kb.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in root.rglob("*"):
            if path.is_file():
                zipped.write(path, path.relative_to(root).as_posix())
    monkeypatch.setattr(compiled, "_kb_root", lambda: zipfile.Path(archive))
    through_zip = compiled._data_files()
    assert len(on_disk) > 100
    assert [name for name, _ in through_zip] == [name for name, _ in on_disk]
    for (name, zipped_file), (_, disk_file) in zip(through_zip, on_disk, strict=True):
        assert zipped_file.read_bytes() == disk_file.read_bytes(), name
