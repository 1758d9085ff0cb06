#!/usr/bin/env python3
"""Joins the halves of calls that other threads interrupted in dscope
trace output: "[pid 5] read(3 <unfinished ...>" and later
"[pid 5] <... read resumed>, "x", 1) = 1" become one line, as if the
thread had run alone. Reads stdin, writes stdout."""
import re
import sys

pending = {}
unfinished = re.compile(r"^(\[pid +(\d+)\] )(.*) <unfinished \.\.\.>$")
resumed = re.compile(r"^(\[pid +(\d+)\] )<\.\.\. \S+ resumed>(.*)$")
for line in sys.stdin:
    line = line.rstrip("\n")
    m = unfinished.match(line)
    if m:
        pending[m.group(2)] = m.group(1) + m.group(3)
        continue
    m = resumed.match(line)
    if m and m.group(2) in pending:
        print(pending.pop(m.group(2)) + m.group(3))
        continue
    print(line)
for rest in pending.values():
    print(rest + " <unfinished ...>")
