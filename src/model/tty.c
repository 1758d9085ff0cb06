#include "model/tty.h"

#include <stdio.h>

void tty_name(int tty_nr, char *buf, size_t size)
{
	/* tty_nr packs the device number as the kernel's new_encode_dev. */
	unsigned major = ((unsigned)tty_nr >> 8) & 0xfff;
	unsigned minor = ((unsigned)tty_nr & 0xff) |
			 (((unsigned)tty_nr >> 12) & 0xfff00);

	if (tty_nr == 0)
		snprintf(buf, size, "?");
	else if (major >= 136 && major <= 143) /* Unix98 pty slaves */
		snprintf(buf, size, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 4 && minor < 64)
		snprintf(buf, size, "tty%u", minor);
	else if (major == 4)
		snprintf(buf, size, "ttyS%u", minor - 64);
	else if (major == 5 && minor == 1)
		snprintf(buf, size, "console");
	else if (major == 5 && minor == 0)
		snprintf(buf, size, "tty");
	else
		snprintf(buf, size, "%u:%u", major, minor);
}
