#!/usr/bin/env python3
"""Reliability tests that need a pty and exact control over time and signals.

Each test prints one line per check and the file ends with 'N passed, N failed'.
Figures (milliseconds, CPU time) are printed for the README; they are reported,
not asserted, except where a bound separates working from broken (a process
that spins after a hangup burns a whole core; one that exits burns almost none).

usage: reliability.py BINARY FIXTURE_PACK [test ...]
tests: kill9 signals hostile sizes resizes terms
       instances replaced shortwrite examkill hostilecli hangs history damaged locale
       plainsignals examfull unsaved editor hostileplain links
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
ALL_TESTS = ["kill9", "signals", "hostile", "sizes", "resizes", "terms", "instances", "replaced", "shortwrite",
             "examkill", "hostilecli", "hangs", "history", "damaged", "locale",
             "plainsignals", "examfull", "unsaved", "editor", "hostileplain", "links"]
WANTED = sys.argv[3:] or ALL_TESTS
TMP = tempfile.mkdtemp(prefix="mlcert-rel-")
results = {"passed": 0, "failed": 0}
figures = []


def check(name, ok, detail=""):
    detail = detail if isinstance(detail, str) else repr(detail)
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)


def figure(text):
    figures.append(text)
    print("     " + text, flush=True)


class Pty:
    """mlcert on a pseudo-terminal of a given size; collects everything it writes."""

    def __init__(self, args, cols=80, rows=24, env=None, fsize=None):
        self.pid, self.fd = os.forkpty()
        if self.pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                # as from a login shell: a harness run in the background (make
                # check under `&`) would hand its ignored SIGINT and SIGQUIT on
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.signal(signal.SIGQUIT, signal.SIG_DFL)
                if fsize is not None:  # a file-size limit: a full disk for the journal
                    import resource
                    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, resource.RLIM_INFINITY))
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

    def wait_for(self, text, limit=10.0):
        """Reads until text has been written; False when it was not in time."""
        end = time.monotonic() + limit
        while text not in self.out and time.monotonic() < end:
            self._read(0.05)
        return text in self.out

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


# ---- the journal as a database file -------------------------------------------------

def crc_line(text):
    import zlib
    return "%s %08x\n" % (text, zlib.crc32(text.encode()))


def run(args, env=None, stdin=None, timeout=120, **kw):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([BIN] + args, input=stdin, capture_output=True, env=e, timeout=timeout, **kw)


def device_journal(st, pack="fixture"):
    """This device's journal in state folder st: st/PACK/DEVICE-ID.journal."""
    try:
        with open(os.path.join(st, "device-id")) as f:
            device = f.readline().strip()
    except FileNotFoundError:
        device = "none"
    return os.path.join(st, pack, device + ".journal")


def journal_lines(st, pack="fixture"):
    try:
        with open(device_journal(st, pack)) as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


def export_events(st, extra=()):
    p = run(list(extra) + ["--state", st, "export"])
    import json
    return json.loads(p.stdout)["events"] if p.returncode == 0 else None


class Plain:
    """mlcert quiz --plain on pipes, for answering at a moment of our choosing."""

    def __init__(self, args, env=None):
        e = dict(os.environ, **(env or {}))
        self.p = subprocess.Popen([BIN] + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=e)

    def wait_for(self, text, timeout=10.0):
        """Reads stdout until text appears (stdout is flushed at every prompt)."""
        buf = b""
        end = time.monotonic() + timeout
        fd = self.p.stdout.fileno()
        while text not in buf and time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
            if not r:
                break
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buf += chunk
        return buf

    def finish(self, data=b"", timeout=20):
        out, err = self.p.communicate(data, timeout=timeout)
        return self.p.returncode, out, err


