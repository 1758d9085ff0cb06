/* Whole commands on a /proc tree made of the input: ps -a, fds, inspect,
 * graph and the overview (bare dscope), in text and in JSON, read a tree whose every file the
 * fuzzer writes. Whatever the tree holds, the command returns an exit
 * code (never crashes), its JSON is valid and its text safe for a
 * terminal, line by line.
 *
 * Input: a byte that picks the command, then entries, each "@@ PATH\n"
 * and the file's bytes up to the next "\n@@ " (or the end). PATH is
 * relative to the tree (stat, 1/status, 812/fd/3, 900/fdinfo/3...): no
 * "..", no empty component, at most 4 of them. An entry whose last
 * component is cwd, exe or root, or whose parent is fd or ns, is a
 * symlink to its bytes (up to a NUL), as /proc's are. fds and inspect
 * look at the first process the entries name. scripts/fuzz-seeds makes
 * the seeds from the canned tree tests/data/proc-daemons. */
#include "fuzz.h"

#include <fcntl.h>
#include <ftw.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"

#define MAX_ENTRIES 64
#define MAX_DEPTH 4

static char root[64];

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level > 0)
		FUZZ_CHECK(remove(path) == 0);
	return 0;
}

static void remove_tree(void)
{
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	rmdir(root);
}

/* The tree, made once (gone at exit) and emptied for each input. */
static void empty_tree(void)
{
	if (!root[0]) {
		snprintf(root, sizeof(root), "/tmp/dscope-fuzz-proc.XXXXXX");
		FUZZ_CHECK(mkdtemp(root) != NULL);
		atexit(remove_tree);
	}
	FUZZ_CHECK(nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0);
}

/* Whether path is one the tree may hold: relative, components of
 * [A-Za-z0-9_.-] other than "." and "..", at most MAX_DEPTH. */
static bool allowed(const char *path)
{
	int depth = 0;

	for (const char *p = path; *p;) {
		size_t n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
				     "nopqrstuvwxyz0123456789_.-");

		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.') || ++depth > MAX_DEPTH)
			return false;
		p += n;
		if (*p == '/' && p[1])
			p++;
		else if (*p)
			return false;
	}
	return depth > 0;
}

static bool is_link(const char *path)
{
	const char *base = strrchr(path, '/'), *parent;
	size_t n;

	if (!base)
		return false;
	base++;
	if (!strcmp(base, "cwd") || !strcmp(base, "exe") || !strcmp(base, "root"))
		return true;
	/* the component before base: fd/N, ns/NAME */
	parent = memrchr(path, '/', (size_t)(base - 1 - path));
	parent = parent ? parent + 1 : path;
	n = (size_t)(base - 1 - parent);
	return n == 2 && (!memcmp(parent, "fd", 2) || !memcmp(parent, "ns", 2));
}

/* Makes the directories above path (relative to the tree): false when
 * one is a file already. */
static bool make_parents(const char *path)
{
	char full[256];
	struct stat st;

	snprintf(full, sizeof(full), "%s/%s", root, path);
	for (char *p = full + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(full, 0755) != 0 &&
		    (lstat(full, &st) != 0 || !S_ISDIR(st.st_mode)))
			return false;
		*p = '/';
	}
	return true;
}

/* Writes one entry; false when its path is not allowed or is taken. */
static bool write_entry(const char *path, const char *bytes, size_t len)
{
	char full[256];
	struct stat st;

	if (!allowed(path) || strlen(path) > 128)
		return false;
	snprintf(full, sizeof(full), "%s/%s", root, path);
	if (!make_parents(path) || lstat(full, &st) == 0)
		return false; /* written already, or a directory */
	if (is_link(path)) {
		char target[4096];
		size_t n = strnlen(bytes, len < sizeof(target) ? len : sizeof(target) - 1);

		memcpy(target, bytes, n);
		target[n] = '\0';
		return symlink(n ? target : "?", full) == 0;
	}
	{
		int fd = open(full, O_WRONLY | O_CREAT | O_EXCL, 0644);
		bool ok = fd >= 0 && write(fd, bytes, len) == (ssize_t)len;

		if (fd >= 0)
			close(fd);
		return ok;
	}
}

/* The entries of the input into the tree; the first process named in
 * first_pid ("1" when none is). */
static void build_tree(const char *data, size_t size, char first_pid[16])
{
	const char *end = data + size, *p = data;
	int n = 0;

	strcpy(first_pid, "1");
	while (p < end && n < MAX_ENTRIES) {
		const char *nl, *next;
		char path[129];
		size_t plen;

		if ((size_t)(end - p) < 3 || memcmp(p, "@@ ", 3) != 0)
			return;
		p += 3;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return;
		plen = (size_t)(nl - p);
		next = memmem(nl, (size_t)(end - nl), "\n@@ ", 4);
		if (plen < sizeof(path)) {
			const char *bytes = nl + 1;
			size_t len = next ? (size_t)(next - bytes) : (size_t)(end - bytes);

			memcpy(path, p, plen);
			path[plen] = '\0';
			if (next && next < bytes)
				len = 0;
			if (write_entry(path, bytes, len) && n++ == 0) {
				size_t digits = strspn(path, "0123456789");

				if (digits && digits < 16 && path[digits] == '/') {
					memcpy(first_pid, path, digits);
					first_pid[digits] = '\0';
				}
			}
		}
		if (!next)
			return;
		p = next + 1;
	}
}

/* What the command wrote: valid JSON, or text safe line by line. */
static void check_output(const char *out, size_t len, bool json, int rc)
{
	if (json) {
		if (rc == 0 && len > 0)
			FUZZ_CHECK(json_check(out, len, NULL));
		return;
	}
	for (const char *p = out, *end = out + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (!fuzz_terminal_safe(p, n)) {
			fprintf(stderr, "unsafe line: %.*s\n", (int)n, p);
			FUZZ_CHECK(!"a line safe for a terminal");
		}
		p += n + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "ps", "fds", "inspect", "graph",
					     "dscope" };
	static int (*const commands[])(int, char **, struct global_options *) = {
		cmd_ps, cmd_fds, cmd_inspect, cmd_graph, cmd_overview,
	};
	struct global_options g = { .color = COLOR_NEVER };
	char first_pid[16], *argv[4], *out;
	unsigned pick;
	int argc, rc, saved, mem;
	off_t len;

	if (size == 0)
		return 0;
	/* 0-4 text, 5-9 JSON */
	pick = data[0] % 10;
	g.json = pick >= 5;
	pick %= 5;
	empty_tree();
	build_tree((const char *)data + 1, size - 1, first_pid);
	g.proc_root = root;
	argv[0] = (char *)names[pick];
	argv[1] = pick == 0 ? "-a" : pick >= 3 ? NULL : first_pid;
	argv[2] = NULL;
	argc = argv[1] ? 2 : 1;

	/* stdout into memory, read back once the command is done */
	fflush(stdout);
	mem = memfd_create("fuzz-out", MFD_CLOEXEC);
	FUZZ_CHECK(mem >= 0);
	saved = dup(1);
	FUZZ_CHECK(saved >= 0 && dup2(mem, 1) == 1);
	rc = commands[pick](argc, argv, &g);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	FUZZ_CHECK(rc >= 0 && rc <= 2);
	len = lseek(mem, 0, SEEK_END);
	FUZZ_CHECK(len >= 0);
	out = malloc(len ? (size_t)len : 1);
	FUZZ_CHECK(out && pread(mem, out, (size_t)len, 0) == len);
	close(mem);
	check_output(out, (size_t)len, g.json, rc);
	free(out);
	return 0;
}
