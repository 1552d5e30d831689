"""Benchmarks of the web workbench (a plain script printing figures; no assertions).

    .venv/bin/python benchmarks/bench_web.py [load|roundtrip|browser|all]
        [--clients 50] [--seconds 60] [--db URL]

- load: `archwright serve` on loopback; `--clients` concurrent clients each load a model,
  save an edit (If-Match) and audit it, for `--seconds` (bounded: at most 200,000
  requests). Prints p50/p99 per operation and throughput, then checks that every save
  the server acknowledged is a version with exactly the text sent (zero lost or
  corrupted versions) and that each project's versions are numbered 1..head.
- roundtrip: audit and simulate of a generated 50-component model, 200 requests each,
  p50/p99 (targets: p99 < 150 ms), with the same text each time (the page's case: the
  RPS slider, panels over one model) and with a new text each time (typed edits); beside
  each, the server process's CPU time per request (from /proc), which the machine's load
  does not inflate the way it inflates wall time.
- browser: first page load in Debian's Chromium (target < 1 s) and a 300-component
  graph laid out (ELK) and drawn (target < 2 s), picked as soon as the page is ready
  and picked 3 s later (the page warms ELK up when idle).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from archwright.archfile import dumps_architecture

sys.path.insert(0, str(Path(__file__).parent))
from bench_simulate import generated

MAX_REQUESTS = 200_000
PROJECTS = 10


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_cpu(pid: int) -> float:
    """Seconds of CPU the process has used (user + system, all threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


SERVER_PID = [0]


@contextmanager
def serving(db: str | None) -> Iterator[str]:
    """`archwright serve` in its own process (one uvicorn worker), on loopback."""
    port = _port()
    folder = tempfile.mkdtemp(prefix="aw-bench-")
    url = db or f"sqlite:///{folder}/bench.db"
    proc = subprocess.Popen(
        # Every client of the load test comes from 127.0.0.1, one address: the default
        # limit (600 a minute) would refuse most of them with 429.
        [
            *(sys.executable, "-m", "archwright", "serve", "--port", str(port), "--db", url),
            *("--rate-limit", "1000000"),
        ],
        env={**os.environ, "XDG_DATA_HOME": folder},
    )
    base = f"http://127.0.0.1:{port}"
    SERVER_PID[0] = proc.pid
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(name: str, samples: list[float]) -> None:
    if samples:
        print(
            f"  {name:<20} n={len(samples):>6}  p50 {pct(samples, 0.5):7.1f} ms"
            f"  p99 {pct(samples, 0.99):7.1f} ms"
        )


async def session(client: httpx.AsyncClient) -> dict[str, str]:
    csrf = (await client.get("/api/session")).json()["csrf"]
    return {"X-CSRF-Token": csrf}


async def editor(
    base: str,
    pid: str,
    who: int,
    stop: float,
    times: dict[str, list[float]],
    saved: list[tuple[str, int, str]],
    budget: list[int],
) -> None:
    """Load, edit (a unique summary), save with If-Match (retry on 412), audit; repeat."""
    async with httpx.AsyncClient(
        base_url=base, timeout=60, limits=httpx.Limits(max_connections=1)
    ) as client:
        headers = await session(client)
        n = 0
        while time.monotonic() < stop and budget[0] > 0:
            budget[0] -= 3
            t = time.perf_counter()
            head = await client.get(f"/api/projects/{pid}/model")
            times["load"].append(time.perf_counter() - t)
            n += 1
            text = head.json()["yaml"].replace("\nsummary:", f"\nsummary: c{who}-{n}", 1)
            t = time.perf_counter()
            put = await client.put(
                f"/api/projects/{pid}/model",
                json={"yaml": text, "author": f"client-{who}"},
                headers={**headers, "If-Match": head.headers["etag"]},
            )
            times["save"].append(time.perf_counter() - t)
            if put.status_code == 201:
                saved.append((pid, put.json()["number"], text))
            elif put.status_code == 412:
                times["conflict"].append(0.0)
            else:
                raise RuntimeError(f"save answered {put.status_code}: {put.text[:200]}")
            t = time.perf_counter()
            audit = await client.post("/api/audit", json={"yaml": text}, headers=headers)
            times["audit"].append(time.perf_counter() - t)
            assert audit.status_code == 200, audit.text[:200]


async def load_test(base: str, clients: int, seconds: float) -> None:
    model = dumps_architecture(generated(50)).replace(
        "name: generated", "name: generated\nsummary: s", 1
    )
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        headers = await session(client)
        pids = []
        for i in range(PROJECTS):
            made = await client.post(
                "/api/projects", json={"name": f"load {i}", "yaml": model}, headers=headers
            )
            pids.append(made.json()["id"])
    times: dict[str, list[float]] = defaultdict(list)
    saved: list[tuple[str, int, str]] = []
    budget = [MAX_REQUESTS]
    cpu = server_cpu(SERVER_PID[0])
    start = time.monotonic()
    await asyncio.gather(
        *(
            editor(base, pids[i % PROJECTS], i, start + seconds, times, saved, budget)
            for i in range(clients)
        )
    )
    elapsed = time.monotonic() - start
    cpu = server_cpu(SERVER_PID[0]) - cpu
    total = sum(len(v) for k, v in times.items() if k != "conflict")
    print(
        f"load: {clients} clients, {elapsed:.1f} s, {total} requests, {total / elapsed:.1f} req/s"
    )
    for name in ("load", "save", "audit"):
        report(name, times[name])
    print(f"  saves acknowledged {len(saved)}, refused as stale (412) {len(times['conflict'])}")
    print(
        f"  server CPU {cpu:.1f} s in {elapsed:.1f} s"
        f" ({cpu / max(total, 1) * 1000:.1f} ms per request)"
    )
    await verify(base, pids, saved)


async def verify(base: str, pids: list[str], saved: list[tuple[str, int, str]]) -> None:
    lost = corrupted = 0
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        await session(client)
        by_project: dict[str, dict[int, str]] = defaultdict(dict)
        for pid, number, text in saved:
            by_project[pid][number] = text
        for pid in pids:
            listed = (await client.get(f"/api/projects/{pid}/versions")).json()["versions"]
            numbers = [v["number"] for v in listed]
            if numbers != list(range(1, len(numbers) + 1)):
                corrupted += 1
            for number, text in by_project[pid].items():
                got = await client.get(f"/api/projects/{pid}/versions/{number}")
                if got.status_code != 200:
                    lost += 1
                elif got.json()["yaml"] != text:
                    corrupted += 1
            if len(numbers) != len(by_project[pid]) + 1:
                lost += abs(len(numbers) - len(by_project[pid]) - 1)
    print(f"  versions lost {lost}, corrupted {corrupted}")


def roundtrip(base: str, repeat: int = 200) -> None:
    model = dumps_architecture(generated(50))
    with httpx.Client(base_url=base, timeout=60) as client:
        headers = {"X-CSRF-Token": client.get("/api/session").json()["csrf"]}
        print(f"roundtrip: 50-component model, {repeat} sequential requests each")
        for path, extra in (("/api/audit", {}), ("/api/simulate", {"rps": 500})):
            for label, fresh in (("same text", False), ("new text", True)):
                samples = []
                cpu = server_cpu(SERVER_PID[0])
                for i in range(repeat):
                    text = model.replace("name:", f"name: e{i}", 1) if fresh else model
                    t = time.perf_counter()
                    response = client.post(path, json={"yaml": text, **extra}, headers=headers)
                    samples.append(time.perf_counter() - t)
                    assert response.status_code == 200, response.text[:200]
                cpu_ms = (server_cpu(SERVER_PID[0]) - cpu) / repeat * 1000
                report(f"{path.rsplit('/', 1)[1]} {label}", samples)
                print(f"    server CPU {cpu_ms:.1f} ms per request")


def browser(base: str) -> None:
    from playwright.sync_api import sync_playwright

    model = dumps_architecture(generated(300))
    with httpx.Client(base_url=base, timeout=60) as client:
        headers = {"X-CSRF-Token": client.get("/api/session").json()["csrf"]}
        pid = client.post(
            "/api/projects", json={"name": "big", "yaml": model}, headers=headers
        ).json()["id"]
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        loads, draws, idle_draws = [], [], []
        for run in range(10):
            page = chromium.new_page(viewport={"width": 1500, "height": 900})
            t = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("body[data-ready='1']")
            loads.append(time.perf_counter() - t)
            if run % 2:  # as a user does: the project is picked a few seconds later
                time.sleep(3)
            t = time.perf_counter()
            page.select_option("#project-select", pid)
            page.wait_for_selector("#cy[data-layout='done']", timeout=120_000)
            (idle_draws if run % 2 else draws).append(time.perf_counter() - t)
            page.close()
        chromium.close()
    print("browser: Chromium, 10 fresh pages")
    _spread("first page load", loads)
    _spread("300 components (load, ELK layout, draw), picked at once", draws)
    _spread("300 components, picked 3 s after the page was ready", idle_draws)


def _spread(name: str, samples: list[float]) -> None:
    median, worst = statistics.median(samples) * 1000, max(samples) * 1000
    print(f"  {name}: median {median:.0f} ms, worst {worst:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "what", nargs="?", default="all", choices=["load", "roundtrip", "browser", "all"]
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--db", default=None, help="postgresql://... (default: a fresh SQLite file)"
    )
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with serving(args.db) as base:
        if args.what in ("roundtrip", "all"):
            roundtrip(base)
        if args.what in ("browser", "all"):
            browser(base)
        if args.what in ("load", "all"):
            asyncio.run(load_test(base, max(1, min(args.clients, 500)), min(args.seconds, 600.0)))


if __name__ == "__main__":
    main()