def test_instances():
    """Two instances on one state folder: the second is read-only and says so,
    naming the first; nothing either confirmed is lost; an exam is submitted once."""
    st = state("instances")
    common = ["--content", PACK, "--state", st, "quiz", "--plain"]
    a = Plain(common + ["--question", "q-single"], env={"MLCERT_NOW": "1767261600"})
    a.wait_for(b"Answer with")
    b = Plain(common + ["--question", "q-single"], env={"MLCERT_NOW": "1767261601"})
    b.wait_for(b"Answer with")
    # both answer at once
    a.p.stdin.write(b"a\n\n")
    a.p.stdin.flush()
    b.p.stdin.write(b"a\n\n")
    b.p.stdin.flush()
    ra, oa, ea = a.finish()
    rb, ob, eb = b.finish()
    confirmed = oa.count(b"Saved. ") + ob.count(b"Saved. ")
    answers = sum(1 for line in journal_lines(st) if " answer " in line)
    check("instances: the second one is told who holds the folder",
          ("another mlcert (pid %d) is using this state folder" % a.p.pid).encode() in eb, eb[-300:])
    check("instances: every confirmed answer is in the journal, nothing unconfirmed",
          answers == confirmed == 1, "confirmed %d, in the journal %d" % (confirmed, answers))
    check("instances: the read-only one says Not saved and exits 2",
          b"Not saved: read-only: another mlcert" in ob and rb == 2, "exit %d: %r" % (rb, ob[-200:]))
    # two mock exams at once, each answering every question
    st = state("instances-exam")
    exam = ["--content", PACK, "--state", st, "quiz", "--plain", "--exam"]
    a = Plain(exam, env={"MLCERT_NOW": "1767261600"})
    a.wait_for(b"Answer with")
    b = Plain(exam, env={"MLCERT_NOW": "1767261600"})
    b.wait_for(b"Answer with")
    answers_in = b"a c\na\n" * 8
    a.p.stdin.write(answers_in)
    b.p.stdin.write(answers_in)
    a.finish()
    b.finish()
    lines = journal_lines(st)
    starts = sum(" exam-start " in line for line in lines)
    finishes = sum(" exam-finish " in line for line in lines)
    check("instances: two mock exams at once: one started, one submitted", starts == 1 and finishes == 1,
          "%d starts, %d finishes" % (starts, finishes))
    # two full-screen instances: the second shows READ-ONLY
    st = state("instances-tui")
    t1 = Pty(["--content", PACK, "--state", st])
    t1.settle()
    t2 = Pty(["--content", PACK, "--state", st])
    t2.settle()
    t2.send(b"\t\ta\r")
    t2.settle()
    screen2 = bytes(t2.out)
    t1.send(b"\t\ta\r")
    t1.settle()
    check("instances: the second full-screen one shows READ-ONLY and the first's pid",
          b"READ-ONLY" in screen2 and str(t1.pid).encode() in screen2)
    check("instances: its answer is NOT SAVED", b"NOT SAVED" in screen2)
    # import while an instance runs: refused, the journal untouched
    before = journal_lines(st)
    exported = os.path.join(TMP, "instances.json")
    with open(exported, "w") as f:
        f.write('{"events":[{"time":1767261600,"kind":"read","id":"topic-one","choices":"","correct":false,'
                '"rating":0,"value":0}]}')
    p = run(["--content", PACK, "--state", st, "import", exported])
    check("instances: import while another mlcert runs is refused",
          p.returncode == 2 and b"quit it first" in p.stderr and journal_lines(st) == before, p.stderr[-300:])
    for t in (t1, t2):
        t.send(b"q")
        t.wait(2.0)
        t.kill()
    answers = sum(" answer " in line for line in journal_lines(st))
    check("instances: the first full-screen one saved its answer", answers == 1, "answers=%d" % answers)
    figure("two instances: the second read-only, told the first's pid; 1 of 1 confirmed answers kept; "
           "one exam submitted of two sat at once; import refused while one runs")


def test_replaced():
    """A sync tool renames a new journal over the one a running instance has
    open: the instance's next answer goes into the new file, after its lines."""
    st = state("replaced")
    run(["--content", PACK, "--state", st, "quiz", "--plain", "--question", "q-single"], stdin=b"a\n\n",
        env={"MLCERT_NOW": "1767261600"})
    # the next day: a second answer the same day would be practice (not an answer event)
    path = device_journal(st)
    a = Plain(["--content", PACK, "--state", st, "quiz", "--plain", "--question", "q-single"],
              env={"MLCERT_NOW": "1767348000"})
    a.wait_for(b"Answer with")
    # what Syncthing does: a new file (ours plus another machine's line) renamed over
    with open(path) as f:
        mine = f.read()
    tmp = os.path.join(os.path.dirname(path), ".syncthing." + os.path.basename(path) + ".tmp")
    with open(tmp, "w") as f:
        f.write(mine + crc_line("1 1767261650 answer q-multi 5 1 3 0"))
    os.chmod(tmp, 0o600)
    os.rename(tmp, path)
    rc, out, err = a.finish(b"a\n\n")
    events = export_events(st, ["--content", PACK]) or []
    ids = [e["id"] for e in events if e["kind"] == "answer"]
    check("replaced: the answer after the rename is saved in the new file",
          b"Saved." in out and ids == ["q-single", "q-multi", "q-single"], "answers in the journal: %r" % ids)
    figure("journal replaced by rename while an instance runs: its next answer lands in the new file (3 of 3 kept)")


def limited(size):
    """preexec_fn: a file-size limit, as a full disk would stop a write."""
    import resource

    def set_limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return set_limit


def test_shortwrite():
    """A write cut short (disk full) leaves no fragment; the next answer, from
    another process, is whole, and no start warns about a damaged line."""
    st = state("shortwrite")
    for i in range(5):  # a day apart: each is an answer, not a same-day retry (practice)
        run(["--content", PACK, "--state", st, "quiz", "--plain", "--question", "q-single"], stdin=b"a\n\n",
            env={"MLCERT_NOW": str(1767261600 + i * 86400)})
    path = device_journal(st)
    size = os.path.getsize(path)
    p = subprocess.run([BIN, "--content", PACK, "--state", st, "quiz", "--plain", "--question", "q-multi"],
                       input=b"a c\n\n", capture_output=True, preexec_fn=limited(size + 10),
                       env=dict(os.environ, MLCERT_NOW=str(1767261600 + 5 * 86400)))
    check("short write: not confirmed, and said why", b"Not saved" in p.stdout and b"File too large" in p.stdout
          and b"Saved." not in p.stdout and p.returncode == 2, p.stdout[-300:])
    check("short write: the fragment is cut off again", os.path.getsize(path) == size,
          "%d bytes, was %d" % (os.path.getsize(path), size))
    run(["--content", PACK, "--state", st, "quiz", "--plain", "--question", "q-multi"], stdin=b"a c\n\n",
        env={"MLCERT_NOW": str(1767261600 + 5 * 86400 + 100)})
    s = run(["--content", PACK, "--state", st, "stats", "--json"])
    import json
    total = json.loads(s.stdout)["total"]["answers"] if s.returncode == 0 else None
    check("short write: the next process's answer is kept, and nothing warns",
          total == 6 and s.stderr == b"", "answers=%r, stderr=%r" % (total, s.stderr[-300:]))
    figure("short write (file-size limit 10 bytes past the journal): rolled back to %d bytes; "
           "the next answer from another process kept; no warnings" % size)


