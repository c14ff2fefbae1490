#!/usr/bin/env python3
"""bench_python: the Python binding against the C tool, threads, and Dask.

    python3 bench/bench_python.py [--corpus FILE.jsonl] [--runs N] [--limit N]
                                  [--workers N] [--no-dask] [--no-reconcile]

On the BBC corpus (default ../shared/bench/bbc_news.jsonl, 2,225 articles),
every figure the best of --runs (default 3) runs (other work on the machine
only adds time), in documents per second of wall-clock time and of CPU time:

1. extraction, one thread:
   - the C tool, whole process: `newsclaims extract --jsonl --format=json FILE > /dev/null`;
   - `python3 -m newsclaims extract --jsonl --format=json FILE > /dev/null`, whole process;
   - in process, the loop only: `ctx.extract_record_json(line)` (the JSON text)
     and `ctx.extract_record(line)` (parsed into dicts: what most callers use);
   and the Python overhead per document against the C tool;
2. threads: one Context shared by 1 and 2 threads (concurrent.futures), the
   speed-up of 2 threads, for dicts and for JSON text;
3. Dask (needs dask.distributed; run with /usr/bin/python3 on Debian):
   extract + reconcile of the corpus in one process (the plain loop and
   ctx.reconcile) against a LocalCluster of --workers (default 2) processes
   with one thread each, on 127.0.0.1; the cluster's start-up is reported apart.

The library: NEWSCLAIMS_LIBRARY, else top_builddir or the build tree; the C
tool: NEWSCLAIMS_CLI, else the build tree's `newsclaims`.  Quote ratios: the
absolute rates vary with the machine and the run.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PKG = os.path.join(ROOT, "bindings", "python")


def setup_paths():
    """Package from the source tree; library and tool from the build tree unless set."""
    if PKG not in sys.path:
        sys.path.insert(0, PKG)
    pp = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = PKG + (os.pathsep + pp if pp else "")
    build = os.path.abspath(os.environ.get("top_builddir") or ROOT)
    if not os.environ.get("NEWSCLAIMS_LIBRARY"):
        os.environ["NEWSCLAIMS_LIBRARY"] = os.path.join(build, ".libs", "libnewsclaims.so")
    return os.environ.get("NEWSCLAIMS_CLI") or os.path.join(build, "newsclaims")


def best_time(fn, runs):
    """Best (lowest) wall time of fn() over runs calls, and the last result.  The lowest,
    not the median: other work on the machine only ever adds time."""
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def cpu_now():
    """CPU seconds (user + system) of this process and its finished children."""
    me, ch = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + ch.ru_utime + ch.ru_stime


def best_wall_cpu(fn, runs):
    """Best wall time and best CPU time of fn() over runs calls, and the last result."""
    walls, cpus, out = [], [], None
    for _ in range(runs):
        w, c = time.perf_counter(), cpu_now()
        out = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(cpu_now() - c)
    return min(walls), min(cpus), out


def run_quiet(cmd):
    with open(os.devnull, "wb") as null:
        subprocess.run(cmd, stdout=null, check=True)


def in_threads(fn, lines, nthreads):
    """fn over all lines with nthreads threads sharing it (contiguous chunks, in order)."""
    if nthreads == 1:
        return [fn(l) for l in lines]
    with ThreadPoolExecutor(nthreads) as pool:
        return list(pool.map(fn, lines, chunksize=16))


def wait_idle(client, timeout=30):
    """Wait until the scheduler holds no task, so that a run computes everything anew
    (keys are deterministic: results still in memory would be reused)."""
    def ntasks(dask_scheduler):
        return len(dask_scheduler.tasks)
    end = time.time() + timeout
    while client.run_on_scheduler(ntasks) and time.time() < end:
        time.sleep(0.05)


def _spin(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def cpu_available(seconds=1.5):
    """CPUs this run really gets: CPU/wall of 1 and of 2 busy processes.  On an idle
    2-core machine about 1.0 and 2.0; less when other work competes (then no
    parallel speed-up can show)."""
    import multiprocessing
    out = []
    for k in (1, 2):
        r0, t0 = os.times(), time.perf_counter()
        ps = [multiprocessing.Process(target=_spin, args=(seconds,)) for _ in range(k)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        r1, t1 = os.times(), time.perf_counter()
        out.append((r1.children_user + r1.children_system - r0.children_user -
                    r0.children_system) / (t1 - t0))
    return out


def main(argv=None):
    """Run the benchmarks and print the figures."""
    cli = setup_paths()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "bench",
                                                     "bbc_news.jsonl"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--only", choices=["extract", "threads", "dask"],
                    help="run one section only")
    ap.add_argument("--no-reconcile", action="store_true")
    a = ap.parse_args(argv)

    import newsclaims
    corpus = a.corpus
    with open(corpus, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    if a.limit:
        lines = lines[:a.limit]
        corpus = os.path.join("/tmp", "bench_python_%d.jsonl" % os.getpid())
        with open(corpus, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    n = len(lines)
    mb = sum(len(l.encode()) for l in lines) / 1e6
    print("bench_python: %d articles (%.2f MB of JSON Lines), best of %d runs" % (n, mb, a.runs))
    print("library %s %s; python %s %s" % (newsclaims.library_path(), newsclaims.version(),
                                           sys.executable, sys.version.split()[0]))
    if hasattr(os, "getloadavg"):
        print("load average before: %.2f %.2f %.2f (other work on the machine skews the figures)"
              % os.getloadavg())
    print("CPUs available: 1 busy process gets %.2f, 2 busy processes get %.2f" % tuple(
        cpu_available()))
    ctx = newsclaims.Context()

    if a.only in (None, "extract"):
        extract_section(a, ctx, cli, corpus, lines)
    if a.only in (None, "threads"):
        threads_section(a, ctx, lines)
    if not a.no_dask and a.only in (None, "dask"):
        dask_section(a, ctx, corpus, lines)
    if hasattr(os, "getloadavg"):
        print("load average after: %.2f %.2f %.2f" % os.getloadavg())
    print("CPUs available after: 1 busy process gets %.2f, 2 busy processes get %.2f" % tuple(
        cpu_available()))
    ctx.close()
    if a.limit:
        os.unlink(corpus)
    return 0


def extract_section(a, ctx, cli, corpus, lines):
    """1. One thread: the C tool, python3 -m newsclaims, and the in-process loops."""
    n = len(lines)
    print("\n== extraction, one thread (docs/s)")
    ctx.extract_record(lines[0])  # warm-up
    cases = []
    if os.access(cli, os.X_OK):
        cases.append(("C tool (newsclaims extract --jsonl), whole process",
                      lambda: run_quiet([cli, "extract", "--jsonl", "--format=json", corpus])))
    else:
        print("(no C tool at %s: set NEWSCLAIMS_CLI)" % cli)
    cases += [
        ("python3 -m newsclaims extract --jsonl, whole process",
         lambda: run_quiet([sys.executable, "-m", "newsclaims", "extract", "--jsonl",
                            "--format=json", corpus])),
        ("in process: ctx.extract_record_json(line) -> str",
         lambda: [ctx.extract_record_json(l) for l in lines]),
        ("in process: ctx.extract_record(line) -> dict",
         lambda: [ctx.extract_record(l) for l in lines]),
    ]
    # the cases in turn in each run, so that they all see the same conditions
    walls = {k: [] for k, _ in cases}
    cpus = {k: [] for k, _ in cases}
    for _ in range(a.runs):
        for k, fn in cases:
            w, c = time.perf_counter(), cpu_now()
            fn()
            walls[k].append(time.perf_counter() - w)
            cpus[k].append(cpu_now() - c)
    rows = [(k, min(walls[k]), min(cpus[k])) for k, _ in cases]
    t_cli = c_cli = None
    if os.access(cli, os.X_OK):
        t_cli, c_cli = rows[0][1], rows[0][2]
    c_json, c_dict = rows[-2][2], rows[-1][2]
    print("  %-56s %14s %16s" % ("", "wall", "CPU time"))
    for what, t, c in rows:
        print("  %-56s %6.0f docs/s  %6.0f docs/s  (%.2f s, %.2f s CPU)" % (
            what, n / t, n / c, t, c))
    if t_cli:
        print("  Python per document against the C tool (CPU time): %+.0f us (str), %+.0f us (dict)"
              " on %.0f us; ratio %.2fx (str), %.2fx (dict)" % (
                  (c_json - c_cli) / n * 1e6, (c_dict - c_cli) / n * 1e6, c_cli / n * 1e6,
                  c_json / c_cli, c_dict / c_cli))


def threads_section(a, ctx, lines):
    """2. One Context shared by 1 and 2 threads."""
    n = len(lines)
    print("\n== one Context shared by threads (docs/s)")
    print("  (wall-clock rates; cpu = process CPU time / wall time: above 1 means threads ran "
          "at once, with the GIL released)")
    str_cpu, strs = [1.0], []
    for label, fn in (("dict", ctx.extract_record), ("str", ctx.extract_record_json)):
        walls, cpus, res = {1: [], 2: []}, {1: [], 2: []}, {}
        for _ in range(a.runs):  # 1 and 2 threads in turn, so both see the same conditions
            for k in (1, 2):
                w, c = time.perf_counter(), time.process_time()
                res[k] = in_threads(fn, lines, k)
                walls[k].append(time.perf_counter() - w)
                cpus[k].append(time.process_time() - c)
        out = {k: (min(walls[k]), min(cpus[k]), res[k]) for k in (1, 2)}
        (t1, c1, r1), (t2, c2, r2) = out[1], out[2]
        same = "same results" if r1 == r2 else "RESULTS DIFFER"
        if label == "str":
            str_cpu[0] = c1
        print("  %-5s 1 thread %6.0f docs/s (cpu %.2f)   2 threads %6.0f docs/s (cpu %.2f)   "
              "speed-up %.2fx  (%s)" % (label, n / t1, c1 / t1, n / t2, c2 / t2, t1 / t2, same))
        if label == "str":
            strs = r1
    # what holds the GIL in the dict path: json.loads of every result (the str path
    # holds it only to convert arguments and copy the result)
    c_loads = []
    for _ in range(a.runs):
        c = time.process_time()
        [json.loads(x) for x in strs]
        c_loads.append(time.process_time() - c)
    f = min(c_loads) / (min(c_loads) + str_cpu[0])  # CPU times: robust to other load
    print("  json.loads holds the GIL for %.0f%% of the dict path: with 2 free CPUs, at most "
          "%.2fx (Amdahl)" % (100 * f, 1 / (f + (1 - f) / 2)))
    print("  (%d CPUs available)" % (len(os.sched_getaffinity(0))
                                     if hasattr(os, "sched_getaffinity") else os.cpu_count()))



def dask_section(a, ctx, corpus, lines):
    """3. Dask: one process against a LocalCluster of 1 and of --workers processes."""
    import newsclaims
    n = len(lines)
    try:
        from dask.distributed import Client, LocalCluster
        from newsclaims.dask import extract_and_reconcile
    except ImportError:
        print("\n== Dask: skipped (no dask.distributed in %s; on Debian run with /usr/bin/python3"
              " after apt-get install python3-distributed)" % sys.executable)
        return
    rec = newsclaims.has_reconcile() and not a.no_reconcile
    what = "extract + reconcile" if rec else "extract only (the library has no reconcile API)"
    print("\n== Dask: %s of %d articles" % (what, n))

    def single():
        # the best one-process way to the same outputs: JSON text out of the
        # library, parsed once; the claim set fed the text directly
        js = [ctx.extract_record_json(l) for l in lines]
        rep = ctx.reconcile(js) if rec else None
        return [json.loads(s) for s in js], rep

    def single_report():
        # the report alone, as text (documents stay where they are made)
        with ctx.claimset(ctx.extract_record_json(l) for l in lines) as cs:
            return cs.reconcile_json()
    t_single, (want_docs, want_rep) = best_time(single, a.runs)
    print("  a. documents and report as dicts on the client:")
    print("  one process (extract, reconcile, parse)    %7.2f s  %6.0f docs/s" % (
        t_single, n / t_single))
    if rec:
        t_single_r, want_rep_text = best_time(single_report, a.runs)
    results, results_r = {}, {}
    for workers in sorted({1, a.workers}):
        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
        t_start = time.perf_counter() - t0
        nparts = 4 * workers

        def timed(**kw):
            times, r = [], None
            for _ in range(a.runs):
                wait_idle(client)
                t = time.perf_counter()
                r = extract_and_reconcile(corpus, npartitions=nparts, reconcile=rec, **kw)
                times.append(time.perf_counter() - t)
            return min(times), r
        try:
            extract_and_reconcile(corpus, npartitions=nparts, reconcile=rec)  # warm-up:
            # the workers import the package and create their Context
            t, r = timed()
            if rec:
                results_r[workers] = timed(documents=False, as_json=True)
        finally:
            client.close()
            cluster.close()
        ok = r.documents == want_docs and r.report == want_rep
        results[workers] = t
        print("  LocalCluster %d worker%s x 1 thread          %7.2f s  %6.0f docs/s  "
              "(%d partitions; start-up %.1f s; %s)" % (
                  workers, "s" if workers > 1 else " ", t, n / t, r.npartitions, t_start,
                  "equals one process" if ok else "DIFFERS from one process"))
    tw = results[a.workers]
    print("  %d workers against one process: %.2fx; against 1 worker: %.2fx" % (
        a.workers, t_single / tw, results[1] / tw))
    if rec:
        print("  b. the report alone, as JSON text (documents=False, as_json=True):")
        print("  one process (extract, reconcile)           %7.2f s  %6.0f docs/s" % (
            t_single_r, n / t_single_r))
        for workers, (t, r) in sorted(results_r.items()):
            print("  LocalCluster %d worker%s x 1 thread          %7.2f s  %6.0f docs/s  (%s)" % (
                workers, "s" if workers > 1 else " ", t, n / t,
                "equals one process" if r.report == want_rep_text else "DIFFERS"))
        tw = results_r[a.workers][0]
        print("  %d workers against one process: %.2fx; against 1 worker: %.2fx" % (
            a.workers, t_single_r / tw, results_r[1][0] / tw))

if __name__ == "__main__":
    sys.exit(main())
