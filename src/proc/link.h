/* Targets of /proc symlinks that name kernel objects: "socket:[123]",
 * "pipe:[456]", "net:[4026531840]", "anon_inode:[eventpoll]". */
#ifndef DSCOPE_PROC_LINK_H
#define DSCOPE_PROC_LINK_H

#include <stdbool.h>
#include <stdint.h>

/* When link is "TYPE:[NUMBER]", stores NUMBER and returns true. */
bool proc_link_inode(const char *link, const char *type, uint64_t *ino);

/* When link is "anon_inode:NAME" (NAME may be bracketed), returns NAME
 * without brackets as a pointer into link, length in *len; else NULL. */
const char *proc_link_anon_name(const char *link, int *len);

#endif
