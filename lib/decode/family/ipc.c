/* SysV IPC, as strace shows it: keys (IPC_PRIVATE), the get calls' flags
 * with their mode, semop's operations, the messages msgsnd and msgrcv
 * move, shmat's flags, and the ctl calls' commands with what they read
 * or fill in (struct semid_ds, msqid_ds, shmid_ds). The kernel's 64-bit
 * layouts: only semid_ds differs between arches (the backend says how). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

#define IPC_64_FLAG    0x100 /* ipc's "new layout" bit in a ctl command */
#define MODE_BITS      0777
#define SHM_HUGE_SHIFT 26
#define SHM_HUGE_MASK  0x3fu

enum { CMD_RMID, CMD_SET, CMD_STAT, CMD_INFO };

/* ---- the get calls ---- */

MT_KIND(IPC_KEY)
{
	if ((uint32_t)v == 0)
		P_SYM(d, "IPC_PRIVATE", 0, HEX);
	else
		P_HEX(d, (uint32_t)v);
}

/* flags|mode: IPC_CREAT|IPC_EXCL|0600, the mode alone (000), and bits
 * no flag has in hex before the mode: 0x1000000|0600 */
static void print_flags_mode(const struct mt_dctx *d, const char *const *names, size_t n,
                             uint64_t rest, uint32_t v)
{
	char mode[16], other[24];
	const char *all[24];
	size_t k = 0;

	for (size_t i = 0; i < n && k < 21; i++)
		all[k++] = names[i];
	if (rest) {
		snprintf(other, sizeof(other), "%#" PRIx64, rest);
		all[k++] = other;
	}
	snprintf(mode, sizeof(mode), (v & MODE_BITS) ? "%#o" : "000", v & MODE_BITS);
	all[k++] = mode;
	d->p->ops->flags(d->p, v, MTRACE_RADIX_OCT, all, k, 0);
}

MT_KIND(IPC_GET_FLAGS)
{
	const char *names[8];
	uint64_t rest = 0;
	size_t n =
	    mt_xflags_names(&mt_xlat_ipc_resource_flags, (uint32_t)v & ~MODE_BITS, names, 8, &rest);
	print_flags_mode(d, names, n, rest, (uint32_t)v);
}

/* shmget's: the flags, a huge page size as 21<<SHM_HUGE_SHIFT, the mode */
MT_KIND(SHM_GET_FLAGS)
{
	const char *names[8];
	char huge[40];
	uint64_t rest = 0;
	uint32_t flags = (uint32_t)v & ~MODE_BITS;
	uint32_t hugetlb = flags & (SHM_HUGE_MASK << SHM_HUGE_SHIFT);
	size_t n = mt_xflags_names(&mt_xlat_shm_resource_flags, flags & ~hugetlb, names, 7, &rest);

	if (hugetlb) {
		snprintf(huge, sizeof(huge), "%u<<SHM_HUGE_SHIFT", hugetlb >> SHM_HUGE_SHIFT);
		names[n++] = huge;
	}
	print_flags_mode(d, names, n, rest, (uint32_t)v);
}

/* ---- semop, semtimedop ---- */

static void print_sembuf(const struct mt_dctx *d, const void *elem, uint64_t i, void *arg)
{
	struct {
		uint16_t num;
		int16_t op, flg;
	} sb;

	(void)i, (void)arg;
	memcpy(&sb, elem, sizeof(sb));
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "sem_num");
	P_UNUM(d, sb.num);
	P_FIELD(d, "sem_op");
	P_NUM(d, sb.op);
	P_FIELD(d, "sem_flg");
	mt_print_xflags(d->p, &mt_xlat_semop_flags, (uint16_t)sb.flg);
	P_END(d);
}

/* The operations, their count the next argument. */
MT_KIND(SEMBUF_IN)
{
	mt_print_array(d, v, (uint32_t)d->sc->args[i + 1], 6, UINT64_MAX, print_sembuf, NULL);
}

/* ---- msgsnd, msgrcv ---- */

/* {mtype=7, mtext="hello"}: the text as long as the size argument says
 * (msgrcv's too, whatever it received, as strace shows it). */
