#include "base/hashmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void hashmap_init(struct hashmap *m)
{
	memset(m, 0, sizeof(*m));
}

void hashmap_release(struct hashmap *m)
{
	free(m->keys);
	free(m->values);
	free(m->used);
	hashmap_init(m);
}

static size_t slot_of(uint64_t key, size_t capacity)
{
	/* splitmix64 finaliser: inode numbers are dense and sequential */
	key ^= key >> 30;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 27;
	key *= 0x94d049bb133111ebULL;
	key ^= key >> 31;
	return (size_t)key & (capacity - 1);
}

static size_t find(const struct hashmap *m, uint64_t key)
{
	size_t i = slot_of(key, m->capacity);

	while (m->used[i] && m->keys[i] != key)
		i = (i + 1) & (m->capacity - 1);
	return i;
}

static void grow(struct hashmap *m)
{
	struct hashmap bigger;
	size_t i;

	bigger.capacity = m->capacity ? m->capacity * 2 : 16;
	bigger.count = 0;
	bigger.keys = xcalloc(bigger.capacity, sizeof(*bigger.keys));
	bigger.values = xcalloc(bigger.capacity, sizeof(*bigger.values));
	bigger.used = xcalloc(bigger.capacity, sizeof(*bigger.used));
	for (i = 0; i < m->capacity; i++)
		if (m->used[i])
			hashmap_put(&bigger, m->keys[i], m->values[i]);
	hashmap_release(m);
	*m = bigger;
}

void hashmap_put(struct hashmap *m, uint64_t key, void *value)
{
	size_t i;

	if ((m->count + 1) * 4 > m->capacity * 3)
		grow(m);
	i = find(m, key);
	if (!m->used[i]) {
		m->used[i] = true;
		m->keys[i] = key;
		m->count++;
	}
	m->values[i] = value;
}

void *hashmap_get(const struct hashmap *m, uint64_t key)
{
	size_t i;

	if (!m->capacity)
		return NULL;
	i = find(m, key);
	return m->used[i] ? m->values[i] : NULL;
}

void *hashmap_remove(struct hashmap *m, uint64_t key)
{
	size_t mask = m->capacity - 1, i, j;
	void *value;

	if (!m->capacity)
		return NULL;
	i = find(m, key);
	if (!m->used[i])
		return NULL;
	value = m->values[i];
	/* Backward-shift deletion: pull later entries of the run into the
	 * hole when their home slot is not between the hole and them, so
	 * lookups never stop at a gap. */
	for (j = (i + 1) & mask; m->used[j]; j = (j + 1) & mask) {
		size_t home = slot_of(m->keys[j], m->capacity);

		if (((j - home) & mask) >= ((j - i) & mask)) {
			m->keys[i] = m->keys[j];
			m->values[i] = m->values[j];
			i = j;
		}
	}
	m->used[i] = false;
	m->values[i] = NULL;
	m->count--;
	return value;
}

void hashmap_release_values(struct hashmap *m, void (*release)(void *value))
{
	uint64_t key;
	void *v;

	for (size_t i = 0; hashmap_next(m, &i, &key, &v);)
		release(v);
	hashmap_release(m);
}

void hashmap_remove_high32(struct hashmap *m, uint32_t high,
			   void (*release)(void *value))
{
	uint64_t key, *keys = NULL;
	size_t n = 0, cap = 0;
	void *v;

	/* keys first: the map cannot lose entries while it is walked */
	for (size_t i = 0; hashmap_next(m, &i, &key, &v);) {
		if ((uint32_t)(key >> 32) != high)
			continue;
		keys = xgrow(keys, &cap, n + 1, sizeof(*keys));
		keys[n++] = key;
	}
	for (size_t i = 0; i < n; i++)
		release(hashmap_remove(m, keys[i]));
	free(keys);
}

bool hashmap_contains(const struct hashmap *m, uint64_t key)
{
	return m->capacity && m->used[find(m, key)];
}

uint64_t hashmap_probe(const struct hashmap *m, uint64_t key,
		       bool (*same)(const void *value, const void *arg),
		       const void *arg)
{
	void *v;

	while ((v = hashmap_get(m, key)) && !same(v, arg))
		key = hash_u64(key, 1);
	return key;
}

bool hashmap_next(const struct hashmap *m, size_t *pos, uint64_t *key,
		  void **value)
{
	for (; *pos < m->capacity; (*pos)++) {
		if (m->used[*pos]) {
			*key = m->keys[*pos];
			*value = m->values[*pos];
			(*pos)++;
			return true;
		}
	}
	return false;
}
