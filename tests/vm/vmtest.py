#!/usr/bin/env python3
"""End-to-end tests on real aarch64 and riscv64 kernels under full-system qemu.

qemu-user cannot ptrace, so the cross builds are traced here instead: a
kernel is booted with an initramfs whose /init (tests/vm/init.c) runs the
static mtrace on the static test programs and on tests/data/test-minimal
with busybox sh (with every kernel feature, without PTRACE_GET_SYSCALL_INFO,
without any, and under the BPF engine), runs mtrace -k on
tests/programs/callchain.c, runs the unit tests backend and regs, prints
everything between markers on the serial console and powers off. This script prepares each piece, boots, and
checks what the console showed.

usage: vmtest.py [--cache DIR] [--workdir DIR] [--jobs N] STEP ARCH
STEP is one of
  kernel     get the kernel Image (aarch64: Debian's arm64 package;
             riscv64: built once from linux-source-6.1), cached
  busybox    get a static busybox (aarch64: busybox-static:arm64;
             riscv64: cross-built from Debian's source), cached
  cmocka     cross-build a static cmocka 1.1.5 from Debian's source, cached
  libunwind  get a static libunwind-ptrace for --stack (aarch64: Debian's
             libunwind-dev:arm64 and liblzma-dev:arm64, unpacked, not
             installed; riscv64: 1.6.2 cross-built from Debian's source),
             cached
  libbpf     get a static libbpf, libelf and zlib for the BPF engine
             (aarch64: Debian's arm64 -dev packages, unpacked; riscv64:
             cross-built from Debian's sources), cached
  build      cross-build a static mtrace (with the static libunwind and
             libbpf), the test programs, the unit tests backend and regs
             (with the static cmocka), and /init
  initramfs  pack them into an initramfs
  boot       boot it under qemu-system-ARCH, save the console log
  check      check the console log
  all        every step above in order, with the time of each
ARCH is aarch64 or riscv64. Exit 0 pass, 1 fail, 77 skip (a tool is missing).

The cache (kernels, busybox, cmocka, libunwind, libbpf, sources) is ${MTRACE_CACHE:-/var/cache/mtrace},
outside the repository; the work dir (builds, initramfs, console log)
defaults to build/vm-ARCH in the repository."""
import argparse
import functools
import glob
import gzip
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
SKIP = 77

ARCHES = {
    'aarch64': {
        'triple': 'aarch64-linux-gnu',
        'debarch': 'arm64',
        'qemu': ['qemu-system-aarch64', '-M', 'virt', '-cpu', 'cortex-a57', '-m', '256',
                 '-nographic', '-nic', 'none', '-no-reboot'],
        'console': 'ttyAMA0',
        'kernel_arch': 'arm64',
    },
    'riscv64': {
        'triple': 'riscv64-linux-gnu',
        'debarch': 'riscv64',
        'qemu': ['qemu-system-riscv64', '-M', 'virt', '-m', '256', '-nographic', '-nic', 'none',
                 '-no-reboot', '-bios', 'default'],
        'console': 'ttyS0',
        'kernel_arch': 'riscv',
    },
}

# Flags for every binary in the initramfs: static, and unwindable (gcc
# drops .eh_frame_hdr with -static; riscv64 gcc 12 puts unwind info only
# in .debug_frame without -fasynchronous-unwind-tables).
STATIC_CFLAGS = ['-O2', '-g', '-D_GNU_SOURCE', '-static', '-pthread', '-Wl,--eh-frame-hdr',
                 '-fasynchronous-unwind-tables']


def log(msg):
    print('vmtest: ' + msg, flush=True)


def run(cmd, **kw):
    log('$ ' + ' '.join(cmd))
    subprocess.run(cmd, check=True, **kw)


def run_quiet(cmd, **kw):
    """run, with the output shown only if it fails (a third-party build's
    warnings)."""
    log('$ ' + ' '.join(cmd))
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    if r.returncode != 0:
        print('\n'.join(r.stdout.decode('utf-8', 'replace').splitlines()[-60:]), flush=True)
        raise subprocess.CalledProcessError(r.returncode, cmd)


def need(*tools):
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        log('missing %s: run tests/vm/deps.sh' % ', '.join(missing))
        sys.exit(SKIP)


def sha(*paths):
    h = hashlib.sha256()
    for p in paths:
        with open(p, 'rb') as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def apt_download(pkg, dest):
    """apt-get download pkg and unpack it into dest; return the .deb's name."""
    with tempfile.TemporaryDirectory() as tmp:
        run(['apt-get', '-o', 'APT::Sandbox::User=root', 'download', '-q', pkg], cwd=tmp, stdout=subprocess.DEVNULL)
        deb = glob.glob(os.path.join(tmp, '*.deb'))[0]
        run(['dpkg-deb', '-x', deb, dest])
        return os.path.basename(deb)


def deb_version_cmp(a, b):
    """dpkg's order of two versions."""
    if subprocess.run(['dpkg', '--compare-versions', a, 'lt', b]).returncode == 0:
        return -1
    return 0 if a == b else 1


