/* libFuzzer's stand-in for make check: runs the harness it is linked
 * with once over every file of the corpus directories (or files) given,
 * and prints one TAP line. The sanitizers of the build catch what the
 * harness does not check itself. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Runs the harness on the file at path: 0, or -1 when it cannot be read. */
static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0, alloc = 0, n;

	if (!f)
		return -1;
	do {
		if (size == alloc) {
			alloc = alloc ? 2 * alloc : 4096;
			data = realloc(data, alloc);
			if (!data) {
				fclose(f);
				return -1;
			}
		}
		n = fread(data + size, 1, alloc - size, f);
		size += n;
	} while (n > 0);
	fclose(f);
	/* an exact-size copy, as libFuzzer gives */
	{
		uint8_t *exact = malloc(size ? size : 1);

		if (!exact) {
			free(data);
			return -1;
		}
		memcpy(exact, data, size);
		free(data);
		LLVMFuzzerTestOneInput(exact, size);
		free(exact);
	}
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of dir, in name order: the count, or -1. */
static long run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	long runs = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		if (!names)
			abort();
		if (asprintf(&names[n], "%s/%s", dir, e->d_name) < 0)
			abort();
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n; i++) {
		if (run_file(names[i]) == 0)
			runs++;
		free(names[i]);
	}
	free(names);
	return runs;
}

int main(int argc, char **argv)
{
	const char *name =
		strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	long total = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR|FILE...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		long runs;

		if (stat(argv[i], &st) != 0) {
			printf("not ok 1 - %s: %s: %s\n", name, argv[i],
			       strerror(errno));
			return 1;
		}
		runs = S_ISDIR(st.st_mode)	? run_dir(argv[i])
		       : run_file(argv[i]) == 0 ? 1
						: -1;
		if (runs < 0) {
			printf("not ok 1 - %s: cannot read %s\n", name,
			       argv[i]);
			return 1;
		}
		total += runs;
	}
	if (total == 0) {
		printf("not ok 1 - %s: an empty corpus\n", name);
		return 1;
	}
	printf("ok 1 - %s: %ld inputs, no crash, no sanitizer report\n", name,
	       total);
	return 0;
}