static void print_msgbuf(const struct mt_dctx *d, uint64_t addr, uint64_t size)
{
	int64_t type;

	if (!mt_fetch(d, addr, &type, sizeof(type)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "mtype");
	P_NUM(d, type);
	P_FIELD(d, "mtext");
	mt_print_buf(d, addr + sizeof(type), size, 0);
	P_END(d);
}

MT_KIND(MSGBUF_IN)
{
	print_msgbuf(d, v, d->sc->args[i + 1]);
}

MT_KIND(MSGBUF_OUT)
{
	print_msgbuf(d, v, d->sc->args[i + 1]);
}

MT_KIND_XFLAGS(IPC_MSG_FLAGS, &mt_xlat_ipc_msg_flags, uint32_t)
MT_KIND_XFLAGS(SHMAT_FLAGS, &mt_xlat_shmat_flags, uint32_t)

/* ---- the ctl calls ---- */

/* IPC_64|IPC_STAT, or the command alone */
static void print_cmd(const struct mt_dctx *d, const struct mt_xlat *cmds, uint32_t cmd)
{
	const char *names[2] = {"IPC_64", mt_xlat_name(cmds, cmd & ~IPC_64_FLAG)};

	if (!(cmd & IPC_64_FLAG) || !names[1])
		mt_print_xval(d->p, cmds, cmd);
	else
		d->p->ops->flags(d->p, cmd, MTRACE_RADIX_HEX, names, 2, 0);
}

/* struct ipc64_perm: key, uid, gid, cuid, cgid, mode (4 bytes each);
 * IPC_SET takes uid, gid and mode only. */
static void print_perm(const struct mt_dctx *d, const uint32_t *perm, bool set)
{
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "uid");
	P_UNUM(d, perm[1]);
	P_FIELD(d, "gid");
	P_UNUM(d, perm[2]);
	P_FIELD(d, "mode");
	P_OCT(d, perm[5]);
	if (!set) {
		P_FIELD(d, "key");
		P_UNUM(d, perm[0]);
		P_FIELD(d, "cuid");
		P_UNUM(d, perm[3]);
		P_FIELD(d, "cgid");
		P_UNUM(d, perm[4]);
	}
	P_END(d);
}

#define PERM_SIZE 48 /* with its seq, padding and two unused words */

/* A field of a ds struct: its name, offset, size (4 or 8), how shown. */
enum { SHOW_U, SHOW_D, SHOW_TGID };
struct ds_field {
	const char *name;
	uint8_t off, size, how;
	bool settable; /* shown for IPC_SET too */
};

/* A struct of size bytes (at most 128): its ipc64_perm first unless
 * perm_name is NULL, then the fields f (for IPC_SET, the settable ones). */
