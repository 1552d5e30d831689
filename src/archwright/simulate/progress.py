"""How a long engine run reports how far it is: one callback, the fraction done.

The discrete-event simulator and the Monte Carlo availability sweep take an optional
`progress: Progress`. They call it at most `STEPS` times per run (plus once with 1.0 at
the end), with fractions that never decrease, so a caller may do real work in it (send it
to another process, redraw a bar). Absent, it costs one integer comparison per simulated
arrival (the DES) or nothing (Monte Carlo). The web server's job stream and the CLI's
progress bar are both fed by it.
"""

from __future__ import annotations

from typing import Protocol

STEPS = 100
"""At most this many reports per run: one per percent."""


class Progress(Protocol):
    """Called with the fraction of the run done, in [0, 1], never decreasing."""

    def __call__(self, fraction: float, /) -> None: ...


class Steps:
    """Forwards a fraction to `progress` only when it has grown by a step since the last
    report (and always the first 1.0), so an engine may report as often as it likes."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.last = -1.0

    def __call__(self, fraction: float, /) -> None:
        value = min(1.0, max(0.0, fraction))
        if value >= self.last + 1.0 / STEPS or (value >= 1.0 > self.last):
            self.last = value
            self.progress(value)

    def part(self, index: int, count: int) -> Progress:
        """Reports of the `index`-th of `count` equal parts of the run, as fractions of
        the whole run (the parts run one after another)."""

        def report(fraction: float, /) -> None:
            self((index + min(1.0, max(0.0, fraction))) / max(1, count))

        return report
