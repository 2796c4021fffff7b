#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/).

decode: one seed per signature of syscalls/signatures.c (picked by index,
so that every signature is decoded at the start of every fuzz run), in
turn with pointer arguments into a memory image that holds a path, an
argv array, I/O vectors, a socket address and small structs, with small
numbers, and with a descriptor, a buffer and a length; then one seed per
arch and personality picking by table, and seeds for each story ending.
printer, quote, filter: a few hand-written inputs each. Files named
regress-* are inputs that found bugs, added by hand and kept.

The layout is fuzz_decode.c's header; rerun after adding signatures:
    tests/fuzz/make_seeds.py"""
import os
import re
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BASE = 0x10000
HEADER = 96


def signatures():
    text = open(os.path.join(ROOT, 'syscalls', 'signatures.c')).read()
    table = text[text.index('mt_signatures[] = {'):]
    return re.findall(r'\{"([a-z0-9_]+)",', table[:table.index('};')])


def memory():
    """A 448-byte image: offsets are what the arguments point at."""
    m = bytearray(448)
    # 0: a siginfo-like start (SIGCHLD, CLD_EXITED) and small fields
    struct.pack_into('<iii', m, 0, 17, 0, 1)
    struct.pack_into('<qq', m, 16, 1234, 0)
    # 128: argv: two pointers and NULL
    struct.pack_into('<QQQ', m, 128, BASE + 256, BASE + 300, 0)
    # 160: two iovecs
    struct.pack_into('<QQQQ', m, 160, BASE + 256, 8, BASE + 300, 4)
    # 192: sockaddr_in 127.0.0.1:80, then a timespec
    struct.pack_into('<HH4s', m, 192, 2, 0x5000, bytes([127, 0, 0, 1]))
    struct.pack_into('<qq', m, 208, 1, 500000000)
    # 224: a msghdr: name 192 (16 bytes), iov 160 (2), no control
    struct.pack_into('<QIIQQQQ', m, 224 - 0, BASE + 192, 16, 0, BASE + 160, 2, 0, 0)
    # 256: a path; 300: a short string; 320: bytes with escapes
    m[256:256 + 15] = b'/tmp/mtrace.x\0\0'
    m[300:304] = b'arg\0'
    m[320:336] = b'\x1b[31m\n\t"\\\x00\xff\x7fok\0'
    # 384: an int pair (pipe fds), a pollfd array
    struct.pack_into('<ii', m, 384, 3, 4)
    struct.pack_into('<ihhihh', m, 392, 0, 1, 1, 1, 4, 4)
    return bytes(m)


def header(arch=0, pers=0, mode=0, slimit=0, sel=0, unmap=0, end=0, args=(), ret=(2, 0),
           err=0, sp=(1, 0), status=0, text=0, status_set=0, xor=0, netlink=0):
    h = bytearray(HEADER)
    h[0], h[1], h[2], h[3] = arch, pers, mode, slimit
    struct.pack_into('<H', h, 4, sel)
    h[6], h[7] = unmap, end
    for i, (m, v) in enumerate((list(args) + [(2, 0)] * 6)[:6]):
        h[8 + 9 * i] = m
        struct.pack_into('<Q', h, 9 + 9 * i, v & (2**64 - 1))
    struct.pack_into('<Q', h, 62, ret[1] & (2**64 - 1))
    h[70] = ret[0]
    struct.pack_into('<H', h, 71, err)
    struct.pack_into('<Q', h, 73, sp[1])
    h[81] = sp[0]
    struct.pack_into('<H', h, 82, status)
    h[84], h[85], h[86], h[87] = text, status_set, xor, netlink
    return bytes(h)


def netlink_memory():
    """Netlink messages at 0: an RTM_NEWLINK with attributes (a name, a
    nested set, a struct cut short), then an error answering a request
    with an extended ack, then NLMSG_DONE."""
    def attr(t, data):
        a = struct.pack('<HH', 4 + len(data), t) + data
        return a + b'\0' * (-len(a) % 4)
    link = struct.pack('<BxHiII', 0, 772, 1, 0x10049, 0) + attr(3, b'lo\0') + \
        attr(4, struct.pack('<I', 65536)) + attr(0x8000 | 18, attr(1, b'veth\0')) + \
        attr(23, b'\1' * 40) + attr(1, bytes(6))
    m1 = struct.pack('<IHHII', 16 + len(link), 16, 2, 7, 1234) + link
    req = struct.pack('<IHHII', 32, 20, 0x605, 8, 0) + struct.pack('<BBBBI', 2, 8, 0, 254, 99) + \
        attr(2, bytes([127, 0, 0, 2]))
    err = struct.pack('<i', -19) + req + attr(1, b'ipv4: Device not found\0')
    m2 = struct.pack('<IHHII', 16 + len(err), 2, 0x200, 8, 1234) + err
    m3 = struct.pack('<IHHIIi', 20, 3, 2, 8, 1234, 0)
    return m1 + m2 + m3


PTR = 1    # argument mode: BASE + v
SMALL = 2  # argument mode: a small signed number


def decode_seeds():
    mem = memory()
    seeds = {}
    variants = [
        # pointers everywhere
        [(PTR, 256), (PTR, 128), (PTR, 160), (PTR, 192), (PTR, 224), (PTR, 0)],
        # a descriptor, a buffer, a length: read, write, sendto ...
        [(SMALL, 3), (PTR, 320), (SMALL, 16), (PTR, 192), (SMALL, 16), (SMALL, 0)],
        # numbers
        [(SMALL, 3), (SMALL, 1), (SMALL, 2), (SMALL, 8), (SMALL, 0), (SMALL, -1)],
    ]
    for i, name in enumerate(signatures()):
        v = variants[i % 3]
        seeds['sig-%s' % name] = header(mode=1 | (2 if i % 2 else 0), sel=i, args=v,
                                        ret=(SMALL, 16)) + mem
    # By table, each arch and personality (indices as fuzz_arches.c lists
    # them: the host's first).
    for a in range(3):
        for p in range(3):
            seeds['table-%d-%d' % (a, p)] = header(arch=a, pers=p, sel=0,
                                                   args=variants[0]) + mem
    # Story endings, a signal, a group-stop, -x, -y, -e status=, prefixes,
    # frames, memory that changes or vanishes while it is read.
    execve = signatures().index('execve')
    writev = signatures().index('writev')
    seeds['end-death'] = header(mode=1, sel=execve, end=1 | 4, args=variants[0], status=9) + mem
    seeds['end-detach'] = header(mode=1 | 8, sel=writev, end=2 | 32, args=[(SMALL, 1), (PTR, 160), (SMALL, 2)]) + mem
    seeds['end-superseded'] = header(mode=1, sel=execve, end=3 | 8, args=variants[0]) + mem
    seeds['opts-x-y-status'] = header(mode=1 | 16 | 64 | 128, sel=writev, end=64 | 128,
                                      args=[(SMALL, 1), (PTR, 160), (SMALL, 2)], ret=(SMALL, 12),
                                      text=1 | 4 | 8, status_set=1) + mem
    seeds['mem-volatile'] = header(mode=1 | 4, sel=writev, args=[(SMALL, 1), (PTR, 160), (SMALL, 2)],
                                   ret=(SMALL, 12), xor=0x5b) + mem
    seeds['mem-unmapped'] = header(mode=1, sel=writev, unmap=2, args=[(SMALL, 1), (PTR, 160), (SMALL, 2)],
                                   ret=(SMALL, 12)) + mem
    # -e read=all -e write=all: the data walks of each form (text bit 64)
    for name in ('write', 'read', 'writev', 'readv', 'sendmsg', 'recvmsg', 'sendmmsg', 'recvmmsg'):
        seeds['dump-%s' % name] = header(mode=1, sel=signatures().index(name), text=64,
                                         args=[(SMALL, 3), (PTR, 160), (SMALL, 2)],
                                         ret=(SMALL, 12)) + mem
    # -e verbose=none (status_set bit 32), -e raw=all (bit 64)
    for name in ('execve', 'writev', 'poll', 'statx', 'sendmsg', 'getdents64', 'preadv2'):
        for bit, how in ((32, 'noverbose'), (64, 'raw')):
            seeds['%s-%s' % (how, name)] = header(mode=1, sel=signatures().index(name), status_set=bit,
                                                  args=variants[0], ret=(SMALL, 12)) + mem
    seeds['failed'] = header(mode=1, sel=execve, args=variants[0], err=0x8000 | 2) + mem
    seeds['restart'] = header(sel=219, end=16) + mem  # restart_syscall on x86_64
    # sendmsg with a control message of cmsg_len 0xfffffffffffffff9 (it
    # made the decoder loop for ever)
    cm = bytearray(mem)
    struct.pack_into('<QIIQQQQ', cm, 224, BASE + 192, 16, 0, BASE + 160, 2, BASE + 400, 32)
    struct.pack_into('<QII', cm, 400, 0xfffffffffffffff9, 0, 0)
    seeds['cmsg-forged-len'] = header(mode=1, sel=signatures().index('sendmsg'),
                                      args=[(SMALL, 3), (PTR, 224), (SMALL, 0)]) + bytes(cm)
    # the socket ioctls: an ifreq by name, by index, an ifconf and its array
    ioctl = signatures().index('ioctl')
    for req, tag in ((0x8933, 'ifindex'), (0x8910, 'ifname'), (0x8927, 'hwaddr'),
                     (0x8915, 'ifaddr'), (0x8970, 'map'), (0x8912, 'ifconf'), (0x89a0, 'bridge')):
        seeds['sockios-%s' % tag] = header(
            mode=1, sel=ioctl, args=[(SMALL, 3), (0, req), (PTR, 224 if tag == 'ifconf' else 256)]) + mem
    # io_uring_register by opcode: buffers, files, an update, a probe, ring fds
    uring = signatures().index('io_uring_register')
    for op, tag in ((0, 'buffers'), (2, 'files'), (6, 'update'), (8, 'probe'), (20, 'ringfds')):
        seeds['uring-%s' % tag] = header(mode=1, sel=uring, args=[(SMALL, 3), (0, op), (PTR, 160), (SMALL, 2)]) + mem
    seeds['uring-setup'] = header(mode=1, sel=signatures().index('io_uring_setup'),
                                  args=[(SMALL, 4), (PTR, 0)], ret=(SMALL, 3)) + mem
    # a seccomp filter program (with -v: its instructions), by seccomp and prctl
    for op in (1, 2, 3):
        seeds['seccomp-%d' % op] = header(mode=1 | 2, sel=signatures().index('seccomp'),
                                          args=[(0, op), (SMALL, 0), (PTR, 128)]) + mem
    seeds['prctl-seccomp'] = header(mode=1 | 2, sel=signatures().index('prctl'),
                                    args=[(0, 22), (0, 2), (PTR, 128)]) + mem
    # perf_event_open: an attr of each type, with and without -v
    for typ in range(6):
        m = bytearray(mem)
        struct.pack_into('<II', m, 128, typ, 128)
        for verbose in (0, 2):
            seeds['perf-%d-%d' % (typ, verbose)] = header(
                mode=1 | verbose, sel=signatures().index('perf_event_open'),
                args=[(PTR, 128), (SMALL, 0), (SMALL, -1), (SMALL, -1), (SMALL, 8)]) + bytes(m)
    # netlink messages on a socket the engine knows the protocol of
    # (NETLINK_ROUTE, SOCK_DIAG, unknown) and on one it says is not one
    nl = netlink_memory()
    nl_mem = nl + bytes(max(0, 448 - len(nl)))
    for proto, tag in ((1, 'route'), (5, 'diag'), (0, 'ask'), (255, 'none')):
        for name in ('sendto', 'recvfrom'):
            seeds['netlink-%s-%s' % (tag, name)] = header(
                mode=1, sel=signatures().index(name), netlink=proto,
                args=[(SMALL, 3), (PTR, 0), (0, len(nl)), (SMALL, 0), (SMALL, 0), (SMALL, 0)],
                ret=(0, len(nl))) + nl_mem
    return seeds


def printer_seeds():
    s = {}
    # struct {st_mode=S_IFREG|0644, ...}, a string, flags, fd with a path
    s['struct'] = bytes([0, 11, 0, 13, 4, 9, 6, 0, 0x2a] + [0] * 7 + [14, 12]) + \
        bytes([5, 4, 5]) + b'ab\ncd' + bytes([8]) + struct.pack('<Q', 0x80001) + bytes([2, 1, 2]) + \
        struct.pack('<Q', 0) + bytes([16]) + struct.pack('<Q', 3) + bytes([6]) + b'/tmp/x'
    s['nested'] = bytes([4] + [11, 0, 13, 5, 11, 1] * 20 + [12] * 45)
    s['changed'] = bytes([1, 0]) + struct.pack('<Q', 5) + bytes([15, 0]) + struct.pack('<Q', 7) + \
        bytes([10, 8, 9, 7])
    s['hex'] = bytes([2, 5, 0, 6]) + b'\x00\x01\xffab\n'
    return s


def quote_seeds():
    return {
        'plain': bytes([0, 0]) + b'hello world',
        'escapes': bytes([4, 3]) + b'\x1b[31m\n\r\t\v\f"\\\x00\x01\x08\x7f\xff07',
        'hex': bytes([2, 0]) + b'\x00\x10abc',
        'truncated': bytes([1, 250]) + b'\x011\x0112',
    }


def filter_seeds():
    sets = [b'\x00openat,close', b'\x00%file,!read', b'\x00/^(open|close)', b'\x00?nosuch,write',
            b'\x00all', b'\x00none', b'\x00!%memory,/^(open|close)', b'\x00%desc,%process,%network,%signal,%ipc',
            b'\x00nosuchcall', b'\x00%nosuch', b'\x00/[', b'\x01SIGCHLD,USR1', b'\x019,15',
            b'\x01!all', b'\x01SIGRTMIN,SIGRT_3,64', b'\x02successful,failed', b'\x02!unfinished',
            b'\x02all,none,detached,unavailable', b'\x80openat:error=ENOENT:when=2..5+2',
            b'\x80%file:retval=0x10:signal=USR1:delay_enter=1ms:poke_exit=@arg2=00ff',
            b'\x84openat:when=3+', b'\x80read:syscall=getpid:error=EIO', b'\x80write:when=0']
    return {'set-%02d' % i: s for i, s in enumerate(sets)}


def main():
    for target, seeds in (('decode', decode_seeds()), ('printer', printer_seeds()),
                          ('quote', quote_seeds()), ('filter', filter_seeds())):
        d = os.path.join(HERE, 'corpus', target)
        os.makedirs(d, exist_ok=True)
        # regress-*: inputs that found a bug, kept by hand
        for old in os.listdir(d):
            if not old.startswith('regress-'):
                os.remove(os.path.join(d, old))
        for name, data in seeds.items():
            with open(os.path.join(d, name), 'wb') as f:
                f.write(data)
        print('%s: %d seeds' % (target, len(seeds)))


if __name__ == '__main__':
    main()
