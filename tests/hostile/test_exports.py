"""Issue 17, outputs: exports are all or nothing, never interleave, and clean up after themselves.

Every CLI case runs `archwright export` in a fresh process. The kill test SIGKILLs an
export of 300 components at random moments (seeded, 6 tries) and checks that `-o` holds
exactly the previous export or exactly the new one, never a mix.
"""

from __future__ import annotations

import fcntl
import os
import random
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path, PurePosixPath

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from archwright.exporters import _staging
from archwright.exporters._staging import MANIFEST, export_files
from archwright.exporters.exporter import ExportError, UnsafePath, plain_relative, safe_relative

ROOT = Path(__file__).resolve().parents[2]


def _model(prefix: str, count: int) -> dict[str, object]:
    components: list[dict[str, object]] = [{"id": "users", "name": "Users", "kind": "client"}]
    connections = []
    for i in range(count):
        cid = f"{prefix}{i}"
        components.append({"id": cid, "name": f"Service {cid}", "kind": "service"})
        connections.append({"source": "users", "target": cid})
    return {
        "schema_version": "1",
        "name": f"Model {prefix}",
        "components": components,
        "connections": connections,
    }


def _write_model(path: Path, prefix: str, count: int) -> Path:
    path.write_text(yaml.safe_dump(_model(prefix, count)), encoding="utf-8")
    return path


