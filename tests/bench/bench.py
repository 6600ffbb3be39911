#!/usr/bin/env python3
"""mlcert benchmarks: first frame, bytes per key, key-to-quiet latency, load, search,
with less and man measured in the same run. Prints a Markdown table.

    python3 tests/bench/bench.py [--mlcert ./mlcert] [--pack DIR] [--reps N] [--out FILE] [--dump DIR]

The program runs in a real pseudo-terminal (pty, os, select only), at 80x24 and
200x50, TERM=xterm-256color, LANG=C.UTF-8, with a fresh --state folder. After
each key the harness reads until the program has been quiet for QUIET seconds;
the latency is from writing the key to the LAST byte read (the quiet window is
not counted), the cost is every byte read, and the CPU the program spent on the
key comes from /proc/PID/task/*/schedstat (other load on the machine inflates
wall time, not CPU time). The 30x pack is written by
gen_pack.py next to it when DIR has no bench.json. Benchmarks are not tests:
nothing here fails a build; missed targets are only reported.
"""
import argparse
import fcntl
import gc
import json
import os
import platform
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SIZES = [(80, 24), (200, 50)]
QUIET = 0.025          # quiet window after a key
SETTLE = 0.050         # quiet window that ends the first frame
FIRST_BYTE = 2.0       # how long a key may take before its first byte
now = time.perf_counter

ESC = b"\x1b"
CTRL_L = b"\x0c"
BTAB = b"\x1b[Z"


# ---- a program in a pty ----------------------------------------------------------

class Term:
    """A child process on a pty of a given size; reads everything it writes."""

    def __init__(self, argv, cols, rows, env=None, cwd=ROOT):
        self.cols, self.rows = cols, rows
        master, slave = os.openpty()
        # the size is set before exec, so the first frame already has it
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        e = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
             "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
             "COLUMNS": str(cols), "LINES": str(rows)}
        e.update(env or {})
        self.t_spawn = now()
        pid = os.fork()
        if pid == 0:  # child
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                if slave > 2:
                    os.close(slave)
                os.chdir(cwd)
                os.execvpe(argv[0], argv, e)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid, self.fd = pid, master
        self.rusage = None
        self.status = None
        self.last_cpu, self.last_reads, self.last_stolen = None, 0, 0

    def read_quiet(self, quiet, first_timeout):
        """Reads until `quiet` seconds pass with no output after the first byte
        (or first_timeout passes with none). Returns (data, t_first, t_last)."""
        chunks, t_first, t_last = [], None, None
        self.last_reads = 0
        deadline = now() + first_timeout
        while True:
            timeout = (t_last + quiet - now()) if t_last is not None else (deadline - now())
            if timeout <= 0:
                break
            r, _, _ = select.select([self.fd], [], [], timeout)
            if not r:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            t = now()
            if t_first is None:
                t_first = t
            t_last = t
            chunks.append(data)
            self.last_reads += 1
        return b"".join(chunks), t_first, t_last

    def settle(self, quiet=SETTLE, first_timeout=10.0):
        return self.read_quiet(quiet, first_timeout)

    def cpu(self):
        """Seconds the child has run on a CPU so far (all its threads), from
        /proc/PID/task/*/schedstat: unlike wall time, other load does not inflate it."""
        total = 0
        try:
            for task in os.listdir(f"/proc/{self.pid}/task"):
                with open(f"/proc/{self.pid}/task/{task}/schedstat") as f:
                    total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return total / 1e9

    def key(self, keys, first_timeout=FIRST_BYTE, quiet=QUIET):
        """Sends keys in one write; returns (bytes written back, latency to last byte or None, data)."""
        c0, s0 = self.cpu(), steal_ticks()
        t0 = now()
        os.write(self.fd, keys)
        data, _, t_last = self.read_quiet(quiet, first_timeout)
        c1 = self.cpu()
        self.last_cpu = c1 - c0 if c0 is not None and c1 is not None else None
        self.last_stolen = steal_ticks() - s0
        return len(data), (t_last - t0 if t_last is not None else None), data

    def close(self, quit_keys=b"q"):
        try:
            if quit_keys:
                os.write(self.fd, quit_keys)
            deadline = now() + 3
            while now() < deadline:
                pid, status, ru = os.wait4(self.pid, os.WNOHANG)
                if pid:
                    self.status, self.rusage = status, ru
                    break
                self.read_quiet(0.01, 0.05)
            else:
                os.kill(self.pid, signal.SIGKILL)
                _, self.status, self.rusage = os.wait4(self.pid, 0)
        finally:
            os.close(self.fd)


# ---- where the bytes go --------------------------------------------------------

