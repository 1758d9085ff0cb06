/* untouched FILE: opens the path written in FILE (NUL-terminated) from a
 * page of FILE mapped and never touched before the openat, so that the
 * path is not in the process's page tables when the call begins (an
 * eBPF program cannot fault it in at entry: dscope must read it at exit).
 * Exits 0 when the open worked. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *path;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: untouched FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	path = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (path == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	fd = openat(AT_FDCWD, path, O_RDONLY);
	return fd < 0;
}
