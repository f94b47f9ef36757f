"""One warm Wine for a whole benchmark run, as Windows itself is warm when a user starts a program.

The first Windows program of a wineserver's life boots Wine's side of Windows (the server,
services.exe, the device and plug-and-play services, the desktop process explorer.exe, which keeps
the X display it saw then), and the server exits a few seconds after its last program. Started
cold each time, the same bare QWizard took 1.2 s in some runs and 3.5–3.9 s in others, depending
on whether the previous program's server was still alive; the figures measured Wine, not the
program. ``warm_wine`` ends any server of the prefix, starts one that persists (``wineserver
-p``) with the watcher's display, runs one small Windows program to boot the rest, and ends the
server when the run is over. Every program measured inside it meets the same booted Wine.

Nothing it starts may hold the benchmark's pipes: the booted processes live as long as the
server and inherit the first program's standard streams, so the warm-up's are closed unread.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator, Sequence


def _server(args: Sequence[str], env: dict[str, str]) -> None:
    subprocess.run(["wineserver", *args], env=env, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)


@contextlib.contextmanager
def warm_wine(env: dict[str, str], warm_up: Sequence[str], timeout: float = 180.0
              ) -> Iterator[float]:
    """A persistent wineserver for ``env`` (its WINEPREFIX and DISPLAY), booted by ``warm_up``.

    Yields the seconds the warm-up took (the cold start the measured programs are spared).
    """
    _server(["-k"], env)  # a server of this prefix from before would keep its own DISPLAY
    _server(["-w"], env)
    _server(["-p"], env)
    try:
        started = time.perf_counter()
        # Pipes, not DEVNULL: a Windows console Python fails to start without them (see xpaint).
        child = subprocess.Popen(list(warm_up), env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT)
        try:
            code = child.wait(timeout=timeout)
        finally:
            child.kill()
            child.wait()
            child.stdin.close()
            child.stdout.close()
        if code != 0:
            raise RuntimeError(f"the Wine warm-up {warm_up[1]} exited with {code}")
        yield time.perf_counter() - started
    finally:
        _server(["-k"], env)
