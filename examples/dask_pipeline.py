#!/usr/bin/env python3
"""Extract claims from a JSON Lines corpus on Dask and reconcile them.

    python3 examples/dask_pipeline.py [--workers N] [--scheduler ADDRESS]
            [--npartitions N | --blocksize SIZE] [--out-docs FILE] [--out-report FILE]
            FILE.jsonl [MORE.jsonl or globs...]

Reads the articles (one JSON object per line: {"id", "text", "source", "date",
"url", "title", "lang"}) as a dask.bag, extracts entities and claims over the
partitions on the workers (one newsclaims.Context per worker process, created
once), and reduces the claims with reconcile (partial claim sets merged in a
tree).  Without --scheduler it starts a LocalCluster of --workers processes on
127.0.0.1; with --scheduler tcp://host:8786 it uses that cluster (every worker
needs libnewsclaims and the newsclaims package: see bindings/python/README.md).

Writes the extract output (JSON Lines, as `newsclaims extract --jsonl
--format=json`) to --out-docs (only then are the documents brought back from
the workers) and the reconcile report (JSON) to --out-report when given, and
prints a summary.  Needs dask and distributed (Debian:
python3-dask python3-distributed); the package from bindings/python on
PYTHONPATH or installed; the library through NEWSCLAIMS_LIBRARY or installed
(run from the source tree: its build, and data/ as NEWSCLAIMS_DATA_DIR).
"""
import argparse
import json
import os
import sys
import time


def main(argv=None):
    """Parse the arguments, run the pipeline, print a summary; returns the exit status."""
    here = os.path.dirname(os.path.abspath(__file__))
    pkg = os.path.join(os.path.dirname(here), "bindings", "python")
    if os.path.isdir(os.path.join(pkg, "newsclaims")) and pkg not in sys.path:
        # run from the source tree: make the package importable here and on local workers
        sys.path.insert(0, pkg)
        os.environ["PYTHONPATH"] = pkg + (os.pathsep + os.environ["PYTHONPATH"]
                                          if os.environ.get("PYTHONPATH") else "")
    if not os.environ.get("NEWSCLAIMS_LIBRARY"):
        built = os.path.join(os.path.dirname(here), ".libs", "libnewsclaims.so")
        if os.path.exists(built):  # the build tree's library, and its data files as the tool
            os.environ["NEWSCLAIMS_LIBRARY"] = built
            if not os.environ.get("NEWSCLAIMS_DATA_DIR"):
                os.environ["NEWSCLAIMS_DATA_DIR"] = os.path.join(os.path.dirname(here), "data")

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="JSON Lines files or globs")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    ap.add_argument("--threads", type=int, default=1, help="threads per local worker (default 1)")
    ap.add_argument("--scheduler", help="address of a running scheduler (tcp://host:8786)")
    ap.add_argument("--npartitions", type=int, help="split one file into about N partitions")
    ap.add_argument("--blocksize", help='bytes per partition, e.g. "16MiB"')
    ap.add_argument("--text-field", help="field that holds the text (default: text)")
    ap.add_argument("--no-reconcile", action="store_true", help="extract only")
    ap.add_argument("--out-docs", help="write the extract output here (JSON Lines)")
    ap.add_argument("--out-report", help="write the reconcile report here (JSON)")
    a = ap.parse_args(argv)

    from dask.distributed import Client, LocalCluster
    from newsclaims.dask import extract_and_reconcile

    source = a.paths[0] if len(a.paths) == 1 else a.paths
    blocksize = a.blocksize
    if blocksize is None and a.npartitions is None and len(a.paths) == 1 \
            and os.path.isfile(a.paths[0]):
        a.npartitions = 4 * a.workers  # a few partitions per worker balance the load

    t0 = time.perf_counter()
    if a.scheduler:
        cluster, client = None, Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=a.threads, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    t1 = time.perf_counter()
    try:
        result = extract_and_reconcile(source, npartitions=a.npartitions, blocksize=blocksize,
                                       text_field=a.text_field, reconcile=not a.no_reconcile,
                                       documents=bool(a.out_docs) or a.no_reconcile, as_json=True)
        t2 = time.perf_counter()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    docs, report = result.documents, result.report
    if a.out_docs:
        with open(a.out_docs, "w", encoding="utf-8") as f:
            for d in docs:  # the JSON text as the library wrote it
                f.write(d + "\n")
    if a.out_report and report is not None:
        with open(a.out_report, "w", encoding="utf-8") as f:
            f.write(report + "\n")  # as `newsclaims reconcile --format=json` prints it
        report = json.loads(report)
    elif report is not None:
        report = json.loads(report)
    if docs is not None:
        print("documents: %d  claims: %d" % (len(docs), sum(len(json.loads(d)["claims"]) for d in docs)))
    print("partitions: %d" % result.npartitions)
    if report is not None:
        print("groups: %d  entities: %d" % (len(report.get("groups", [])),
                                             len(report.get("entities", []))))
    print("cluster start: %.2f s  pipeline: %.2f s" % (t1 - t0, t2 - t1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
