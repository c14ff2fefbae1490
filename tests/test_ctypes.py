"""The C API is callable from Python's ctypes: no varargs, no struct by
value, a fixed-size error struct, and strings freed with nc_free().

Finds the library through NEWSCLAIMS_LIBRARY or the build tree
(top_builddir/.libs/libnewsclaims.so)."""
import ctypes
import json
import os
import unittest


class NcError(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("reserved0", ctypes.c_int),
                ("offset", ctypes.c_int64), ("line", ctypes.c_int64), ("column", ctypes.c_int64),
                ("message", ctypes.c_char * 256), ("reserved", ctypes.c_ubyte * 128)]


def load_library():
    path = os.environ.get("NEWSCLAIMS_LIBRARY")
    if not path:
        top = os.environ.get("top_builddir", ".")
        path = os.path.join(top, ".libs", "libnewsclaims.so")
    lib = ctypes.CDLL(os.path.abspath(path))
    P, S = ctypes.c_void_p, ctypes.c_size_t
    lib.nc_version.restype = ctypes.c_char_p
    lib.nc_strerror.argtypes = [ctypes.c_int]
    lib.nc_strerror.restype = ctypes.c_char_p
    lib.nc_ctx_new.argtypes = [ctypes.c_uint, ctypes.POINTER(P), ctypes.POINTER(NcError)]
    lib.nc_ctx_free.argtypes = [P]
    lib.nc_doc_load_buffer.argtypes = [P, ctypes.c_char_p, S, ctypes.c_char_p, ctypes.c_uint,
                                       ctypes.POINTER(P), ctypes.POINTER(NcError)]
    lib.nc_doc_load_json.argtypes = [P, ctypes.c_char_p, S, ctypes.c_char_p, ctypes.c_uint,
                                     ctypes.POINTER(P), ctypes.POINTER(NcError)]
    lib.nc_doc_free.argtypes = [P]
    lib.nc_doc_meta.argtypes = [P, ctypes.c_int]
    lib.nc_doc_meta.restype = ctypes.c_char_p
    lib.nc_doc_sentence_count.argtypes = [P]
    lib.nc_doc_sentence_count.restype = S
    lib.nc_doc_sentence_span.argtypes = [P, S, ctypes.POINTER(S), ctypes.POINTER(S)]
    lib.nc_doc_json.argtypes = [P, P, ctypes.c_uint, ctypes.POINTER(ctypes.c_void_p),
                                ctypes.POINTER(S), ctypes.POINTER(NcError)]
    lib.nc_free.argtypes = [P]
    return lib


class CtypesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lib = load_library()
        cls.ctx = ctypes.c_void_p()
        err = NcError()
        assert cls.lib.nc_ctx_new(0, ctypes.byref(cls.ctx), ctypes.byref(err)) == 0, err.message

    @classmethod
    def tearDownClass(cls):
        cls.lib.nc_ctx_free(cls.ctx)

    def load(self, data, flags=0):
        doc, err = ctypes.c_void_p(), NcError()
        rc = self.lib.nc_doc_load_buffer(self.ctx, data, len(data), b"py", flags,
                                         ctypes.byref(doc), ctypes.byref(err))
        return rc, doc, err

    def test_version(self):
        self.assertRegex(self.lib.nc_version().decode(), r"^\d+\.\d+\.\d+$")
        self.assertEqual(self.lib.nc_strerror(4), b"invalid UTF-8")

    def test_load_and_json(self):
        text = "Caf\u00e9 owners met on January 13, 2026. They agreed.".encode()
        rc, doc, err = self.load(text)
        self.assertEqual(rc, 0, err.message)
        try:
            self.assertEqual(self.lib.nc_doc_sentence_count(doc), 2)
            s, e = ctypes.c_size_t(), ctypes.c_size_t()
            self.assertEqual(self.lib.nc_doc_sentence_span(doc, 1, ctypes.byref(s), ctypes.byref(e)), 0)
            self.assertEqual(text[s.value:e.value], b"They agreed.")
            out, n = ctypes.c_void_p(), ctypes.c_size_t()
            self.assertEqual(self.lib.nc_doc_json(self.ctx, doc, 0, ctypes.byref(out), ctypes.byref(n),
                                                  None), 0)
            obj = json.loads(ctypes.string_at(out, n.value).decode())
            self.lib.nc_free(out)
            self.assertEqual(obj["id"], "py")
            self.assertEqual(obj["date"], "2026-01-13")
            self.assertTrue(obj["date_inferred"])
            self.assertEqual(obj["claims"], [])
        finally:
            self.lib.nc_doc_free(doc)

    def test_error_position(self):
        rc, doc, err = self.load(b"line one\nbad \xff byte")
        self.assertEqual(rc, 4)
        self.assertIsNone(doc.value)
        self.assertEqual((err.offset, err.line, err.column), (13, 2, 5))
        self.assertIn(b"invalid UTF-8", err.message)

    def test_json_record(self):
        rec = json.dumps({"id": "r", "text": "Hello.", "source": "Wire", "extra": 1}).encode()
        doc, err = ctypes.c_void_p(), NcError()
        self.assertEqual(self.lib.nc_doc_load_json(self.ctx, rec, len(rec), None, 0, ctypes.byref(doc),
                                                   ctypes.byref(err)), 0)
        self.assertEqual(self.lib.nc_doc_meta(doc, 1), b"Wire")
        self.lib.nc_doc_free(doc)


if __name__ == "__main__":
    if os.environ.get("NC_SANITIZER_BUILD") == "1":
        print("SKIP: a sanitizer-built library can't be loaded into an uninstrumented python")
        raise SystemExit(77)
    unittest.main()
