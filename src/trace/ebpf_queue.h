/* The eBPF backend's record queue: records copied out of the program's
 * ring buffer into a buffer of our own, so that a record stays where it is
 * while it is decoded (read_memory serves from it) and the records behind
 * it can be looked at (the exit of a call whose entry faulted). The ring
 * buffer is read only when the queue starts over, or appended to when it
 * has room; what does not fit waits in the ring. */
#ifndef DSCOPE_TRACE_EBPF_QUEUE_H
#define DSCOPE_TRACE_EBPF_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

#include "trace.h"

struct ring_buffer;

struct ebpf_queue {
	struct ring_buffer *ring; /* NULL: not open */
	/* records as taken, each after its size (a size_t), 8-aligned */
	unsigned char *buf;
	size_t head, tail; /* the next record to pop, the end */
};

void ebpf_queue_init(struct ebpf_queue *q);
/* Closes the ring buffer and frees the records. */
void ebpf_queue_release(struct ebpf_queue *q);
/* Maps the ring buffer of the map ring_fd: 0 or -errno. */
int ebpf_queue_open(struct ebpf_queue *q, int ring_fd);
/* Unmaps the ring buffer (the program is reloaded); the queued records
 * stay. */
void ebpf_queue_close(struct ebpf_queue *q);

/* Starts over, every record popped so far (and pointers to them) gone,
 * and takes what the ring holds: at once with timeout_ms < 0, else
 * waiting up to timeout_ms for a wake-up. The number of records the ring
 * gave (0 with none, or when the queue filled), or -errno. */
int ebpf_queue_refill(struct ebpf_queue *q, int timeout_ms);
/* Takes what the ring holds behind what is queued, when the queue has
 * room; the records queued stay where they are. false: no room, or the
 * ring failed. */
bool ebpf_queue_append(struct ebpf_queue *q);
/* The next record and its size, or NULL when every one was popped. */
const struct dscope_rec *ebpf_queue_pop(struct ebpf_queue *q, size_t *size);
/* Whether every record was popped. */
bool ebpf_queue_empty(const struct ebpf_queue *q);
/* The first record of thread tid not popped yet, and its size; NULL when
 * none is queued. */
const struct dscope_rec *ebpf_queue_next_of(const struct ebpf_queue *q,
					    __u32 tid, size_t *size);
/* Drops every record (the ring buffer stays open). */
void ebpf_queue_clear(struct ebpf_queue *q);

#endif
