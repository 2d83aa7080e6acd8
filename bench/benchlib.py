"""What the benchmark drivers in bench/ share: timing a command or a
function (best of N runs, since the machine is noisy), the peak resident
memory of a child, and the one "result:" line per figure that scripts/bench
gathers into its table.

A result line reads
    result: NAME | DEPUTY | BASELINE | RATIO | TARGET | met|missed
where RATIO is deputy's figure against the baseline measured in the same run.
"""
import os
import resource
import subprocess
import sys
import time


def tool_argument(doc):
    """The absolute path of the tool named first on the command line; without
    one, prints the driver's @doc and exits 2."""
    if len(sys.argv) < 2 or sys.argv[1].startswith("--"):
        print(doc)
        sys.exit(2)
    return os.path.abspath(sys.argv[1])


def quick():
    """--quick on the command line: the small run of scripts/test."""
    return "--quick" in sys.argv


def tiny():
    """The sanitizer pass of scripts/test (DEPUTY_TEST_QUICK set): smaller still,
    enough to prove the benchmark still runs."""
    return quick() and bool(os.environ.get("DEPUTY_TEST_QUICK"))


def time_call(fn, runs):
    """The fastest of @runs calls of fn() in seconds, and fn's last value."""
    best, value = None, None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        took = time.perf_counter() - start
        best = took if best is None or took < best else best
    return best, value


def run_child(argv, cwd=None, env=None, stdin=None):
    """Runs @argv; returns (seconds, peak RSS in KiB, returncode, stdout bytes).
    The peak is the child's own (wait4's rusage), not the largest so far."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=stdin or subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunks = []
    while True:
        data = proc.stdout.read(1 << 16)
        if not data:
            break
        chunks.append(data)
    proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return took, usage.ru_maxrss, proc.returncode, b"".join(chunks)


def best_child(argv, runs, ok=(0,), **kw):
    """run_child() @runs times; the fastest time, the largest peak RSS and the
    last output. Exits 2 when the command fails (a return code not in @ok)."""
    best, peak, out = None, 0, b""
    for _ in range(runs):
        took, rss, rc, out = run_child(argv, **kw)
        if rc not in ok:
            sys.exit(f"{' '.join(argv)}: exit {rc}")
        best = took if best is None or took < best else best
        peak = max(peak, rss)
    return best, peak, out


def result(name, deputy, baseline, ratio, target, met):
    """Prints the result line for one figure (strings already formatted)."""
    print(f"result: {name} | {deputy} | {baseline} | {ratio} | {target} | "
          f"{'met' if met else 'missed'}", flush=True)


def seconds(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"
