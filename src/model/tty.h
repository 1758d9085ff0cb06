/* Names for the tty_nr of /proc/PID/stat, as ps shows them. */
#ifndef DSCOPE_MODEL_TTY_H
#define DSCOPE_MODEL_TTY_H

#include <stddef.h>

/* Writes "pts/3", "tty1", "ttyS0", "console", or "MAJOR:MINOR" for other
 * devices; "?" when tty_nr is 0 (no controlling terminal). */
void tty_name(int tty_nr, char *buf, size_t size);

#endif