def _cli(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen(
        [sys.executable, "-m", "archwright", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(*args: str, cwd: Path) -> tuple[int, str, str]:
    proc = _cli(*args, cwd=cwd)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(params=["one writer", "two writers"])
def writers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The staging rules hold whether one thread writes the files or two (from
    `_TWO_THREADS_FROM` files, one each half): here two write even a two-file export."""
    if request.param == "two writers":
        monkeypatch.setattr(_staging, "_TWO_THREADS_FROM", 1)


def test_reexport_removes_stale_files_of_that_format_only(tmp_path: Path) -> None:
    arch = _write_model(tmp_path / "a.yaml", "svc", 3)
    out = tmp_path / "out"
    assert _run("export", str(arch), "--to", "kubernetes", "-o", str(out), cwd=tmp_path)[0] == 0
    assert _run("export", str(arch), "--to", "mermaid", "-o", str(out), cwd=tmp_path)[0] == 0
    before = _snapshot(out)
    dropped = [rel for rel in before if "svc2" in rel]
    assert dropped, sorted(before)
    (out / "notes.md").write_text("mine", encoding="utf-8")
    _write_model(arch, "svc", 2)
    code, _, stderr = _run("export", str(arch), "--to", "kubernetes", "-o", str(out), cwd=tmp_path)
    assert code == 0, stderr
    after = _snapshot(out)
    assert not [rel for rel in after if "svc2" in rel]
    assert after["notes.md"] == b"mine"
    assert after["architecture.mmd"] == before["architecture.mmd"]  # another format's file
    # Besides the format's loss lines ("kubernetes: not expressed: ..."), one line says
    # what was removed.
    notes = [line for line in stderr.splitlines() if ": not expressed: " not in line]
    assert len(notes) == 1 and "removed" in notes[0]


def test_a_large_export_is_written_by_two_threads_as_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From `_TWO_THREADS_FROM` files each half has its own thread; the tree, the manifest
    and the listing are the ones a single thread writes, folders shared by both halves
    included."""
    files = {f"d{i % 37}/e{i % 3}/f{i}.txt": f"file {i}\n" for i in range(2_500)}
    assert len(files) >= _staging._TWO_THREADS_FROM
    threads: set[int] = set()
    real = _staging._write_run

    def spy(*args: object) -> dict[str, str]:
        threads.add(threading.get_ident())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_staging, "_write_run", spy)
    two = export_files(files, tmp_path / "two", "fmt")
    assert len(threads) == 2
    monkeypatch.setattr(_staging, "_TWO_THREADS_FROM", len(files) + 1)
    one = export_files(files, tmp_path / "one", "fmt")
    assert two.names == one.names == tuple(sorted(files))
    assert _snapshot(tmp_path / "two") == _snapshot(tmp_path / "one")


@pytest.mark.usefixtures("writers")
def test_an_edited_stale_file_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_files({"a.txt": "a", "b.txt": "b"}, out, "fmt")
    (out / "b.txt").write_text("edited by hand", encoding="utf-8")
    result = export_files({"a.txt": "a2"}, out, "fmt")
    assert result.kept == ("b.txt",) and result.removed == ()
    assert (out / "b.txt").read_text(encoding="utf-8") == "edited by hand"
    again = export_files({"a.txt": "a3"}, out, "fmt")  # no longer ours: left alone for good
    assert again.kept == () and (out / "b.txt").exists()


@pytest.mark.usefixtures("writers")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_permissions_follow_the_umask(mask: int, mode: int, tmp_path: Path) -> None:
    old = os.umask(mask)
    try:
        result = export_files({"d/x.tf": "x", "y.md": "y"}, tmp_path / "out", "fmt")
    finally:
        os.umask(old)
    for path in (*result.written, tmp_path / "out" / MANIFEST):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path
    folder_mode = 0o777 & ~mask
    assert stat.S_IMODE((tmp_path / "out" / "d").stat().st_mode) == folder_mode


@pytest.mark.usefixtures("writers")
def test_a_reexport_keeps_unchanged_files_and_replaces_the_rest(tmp_path: Path) -> None:
    """An unchanged file stays the same inode (no inode made or freed, issue 16); a changed
    one is a new file, so the tree being replaced never changes under a reader."""
    out = tmp_path / "out"
    export_files({"d/same.txt": "same", "d/changed.txt": "old"}, out, "fmt")
    same, changed = (out / "d" / "same.txt").stat(), (out / "d" / "changed.txt").stat()
    held = os.open(out / "d" / "changed.txt", os.O_RDONLY)  # the old file, open by a reader
    try:
        export_files({"d/same.txt": "same", "d/changed.txt": "new"}, out, "fmt")
        assert os.read(held, 10) == b"old"
    finally:
        os.close(held)
    assert (out / "d" / "same.txt").stat().st_ino == same.st_ino
    assert (out / "d" / "changed.txt").stat().st_ino != changed.st_ino
    assert (out / "d" / "changed.txt").read_bytes() == b"new"


@pytest.mark.usefixtures("writers")
def test_an_unchanged_file_takes_the_mode_of_the_new_umask(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        export_files({"a.txt": "a"}, out, "fmt")
        os.umask(0o077)
        export_files({"a.txt": "a"}, out, "fmt")
    finally:
        os.umask(old)
    assert stat.S_IMODE((out / "a.txt").stat().st_mode) == 0o600


@pytest.mark.usefixtures("writers")
def test_a_file_where_a_folder_goes_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_files({"a": "file"}, out, "fmt")
    with pytest.raises(ExportError):
        export_files({"a/b.txt": "x"}, out, "other")
    assert (out / "a").read_bytes() == b"file"


@pytest.mark.usefixtures("writers")
def test_a_link_where_a_file_goes_is_replaced_never_written_through(tmp_path: Path) -> None:
    """The create is exclusive and follows no link: a link of the user's at an exported
    file's name is replaced by the file, and what it points at is left alone."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").symlink_to(victim)
    (out / "d").mkdir()
    (out / "d" / "b.txt").symlink_to(victim)
    export_files({"a.txt": "new", "d/b.txt": "precious"}, out, "fmt")
    assert victim.read_bytes() == b"precious"
    for rel, text in (("a.txt", b"new"), ("d/b.txt", b"precious")):
        assert not (out / rel).is_symlink() and (out / rel).read_bytes() == text, rel


@pytest.mark.usefixtures("writers")
def test_a_link_on_the_way_to_a_file_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "d").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePath, match="a link"):
        export_files({"d/e/x.txt": "x"}, out, "fmt")
    assert list(outside.iterdir()) == [] and (out / "d").is_symlink()
    assert [p.name for p in tmp_path.iterdir()] == sorted(["outside", "out"])


@pytest.mark.usefixtures("writers")
def test_a_folder_where_a_file_goes_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "a.txt").mkdir(parents=True)
    with pytest.raises(ExportError, match="a folder of that name"):
        export_files({"a.txt": "x"}, out, "fmt")
    assert (out / "a.txt").is_dir()


@pytest.mark.usefixtures("writers")
def test_the_listed_paths_are_the_written_ones(tmp_path: Path) -> None:
    """The CLI prints `lines()`, joined as strings: the same text as the paths."""
    result = export_files({"b/c.txt": "1", "a.txt": "2", "b/d/e.txt": "3"}, tmp_path / "o", "f")
    assert result.lines() == "".join(f"{path}\n" for path in result.written)
    assert [str(p.relative_to(tmp_path / "o")) for p in result.written] == [
        "a.txt",
        "b/c.txt",
        "b/d/e.txt",
    ]
    assert all(path.is_file() for path in result.written)


@pytest.mark.usefixtures("writers")
def test_nul_never_reaches_text(tmp_path: Path) -> None:
    export_files({"doc.md": "a\x00b", "image.png": b"\x89PNG\x00"}, tmp_path / "o", "fmt")
    assert (tmp_path / "o" / "doc.md").read_bytes() == "a\ufffdb".encode()
    assert (tmp_path / "o" / "image.png").read_bytes() == b"\x89PNG\x00"  # binary kept as is


def test_a_concurrent_export_is_refused_in_one_line(tmp_path: Path) -> None:
    arch = _write_model(tmp_path / "a.yaml", "svc", 2)
    out = tmp_path / "out"
    out.mkdir()
    lock = os.open(out / ".archwright.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        code, stdout, stderr = _run(
            "export", str(arch), "--to", "mermaid", "-o", str(out), cwd=tmp_path
        )
    finally:
        os.close(lock)
    assert code == 2 and stdout == ""
    assert stderr.strip().count("\n") == 0 and "another export" in stderr
    assert sorted(p.name for p in out.iterdir()) == [".archwright.lock"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "out"]


def test_export_into_the_current_folder_is_refused(tmp_path: Path) -> None:
    arch = _write_model(tmp_path / "a.yaml", "svc", 2)
    code, _, stderr = _run("export", str(arch), "--to", "mermaid", "-o", ".", cwd=tmp_path)
    assert code == 2 and "current folder" in stderr and stderr.count("\n") == 1


def test_sigkill_mid_export_leaves_the_previous_folder_intact(tmp_path: Path) -> None:
    models = [_write_model(tmp_path / f"{p}.yaml", p, 300) for p in ("alpha", "beta")]
    out = tmp_path / "out"
    started = time.monotonic()
    assert (
        _run("export", str(models[0]), "--to", "kubernetes", "-o", str(out), cwd=tmp_path)[0] == 0
    )
    full = time.monotonic() - started
    states = [_snapshot(out)]
    rng = random.Random(17)
    for attempt in range(6):
        target = models[(attempt + 1) % 2]
        proc = _cli("export", str(target), "--to", "kubernetes", "-o", str(out), cwd=tmp_path)
        time.sleep(rng.uniform(0.3, 1.0) * full)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        now = _snapshot(out)
        finished = proc.returncode == 0
        if now != states[-1]:
            code, _, err = _run(
                "export",
                str(target),
                "--to",
                "kubernetes",
                "-o",
                str(tmp_path / "ref"),
                cwd=tmp_path,
            )
            assert code == 0, err
            reference = _snapshot(tmp_path / "ref")
            assert {k: v for k, v in now.items() if k != MANIFEST} == {
                k: v for k, v in reference.items() if k != MANIFEST
            }, f"try {attempt}: a mix of old and new (finished={finished})"
            states.append(now)
        else:
            assert now == states[-1], f"try {attempt}: the previous export changed"
    litter = [p.name for p in tmp_path.iterdir() if ".staging-" in p.name]
    code, _, err = _run(
        "export", str(models[0]), "--to", "kubernetes", "-o", str(out), cwd=tmp_path
    )
    assert code == 0, err
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name], litter
    assert _snapshot(out) == states[0]


def test_an_export_while_another_is_writing_is_refused(tmp_path: Path) -> None:
    """The first export holds its lock mid-write (it pauses after each file until the test
    says go: exports became fast enough to finish before a second process starts); the
    CLI export meanwhile is refused."""
    out = tmp_path / "out"
    go = tmp_path / "go"
    bulk = (
        "import os, sys, time\n"
        "from archwright.exporters import _staging\n"
        "write = _staging._write_all\n"
        "def held(fd, data):\n"
        "    write(fd, data)\n"
        "    deadline = time.monotonic() + 120\n"
        "    while not os.path.exists(sys.argv[2]) and time.monotonic() < deadline:\n"
        "        time.sleep(0.01)\n"
        "_staging._write_all = held\n"
        "files = {f'd{i % 50}/f{i}.txt': 'x' for i in range(12000)}\n"
        "_staging.export_files(files, sys.argv[1], 'bulk')\n"
    )
    first = subprocess.Popen([sys.executable, "-c", bulk, str(out), str(go)], cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.staging-*")):
        assert first.poll() is None and time.monotonic() < deadline, "no staging seen"
        time.sleep(0.005)
    arch = _write_model(tmp_path / "small.yaml", "delta", 2)
    code, stdout, stderr = _run(
        "export", str(arch), "--to", "kubernetes", "-o", str(out), cwd=tmp_path
    )
    overlapped = first.poll() is None
    go.touch()
    assert first.wait(timeout=300) == 0
    assert overlapped, "the first export ended before the second ran; the test proved nothing"
    assert code == 2 and stdout == "" and stderr.count("\n") == 1, stderr
    assert "another export" in stderr
    after = _snapshot(out)
    assert not [rel for rel in after if "delta" in rel]
    assert len(after) == 12_000 + 2  # every file of the first, its manifest and the lock


def test_the_two_rename_fallback_gives_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archwright.exporters import _staging

    monkeypatch.setattr(_staging, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    export_files({"a.txt": "1", "d/b.txt": "2"}, out, "fmt")
    export_files({"a.txt": "3"}, out, "fmt")
    assert _snapshot(out).keys() == {"a.txt", MANIFEST, ".archwright.lock"}
    assert (out / "a.txt").read_text(encoding="utf-8") == "3"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_killed_fallback_swap_is_recovered(tmp_path: Path) -> None:
    """Killed between the two renames: the folder is gone, the old tree waits as -old."""
    out = tmp_path / "out"
    export_files({"a.txt": "1"}, out, "fmt")
    out.rename(tmp_path / ".out.staging-123-abcd-old")
    result = export_files({"b.txt": "2"}, out, "other")
    assert (out / "a.txt").read_text(encoding="utf-8") == "1"  # the previous export is back
    assert result.written == (out / "b.txt",)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_link_to_a_folder_is_followed_and_a_loop_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    real.mkdir()
    export_files({"a.txt": "1"}, tmp_path / "link", "fmt")
    assert (real / "a.txt").read_text(encoding="utf-8") == "1"
    assert (tmp_path / "link").is_symlink()
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    arch = _write_model(tmp_path / "a.yaml", "svc", 1)
    code, _, stderr = _run(
        "export", str(arch), "--to", "mermaid", "-o", str(tmp_path / "loop"), cwd=tmp_path
    )
    assert code == 2 and stderr.count("\n") == 1 and "Traceback" not in stderr


@pytest.mark.parametrize("fmt", ["terraform", "compose", "kubernetes"])
def test_an_exported_folder_still_imports(fmt: str, tmp_path: Path) -> None:
    """The manifest and lock beside the files must not look like input to the importers."""
    example = ROOT / "examples" / "three_tier.yaml"
    out = tmp_path / "out"
    assert _run("export", str(example), "--to", fmt, "-o", str(out), cwd=tmp_path)[0] == 0
    folder = out / "terraform" if fmt == "terraform" else out
    # A second export into the folder the importer reads puts a manifest right there.
    assert _run("export", str(example), "--to", "mermaid", "-o", str(folder), cwd=tmp_path)[0] == 0
    assert (folder / MANIFEST).is_file()
    back = tmp_path / "back.yaml"
    code, _, stderr = _run("import", fmt, str(folder), "-o", str(back), cwd=tmp_path)
    assert code == 0, stderr
    assert ".archwright" not in stderr


@given(st.text(alphabet="ab./\\:\x00", max_size=8))
def test_the_string_path_check_agrees_with_the_path_one(path: str) -> None:
    """`plain_relative` (staging's per-file check) accepts exactly what a normalised
    relative path would, and returns it unchanged."""
    candidate = PurePosixPath(path)
    plain = bool(path) and not candidate.is_absolute() and candidate.as_posix() == path
    plain = plain and not ({"..", "."} & set(path.split("/"))) and not set("\\:\x00") & set(path)
    if plain:
        assert plain_relative(path) == path == safe_relative(path).as_posix()
    else:
        with pytest.raises(UnsafePath):
            plain_relative(path)
