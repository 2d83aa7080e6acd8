#!/usr/bin/env python3
"""bench/scan: a full scan of a generated 100,000-file repository
(bench/gen_repo.py: realistic dependency files scattered through source,
documentation and data) against `git grep -l -e pip -e library` over the
same tree, which reads every file once: the practical limit for a tool that
must look at every file. Target: `deputy scan` (its text report) at most 1.5x git grep's time;
the JSON report's time is printed beside it.
Also the start-up of the audit screen on the same repository (time until
the first audit screen is drawn on a pseudo-terminal, then q) and the peak
resident memory of both.

usage: scan.py DEPUTY [--quick] [--keep DIR]

--quick: 5,000 files (scripts/test). --keep DIR: generate the repository in
DIR once and reuse it on later runs. Each figure is the best of three runs
after one warm-up run (the page cache then holds the tree for both tools).
"""
import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import benchlib  # noqa: E402
import gen_repo  # noqa: E402

TARGET = 1.5
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
       "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
CSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]")


def make_repo(root, files):
    marker = os.path.join(root, ".git", "bench-files")
    if os.path.exists(marker) and open(marker).read() == str(files):
        return
    shutil.rmtree(root, ignore_errors=True)
    made, folders, projects = gen_repo.generate(root, files)
    subprocess.run(GIT + ["init", "-q", root], check=True)
    subprocess.run(GIT + ["-C", root, "add", "-A"], check=True)
    subprocess.run(GIT + ["-C", root, "commit", "-qm", "generated"], check=True)
    with open(marker, "w") as f:
        f.write(str(files))
    print(f"repository: {made} files in {folders} folders, {projects} project folders")


def first_screen(deputy, repo, env):
    """Seconds from starting the audit screen on a 100x30 pseudo-terminal to
    the first audit screen drawn, and the peak RSS (KiB) of the whole run."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(deputy, [deputy, repo], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen, took = b"", None
    deadline = start + 600
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            data = os.read(fd, 1 << 16)
        except OSError:
            break
        if not data:
            break
        seen = (seen + data)[-(1 << 16):]
        if took is None and re.search(rb"Files \([0-9]+ flagged", CSI.sub(b"", seen)):
            took = time.perf_counter() - start
            os.write(fd, b"q")
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    if took is None or os.waitstatus_to_exitcode(status) != 0:
        sys.exit("the audit screen never appeared: " + CSI.sub(b"", seen)[-300:].decode(errors="replace"))
    return took, usage.ru_maxrss


def main():
    deputy = benchlib.tool_argument(__doc__)
    quick = benchlib.quick()
    files = (1000 if benchlib.tiny() else 5000) if quick else 100000
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    tmp = None if keep else tempfile.mkdtemp(prefix="bench-scan-")
    repo = os.path.abspath(keep) if keep else os.path.join(tmp, "repo")
    home = tempfile.mkdtemp(prefix="bench-scan-home-")
    # no config, no synced intel: the same work on every machine
    env = dict(os.environ, HOME=home, XDG_CACHE_HOME=os.path.join(home, "cache"),
               XDG_CONFIG_HOME=os.path.join(home, "config"), TERM="xterm-256color",
               LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    try:
        make_repo(repo, files)
        runs = 1 if benchlib.tiny() else 3
        grep = ["git", "-C", repo, "grep", "-l", "-e", "pip", "-e", "library"]
        scan = [deputy, "scan", repo]
        json_scan = scan + ["--format", "json"]
        benchlib.best_child(grep, 1, env=env)                 # warm the cache
        benchlib.best_child(scan, 1, ok=(0, 1), env=env)
        grep_s, grep_rss, grep_out = benchlib.best_child(grep, runs, env=env)
        scan_s, scan_rss, _ = benchlib.best_child(scan, runs, ok=(0, 1), env=env)
        json_s, json_rss, scan_out = benchlib.best_child(json_scan, runs, ok=(0, 1), env=env)
        screen_s, screen_rss = min(first_screen(deputy, repo, env) for _ in range(runs))
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    import json
    report = json.loads(scan_out)
    ratio = scan_s / grep_s
    size = f"{files // 1000}k"
    matched = grep_out.count(b"\n")
    print(f"git grep: {benchlib.seconds(grep_s)}, {matched} files matched, "
          f"peak RSS {grep_rss // 1024} MiB")
    print(f"deputy scan: {benchlib.seconds(scan_s)}, {len(report.get('files', []))} dependency "
          f"files, {len(report.get('declarations', []))} declarations, peak RSS "
          f"{scan_rss // 1024} MiB; with --format json {benchlib.seconds(json_s)}, "
          f"{len(scan_out) // (1 << 20)} MiB of JSON, peak RSS {json_rss // 1024} MiB")
    print(f"audit screen: first screen after {benchlib.seconds(screen_s)}, peak RSS "
          f"{screen_rss // 1024} MiB")
    benchlib.result(f"scan: {size}-file repository", benchlib.seconds(scan_s),
                    f"git grep {benchlib.seconds(grep_s)}", f"{ratio:.2f}x",
                    f"<= {TARGET}x", ratio <= TARGET)
    benchlib.result(f"scan --format json: {size}-file repository", benchlib.seconds(json_s),
                    f"git grep {benchlib.seconds(grep_s)}", f"{json_s / grep_s:.2f}x",
                    "(printed)", True)
    benchlib.result(f"scan: peak RSS, {size} files", f"{scan_rss // 1024} MiB",
                    f"git grep {grep_rss // 1024} MiB", f"{scan_rss / max(grep_rss, 1):.1f}x",
                    "(printed)", True)
    benchlib.result(f"audit screen: start-up, {size} files", benchlib.seconds(screen_s),
                    f"git grep {benchlib.seconds(grep_s)}", f"{screen_s / grep_s:.2f}x",
                    "(printed)", True)
    benchlib.result(f"audit screen: peak RSS, {size} files", f"{screen_rss // 1024} MiB",
                    f"git grep {grep_rss // 1024} MiB", f"{screen_rss / max(grep_rss, 1):.1f}x",
                    "(printed)", True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
