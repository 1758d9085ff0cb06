#include "trace/filter.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "decode/classes.h"
#include "decode/syscall_table.h"

void trace_filter_init(struct trace_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->all = true;
}

bool trace_filter_has(const struct trace_filter *f, long nr)
{
	return f->all || trace_syscall_set_has(&f->set, nr);
}

static void set_fill(struct trace_syscall_set *s, bool on)
{
	memset(s->bits, on ? 0xff : 0, sizeof(s->bits));
}

/* Adds (or removes) one name or %class to set. */
static int apply_word(struct trace_syscall_set *set, const char *w, size_t len,
		      bool remove, char *err, size_t errsize)
{
	enum syscall_arch arch = syscall_arch_native();
	long size = syscall_table_size(arch);
	char name[64];
	int found = 0;

	if (len == 0 || len >= sizeof(name)) {
		snprintf(err, errsize, "empty or overlong syscall name");
		return -EINVAL;
	}
	memcpy(name, w, len);
	name[len] = '\0';
	for (long nr = 0; nr < size && nr < TRACE_SYSCALL_MAX; nr++) {
		const char *sys = syscall_table_name(arch, nr);
		bool match;

		if (!sys)
			continue;
		if (name[0] == '%')
			match = syscall_class_has(name + 1, sys) > 0;
		else
			match = strcmp(name, sys) == 0 ||
				strcmp(name, "all") == 0;
		if (!match)
			continue;
		found++;
		if (remove)
			set->bits[nr / 64] &= ~(1ull << (nr % 64));
		else
			trace_syscall_set_add(set, nr);
	}
	if (found || strcmp(name, "none") == 0)
		return 0;
	if (name[0] == '%' && syscall_class_has(name + 1, "") < 0)
		snprintf(err, errsize,
			 "unknown syscall class '%s' (classes: %s)", name,
			 syscall_class_names());
	else
		snprintf(err, errsize, "unknown syscall '%s'", name);
	return -EINVAL;
}

static int parse_trace(struct trace_filter *f, const char *list, char *err,
		       size_t errsize)
{
	bool negate = list[0] == '!';

	if (negate)
		list++;
	/* A list replaces what an earlier one said, as in strace. */
	set_fill(&f->set, negate);
	f->all = false;
	while (*list) {
		const char *comma = strchr(list, ',');
		size_t len = comma ? (size_t)(comma - list) : strlen(list);
		int rc = apply_word(&f->set, list, len, negate, err, errsize);

		if (rc)
			return rc;
		list += len + (comma != NULL);
	}
	return 0;
}

int trace_filter_parse(struct trace_filter *f, const char *expr, char *err,
		       size_t errsize)
{
	const char *eq = strchr(expr, '=');

	if (!eq)
		return parse_trace(f, expr, err, errsize);
	if (strncmp(expr, "trace=", 6) == 0)
		return parse_trace(f, eq + 1, err, errsize);
	if (strncmp(expr, "status=", 7) == 0) {
		if (strcmp(eq + 1, "failed") == 0) {
			f->status = TRACE_STATUS_FAILED;
		} else if (strcmp(eq + 1, "successful") == 0) {
			f->status = TRACE_STATUS_SUCCESSFUL;
		} else if (strcmp(eq + 1, "all") == 0) {
			f->status = TRACE_STATUS_ANY;
		} else {
			snprintf(err, errsize,
				 "unknown status '%s' (failed, successful, all)",
				 eq + 1);
			return -EINVAL;
		}
		return 0;
	}
	snprintf(err, errsize,
		 "unknown filter '%.*s' (trace=, status=)", (int)(eq - expr),
		 expr);
	return -EINVAL;
}