def apt_source(pkg, dest):
    """apt-get source pkg (patched) into dest, through a private apt
    configuration with deb-src lines made from the system's deb lines, so
    /etc/apt is not touched. Return the unpacked source directory."""
    os.makedirs(dest, exist_ok=True)
    have = [d for d in os.listdir(dest) if os.path.isdir(os.path.join(dest, d)) and d.startswith(pkg + '-')]
    if have:  # unpacked by an earlier run
        return os.path.join(dest, sorted(have)[-1])
    conf = os.path.join(A.cache, 'apt-src')
    lists, cache = os.path.join(conf, 'lists'), os.path.join(conf, 'cache')
    os.makedirs(os.path.join(lists, 'partial'), exist_ok=True)
    os.makedirs(os.path.join(cache, 'archives', 'partial'), exist_ok=True)
    os.makedirs(os.path.join(conf, 'parts'), exist_ok=True)
    srclist = os.path.join(conf, 'sources.list')
    lines = []
    for f in glob.glob('/etc/apt/sources.list.d/*.sources'):
        for stanza in open(f).read().split('\n\n'):
            d = {}
            for line in stanza.splitlines():
                if ':' in line and not line.startswith('#'):
                    k, v = line.split(':', 1)
                    d[k.strip()] = v.strip()
            if 'deb' not in d.get('Types', '').split() or d.get('Enabled', 'yes') == 'no':
                continue
            opt = ' [signed-by=%s]' % d['Signed-By'] if 'Signed-By' in d else ''
            for uri in d.get('URIs', '').split():
                for suite in d.get('Suites', '').split():
                    lines.append('deb-src%s %s %s %s' % (opt, uri, suite, d.get('Components', 'main')))
    for f in ['/etc/apt/sources.list'] + glob.glob('/etc/apt/sources.list.d/*.list'):
        if os.path.exists(f):
            for line in open(f):
                if line.startswith('deb '):
                    lines.append('deb-src ' + line[4:].strip())
    with open(srclist, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    opts = ['-o', 'APT::Sandbox::User=root', '-o', 'Dir::Etc::SourceList=' + srclist, '-o', 'Dir::Etc::SourceParts=' + os.path.join(conf, 'parts'),
            '-o', 'Dir::State::Lists=' + lists, '-o', 'Dir::Cache=' + cache]
    run(['apt-get', *opts, '-q', 'update'], stdout=subprocess.DEVNULL)
    before = set(os.listdir(dest))
    # The newest version first; where a mirror lacks its suite's sources
    # (debian-security's pool), an older one the archive has.
    shown = subprocess.run(['apt-cache', *opts, 'showsrc', pkg], capture_output=True, text=True).stdout
    versions = sorted(set(re.findall(r'^Version: (\S+)$', shown, re.M)),
                      key=functools.cmp_to_key(deb_version_cmp), reverse=True)
    for v in versions[:-1]:
        try:
            run(['apt-get', *opts, '-q', 'source', '%s=%s' % (pkg, v)], cwd=dest, stdout=subprocess.DEVNULL)
            break
        except subprocess.CalledProcessError:
            log('%s %s: not in the archive, trying an older version' % (pkg, v))
    else:
        run(['apt-get', *opts, '-q', 'source', pkg if not versions else '%s=%s' % (pkg, versions[-1])],
            cwd=dest, stdout=subprocess.DEVNULL)
    new = [d for d in set(os.listdir(dest)) - before if os.path.isdir(os.path.join(dest, d))]
    return os.path.join(dest, sorted(new)[-1])


# ---------------------------------------------------------------- kernel

def kernel_path(arch):
    return os.path.join(A.cache, 'kernel', arch, 'Image')


def step_kernel(arch):
    out = kernel_path(arch)
    fragment = os.path.join(HERE, 'riscv64-virt.config')
    stamp = out + '.stamp'
    want = 'debian-arm64' if arch == 'aarch64' else 'fragment-' + sha(fragment)
    if os.path.exists(out) and os.path.exists(stamp) and open(stamp).read().split()[0] == want:
        log('kernel %s: cached %s (%s)' % (arch, out, open(stamp).read().strip()))
        return
    os.makedirs(os.path.dirname(out), exist_ok=True)
    if arch == 'aarch64':
        need('apt-get', 'dpkg-deb')
        names = subprocess.run(['apt-cache', 'pkgnames', 'linux-image-6.1.0-'], capture_output=True,
                               text=True).stdout.split()
        abis = sorted((int(m.group(1)), n) for n in names
                      for m in [re.match(r'^linux-image-6\.1\.0-(\d+)-arm64-unsigned$', n)] if m)
        if not abis:
            log('no linux-image-6.1.0-*-arm64-unsigned package: dpkg --add-architecture arm64 && apt-get update')
            sys.exit(SKIP)
        with tempfile.TemporaryDirectory() as tmp:
            for _, name in reversed(abis):  # newest first; older ABIs may be gone from the archive
                try:
                    deb = apt_download(name + ':arm64', tmp)
                    break
                except subprocess.CalledProcessError:
                    continue
            else:
                log('could not download any arm64 kernel')
                sys.exit(1)
            img = glob.glob(os.path.join(tmp, 'boot', 'vmlinuz-*'))[0]
            shutil.copyfile(img, out)  # a raw arm64 Image despite the name
        with open(stamp, 'w') as f:
            f.write('%s %s\n' % (want, deb))
        return
    need('riscv64-linux-gnu-gcc', 'make', 'flex', 'bison', 'bc')
    tarball = sorted(glob.glob('/usr/src/linux-source-6.1*.tar.xz'))
    if not tarball:
        log('no /usr/src/linux-source-6.1.tar.xz: apt-get install linux-source-6.1')
        sys.exit(SKIP)
    tree = os.path.join(A.cache, 'src', 'linux-riscv64')
    if os.path.exists(tree):
        shutil.rmtree(tree)
    os.makedirs(tree)
    run(['tar', '-xf', tarball[-1], '-C', tree, '--strip-components=1'])
    mk = ['make', '-C', tree, 'ARCH=riscv', 'CROSS_COMPILE=riscv64-linux-gnu-']
    run(mk + ['tinyconfig'], stdout=subprocess.DEVNULL)
    run([os.path.join(tree, 'scripts/kconfig/merge_config.sh'), '-m', '.config', fragment],
        cwd=tree, stdout=subprocess.DEVNULL)
    run(mk + ['olddefconfig'], stdout=subprocess.DEVNULL)
    config = open(os.path.join(tree, '.config')).read()
    dropped = [line for line in open(fragment).read().splitlines()
               if line.endswith('=y') and not re.search('^%s$' % re.escape(line), config, re.M)]
    if dropped:  # a dependency missing from the fragment
        log('kernel riscv64: olddefconfig dropped %s' % ', '.join(dropped))
    run(mk + ['-j%d' % A.jobs, 'Image'], stdout=subprocess.DEVNULL)
    # Uncompressed: qemu 7.2 hangs on Image.gz.
    shutil.copyfile(os.path.join(tree, 'arch/riscv/boot/Image'), out)
    version = open(os.path.join(tree, 'include/config/kernel.release')).read().strip()
    with open(stamp, 'w') as f:
        f.write('%s linux-%s %s\n' % (want, version, os.path.basename(tarball[-1])))
    if not A.keep:
        shutil.rmtree(tree)  # 1.5 GB; the Image is all we need


# ---------------------------------------------------------------- busybox

def busybox_path(arch):
    return os.path.join(A.cache, 'busybox', arch, 'busybox')


# The applets the VM needs, for a small riscv64 build: sh and what the
# reference script and /init's helpers call.
BUSYBOX_APPLETS = ['ASH', 'SH_IS_ASH', 'ASH_ECHO', 'ASH_TEST', 'ECHO', 'CAT', 'LS', 'TRUE', 'FALSE',
                   'MKDIR', 'RM', 'SLEEP', 'PRINTF', 'TEST', 'KILL', 'ENV']


def step_busybox(arch):
    out = busybox_path(arch)
    if os.path.exists(out):
        log('busybox %s: cached %s' % (arch, out))
        return
    os.makedirs(os.path.dirname(out), exist_ok=True)
    if arch == 'aarch64':
        need('apt-get', 'dpkg-deb')
        with tempfile.TemporaryDirectory() as tmp:
            apt_download('busybox-static:arm64', tmp)
            shutil.copyfile(os.path.join(tmp, 'bin', 'busybox'), out)
        os.chmod(out, 0o755)
        return
    need('riscv64-linux-gnu-gcc', 'make', 'dpkg-source')
    src = apt_source('busybox', os.path.join(A.cache, 'src', 'busybox'))
    mk = ['make', '-C', src, 'CROSS_COMPILE=riscv64-linux-gnu-']
    run(mk + ['allnoconfig'], stdout=subprocess.DEVNULL)
    cfg = os.path.join(src, '.config')
    text = open(cfg).read()
    for opt in ['STATIC', 'LFS'] + BUSYBOX_APPLETS:
        text = re.sub(r'^# CONFIG_%s is not set$' % opt, 'CONFIG_%s=y' % opt, text, flags=re.M)
    with open(cfg, 'w') as f:
        f.write(text)
    run(mk + ['oldconfig'], input=b'\n' * 5000, stdout=subprocess.DEVNULL)  # new options: defaults
    run(mk + ['-j%d' % A.jobs, 'busybox'], stdout=subprocess.DEVNULL)
    shutil.copyfile(os.path.join(src, 'busybox'), out)
    os.chmod(out, 0o755)
    if not A.keep:
        shutil.rmtree(os.path.join(A.cache, 'src', 'busybox'))


# ---------------------------------------------------------------- cmocka

def cmocka_prefix(arch):
    return os.path.join(A.cache, 'cmocka', arch)


def step_cmocka(arch):
    prefix = cmocka_prefix(arch)
    lib = os.path.join(prefix, 'lib', 'libcmocka.a')
    if os.path.exists(lib):
        log('cmocka %s: cached %s' % (arch, lib))
        return
    need(ARCHES[arch]['triple'] + '-gcc', 'cmake', 'dpkg-source')
    src = apt_source('cmocka', os.path.join(A.cache, 'src', 'cmocka'))
    build = os.path.join(A.cache, 'src', 'cmocka-build-' + arch)
    shutil.rmtree(build, ignore_errors=True)
    t = ARCHES[arch]['triple']
    run(['cmake', '-S', src, '-B', build, '-DCMAKE_BUILD_TYPE=Release',
         '-DCMAKE_SYSTEM_NAME=Linux', '-DCMAKE_SYSTEM_PROCESSOR=' + arch,
         '-DCMAKE_C_COMPILER=%s-gcc' % t, '-DCMAKE_INSTALL_PREFIX=' + prefix,
         '-DWITH_STATIC_LIB=ON', '-DWITH_EXAMPLES=OFF', '-DUNIT_TESTING=OFF',
         '-DCMAKE_POSITION_INDEPENDENT_CODE=ON'], stdout=subprocess.DEVNULL)
    run(['cmake', '--build', build, '-j%d' % A.jobs], stdout=subprocess.DEVNULL)
    run(['cmake', '--install', build], stdout=subprocess.DEVNULL)
    # Keep only the static library, under the name FindCMocka looks for.
    libdir = os.path.join(prefix, 'lib')
    for f in os.listdir(libdir):
        if f.startswith('libcmocka.so'):
            os.remove(os.path.join(libdir, f))
    os.rename(os.path.join(libdir, 'libcmocka-static.a'), lib)
    shutil.rmtree(os.path.join(libdir, 'cmake'), ignore_errors=True)  # names the .so
    shutil.rmtree(build)


# ------------------------------------------------- static libraries

# Static libraries the VM's mtrace links, each set under its own prefix in
# the cache: Debian's arm64 -dev packages unpacked there for aarch64 (not
# installed: beside the host's they may upgrade or hold back the host's
# own, liblzma for one), a cross build of Debian's sources for riscv64
# (Debian 12 has no riscv64 packages). The stamp, written last, names what
# is there; its key changes with the source build's configuration.

def prefix_root(name, arch):
    """The prefix cmake gets (Libunwind_ROOT, MTRACE_BPF_ROOT)."""
    return os.path.join(A.cache, name, arch, 'usr')


def prefix_want(arch, configure):
    if arch == 'aarch64':
        return 'debian-arm64'
    return 'source-' + hashlib.sha256(' '.join(configure).encode()).hexdigest()[:16]


def prefix_cached(name, arch, configure):
    stamp = os.path.join(A.cache, name, arch + '.stamp')
    if not os.path.exists(stamp) or not os.path.isdir(prefix_root(name, arch)):
        return None
    text = open(stamp).read()
    return text.strip() if text.split()[:1] == [prefix_want(arch, configure)] else None


def prefix_step(name, arch, configure, arm64_debs, build):
    """Fill name's prefix for arch unless the stamp says it is there:
    arm64_debs unpacked, or build(arch, prefix) returning what it built."""
    have = prefix_cached(name, arch, configure)
    if have:
        log('%s %s: cached %s (%s)' % (name, arch, prefix_root(name, arch), have))
        return
    top = os.path.join(A.cache, name, arch)
    stamp = top + '.stamp'
    if os.path.exists(stamp):
        os.remove(stamp)  # written last: no stamp, no (complete) library
    shutil.rmtree(top, ignore_errors=True)
    os.makedirs(top)
    if arch == 'aarch64':
        need('apt-get', 'dpkg-deb')
        what = ' '.join(apt_download(pkg, top) for pkg in arm64_debs)
        shutil.rmtree(os.path.join(top, 'usr', 'share'), ignore_errors=True)
    else:
        what = build(arch, prefix_root(name, arch))
    with open(stamp, 'w') as f:
        f.write('%s %s\n' % (prefix_want(arch, configure), what))


# libunwind, for --stack. The source build is static, with nothing that
# would need another library (MiniDebugInfo needs liblzma, which Debian 12
# has no riscv64 build of).
LIBUNWIND_CONFIGURE = ['--disable-shared', '--enable-static', '--disable-minidebuginfo',
                       '--disable-zlibdebuginfo', '--disable-tests', '--disable-documentation']


def build_static_libunwind(arch, prefix):
    t = ARCHES[arch]['triple']
    need(t + '-gcc', 'make', 'dpkg-source')
    srcdir = os.path.join(A.cache, 'src', 'libunwind')
    src = apt_source('libunwind', srcdir)
    build = os.path.join(A.cache, 'src', 'libunwind-build-' + arch)
    shutil.rmtree(build, ignore_errors=True)
    os.makedirs(build)
    run_quiet([os.path.join(src, 'configure'), '--host=' + t, '--prefix=' + prefix,
               *LIBUNWIND_CONFIGURE], cwd=build)
    run_quiet(['make', '-j%d' % A.jobs], cwd=build)
    run_quiet(['make', 'install'], cwd=build)
    shutil.rmtree(build)
    if not A.keep:
        shutil.rmtree(srcdir)
    return os.path.basename(src)


def step_libunwind(arch):
    prefix_step('libunwind', arch, LIBUNWIND_CONFIGURE, ['libunwind-dev:arm64', 'liblzma-dev:arm64'],
                build_static_libunwind)


# The BPF engine's libbpf, and the libelf and zlib it reads objects with;
# of elfutils, the source build makes libelf alone.
ELFUTILS_CONFIGURE = ['--disable-debuginfod', '--disable-libdebuginfod', '--without-bzlib',
                      '--without-lzma', '--without-zstd', '--disable-nls', '--disable-symbol-versioning']


def build_static_libbpf(arch, prefix):
    """zlib, libelf and libbpf from Debian's sources, static, into prefix."""
    t = ARCHES[arch]['triple']
    need(t + '-gcc', 'make', 'dpkg-source')
    env = dict(os.environ, CC=t + '-gcc', AR=t + '-ar', RANLIB=t + '-ranlib')
    inc, lib = os.path.join(prefix, 'include'), os.path.join(prefix, 'lib')
    srcdir = os.path.join(A.cache, 'src', 'libbpf-deps')
    names = []
    src = apt_source('zlib', srcdir)
    run_quiet(['./configure', '--static', '--prefix=' + prefix], cwd=src, env=env)
    run_quiet(['make', '-j%d' % A.jobs, 'libz.a'], cwd=src, env=env)
    run_quiet(['make', 'install'], cwd=src, env=env)
    names.append(os.path.basename(src))
    src = apt_source('elfutils', srcdir)
    build = os.path.join(srcdir, 'build-elfutils-' + arch)
    shutil.rmtree(build, ignore_errors=True)
    os.makedirs(build)
    run_quiet([os.path.join(src, 'configure'), '--host=' + t, '--prefix=' + prefix, *ELFUTILS_CONFIGURE,
               'CFLAGS=-O2 -I' + inc, 'LDFLAGS=-L' + lib], cwd=build)
    run_quiet(['make', '-j%d' % A.jobs, '-C', 'lib'], cwd=build)
    run_quiet(['make', '-j%d' % A.jobs, '-C', 'libelf', 'libelf.a'], cwd=build)
    shutil.copy(os.path.join(build, 'libelf', 'libelf.a'), lib)
    for h in ['libelf.h', 'gelf.h', 'nlist.h']:
        shutil.copy(os.path.join(src, 'libelf', h), inc)
    names.append(os.path.basename(src))
    src = apt_source('libbpf', srcdir)
    objdir = os.path.join(srcdir, 'build-libbpf-' + arch)
    os.makedirs(objdir, exist_ok=True)
    run_quiet(['make', '-j%d' % A.jobs, '-C', 'src', 'BUILD_STATIC_ONLY=1', 'OBJDIR=' + objdir,
               'PREFIX=' + prefix, 'LIBDIR=' + lib, 'EXTRA_CFLAGS=-O2 -I' + inc, 'install'], cwd=src, env=env)
    names.append(os.path.basename(src))
    if not A.keep:
        shutil.rmtree(srcdir)
    return ' '.join(names)


def step_libbpf(arch):
    prefix_step('libbpf', arch, ELFUTILS_CONFIGURE, ['libbpf-dev:arm64', 'libelf-dev:arm64', 'zlib1g-dev:arm64'],
                build_static_libbpf)


# ---------------------------------------------------------------- build

PROGRAMS = ['fileops', 'signals', 'threads', 'exitcode', 'callchain', 'sysvipc']
VM_UNIT_TESTS = ['backend', 'regs']


def step_build(arch):
    t = ARCHES[arch]['triple']
    need(t + '-gcc', 'cmake')
    build = os.path.join(A.workdir, 'build')
    root = os.path.join(A.workdir, 'root')
    shutil.rmtree(root, ignore_errors=True)
    for d in ['bin', 'programs', 'tests', 'data']:
        os.makedirs(os.path.join(root, d))
    # mtrace itself, and the unit tests that need ptrace when a static
    # cmocka is at hand.
    prefix = cmocka_prefix(arch)
    with_tests = os.path.exists(os.path.join(prefix, 'lib', 'libcmocka.a'))
    with_stack = prefix_cached('libunwind', arch, LIBUNWIND_CONFIGURE) is not None
    cfg = ['cmake', '-S', SRC, '-B', build,
           '-DCMAKE_TOOLCHAIN_FILE=%s/toolchains/%s.cmake' % (SRC, t),
           '-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DCMAKE_EXE_LINKER_FLAGS=-static -Wl,--eh-frame-hdr',
           '-DCMAKE_C_FLAGS=-fasynchronous-unwind-tables', '-DMTRACE_TESTS=%s' % ('ON' if with_tests else 'OFF')]
    if with_stack:
        # FindLibunwind links the static libraries (and liblzma) for -static.
        cfg += ['-DLibunwind_ROOT=' + prefix_root('libunwind', arch), '-DMTRACE_WITH_LIBUNWIND=ON']
    else:
        log('no static libunwind for %s (vmtest.py libunwind %s): mtrace without --stack' % (arch, arch))
        cfg += ['-DMTRACE_WITH_LIBUNWIND=OFF', '-ULibunwind_ROOT']
    if prefix_cached('libbpf', arch, ELFUTILS_CONFIGURE):
        # cmake/Bpf.cmake links the static libbpf, libelf and zlib.
        cfg += ['-DMTRACE_BPF_ROOT=' + prefix_root('libbpf', arch), '-DMTRACE_WITH_BPF=ON']
    else:
        log('no static libbpf for %s (vmtest.py libbpf %s): mtrace without the BPF engine' % (arch, arch))
        cfg += ['-DMTRACE_WITH_BPF=OFF', '-UMTRACE_BPF_ROOT']
    if with_tests:
        cfg += ['-DCMOCKA_INCLUDE_DIR=%s/include' % prefix, '-DCMOCKA_LIBRARY=%s/lib/libcmocka.a' % prefix]
    try:
        run(cfg, stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError:
        if not with_tests:
            raise
        log('configuring with the tests failed: building mtrace alone')
        with_tests = False
        run(cfg + ['-DMTRACE_TESTS=OFF'], stdout=subprocess.DEVNULL)
    units = []
    if with_tests:
        known = subprocess.run(['cmake', '--build', build, '--target', 'help'], capture_output=True,
                               text=True).stdout
        units = [u for u in VM_UNIT_TESTS if re.search(r'\btest_%s\b' % u, known)]
    else:
        log('no static cmocka for %s (vmtest.py cmocka %s): unit tests left out of the VM' % (arch, arch))
    targets = ['mtrace'] + ['test_' + u for u in units]
    run(['cmake', '--build', build, '-j%d' % A.jobs, '--target', *targets], stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(build, 'mtrace'), os.path.join(root, 'bin', 'mtrace'))
    for u in units:
        shutil.copy(os.path.join(build, 'tests', 'test_' + u), os.path.join(root, 'tests'))
    # The programs, /init, busybox and the reference script.
    for p in PROGRAMS:
        run([t + '-gcc', *STATIC_CFLAGS, '-o', os.path.join(root, 'programs', p),
             os.path.join(SRC, 'tests', 'programs', p + '.c')])
    run([t + '-gcc', *STATIC_CFLAGS, '-Wall', '-Wextra', '-o', os.path.join(root, 'init'),
         os.path.join(HERE, 'init.c')])
    shutil.copy(os.path.join(SRC, 'tests', 'data', 'test-minimal'), os.path.join(root, 'data'))
    bb = busybox_path(arch)
    if os.path.exists(bb):
        shutil.copy(bb, os.path.join(root, 'bin', 'busybox'))
        for applet in ['sh', 'echo', 'cat', 'ls']:
            os.symlink('busybox', os.path.join(root, 'bin', applet))
    else:
        log('no busybox for %s (vmtest.py busybox %s): the reference case is skipped' % (arch, arch))


# ---------------------------------------------------------------- initramfs

def cpio_newc(entries):
    """A newc cpio archive of (path, mode, data or symlink target, rdev)."""
    out = bytearray()
    ino = 1
    for path, mode, data, rdev in entries + [('TRAILER!!!', 0, b'', (0, 0))]:
        name = path.encode() + b'\0'
        hdr = '070701' + ''.join('%08X' % v for v in [
            ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name), 0])
        out += hdr.encode() + name
        out += b'\0' * (-len(out) % 4)
        out += data
        out += b'\0' * (-len(out) % 4)
        ino += 1
    return bytes(out)


def step_initramfs(arch):
    root = os.path.join(A.workdir, 'root')
    entries = [('dev', stat.S_IFDIR | 0o755, b'', (0, 0)),
               ('dev/console', stat.S_IFCHR | 0o600, b'', (5, 1)),
               ('proc', stat.S_IFDIR | 0o755, b'', (0, 0)),
               ('sys', stat.S_IFDIR | 0o755, b'', (0, 0)),
               ('tmp', stat.S_IFDIR | 0o1777, b'', (0, 0))]
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(dirnames) + sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                entries.append((rel, stat.S_IFLNK | 0o777, os.readlink(full).encode(), (0, 0)))
            elif stat.S_ISDIR(st.st_mode):
                entries.append((rel, stat.S_IFDIR | 0o755, b'', (0, 0)))
            else:
                entries.append((rel, stat.S_IFREG | (st.st_mode & 0o777), open(full, 'rb').read(), (0, 0)))
    out = os.path.join(A.workdir, 'initrd.gz')
    with open(out, 'wb') as f:
        f.write(gzip.compress(cpio_newc(entries), compresslevel=6))
    log('initramfs %s: %d entries, %d bytes' % (out, len(entries), os.path.getsize(out)))


# ---------------------------------------------------------------- boot

def console_path():
    return os.path.join(A.workdir, 'console.log')


def step_boot(arch):
    a = ARCHES[arch]
    need(a['qemu'][0])
    cmd = ['timeout', str(A.timeout)] + a['qemu'] + [
        '-kernel', kernel_path(arch), '-initrd', os.path.join(A.workdir, 'initrd.gz'),
        '-append', 'console=%s panic=-1 quiet' % a['console']]
    log('$ ' + ' '.join(cmd))
    t0 = time.monotonic()
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    text = r.stdout.decode('utf-8', 'replace').replace('\r\n', '\n').replace('\r', '')
    with open(console_path(), 'w') as f:
        f.write(text)
    log('boot %s: qemu exit %d after %.1f s, console in %s' % (arch, r.returncode, time.monotonic() - t0,
                                                               console_path()))
    if r.returncode == 124:
        log('qemu timed out after %d s' % A.timeout)


# ---------------------------------------------------------------- check

failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what, flush=True)
    if not cond:
        failures.append(what)


