/* The public session API: create, configure, spawn, run, stop. */
#include "lib/engine/bpf/bpf.h"
#include "lib/engine/bpf/shared.h"
#include "lib/engine/engine.h"
#include "lib/stack/stack.h"
#include "syscalls/table.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mt_fail(struct mtrace *mt, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(mt->error, sizeof(mt->error), fmt, ap);
	va_end(ap);
	return -1;
}

const char *mtrace_error(const mtrace_t *mt)
{
	return mt->error;
}

/* Signatures per number, for each personality, looked up once. */
static int build_caches(struct mtrace *mt)
{
	const struct mt_arch *a = mt->arch;
	mt->cache = calloc(a->npersonalities, sizeof(*mt->cache));
	if (!mt->cache)
		return -1;
	for (size_t i = 0; i < a->npersonalities; i++) {
		const struct mt_syscall_table *tab = a->personalities[i]->table;
		struct mt_pers_cache *c = &mt->cache[i];
		c->count = tab->count;
		c->sigs = calloc(tab->count, sizeof(*c->sigs));
		c->traced = malloc(tab->count);
		c->decode = malloc(tab->count);
		if (!c->sigs || !c->traced || !c->decode)
			return -1;
		memset(c->traced, 1, tab->count);
		memset(c->decode, mt_decode_default(mt), tab->count);
		for (unsigned long n = 0; n < tab->count; n++)
			if (tab->names[n])
				c->sigs[n] = mt_signature_find(tab->names[n]);
	}
	return 0;
}

/* Why the BPF engine cannot do what the session asks, or NULL. */
static const char *bpf_cannot(const struct mtrace *mt)
{
	if (mt->opt.stack_depth)
		return "the BPF engine cannot capture stack traces";
	if (mt->opt.pin)
		return "the BPF engine does not pin (no stop to save)";
	if (!(mt->features & MTRACE_FEAT_SEIZE))
		return "the BPF engine needs PTRACE_SEIZE";
	if (mt->opt.detach_on_execve)
		return "the BPF engine cannot detach at execve (-b execve) yet";
	if (mt->opt.instruction_pointer)
		return "the BPF engine does not show instruction pointers (-i) yet";
	/* /proc tells the path only while the descriptor is open: read
	 * after the call, it could be another file's */
	if (mt->opt.decode_fds && !mt->opt.count_only)
		return "the BPF engine cannot show descriptor paths (-y) yet";
	/* likewise a pid's name, and its process may be gone by then */
	if (mt->opt.decode_pids && !mt->opt.count_only)
		return "the BPF engine cannot show what pids refer to (-Y) yet";
	if (mt->opt.kvm_vcpu && !mt->opt.count_only) /* read at the exit stop */
		return "the BPF engine cannot show why KVM_RUN returned (-e kvm=vcpu) yet";
	return NULL;
}

/* The engine (docs/engines.md): BPF when asked for; under auto, BPF
 * when it can do everything asked and loads here, unless the
 * environment says MTRACE_ENGINE=ptrace (the tests' way to run the
 * ptrace engine's paths through auto). Asked for and unable, the first
 * spawn or attach fails with the reason; auto falls back silently. */
static void choose_engine(struct mtrace *mt)
{
	mt->engine = MTRACE_ENGINE_PTRACE;
	const char *env = getenv("MTRACE_ENGINE");
	bool asked = mt->opt.engine == MTRACE_ENGINE_BPF;
	bool preferred =
	    mt->opt.engine == MTRACE_ENGINE_AUTO && !(env && strcmp(env, "ptrace") == 0);
	if (!asked && !preferred)
		return;
	const char *no = bpf_cannot(mt);
	if (!no)
		mt->bpf = mt_bpf_open(mt, mt->engine_error, sizeof(mt->engine_error));
	else if (asked)
		snprintf(mt->engine_error, sizeof(mt->engine_error), "%s", no);
	if (mt->bpf)
		mt->engine = MTRACE_ENGINE_BPF;
	else if (!asked)
		mt->engine_error[0] = '\0';
}

void mt_engine_ptrace_only(struct mtrace *mt, const char *why)
{
	if (mt->opt.engine == MTRACE_ENGINE_BPF)
		snprintf(mt->engine_error, sizeof(mt->engine_error), "%s", why);
	if (mt->engine == MTRACE_ENGINE_BPF) {
		mt_bpf_close(mt->bpf);
		mt->bpf = NULL;
		mt->engine = MTRACE_ENGINE_PTRACE;
	}
}

enum mtrace_engine mtrace_engine_used(const mtrace_t *mt)
{
	return mt->engine;
}

/* Spawning and attaching start nothing when the engine cannot run. */
int mt_engine_check(struct mtrace *mt)
{
	if (mt->engine_error[0])
		return mt_fail(mt, "%s", mt->engine_error);
	return mt_bpf_start(mt);
}

