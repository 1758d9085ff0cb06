/* The derived columns of a process table, computed as procps ps does. */
#ifndef DSCOPE_MODEL_PSINFO_H
#define DSCOPE_MODEL_PSINFO_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model/process.h"

/* The STAT column: state letter, then '<' (nice < 0) or 'N' (nice > 0),
 * 'L' (locked pages), 's' (session leader), 'l' (multi-threaded), '+' (in
 * the foreground process group of its terminal). */
void psinfo_stat_letters(const struct process *p, char *buf, size_t size);

/* Start time in seconds since the epoch; 0 when boot time is unknown. */
uint64_t psinfo_start_time(const struct process_table *t,
			   const struct process *p);

/* START as ps shows it relative to now: "HH:MM" within a day, "MonDD"
 * within a year, else the year. */
void psinfo_format_start(time_t start, time_t now, char *buf, size_t size);

/* CPU time (user + system) in milliseconds. */
uint64_t psinfo_cpu_ms(const struct process_table *t, const struct process *p);

/* TIME as "M:SS" (minutes unbounded), as BSD-style ps shows it. */
void psinfo_format_cpu(uint64_t ms, char *buf, size_t size);

#endif