def sections(text):
    """{case: (body, exit status text)} from /init's markers."""
    out = {}
    for m in re.finditer(r'^@@@ BEGIN (\S+)\n(.*?)^@@@ END \1 ([^\n]*)$', text, re.M | re.S):
        out[m.group(1)] = (m.group(2), m.group(3).strip())
    return out


def expect(text, patterns, name):
    for pat in patterns:
        check(re.search(pat, text, re.M) is not None, '%s shows /%s/' % (name, pat))


def reference_patterns(arch):
    pats = [
        r'^\d+ +execve\("/bin/sh", \["/bin/sh", "/data/test-minimal"\], 0x[0-9a-f]+ /\* \d+ vars \*/\) = 0$',
        r'openat\(AT_FDCWD, "/tmp/parent.txt", O_WRONLY\|O_CREAT\|O_TRUNC, 0666\) += 3$',
        r'openat\(AT_FDCWD, "/tmp/child.txt", O_WRONLY\|O_CREAT\|O_TRUNC, 0666\) += 3$',
        # The generic syscall table has no dup2: the shell calls dup3.
        r'dup3\(3, 1, 0\) += 1$',
        r'execve\("/bin/echo", \["/bin/echo", "Write", "from", "parent"\], 0x[0-9a-f]+ /\* \d+ vars \*/\) = 0$',
        r'execve\("/bin/echo", \["/bin/echo", "Write", "from", "child"\]',
        r'write\(1, "Write from parent\\n", 18\) += 18$',
        r'write\(1, "Write from child\\n", 17\) += 17$',
        r'exit_group\(0\) += \?$',
        r'\+\+\+ exited with 0 \+\+\+$',
        r'wait4\(-1, ',
        r'\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, NULL\) += \d+$',
        r'--- SIGCHLD \{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=\d+, si_uid=\d+, si_status=0, ',
    ]
    return pats