mtrace_t *mtrace_new(const struct mtrace_options *opt, mtrace_callback cb, void *data)
{
	struct mtrace *mt = calloc(1, sizeof(*mt));
	if (!mt)
		return NULL;
	if (opt)
		mt->opt = *opt;
	if (mt->opt.string_limit == 0)
		mt->opt.string_limit = 32;
	mt->cb = cb;
	mt->cb_data = data;
	mt->arch = &mt_host_arch;
	mt->features = mt_probe_features();
	mt_signals_snapshot(mt);
	if (mt->opt.stack_depth && !(mt->stack = mt_stack_new())) {
		mtrace_free(mt);
		errno = ENOTSUP; /* built without libunwind */
		return NULL;
	}
	/* The socket cache serves -yy and the netlink decoders (which ask
	 * the kernel a socket's protocol): always there. */
	if (build_caches(mt) != 0 || !(mt->sockets = mt_sock_cache_new())) {
		mtrace_free(mt);
		errno = ENOMEM;
		return NULL;
	}
	choose_engine(mt);
	return mt;
}

void mtrace_free(mtrace_t *mt)
{
	if (!mt)
		return;
	mt_pin_release(mt);
	for (unsigned i = 0; i < MT_HASH_SIZE; i++)
		while (mt->hash[i])
			mt_tracee_remove(mt, mt->hash[i]);
	mt_bpf_close(mt->bpf);
	mt_stack_free(mt->stack);
	mt_memo_free(&mt->memo);
	mt_sock_cache_free(mt->sockets);
	free(mt->sigframes);
	free(mt->filter.filter);
	mt_tamper_free(mt);
	mt_paths_free(mt);
	if (mt->cache) {
		for (size_t i = 0; i < mt->arch->npersonalities; i++) {
			free(mt->cache[i].sigs);
			free(mt->cache[i].traced);
			free(mt->cache[i].decode);
		}
		free(mt->cache);
	}
	free(mt);
}

pid_t mtrace_spawn(mtrace_t *mt, char *const argv[])
{
	char path[PATH_MAX];
	if (!argv || !argv[0])
		return mt_fail(mt, "no command to run");
	if (mt_engine_check(mt) != 0)
		return -1;
	if (!(mt->features & (MTRACE_FEAT_SEIZE)) && mt_probe_features() == 0 &&
	    !getenv("MTRACE_DISABLE"))
		return mt_fail(mt,
		               "ptrace is not permitted here (see ptrace(2), Yama ptrace_scope)");
	if (mt_resolve_path(mt, argv[0], path, sizeof(path)) != 0)
		return -1;
	if (mt->opt.user) {
		const struct passwd *pw = getpwnam(mt->opt.user);
		if (!pw)
			return mt_fail(mt, "Cannot find user '%s'", mt->opt.user);
		mt->as_user.set = true;
		mt->as_user.uid = pw->pw_uid;
		mt->as_user.gid = pw->pw_gid;
	}
	if (mt->opt.daemonize && mt->opt.pin)
		return mt_fail(mt, "the CPU pin does not go with daemonize (-D)");
	/* Before the filter: it must stop the calls that end the pin. */
	mt_pin_start(mt);
	/* A subset is traced: let a seccomp filter pick the stops, unless
	 * attached processes (no filter of ours) share the session. Only
	 * with -f: an untraced child inherits the filter, and without a
	 * tracer its RET_TRACE calls fail with ENOSYS (strace, too, turns
	 * --seccomp-bpf off without -f). Not with -b execve either: a
	 * process let go of keeps the filter. */
	mt->seccomp = !mt->bpf && mt->filtering && mt->opt.follow_forks && !mt->opt.no_seccomp &&
	              !mt->opt.detach_on_execve && !mt->attached &&
	              (mt->features & MTRACE_FEAT_SECCOMP) && mt_seccomp_build(mt) == 0;
	pid_t pid = mt->opt.daemonize ? mt_spawn_daemonized(mt, path, argv)
	                              : mt_spawn_child(mt, path, argv);
	if (pid < 0)
		mt_pin_end(mt);
	return pid;
}

int mtrace_run(mtrace_t *mt)
{
	int status = mt_loop(mt);
	if (mt->bpf)
		mt_bpf_report(mt);
	unsigned long long lost = mt_bpf_lost(mt->bpf, MT_BPF_LOST_RECORDS);
	unsigned long long unseen = mt_bpf_lost(mt->bpf, MT_BPF_LOST_UNSEEN);
	if (lost || unseen) {
		struct mtrace_event ev = {.type = MTRACE_EV_LOST};
		ev.u.lost.records = lost;
		ev.u.lost.unseen = unseen;
		mt_emit(mt, NULL, &ev);
	}
	return status;
}

void mtrace_request_stop(mtrace_t *mt)
{
	mt->stop_requested = 1;
}
