/* A hash map from 64-bit keys to pointers (open addressing, linear
 * probing). Inode numbers, (type, inode) pairs and ids are the keys
 * dscope joins on. */
#ifndef DSCOPE_BASE_HASHMAP_H
#define DSCOPE_BASE_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hashmap {
	uint64_t *keys;
	void **values;
	bool *used;
	size_t count, capacity; /* capacity is 0 or a power of two */
};

void hashmap_init(struct hashmap *m);
void hashmap_release(struct hashmap *m);
/* Sets key to value (replacing any old value). */
void hashmap_put(struct hashmap *m, uint64_t key, void *value);
/* The value for key, or NULL. */
void *hashmap_get(const struct hashmap *m, uint64_t key);
bool hashmap_contains(const struct hashmap *m, uint64_t key);
/* Removes key; returns its value (NULL when it was not there). Not while
 * iterating. */
void *hashmap_remove(struct hashmap *m, uint64_t key);

/* Releases the map and, with release, every value in it. */
void hashmap_release_values(struct hashmap *m, void (*release)(void *value));
/* Removes every key whose upper 32 bits are high (keys made as
 * pid << 32 | fd: every fd of a pid), passing each value to release. */
void hashmap_remove_high32(struct hashmap *m, uint32_t high,
			   void (*release)(void *value));

/* Iteration: for (size_t i = 0; hashmap_next(m, &i, &k, &v);) */
bool hashmap_next(const struct hashmap *m, size_t *pos, uint64_t *key,
		  void **value);

/* Keys made by hashing something larger than 64 bits (FNV-1a): start
 * from HASH_SEED and fold in each part. */
#define HASH_SEED 0xcbf29ce484222325ULL

static inline uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

static inline uint64_t hash_u64(uint64_t h, uint64_t v)
{
	return hash_bytes(h, &v, sizeof(v));
}

/* A hashed key may stand for two things: from key on, the first key that
 * is free or whose value is the thing arg describes (same says). */
uint64_t hashmap_probe(const struct hashmap *m, uint64_t key,
		       bool (*same)(const void *value, const void *arg),
		       const void *arg);

/* Mixes a kind tag into a key so different key spaces cannot collide. */
static inline uint64_t hashmap_key(unsigned tag, uint64_t value)
{
	return ((uint64_t)tag << 56) ^ value;
}

#endif
