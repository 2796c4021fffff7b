#!/usr/bin/env python3
"""Generate syscalls/xlat_tables.{c,h}, the named-constant tables, from the
name lists in the lists in syscalls/xlat/ and the kernel UAPI headers.

A list gives the names in the order strace prints them; the values come
from the headers, run through the C preprocessor per arch as gen_tables.py
does (cpp -undef -nostdinc with the arch's defines): macros from -dM, enum
constants from the preprocessed text. A name the kernel's UAPI headers do
not export (AF_INET, MSG_OOB, R_OK live in libc's headers; ERESTARTSYS is
kernel-internal) is looked up in the host libc's headers, and failing that
must carry its value in the list ("NAME = VALUE"): those rows are the
hand-written ones.

List format (one file per family, several tables each):
  # comment                      carried into the generated file
  @table NAME PREFIX             starts a table: mt_xlat_NAME, and the
                                 prefix of an unknown value's comment
                                 ("-": an unknown value has no comment)
  @defines                       starts a list of constants the decoders
                                 use in switches: #define MT_NAME VALUE
  @per-arch                      values differ by arch: one table per
                                 backend, mt_xlat_NAME_<arch>
  @u32                           values are 32-bit (negative ones too)
  @radix dec|udec                how -X raw writes the number (default hex)
  @shift N                       "1<<NAME" rows are bit NAME - N (caps' high word)
  @arch ARCH...                  values from these arches' headers only (a
                                 header only x86 has: asm/prctl.h; a table
                                 only some backends use)
  NAME                           a constant
  NAME = VALUE                   a constant with its value given here
  VALUE "TEXT"                   a value printed as TEXT (not a C name)
  1<<NAME                        the bit of a constant, printed so (caps)
  1<<(NAME-N)                    the bit of a constant less N, printed so

Usage:
  python3 syscalls/gen_xlat.py          regenerate in place
  python3 syscalls/gen_xlat.py --check  compare with the committed files
  python3 syscalls/gen_xlat.py --count  how many rows carry their value
Exit status: 0 done, 1 differs or a name has no value, 77 a needed tool or
header package is missing."""

import argparse
import difflib
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_tables  # noqa: E402  (ARCHES, package_version, Skip)

COMMAND = "python3 syscalls/gen_xlat.py"
HERE = os.path.dirname(os.path.abspath(__file__))
LISTS = os.path.join(HERE, "xlat")
OUT_C = os.path.join(HERE, "xlat_tables.c")
OUT_H = os.path.join(HERE, "xlat_tables.h")
SKIP = 77

# The arches with a backend, by their gen_tables entry.
BACKENDS = ["x86_64", "aarch64", "riscv64"]

# The UAPI headers every list may draw on, tried one by one per arch (a
# header an arch lacks, or that needs libc, is left out for it).
HEADERS = """
linux/fcntl.h asm/signal.h asm/errno.h asm/mman.h linux/mman.h linux/fs.h
linux/wait.h asm/resource.h linux/resource.h linux/random.h linux/time.h
linux/sched.h linux/futex.h linux/prctl.h linux/stat.h linux/eventpoll.h
asm/poll.h linux/inotify.h linux/memfd.h linux/falloc.h linux/capability.h
linux/ioprio.h linux/signalfd.h linux/in.h linux/in6.h linux/tcp.h linux/un.h
linux/netlink.h asm/socket.h asm/sockios.h linux/if_packet.h asm/ioctls.h
asm/termbits.h linux/audit.h linux/seccomp.h linux/ptrace.h linux/close_range.h
linux/mount.h linux/openat2.h linux/uio.h asm/prctl.h linux/sched/types.h
linux/fadvise.h linux/timerfd.h linux/time_types.h linux/sockios.h linux/loop.h
linux/fd.h linux/userfaultfd.h linux/kd.h linux/vt.h linux/rtnetlink.h
linux/ipv6.h linux/udp.h linux/if_ether.h linux/personality.h linux/elf-em.h
linux/aio_abi.h linux/io_uring.h linux/mempolicy.h linux/membarrier.h
linux/rseq.h linux/sem.h linux/msg.h linux/ipc.h linux/fanotify.h
linux/keyctl.h linux/pidfd.h linux/errqueue.h linux/net_tstamp.h linux/magic.h
linux/if_addr.h linux/if_link.h linux/if_arp.h linux/neighbour.h linux/sock_diag.h
linux/inet_diag.h linux/unix_diag.h linux/netlink_diag.h linux/xfrm.h linux/fib_rules.h
linux/filter.h linux/perf_event.h linux/hw_breakpoint.h
asm/siginfo.h linux/signal.h linux/kvm.h
""".split()

