/* Arguments in memory no one has touched yet: a path in a file mapping
 * whose page is not resident, bytes in fresh anonymous memory, and a path
 * in a page that cannot be read at all. A tracer that reads memory in the
 * kernel while the call happens (the BPF engine) cannot fault such pages
 * in; what it prints must still be what strace prints: the bytes the
 * kernel read, or the address where nobody can read.
 *
 * usage: coldpage FILE (FILE is written with a path, then mapped) */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char path[] = "/nonexistent/mtrace-cold-page";

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, path, sizeof(path)) != (ssize_t)sizeof(path))
		return 1;
	/* Out of the page cache's mapping of this process: never touched. */
	char *mapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	char *fresh = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mapped == MAP_FAILED || fresh == MAP_FAILED || none == MAP_FAILED)
		return 1;
	close(fd);
	int pfd[2];
	if (pipe(pfd) != 0)
		return 1;
	(void)!open(mapped, O_RDONLY);
	/* (into a pipe: the kernel reads the bytes, /dev/null would not) */
	(void)!write(pfd[1], fresh + 4096, 8);
	(void)!open(none, O_RDONLY);
	return 0;
}
