/* ptrace requests and structures that older headers may lack. We keep
 * our own copy of the syscall-info layout so that the build does not
 * depend on the libc's vintage; the kernel decides at run time. */
#ifndef MTRACE_CORE_PTRACE_COMPAT_H
#define MTRACE_CORE_PTRACE_COMPAT_H

#include <stdint.h>
#include <sys/ptrace.h>

#define MT_PTRACE_GET_SYSCALL_INFO 0x420e
#define MT_SYSCALL_INFO_NONE       0
#define MT_SYSCALL_INFO_ENTRY      1
#define MT_SYSCALL_INFO_EXIT       2
#define MT_SYSCALL_INFO_SECCOMP    3

struct mt_ptrace_syscall_info {
	uint8_t op;
	uint8_t pad[3];
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t stack_pointer;
	union {
		struct {
			uint64_t nr;
			uint64_t args[6];
		} entry;
		struct {
			int64_t rval;
			uint8_t is_error;
		} exit;
		struct {
			uint64_t nr;
			uint64_t args[6];
			uint32_t ret_data;
		} seccomp;
	};
};

#define MT_PTRACE_SEIZE      0x4206
#define MT_PTRACE_INTERRUPT  0x4207
#define MT_PTRACE_LISTEN     0x4208
#define MT_PTRACE_EVENT_STOP 128
#define MT_PTRACE_O_EXITKILL (1 << 20)

#endif
