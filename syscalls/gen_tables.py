#!/usr/bin/env python3
"""Generate syscalls/table_<arch>.c from the Linux UAPI headers.

The number-to-name tables are generated rather than hand-written so that they
match exactly what the kernel headers say, and committed so that building
mtrace needs no cross headers.  Every header goes through the C preprocessor
(cpp -dM) instead of being scraped with regexes: asm-generic/unistd.h (used by
aarch64 and riscv64) picks its numbers with #if on __BITS_PER_LONG and
__ARCH_WANT_*, and names some 64-bit syscalls through __NR3264_* aliases,
which only a real preprocessor gets right.

Usage:
  python3 syscalls/gen_tables.py          regenerate every table in place
  python3 syscalls/gen_tables.py --check  compare with the committed tables

Exit status: 0 done (or all tables up to date), 1 a table differs or the
headers look wrong, 77 a needed tool or header package is not installed
(the code automake/CTest use for "skipped").
"""

import argparse
import difflib
import os
import re
import subprocess
import sys

COMMAND = "python3 syscalls/gen_tables.py"
HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77

# The predefines a 64-bit compiler for these targets would give.  cpp runs
# with -undef so nothing of the host (x86_64) leaks in; aarch64's headers
# hard-code __BITS_PER_LONG 64 but riscv's derive it from __SIZEOF_POINTER__
# and want __LP64__ for the new stat calls, so define the whole LP64 set.
LP64 = ["-D__LP64__", "-D__SIZEOF_POINTER__=8", "-D__SIZEOF_LONG__=8"]

# One entry per personality.  "expect" and "absent" are spot checks against
# facts known from the kernel sources: they catch a wrong set of -D flags
# (e.g. a 32-bit asm-generic layout) before it reaches a committed table.
ARCHES = [
    dict(arch="x86_64", package="linux-libc-dev",
         incdir="/usr/include/x86_64-linux-gnu", defines=[],
         base=0, bits=None,
         expect={"read": 0, "execve": 59, "clone3": 435}, absent=[]),
    dict(arch="i386", package="linux-libc-dev",
         incdir="/usr/include/x86_64-linux-gnu", defines=["-D__i386__"],
         base=0, bits=None,
         expect={"exit": 1, "execve": 11, "_llseek": 140}, absent=[]),
    # asm/unistd.h picks unistd_x32.h on __ILP32__ and defines
    # __X32_SYSCALL_BIT, which every x32 number is offset by.
    dict(arch="x32", package="linux-libc-dev",
         incdir="/usr/include/x86_64-linux-gnu",
         defines=["-D__x86_64__", "-D__ILP32__"],
         base=0x40000000, bits=None,
         expect={"read": 0x40000000, "execve": 0x40000000 + 520}, absent=[]),
    dict(arch="aarch64", package="linux-libc-dev-arm64-cross",
         incdir="/usr/aarch64-linux-gnu/include",
         defines=["-D__aarch64__"] + LP64,
         base=0, bits=64,
         expect={"newfstatat": 79, "fstat": 80, "renameat": 38,
                 "clone3": 435, "execve": 221},
         absent=["open", "fork", "stat", "fcntl64", "fstatat64", "mmap2"]),
    dict(arch="riscv64", package="linux-libc-dev-riscv64-cross",
         incdir="/usr/riscv64-linux-gnu/include",
         defines=["-D__riscv", "-D__riscv_xlen=64"] + LP64,
         base=0, bits=64,
         expect={"newfstatat": 79, "fstat": 80, "riscv_flush_icache": 259},
         absent=["open", "fork", "stat", "fcntl64", "fstatat64", "mmap2"]),
]

# __NR_ macros that are bookkeeping, not syscalls.  (__NR3264_* aliases do
# not match the __NR_ prefix at all; their __NR_ aliases are kept.)
NOT_SYSCALLS = {"syscalls", "arch_specific_syscall"}


class Skip(Exception):
    """A needed tool or package is missing: the caller should exit 77."""


def package_version(package):
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}\t${Version}", package],
            capture_output=True, text=True)
    except FileNotFoundError:
        raise Skip("dpkg-query not found, cannot tell the header package")
    status, _, version = out.stdout.partition("\t")
    if out.returncode != 0 or not status.endswith(" installed"):
        raise Skip(f"package {package} is not installed")
    return version


def preprocess(a):
    """Return ({macro: body}, [headers read]) for asm/unistd.h of arch a."""
    # Through stdin rather than -include so that -H lists the headers.
    cmd = ["cpp", "-dM", "-H", "-undef", "-nostdinc", "-I", a["incdir"]]
    cmd += a["defines"] + ["-"]
    try:
        out = subprocess.run(cmd, input="#include <asm/unistd.h>\n",
                             capture_output=True, text=True)
    except FileNotFoundError:
        raise Skip("cpp not found (package cpp)")
    if out.returncode != 0:
        sys.exit(f"gen_tables: {' '.join(cmd)} failed:\n{out.stderr}")
    macros = {}
    for line in out.stdout.splitlines():
        # Object-like macros only: a function-like one has "(" right
        # after its name and fails this match.
        m = re.match(r"#define (\w+)(?:\s+(.*))?$", line)
        if m:
            macros[m.group(1)] = (m.group(2) or "").strip()
    headers = [l.lstrip(".").strip() for l in out.stderr.splitlines()
               if l.startswith(".")]
    return macros, headers


TOKEN = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|\d+)[uUlL]*|([A-Za-z_]\w*)"
                   r"|([-+*()]))")


