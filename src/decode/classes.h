/* The syscall classes of -e trace=%CLASS, as strace names them. */
#ifndef DSCOPE_DECODE_CLASSES_H
#define DSCOPE_DECODE_CLASSES_H

/* 1 when syscall name is in class (without the %), 0 when not, -1 when
 * there is no such class. %desc is every call the decoders know to take
 * or return an fd. */
int syscall_class_has(const char *cls, const char *name);
/* "file, network, ..." for messages. */
const char *syscall_class_names(void);

#endif