# Host libc headers, for the names the kernel does not export.
LIBC_HEADERS = """
sys/socket.h netinet/in.h netinet/tcp.h unistd.h fcntl.h sys/mman.h
sys/wait.h sys/resource.h sys/stat.h sys/file.h sys/epoll.h poll.h
sys/inotify.h sys/eventfd.h sys/signalfd.h sys/timerfd.h sys/prctl.h
sys/ptrace.h sched.h signal.h time.h errno.h linux/if.h sys/uio.h
sys/personality.h sys/xattr.h sys/quota.h termios.h sys/ioctl.h dirent.h sys/statvfs.h
sys/mount.h sys/shm.h net/if_arp.h
""".split()


def arch_entry(name):
    for a in gen_tables.ARCHES:
        if a["arch"] == name:
            return a
    raise SystemExit("gen_xlat: no gen_tables entry for %s" % name)


def cpp_args(a):
    inc = ["-I", a["incdir"]]
    if a["arch"] == "x86_64":  # linux/ sits in /usr/include there
        inc += ["-I", "/usr/include"]
        defines = ["-D__x86_64__"] + gen_tables.LP64
    else:
        defines = a["defines"]
    return ["cpp", "-undef", "-nostdinc"] + inc + defines


def run_cpp(cmd, source):
    try:
        out = subprocess.run(cmd + ["-"], input=source, capture_output=True, text=True)
    except FileNotFoundError:
        raise gen_tables.Skip("cpp not found (package cpp)")
    return out


ENUM = re.compile(r"\benum\b[^{;]*\{([^}]*)\}", re.S)


def parse(dump, text, into):
    """Macros of a cpp -dM dump and enum constants of preprocessed text."""
    for line in dump.splitlines():
        m = re.match(r"#define (\w+)(?:\s+(.*))?$", line)
        if m and m.group(1) not in into["macros"]:
            into["macros"][m.group(1)] = (m.group(2) or "").strip()
    for body in ENUM.findall(text):
        base, offset = None, 0  # the last explicit member, and how far past it
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            name, _, expr = item.partition("=")
            name = name.strip()
            if not re.match(r"^[A-Za-z_]\w*$", name):
                break
            if expr.strip():
                into["enums"].setdefault(name, expr.strip())
                base, offset = name, 0
            else:
                offset += 1
                into["enum_prev"].setdefault(name, (base, offset if base else offset - 1))


def symbols(arch):
    """Everything the headers define for one arch: {"macros", "enums"}."""
    a = arch_entry(arch)
    cmd = cpp_args(a)
    usable = [h for h in HEADERS
              if run_cpp(cmd, "#include <%s>\n" % h).returncode == 0]
    src = "".join("#include <%s>\n" % h for h in usable)
    syms = {"macros": {}, "enums": {}, "enum_prev": {}}
    dump, text = run_cpp(cmd + ["-dM"], src), run_cpp(cmd, src)
    if dump.returncode != 0 or text.returncode != 0:
        sys.exit("gen_xlat: cpp failed for %s:\n%s" % (arch, dump.stderr + text.stderr))
    parse(dump.stdout, text.stdout, syms)
    return syms


def libc_symbols():
    cmd = ["cpp"]
    src = "".join("#include <%s>\n" % h for h in LIBC_HEADERS)
    syms = {"macros": {}, "enums": {}, "enum_prev": {}}
    dump, text = run_cpp(cmd + ["-dM"], src), run_cpp(cmd, src)
    if dump.returncode != 0:
        sys.exit("gen_xlat: cpp failed for the libc headers:\n" + dump.stderr)
    parse(dump.stdout, text.stdout, syms)
    return syms


TOKEN = re.compile(r"\s*(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)|\s*([A-Za-z_]\w*)|\s*(<<|>>|[-+*/()|&~^])")
CASTS = re.compile(r"\(\s*(?:unsigned|signed|int|long|short|char|__u32|__u64|__s32|__s64|"
                   r"__u16|__u8|__kernel_\w+|\s)+\)")


def evaluate(name, syms, depth=0):
    """The value of a macro or enum constant, or None."""
    if depth > 40:
        return None
    if name in syms["macros"]:
        return expr_value(syms["macros"][name], syms, depth + 1, self_name=name)
    if name in syms["enums"]:
        return expr_value(syms["enums"][name], syms, depth + 1)
    if name in syms["enum_prev"]:
        base, offset = syms["enum_prev"][name]
        if base is None:
            return offset
        v = evaluate(base, syms, depth + 1)
        return None if v is None else v + offset
    return None


# _IO(type, nr): a request no struct's size enters, so the preprocessor's
# text is enough; asm-generic/ioctl.h's layout (direction and size 0),
# every backend's. (_IOR and friends take sizeof: such rows give values.)
IO_NONE = re.compile(r"\b_IO\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)")


