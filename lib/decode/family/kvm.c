/* KVM's ioctls on /dev/kvm, a VM's and a vCPU's descriptors: the
 * arguments strace shows (the vCPU's number, a memory region), the
 * descriptors KVM_CREATE_VM and KVM_CREATE_VCPU return, and with -e
 * kvm=vcpu why KVM_RUN returned: the exit_reason of the vCPU's struct
 * kvm_run, which the tracee maps from the vCPU's descriptor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/decode/decode.h"
#include "lib/xlat/xlat.h"

/* struct kvm_run starts with two flag bytes and 6 of padding; then the
 * u32 exit_reason. The same on every arch. */
#define KVM_RUN_EXIT_REASON_OFF 8

bool mt_kvm_returns_fd(uint32_t req)
{
	return req == MT_KVM_CREATE_VM || req == MT_KVM_CREATE_VCPU;
}

/* {slot=0, flags=0, guest_phys_addr=0x1000, memory_size=4096,
 * userspace_addr=0x7f...} */
static void print_memory_region(const struct mt_dctx *d, uint64_t addr)
{
	struct {
		uint32_t slot, flags;
		uint64_t guest_phys_addr, memory_size, userspace_addr;
	} r;

	if (!mt_fetch(d, addr, &r, sizeof(r)))
		return;
	P_BEGIN(d, MTRACE_STRUCT);
	P_FIELD(d, "slot");
	P_UNUM(d, r.slot);
	P_FIELD(d, "flags");
	mt_print_xflags(d->p, &mt_xlat_kvm_mem_flags, r.flags);
	P_FIELD(d, "guest_phys_addr");
	P_HEX(d, r.guest_phys_addr);
	P_FIELD(d, "memory_size");
	P_UNUM(d, r.memory_size);
	P_FIELD(d, "userspace_addr");
	P_HEX(d, r.userspace_addr);
	P_END(d);
}

bool mt_kvm_print_arg(const struct mt_dctx *d, uint32_t req, uint64_t arg)
{
	switch (req) {
	case MT_KVM_CREATE_VCPU: P_UNUM(d, (uint32_t)arg); return true;
	case MT_KVM_CHECK_EXTENSION: mt_print_xval(d->p, &mt_xlat_kvm_cap, arg); return true;
	case MT_KVM_SET_USER_MEMORY_REGION: print_memory_region(d, arg); return true;
	default: return false;
	}
}

/* Where the tracee mapped the vCPU behind fd: the mapping of the file
 * the descriptor names (anon_inode:kvm-vcpu:N); 0 if none. */
static uint64_t vcpu_mapping(pid_t pid, int fd)
{
	char want[256], name[64], line[512];
	uint64_t found = 0;

	if (!mt_fd_path(pid, fd, want, sizeof(want)) ||
	    strncmp(want, "anon_inode:kvm-vcpu:", 20) != 0)
		return 0;
	snprintf(name, sizeof(name), "/proc/%d/maps", (int)pid);
	FILE *f = fopen(name, "re");
	while (f && !found && fgets(line, sizeof(line), f)) {
		unsigned long long start;
		int path = 0;
		size_t len = strcspn(line, "\n");

		line[len] = '\0';
		/* start-end perms offset dev inode   path */
		if (sscanf(line, "%llx-%*x %*s %*s %*s %*s %n", &start, &path) == 1 && path &&
		    strcmp(line + path, want) == 0)
			found = start;
	}
	if (f)
		fclose(f);
	return found;
}

/* -e kvm=vcpu: " (KVM_EXIT_IO)" after a KVM_RUN that returned. */
bool mt_kvm_run_note(const struct mt_dctx *d, char *out, size_t size)
{
	uint32_t reason;

	if (!d->kvm_vcpu || (uint32_t)d->sc->args[1] != MT_KVM_RUN || d->sc->err)
		return false;
	uint64_t run = vcpu_mapping(d->pid, mt_arg_int(d, 0));
	if (!run || mt_read_struct(d, run + KVM_RUN_EXIT_REASON_OFF, &reason, sizeof(reason)) != 0)
		return false;
	const char *name = mt_xlat_name(&mt_xlat_kvm_exit_reasons, reason);
	snprintf(out, size, "%s", name ? name : "KVM_EXIT_???");
	return true;
}
