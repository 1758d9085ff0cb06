/*
 * readlink-floor - the least work a tool listing every fd of every process
 * must do: readlink every /proc/PID/fd/N. bench/fds.sh times it as the
 * floor under `dscope fds -a`.
 *
 * Usage: readlink-floor [--fdinfo]
 *
 * With --fdinfo it also reads every /proc/PID/fdinfo/N (pos, flags, mnt_id
 * and the per-kind lines a decoder needs), a second, higher floor.
 *
 * Prints "<processes> <fds>" (the processes whose fd directory could be
 * opened, and the links read). Processes and fds that vanish mid-walk are
 * skipped. Exit status 0, or 1 if /proc cannot be opened.
 *
 * Built by bench/fds.sh: gcc -O2 -o build/bench/readlink-floor
 * bench/readlink-floor.c
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int isnum(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	int fdinfo = argc > 1 && !strcmp(argv[1], "--fdinfo");
	int proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long nprocs = 0, nfds = 0;
	DIR *pd;
	struct dirent *pe;

	if (argc > 2 || (argc == 2 && !fdinfo)) {
		fprintf(stderr, "usage: readlink-floor [--fdinfo]\n");
		return 1;
	}
	if (proc < 0 || !(pd = fdopendir(dup(proc)))) {
		perror("readlink-floor: /proc");
		return 1;
	}
	while ((pe = readdir(pd))) {
		char path[300], target[4096], buf[4096];
		int fdd, infod = -1;
		DIR *fd_dir;
		struct dirent *fe;

		if (!isnum(pe->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/fd", pe->d_name);
		fdd = openat(proc, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fdd < 0)
			continue;
		if (fdinfo) {
			snprintf(path, sizeof(path), "%s/fdinfo", pe->d_name);
			infod = openat(proc, path,
				       O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		}
		fd_dir = fdopendir(fdd);
		if (!fd_dir) {
			close(fdd);
			if (infod >= 0)
				close(infod);
			continue;
		}
		nprocs++;
		while ((fe = readdir(fd_dir))) {
			if (!isnum(fe->d_name))
				continue;
			if (readlinkat(fdd, fe->d_name, target,
				       sizeof(target)) < 0)
				continue;
			nfds++;
			if (infod >= 0) {
				int f = openat(infod, fe->d_name,
					       O_RDONLY | O_CLOEXEC);

				if (f >= 0) {
					while (read(f, buf, sizeof(buf)) > 0)
						;
					close(f);
				}
			}
		}
		closedir(fd_dir);
		if (infod >= 0)
			close(infod);
	}
	closedir(pd);
	close(proc);
	printf("%ld %ld\n", nprocs, nfds);
	return 0;
}
