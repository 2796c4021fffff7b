/* What strace shows in parentheses after a successful return value:
 * poll's revents, select's ready sets, a policy's name, an I/O priority,
 * a signal's name, why KVM_RUN returned. */
#include <stdio.h>
#include <stdlib.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

static bool ret_note(const struct mt_dctx *d, char *out, size_t size)
{
	if (!d->sig || d->sc->err)
		return false;
	switch ((enum mt_ret_note)d->sig->note) {
	case MT_NOTE_POLL: return mt_poll_note(d, out, size);
	case MT_NOTE_PRCTL: return mt_prctl_note(d, out, size);
	case MT_NOTE_SCHED_POLICY: {
		const char *name = mt_sched_policy_name(d->sc->ret);
		if (name)
			snprintf(out, size, "%s", name);
		return name != NULL;
	}
	case MT_NOTE_IOPRIO: mt_sprint_ioprio(out, size, (uint32_t)d->sc->ret); return true;
	case MT_NOTE_IOCTL: return mt_kvm_run_note(d, out, size);
	case MT_NOTE_RECVMMSG: return mt_recvmmsg_note(d, out, size);
	case MT_NOTE_SIGNAL: {
		const char *name = mtrace_signal_name((int)d->sc->ret);
		if (name)
			snprintf(out, size, "%s", name);
		return name != NULL;
	}
	case MT_NOTE_NONE: break;
	}
	return false;
}

bool mt_ret_note_wanted(const struct mt_dctx *d)
{
	char buf[1024];

	return ret_note(d, buf, sizeof(buf));
}

bool mt_print_ret_note(const struct mt_dctx *d)
{
	char buf[1024];

	if (!ret_note(d, buf, sizeof(buf)))
		return false;
	P_EXPR(d, buf);
	return true;
}
