#!/usr/bin/env python3
"""Turn a reviewable TSV word list in data/ into a C table compiled into the
library, so nothing is read from disk at run time.

  gen_table.py data/NAME.tsv NAME lib/gen_NAME.c

Comment lines (#...) and blank lines are dropped; each remaining line becomes
one string of `const char *const nci_gen_NAME[]`, ending with NULL.
"""
import sys


def c_string(s):
    out = []
    for b in s.encode("utf-8"):
        if b in (0x22, 0x5C):
            out.append("\\" + chr(b))
        elif b == 0x09:
            out.append("\\t")
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def main():
    src, name, dst = sys.argv[1:4]
    with open(src, encoding="utf-8") as f:
        rows = [ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")]
    with open(dst, "w", encoding="utf-8") as out:
        out.write(f"/* generated from {src} by tools/gen_table.py; do not edit */\n")
        out.write("#include <stddef.h>\n")
        out.write(f"extern const char *const nci_gen_{name}[];\n")
        out.write(f"const char *const nci_gen_{name}[] = {{\n")
        for r in rows:
            out.write(f"    {c_string(r)},\n")
        out.write("    NULL\n};\n")


if __name__ == "__main__":
    main()
