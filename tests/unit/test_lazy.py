"""indicators/lazy.py: a module imported on first use, once, whichever thread gets there first."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

# Eight threads read an attribute of a not yet imported module at once, as gunicorn's threads
# do on a worker's first requests; every one must see the module whole.
AT_ONCE = """
import sys, threading
from indicators.lazy import lazy_module
assert "goals.stats" not in sys.modules
stats = lazy_module("goals.stats")
start, found = threading.Barrier(8), []
def read():
    start.wait()
    found.append(stats.meets(3, "<", 4))
threads = [threading.Thread(target=read) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(found)
"""


def test_threads_reading_at_once_all_see_the_whole_module():
    done = subprocess.run(
        [sys.executable, "-c", AT_ONCE], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str([True] * 8)


def test_nothing_is_imported_before_first_use():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from indicators.lazy import lazy_module; s = lazy_module('goals.stats');"
            "print('scipy' in sys.modules, 'goals.stats' in sys.modules, s.meets(1, '<', 2),"
            " 'scipy' in sys.modules)",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "True", "True"]
