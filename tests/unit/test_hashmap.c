/* The u64 -> pointer hash map: growth, replacement, iteration, absent keys,
 * removing every key of one upper half. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "base/hashmap.h"

static void empty_map(void **state)
{
	struct hashmap m;
	size_t pos = 0;
	uint64_t k;
	void *v;

	(void)state;
	hashmap_init(&m);
	assert_null(hashmap_get(&m, 1));
	assert_false(hashmap_contains(&m, 0));
	assert_false(hashmap_next(&m, &pos, &k, &v));
	hashmap_release(&m);
}

static void many_keys(void **state)
{
	struct hashmap m;
	const uint64_t n = 100000;
	uint64_t i, k, sum = 0;
	size_t pos = 0, seen = 0;
	void *v;

	(void)state;
	hashmap_init(&m);
	/* dense inode-like keys and keys differing only in the tag byte */
	for (i = 0; i < n; i++)
		hashmap_put(&m, hashmap_key(1, i), (void *)(uintptr_t)(i + 1));
	for (i = 0; i < n; i += 7)
		hashmap_put(&m, hashmap_key(2, i), (void *)(uintptr_t)(i + 2));
	assert_int_equal(m.count, n + (n + 6) / 7);
	for (i = 0; i < n; i++)
		assert_int_equal((uintptr_t)hashmap_get(&m, hashmap_key(1, i)), i + 1);
	assert_int_equal((uintptr_t)hashmap_get(&m, hashmap_key(2, 7)), 9);
	assert_null(hashmap_get(&m, hashmap_key(2, 8)));
	assert_null(hashmap_get(&m, hashmap_key(3, 1)));
	while (hashmap_next(&m, &pos, &k, &v)) {
		seen++;
		sum += (uintptr_t)v;
	}
	assert_int_equal(seen, m.count);
	assert_true(sum > 0);
	hashmap_release(&m);
}

static void replace_value(void **state)
{
	struct hashmap m;
	int a, b;

	(void)state;
	hashmap_init(&m);
	hashmap_put(&m, 42, &a);
	hashmap_put(&m, 42, &b);
	assert_int_equal(m.count, 1);
	assert_ptr_equal(hashmap_get(&m, 42), &b);
	/* a NULL value is stored and found as present */
	hashmap_put(&m, 7, NULL);
	assert_true(hashmap_contains(&m, 7));
	assert_null(hashmap_get(&m, 7));
	hashmap_release(&m);
}

/* Removing keeps every other key findable (runs of colliding keys
 * included), against a plain array as the model. */
static void remove_keys(void **state)
{
	enum { N = 5000 };
	static bool present[N];
	struct hashmap m;
	uint64_t seed = 12345;

	(void)state;
	hashmap_init(&m);
	assert_null(hashmap_remove(&m, 1));
	for (uint64_t k = 0; k < N; k++) {
		hashmap_put(&m, k, (void *)(uintptr_t)(k + 1));
		present[k] = true;
	}
	for (int round = 0; round < 4 * N; round++) {
		uint64_t k;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		k = (seed >> 33) % N;
		if (present[k]) {
			assert_ptr_equal(hashmap_remove(&m, k), (void *)(uintptr_t)(k + 1));
			present[k] = false;
		} else {
			assert_null(hashmap_remove(&m, k));
			hashmap_put(&m, k, (void *)(uintptr_t)(k + 1));
			present[k] = true;
		}
	}
	for (uint64_t k = 0; k < N; k++) {
		assert_int_equal(hashmap_contains(&m, k), present[k]);
		if (present[k])
			assert_ptr_equal(hashmap_get(&m, k), (void *)(uintptr_t)(k + 1));
	}
	hashmap_release(&m);
}

static bool is_value(const void *value, const void *arg)
{
	return value == arg;
}

/* Two things whose hashes collide get two keys; each finds its own. */
static size_t released;

static void count_release(void *v)
{
	(void)v;
	released++;
}

/* pid << 32 | fd keys: every fd of one pid goes, the others stay. */
static void remove_high32(void **state)
{
	struct hashmap m;

	(void)state;
	hashmap_init(&m);
	for (uint64_t pid = 1; pid <= 3; pid++)
		for (uint64_t fd = 0; fd < 100; fd++)
			hashmap_put(&m, pid << 32 | fd, (void *)(uintptr_t)(fd + 1));
	released = 0;
	hashmap_remove_high32(&m, 2, count_release);
	assert_int_equal(released, 100);
	assert_int_equal(m.count, 200);
	for (uint64_t fd = 0; fd < 100; fd++) {
		assert_null(hashmap_get(&m, 2ull << 32 | fd));
		assert_ptr_equal(hashmap_get(&m, 1ull << 32 | fd), (void *)(uintptr_t)(fd + 1));
		assert_ptr_equal(hashmap_get(&m, 3ull << 32 | fd), (void *)(uintptr_t)(fd + 1));
	}
	hashmap_remove_high32(&m, 7, count_release);
	assert_int_equal(released, 100);
	hashmap_release(&m);
}

/* Every value goes to release, once, and the map is empty after. */
static void release_values(void **state)
{
	struct hashmap m;

	(void)state;
	hashmap_init(&m);
	for (uint64_t k = 1; k <= 40; k++)
		hashmap_put(&m, k, (void *)(uintptr_t)k);
	released = 0;
	hashmap_release_values(&m, count_release);
	assert_int_equal(released, 40);
	assert_null(hashmap_get(&m, 1));
}

static void probe_past_collisions(void **state)
{
	struct hashmap m;
	int a, b;
	uint64_t ka, kb;

	(void)state;
	hashmap_init(&m);
	ka = hashmap_probe(&m, 42, is_value, &a);
	assert_int_equal(ka, 42); /* free: the key itself */
	hashmap_put(&m, ka, &a);
	kb = hashmap_probe(&m, 42, is_value, &b);
	assert_int_not_equal(kb, 42);
	hashmap_put(&m, kb, &b);
	assert_int_equal(hashmap_probe(&m, 42, is_value, &a), 42);
	assert_int_equal(hashmap_probe(&m, 42, is_value, &b), kb);
	assert_ptr_equal(hashmap_get(&m, kb), &b);
	/* FNV-1a of "a" is the published value */
	assert_int_equal(hash_bytes(HASH_SEED, "a", 1), 0xaf63dc4c8601ec8cULL);
	hashmap_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(probe_past_collisions),
		cmocka_unit_test(empty_map),
		cmocka_unit_test(many_keys),
		cmocka_unit_test(replace_value),
		cmocka_unit_test(remove_keys),
		cmocka_unit_test(remove_high32),
		cmocka_unit_test(release_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