static void print_ds(const struct mt_dctx *d, uint64_t addr, size_t size, const char *perm_name,
                     const struct ds_field *f, size_t n, bool set)
{
	unsigned char ds[128] = {0};

	if (!mt_fetch(d, addr, ds, size < sizeof(ds) ? size : sizeof(ds)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	if (perm_name) {
		P_FIELD(d, perm_name);
		print_perm(d, (const uint32_t *)(const void *)ds, set);
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t v = 0;
		if (set && !f[i].settable)
			continue;
		memcpy(&v, ds + f[i].off, f[i].size);
		P_FIELD(d, f[i].name);
		if (f[i].how == SHOW_TGID)
			mt_print_pid(d, (int32_t)v, MT_PID_TGID);
		else if (f[i].how == SHOW_D)
			P_NUM(d, f[i].size == 4 ? (int32_t)v : (int64_t)v);
		else
			P_UNUM(d, v);
	}
	P_END(d);
}

static void print_msqid_ds(const struct mt_dctx *d, uint64_t addr, bool set)
{
	static const struct ds_field f[] = {
	    {"msg_stime", 48, 8, SHOW_U, false},  {"msg_rtime", 56, 8, SHOW_U, false},
	    {"msg_ctime", 64, 8, SHOW_U, false},  {"msg_qnum", 80, 8, SHOW_U, false},
	    {"msg_qbytes", 88, 8, SHOW_U, true},  {"msg_lspid", 96, 4, SHOW_D, false},
	    {"msg_lrpid", 100, 4, SHOW_D, false},
	};
	print_ds(d, addr, 120, "msg_perm", f, sizeof(f) / sizeof(f[0]), set);
}

static void print_shmid_ds(const struct mt_dctx *d, uint64_t addr, bool set)
{
	static const struct ds_field f[] = {
	    {"shm_segsz", 48, 8, SHOW_U, false},   {"shm_cpid", 80, 4, SHOW_TGID, false},
	    {"shm_lpid", 84, 4, SHOW_TGID, false}, {"shm_nattch", 88, 8, SHOW_U, false},
	    {"shm_atime", 56, 8, SHOW_U, false},   {"shm_dtime", 64, 8, SHOW_U, false},
	    {"shm_ctime", 72, 8, SHOW_U, false},
	};
	print_ds(d, addr, 112, "shm_perm", f, sizeof(f) / sizeof(f[0]), set);
}

/* (x86's semid64_ds has a pad word after each time: the backend's
 * offsets) */
static void print_semid_ds(const struct mt_dctx *d, uint64_t addr, bool set)
{
	const struct ds_field f[] = {
	    {"sem_otime", PERM_SIZE, 8, SHOW_U, false},
	    {"sem_ctime", d->arch->sem_ctime_off, 8, SHOW_U, false},
	    {"sem_nsems", d->arch->sem_nsems_off, 8, SHOW_U, false},
	};
	print_ds(d, addr, d->arch->sem_nsems_off + 24u, "sem_perm", f, sizeof(f) / sizeof(f[0]),
	         set);
}

/* The INFO commands' structs: plain fields, no perm. */
static void print_fields(const struct mt_dctx *d, uint64_t addr, size_t size,
                         const struct ds_field *f, size_t n)
{
	print_ds(d, addr, size, NULL, f, n, false);
}

#define FIELDS(f) (f), sizeof(f) / sizeof((f)[0])

/* struct seminfo (IPC_INFO, SEM_INFO): ten ints */
static void print_seminfo(const struct mt_dctx *d, uint32_t cmd, uint64_t addr)
{
	static const struct ds_field f[] = {
	    {"semmap", 0, 4, SHOW_D, 0},  {"semmni", 4, 4, SHOW_D, 0},
	    {"semmns", 8, 4, SHOW_D, 0},  {"semmnu", 12, 4, SHOW_D, 0},
	    {"semmsl", 16, 4, SHOW_D, 0}, {"semopm", 20, 4, SHOW_D, 0},
	    {"semume", 24, 4, SHOW_D, 0}, {"semusz", 28, 4, SHOW_D, 0},
	    {"semvmx", 32, 4, SHOW_D, 0}, {"semaem", 36, 4, SHOW_D, 0},
	};
	(void)cmd;
	print_fields(d, addr, 40, FIELDS(f));
}

/* struct msginfo (IPC_INFO, MSG_INFO): seven ints and a short */
static void print_msginfo(const struct mt_dctx *d, uint32_t cmd, uint64_t addr)
{
	static const struct ds_field f[] = {
	    {"msgpool", 0, 4, SHOW_D, 0}, {"msgmap", 4, 4, SHOW_D, 0},
	    {"msgmax", 8, 4, SHOW_D, 0},  {"msgmnb", 12, 4, SHOW_D, 0},
	    {"msgmni", 16, 4, SHOW_D, 0}, {"msgssz", 20, 4, SHOW_D, 0},
	    {"msgtql", 24, 4, SHOW_D, 0}, {"msgseg", 28, 2, SHOW_U, 0},
	};
	(void)cmd;
	print_fields(d, addr, 32, FIELDS(f));
}

/* IPC_INFO: struct shminfo64's limits; SHM_INFO: struct shm_info's use */
static void print_shminfo(const struct mt_dctx *d, uint32_t cmd, uint64_t addr)
{
	static const struct ds_field limits[] = {
	    {"shmmax", 0, 8, SHOW_U, 0},  {"shmmin", 8, 8, SHOW_U, 0},
	    {"shmmni", 16, 8, SHOW_U, 0}, {"shmseg", 24, 8, SHOW_U, 0},
	    {"shmall", 32, 8, SHOW_U, 0},
	};
	static const struct ds_field use[] = {
	    {"used_ids", 0, 4, SHOW_D, 0},       {"shm_tot", 8, 8, SHOW_U, 0},
	    {"shm_rss", 16, 8, SHOW_U, 0},       {"shm_swp", 24, 8, SHOW_U, 0},
	    {"swap_attempts", 32, 8, SHOW_U, 0}, {"swap_successes", 40, 8, SHOW_U, 0},
	};
	if (cmd == CMD_INFO)
		print_fields(d, addr, 72, FIELDS(limits));
	else
		print_fields(d, addr, 48, FIELDS(use));
}

typedef void ds_printer(const struct mt_dctx *d, uint64_t addr, bool set);
typedef void info_printer(const struct mt_dctx *d, uint32_t cmd, uint64_t addr);

/* A ctl call: where its command is, the commands that fill in its ds
 * struct or an info struct besides IPC_STAT and IPC_INFO, and their
 * printers. */
struct ctl {
	const struct mt_xlat *cmds;
	int cmd_arg;
	uint32_t stat, stat_any, info;
	ds_printer *ds;
	info_printer *print_info;
};

/* What a command does with the buffer after it: fills in the ds struct
 * or an info struct (shown at the exit), reads the ds struct (IPC_SET),
 * or nothing (its address). */
enum buf_use { BUF_ADDR, BUF_SET, BUF_STAT, BUF_INFO };

static enum buf_use buf_use(const struct ctl *c, uint32_t cmd)
{
	cmd &= ~IPC_64_FLAG;
	if (cmd == CMD_SET)
		return BUF_SET;
	if (cmd == CMD_STAT || cmd == c->stat || cmd == c->stat_any)
		return BUF_STAT;
	return cmd == CMD_INFO || cmd == c->info ? BUF_INFO : BUF_ADDR;
}

/* The command at args[cmd_arg], the buffer at args[cmd_arg + 1]. */
static bool decode_ctl(const struct mt_dctx *d, const struct ctl *c)
{
	uint32_t cmd = (uint32_t)d->sc->args[c->cmd_arg];
	uint64_t buf = d->sc->args[c->cmd_arg + 1];
	enum buf_use use = buf_use(c, cmd);

	if (d->exiting) {
		if (d->sc->err)
			P_ADDR(d, buf);
		else if (use == BUF_STAT)
			c->ds(d, buf, false);
		else
			c->print_info(d, cmd & ~IPC_64_FLAG, buf);
		return false;
	}
	for (int i = 0; i < c->cmd_arg; i++)
		P_NUM(d, mt_arg_int(d, i));
	print_cmd(d, c->cmds, cmd);
	if (use == BUF_STAT || use == BUF_INFO)
		return false;
	if (use == BUF_SET)
		c->ds(d, buf, true);
	else
		P_ADDR(d, buf);
	return true;
}

bool mt_decode_semctl(const struct mt_dctx *d)
{
	/* SEM_STAT, SEM_STAT_ANY, SEM_INFO */
	static const struct ctl c = {&mt_xlat_semctl_cmds, 2, 18, 20, 19, print_semid_ds,
	                             print_seminfo};
	return decode_ctl(d, &c);
}

bool mt_decode_msgctl(const struct mt_dctx *d)
{
	/* MSG_STAT, MSG_STAT_ANY, MSG_INFO */
	static const struct ctl c = {&mt_xlat_msgctl_cmds, 1, 11, 13, 12, print_msqid_ds,
	                             print_msginfo};
	return decode_ctl(d, &c);
}

bool mt_decode_shmctl(const struct mt_dctx *d)
{
	/* SHM_STAT, SHM_STAT_ANY, SHM_INFO */
	static const struct ctl c = {&mt_xlat_shmctl_cmds, 1, 13, 15, 14, print_shmid_ds,
	                             print_shminfo};
	return decode_ctl(d, &c);
}
