#!/usr/bin/python3
# ui-bench-run.py — one measured launch of a GUI program, for bench/ui-bench.sh
#
# Copyright 2026 The Broadsheet developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   ui-bench-run.py --fd-env VAR [--settle S] [--timeout S] [--screenshot PNG]
#                   [--quit-action APP_ID] -- PROGRAM ARGS...
#
# Runs PROGRAM (already inside Xvfb and a private session bus) with a pipe
# whose write end is named by the environment variable VAR. In the child,
# just before exec, it writes "exec USEC" to the same pipe; the program (its
# own hook, or the GTK 3 probe module) writes "ready USEC [ROWS]" or
# "paint USEC ROWS" lines after painted frames. Every USEC is
# CLOCK_MONOTONIC in microseconds (g_get_monotonic_time() in GLib), so
# "ready" - "exec" is the time from exec to the first frame painted with rows
# in the article list.
#
# It then waits SETTLE seconds, reads RSS and PSS of the program and of each
# process below it from /proc/PID/smaps_rollup, saves a screenshot of the
# screen (`import -window root`), ends the program (the GApplication "quit"
# action over D-Bus when --quit-action is given, else SIGTERM; SIGKILL after
# 10 s, for the program and whatever it started) and prints one JSON object.
import argparse
import json
import os
import select
import signal
import subprocess
import sys
import time


def now_us():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000


def rollup(pid):
    """RSS and PSS in KiB of one process, or None if it is gone."""
    out = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("Rss", "Pss"):
                    out[key.lower()] = int(rest.split()[0])
    except OSError:
        return None
    return out if len(out) == 2 else None


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def descendants(root):
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def cpu_ticks(pid):
    """User + system CPU time of one process, in clock ticks."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fd-env", required=True)
    ap.add_argument("--settle", type=float, default=5.0)
    ap.add_argument("--settle-max", type=float, default=60.0)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--screenshot")
    ap.add_argument("--quit-action")
    ap.add_argument("--log", default=os.devnull)
    ap.add_argument("cmd", nargs="+")
    args = ap.parse_args()

    r, w = os.pipe()
    env = dict(os.environ)
    env[args.fd_env] = str(w)

    def stamp_exec():
        os.write(w, b"exec %d\n" % now_us())

    log = open(args.log, "w")
    proc = subprocess.Popen(args.cmd, env=env, pass_fds=(w,), stdin=subprocess.DEVNULL,
                            stdout=log, stderr=subprocess.STDOUT, preexec_fn=stamp_exec)
    os.close(w)

    events = []            # (kind, usec, rows)
    renderer = []          # the GskRenderer type, if the program says
    views = []             # BENCH_PROBE_DEBUG lines: (tree view, rows)
    buf = b""
    eof = False

    def read_some(deadline):
        nonlocal buf, eof
        while not eof:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([r], [], [], left)
            if not ready:
                return
            chunk = os.read(r, 4096)
            if not chunk:
                eof = True
                return
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                parts = line.decode().split()
                if len(parts) == 3 and parts[0] == "view":
                    views.append((parts[1], int(parts[2])))
                elif len(parts) >= 2 and parts[0] in ("exec", "ready", "paint"):
                    rows = int(parts[2]) if len(parts) > 2 else None
                    events.append((parts[0], int(parts[1]), rows))
                    if len(parts) > 3:
                        renderer.append(parts[3])
                    if parts[0] == "ready" or (parts[0] == "paint" and rows):
                        return

    # Until the first frame with rows (or a timeout, or the program's end).
    start = time.monotonic()
    while not eof and time.monotonic() - start < args.timeout and proc.poll() is None:
        read_some(time.monotonic() + 0.5)
        if any(k == "ready" or (k == "paint" and n) for k, _, n in events):
            break
    # Settle, still reading (the probe reports each change of the row count):
    # at least SETTLE seconds, then until the program used less than 2% of a
    # CPU over two seconds in a row (at most SETTLE_MAX seconds in all).
    settle_start = time.monotonic()
    settle_end = settle_start + args.settle
    quiet = 0
    last_cpu = cpu_ticks(proc.pid)
    while proc.poll() is None:
        step_end = min(time.monotonic() + 1.0, settle_start + args.settle_max)
        while time.monotonic() < step_end:
            read_some(step_end)
            if eof:
                time.sleep(max(0.0, step_end - time.monotonic()))
        cpu = cpu_ticks(proc.pid)
        if cpu is None or last_cpu is None:
            break
        quiet = quiet + 1 if cpu - last_cpu < 0.02 * os.sysconf("SC_CLK_TCK") else 0
        last_cpu = cpu
        if time.monotonic() >= settle_start + args.settle_max:
            break
        if time.monotonic() >= settle_end and quiet >= 2:
            break
    settled_s = time.monotonic() - settle_start

    result = {"pid": proc.pid, "exited": proc.poll(), "renderer": renderer[0] if renderer else None,
              "settled_s": round(settled_s, 1), "quiet": quiet >= 2}
    t_exec = next((t for k, t, _ in events if k == "exec"), None)
    first = next(((t, n) for k, t, n in events if k == "ready" or (k == "paint" and n)), None)
    if t_exec is not None and first is not None:
        result["first_ms"] = (first[0] - t_exec) / 1000
        result["first_any_ms"] = (next(t for k, t, _ in events if k in ("ready", "paint")) - t_exec) / 1000
        result["first_rows"] = first[1]
        paints = [(t, n) for k, t, n in events if k in ("ready", "paint")]
        final = paints[-1][1]
        result["final_rows"] = final
        full = next(t for t, n in paints if n == final)
        result["full_ms"] = (full - t_exec) / 1000
        result["row_changes"] = len(paints)
    if views:
        result["views"] = sorted(set(views))
    if proc.poll() is None:
        result["main"] = rollup(proc.pid)
        result["children"] = [{"pid": p, "comm": comm(p), **(rollup(p) or {})}
                              for p in descendants(proc.pid)]
    if args.screenshot:
        subprocess.run(["import", "-window", "root", args.screenshot],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # The end: every process below the program, found before it goes.
    family = descendants(proc.pid) if proc.poll() is None else []
    if proc.poll() is None:
        if args.quit_action:
            subprocess.run(["gdbus", "call", "--session", "--dest", args.quit_action,
                            "--object-path", "/" + args.quit_action.replace(".", "/"),
                            "--method", "org.gtk.Actions.Activate", "quit", "[]", "{}"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
        else:
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            result["killed"] = True
    deadline = time.monotonic() + 10
    for p in family:
        while time.monotonic() < deadline and os.path.exists(f"/proc/{p}") and comm(p) != "?":
            try:
                with open(f"/proc/{p}/stat") as f:
                    if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                        break
            except OSError:
                break
            time.sleep(0.1)
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass
    result["exit_status"] = proc.returncode
    os.close(r)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
