/* Named constants of the tracee's kernel ABI, in the order strace prints
 * them. Values are the kernel's (asm-generic, which x86_64, aarch64 and
 * riscv64 share), written as literals so a host libc cannot change them;
 * only the open flags differ by arch (aarch64 has its own table in its
 * backend). Names a strace 6.1 does not know are left out on purpose, so
 * the output matches it. */
#include "lib/xlat/xlat.h"

/* O_* without the access mode (O_RDONLY/O_WRONLY/O_RDWR, printed first by
 * the caller). Multi-bit values come before their parts. */
// clang-format off
MT_XLAT(mt_xlat_open_flags_generic, "O_",
	{00000100, "O_CREAT"},
	{00000200, "O_EXCL"},
	{00000400, "O_NOCTTY"},
	{00001000, "O_TRUNC"},
	{00002000, "O_APPEND"},
	{00004000, "O_NONBLOCK"},
	{04010000, "O_SYNC"}, /* __O_SYNC | O_DSYNC */
	{04000000, "__O_SYNC"},
	{00010000, "O_DSYNC"},
	{00040000, "O_DIRECT"},
	{00100000, "O_LARGEFILE"},
	{00400000, "O_NOFOLLOW"},
	{01000000, "O_NOATIME"},
	{02000000, "O_CLOEXEC"},
	{010000000, "O_PATH"},
	{020200000, "O_TMPFILE"}, /* __O_TMPFILE | O_DIRECTORY */
	{020000000, "__O_TMPFILE"},
	{00200000, "O_DIRECTORY"},
	{00020000, "FASYNC"});
// clang-format on

// clang-format off
MT_XLAT(mt_xlat_signals, "SIG",
	{1, "SIGHUP"},
	{2, "SIGINT"},
	{3, "SIGQUIT"},
	{4, "SIGILL"},
	{5, "SIGTRAP"},
	{6, "SIGABRT"},
	{7, "SIGBUS"},
	{8, "SIGFPE"},
	{9, "SIGKILL"},
	{10, "SIGUSR1"},
	{11, "SIGSEGV"},
	{12, "SIGUSR2"},
	{13, "SIGPIPE"},
	{14, "SIGALRM"},
	{15, "SIGTERM"},
	{16, "SIGSTKFLT"},
	{17, "SIGCHLD"},
	{18, "SIGCONT"},
	{19, "SIGSTOP"},
	{20, "SIGTSTP"},
	{21, "SIGTTIN"},
	{22, "SIGTTOU"},
	{23, "SIGURG"},
	{24, "SIGXCPU"},
	{25, "SIGXFSZ"},
	{26, "SIGVTALRM"},
	{27, "SIGPROF"},
	{28, "SIGWINCH"},
	{29, "SIGIO"},
	{30, "SIGPWR"},
	{31, "SIGSYS"});
// clang-format on

/* asm-generic/errno-base.h, errno.h and the kernel-internal codes of
 * linux/errno.h that strace 6.1 names. Aliases (EWOULDBLOCK, EDEADLOCK)
 * are left out: strace prints EAGAIN and EDEADLK. 41, 58 and 519
 * (ENOPARAM, unknown to strace 6.1) have no name. */