CSI_RE = re.compile(rb"\x1b\[([0-9;?>=]*)([ -/]*)([@-~])")
CSI_NAMES = {b"H": "cursor position (CUP)", b"f": "cursor position (CUP)", b"m": "colour/attr (SGR)",
             b"K": "erase line (EL)", b"X": "erase chars (ECH)", b"J": "erase display (ED)",
             b"r": "scroll region (DECSTBM)", b"S": "scroll up (SU)", b"T": "scroll down (SD)",
             b"L": "insert lines (IL)", b"M": "delete lines (DL)", b"b": "repeat char (REP)",
             b"G": "cursor column (HPA)", b"d": "cursor row (VPA)", b"C": "cursor right (CUF)",
             b"D": "cursor left (CUB)", b"A": "cursor up (CUU)", b"B": "cursor down (CUD)",
             b"h": "mode set", b"l": "mode reset", b"t": "window ops"}


def classify(data, cols=None, split_col=None, rows=None):
    """Bytes by kind (escape sequence or text); with a split column, also by screen
    region (bars, tree, right side), following the cursor through the output."""
    kinds, regions = {}, {}
    y = x = 0
    i, n = 0, len(data)

    def add(kind, size):
        kinds[kind] = kinds.get(kind, 0) + size
        if split_col is not None:
            region = ("bars" if y == 0 or y == rows - 1 else "tree" if x < split_col else "right")
            regions[region] = regions.get(region, 0) + size

    while i < n:
        c = data[i]
        if c == 0x1b:
            m = CSI_RE.match(data, i)
            if m:
                params, final = m.group(1), m.group(3)
                nums = [int(p) if p.isdigit() else 0 for p in params.split(b";")] if params else []
                if final in (b"H", b"f"):
                    y = (nums[0] if nums and nums[0] else 1) - 1
                    x = (nums[1] if len(nums) > 1 and nums[1] else 1) - 1
                elif final == b"G":
                    x = (nums[0] if nums and nums[0] else 1) - 1
                elif final == b"d":
                    y = (nums[0] if nums and nums[0] else 1) - 1
                elif final == b"C":
                    x += nums[0] if nums and nums[0] else 1
                elif final == b"D":
                    x -= nums[0] if nums and nums[0] else 1
                elif final == b"A":
                    y -= nums[0] if nums and nums[0] else 1
                elif final == b"B":
                    y += nums[0] if nums and nums[0] else 1
                elif final == b"b":
                    x += nums[0] if nums and nums[0] else 1
                add(CSI_NAMES.get(final, "other CSI"), m.end() - i)
                i = m.end()
                continue
            if data[i + 1:i + 2] == b"(":
                add("charset (ESC ( B)", 3)
                i += 3
                continue
            if data[i + 1:i + 2] == b"]":
                end = data.find(b"\x07", i)
                end = n if end < 0 else end + 1
                add("OSC", end - i)
                i = end
                continue
            if data[i + 1:i + 2] == b"M":
                add("reverse index (RI)", 2)
                i += 2
                continue
            add("other ESC", 2)
            i += 2
            continue
        if c == 0x0d:
            x = 0
            add("CR/LF/BS", 1)
        elif c == 0x0a:
            y += 1
            add("CR/LF/BS", 1)
        elif c == 0x08:
            x -= 1
            add("CR/LF/BS", 1)
        elif c < 0x20:
            add("other control", 1)
        else:
            # one character: a UTF-8 lead byte and its continuation bytes
            j = i + 1
            while j < n and 0x80 <= data[j] < 0xc0:
                j += 1
            add("text", j - i)
            x += 1
            i = j
            continue
        i += 1
    return kinds, regions


# ---- statistics ----------------------------------------------------------------

def median(xs):
    return statistics.median(xs) if xs else None


def p95(xs):
    if not xs:
        return None
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, int(round(0.95 * len(s) + 0.5)) - 1))]


def ms(x):
    return "n/a" if x is None else f"{x * 1000:.2f} ms" if x < 0.1 else f"{x * 1000:.0f} ms"


def nbytes(x):
    if x is None:
        return "n/a"
    return f"{x / 1024:.1f} KB" if x >= 10240 else f"{int(round(x))} B"