PROGRAM_PATTERNS = {
    'fileops': [
        r'openat\(AT_FDCWD, "/tmp/fileops.txt", O_RDWR\|O_CREAT\|O_TRUNC, 0600\) += 3$',
        r'write\(3, "line one\\nline two\\n", 18\) += 18$',
        r'openat\(AT_FDCWD, "/nonexistent/mtrace", O_RDONLY\) += -1 ENOENT \(No such file or directory\)$',
        r'read\(\d+, "line one\\nline two\\n", 64\) += 18$',
        r'lseek\(\d+, 0, SEEK_SET\) += 0$',
        r'pipe2\(\[\d+, \d+\], O_CLOEXEC\) += 0$',
        r'dup3\(\d+, 10, 0\) += 10$',
        r'close\(-1\) += -1 EBADF \(Bad file descriptor\)$',
        r'faccessat\(AT_FDCWD, "/tmp/fileops.txt", R_OK\|W_OK\) += 0$',
        r'unlinkat\(AT_FDCWD, "/tmp/fileops.txt", 0\) += 0$',
        r'exit_group\(0\) += \?$',
        r'\+\+\+ exited with 0 \+\+\+$',
    ],
    'signals': [
        r'--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=\d+, si_uid=\d+\} ---$',
        r'rt_sigreturn\(\{mask=\[\]\}\) += 0$',
        r'\+\+\+ killed by SIGKILL \+\+\+$',
        r'\+\+\+ exited with 3 \+\+\+$',
        r'\[\{WIFSIGNALED\(s\) && WTERMSIG\(s\) == SIGKILL\}\]',
        r'\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 3\}\]',
        r'^\d+ +\+\+\+ exited with 0 \+\+\+$',
    ],
    # the struct layouts the backend gives (semid64_ds's times and count)
    'sysvipc': [
        r'^semctl\(0, 0, IPC_STAT, \{sem_perm=\{uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0\}, '
        r'sem_otime=[1-9]\d+, sem_ctime=[1-9]\d+, sem_nsems=2\}\) += 0$',
        r'^msgctl\(0, IPC_STAT, \{msg_perm=\{uid=0, gid=0, mode=0640, key=0, cuid=0, cgid=0\}, '
        r'msg_stime=[1-9]\d+, msg_rtime=[1-9]\d+, msg_ctime=[1-9]\d+, msg_qnum=0, msg_qbytes=\d+, '
        r'msg_lspid=\d+, msg_lrpid=\d+\}\) += 0$',
        r'^shmctl\(0, IPC_STAT, \{shm_perm=\{uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0\}, '
        r'shm_segsz=4096, shm_cpid=\d+, shm_lpid=\d+, shm_nattch=1, shm_atime=[1-9]\d+, '
        r'shm_dtime=0, shm_ctime=[1-9]\d+\}\) += 0$',
        r'^msgsnd\(0, \{mtype=7, mtext="hello"\}, 5, 0\) += 0$',
    ],
    'segv': [
        r'^--- SIGSEGV \{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x8\} ---$',
        r'^\+\+\+ killed by SIGSEGV( \(core dumped\))? \+\+\+$',
    ],
}


