/* Puts terminal control sequences wherever a trace shows the tracee's
 * bytes: in the data it writes, in the name of a file it creates in DIR
 * (shown by -y too) and in its arguments (given by the test). A trace
 * must show them escaped, never raw. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static const char seq[] = "\033]0;pwned\007\033[2J\033[31mRED\r\x9b"
                          "1m\x7f\x00tail\n";

int main(int argc, char **argv)
{
	if (write(1, seq, sizeof(seq) - 1) < 0)
		return 1;
	if (argc > 1) {
		char path[512];
		snprintf(path, sizeof(path), "%s/\033[31mfile\007<x>", argv[1]);
		int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
		if (fd < 0 || write(fd, seq, sizeof(seq) - 1) < 0)
			return 1;
		close(fd);
		unlink(path);
	}
	return 0;
}
