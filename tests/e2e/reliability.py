#!/usr/bin/env python3
"""Reliability tests that need a pty and exact control over time and signals.

Each test prints one line per check and the file ends with 'N passed, N failed'.
Figures (milliseconds, CPU time) are printed for the README; they are reported,
not asserted, except where a bound separates working from broken (a process
that spins after a hangup burns a whole core; one that exits burns almost none).

usage: reliability.py BINARY FIXTURE_PACK [test ...]
tests: kill9 signals hostile sizes resizes terms
(SIGTSTP and SIGCONT need a shell's job control: tests/e2e/test_tui.sh runs them in tmux.)
"""
import errno
import fcntl
import os
import random
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
import unicodedata

BIN = os.path.abspath(sys.argv[1])
PACK = os.path.abspath(sys.argv[2])
WANTED = sys.argv[3:] or ["kill9", "signals", "hostile", "sizes", "resizes", "terms"]
TMP = tempfile.mkdtemp(prefix="mlcert-rel-")
results = {"passed": 0, "failed": 0}
figures = []


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)


def figure(text):
    figures.append(text)
    print("     " + text, flush=True)


class Pty:
    """mlcert on a pseudo-terminal of a given size; collects everything it writes."""

    def __init__(self, args, cols=80, rows=24, env=None):
        self.pid, self.fd = os.forkpty()
        if self.pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                e = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
                e.pop("NO_COLOR", None)
                e.update(env or {})
                os.execve(BIN, [BIN] + args, e)
            finally:
                os._exit(127)
        self.out = bytearray()
        self.status = None

    def _read(self, wait):
        """One read of what is waiting, for up to `wait` seconds; False when nothing came."""
        r, _, _ = select.select([self.fd], [], [], wait)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return False
        self.out += data
        return bool(data)

    def read_for(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end and self._read(max(0.0, end - time.monotonic())):
            pass

    def settle(self, quiet=0.15, limit=5.0):
        """Reads until the program has been quiet for `quiet` seconds."""
        end = time.monotonic() + limit
        while time.monotonic() < end and self._read(quiet):
            pass

    def send(self, data):
        os.write(self.fd, data)

    def resize(self, cols, rows):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)

    def alive(self):
        if self.status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self.status = status
            return False
        return True

    def wait(self, timeout):
        if self.status is not None:
            return None
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                return usage
            time.sleep(0.001)
        return None

    def kill(self):
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.status = -9
        try:
            os.close(self.fd)
        except OSError:
            pass