def steal_ticks():
    """Ticks (10 ms) the hypervisor gave this VM's CPUs to others, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        return int(fields[8]) if len(fields) > 8 else 0
    except (OSError, ValueError):
        return 0


class Samples:
    def __init__(self):
        self.bytes, self.lat, self.dumps, self.reads, self.cpu, self.stolen = [], [], [], [], [], []

    def add(self, n, lat, data, reads=None, cpu=None, stolen=None):
        self.bytes.append(n)
        if stolen is not None:
            self.stolen.append(stolen)
        if cpu is not None:
            self.cpu.append(cpu)
        if reads is not None:
            self.reads.append(reads)
        if lat is not None:
            self.lat.append(lat)
        if len(self.dumps) < 3:
            self.dumps.append(data)


# ---- the mlcert session ------------------------------------------------------------

def state_size(state):
    return sum(os.path.getsize(os.path.join(state, f)) for f in os.listdir(state))


def mlcert_session(args, pack, pack_info, cols, rows, reps, log):
    """One run of the program on pack at cols x rows: every key class."""
    state = tempfile.mkdtemp(prefix="mlcert-bench-state-")
    t = Term([args.mlcert, "--content", pack, "--state", state], cols, rows, env=args.cache_env)
    first, _, t_last = t.settle()
    res = {"first_frame": (t_last - t.t_spawn) if t_last else None, "first_bytes": len(first)}
    S = {}

    def sample(name, keys, **kw):
        n, lat, data = t.key(keys, **kw)
        S.setdefault(name, Samples()).add(n, lat, data, t.last_reads, t.last_cpu, t.last_stolen)
        return n, lat, data

    def untimed(keys, first_timeout=FIRST_BYTE):
        return t.key(keys, first_timeout=first_timeout)

    # a full repaint (Ctrl-L) of each screen is the yardstick for "half a repaint"
    for _ in range(3):
        sample("repaint", CTRL_L)

    # tree moves on the collapsed tree (the reader and quiz follow the cursor)
    for i in range(reps):
        sample("tree", b"j" if (i // 6) % 2 == 0 else b"k")
    sample("repaint_tree", CTRL_L)
    untimed(b"g")

    # Esc closes an overlay (the dashboard); D itself is timed too
    for _ in range(max(5, reps // 4)):
        sample("dashboard", b"D")
        sample("esc", ESC, first_timeout=1.0)

    # search: type a word after / in the tree, a character at a time
    n, _, data = untimed(b"/")
    res["search_built"] = b"Search" in data
    if res["search_built"]:
        for rnd in range(3):
            for j, ch in enumerate("pipeline"):
                sample("search_first" if (rnd == 0 and j == 0) else "search", ch.encode())
            sample("esc", ESC, first_timeout=1.0)
            if rnd < 2:
                untimed(b"/")
    else:
        untimed(ESC, first_timeout=0.3)

    # to the long topic, the first leaf of domain 0's first area: l opens a closed
    # node or steps to its first child, so press it until the reader shows the topic
    # (ncurses writes only what changed, so look for the end of the id, which differs)
    want = "-".join(pack_info["long_topic"].split("-")[-2:]).encode()
    untimed(b"g")
    for _ in range(6):
        _, _, data = untimed(b"l")
        if want in data.lower():
            break
    else:
        raise SystemExit(f"could not reach the topic {pack_info['long_topic']} in the tree")
    # opening a topic: Enter on a leaf moves focus to the reader; Shift-Tab back
    for _ in range(max(5, reps // 4)):
        sample("open", b"\r")
        untimed(BTAB)
    untimed(b"\r")

    def scroll(name, key, count, at_end):
        """count timed presses; a press with no output means the end: at_end keys, go on."""
        direction_keys = [key]
        done = 0
        misses = 0
        while done < count and misses < 4:
            n, lat, data = t.key(direction_keys[0], first_timeout=0.4)
            if n == 0:
                misses += 1
                if at_end == b"reverse":
                    direction_keys[0] = b"k" if direction_keys[0] == b"j" else b"j"
                else:
                    untimed(at_end)
                continue
            misses = 0
            S.setdefault(name, Samples()).add(n, lat, data, t.last_reads, t.last_cpu, t.last_stolen)
            done += 1

    # split layout: reader beside the tree
    scroll("line_split", b"j", reps, b"reverse")
    untimed(b"g")
    scroll("page_split", b" ", reps, b"g")
    sample("repaint_split", CTRL_L)
    for _ in range(3):
        untimed(b"g")
        sample("burst_split", b"j" * 100)
    untimed(b"g")
    # full-width reader
    untimed(b"f")
    scroll("line_full", b"j", reps, b"reverse")
    untimed(b"g")
    scroll("page_full", b" ", reps, b"g")
    sample("repaint_full", CTRL_L)
    for _ in range(3):
        untimed(b"g")
        sample("burst_full", b"j" * 100)
    untimed(b"g")
    untimed(b"f")

    # the quiz: Tab from the reader, choose a, Enter submits, Enter moves on
    untimed(b"\t")
    for _ in range(max(5, reps // 2)):
        before = state_size(state)
        sample("choose", b"a")
        n, lat, data = t.key(b"\r")
        for letter in b"bcdefgh":
            if state_size(state) != before:
                break
            untimed(bytes([letter]))  # multiple-select: one more choice, then submit again
            n, lat, data = t.key(b"\r")
        S.setdefault("submit", Samples()).add(n, lat, data, t.last_reads, t.last_cpu, t.last_stolen)
        sample("next", b"\r")
    sample("repaint_quiz", CTRL_L)

    t.close(b"q")
    res["maxrss_kb"] = t.rusage.ru_maxrss if t.rusage else None
    res["samples"] = S
    shutil.rmtree(state, ignore_errors=True)
    log(f"  mlcert {cols}x{rows} on {os.path.basename(pack)}: first frame {ms(res['first_frame'])}, "
        f"{sum(len(s.bytes) for s in S.values())} keys")
    return res


def first_frame(argv, cols, rows, runs, env=None, quit_keys=b"q", cpus=None):
    """Spawn to first settled frame, per run; CPU seconds to that point go to cpus."""
    times = []
    if not shutil.which(argv[0]):
        return times  # not installed: the table says n/a
    for _ in range(runs):
        t = Term(argv, cols, rows, env=env)
        _, _, t_last = t.settle()
        if t_last:
            times.append(t_last - t.t_spawn)
        c = t.cpu()
        if cpus is not None and c is not None:
            cpus.append(c)
        t.close(quit_keys)
    return times


def mlcert_first_frames(args, pack, cols, rows, runs, cpus=None, snapshot=True):
    """From the pack's snapshot, or from its YAML with the cache off: the first
    start after the pack changed. runs=0 is one untimed run (it writes the
    snapshot)."""
    env = dict(args.cache_env) if snapshot else dict(args.cache_env, MLCERT_NO_CACHE="1")
    times = []
    for _ in range(max(runs, 1)):
        state = tempfile.mkdtemp(prefix="mlcert-bench-state-")
        t = first_frame([args.mlcert, "--content", pack, "--state", state], cols, rows, 1, env=env,
                        cpus=cpus if runs else None)
        times += t if runs else []
        shutil.rmtree(state, ignore_errors=True)
    return times


# ---- less and man ------------------------------------------------------------------

PAGER_ENV = {"LESS": "", "LESSOPEN": "", "LESSCLOSE": "", "LESSHISTFILE": "-", "PAGER": "less",
             "MANPAGER": "less", "MANOPT": "", "MANWIDTH": ""}


def less_session(textfile, cols, rows, reps):
    S = {"line": Samples(), "page": Samples()}
    if not shutil.which("less"):
        return S
    t = Term(["less", textfile], cols, rows, env=PAGER_ENV)
    t.settle()
    for _ in range(reps):
        S["line"].add(*t.key(b"j"))
    t.key(b"g")
    for i in range(reps):
        if i and i % 50 == 0:
            t.key(b"g")
        S["page"].add(*t.key(b" "))
    t.close(b"q")
    return S


def write_roff(pack, path):
    """A man page made of the pack's long topic: comparable work for man."""
    info = json.load(open(os.path.join(pack, "bench.json")))
    tid = info["long_topic"]
    text = None
    for fn in sorted(os.listdir(os.path.join(pack, "topics"))):
        body = open(os.path.join(pack, "topics", fn)).read()
        start = body.find(f"  - id: {tid}\n")
        if start >= 0:
            end = body.find("\n  - id: ", start + 1)
            text = body[start:end if end > 0 else len(body)]
            break
    out = [f'.TH {tid.upper()} 7 2026-11-29 "mlcert bench" "Generated"\n']
    for line in text.splitlines()[1:]:
        s = line.strip()
        m = re.match(r"^([a-z_]+):\s*\|?\s*(.*)$", s)
        if m and line.startswith("    ") and not line.startswith("      "):
            out.append(f".SH {m.group(1).upper().replace('_', ' ')}\n")
            if m.group(2):
                out.append(m.group(2) + "\n")
        elif not s:
            out.append(".PP\n")
        elif s.startswith("- "):
            out.append(".IP \\(bu 2\n" + s[2:] + "\n")
        else:
            out.append(s.replace("\\", "\\\\").lstrip(".'") + "\n")
    with open(path, "w") as f:
        f.write("".join(out))