def raw_has(path, word):
    try:
        with open(path, "rb") as f:
            return word in f.read()
    except FileNotFoundError:
        return False


def test_examkill(rounds=60):
    """kill -9 at random moments of a mock exam's submit (62 lines with the
    bundled pack: its pause, its finish and an item per question), and at
    random moments of the whole run: no finished exam without all its lines,
    ever; a cut submit leaves the exam open to resume."""
    rng = random.Random(17)
    env = {"XDG_DATA_HOME": state("examkill-data"), "MLCERT_NO_CACHE": "1", "MLCERT_NOW": "1767261600"}
    skips = b"s\n" * 60
    # How long a submit takes: from its first line in the file to the exit.
    st = state("examkill-timing")
    p = Plain(["--state", st, "quiz", "--plain", "--exam"], env=env)
    p.p.stdin.write(skips)
    p.p.stdin.flush()
    start = time.monotonic()
    while p.p.poll() is None and not raw_has(device_journal(st, "pmle"), b" exam-finish "):
        time.sleep(0.0002)
    seen = time.monotonic()
    p.p.communicate()
    submit = max(time.monotonic() - seen, 0.001)
    whole = time.monotonic() - start
    cut = finished = open_exams = bad = not_resumable = 0
    for r in range(rounds):
        st = state("examkill-%d" % r)
        p = Plain(["--state", st, "quiz", "--plain", "--exam"], env=env)
        p.p.stdin.write(skips)
        p.p.stdin.flush()
        if r % 2 == 0:
            # aimed at the submit: once its first line is in the file
            while p.p.poll() is None and not raw_has(device_journal(st, "pmle"), b" exam-finish "):
                time.sleep(0.0002)
            time.sleep(rng.uniform(0, submit))
        else:
            time.sleep(rng.uniform(0, whole))
        p.p.kill()
        p.p.communicate()
        raw = journal_lines(st, "pmle")
        events = export_events(st, []) or []
        if any(" exam-finish " in line for line in raw):
            i = next(k for k, line in enumerate(raw) if " exam-finish " in line)
            # every question skipped: the block is an exam item for each of the 60, and no answer
            if sum(" exam-item " in line for line in raw[i + 1:]) < 60:
                cut += 1
        for k, e in enumerate(events):
            if e["kind"] == "exam-finish":
                following = events[k + 1:k + 1 + e["value"]]
                if len(following) != e["value"] or any(f["kind"] not in ("exam-item", "answer") for f in following):
                    bad += 1
        if any(e["kind"] == "exam-finish" for e in events):
            finished += 1
        elif any(e["kind"] == "exam-start" for e in events):
            open_exams += 1
            q = run(["--state", st, "quiz", "--plain", "--exam"], stdin=b"q\n", env=env)
            if b"Resuming your unfinished mock exam" not in q.stdout:
                not_resumable += 1
    check("exam kill -9 x%d: no exam finish without all its lines" % rounds, bad == 0, "%d rounds" % bad)
    check("exam kill -9: every open exam resumes", not_resumable == 0, "%d rounds" % not_resumable)
    figure("kill -9 during a mock exam (%d rounds, half aimed at its %.0f ms submit): %d submitted, "
           "%d left open and resumable (%d of all rounds with the submit cut mid-way in the file), "
           "%d finishes without all their lines" % (rounds, submit * 1000, finished, open_exams, cut, bad))


# ---- output paths: nothing from a pack reaches the terminal -------------------------

CLI_PAYLOADS = [b"\x1b]52;c;", b"\x1b[2J", b"\xc2\x9b", b"\xe2\x80\xae", b"\xe2\x80\x8b", b"\x07"]


def test_hostilecli():
    """A pack that lints clean with OSC 52 in its title and domain titles; one
    with errors that quote hostile ids, kinds and URLs; an installed pack whose
    id is an escape: stats, lint, packs, export and import print none of it."""
    hp = state("hostilecli-pack")
    write_hostile_pack(hp)
    with open(os.path.join(hp, "pack.yaml")) as f:
        meta = f.read()
    evil = "\\e]52;c;SEFDS0VE\\a\\e[2J\\x9b31m\\u202E\\u200B"
    meta = meta.replace("title: Fixture pack", 'title: "Fixture %s pack"' % evil)
    meta = meta.replace("title: Alpha domain", 'title: "Alpha %s"' % evil)
    with open(os.path.join(hp, "pack.yaml"), "w") as f:
        f.write(meta)
    lint = run(["lint", hp])
    check("hostile cli: the pack lints clean", lint.returncode == 0, lint.stderr[-300:])
    st = state("hostilecli")
    outputs = {"lint": lint.stdout + lint.stderr}
    for name, args in (("stats", ["stats"]), ("stats --json", ["stats", "--json"]), ("export", ["export"]),
                       ("export csv", ["export", "--format", "csv"])):
        p = run(["--content", hp, "--state", st] + args)
        outputs[name] = p.stdout + p.stderr
    broken = state("hostilecli-broken")
    shutil.copytree(PACK, broken)
    with open(os.path.join(broken, "evil.yaml"), "w") as f:
        f.write('topics:\n  - {id: "e\\e[2Jvil", title: t, domain: "\\e]52;c;SEFDS0VE\\a", name: n, '
                'description: d, resources: [{title: r, url: "http://x/\\e[2J\\u202E", kind: "\\x9b31m"}], as_of: 2026-01-31}\n')
    for name, args in (("lint errors", ["lint", broken]), ("lint --json", ["lint", "--json", broken]),
                       ("load errors", ["--content", broken, "--state", st, "stats"])):
        p = run(args)
        outputs[name] = p.stdout + p.stderr
    data = state("hostilecli-data")
    os.makedirs(os.path.join(data, "mlcert", "packs", "evil"))
    with open(os.path.join(data, "mlcert", "packs", "evil", "pack.yaml"), "wb") as f:
        f.write(b"id: \x1b]52;c;SEFDS0VE\x07\n")
    p = run(["packs"], env={"XDG_DATA_HOME": data})
    outputs["packs"] = p.stdout + p.stderr
    bad_import = os.path.join(TMP, "evil.csv")
    with open(bad_import, "wb") as f:
        f.write(b"1767261600,x,\x1b]52;c;SEFDS0VE\x07,q,a,1,3,0\n")
    p = run(["--content", PACK, "--state", state("hostilecli-import"), "import", bad_import])
    outputs["import errors"] = p.stdout + p.stderr
    leaked = {name: [x for x in CLI_PAYLOADS if x in out] for name, out in outputs.items()}
    leaked = {k: v for k, v in leaked.items() if v}
    check("hostile cli: no payload in stats, lint, load errors, packs, export, import", not leaked, repr(leaked))
    check("hostile cli: the reports still say what they must",
          b"Fixture ]52;c;SEFDS0VE[2J31m pack" in outputs["stats"] and b"unknown domain" in outputs["lint errors"],
          outputs["stats"][:200])
    figure("hostile text in stats, lint, load errors, packs, export and import output: %d outputs, no payload byte"
           % len(outputs))


