/* seccomp filters with their edge cases, for a line-for-line comparison
 * with strace -v (tests/e2e/run.py programs): a filter loaded by seccomp
 * and by prctl (getppid then fails with EPERM: the filter says so), the
 * actions and the notification sizes asked, and programs the kernel
 * refuses: unknown codes and actions, a bad address, an unknown flag;
 * and socket filters. */
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD_ADDR ((void *)1) /* never mapped */

int main(void)
{
	/* an arch's own check jumps past nothing: no instruction kills */
	struct sock_filter filter[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 0),
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1),
	    BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 2),
	    BPF_STMT(BPF_MISC | BPF_TAX, 0),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof(filter) / sizeof(filter[0]), filter};
	struct sock_filter odd[] = {
	    {0x15, 1, 2, 3}, {0x87, 0, 0, 0}, {0x06, 0, 0, 0x12345678}, {0x7ff, 0, 0, 0}};
	struct sock_fprog odd_prog = {4, odd};
	unsigned action = SECCOMP_RET_LOG;
	struct seccomp_notif_sizes sizes;

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
	getppid();
	syscall(__NR_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
	syscall(__NR_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes);
	syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0x80, BAD_ADDR);
	syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG, &odd_prog);
	syscall(__NR_seccomp, 99, 0, NULL);
	/* the same programs on a socket */
	int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sock_filter accept_all[] = {BPF_STMT(BPF_RET | BPF_K, 0xffff)};
	struct sock_fprog socket_prog = {1, accept_all};
	setsockopt(s, SOL_SOCKET, SO_ATTACH_FILTER, &socket_prog, sizeof(socket_prog));
	setsockopt(s, SOL_SOCKET, SO_ATTACH_FILTER, &socket_prog, 8);
	setsockopt(s, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &odd_prog, sizeof(odd_prog));
	close(s);
	return 0;
}
