#!/usr/bin/env python3
"""Summarises a JFR recording of `sip-exporter replay`: where the replay loop spends its samples.

Counts the jdk.ExecutionSample events whose stack holds CaptureReplay.read (start-up left out), by
pipeline stage and by top frame, and the bytes that jdk.ObjectAllocationSample attributes to the
same loop. Needs `jfr` (the JDK's) on PATH. Record with a 1 ms sampling period and exact frames:

    sed 's/20 ms/1 ms/; s/10 ms/1 ms/' "$JAVA_HOME/lib/jfr/profile.jfc" >/tmp/fast.jfc
    java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \\
        -XX:StartFlightRecording=filename=/tmp/replay.jfr,settings=/tmp/fast.jfc \\
        -jar target/sip-exporter.jar replay /tmp/sip-bench-1000000.pcap
    scripts/jfr-top.py /tmp/replay.jfr
"""
import collections
import re
import subprocess
import sys

LOOP = "CaptureReplay.read"
STAGES = [  # first match wins, on the top frame
    ("tracker (transaction)", (".transaction.",)),
    ("scanner (sip)", (".sip.",)),
    ("capture reading", (".pcap.", ".replay.", "java.io.")),
    ("counting (metrics)", (".metrics.", "micrometer", "atomic.", "VarHandleLongs$Field")),
    ("pipeline glue", (".pipeline.", ".hep.", ".core.")),
]
UNITS = {"bytes": 1, "kB": 1024, "MB": 1024**2, "GB": 1024**3}


def events(path, name):
    out = subprocess.run(["jfr", "print", "--stack-depth", "64", "--events", name, path],
                         capture_output=True, text=True, check=True).stdout
    for event in out.split(name + " {")[1:]:
        stack = re.search(r"stackTrace = \[\s*\n(.*?)\n\s*\]", event, re.S)
        frames = [re.sub(r"\s+line:.*", "", f.strip()) for f in stack.group(1).split("\n")] if stack else []
        yield event, frames


def main(path):
    stages, tops, n = collections.Counter(), collections.Counter(), 0
    for _, frames in events(path, "jdk.ExecutionSample"):
        if not any(LOOP in f for f in frames):
            continue
        n += 1
        top = frames[0]
        tops[top] += 1
        stages[next((s for s, keys in STAGES if any(k in top for k in keys)), "other (JDK)")] += 1
    print(f"{n} samples in the replay loop")
    for stage, k in stages.most_common():
        print(f"{100 * k / n:5.1f}%  {stage}")
    print("top frames:")
    for frame, k in tops.most_common(12):
        print(f"{100 * k / n:5.1f}%  {frame}")
    total = loop = 0.0
    for event, frames in events(path, "jdk.ObjectAllocationSample"):
        weight = re.search(r"weight = ([\d.]+) (\w+)", event)
        size = float(weight.group(1)) * UNITS.get(weight.group(2), 1) if weight else 0
        total += size
        loop += size if any(LOOP in f for f in frames) else 0
    print(f"allocation sampled: {total / 2**20:.1f} MiB in all, {loop / 2**20:.2f} MiB in the replay loop")


if __name__ == "__main__":
    main(sys.argv[1])
