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

/* Iteration: for (size_t i = 0; hashmap_next(m, &i, &k, &v);) */
bool hashmap_next(const struct hashmap *m, size_t *pos, uint64_t *key,
		  void **value);

/* Mixes a kind tag into a key so different key spaces cannot collide. */
static inline uint64_t hashmap_key(unsigned tag, uint64_t value)
{
	return ((uint64_t)tag << 56) ^ value;
}

#endif