// clang-format off
MT_XLAT(mt_xlat_errnos, "E",
	{1, "EPERM"},
	{2, "ENOENT"},
	{3, "ESRCH"},
	{4, "EINTR"},
	{5, "EIO"},
	{6, "ENXIO"},
	{7, "E2BIG"},
	{8, "ENOEXEC"},
	{9, "EBADF"},
	{10, "ECHILD"},
	{11, "EAGAIN"},
	{12, "ENOMEM"},
	{13, "EACCES"},
	{14, "EFAULT"},
	{15, "ENOTBLK"},
	{16, "EBUSY"},
	{17, "EEXIST"},
	{18, "EXDEV"},
	{19, "ENODEV"},
	{20, "ENOTDIR"},
	{21, "EISDIR"},
	{22, "EINVAL"},
	{23, "ENFILE"},
	{24, "EMFILE"},
	{25, "ENOTTY"},
	{26, "ETXTBSY"},
	{27, "EFBIG"},
	{28, "ENOSPC"},
	{29, "ESPIPE"},
	{30, "EROFS"},
	{31, "EMLINK"},
	{32, "EPIPE"},
	{33, "EDOM"},
	{34, "ERANGE"},
	{35, "EDEADLK"},
	{36, "ENAMETOOLONG"},
	{37, "ENOLCK"},
	{38, "ENOSYS"},
	{39, "ENOTEMPTY"},
	{40, "ELOOP"},
	{42, "ENOMSG"},
	{43, "EIDRM"},
	{44, "ECHRNG"},
	{45, "EL2NSYNC"},
	{46, "EL3HLT"},
	{47, "EL3RST"},
	{48, "ELNRNG"},
	{49, "EUNATCH"},
	{50, "ENOCSI"},
	{51, "EL2HLT"},
	{52, "EBADE"},
	{53, "EBADR"},
	{54, "EXFULL"},
	{55, "ENOANO"},
	{56, "EBADRQC"},
	{57, "EBADSLT"},
	{59, "EBFONT"},
	{60, "ENOSTR"},
	{61, "ENODATA"},
	{62, "ETIME"},
	{63, "ENOSR"},
	{64, "ENONET"},
	{65, "ENOPKG"},
	{66, "EREMOTE"},
	{67, "ENOLINK"},
	{68, "EADV"},
	{69, "ESRMNT"},
	{70, "ECOMM"},
	{71, "EPROTO"},
	{72, "EMULTIHOP"},
	{73, "EDOTDOT"},
	{74, "EBADMSG"},
	{75, "EOVERFLOW"},
	{76, "ENOTUNIQ"},
	{77, "EBADFD"},
	{78, "EREMCHG"},
	{79, "ELIBACC"},
	{80, "ELIBBAD"},
	{81, "ELIBSCN"},
	{82, "ELIBMAX"},
	{83, "ELIBEXEC"},
	{84, "EILSEQ"},
	{85, "ERESTART"},
	{86, "ESTRPIPE"},
	{87, "EUSERS"},
	{88, "ENOTSOCK"},
	{89, "EDESTADDRREQ"},
	{90, "EMSGSIZE"},
	{91, "EPROTOTYPE"},
	{92, "ENOPROTOOPT"},
	{93, "EPROTONOSUPPORT"},
	{94, "ESOCKTNOSUPPORT"},
	{95, "EOPNOTSUPP"},
	{96, "EPFNOSUPPORT"},
	{97, "EAFNOSUPPORT"},
	{98, "EADDRINUSE"},
	{99, "EADDRNOTAVAIL"},
	{100, "ENETDOWN"},
	{101, "ENETUNREACH"},
	{102, "ENETRESET"},
	{103, "ECONNABORTED"},
	{104, "ECONNRESET"},
	{105, "ENOBUFS"},
	{106, "EISCONN"},
	{107, "ENOTCONN"},
	{108, "ESHUTDOWN"},
	{109, "ETOOMANYREFS"},
	{110, "ETIMEDOUT"},
	{111, "ECONNREFUSED"},
	{112, "EHOSTDOWN"},
	{113, "EHOSTUNREACH"},
	{114, "EALREADY"},
	{115, "EINPROGRESS"},
	{116, "ESTALE"},
	{117, "EUCLEAN"},
	{118, "ENOTNAM"},
	{119, "ENAVAIL"},
	{120, "EISNAM"},
	{121, "EREMOTEIO"},
	{122, "EDQUOT"},
	{123, "ENOMEDIUM"},
	{124, "EMEDIUMTYPE"},
	{125, "ECANCELED"},
	{126, "ENOKEY"},
	{127, "EKEYEXPIRED"},
	{128, "EKEYREVOKED"},
	{129, "EKEYREJECTED"},
	{130, "EOWNERDEAD"},
	{131, "ENOTRECOVERABLE"},
	{132, "ERFKILL"},
	{133, "EHWPOISON"}, /* kernel-internal, seen by a tracer only */
	{512, "ERESTARTSYS"},
	{513, "ERESTARTNOINTR"},
	{514, "ERESTARTNOHAND"},
	{515, "ENOIOCTLCMD"},
	{516, "ERESTART_RESTARTBLOCK"},
	{517, "EPROBE_DEFER"},
	{518, "EOPENSTALE"},
	{521, "EBADHANDLE"},
	{522, "ENOTSYNC"},
	{523, "EBADCOOKIE"},
	{524, "ENOTSUPP"},
	{525, "ETOOSMALL"},
	{526, "ESERVERFAULT"},
	{527, "EBADTYPE"},
	{528, "EJUKEBOX"},
	{529, "EIOCBQUEUED"},
	{530, "ERECALLCONFLICT"});
