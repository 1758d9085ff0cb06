/* The eBPF backend's record queue (ebpf_queue.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "base/xalloc.h"
#include "trace/ebpf_queue.h"
#include "trace/ebpf_records.h"

/* Bytes of records taken from the ring buffer at once; the rest stay
 * there. A record is 80 bytes, or up to RECORD_MAX with memory. */
#define QUEUE_BYTES (512u << 10)
#define RECORD_MAX                                         \
	(sizeof(struct dscope_rec) + DSCOPE_CAP_DATA_MAX + \
	 DSCOPE_CAP_PIECES * sizeof(struct dscope_cap))
#define QUEUE_FULL (-ENOBUFS) /* from the ring buffer callback */

void ebpf_queue_init(struct ebpf_queue *q)
{
	q->ring = NULL;
	q->buf = xmalloc(QUEUE_BYTES);
	q->head = q->tail = 0;
}

void ebpf_queue_release(struct ebpf_queue *q)
{
	ebpf_queue_close(q);
	free(q->buf);
	q->buf = NULL;
	q->head = q->tail = 0;
}

/* Whether a record of the largest size still fits behind the tail. */
static bool has_room(const struct ebpf_queue *q)
{
	return QUEUE_BYTES - q->tail >= sizeof(size_t) + RECORD_MAX;
}

/* Taken only when the queue is empty (it starts over) or has room. */
static int on_record(void *ctx, void *data, size_t len)
{
	struct ebpf_queue *q = ctx;

	if (len < sizeof(struct dscope_rec) || len > RECORD_MAX)
		return 0;
	memcpy(q->buf + q->tail, &len, sizeof(len));
	memcpy(q->buf + q->tail + sizeof(len), data, len);
	q->tail += sizeof(len) + ebpf_align8(len);
	/* full: the rest waits in the ring buffer (this one is taken) */
	return has_room(q) ? 0 : QUEUE_FULL;
}

int ebpf_queue_open(struct ebpf_queue *q, int ring_fd)
{
	q->ring = ring_buffer__new(ring_fd, on_record, q, NULL);
	return q->ring ? 0 : -errno;
}

void ebpf_queue_close(struct ebpf_queue *q)
{
	ring_buffer__free(q->ring);
	q->ring = NULL;
}

/* The queued record at *at and its size, *at moved past it; NULL at the
 * queue's end. */
static const struct dscope_rec *record_at(const struct ebpf_queue *q,
					  size_t *at, size_t *size)
{
	const struct dscope_rec *r;

	if (*at >= q->tail)
		return NULL;
	memcpy(size, q->buf + *at, sizeof(*size));
	r = (const void *)(q->buf + *at + sizeof(*size));
	*at += sizeof(*size) + ebpf_align8(*size);
	return r;
}

int ebpf_queue_refill(struct ebpf_queue *q, int timeout_ms)
{
	int rc;

	q->head = q->tail = 0;
	rc = timeout_ms < 0 ? ring_buffer__consume(q->ring)
			    : ring_buffer__poll(q->ring, timeout_ms);
	return rc == QUEUE_FULL ? 0 : rc;
}

bool ebpf_queue_append(struct ebpf_queue *q)
{
	int rc;

	if (!has_room(q))
		return false;
	rc = ring_buffer__consume(q->ring);
	return rc >= 0 || rc == QUEUE_FULL;
}

const struct dscope_rec *ebpf_queue_pop(struct ebpf_queue *q, size_t *size)
{
	return record_at(q, &q->head, size);
}

bool ebpf_queue_empty(const struct ebpf_queue *q)
{
	return q->head >= q->tail;
}

const struct dscope_rec *ebpf_queue_next_of(const struct ebpf_queue *q,
					    __u32 tid, size_t *size)
{
	const struct dscope_rec *r;
	size_t at = q->head;

	while ((r = record_at(q, &at, size)))
		if (r->tid == tid)
			return r;
	return NULL;
}

void ebpf_queue_clear(struct ebpf_queue *q)
{
	q->head = q->tail = 0;
}
