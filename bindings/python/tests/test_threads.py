"""One Context shared by several Python threads gives the same results as one thread."""
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor

import nctest
import newsclaims


class ThreadsTest(unittest.TestCase):
    def test_shared_context(self):
        lines = nctest.bbc_lines(120)
        with newsclaims.Context() as ctx:
            want = [ctx.extract_record(l) for l in lines]
            for n in (2, 4):
                with ThreadPoolExecutor(n) as pool:
                    got = list(pool.map(ctx.extract_record, lines))
                self.assertEqual(got, want, "%d threads" % n)

    def test_many_threads_same_document_text(self):
        text = "Foro Penal reported 806 political prisoners on January 5, 2026. " * 20
        with newsclaims.Context() as ctx:
            want = ctx.extract(text, id="x")
            got, errors = [], []

            def work():
                try:
                    for _ in range(20):
                        got.append(ctx.extract(text, id="x"))
                        got.append(ctx.numbers(text) and want)
                except Exception as e:  # pragma: no cover - reported below
                    errors.append(e)
            ts = [threading.Thread(target=work) for _ in range(4)]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
            self.assertEqual(errors, [])
            self.assertEqual(len(got), 160)
            self.assertTrue(all(g == want for g in got))

    def test_gil_released_during_calls(self):
        """Another Python thread runs while the library works (ctypes drops the GIL):
        it counts about as fast as while this thread sleeps, not a few percent of it
        (as with the GIL held: ctypes.PyDLL)."""
        import time
        text = "Foro Penal reported 806 political prisoners on January 5, 2026. " * 4000
        with newsclaims.Context() as ctx:
            count, stop = [0], threading.Event()

            def spin():
                while not stop.is_set():
                    count[0] += 1
            t = threading.Thread(target=spin)
            t.start()
            try:
                time.sleep(0.05)
                before, t0 = count[0], time.perf_counter()
                ctx.extract_json(text)
                during, dur = count[0] - before, time.perf_counter() - t0
                before = count[0]
                time.sleep(dur)
                asleep = count[0] - before
            finally:
                stop.set()
                t.join()
        self.assertGreater(during, 0.25 * asleep, "counted %d during the call, %d asleep"
                           % (during, asleep))

    def test_shared_context_cache(self):
        a = newsclaims.shared_context()
        self.assertIs(newsclaims.shared_context(), a)
        self.assertIsNot(newsclaims.shared_context(newsclaims.CTX_NO_MODEL), a)

    def test_document_lock(self):
        """A Document used from two threads is serialised by its lock, not corrupted."""
        with newsclaims.Context() as ctx:
            doc = ctx.load("Five people came. " * 200)
            outs = []
            ts = [threading.Thread(target=lambda: outs.append(doc.json())) for _ in range(4)]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
            self.assertEqual(len(set(outs)), 1)
            doc.close()


if __name__ == "__main__":
    nctest.main()