// clang-format on

/* F_OK is the empty set; an unknown bit prints as 0x10 / * ?_OK * /
 * (a prefix with '?' is a whole comment, see xlat.c). */
// clang-format off
MT_XLAT(mt_xlat_access_modes, "?_OK",
	{0, "F_OK"},
	{4, "R_OK"},
	{2, "W_OK"},
	{1, "X_OK"});
// clang-format on

// clang-format off
MT_XLAT(mt_xlat_at_flags, "AT_",
	{0x100, "AT_SYMLINK_NOFOLLOW"},
	{0x200, "AT_REMOVEDIR"},
	{0x400, "AT_SYMLINK_FOLLOW"},
	{0x800, "AT_NO_AUTOMOUNT"},
	{0x1000, "AT_EMPTY_PATH"},
	{0x8000, "AT_RECURSIVE"});
// clang-format on

// clang-format off
MT_XLAT(mt_xlat_prot, "PROT_",
	{0, "PROT_NONE"},
	{0x1, "PROT_READ"},
	{0x2, "PROT_WRITE"},
	{0x4, "PROT_EXEC"},
	{0x8, "PROT_SEM"},
	{0x01000000, "PROT_GROWSDOWN"},
	{0x02000000, "PROT_GROWSUP"});
// clang-format on

/* The low four bits are the mapping type, printed as one value (MAP_FILE
 * when 0); bits 26-31 are the huge page size. mt_print_xflags() knows
 * this table and prints it the way strace does. */
// clang-format off
MT_XLAT(mt_xlat_mmap_flags, "MAP_",
	{0, "MAP_FILE"},
	{0x1, "MAP_SHARED"},
	{0x2, "MAP_PRIVATE"},
	{0x3, "MAP_SHARED_VALIDATE"},
	{0x10, "MAP_FIXED"},
	{0x20, "MAP_ANONYMOUS"},
	{0x40, "MAP_32BIT"}, /* x86 only; the bit is unused elsewhere */
	{0x4000, "MAP_NORESERVE"},
	{0x8000, "MAP_POPULATE"},
	{0x10000, "MAP_NONBLOCK"},
	{0x100, "MAP_GROWSDOWN"},
	{0x800, "MAP_DENYWRITE"},
	{0x1000, "MAP_EXECUTABLE"},
	{0x2000, "MAP_LOCKED"},
	{0x20000, "MAP_STACK"},
	{0x40000, "MAP_HUGETLB"},
	{0x80000, "MAP_SYNC"},
	{0x100000, "MAP_FIXED_NOREPLACE"});
// clang-format on

// clang-format off
MT_XLAT(mt_xlat_whence, "SEEK_",
	{0, "SEEK_SET"},
	{1, "SEEK_CUR"},
	{2, "SEEK_END"},
	{3, "SEEK_DATA"},
	{4, "SEEK_HOLE"});
// clang-format on

// clang-format off
MT_XLAT(mt_xlat_sigmask_how, "SIG_",
	{0, "SIG_BLOCK"},
	{1, "SIG_UNBLOCK"},
	{2, "SIG_SETMASK"});
// clang-format on

/* WUNTRACED is WSTOPPED (2): strace names it WSTOPPED. */
// clang-format off
MT_XLAT(mt_xlat_wait_options, "W",
	{0x1, "WNOHANG"},
	{0x4, "WEXITED"},
	{0x2, "WSTOPPED"},
	{0x8, "WCONTINUED"},
	{0x01000000, "WNOWAIT"},
	{0x80000000, "__WCLONE"},
	{0x40000000, "__WALL"},
	{0x20000000, "__WNOTHREAD"});
// clang-format on

// clang-format off
MT_XLAT(mt_xlat_rlimit_resources, "RLIMIT_",
	{0, "RLIMIT_CPU"},
	{1, "RLIMIT_FSIZE"},
	{2, "RLIMIT_DATA"},
	{3, "RLIMIT_STACK"},
	{4, "RLIMIT_CORE"},
	{5, "RLIMIT_RSS"},
	{6, "RLIMIT_NPROC"},
	{7, "RLIMIT_NOFILE"},
	{8, "RLIMIT_MEMLOCK"},
	{9, "RLIMIT_AS"},
	{10, "RLIMIT_LOCKS"},
	{11, "RLIMIT_SIGPENDING"},
	{12, "RLIMIT_MSGQUEUE"},
	{13, "RLIMIT_NICE"},
	{14, "RLIMIT_RTPRIO"},
	{15, "RLIMIT_RTTIME"});
