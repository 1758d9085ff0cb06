#!/usr/bin/env python3
"""Compares `dscope graph --json` with the manifest graphfix printed.

Usage:
  graphcheck.py edges MANIFEST JSON [--only P] [--without P] [--among P,P...]
  graphcheck.py nodes MANIFEST JSON [--skip P]

P names fixture processes: a manifest LABEL (gf-hubcli.3) or a COMM
(gf-hubcli: all of them).

edges: the JSON's edges whose both ends are fixture processes must be
exactly the manifest's edges (kind, type, from pid and fds, to pid and fds,
path, no well-known name, directed for pipes and FIFOs only, the comm of
each end). --only P keeps, on both sides, the edges with an end in P;
--without P drops them. --among P,P... expects the manifest's edges
between those processes only, and every edge of the JSON, fixture or not.

nodes: every fixture process (but those in --skip P) is a node with its
comm.

Prints one line per difference; nothing when they agree. Exit status 0,
or 2 when the input cannot be read.
"""
import collections
import json
import sys


def read_manifest(path):
    procs = {}  # label -> (pid, comm)
    edges = []
    with open(path) as f:
        for line in f:
            w = line.split()
            if w and w[0] == "proc":
                procs[w[1]] = (int(w[2]), w[3])
            elif w and w[0] == "edge":
                edges.append(w[1:])
    return procs, edges


def fds(s):
    return tuple(int(x) for x in s.split(","))


def dash(s):
    return None if s == "-" else s


def main(argv):
    if len(argv) < 4 or argv[1] not in ("edges", "nodes"):
        sys.stderr.write(__doc__)
        return 2
    mode = argv[1]
    procs, medges = read_manifest(argv[2])
    with open(argv[3], "rb") as f:
        doc = json.loads(f.read().decode("utf-8"))
    opts = collections.defaultdict(list)
    args = argv[4:]
    for i in range(0, len(args) - 1, 2):
        opts[args[i]].append(args[i + 1])

    def labels(names):
        return {l for l, (_, comm) in procs.items() if l in names or comm in names}

    label_of = {pid: l for l, (pid, _) in procs.items()}
    problems = []

    if mode == "nodes":
        skip = labels(opts["--skip"])
        got = {n["pid"]: n for n in doc["nodes"]}
        for label, (pid, comm) in sorted(procs.items()):
            if label in skip:
                continue
            if pid not in got:
                problems.append("no node for %s [%d]" % (label, pid))
            elif got[pid]["comm"] != comm:
                problems.append("%s [%d]: comm %r" % (label, pid, got[pid]["comm"]))
        print("\n".join(problems))
        return 0

    only, without = labels(opts["--only"]), labels(opts["--without"])
    among = labels(",".join(opts["--among"]).split(",")) if opts["--among"] else None

    def keep(a, b):
        if among is not None:
            return a in among and b in among
        if only and a not in only and b not in only:
            return False
        return a not in without and b not in without

    want = collections.Counter()
    for kind, typ, a, afds, b, bfds, path in medges:
        if keep(a, b):
            want[(kind, dash(typ), a, fds(afds), b, fds(bfds), dash(path),
                  None, kind in ("pipe", "fifo"))] += 1
    got = collections.Counter()
    for e in doc["edges"]:
        a = label_of.get(e["from"]["pid"], "%s[%d]" % (e["from"]["comm"], e["from"]["pid"]))
        b = label_of.get(e["to"]["pid"], "%s[%d]" % (e["to"]["comm"], e["to"]["pid"]))
        fixture = e["from"]["pid"] in label_of and e["to"]["pid"] in label_of
        if among is None and not (fixture and keep(a, b)):
            continue
        for end, label in (("from", a), ("to", b)):
            if label in procs and e[end]["comm"] != procs[label][1]:
                problems.append("%s end %s: comm %r" % (end, label, e[end]["comm"]))
        got[(e["kind"], e["type"], a, tuple(e["from"]["fds"]), b,
             tuple(e["to"]["fds"]), e["path"], e["name"], e["directed"])] += 1

    def show(t):
        return "%s %s %s fd %s -> %s fd %s path=%s name=%s directed=%s" % (
            t[0], t[1], t[2], ",".join(map(str, t[3])), t[4],
            ",".join(map(str, t[5])), t[6], t[7], t[8])

    for t in sorted((want - got).elements(), key=repr):
        problems.append("missing: " + show(t))
    for t in sorted((got - want).elements(), key=repr):
        problems.append("unexpected: " + show(t))
    print("\n".join(problems))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (OSError, ValueError, KeyError) as e:
        print("graphcheck: %s" % e)
        sys.exit(2)