# ---- parsers and walkers with bounds --------------------------------------------------

def timed(args, timeout=60):
    start = time.monotonic()
    try:
        p = run(args, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, timeout
    return p, time.monotonic() - start


def test_hangs():
    """Inputs that once took minutes: each must finish (60 s separates a bound
    from none) with its error, and the time is reported."""
    deep = state("hangs-deep")
    shutil.copytree(PACK, deep)
    for levels in (80000, 1000000):
        with open(os.path.join(deep, "deep.yaml"), "w") as f:
            f.write("topics: " + "[" * levels + "]" * levels + "\n")
        p, took = timed(["lint", deep])
        check("hangs: %d nested lists: an error with a position" % levels,
              p is not None and b"deep.yaml:1:72: error: nested deeper than 64 levels" in p.stderr,
              "no answer in %.0f s" % took if p is None else p.stderr[-300:])
        figure("%d nested flow lists (%.1f MB): lint %.2f s" % (levels, 2 * levels / 1e6, took))
    loops = state("hangs-loops")
    shutil.copytree(PACK, loops)
    for name in ("l1", "l2", "l3"):
        os.symlink(".", os.path.join(loops, name))
    p, took = timed(["lint", loops])
    check("hangs: three symlinks to '.': each reported as a loop",
          p is not None and p.stderr.count(b"a symbolic link loop") == 3,
          "no answer in %.0f s" % took if p is None else p.stderr[-300:])
    figure("three symbolic links back to the pack folder: lint %.3f s, 3 loops reported" % took)


def write_history(path, count, start=1767261600):
    with open(path, "w") as f:
        f.write("time,date,kind,id,choices,correct,rating,value\n")
        for i in range(count):
            f.write("%d,x,answer,q-single,a,1,3,0\n" % (start + (i * 7919) % count * 10))


def test_history():
    """Import in O(n log n), checked as the journal reader checks; export never
    overwrites the journal and leaves no half file on a full disk."""
    st = state("history")
    big = os.path.join(TMP, "big.csv")
    write_history(big, 100000)
    p, took = timed(["--content", PACK, "--state", st, "import", big])
    check("history: 100k events import", p is not None and b"imported 100000 new events" in p.stdout,
          "no answer in %.0f s" % took if p is None else p.stderr[-200:])
    p2, took2 = timed(["--content", PACK, "--state", st, "import", big])
    check("history: the same 100k again add nothing", p2 is not None and b"imported 0 new events" in p2.stdout)
    figure("import of 100 000 events: %.2f s; the same again into those 100 000: %.2f s" % (took, took2))
    # what the reader rejects, import rejects
    bad = os.path.join(TMP, "bad-time.csv")
    with open(bad, "w") as f:
        f.write("253402300800,x,answer,q-single,a,1,3,0\n")
    p = run(["--content", PACK, "--state", state("history-bad"), "import", bad])
    check("history: a time the journal cannot hold is refused", p.returncode == 1, p.stderr[-200:])
    # a spreadsheet's CSV: BOM, quotes, CRLF
    sheet = os.path.join(TMP, "sheet.csv")
    with open(sheet, "wb") as f:
        f.write(b'\xef\xbb\xbf"time","date","kind","id","choices","correct","rating","value"\r\n'
                b'"1767261600","2026-01-01T10:00:00Z","answer","q-single","a","1","3","0"\r\n')
    p = run(["--content", PACK, "--state", state("history-sheet"), "import", sheet])
    check("history: a spreadsheet's CSV (BOM, quotes, CRLF) imports", b"imported 1 new events" in p.stdout,
          p.stderr[-200:])
    # export over the journal itself
    journal = device_journal(st)
    size = os.path.getsize(journal)
    p = run(["--content", PACK, "--state", st, "export", "--format", "csv", journal])
    check("history: export over the journal is refused, the journal whole",
          p.returncode == 2 and b"refusing" in p.stderr and os.path.getsize(journal) == size, p.stderr[-200:])
    # a full disk, to a file and to standard output
    out = os.path.join(TMP, "full.json")
    p = subprocess.run([BIN, "--content", PACK, "--state", st, "export", out], capture_output=True,
                       preexec_fn=limited(65536))
    check("history: export to a full disk says so and leaves no file",
          p.returncode == 2 and b"File too large" in p.stderr and not os.path.exists(out)
          and not [n for n in os.listdir(TMP) if n.startswith(".full.json")], p.stderr[-200:])
    with open("/dev/full", "wb") as devfull:
        p = subprocess.run([BIN, "--content", PACK, "--state", st, "export"], stdout=devfull,
                           stderr=subprocess.PIPE)
    check("history: export to a full standard output says so", p.returncode == 2 and b"No space left" in p.stderr,
          p.stderr[-200:])


def test_damaged():
    """A million damaged lines: a few warnings and a count, not a million lines."""
    st = state("damaged")
    os.makedirs(st, mode=0o700)
    with open(os.path.join(st, "fixture.journal"), "w") as f:
        f.write(crc_line("1 1767261600 answer q-single 1 1 3 0"))
        f.write("1 1767261600 answer q-single 1 1 3 0 deadbeef\n" * 1000000)
    os.chmod(os.path.join(st, "fixture.journal"), 0o600)
    p, took = timed(["--content", PACK, "--state", st, "stats"])
    lines = p.stderr.decode(errors="replace").splitlines() if p else []
    check("damaged: a million damaged lines are 11 warnings",
          p is not None and len(lines) == 11 and "and 999990 more damaged lines" in lines[-1],
          "%d lines: %r" % (len(lines), lines[-2:]))
    figure("1 000 000 damaged journal lines: %d lines of warnings, stats in %.2f s" % (len(lines), took))


def test_locale():
    """mlcert man gives the same bytes in every locale, all ASCII."""
    pk = state("locale-pack")
    shutil.copytree(PACK, pk)
    with open(os.path.join(pk, "topics", "topics.yaml")) as f:
        text = f.read()
    text = text.replace("description: ", "description: caf\u00e9 na\u00efve \u2014 ", 1)
    with open(os.path.join(pk, "topics", "topics.yaml"), "w") as f:
        f.write(text)
    first = run(["--content", pk, "man", "--list"]).stdout.split()[0].decode()
    pages = [run(["--content", pk, "man", first], env={"LC_ALL": loc, "LANG": loc}).stdout
             for loc in ("C", "C.UTF-8", "POSIX")]
    check("locale: mlcert man is the same under C, C.UTF-8 and POSIX", pages[0] == pages[1] == pages[2])
    check("locale: ASCII roff with glyph names", all(b < 0x80 for b in pages[0]) and b"caf\\[u00E9]" in pages[0],
          pages[0][:300])

# ---- the program's own side: plain mode's signals, failed saves, editor, links ------------

def test_plainsignals(rounds=90):
    """Plain mode gets SIGTERM, SIGINT or a hangup at a random moment around an
    answer (its save, fsync and confirmation): it always ends by itself with
    128+N, and the journal holds exactly the answers it confirmed."""
    rng = random.Random(1729)
    kinds = ((signal.SIGTERM, "SIGTERM"), (signal.SIGINT, "SIGINT"), (signal.SIGHUP, "hangup"))
    killed = bad_status = unconfirmed = lost = bad_load = 0
    before_answer = after_confirmation = 0
    latencies = []
    for r in range(rounds):
        sig, how = kinds[r % 3]
        st = state("plainsig-%d" % r)
        env = {"MLCERT_NOW": str(1767261600 + r)}
        args = ["--content", PACK, "--state", st, "quiz", "--plain", "--question", "q-single"]
        delay = rng.uniform(0, 0.008)
        if how == "hangup":
            # a dropped SSH link: the terminal closes under plain mode
            t = Pty(args, env=env)
            if not t.wait_for(b"Answer with"):
                bad_status += 1
                t.kill()
                continue
            t.send(b"a\r")
            time.sleep(delay)
            start = time.monotonic()
            os.close(t.fd)
            usage = t.wait(5.0)
            if usage is None:
                bad_status += 1
                t.kill()
                continue
            latencies.append((time.monotonic() - start) * 1000)
            status = t.status
            confirmed = None  # what it printed after the hangup went nowhere
        else:
            p = Plain(args, env=env)
            out = p.wait_for(b"Answer with")
            p.p.stdin.write(b"a\n")
            p.p.stdin.flush()
            time.sleep(delay)
            start = time.monotonic()
            os.kill(p.p.pid, sig)
            rc, rest, _ = p.finish(timeout=10)
            latencies.append((time.monotonic() - start) * 1000)
            out += rest
            status = None
            confirmed = out.count(b"Saved. ")
            if rc < 0:
                killed += 1
            elif rc != 128 + sig or b"Stopped by a signal" not in out:
                bad_status += 1
        if status is not None:
            if os.WIFSIGNALED(status):
                killed += 1
            elif os.WEXITSTATUS(status) != 128 + sig:
                bad_status += 1
        answers = answers_in_journal(st)
        if answers is None:
            bad_load += 1
            continue
        if confirmed is not None:
            if answers > confirmed:
                unconfirmed += 1
            elif answers < confirmed:
                lost += 1
            if confirmed:
                after_confirmation += 1
            else:
                before_answer += 1
    check("plain signals x%d: never killed, always exit 128+N by itself" % rounds,
          killed == 0 and bad_status == 0, "%d killed, %d other endings" % (killed, bad_status))
    check("plain signals: the journal always loads", bad_load == 0, "%d rounds" % bad_load)
    check("plain signals: no answer saved without its confirmation, none confirmed and lost",
          unconfirmed == 0 and lost == 0, "%d saved unconfirmed, %d lost" % (unconfirmed, lost))
    latencies.sort()
    figure("plain mode, SIGTERM/SIGINT/hangup at random moments around an answer (%d rounds): %d killed, "
           "%d saved without confirmation, %d lost; %d stopped before the answer, %d after its confirmation; "
           "exit %.1f ms median, %.1f ms slowest after the signal"
           % (rounds, killed, unconfirmed, lost, before_answer, after_confirmation,
              latencies[len(latencies) // 2] if latencies else 0, latencies[-1] if latencies else 0))


def test_examfull():
    """A mock exam's submit on a full disk (a file-size limit): plain mode says
    Not saved, prints no score and exits 2, the exam stays open with its
    answers and the next run submits it whole; the full-screen program says
    NOT SAVED at the confirmation, shows no report, and exits 2."""
    env = {"MLCERT_NOW": "1767261600", "MLCERT_NO_CACHE": "1"}
    st = state("examfull-plain")
    run(["--content", PACK, "--state", st, "quiz", "--plain", "--exam"], stdin=b"a c\nq\n", env=env)
    size = os.path.getsize(device_journal(st))
    p = subprocess.run([BIN, "--content", PACK, "--state", st, "quiz", "--plain", "--exam"], input=b"a\n",
                       capture_output=True, preexec_fn=limited(size + 100), env=dict(os.environ, **env))
    plain_ok = (p.returncode == 2 and b"Not saved: cannot save progress" in p.stdout and b"Score" not in p.stdout
                and b"not submitted" in p.stdout)
    plain_score = b"Score:" in p.stdout
    check("exam full disk, plain: Not saved, no score, exit 2", plain_ok,
          "exit %d: %r" % (p.returncode, p.stdout[-300:]))
    check("exam full disk, plain: no part of the submit in the journal",
          not any(" exam-finish " in line for line in journal_lines(st)))
    q = run(["--content", PACK, "--state", st, "quiz", "--plain", "--exam"], stdin=b"", env=env)
    check("exam full disk, plain: the next run resumes it with both answers and submits it",
          b"Resuming your unfinished mock exam: 2 answered" in q.stdout and b"Score: 2 of 2 right" in q.stdout,
          q.stdout[-300:])
    st = state("examfull-tui")
    t = Pty(["--content", PACK, "--state", st], env=env, fsize=120)
    t.settle()
    for key in (b"X", b"\r", b"a", b"S"):
        t.send(key)
        t.settle(0.1)
    t.out.clear()
    t.send(b"y")
    t.settle()
    shown = bytes(t.out)
    report_shown = b"Score report" in shown or b"no passing score" in shown
    check("exam full disk, full screen: NOT SAVED at the confirmation, no report",
          b"NOT SAVED, not submitted" in shown and not report_shown and b"right:" not in shown,
          shown[-400:])
    for key in (b"q", b"q", b"q"):
        t.send(key)
        t.settle(0.1)
    t.wait(5.0)
    status = t.status
    t.kill()
    check("exam full disk, full screen: exit 2", status is not None and os.WIFEXITED(status)
          and os.WEXITSTATUS(status) == 2, "status %r" % status)
    t = Pty(["--content", PACK, "--state", st], env=env)
    t.settle()
    t.send(b"S")
    t.settle()
    check("exam full disk, full screen: the exam was left open and submits later",
          b"You have an unfinished mock exam" in t.out and b"Score report" in t.out)
    t.send(b"qq")
    t.wait(5.0)
    t.kill()
    screen_exit = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else None
    figure("exam submit on a full disk: plain mode \"Not saved\", %s, exit %d, the exam left open with its answers "
           "and submitted whole by the next run; the full screen %s, exit %s"
           % ("then a score" if plain_score else "no score", p.returncode,
              "showed the score report" if report_shown else "NOT SAVED at the confirmation, no report", screen_exit))


def test_unsaved():
    """Every command that could not save what it was asked to record exits
    non-zero: plain answers and exams, the full-screen program (a full disk, a
    read-only second instance), --exam-date, import, export."""
    env = {"MLCERT_NOW": "1767261600", "MLCERT_NO_CACHE": "1"}
    st = state("unsaved")
    # the day before: the answers below are the day's first, not practice
    run(["--content", PACK, "--state", st, "quiz", "--plain", "--question", "q-single"], stdin=b"a\n\n",
        env=dict(env, MLCERT_NOW="1767175200"))
    size = os.path.getsize(device_journal(st))
    statuses = {}

    def limited_run(name, args, stdin=b""):
        p = subprocess.run([BIN, "--content", PACK, "--state", st] + args, input=stdin, capture_output=True,
                           preexec_fn=limited(size), env=dict(os.environ, **env))
        statuses[name] = p.returncode
    limited_run("quiz --plain, an answer", ["quiz", "--plain", "--question", "q-single"], b"a\n\n")
    limited_run("quiz --plain --exam", ["quiz", "--plain", "--exam"], b"a c\na\n")
    limited_run("stats --exam-date", ["--exam-date", "2026-12-01", "stats"])

    def screen_run(name, fsize, holder=None):
        t = Pty(["--content", PACK, "--state", st], env=env, fsize=fsize)
        t.settle()
        t.send(b"\t\ta\r")
        t.settle()
        said = b"NOT SAVED" in t.out
        t.send(b"q")
        t.wait(5.0)
        status = t.status
        t.kill()
        statuses[name] = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) and said else -1
    screen_run("full screen, an answer on a full disk", size)
    holder = Plain(["--content", PACK, "--state", st, "quiz", "--plain", "--question", "q-single"], env=env)
    holder.wait_for(b"Answer with")
    screen_run("full screen, read-only second instance", None)
    exported = os.path.join(TMP, "unsaved.json")
    with open(exported, "w") as f:
        f.write('{"events":[{"time":1767261600,"kind":"read","id":"topic-one","choices":"","correct":false,'
                '"rating":0,"value":0}]}')
    statuses["import while another runs"] = run(["--content", PACK, "--state", st, "import", exported]).returncode
    holder.finish()
    out = os.path.join(TMP, "unsaved-export.json")
    p = subprocess.run([BIN, "--content", PACK, "--state", st, "export", out], capture_output=True,
                       preexec_fn=limited(100))
    statuses["export to a full disk"] = p.returncode
    zero = {k: v for k, v in statuses.items() if v == 0 or v < 0}
    check("unsaved: every command that could not save exits non-zero (%d commands)" % len(statuses), not zero,
          repr(statuses))
    check("unsaved: the full-screen program exits 2 after NOT SAVED",
          statuses["full screen, an answer on a full disk"] == 2 and statuses["full screen, read-only second instance"] == 2,
          repr(statuses))
    figure("commands that could not save: %d of %d exited non-zero (%s)"
           % (sum(1 for v in statuses.values() if v > 0), len(statuses),
              ", ".join("%s %d" % (k, v) for k, v in statuses.items())))


def test_editor():
    """$EDITOR and $BROWSER read as git reads $EDITOR (a quoted path with a
    space, an option); Ctrl-C in them leaves mlcert running; "Note saved"
    only when the note changed."""
    d = os.path.join(TMP, "my editor")
    os.makedirs(d, exist_ok=True)
    ed, mode, got = os.path.join(d, "ed"), os.path.join(TMP, "ed-mode"), os.path.join(TMP, "ed-args")
    with open(ed, "w") as f:
        # "wait" says so from the process that then waits, with SIGINT at its
        # default: a shell that echoed and then forked sleep caught a Ctrl-C
        # sent between the two (dash catches SIGINT while it runs a script)
        # and the sleep never got it, one press in four.
        f.write('#!/bin/sh\nprintf "%%s\\n" "$@" > "%s"\ncase $(cat "%s") in\n'
                'write) echo "my note" >> "$2" ;;\n'
                'wait) exec perl -e \'$| = 1; print "editor waiting\\n"; sleep 30\' ;;\nesac\n' % (got, mode))
    os.chmod(ed, 0o755)

    def set_mode(m):
        with open(mode, "w") as f:
            f.write(m + "\n")
    st = state("editor")
    t = Pty(["--content", PACK, "--state", st],
            env={"EDITOR": "'%s' --wait" % ed, "BROWSER": "'%s' --new-tab" % ed}, cols=140)
    t.settle()
    t.send(b"\rjj\r")
    t.settle()
    note = os.path.join(st, "notes", "fixture", "topic-one.txt")
    results = {}
    for m, want in (("write", b"Note saved beside your progress"), ("nothing", b"Note unchanged"),
                    ("write", b"Note saved beside your progress"), ("nothing", b"Note unchanged")):
        set_mode(m)
        t.out.clear()
        t.send(b"E")
        t.settle()
        results.setdefault(m, []).append(want in t.out)
    try:
        with open(got) as f:
            args = f.read().split("\n")
    except FileNotFoundError:
        args = []  # the editor never ran
    check("editor: a quoted path with a space and an option run as git would", args[:2] == ["--wait", note],
          repr(args))
    check("editor: \"Note saved\" when it wrote, \"Note unchanged\" when it did not",
          all(results["write"]) and all(results["nothing"]), repr(results))
    survived = []
    for key, what in ((b"E", b"The editor"), (b"]]]o", b"$BROWSER failed")):
        set_mode("wait")
        t.out.clear()
        t.send(key)
        waited = t.wait_for(b"editor waiting")
        # Ctrl-C: the terminal sends SIGINT to mlcert and the program in front.
        t.send(b"\x03")
        t.wait_for(b"status 130", 3.0)
        t.settle()
        survived.append(waited and t.alive() and what in t.out and b"status 130" in t.out)
    check("editor: Ctrl-C in $EDITOR and $BROWSER ends them, not mlcert", all(survived), repr(survived))
    set_mode("nothing")
    t.send(b"q")
    t.wait(5.0)
    status = t.status
    t.kill()
    check("editor: mlcert quits normally afterwards", status is not None and os.WIFEXITED(status)
          and os.WEXITSTATUS(status) == 0, "status %r" % status)
    figure("$EDITOR '.../my editor/ed' --wait and $BROWSER with an option ran; Ctrl-C in each: %d of 2 times "
           "mlcert kept running; Note saved %d of 2 writes, Note unchanged %d of 2 times nothing was written"
           % (sum(survived), sum(results["write"]), sum(results["nothing"])))


def hostile_question_pack(path):
    """The fixture pack with escape sequences, C1 controls, bidi overrides and
    zero-width characters in its title, domain titles, a stem, a choice, a
    rationale and an explanation: it lints clean."""
    shutil.copytree(PACK, path)
    evil = "\\e]52;c;SEFDS0VE\\a\\e[2J\\x9b31m\\u202E\\u200B"

    def swap(name, old, new):
        p = os.path.join(path, name)
        with open(p) as f:
            text = f.read()
        with open(p, "w") as f:
            f.write(text.replace(old, new))
    swap("pack.yaml", "title: Fixture pack", 'title: "Fixture %s pack"' % evil)
    swap("pack.yaml", "title: Alpha domain", 'title: "Alpha %s"' % evil)
    swap("pack.yaml", "title: Beta domain", 'title: "Beta %s"' % evil)
    swap("questions/questions.yaml", "stem: Which one?", 'stem: "Which one? %s"' % evil)
    swap("questions/questions.yaml", "text: this one", 'text: "this one %s"' % evil)
    swap("questions/questions.yaml", "why: because not", 'why: "because not %s"' % evil)
    swap("questions/questions.yaml", "explanation: Two rules.", 'explanation: "Two rules. %s"' % evil)


def test_hostileplain():
    """Plain mode (the screen-reader path) on a pack with OSC 52 and other
    escapes in its titles and questions: none of it reaches the output."""
    hp = state("hostileplain-pack")
    hostile_question_pack(hp)
    lint = run(["lint", hp])
    check("hostile plain: the pack lints clean", lint.returncode == 0, lint.stderr[-300:])
    st = state("hostileplain")
    env = {"MLCERT_NOW": "1767261600"}
    outputs = {}
    for name, args, stdin in (("question", ["--question", "q-single"], b"b\n"),
                              ("topic", ["--topic", "topic-one"], b"a\n\na c\n\n"),
                              ("review", ["--review"], b""),
                              ("exam", ["--exam"], b"a c\na\n"),
                              ("an unknown id", ["--topic", "\x1b]52;c;SEFDS0VE\x07"], b"")):
        p = run(["--content", hp, "--state", st, "quiz", "--plain"] + args, stdin=stdin, env=env)
        outputs[name] = p.stdout + p.stderr
    leaked = {name: [x for x in CLI_PAYLOADS if x in out] for name, out in outputs.items()}
    leaked = {k: v for k, v in leaked.items() if v}
    check("hostile plain: no payload byte in questions, feedback, review, exam scores, errors", not leaked,
          repr(leaked))
    check("hostile plain: the text is still there, each on its own line",
          b"  Alpha ]52;c;SEFDS0VE[2J31m " in outputs["exam"] and b"(Alpha ]52;c;SEFDS0VE[2J31m)." in outputs["question"],
          outputs["exam"][-400:])
    figure("plain mode on a pack with OSC 52, CSI, C1, bidi and zero-width text in titles and questions: "
           "%d outputs (questions, feedback, review, exam score lines, an error), %s"
           % (len(outputs), "payload bytes in %d of them" % len(leaked) if leaked else "no payload byte"))


def test_links():
    """What y copies (OSC 52) and o opens ($BROWSER) is the URL's own bytes:
    a 2048-byte URL (the checker's limit) full of shell characters."""
    import base64
    import re
    lp = state("links-pack")
    shutil.copytree(PACK, lp)
    head = "https://example.com/doc?q=$(touch%20pwned);a='b'&c=`id`|d#%E2%80%AE-"
    url = head + "x" * (2048 - len(head))
    path = os.path.join(lp, "topics", "topics.yaml")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace("url: https://example.com/doc", 'url: "%s"' % url))
    lint = run(["lint", lp])
    check("links: the pack with a 2048-byte URL lints clean", lint.returncode == 0, lint.stderr[-300:])
    got = os.path.join(TMP, "browsed")
    browser = os.path.join(TMP, "browser")
    with open(browser, "w") as f:
        f.write('#!/bin/sh\nprintf "%%s" "$1" > "%s"\n' % got)
    os.chmod(browser, 0o755)
    cwd = os.getcwd()
    os.chdir(TMP)  # where `touch pwned` would leave its file
    t = Pty(["--content", lp, "--state", state("links")], env={"BROWSER": browser})
    t.settle()
    t.send(b"\rjj\r]]]")
    t.settle()
    t.out.clear()
    t.send(b"y")
    t.settle()
    m = re.search(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", bytes(t.out))
    copied = base64.b64decode(m.group(1)) if m else None
    check("links: the OSC 52 payload decodes to the URL, byte for byte", copied == url.encode(),
          "%r" % (copied[:80] if copied else m))
    t.send(b"o")
    t.settle()
    try:
        with open(got, "rb") as f:
            opened = f.read()
    except FileNotFoundError:
        opened = None
    check("links: $BROWSER gets the URL, byte for byte, as one argument", opened == url.encode(),
          "%r" % (opened[:80] if opened else opened))
    check("links: nothing in the URL ran", not os.path.exists(os.path.join(TMP, "pwned")))
    t.send(b"q")
    t.wait(5.0)
    t.kill()
    os.chdir(cwd)
    figure("a 2048-byte URL with $( ), quotes, backquotes, | and a percent-encoded bidi override: OSC 52 decoded "
           "to it %s, $BROWSER got it %s, nothing ran"
           % ("exactly" if copied == url.encode() else "NOT exactly", "exactly" if opened == url.encode() else "NOT exactly"))


def main():
    # Answers are typed ahead by letter: the choices keep the pack's order
    # (shuffling is tested in test_exam.sh and the unit tests).
    os.environ["MLCERT_SHUFFLE"] = "off"
    tests = {"kill9": test_kill9, "signals": test_signals, "hostile": test_hostile,
             "sizes": test_sizes, "resizes": test_resizes, "terms": test_terms,
             "instances": test_instances, "replaced": test_replaced, "shortwrite": test_shortwrite,
             "examkill": test_examkill, "hostilecli": test_hostilecli, "hangs": test_hangs,
             "history": test_history, "damaged": test_damaged, "locale": test_locale,
             "plainsignals": test_plainsignals, "examfull": test_examfull, "unsaved": test_unsaved,
             "editor": test_editor, "hostileplain": test_hostileplain, "links": test_links}
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
