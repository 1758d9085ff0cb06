/* The memory family: mmap's prot and flags (type first, huge page size
 * last), mremap's optional address, madvise's unknown values, mincore's
 * vector; text as strace prints it and the JSON form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <sys/mman.h>

#include "decode_util.h"

static void mmap_args(void **state)
{
	(void)state;
	check("mmap", (uint64_t[6]){ 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0 }, 0x7f0000000000,
	      "NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0");
	check("mmap", (uint64_t[6]){ 0x7f0000001000, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE, 3, 0x26000 }, 0x7f0000001000,
	      "0x7f0000001000, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3<fd 3>, 0x26000");
	check("mmap", (uint64_t[6]){ 0, 4096, PROT_NONE, MAP_SHARED_VALIDATE | MAP_SYNC, 3, 0 }, -95,
	      "NULL, 4096, PROT_NONE, MAP_SHARED_VALIDATE|MAP_SYNC, 3<fd 3>, 0");
	/* type 0 is MAP_FILE; an unknown type; unknown bits, then the huge
	 * page size */
	check("mmap", (uint64_t[6]){ 0, 4096, PROT_READ, 0, 7, (uint64_t)-4096 }, -9,
	      "NULL, 4096, PROT_READ, MAP_FILE, 7<fd 7>, 0xfffffffffffff000");
	check("mmap", (uint64_t[6]){ 0, 4096, PROT_READ | 0x80, 0x7 | MAP_HUGETLB | (21u << 26) | 0x200, (uint64_t)-1, 0 }, -22,
	      "NULL, 4096, PROT_READ|0x80, 0x7 /* MAP_??? */|MAP_HUGETLB|0x200|21<<MAP_HUGE_SHIFT, -1, 0");
	check("mmap", (uint64_t[6]){ 0, 4096, 0x8 | PROT_GROWSDOWN, MAP_PRIVATE | MAP_STACK | MAP_GROWSDOWN | MAP_NORESERVE, (uint64_t)-1, 0 }, -22,
	      "NULL, 4096, PROT_SEM|PROT_GROWSDOWN, MAP_PRIVATE|MAP_NORESERVE|MAP_GROWSDOWN|MAP_STACK, -1, 0");
	check_json("mmap", (uint64_t[6]){ 0, 4096, PROT_NONE, 0x7 | MAP_ANONYMOUS, (uint64_t)-1, 0 }, -22,
		   "{\"addr\":null,\"length\":4096,\"prot\":[\"PROT_NONE\"],"
		   "\"flags\":[\"0x7\",\"MAP_ANONYMOUS\"],\"fd\":-1,\"offset\":0}\n");
}

static void other_calls(void **state)
{
	(void)state;
	check("munmap", (uint64_t[6]){ 0x7f0000000000, 16384 }, 0, "0x7f0000000000, 16384");
	check("mprotect", (uint64_t[6]){ 0x1000, 4096, PROT_READ }, 0, "0x1000, 4096, PROT_READ");
	check("brk", (uint64_t[6]){ 0 }, 0x5555, "NULL");
	/* mremap's fifth argument only with MREMAP_FIXED */
	check("mremap", (uint64_t[6]){ 0x1000, 8192, 16384, MREMAP_MAYMOVE, 0x9000 }, 0x2000,
	      "0x1000, 8192, 16384, MREMAP_MAYMOVE");
	check("mremap", (uint64_t[6]){ 0x1000, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED | 8, 0x9000 }, -22,
	      "0x1000, 4096, 4096, MREMAP_MAYMOVE|MREMAP_FIXED|0x8, 0x9000");
	check("madvise", (uint64_t[6]){ 0x1000, 4096, MADV_DONTNEED }, 0, "0x1000, 4096, MADV_DONTNEED");
	check("madvise", (uint64_t[6]){ 0x1000, 4096, 999 }, -22,
	      "0x1000, 4096, 0x3e7 /* MADV_??? */");
	check_json("madvise", (uint64_t[6]){ 0x1000, 4096, 999 }, -22,
		   "{\"addr\":\"0x1000\",\"length\":4096,\"advice\":999}\n");
	check("msync", (uint64_t[6]){ 0x1000, 4096, MS_ASYNC | MS_INVALIDATE }, 0,
	      "0x1000, 4096, MS_ASYNC|MS_INVALIDATE");
	check("mlockall", (uint64_t[6]){ MCL_CURRENT | MCL_FUTURE }, 0, "MCL_CURRENT|MCL_FUTURE");
	check("munlockall", (uint64_t[6]){ 0 }, 0, "");
}

static void mincore_vec(void **state)
{
	unsigned char vec[40];
	char want[256];

	(void)state;
	memset(vec, 0, sizeof(vec));
	vec[0] = 1;
	check("mincore", (uint64_t[6]){ 0x1000, 3 * 4096 + 1, A(vec) }, 0,
	      "0x1000, 12289, [1, 0, 0, 0]");
	/* at most -s (32) pages shown */
	check("mincore", (uint64_t[6]){ 0x1000, 40 * 4096, A(vec) }, 0,
	      "0x1000, 163840, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
	      "0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...]");
	snprintf(want, sizeof(want), "0x1000, 4096, %p", (void *)vec);
	check("mincore", (uint64_t[6]){ 0x1000, 4096, A(vec) }, -12, want);
	check("mincore", (uint64_t[6]){ 0x1000, 4096, 8 }, 0, "0x1000, 4096, 0x8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mmap_args),
		cmocka_unit_test(other_calls),
		cmocka_unit_test(mincore_vec),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
