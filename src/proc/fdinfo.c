#include "proc/fdinfo.h"

#include <errno.h>
#include <string.h>

#include "proc/parse.h"

static bool key_number(const char *buf, const char *end, const char *key,
		       int base, uint64_t *v)
{
	const char *p = parse_find_key(buf, end, key);

	return p && parse_u64(&p, end, base, v);
}

int proc_fdinfo_parse(const char *buf, size_t len, struct proc_fdinfo *fi)
{
	static const char *const common[] = { "pos:", "flags:", "mnt_id:",
					      "ino:" };
	const char *end = buf + len, *line = buf;
	uint64_t v;

	memset(fi, 0, sizeof(*fi));
	if (!key_number(buf, end, "pos", 10, &fi->pos))
		return -EINVAL;
	if (!key_number(buf, end, "flags", 8, &v))
		return -EINVAL;
	fi->flags = (unsigned)v;
	if (key_number(buf, end, "mnt_id", 10, &v))
		fi->mnt_id = (int)v;
	fi->has_ino = key_number(buf, end, "ino", 10, &fi->ino);

	/* extra starts at the first line that is not one of the common ones */
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		bool is_common = false;

		/* buf is not NUL-terminated: compare within the text only */
		for (size_t i = 0; i < sizeof(common) / sizeof(*common); i++) {
			size_t klen = strlen(common[i]);

			if ((size_t)(end - line) >= klen &&
			    memcmp(line, common[i], klen) == 0)
				is_common = true;
		}
		if (!is_common)
			break;
		line = nl ? nl + 1 : end;
	}
	fi->extra = line;
	fi->extra_len = (size_t)(end - line);
	return 0;
}