# --stack on tests/programs/callchain.c (static, so every frame is in the
# program, or in the vdso for a signal trampoline): each case's getppid
# calls, and the chain of callers above getppid itself, in order.
CALLCHAIN = '/programs/callchain'
STACK_CASES = {
    'stack': (2, ['b', 'a', 'main']),
    'stack_thread': (2, ['b', 'a', 'thread_main']),
    # then through the signal frame back to main
    'stack_signal': (1, ['b', 'a', 'handler']),
    # before the execve of /proc/self/exe, and in the new image
    'stack_exec': (2, ['b', 'a', 'main']),
}
FRAME = re.compile(r'^ > (?P<module>.*?)\((?:(?P<symbol>.+)\+(?P<offset>0x[0-9a-f]+|0))?\) '
                   r'\[(?P<rel>0x[0-9a-f]+)\]$')


def stack_calls(body):
    """[(pid, [frame match or None, ...]), ...] of the getppid calls in a
    -f -k trace; frames belong to the line above them."""
    calls, pending, cur = [], {}, None
    for line in body.splitlines():
        if line.startswith(' > '):
            if cur is not None:
                cur[1].append(FRAME.match(line))
            continue
        cur = None
        m = re.match(r'^(\d+) +(getppid\(|<\.\.\. getppid resumed>)', line)
        if not m:
            continue
        if m.group(2) == 'getppid(':
            cur = (m.group(1), [])
            calls.append(cur)
            if line.endswith('<unfinished ...>'):
                pending[m.group(1)] = cur
        else:
            cur = pending.pop(m.group(1), None)
    return calls


