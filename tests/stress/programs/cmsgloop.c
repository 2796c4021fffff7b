/* sendmsg with a control message whose cmsg_len is 0xfffffffffffffff9:
 * the kernel refuses it (EINVAL), and mtrace's decoder, which reads it at
 * the call's entry, must not walk it for ever (it did: found by
 * tests/fuzz). Exits 0. */
#include <stdint.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
		return 1;
	uint64_t control[4] = {0xfffffffffffffff9ull, 0, 0, 0};
	char byte = 'x';
	struct iovec iov = {&byte, 1};
	struct msghdr m = {0};
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = control;
	m.msg_controllen = sizeof(control);
	return sendmsg(sv[0], &m, 0) == -1 ? 0 : 1;
}
