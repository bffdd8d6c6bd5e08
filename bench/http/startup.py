#!/usr/bin/env python3
"""Startup time of dynarock-server: fork/exec to its "listening on" line.

Usage: bench/http/startup.py BUILD_DIR   (10 runs per mode; prints median/min/max)
"""
import signal
import statistics
import subprocess
import sys
import tempfile
import time

server = sys.argv[1].rstrip("/") + "/src/server/dynarock-server" if len(sys.argv) > 1 else "build/src/server/dynarock-server"


def until_listening(args):
    start = time.perf_counter()
    p = subprocess.Popen([server, "--port", "0"] + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = p.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    p.send_signal(signal.SIGTERM)
    p.wait()
    if not line.startswith(b"dynarock-server listening"):
        sys.exit("server did not start: %r" % line)
    return elapsed


def help_only():
    start = time.perf_counter()
    subprocess.run([server, "--help"], stdout=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


with tempfile.TemporaryDirectory() as tmp:
    existing = tmp + "/existing"
    until_listening(["--data-dir", existing])
    modes = {
        "--help (no database)": lambda i: help_only(),
        "--in-memory": lambda i: until_listening(["--in-memory"]),
        "existing data directory": lambda i: until_listening(["--data-dir", existing]),
        "new data directory": lambda i: until_listening(["--data-dir", "%s/new%d" % (tmp, i)]),
    }
    for name, run in modes.items():
        times = [run(i) for i in range(10)]
        print("%-26s median %6.1f ms  min %6.1f ms  max %6.1f ms" %
              (name, statistics.median(times), min(times), max(times)))