def stderr_of(text, case):
    m = re.search(r'^@@@ STDERR %s\n(.*?)(?=^@@@ )' % re.escape(case), text, re.M | re.S)
    return m.group(1) if m else ''


def check_stack(text, got, mode):
    for name, (ncalls, chain) in STACK_CASES.items():
        case = name + mode
        body, status = got.get(case, ('', 'missing'))
        check(status == 'exit=0', '%s: mtrace -k exit 0 (got %s)' % (case, status))
        calls = stack_calls(body)
        check(len(calls) == ncalls, '%s: %d getppid calls (got %d)' % (case, ncalls, len(calls)))
        for i, (pid, frames) in enumerate(calls):
            syms = [f.group('symbol') if f else None for f in frames]
            want = 'getppid <- ' + ' <- '.join(chain)
            ok = (len(frames) > len(chain) and all(frames) and 'getppid' in (syms[0] or '')
                  and syms[1:1 + len(chain)] == chain
                  and all(f.group('module') == CALLCHAIN for f in frames[:1 + len(chain)]))
            check(ok, '%s: call %d: frames %s in %s' % (case, i, want, CALLCHAIN))
            if not ok:
                print('     got: %s' % ' <- '.join(str(x) for x in syms))
                continue
            if name == 'stack_signal':
                check('main' in syms[1 + len(chain):],
                      '%s: call %d: past the signal frame to main (got %s)'
                      % (case, i, ' <- '.join(str(x) for x in syms[1 + len(chain):])))
        err = stderr_of(text, case)
        if name == 'stack_thread':
            # the thread is the one a clone made (with -o, strace and
            # mtrace print no 'Process N attached')
            made = set(re.findall(r'^\d+ +(?:clone3?\(|<\.\.\. clone3? resumed>).*= (\d+)$', body, re.M))
            pids = {pid for pid, _ in calls}
            check(len(pids) == 1 and pids <= made,
                  '%s: the calls come from the second thread (%s, cloned %s)'
                  % (case, sorted(pids), sorted(made)))
        if name == 'stack_exec':
            check(len({pid for pid, _ in calls}) == 1, '%s: one process across the execve' % case)
        # MTRACE_STACK_STATS=1 (init.c): pages hit in mtrace's page cache
        # were read with process_vm_readv; without it (ENOSYS: a kernel
        # without CONFIG_CROSS_MEMORY_ATTACH) every word is a PEEKDATA.
        m = re.search(r'^mtrace stack: (\d+) captures.*?page hits (\d+), code page hits (\d+)',
                      err, re.M | re.S)
        # one capture per traced call (the getppid calls, and the clones
        # that stack_thread traces too) and per signal
        captures = ncalls + len(re.findall(r'^\d+ +(?:clone3?\(|--- SIG)', body, re.M))
        check(m is not None and int(m.group(1)) == captures,
              '%s: %d captures counted (MTRACE_STACK_STATS; got %s)'
              % (case, captures, m.group(1) if m else None))
        hits = int(m.group(2)) + int(m.group(3)) if m else 0
        check(hits > 0, '%s: memory read with process_vm_readv (%d page cache hits)' % (case, hits))


