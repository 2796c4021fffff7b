/* File and descriptor calls with known results, for the e2e tests. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* argv[1]: a file to create (the same name under strace and mtrace, so
 * that the traces compare). */
int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/mtrace-fileops";
	char buf[64];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return 1;
	if (write(fd, "line one\nline two\n", 18) != 18)
		return 1;
	lseek(fd, 0, SEEK_SET);
	if (read(fd, buf, sizeof(buf)) != 18)
		return 1;
	struct stat st;
	fstat(fd, &st);
	close(fd);
	openat(AT_FDCWD, "/nonexistent/mtrace", O_RDONLY);
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return 1;
	dup2(p[0], 10);
	close(10);
	close(p[0]);
	close(p[1]);
	close(-1);
	access(path, R_OK | W_OK);
	unlink(path);
	return 0;
}