def evaluate(expr, macros, depth=0):
    """Value of a macro body such as '(__NR_arch_specific_syscall + 15)'."""
    if depth > 16:
        raise ValueError(f"macro recursion too deep at {expr!r}")
    parts, pos, expr = [], 0, expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m:
            raise ValueError(f"cannot parse {expr!r}")
        num, ident, op = m.groups()
        if num:
            octal = num[0] == "0" and len(num) > 1 and num[1] not in "xX"
            parts.append(str(int(num, 8 if octal else 0)))
        elif ident:
            if ident not in macros:
                raise ValueError(f"undefined {ident} in {expr!r}")
            parts.append(f"({evaluate(macros[ident], macros, depth + 1)})")
        else:
            parts.append(op)
        pos = m.end()
    # Only decimal integers, + - * and parentheses are left, so eval can do
    # nothing but arithmetic.
    return eval(" ".join(parts), {"__builtins__": {}})


def syscalls(a, macros):
    """{number: name} for arch a, checked against its spot facts."""
    table, seen = {}, {}
    for macro, body in macros.items():
        if not macro.startswith("__NR_"):
            continue
        name = macro[len("__NR_"):]
        if name in NOT_SYSCALLS:
            continue
        nr = evaluate(body, macros)
        if nr in table:
            sys.exit(f"gen_tables: {a['arch']}: {name} and {table[nr]} "
                     f"are both {nr}")
        # A bound on the array size: a missed offset (x32) or a stray
        # macro must not turn into a gigabyte of NULLs.
        if not 0 <= nr - a["base"] < 4096:
            sys.exit(f"gen_tables: {a['arch']}: {name} = {nr:#x} is out of "
                     f"range for base {a['base']:#x}")
        table[nr] = name
        seen[name] = nr
    problems = [f"{n} = {seen.get(n)}, want {v}"
                for n, v in a["expect"].items() if seen.get(n) != v]
    problems += [f"{n} should not exist" for n in a["absent"] if n in seen]
    if a["bits"] is not None:
        bits = evaluate(macros.get("__BITS_PER_LONG", "0"), macros)
        if bits != a["bits"]:
            problems.append(f"__BITS_PER_LONG = {bits}, want {a['bits']}")
    if problems:
        sys.exit(f"gen_tables: {a['arch']}: headers do not look right: "
                 + "; ".join(problems))
    return table


def render(a, table, headers, version):
    base = a["base"]
    lines = [
        f"/* Generated by: {COMMAND}",
        f" * From: {', '.join(headers)} of {a['package']} {version}",
        " * Do not edit: run the command above to regenerate. */",
        '#include "syscalls/table.h"',
        "",
        "static const char *const names[] = {",
    ]
    lines += [f'\t[{nr - base}] = "{table[nr]}",' for nr in sorted(table)]
    lines += [
        "};",
        "",
        f"const struct mt_syscall_table mt_syscalls_{a['arch']} = {{",
        f"\t.arch = \"{a['arch']}\",",
        f"\t.base = {base:#x}," if base else "\t.base = 0,",
        "\t.count = sizeof(names) / sizeof(names[0]),",
        "\t.names = names,",
        "};",
    ]
    return "\n".join(lines) + "\n"


def split_stamp(text):
    """(version in the stamp or None, text without the stamp comment)."""
    lines = text.splitlines(keepends=True)
    if not lines or not lines[0].startswith("/* Generated by:"):
        return None, text
    end = next((i for i, l in enumerate(lines) if l.rstrip().endswith("*/")),
               0)
    m = re.search(r"^ \* From: .* of \S+ (\S+)$", "".join(lines[:end + 1]),
                  re.M)
    return (m.group(1) if m else None), "".join(lines[end + 1:])


def main():
    ap = argparse.ArgumentParser(
        description="Generate syscalls/table_<arch>.c from Linux UAPI "
                    "headers (exit 77 if a header package is missing).")
    ap.add_argument("--check", action="store_true",
                    help="compare with the committed tables instead of "
                         "writing them (stamp comment ignored); exit 1 on "
                         "a difference")
    args = ap.parse_args()

    try:
        generated = []
        for a in ARCHES:
            version = package_version(a["package"])
            macros, headers = preprocess(a)
            table = syscalls(a, macros)
            text = render(a, table, headers, version)
            path = os.path.join(HERE, f"table_{a['arch']}.c")
            generated.append((a, path, text, len(table)))
    except Skip as e:
        print(f"gen_tables: skipped: {e}", file=sys.stderr)
        return SKIP

    status = 0
    for a, path, text, count in generated:
        rel = os.path.relpath(path, os.path.dirname(HERE))
        if not args.check:
            with open(path, "w") as f:
                f.write(text)
            print(f"{rel}: {count} syscalls")
            continue
        try:
            with open(path) as f:
                old = f.read()
        except FileNotFoundError:
            old = ""
        old_version, old_body = split_stamp(old)
        new_version, new_body = split_stamp(text)
        if old_body != new_body:
            diff = list(difflib.unified_diff(
                old_body.splitlines(keepends=True),
                new_body.splitlines(keepends=True),
                f"{rel} (committed)", f"{rel} (from headers)"))
            sys.stderr.writelines(diff[:40])
            if len(diff) > 40:
                print(f"... {len(diff) - 40} more diff lines",
                      file=sys.stderr)
            status = 1
        elif old_version != new_version:
            print(f"gen_tables: note: {rel} is stamped {a['package']} "
                  f"{old_version}, installed is {new_version}; no change")
    if status:
        print(f"gen_tables: tables are stale; run {COMMAND}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
