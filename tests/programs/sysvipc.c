/* SysV IPC with its edge cases, for a line-for-line comparison with
 * strace (tests/e2e/run.py programs): semaphores, message queues and
 * shared memory made, used, inspected, changed and removed, plus NULL
 * and unreadable buffers, unknown commands and flags. In an IPC
 * namespace of its own, so that the ids are the same in every run and
 * nothing outside sees the objects. Exit 77 without the privilege. */
#include <sched.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>

#define SKIP     77
#define BAD_ADDR ((void *)1) /* never mapped */
#define NO_CMD   99          /* no ctl command has it */

struct message {
	long mtype;
	char mtext[16];
};

static void semaphores(void)
{
	struct sembuf ops[2] = {{0, 1, 0}, {1, 2, IPC_NOWAIT | SEM_UNDO}};
	struct timespec ts = {0, 1000};
	struct semid_ds ds;
	int sem = semget(IPC_PRIVATE, 2, IPC_CREAT | IPC_EXCL | 0600);
	semop(sem, ops, 2);
	semtimedop(sem, ops, 1, &ts);
	semop(sem, NULL, 1);
	semop(sem, BAD_ADDR, 1);
	semctl(sem, 0, GETVAL);
	semctl(sem, 1, SETVAL, 5);
	semctl(sem, 0, IPC_STAT, &ds);
	ds.sem_perm.mode = 0640;
	semctl(sem, 0, IPC_SET, &ds);
	struct seminfo info;
	semctl(sem, 0, IPC_INFO, &info);
	semctl(sem, 0, SEM_INFO, &info);
	semctl(sem, 0, NO_CMD, 0);
	semctl(sem, 0, IPC_RMID);
	semctl(sem, 0, IPC_STAT, &ds); /* gone: EINVAL */
	semget(0x1234, 1, 0);
}

static void queues(void)
{
	struct message m = {7, "hello"};
	struct msqid_ds ds;
	int q = msgget(IPC_PRIVATE, IPC_CREAT | 0640);
	msgsnd(q, &m, 5, 0);
	msgsnd(q, &m, 0, IPC_NOWAIT);
	msgrcv(q, &m, sizeof(m.mtext), 0, IPC_NOWAIT);
	msgrcv(q, &m, sizeof(m.mtext), 0, IPC_NOWAIT | MSG_NOERROR);
	msgrcv(q, &m, sizeof(m.mtext), 3, IPC_NOWAIT | MSG_EXCEPT); /* empty: ENOMSG */
	msgsnd(q, BAD_ADDR, 4, 0);
	msgctl(q, IPC_STAT, &ds);
	ds.msg_perm.mode = 0600;
	msgctl(q, IPC_SET, &ds);
	struct msginfo info;
	msgctl(q, IPC_INFO, (struct msqid_ds *)&info);
	msgctl(q, MSG_INFO, (struct msqid_ds *)&info);
	msgctl(q, NO_CMD, NULL);
	msgctl(q, IPC_RMID, NULL);
}

static void shared_memory(void)
{
	struct shmid_ds ds;
	int shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	void *p = shmat(shm, NULL, SHM_RDONLY);
	shmctl(shm, IPC_STAT, &ds);
	shmdt(p);
	shmat(shm, BAD_ADDR, SHM_RND | SHM_REMAP); /* EINVAL */
	shmctl(shm, IPC_STAT, BAD_ADDR);
	ds.shm_perm.mode = 0644;
	shmctl(shm, IPC_SET, &ds);
	struct shminfo limits;
	struct shm_info use;
	shmctl(shm, IPC_INFO, (struct shmid_ds *)&limits);
	shmctl(shm, SHM_INFO, (struct shmid_ds *)&use);
	shmctl(shm, IPC_RMID, NULL);
	shmget(IPC_PRIVATE, 4096, 0x1000000 | 0600); /* a bit no flag has */
}

int main(void)
{
	if (unshare(CLONE_NEWIPC) != 0)
		return SKIP;
	semaphores();
	queues();
	shared_memory();
	return 0;
}
