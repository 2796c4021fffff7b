/* What a syscall stop says: entry or exit, number, arguments, return
 * value and personality. PTRACE_GET_SYSCALL_INFO answers all of it in one
 * call; without it we read the NT_PRSTATUS register set through the arch
 * backend and track entry/exit ourselves. */
#include "lib/engine/engine.h"
#include "lib/engine/ptrace_compat.h"

#include <elf.h>
#include <string.h>
#include <sys/uio.h>

/* The personality of a stop from its audit arch (and, where two share
 * one, the x32 number bit). */
static const struct mt_personality *pers_by_audit(const struct mt_arch *a, uint32_t audit,
                                                  unsigned long nr)
{
	const struct mt_personality *found = NULL;
	for (size_t i = 0; i < a->npersonalities; i++) {
		const struct mt_personality *p = a->personalities[i];
		if (p->audit_arch != audit)
			continue;
		if (p->nr_mask ? (nr & p->nr_mask) : !found)
			found = p;
	}
	return found;
}

static const struct mt_personality *pers_by_regset(const struct mt_arch *a, size_t size,
                                                   const unsigned char *regs)
{
	const struct mt_personality *found = NULL;
	for (size_t i = 0; i < a->npersonalities; i++) {
		const struct mt_personality *p = a->personalities[i];
		if (p->regset_size != size)
			continue;
		uint64_t nr = 0;
		memcpy(&nr, regs + p->nr_off, p->word_size);
		if (p->nr_mask ? (nr & p->nr_mask) : !found)
			found = p;
	}
	return found;
}

static uint64_t reg(const struct mt_personality *p, const unsigned char *regs, uint16_t off)
{
	if (p->word_size == 4) {
		uint32_t v;
		memcpy(&v, regs + off, 4);
		return v;
	}
	uint64_t v;
	memcpy(&v, regs + off, 8);
	return v;
}

static int from_syscall_info(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si)
{
	struct mt_ptrace_syscall_info info;
	if (ptrace(MT_PTRACE_GET_SYSCALL_INFO, t->pid, (void *)sizeof(info), &info) <= 0)
		return -1;
	switch (info.op) {
	case MT_SYSCALL_INFO_ENTRY:
	case MT_SYSCALL_INFO_SECCOMP: /* same layout: nr, args */
		si->op = MT_STOP_ENTRY;
		si->nr = (unsigned long)info.entry.nr;
		memcpy(si->args, info.entry.args, sizeof(si->args));
		si->pers = pers_by_audit(mt->arch, info.arch, si->nr);
		si->sp = info.stack_pointer;
		si->ip = info.instruction_pointer;
		return 0;
	case MT_SYSCALL_INFO_EXIT:
		si->op = MT_STOP_EXIT;
		si->ip = info.instruction_pointer;
		si->rval = info.exit.rval;
		si->is_error = info.exit.is_error;
		si->pers = t->pers;
		return 0;
	default: si->op = MT_STOP_NONE; return 0;
	}
}

static int from_regset(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si)
{
	unsigned char regs[1024];
	struct iovec iov = {regs, sizeof(regs)};
	if (ptrace(PTRACE_GETREGSET, t->pid, (void *)NT_PRSTATUS, &iov) != 0)
		return -1;
	const struct mt_personality *p = pers_by_regset(mt->arch, iov.iov_len, regs);
	si->pers = p;
	if (!p)
		return -1;
	if (!(t->flags & MT_T_IN_SYSCALL)) {
		si->op = MT_STOP_ENTRY;
		si->nr = (unsigned long)reg(p, regs, p->nr_off);
		for (int i = 0; i < 6; i++)
			si->args[i] = reg(p, regs, p->arg_off[i]);
		si->sp = reg(p, regs, p->sp_off);
		si->ip = reg(p, regs, p->ip_off);
		return 0;
	}
	si->op = MT_STOP_EXIT;
	si->ip = reg(p, regs, p->ip_off);
	uint64_t raw = reg(p, regs, p->ret_off);
	/* Sign-extend a 32-bit ABI's return value. */
	si->rval = p->word_size == 4 ? (int64_t)(int32_t)raw : (int64_t)raw;
	si->is_error = si->rval < 0 && si->rval >= -4095;
	return 0;
}

int mt_stop_info(struct mtrace *mt, struct mtrace_tracee *t, struct mt_stop_info *si)
{
	memset(si, 0, sizeof(*si));
	if (mt->features & MTRACE_FEAT_SYSCALL_INFO)
		return from_syscall_info(mt, t, si);
	return from_regset(mt, t, si);
}

uint64_t mt_task_ip(struct mtrace *mt, pid_t pid, uint8_t *word_size)
{
	unsigned char regs[1024];
	struct iovec iov = {regs, sizeof(regs)};
	*word_size = 0;
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0)
		return 0;
	const struct mt_personality *p = pers_by_regset(mt->arch, iov.iov_len, regs);
	if (!p)
		return 0;
	*word_size = p->word_size;
	return reg(p, regs, p->ip_off);
}

unsigned mt_task_pers(struct mtrace *mt, pid_t pid)
{
	unsigned char regs[1024];
	struct iovec iov = {regs, sizeof(regs)};
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0)
		return 0;
	for (size_t i = 0; i < mt->arch->npersonalities; i++)
		if (mt->arch->personalities[i]->regset_size == iov.iov_len)
			return (unsigned)i;
	return 0;
}