def program_threads():
    """(THREADS, CALLS) of tests/programs/threads.c."""
    src = open(os.path.join(SRC, 'tests', 'programs', 'threads.c')).read()
    return tuple(int(re.search(r'^#define %s\s+(\d+)' % n, src, re.M).group(1)) for n in ('THREADS', 'CALLS'))


THREADS = program_threads()


def step_check(arch):
    text = open(console_path()).read()
    check('@@@ INIT ' + arch in text, '/init started (console shows "@@@ INIT %s")' % arch)
    check('@@@ DONE' in text, '/init ran to the end (console shows "@@@ DONE")')
    got = sections(text)
    have_shell = '@@@ SKIP reference' not in text
    # The BPF engine runs in the VM when the build has it (vmtest.py libbpf).
    body, status = got.get('bpf_probe', ('', 'missing'))
    check(status == 'exit=0', 'bpf_probe: mtrace --engine=bpf runs (got %s: %s)'
          % (status, stderr_of(text, 'bpf_probe').strip()))
    for mode in ['', '_noinfo', '_fallback', '_bpf']:
        if have_shell:
            body, status = got.get('reference' + mode, ('', 'missing'))
            check(status == 'exit=0', 'reference%s: mtrace exit 0 (got %s)' % (mode, status))
            expect(body, reference_patterns(arch), 'reference' + mode)
            pids = set(re.findall(r'^(\d+) ', body, re.M))
            check(len(pids) == 3, 'reference%s: 3 processes (got %d)' % (mode, len(pids)))
            body, status = got.get('reference_stderr' + mode, ('', 'missing'))
            check(re.search(r'^\[pid +\d+\] execve\("/bin/echo"', body, re.M) is not None,
                  'reference_stderr%s: [pid N] leader' % mode)
            check(re.search(r'^execve\("/bin/sh"', body, re.M) is not None,
                  'reference_stderr%s: no leader while one process' % mode)
        for name in ['fileops', 'signals', 'sysvipc']:
            body, status = got.get(name + mode, ('', 'missing'))
            check(status == 'exit=0', '%s%s: mtrace exit 0 (got %s)' % (name, mode, status))
            expect(body, PROGRAM_PATTERNS[name], name + mode)
        # Every marker call of every thread is seen once: count the calls'
        # starts, whole or <unfinished ...>, and their ends.
        body, status = got.get('threads' + mode, ('', 'missing'))
        starts, ends = {}, {}
        for line in body.splitlines():
            m = re.match(r'^(\d+) +getppid\((\) += \d+| <unfinished \.\.\.>)$', line)
            if m:
                starts[m.group(1)] = starts.get(m.group(1), 0) + 1
            m = re.match(r'^(\d+) +(getppid\(|<\.\.\. getppid resumed>)\) += \d+$', line)
            if m:
                ends[m.group(1)] = ends.get(m.group(1), 0) + 1
        nthreads, ncalls = THREADS
        check(status == 'exit=0', 'threads%s: exit 0 (got %s)' % (mode, status))
        check(sorted(starts.values()) == [ncalls] * nthreads and starts == ends,
              'threads%s: %d threads x %d getppid (got %s)' % (mode, nthreads, ncalls, sorted(starts.values())))
        body, status = got.get('exit7' + mode, ('', 'missing'))
        check(status == 'exit=7', 'exit7%s: exit code 7 passed on (got %s)' % (mode, status))
        body, status = got.get('inject' + mode, ('', 'missing'))
        check(status == 'exit=7' and re.search(r'^exit_group\(7\) += -1 EPERM \(Operation not permitted\) '
                                                r'\(INJECTED\)\nexit\(7\) += \?$', body, re.M) is not None,
              'inject%s: exit_group skipped, EPERM injected, exit(7) next (got %s: %r)' % (mode, status, body))
        body, status = got.get('segv' + mode, ('', 'missing'))
        check(status == 'signal=11', 'segv%s: death by SIGSEGV passed on (got %s)' % (mode, status))
        expect(body, PROGRAM_PATTERNS['segv'], 'segv' + mode)
        if mode != '_bpf':  # -k is the ptrace engine's
            check_stack(text, got, mode)
    if have_shell:
        body, status = got.get('opendir', ('', 'missing'))
        check(status == 'exit=0', 'opendir: mtrace exit 0 (got %s)' % status)
        expect(body, [r'^openat\(AT_FDCWD, "/", O_RDONLY\|O_NONBLOCK\|O_CLOEXEC\|O_DIRECTORY\) = 3$'],
               'opendir')
    for u in VM_UNIT_TESTS:
        if ('@@@ BEGIN unit_' + u) in text:
            body, status = got.get('unit_' + u, ('', 'missing'))
            check(status == 'exit=0', 'unit_%s in the VM: exit 0 (got %s)' % (u, status))
    if failures:
        print('--- console (%s) ---' % console_path())
        print(text)
    print('%d checks failed' % len(failures) if failures else 'all checks passed')
    return 1 if failures else 0


