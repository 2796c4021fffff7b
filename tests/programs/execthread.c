/* execve from a thread that is not the group leader: the kernel gives the
 * thread the leader's pid and the leader vanishes. argv[1..] is run. */
#include <pthread.h>
#include <unistd.h>

static char **cmd;

static void *run(void *arg)
{
	(void)arg;
	execv(cmd[0], cmd);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;
	if (argc < 2)
		return 2;
	cmd = argv + 1;
	if (pthread_create(&t, NULL, run, NULL) != 0)
		return 1;
	pause(); /* the execve ends this thread */
	return 1;
}