# ---- load and check (mlcert lint) --------------------------------------------------

def lint_run(args, pack):
    p = subprocess.Popen([args.mlcert, "lint", pack], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    t0 = now()
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    return now() - t0, ru.ru_maxrss, status, out.decode(errors="replace")


def lint_bench(args, pack, log):
    res = {}
    wall, rss, status, out = lint_run(args, pack)  # warm-up, and the verdict
    res["lint_output"] = out.strip().splitlines()[-1] if out.strip() else ""
    res["lint_status"] = os.waitstatus_to_exitcode(status)
    times, rsses = [], [rss]
    for _ in range(args.lint_runs):
        wall, rss, _, _ = lint_run(args, pack)
        times.append(wall)
        rsses.append(rss)
    res["lint_median"] = median(times)
    res["lint_rss_kb"] = max(rsses)
    res["hyperfine"] = None
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as j:
            r = subprocess.run(["hyperfine", "-N", "--warmup", "1", "--runs", str(args.lint_runs),
                                "--export-json", j.name, f"{args.mlcert} lint {pack}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if r.returncode == 0:
                h = json.load(open(j.name))["results"][0]
                res["hyperfine"] = (h["median"], h["mean"], h["stddev"])
    log(f"  lint: median {ms(res['lint_median'])}, peak RSS {res['lint_rss_kb'] / 1024:.1f} MB")
    return res


def load_bench(args, pack, log):
    """The program's own start: load (from the snapshot) + check + an empty
    journal, through `mlcert stats`."""
    state = tempfile.mkdtemp(prefix="mlcert-bench-state-")
    argv = [args.mlcert, "--content", pack, "--state", state, "stats"]
    env = dict(os.environ, **args.cache_env)
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)  # writes the snapshot
    times, rss = [], 0
    for _ in range(args.lint_runs):
        t0 = now()
        p = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        times.append(now() - t0)
        rss = max(rss, ru.ru_maxrss)
    res = {"median": median(times), "rss_kb": rss, "hyperfine": None}
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as j:
            r = subprocess.run(["hyperfine", "-N", "--warmup", "2", "--runs", str(max(10, args.lint_runs)),
                                "--export-json", j.name, " ".join(argv)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if r.returncode == 0:
                h = json.load(open(j.name))["results"][0]
                res["hyperfine"] = (h["median"], h["mean"], h["stddev"])
    shutil.rmtree(state, ignore_errors=True)
    log(f"  from the snapshot: median {ms(res['median'])}, peak RSS {rss / 1024:.1f} MB")
    return res


# ---- the table -----------------------------------------------------------------------

def machine(load_start):
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    fmt = lambda la: " / ".join(f"{x:.2f}" for x in la)
    return (f"nproc {len(os.sched_getaffinity(0))}, {cpu}, Linux {platform.release()}; "
            f"load average (1/5/15 min) {fmt(load_start)} at the start, {fmt(os.getloadavg())} at the end")


def verdict(ok):
    return "n/a" if ok is None else "ok" if ok else "**MISSED**"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mlcert", default="./mlcert")
    ap.add_argument("--bundled", default="content/pmle")
    ap.add_argument("--pack", default="build/bench/pack30", help="the 30x pack (written if missing)")
    ap.add_argument("--reps", type=int, default=40, help="timed presses per key class and size")
    ap.add_argument("--startup-runs", type=int, default=7)
    ap.add_argument("--lint-runs", type=int, default=5)
    ap.add_argument("--out", help="also write the table to this file")
    ap.add_argument("--dump", help="write raw output of sample keys here (for byte analysis)")
    args = ap.parse_args()
    os.chdir(ROOT)
    args.mlcert = os.path.abspath(args.mlcert)
    started = now()
    load_start = os.getloadavg()

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    if not os.path.exists(os.path.join(args.pack, "bench.json")):
        log(f"writing the 30x pack to {args.pack}")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_pack.py"), args.pack, "--force"], check=True)
    pack_info = json.load(open(os.path.join(args.pack, "bench.json")))

    work = tempfile.mkdtemp(prefix="mlcert-bench-")
    # snapshots go to a cache of this run's own, never the user's
    args.cache_env = {"XDG_CACHE_HOME": os.path.join(work, "cache")}
    textfile = os.path.join(work, "long.txt")
    with open(textfile, "w") as f:  # a long text file for less: the pack's topics, as text
        for fn in sorted(os.listdir(os.path.join(args.pack, "topics"))):
            f.write(open(os.path.join(args.pack, "topics", fn)).read())
    roff = os.path.join(work, "mlcert-bench.7")
    write_roff(args.pack, roff)

    log("load and check")
    L = lint_bench(args, args.pack, log)
    LS30 = load_bench(args, args.pack, log)

    log("startup to first frame")
    F, FC = {}, {}
    for cols, rows in SIZES:
        for key in ("mlcert", "less", "man", "mlcert30", "mlcert_yaml", "mlcert30_yaml"):
            F[(key, cols)], FC[(key, cols)] = [], []
        # the snapshots first (untimed), then rounds of one run of each: the
        # machine's speed drifts, and each program should meet the same drift
        mlcert_first_frames(args, args.bundled, cols, rows, 0)
        mlcert_first_frames(args, args.pack, cols, rows, 0)
        for r in range(args.startup_runs):
            F[("mlcert", cols)] += mlcert_first_frames(args, args.bundled, cols, rows, 1, FC[("mlcert", cols)])
            F[("mlcert_yaml", cols)] += mlcert_first_frames(args, args.bundled, cols, rows, 1,
                                                            FC[("mlcert_yaml", cols)], snapshot=False)
            F[("less", cols)] += first_frame(["less", textfile], cols, rows, 1, env=PAGER_ENV,
                                             cpus=FC[("less", cols)])
            F[("man", cols)] += first_frame(["man", "-l", roff], cols, rows, 1, env=PAGER_ENV)
            F[("mlcert30", cols)] += mlcert_first_frames(args, args.pack, cols, rows, 1, FC[("mlcert30", cols)])
            if r < 3:
                F[("mlcert30_yaml", cols)] += mlcert_first_frames(args, args.pack, cols, rows, 1,
                                                                  FC[("mlcert30_yaml", cols)], snapshot=False)
        log(f"  {cols}x{rows}: mlcert {ms(median(F[('mlcert', cols)]))}, less {ms(median(F[('less', cols)]))}, "
            f"man {ms(median(F[('man', cols)]))}, mlcert 30x {ms(median(F[('mlcert30', cols)]))}")

    log("keys")
    K, LS = {}, {}
    gc.disable()  # no collector pauses inside a latency measurement
    for cols, rows in SIZES:
        K[cols] = mlcert_session(args, args.pack, pack_info, cols, rows, args.reps, log)
        LS[cols] = less_session(textfile, cols, rows, args.reps)
    gc.enable()

    if args.dump:
        os.makedirs(args.dump, exist_ok=True)
        for cols, rows in SIZES:
            for name, s in K[cols]["samples"].items():
                for i, d in enumerate(s.dumps):
                    open(os.path.join(args.dump, f"{cols}x{rows}-{name}-{i}.bin"), "wb").write(d)
            for name, s in LS[cols].items():
                open(os.path.join(args.dump, f"{cols}x{rows}-less-{name}.bin"), "wb").write(s.dumps[0])

    shutil.rmtree(work, ignore_errors=True)
    elapsed = now() - started

    # ---- build the table ----
    out = []
    w = out.append
    cmd = "make bench" + ("" if args.reps == 40 else f"  (python3 tests/bench/bench.py --reps {args.reps})")
    w(f"## mlcert benchmark\n")
    w(f"- machine: {machine(load_start)}")
    w(f"- mlcert: {subprocess.run([args.mlcert, '--version'], capture_output=True, text=True).stdout.strip()}; "
      f"less: {subprocess.run(['less', '--version'], capture_output=True, text=True).stdout.splitlines()[0]}; "
      f"man: {subprocess.run(['man', '--version'], capture_output=True, text=True).stdout.strip()}")
    w(f"- 30x pack: {pack_info['topics']} topics, {pack_info['questions']} questions "
      f"({pack_info['multiple_select']} multiple-select), {pack_info['flows']} flows, "
      f"{pack_info['bytes'] / 1e6:.1f} MB (tests/bench/gen_pack.py); `mlcert lint`: {L['lint_output']}")
    w(f"- reproduce: `{cmd}` ({elapsed:.0f} s); bytes are medians over the presses; latency is key to last "
      f"byte before {QUIET * 1000:.0f} ms of quiet; first frame is spawn to last byte before "
      f"{SETTLE * 1000:.0f} ms of quiet, median of {args.startup_runs} runs in rounds of one run of each "
      f"program (3 for the 30x pack from YAML)\n")

    w("| measure | 80×24 | 200×50 | target | verdict |")
    w("|---|---|---|---|---|")

    def row(name, v80, v200, target, ok):
        w(f"| {name} | {v80} | {v200} | {target} | {verdict(ok)} |")

    def both(pred):
        vals = [pred(c) for c, _ in SIZES]
        return None if any(v is None for v in vals) else all(vals)

    mf = {c: median(F[("mlcert", c)]) for c, _ in SIZES}

    def with_cpu(key, c):
        wall, cpu = median(F[(key, c)]), median(FC.get((key, c), []))
        return ms(wall) + (f" (CPU {ms(cpu)})" if cpu is not None else "")

    man_f = {c: median(F[("man", c)]) for c, _ in SIZES}
    less_f = {c: median(F[("less", c)]) for c, _ in SIZES}
    mfy = {c: median(F[("mlcert_yaml", c)]) for c, _ in SIZES}
    m30 = {c: median(F[("mlcert30", c)]) for c, _ in SIZES}
    m30y = {c: median(F[("mlcert30_yaml", c)]) for c, _ in SIZES}
    row("first frame, bundled pack, from its snapshot (every start but the first after a change; "
        "wall, CPU of mlcert)", with_cpu("mlcert", 80), with_cpu("mlcert", 200), "≤ 30 ms and ≤ man",
        both(lambda c: mf[c] is not None and mf[c] <= 0.030 and (man_f[c] is None or mf[c] <= man_f[c])))
    row("first frame, bundled pack, from YAML (MLCERT_NO_CACHE=1: the first start after a change)",
        with_cpu("mlcert_yaml", 80), with_cpu("mlcert_yaml", 200), "≤ 30 ms and ≤ man",
        both(lambda c: mfy[c] is not None and mfy[c] <= 0.030 and (man_f[c] is None or mfy[c] <= man_f[c])))
    row("first frame, 30× pack, from its snapshot", with_cpu("mlcert30", 80), with_cpu("mlcert30", 200),
        "≤ man (same run)",
        None if None in man_f.values() else both(lambda c: m30[c] is not None and m30[c] <= man_f[c]))
    row("first frame, 30× pack, from YAML", with_cpu("mlcert30_yaml", 80), with_cpu("mlcert30_yaml", 200),
        "≤ man (same run)",
        None if None in man_f.values() else both(lambda c: m30y[c] is not None and m30y[c] <= man_f[c]))
    row("first frame, less (long text file)", with_cpu("less", 80), with_cpu("less", 200), "reference", None)
    row("first frame, man (generated roff page; man, groff and less)", ms(man_f[80]), ms(man_f[200]),
        "reference", None)
    hf = L["hyperfine"]
    lint_t = hf[0] if hf else L["lint_median"]
    src = (f"hyperfine median of {args.lint_runs} (mean {ms(hf[1])} ± {ms(hf[2])})" if hf
           else f"median of {args.lint_runs}")
    hs = LS30["hyperfine"]
    snap_t = hs[0] if hs else LS30["median"]
    snap_src = (f"hyperfine median of {max(10, args.lint_runs)} (mean {ms(hs[1])} ± {ms(hs[2])})" if hs
                else f"median of {args.lint_runs}")
    row(f"load + check, 30× pack, from its snapshot (`mlcert stats`: load, check, empty journal; {snap_src})",
        ms(snap_t), "", "≤ 150 ms", snap_t <= 0.150)
    row("peak RSS of that", f"{LS30['rss_kb'] / 1024:.1f} MB", "", "≤ 64 MB", LS30["rss_kb"] <= 64 * 1024)
    row(f"load + check, 30× pack, from YAML (`mlcert lint`, {src})", ms(lint_t), "", "≤ 150 ms", lint_t <= 0.150)
    row("peak RSS, `mlcert lint` on the 30× pack", f"{L['lint_rss_kb'] / 1024:.1f} MB", "", "≤ 64 MB",
        L["lint_rss_kb"] <= 64 * 1024)
    rss = {c: K[c]["maxrss_kb"] for c, _ in SIZES}
    row("peak RSS, the TUI session on the 30× pack", *(f"{rss[c] / 1024:.1f} MB" if rss[c] else "n/a"
                                                       for c, _ in SIZES), "(≤ 64 MB)",
        both(lambda c: rss[c] is not None and rss[c] <= 64 * 1024))

    def mb(c, name):
        s = K[c]["samples"].get(name)
        return median(s.bytes) if s and s.bytes else None

    yard = {"tree": "repaint_tree", "line_split": "repaint_split", "page_split": "repaint_split",
            "open": "repaint_split", "burst_split": "repaint_split", "line_full": "repaint_full",
            "page_full": "repaint_full", "burst_full": "repaint_full", "choose": "repaint_quiz",
            "submit": "repaint_quiz", "next": "repaint_quiz"}
    w("| **bytes per key** (30× pack; median) | | | | |")
    for name, label in (("repaint", "start screen"), ("repaint_split", "split layout, reader focused"),
                        ("repaint_full", "full-width reader"), ("repaint_quiz", "quiz focused")):
        row(f"full repaint (Ctrl-L), {label}: the yardstick", nbytes(mb(80, name)), nbytes(mb(200, name)),
            "—", None)

    def half(name):
        return both(lambda c: mb(c, name) is not None and mb(c, yard[name]) is not None
                    and mb(c, name) <= mb(c, yard[name]) / 2)
    tree_outside = {}
    for c, r in SIZES:
        s = K[c]["samples"].get("tree")
        split = max(22, min(44, c * 32 // 100))
        vals = []
        for d in (s.dumps if s else []):
            _, regions = classify(d, c, split, r)
            vals.append(regions.get("tree", 0) + regions.get("bars", 0))
        tree_outside[c] = median(vals)
    row("tree move, j/k on the collapsed tree (reader and quiz follow)", nbytes(mb(80, "tree")),
        nbytes(mb(200, "tree")), "≤ ½ full repaint of that screen", half("tree"))
    row("  of which the tree pane and bars", nbytes(tree_outside[80]), nbytes(tree_outside[200]),
        "≤ 200 B at 80×24", tree_outside[80] is not None and tree_outside[80] <= 200)
    row("reader line scroll, split layout (j)", nbytes(mb(80, "line_split")), nbytes(mb(200, "line_split")),
        "≤ ½ full repaint of that screen", half("line_split"))
    row("reader line scroll, full width (f, j)", nbytes(mb(80, "line_full")), nbytes(mb(200, "line_full")),
        "≤ 250 B at 200×50 (and ≤ ½ repaint)",
        None if mb(200, "line_full") is None else mb(200, "line_full") <= 250 and half("line_full"))
    lp = {c: median(LS[c]["page"].bytes) for c, _ in SIZES}
    ll = {c: median(LS[c]["line"].bytes) for c, _ in SIZES}
    row("less: one line down (j)", nbytes(ll[80]), nbytes(ll[200]), "reference", None)
    row("less: page down (Space)", nbytes(lp[80]), nbytes(lp[200]), "reference", None)
    for name, label in (("page_split", "reader page down, split layout (Space)"),
                        ("page_full", "reader page down, full width (Space)")):
        # a page down replaces the pane's whole text, so its yardstick is less, not half a repaint
        row(label, nbytes(mb(80, name)), nbytes(mb(200, name)), "≤ 1.3× less",
            both(lambda c: mb(c, name) is not None and lp[c] is not None and mb(c, name) <= 1.3 * lp[c]))
    for name, label in (("open", "open a topic (Enter on a leaf)"), ("choose", "answer: choose (a)"),
                        ("submit", "answer: submit (Enter, journal fsync)"),
                        ("next", "next question (Enter after feedback)")):
        row(label, nbytes(mb(80, name)), nbytes(mb(200, name)), "≤ ½ full repaint of that screen", half(name))
    # One frame of that screen: a burst that jumps 100 lines changes the whole
    # reader, so its frame is a repaint; 100 frames of one j each would be 100x.
    for name, one, label in (("burst_split", "line_split", "100 × j in one write, split reader"),
                             ("burst_full", "line_full", "100 × j in one write, full-width reader")):
        ratio = {c: (mb(c, name) / mb(c, yard[name])) if mb(c, name) and mb(c, yard[name]) else None
                 for c, _ in SIZES}
        per_j = {c: (mb(c, name) / mb(c, one)) if mb(c, name) and mb(c, one) else None for c, _ in SIZES}
        row(label, *(f"{nbytes(mb(c, name))} ({ratio[c]:.2f}× a repaint, {per_j[c]:.1f}× one j)" if ratio[c]
                     else nbytes(mb(c, name)) for c, _ in SIZES),
            "≤ 3× one frame (a repaint of that screen)",
            both(lambda c: ratio[c] is not None and ratio[c] <= 3))
    row("Esc closing the dashboard", nbytes(mb(80, "esc")), nbytes(mb(200, "esc")), "— (whole screen changes)",
        None)

    w("| **latency, key to quiet** (30× pack; wall median / p95; CPU the program used for the key, "
      "median / p95; how many keys had steal time, the hypervisor running something else on this VM's "
      "CPUs, in /proc/stat) | | | | |")

    def lat(c, name):
        s = K[c]["samples"].get(name)
        return (median(s.lat), p95(s.lat), len(s.lat)) if s and s.lat else (None, None, 0)

    def latcell(c, name):
        m, p, n = lat(c, name)
        s = K[c]["samples"].get(name)
        cpu = f"; CPU {ms(median(s.cpu))} / {ms(p95(s.cpu))}" if s and s.cpu else ""
        # keys during which the hypervisor ran something else on this VM's CPUs
        stolen = f", {sum(1 for x in s.stolen if x)} with steal" if s and s.stolen else ""
        return "n/a" if m is None else f"{ms(m)} / {ms(p)}{cpu} (n={n}{stolen})"

    for name, label, limit, tlabel in (
            ("tree", "tree move", 0.002, "p95 ≤ 2 ms"),
            ("line_split", "reader line, split", 0.002, "p95 ≤ 2 ms"),
            ("line_full", "reader line, full width", 0.002, "p95 ≤ 2 ms"),
            ("page_split", "page down, split", 0.002, "p95 ≤ 2 ms"),
            ("page_full", "page down, full width", 0.002, "p95 ≤ 2 ms"),
            ("open", "open a topic", 0.002, "p95 ≤ 2 ms"),
            ("choose", "answer: choose", 0.002, "p95 ≤ 2 ms"),
            ("submit", "answer: submit (fsync)", 0.002, "p95 ≤ 2 ms"),
            ("next", "next question", 0.002, "p95 ≤ 2 ms"),
            ("burst_split", "100 × j burst, split", None, "—"),
            ("dashboard", "open the dashboard (D)", 0.002, "p95 ≤ 2 ms"),
            ("esc", "Esc (closes the dashboard; includes ESCDELAY 25 ms)", 0.050, "≤ 50 ms")):
        ok = None if limit is None else both(lambda c: lat(c, name)[1] is not None and lat(c, name)[1] <= limit)
        row(label, latcell(80, name), latcell(200, name), tlabel, ok)
    row("less: one line / page down", *(f"{ms(median(LS[c]['line'].lat))} / {ms(median(LS[c]['page'].lat))}"
                                         for c, _ in SIZES), "reference", None)
    if K[80]["search_built"]:
        def sc(c):
            s, f = K[c]["samples"].get("search"), K[c]["samples"].get("search_first")
            cpu = f" (CPU {ms(median(s.cpu))} median, {ms(max(s.cpu))} max)" if s.cpu else ""
            return (f"{ms(median(s.lat))} median, {ms(max(s.lat))} max{cpu}; first character (builds the "
                    f"index) {ms(f.lat[0] if f and f.lat else None)}")
        row("search per typed character (\"pipeline\" after /, 30× pack)", sc(80), sc(200), "≤ 5 ms per char",
            both(lambda c: max(K[c]["samples"]["search"].lat + K[c]["samples"]["search_first"].lat) <= 0.005))
    else:
        row("search per typed character", "n/a (search not built yet)", "n/a (search not built yet)",
            "≤ 5 ms per char", None)
    w("")

    # where the bytes go, for the costliest classes at 200x50
    w("Bytes by kind at 200×50 (first sample of each class); reads = pty reads per key, median "
      "(how many pieces a frame reaches the terminal in: over SSH, roughly one packet each):\n")
    w("| key | total | reads | top kinds |")
    w("|---|---|---|---|")
    for name in ("repaint", "tree", "line_split", "line_full", "page_split", "page_full", "open", "choose",
                 "submit", "burst_split"):
        s = K[200]["samples"].get(name)
        if not s or not s.dumps:
            continue
        kinds, regions = classify(s.dumps[0], 200, 44, 50)
        top = sorted(kinds.items(), key=lambda kv: -kv[1])[:5]
        reg = ", ".join(f"{k} {v}" for k, v in sorted(regions.items()))
        reads = median(s.reads) if s.reads else None
        w(f"| {name} | {len(s.dumps[0])} B | {reads if reads is not None else 'n/a'} | "
          + ", ".join(f"{k} {v}" for k, v in top) + f"; by region: {reg} |")
    table = "\n".join(out)
    print(table)
    if args.out:
        with open(args.out, "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
