"""Assertions over `dscope fds --json` output for the e2e scripts.

Usage: python3 fdcheck.py DSCOPE_JSON MKFDS_JSON CHECKS_PY
CHECKS_PY is Python run with these names bound:
  proc           the first process object of the dscope output
  fd(n)          the fd object with number n (KeyError when absent)
  mk             the mkfds description (pid, fds, peers, info)
  check(cond, name, detail=None)
                 cond is a callable (an exception in it is a failure, so
                 one missing fd does not stop the other checks); detail,
                 when given, is a callable whose value is shown on failure
  skip(name, why) a check that cannot run here
Prints one line per check: "PASS name", "FAIL name: detail" or
"SKIP name: why".
"""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        out = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        mk = json.loads(f.readline())
    proc = out["processes"][0]
    by_num = {e["fd"]: e for e in proc["fds"]}

    def fd(n):
        return by_num[n]

    def check(cond, name, detail=None):
        try:
            ok = bool(cond())
            why = ""
        except Exception as e:
            ok = False
            why = "%s: %s" % (type(e).__name__, e)
        if ok:
            print("PASS " + name)
            return
        if detail is not None:
            try:
                why += " " + json.dumps(detail(), ensure_ascii=True)
            except Exception as e:
                why += " (detail failed: %s)" % e
        print("FAIL " + name + ": " + why.replace("\n", " "))

    def skip(name, why):
        print("SKIP " + name + ": " + why)

    env = {"proc": proc, "fd": fd, "mk": mk, "check": check, "skip": skip,
           "out": out}
    with open(sys.argv[3], encoding="utf-8") as f:
        code = f.read()
    try:
        exec(compile(code, sys.argv[3], "exec"), env)
    except Exception as e:  # a broken check is a failure, not a crash
        print("FAIL checks raised %s: %s" % (type(e).__name__, e))


main()
