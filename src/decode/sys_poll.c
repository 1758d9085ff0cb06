/* Family "poll": see families.h. */
#include "decode/families.h"

const struct syscall_spec decode_family_poll[] = {
	{ NULL },
};