def cpu_seconds(pid):
    """User + system CPU of a live process, from /proc."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def state(name):
    return os.path.join(TMP, name)


# ---- kill -9 at random moments ---------------------------------------------------

def test_kill9(rounds=200):
    """Answers questions in plain mode and kills the process at random moments:
    the journal always loads, and holds every answer whose confirmation was shown."""
    st = state("kill9")
    rng = random.Random(20261129)
    lost = bad_load = 0
    confirmed_total = 0
    for r in range(rounds):
        env = dict(os.environ, MLCERT_NOW=str(1767261600 + r * 3600))
        p = subprocess.Popen([BIN, "--content", PACK, "--state", st, "quiz", "--plain", "--question",
                              "q-single" if r % 2 else "q-multi"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        answer = b"a\n\n" if r % 2 else b"a c\n\n"
        before = answers_in_journal(st)
        try:
            p.stdin.write(answer)
            p.stdin.flush()
        except BrokenPipeError:
            pass
        time.sleep(rng.uniform(0, 0.02))
        p.kill()
        out = p.stdout.read()
        p.wait()
        confirmed = out.count(b"Saved. ")
        confirmed_total += confirmed
        after = answers_in_journal(st)
        if after is None:
            bad_load += 1
        elif before is not None and after - before < confirmed:
            lost += 1
    check("kill -9 x%d: the journal always loads" % rounds, bad_load == 0, "%d rounds failed to load" % bad_load)
    check("kill -9 x%d: no confirmed answer lost" % rounds, lost == 0, "%d rounds lost a confirmed answer" % lost)
    figure("kill -9: %d rounds, %d answers confirmed before the kill, 0 lost" % (rounds, confirmed_total)
           if lost == 0 else "kill -9: %d rounds with a lost answer" % lost)


def answers_in_journal(st):
    p = subprocess.run([BIN, "--content", PACK, "--state", st, "stats", "--json"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None
    import json
    return json.loads(p.stdout)["total"]["answers"]


# ---- hangup, TERM, INT ---------------------------------------------------------------

def test_signals():
    for how in ("hangup", "SIGTERM", "SIGINT"):
        st = state("sig-" + how)
        t = Pty(["--content", PACK, "--state", st])
        t.settle()
        # answer a question so there is progress to keep
        t.send(b"\t\ta\r")
        t.settle()
        before_cpu = cpu_seconds(t.pid)
        start = time.monotonic()
        if how == "hangup":
            os.close(t.fd)          # what a dropped SSH link does to the program's terminal
        else:
            os.kill(t.pid, getattr(signal, how))
        usage = t.wait(2.0)
        elapsed = (time.monotonic() - start) * 1000
        if usage is None:
            check("%s: the program exits" % how, False, "still running after 2 s")
            t.kill()
            continue
        after_cpu = usage.ru_utime + usage.ru_stime
        check("%s: the program exits" % how, True)
        # A spinning read loop would burn ~2 s of CPU here; a clean exit a few ms.
        check("%s: CPU after the signal under 50 ms" % how, after_cpu - before_cpu < 0.05,
              "%.1f ms" % ((after_cpu - before_cpu) * 1000))
        answers = answers_in_journal(st)
        check("%s: the answer is in the journal" % how, answers == 1, "answers=%s" % answers)
        figure("%s: exit %.1f ms after the signal, %.1f ms CPU after it" % (how, elapsed, (after_cpu - before_cpu) * 1000))
        if how != "hangup":
            try:
                os.close(t.fd)
            except OSError:
                pass


# ---- hostile content -----------------------------------------------------------------

HOSTILE_PAYLOADS = [
    b"\x1b]52;c;SEFDS0VE\x07",      # OSC 52: would write the clipboard
    b"\x1b[2J\x1b[H",               # clear screen and home
    b"\x1b[31;7;5m",                # colours
    b"\xc2\x9b31m",                 # C1 CSI
    b"\xe2\x80\xae",                # U+202E right-to-left override
    b"\xe2\x80\x8b",                # zero width space
]


def write_hostile_pack(path):
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(PACK, "pack.yaml")) as f:
        pack = f.read()
    with open(os.path.join(path, "pack.yaml"), "w") as f:
        f.write(pack)
    evil = "\\e]52;c;SEFDS0VE\\a \\e[2J\\e[H \\e[31;7;5m \\x9b31m \\u202Eevil\\u202C \\u200B zw"
    long_line = "x" * 10000
    wide = "\u5bbd\u5b57\u7b26" * 40
    topics = ["topics:"]
    topics.append('  - {id: evil-root, title: "Evil %s", domain: alpha, name: "evil-root - %s", '
                  'description: "%s\\n\\n%s\\n\\n%s", as_of: 2026-01-01}' % (evil, evil, evil, long_line, wide))
    parent = "evil-root"
    for depth in range(7):   # as deep as the tree may go
        tid = "deep-%d" % depth
        topics.append('  - {id: %s, title: "Deep %d %s", parent: %s, name: "%s - level %d", '
                      'description: "%s", as_of: 2026-01-01}' % (tid, depth, wide[:10], parent, tid, depth, evil))
        parent = tid
    with open(os.path.join(path, "evil.yaml"), "w") as f:
        f.write("\n".join(topics) + "\n")
    nodes = ["flows:", "  - id: long-flow", "    title: \"A long flow %s\"" % evil, "    start: n0", "    nodes:"]
    for i in range(60):  # the longest path the wizard allows is 63
        nodes.append('      - {id: n%d, ask: "Step %d %s", options: [{label: "on", next: n%d}, {label: "stop", next: end}]}'
                     % (i, i, evil, i + 1))
    nodes.append('      - {id: n60, result: "done", topic: evil-root}')
    nodes.append('      - {id: end, result: "stopped %s", topic: evil-root}' % evil)
    with open(os.path.join(path, "flows.yaml"), "w") as f:
        f.write("\n".join(nodes) + "\n")


def test_hostile():
    hp = state("hostile-pack")
    write_hostile_pack(hp)
    lint = subprocess.run([BIN, "lint", hp], capture_output=True, text=True)
    check("hostile pack is valid content", lint.returncode == 0, lint.stderr[:300])
    for cols, rows in ((80, 24), (200, 50)):
        t = Pty(["--content", hp, "--state", state("hostile")], cols, rows)
        t.settle()
        # open the evil topic, read it, page through, full width, search, wizard with its long flow
        for keys in (b"\r", b"j", b"\r", b" ", b" ", b"G", b"f", b" ", b"f", b"\t\t", b"/evil\r", b"\x1b", b"W\r"):
            t.send(keys)
            t.settle(0.05)
        for _ in range(300):
            t.send(b"1")
        t.settle()
        t.send(b"\x1b")
        t.settle(0.05)
        leaked = [p for p in HOSTILE_PAYLOADS if p in t.out]
        check("hostile %dx%d: no payload reaches the terminal" % (cols, rows), not leaked, repr(leaked))
        check("hostile %dx%d: still running" % (cols, rows), t.alive())
        t.send(b"q")
        t.wait(2.0)
        t.kill()
    # The separator stays in one column on every row, whatever the content.
    sock = "mlcert-rel-%d" % os.getpid()
    subprocess.run(["tmux", "-L", sock, "new-session", "-d", "-s", "h", "-x", "100", "-y", "30",
                    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 %s --content %s --state %s" %
                    (BIN, hp, state("hostile-tmux"))], check=True)
    subprocess.run(["tmux", "-L", sock, "set-option", "-t", "h", "status", "off"], capture_output=True)
    time.sleep(0.5)
    for keys in ("Enter", "j", "j", "j", "Enter"):
        subprocess.run(["tmux", "-L", sock, "send-keys", "-t", "h", keys])
        time.sleep(0.1)
    time.sleep(0.4)
    screen = subprocess.run(["tmux", "-L", sock, "capture-pane", "-p", "-t", "h"], capture_output=True,
                            text=True).stdout.splitlines()
    subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)
    def column(line):
        # display columns before the separator: wide characters take two
        prefix = line[:line.find("\u2502")]
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in prefix)
    cols = {column(line) for line in screen[1:-1] if "\u2502" in line}
    check("hostile: the pane separator stays aligned", len(cols) == 1, "separator columns %r" % cols)


# ---- terminal torture --------------------------------------------------------------

def test_sizes():
    t = Pty(["--content", PACK, "--state", state("sizes")], 80, 24)
    t.settle()
    sizes = [(w, max(1, w // 3)) for w in range(1, 301)] + [(80, h) for h in range(1, 101)] + [(1, 1), (300, 100)]
    for cols, rows in sizes:
        t.resize(cols, rows)
        t.read_for(0.002)
    t.resize(80, 24)
    t.settle()
    t.out.clear()
    t.send(b"\x0c")  # Ctrl-L: ncurses would otherwise send only what differs
    t.settle()
    check("sizes 1x1 to 300x100 (%d sizes): still running" % len(sizes), t.alive())
    check("sizes: back at 80x24 the layout returns", b"Topics" in t.out, "%d bytes" % len(t.out))
    t.send(b"q")
    check("sizes: quits cleanly", t.wait(2.0) is not None and os.WEXITSTATUS(t.status) == 0)
    t.kill()


def test_resizes(count=500):
    rng = random.Random(7)
    t = Pty(["--content", PACK, "--state", state("resizes")], 80, 24)
    t.settle()
    start = time.monotonic()
    for _ in range(count):
        t.resize(rng.randint(1, 300), rng.randint(1, 100))
        if rng.random() < 0.3:
            t.send(rng.choice([b"j", b"k", b"\t", b" ", b"\r", b"D", b"\x1b", b"?", b"g"]))
        t.read_for(0.001)
    t.resize(80, 24)
    t.settle()
    elapsed = time.monotonic() - start
    check("%d random resizes with keys: still running" % count, t.alive())
    t.send(b"\x1b")  # close a help or dashboard overlay a random key opened
    t.settle()
    t.out.clear()
    t.send(b"\x0c")  # Ctrl-L: a full repaint shows the whole layout
    t.settle()
    check("random resizes: the layout is whole afterwards", b"Topics" in t.out and b"Quiz" in t.out,
          "%d bytes" % len(t.out))
    figure("%d random resizes in %.2f s" % (count, elapsed))
    t.send(b"\x1b\x1bq")
    t.wait(2.0)
    t.kill()


def run_term(term, lang="C.UTF-8", keys=b"jjq"):
    t = Pty(["--content", PACK, "--state", state("term")], 80, 24, env={"TERM": term, "LANG": lang, "LC_ALL": lang})
    t.settle()
    t.send(keys)
    t.wait(3.0)
    t.read_for(0.05)
    out = bytes(t.out)
    status = t.status
    t.kill()
    return out, status


def test_terms():
    out, status = run_term("dumb")
    check("TERM=dumb: a clear error", b"cannot move the cursor" in out and b"quiz --plain" in out, out[:200])
    check("TERM=dumb: exit status 2", status is not None and os.WEXITSTATUS(status) == 2)
    out, status = run_term("no-such-term-xyz")
    check("unknown TERM: a clear error", b"unknown terminal type 'no-such-term-xyz'" in out, out[:200])
    for term in ("vt100", "linux", "xterm"):
        out, status = run_term(term)
        check("TERM=%s: runs and quits cleanly" % term,
              b"Alpha domain" in out and status is not None and os.WEXITSTATUS(status) == 0,
              "status %r, %d bytes" % (status, len(out)))
    out, status = run_term("xterm-256color", lang="C")
    non_ascii = any(b >= 0x80 for b in out)
    check("LANG=C: ASCII only on the terminal", not non_ascii and b"Alpha domain" in out)


def main():
    tests = {"kill9": test_kill9, "signals": test_signals, "hostile": test_hostile,
             "sizes": test_sizes, "resizes": test_resizes, "terms": test_terms}
    try:
        for name in WANTED:
            tests[name]()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    if os.environ.get("MLCERT_FIGURES"):
        with open(os.environ["MLCERT_FIGURES"], "a") as f:
            f.write("\n".join(figures) + "\n")
    print("reliability: %d passed, %d failed" % (results["passed"], results["failed"]))
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
