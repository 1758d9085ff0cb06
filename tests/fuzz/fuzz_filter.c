/* What users type: -e expressions (trace=open,%file,!write,
 * status=failed, ...) and the PID|NAME and -p PID,PID selectors. The
 * input is split at newlines into one argument each, as argv gives them
 * (NUL-terminated, so a NUL ends an argument early). */
#include "fuzz.h"

#include "model/select.h"
#include "trace/filter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *arg, *save = NULL;
	struct trace_filter f;
	struct selection sel;
	char err[256];
	pid_t pids[16];

	FUZZ_CHECK(text);
	memcpy(text, data, size);
	text[size] = '\0';
	trace_filter_init(&f);
	selection_init(&sel);
	for (arg = strtok_r(text, "\n", &save); arg;
	     arg = strtok_r(NULL, "\n", &save)) {
		err[0] = '\0';
		if (trace_filter_parse(&f, arg, err, sizeof(err)) != 0)
			FUZZ_CHECK(err[0] != '\0'); /* a failure says why */
		FUZZ_CHECK(memchr(err, '\0', sizeof(err)));
		if (selection_add_pid_list(&sel, arg) != 0)
			selection_add_arg(&sel, arg);
	}
	for (long nr = -1; nr <= TRACE_SYSCALL_MAX; nr++)
		trace_filter_has(&f, nr);
	FUZZ_CHECK(selection_pids(&sel, pids, 16) <= 16);
	selection_only_pids(&sel);
	selection_release(&sel);
	free(text);
	return 0;
}