def expr_value(expr, syms, depth, self_name=None):
    expr = IO_NONE.sub(r"((\1) << 8 | (\2))", expr)
    expr = CASTS.sub(" ", expr)
    out, pos = [], 0
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m:
            if expr[pos:].strip() == "":
                break
            return None
        pos = m.end()
        if m.group(1):
            lit = m.group(1)
            v = int(lit, 16) if lit[:2] in ("0x", "0X") else int(lit, 8) if lit.startswith("0") and len(lit) > 1 else int(lit)
            out.append(str(v))
        elif m.group(3):
            ident = m.group(3)
            if ident == self_name:  # "#define X X" over an enum constant
                v = expr_value(syms["enums"][ident], syms, depth + 1) if ident in syms["enums"] else \
                    evaluate_enum_only(ident, syms, depth + 1)
            else:
                v = evaluate(ident, syms, depth + 1)
            if v is None:
                return None
            out.append("(%d)" % v)
        else:
            op = m.group(4)
            out.append("//" if op == "/" else op)
    if not out:
        return None
    try:
        return int(eval(" ".join(out), {"__builtins__": {}}))
    except Exception:
        return None


def evaluate_enum_only(name, syms, depth):
    saved = syms["macros"].pop(name, None)
    try:
        return evaluate(name, syms, depth)
    finally:
        if saved is not None:
            syms["macros"][name] = saved


def read_lists():
    tables = []
    for path in sorted(glob.glob(os.path.join(LISTS, "*.in"))):
        cur, comments = None, []
        for n, raw in enumerate(open(path), 1):
            line = raw.rstrip("\n")
            where = "%s:%d" % (os.path.relpath(path, HERE), n)
            s = line.strip()
            if not s:
                continue
            if s.startswith("#"):
                comments.append(s[1:].strip())
                continue
            if s == "@defines":
                cur = dict(name=None, defines=True, prefix="", per_arch=False, arch=None,
                           rows=[], comment=comments, file=path, u32=False, shift=0, radix="HEX")
                comments = []
                tables.append(cur)
                continue
            if s.startswith("@table"):
                parts = s.split(None, 2)
                if len(parts) < 2:
                    sys.exit("%s: @table NAME [PREFIX]" % where)
                cur = dict(name=parts[1], prefix=parts[2] if len(parts) > 2 else "",
                           defines=False, per_arch=False, arch=None, rows=[], comment=comments, file=path,
                           u32=False, shift=0, radix="HEX")
                comments = []
                tables.append(cur)
                continue
            if cur is None:
                sys.exit("%s: a name before any @table" % where)
            if s == "@per-arch":
                cur["per_arch"] = True
            elif s == "@u32":
                cur["u32"] = True
            elif s.startswith("@radix "):
                cur["radix"] = {"dec": "DEC", "udec": "UDEC"}[s.split()[1]]
            elif s.startswith("@shift "):
                cur["shift"] = int(s.split()[1])
            elif s.startswith("@arch "):
                cur["arch"] = s.split()[1:]
            else:
                m = re.match(r'^(\S+)\s+"([^"]*)"$', s)
                bit = re.match(r'^1<<(\w+)$', s) or re.match(r'^1<<\((\w+)-(\d+)\)$', s)
                if bit:
                    less = int(bit.group(2)) if bit.lastindex == 2 else 0
                    cur["rows"].append(dict(name=s, bit=bit.group(1), less=less, value=None,
                                            given=False, note=comments, where=where))
                elif m:  # VALUE "TEXT"
                    cur["rows"].append(dict(name=m.group(2), value=int(m.group(1), 0), given=True,
                                            note=comments, where=where))
                else:
                    name, eq, value = s.partition("=")
                    name = name.strip()
                    given = bool(eq)
                    v = int(value.strip(), 0) if given else None
                    cur["rows"].append(dict(name=name, value=v, given=given, note=comments,
                                            where=where))
                comments = []
    return tables


def resolve(tables, syms_by_arch, libc):
    """Fill each row's value per arch; return the errors."""
    errors = []
    for t in tables:
        arches = t["arch"] or BACKENDS
        t["values"] = {}
        for arch in arches:
            vals = []
            for r in t["rows"]:
                name = r.get("bit") or r["name"]
                v = r["value"] if r["given"] else evaluate(name, syms_by_arch[arch])
                if v is None and not r["given"]:
                    v = evaluate(name, libc)
                if r.get("bit") and v is not None:
                    v = 1 << (v - t["shift"] - r["less"])
                if v is None:
                    errors.append("%s: %s has no value in the %s headers (give it: %s = VALUE)"
                                  % (r["where"], r["name"], arch, r["name"]))
                    v = 0
                vals.append(v & (0xFFFFFFFF if t["u32"] else 0xFFFFFFFFFFFFFFFF))
            t["values"][arch] = vals
        if not t["per_arch"] and len(set(map(tuple, t["values"].values()))) > 1:
            diff = [r["name"] for i, r in enumerate(t["rows"])
                    if len({t["values"][a][i] for a in arches}) > 1]
            errors.append("%s: %s differs between arches (%s): mark it @per-arch"
                          % (os.path.relpath(t["file"], HERE), t["name"] or "@defines",
                             ", ".join(diff[:5])))
    return errors