# ---------------------------------------------------------------- main

def main():
    global A
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--cache', default=os.environ.get('MTRACE_CACHE', '/var/cache/mtrace'))
    p.add_argument('--workdir')
    p.add_argument('--jobs', type=int, default=2)
    p.add_argument('--timeout', type=int, default=300, help='seconds for one boot')
    p.add_argument('--keep', action='store_true', help='keep the kernel and busybox source trees')
    p.add_argument('step', choices=['kernel', 'busybox', 'cmocka', 'libunwind', 'libbpf', 'build', 'initramfs', 'boot', 'check', 'all'])
    p.add_argument('arch', choices=sorted(ARCHES))
    A = p.parse_args()
    A.workdir = os.path.abspath(A.workdir or os.path.join(SRC, 'build', 'vm-' + A.arch))
    os.makedirs(A.workdir, exist_ok=True)
    os.makedirs(A.cache, exist_ok=True)
    steps = ['kernel', 'busybox', 'cmocka', 'libunwind', 'libbpf', 'build', 'initramfs', 'boot'] if A.step == 'all' else \
        [s for s in [A.step] if s != 'check']
    times = []
    for s in steps:
        t0 = time.monotonic()
        globals()['step_' + s](A.arch)
        times.append((s, time.monotonic() - t0))
    if A.step == 'all':
        log('times: ' + ', '.join('%s %.1f s' % t for t in times))
    if A.step in ('check', 'all'):
        return step_check(A.arch)
    return 0


if __name__ == '__main__':
    sys.exit(main())
