/* Closes its standard descriptors and puts a file over them, as daemons
 * and shells do: mtrace's own output must not care. Writes to the file
 * what its descriptors are (the trace file of mtrace -o must not be one of
 * them: it is close-on-exec), closes everything and exits 3. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	close(0);
	close(1);
	close(2);
	int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644); /* fd 0 */
	if (fd != 0 || dup2(fd, 1) != 1 || dup2(fd, 2) != 2)
		return 4;
	dprintf(1, "stdout\n");
	dprintf(2, "stderr\n");
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char link[300], target[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%s", e->d_name);
		ssize_t n = readlink(link, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		dprintf(1, "fd %s %s\n", e->d_name, target);
	}
	if (d)
		closedir(d);
	for (int i = 0; i < 3; i++)
		close(i);
	return 3;
}