def c_value(v):
    return "%#x" % v if v > 9 else "%d" % v


def render(tables, stamp):
    c = ["/* Generated by %s from the lists in syscalls/xlat/ and the" % COMMAND,
         " * kernel UAPI headers:"] + [" *   %s" % v for v in stamp.split("; ")] + [
         " * Do not edit: edit the lists. */",
         '#include "syscalls/xlat_tables.h"', ""]
    h = ["/* Generated by %s: the named-constant tables (see" % COMMAND,
         " * the lists in syscalls/xlat/). Do not edit. */",
         "#ifndef MTRACE_SYSCALLS_XLAT_TABLES_H", "#define MTRACE_SYSCALLS_XLAT_TABLES_H", "",
         '#include "syscalls/xlat.h"', ""]
    for t in tables:
        if t["defines"]:
            for line in t["comment"]:
                h.append("/* %s */" % line)
            for r, v in zip(t["rows"], t["values"][(t["arch"] or BACKENDS)[0]]):
                h.append("#define MT_%s %s" % (r["name"], c_value(v)))
            h.append("")
            continue
        variants = [(a, "%s_%s" % (t["name"], a)) for a in BACKENDS] if t["per_arch"] else \
                   [((t["arch"] or BACKENDS)[0], t["name"])]
        for arch, cname in variants:
            for line in t["comment"]:
                c.append("/* %s */" % line if line else "/**/")
            c.append("static const struct mt_xlat_entry %s_data[] = {" % cname)
            for r, v in zip(t["rows"], t["values"][arch]):
                for note in r["note"]:
                    c.append("\t/* %s */" % note)
                c.append('\t{%s, "%s"},' % (c_value(v), r["name"]))
            c.append("};")
            # prefix "-": an unnamed value is a bare number, no comment
            # ("\?": "???-" would be a trigraph)
            prefix = "NULL" if t["prefix"] == "-" else '"%s"' % t["prefix"].replace("?", "\\?")
            c.append("const struct mt_xlat mt_xlat_%s = {%s_data, %d, %s, MTRACE_RADIX_%s};"
                     % (cname, cname, len(t["rows"]), prefix, t["radix"]))
            c.append("")
            h.append("extern const struct mt_xlat mt_xlat_%s;" % cname)
    h += ["", "#endif", ""]
    return "\n".join(c), "\n".join(h)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--count", action="store_true")
    a = ap.parse_args()
    try:
        versions = ["%s %s" % (p, gen_tables.package_version(p)) for p in
                    ("linux-libc-dev", "linux-libc-dev-arm64-cross", "linux-libc-dev-riscv64-cross")]
        tables = read_lists()
        if a.count:
            given = sum(r["given"] for t in tables for r in t["rows"])
            total = sum(len(t["rows"]) for t in tables)
            print("%d rows, %d with their value in the list" % (total, given))
            return 0
        syms = {arch: symbols(arch) for arch in BACKENDS}
        libc = libc_symbols()
    except gen_tables.Skip as e:
        print("gen_xlat: skipped: %s" % e)
        return SKIP
    errors = resolve(tables, syms, libc)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    c, h = render(tables, "; ".join(versions))
    if a.check:
        bad = 0
        # The stamp names the header packages; a newer package with the
        # same values changes nothing (as in gen_tables.py).
        def body(t):
            return [line for line in t.splitlines(True) if not line.startswith(" *   linux-libc-dev")]
        for path, text in ((OUT_C, c), (OUT_H, h)):
            old = open(path).read() if os.path.exists(path) else ""
            if body(old) != body(text):
                bad = 1
                sys.stdout.writelines(difflib.unified_diff(
                    old.splitlines(True), text.splitlines(True), path, "regenerated", n=1))
        print("gen_xlat: %s" % ("differs: run %s" % COMMAND if bad else "up to date"))
        return bad
    for path, text in ((OUT_C, c), (OUT_H, h)):
        with open(path, "w") as f:
            f.write(text)
    print("gen_xlat: wrote %s, %s" % (os.path.relpath(OUT_C), os.path.relpath(OUT_H)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