// clang-format on

// clang-format off
MT_XLAT(mt_xlat_grnd_flags, "GRND_",
	{0x1, "GRND_NONBLOCK"},
	{0x2, "GRND_RANDOM"},
	{0x4, "GRND_INSECURE"});
// clang-format on

/* x86 arch_prctl codes strace 6.1 knows (not the 0x3001.. CET ones nor
 * the 0x4001.. LAM ones). */
// clang-format off
MT_XLAT(mt_xlat_arch_prctl, "ARCH_",
	{0x1001, "ARCH_SET_GS"},
	{0x1002, "ARCH_SET_FS"},
	{0x1003, "ARCH_GET_FS"},
	{0x1004, "ARCH_GET_GS"},
	{0x1011, "ARCH_GET_CPUID"},
	{0x1012, "ARCH_SET_CPUID"},
	{0x1021, "ARCH_GET_XCOMP_SUPP"},
	{0x1022, "ARCH_GET_XCOMP_PERM"},
	{0x1023, "ARCH_REQ_XCOMP_PERM"},
	{0x1024, "ARCH_GET_XCOMP_GUEST_PERM"},
	{0x1025, "ARCH_REQ_XCOMP_GUEST_PERM"},
	{0x2001, "ARCH_MAP_VDSO_X32"},
	{0x2002, "ARCH_MAP_VDSO_32"},
	{0x2003, "ARCH_MAP_VDSO_64"});
// clang-format on

/* strace decodes the flags of pipe2 and dup3 with the open flags table
 * (O_NOTIFICATION_PIPE shows as O_EXCL, pipe2(p, O_CREAT) as O_CREAT). */
const struct mt_xlat mt_xlat_pipe_flags = {
    mt_xlat_open_flags_generic_data,
    sizeof(mt_xlat_open_flags_generic_data) / sizeof(mt_xlat_open_flags_generic_data[0]),
    "O_",
};

// clang-format off
MT_XLAT(mt_xlat_clockids, "CLOCK_",
	{0, "CLOCK_REALTIME"},
	{1, "CLOCK_MONOTONIC"},
	{2, "CLOCK_PROCESS_CPUTIME_ID"},
	{3, "CLOCK_THREAD_CPUTIME_ID"},
	{4, "CLOCK_MONOTONIC_RAW"},
	{5, "CLOCK_REALTIME_COARSE"},
	{6, "CLOCK_MONOTONIC_COARSE"},
	{7, "CLOCK_BOOTTIME"},
	{8, "CLOCK_REALTIME_ALARM"},
	{9, "CLOCK_BOOTTIME_ALARM"},
	{10, "CLOCK_SGI_CYCLE"},
	{11, "CLOCK_TAI"});
// clang-format on

// clang-format off
MT_XLAT(mt_xlat_madvise, "MADV_",
	{0, "MADV_NORMAL"},
	{1, "MADV_RANDOM"},
	{2, "MADV_SEQUENTIAL"},
	{3, "MADV_WILLNEED"},
	{4, "MADV_DONTNEED"},
	{8, "MADV_FREE"},
	{9, "MADV_REMOVE"},
	{10, "MADV_DONTFORK"},
	{11, "MADV_DOFORK"},
	{12, "MADV_MERGEABLE"},
	{13, "MADV_UNMERGEABLE"},
	{14, "MADV_HUGEPAGE"},
	{15, "MADV_NOHUGEPAGE"},
	{16, "MADV_DONTDUMP"},
	{17, "MADV_DODUMP"},
	{18, "MADV_WIPEONFORK"},
	{19, "MADV_KEEPONFORK"},
	{20, "MADV_COLD"},
	{21, "MADV_PAGEOUT"},
	{22, "MADV_POPULATE_READ"},
	{23, "MADV_POPULATE_WRITE"},
	{24, "MADV_DONTNEED_LOCKED"},
	{25, "MADV_COLLAPSE"},
	{100, "MADV_HWPOISON"},
	{101, "MADV_SOFT_OFFLINE"});
// clang-format on
