#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/unit.h"
#include "proc/cgroup.h"
#include "unit_util.h"

#define ID64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ID12 "0123456789ab"

static int parse(const char *text, size_t len, struct strbuf *path)
{
	char *buf = dup_exact(text, len);
	int r = proc_cgroup_parse(buf, len, path);

	free(buf);
	return r;
}

/* Parses text; returns the path, or "ERR" when it failed. */
static const char *path_of(const char *text, struct strbuf *sb)
{
	int r = parse(text, strlen(text), sb);

	if (r == 0)
		return strbuf_str(sb);
	assert_int_equal(r, -EINVAL);
	return "ERR";
}

static void test_v2_only(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_string_equal(path_of("0::/system.slice/x.service\n", &sb),
			    "/system.slice/x.service");
	assert_int_equal(sb.len, strlen("/system.slice/x.service"));
	/* Root is still an answer when nothing better exists. */
	assert_string_equal(path_of("0::/\n", &sb), "/");
	/* No trailing newline */
	assert_string_equal(path_of("0::/init.scope", &sb), "/init.scope");
	strbuf_release(&sb);
}

static void test_hybrid(void **state)
{
	/* systemd's hybrid layout: v1 controllers, name=systemd, and an
	 * empty unified hierarchy. */
	static const char hybrid[] =
		"12:pids:/system.slice/cups.service\n"
		"11:memory:/system.slice/cups.service\n"
		"1:name=systemd:/system.slice/cups.service\n"
		"0::/\n";
	/* As read on this machine: everything at the root. */
	static const char roots[] = "9:name=systemd:/\n"
				    "8:pids:/\n"
				    "4:memory:/process_api/f8d0cd50370774f38\n"
				    "1:cpu:/\n"
				    "0::/\n";
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_string_equal(path_of(hybrid, &sb), "/system.slice/cups.service");
	assert_string_equal(path_of(roots, &sb), "/");
	/* A non-root unified path wins over name=systemd. */
	assert_string_equal(path_of("1:name=systemd:/a.service\n"
				    "0::/b.service\n",
				    &sb),
			    "/b.service");
	/* Order of the lines does not matter. */
	assert_string_equal(path_of("0::/\n1:name=systemd:/a.service\n", &sb),
			    "/a.service");
	strbuf_release(&sb);
}

static void test_v1_only(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_string_equal(
		path_of("5:cpu,cpuacct:/user.slice\n"
			"3:devices:/user.slice\n"
			"1:name=systemd:/user.slice/user-1000.slice/"
			"session-3.scope\n",
			&sb),
		"/user.slice/user-1000.slice/session-3.scope");
	/* v1 without name=systemd (docker on a v1 host): the first
	 * controller line that is not the root */
	assert_string_equal(path_of("12:pids:/\n"
				    "11:memory:/docker/abc\n"
				    "10:cpu:/docker/def\n",
				    &sb),
			    "/docker/abc");
	assert_string_equal(path_of("5:cpu,cpuacct:/user.slice\n0::/\n", &sb),
			    "/user.slice");
	/* name=systemd wins over other controllers, wherever it is */
	assert_string_equal(
		path_of("5:cpu:/a\n1:name=systemd:/b.service\n", &sb),
		"/b.service");
	/* "name=systemdx" is just another hierarchy */
	assert_string_equal(path_of("2:name=systemdx:/x\n"
				    "1:name=systemd:/b.service\n",
				    &sb),
			    "/b.service");
	/* Every v1 line at the root and no unified line: nothing to go on */
	assert_string_equal(path_of("3:cpu:/\n2:pids:/\n", &sb), "ERR");
	/* ... with a unified root line, the root */
	assert_string_equal(path_of("3:cpu:/\n0::/\n", &sb), "/");
	strbuf_release(&sb);
}

static void test_path_with_colon(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_string_equal(path_of("0::/system.slice/a:b:c.service\n", &sb),
			    "/system.slice/a:b:c.service");
	assert_string_equal(path_of("1:name=systemd:/x:y\n0::/\n", &sb),
			    "/x:y");
	strbuf_release(&sb);
}

static void test_empty_and_garbage(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_adds(&sb, "stale");
	assert_int_equal(parse("", 0, &sb), -EINVAL);
	assert_string_equal(path_of("\n", &sb), "ERR");
	assert_string_equal(path_of("\n\n\n", &sb), "ERR");
	assert_string_equal(path_of("garbage\n", &sb), "ERR");
	assert_string_equal(path_of("0:/x\n", &sb), "ERR");
	assert_string_equal(path_of(":\n", &sb), "ERR");
	/* Garbage lines around a good one are skipped */
	assert_string_equal(path_of("junk\n0::/a.service\nmore junk\n", &sb),
			    "/a.service");
	strbuf_release(&sb);
}

static void test_truncated(void **state)
{
	static const char hybrid[] =
		"12:pids:/system.slice/cups.service\n"
		"1:name=systemd:/system.slice/cups.service\n"
		"0::/\n";
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(hybrid);

	(void)state;
	for (size_t n = 0; n <= len; n++) {
		int r = parse(hybrid, n, &sb);

		assert_true(r == 0 || r == -EINVAL);
		if (r == 0) {
			/* Whatever it found is a prefix of a real path. */
			assert_true(sb.len <=
				    strlen("/system.slice/cups.service"));
			assert_memory_equal(
				sb.buf, "/system.slice/cups.service", sb.len);
		}
	}
	strbuf_release(&sb);
}

/* unit_from_cgroup */

static void expect_unit(const char *path, enum unit_kind kind, const char *name)
{
	struct unit_name u;

	memset(&u, 0x55, sizeof(u));
	unit_from_cgroup(path, &u);
	if (u.kind != kind || strcmp(u.name, name) != 0)
		fail_msg("%s: got %s \"%s\", want %s \"%s\"", path,
			 unit_kind_name(u.kind), u.name, unit_kind_name(kind),
			 name);
}

static void test_unit_system(void **state)
{
	(void)state;
	expect_unit("/system.slice/x.service", UNIT_SYSTEM, "x.service");
	expect_unit("/system.slice/cups.service", UNIT_SYSTEM, "cups.service");
	expect_unit("/system.slice/system-getty.slice/getty@tty1.service",
		    UNIT_SYSTEM, "getty@tty1.service");
	/* The innermost unit wins */
	expect_unit("/system.slice/foo.service/sub.scope", UNIT_SCOPE,
		    "sub.scope");
	expect_unit("/system.slice/foo.service/worker", UNIT_SYSTEM,
		    "foo.service");
}

static void test_unit_user(void **state)
{
	(void)state;
	expect_unit("/user.slice/user-1000.slice/user@1000.service/app.slice/"
		    "foo.service",
		    UNIT_USER, "foo.service");
	/* The user manager itself is a system service */
	expect_unit("/user.slice/user-1000.slice/user@1000.service/init.scope",
		    UNIT_SYSTEM, "user@1000.service");
	/* Scopes the user manager started belong to that user */
	expect_unit("/user.slice/user-1000.slice/user@1000.service/app.slice/"
		    "app-firefox-1234.scope",
		    UNIT_USER, "app-firefox-1234.scope");
	expect_unit("/user.slice/user-1000.slice/user@1000.service",
		    UNIT_SYSTEM, "user@1000.service");
	expect_unit("/user.slice/user-1000.slice/session-3.scope", UNIT_SCOPE,
		    "session-3.scope");
}

static void test_unit_root_and_none(void **state)
{
	(void)state;
	expect_unit("/", UNIT_NONE, "");
	expect_unit("", UNIT_NONE, "");
	expect_unit("//", UNIT_NONE, "");
	expect_unit("/user.slice", UNIT_NONE, "");
	expect_unit("/process_api/f8d0cd50370774f38220d10120d37a94", UNIT_NONE,
		    "");
	expect_unit("/init.scope", UNIT_SCOPE, "init.scope");
	/* Suffix alone, and near misses */
	expect_unit("/x.servicex", UNIT_NONE, "");
	expect_unit("/x.scope.d", UNIT_NONE, "");
}

static void test_unit_docker(void **state)
{
	(void)state;
	expect_unit("/system.slice/docker-" ID64 ".scope", UNIT_CONTAINER,
		    "docker:" ID12);
	expect_unit("/docker/" ID64, UNIT_CONTAINER, "docker:" ID12);
	/* Anything inside a container is named after the container */
	expect_unit("/system.slice/docker-" ID64 ".scope/system.slice/"
		    "nginx.service",
		    UNIT_CONTAINER, "docker:" ID12);
	expect_unit("/docker/" ID64 "/init.scope", UNIT_CONTAINER,
		    "docker:" ID12);
	/* docker.service itself is a service */
	expect_unit("/system.slice/docker.service", UNIT_SYSTEM,
		    "docker.service");
	/* "docker-.scope" has no id */
	expect_unit("/system.slice/docker-.scope", UNIT_SCOPE, "docker-.scope");
}

static void test_unit_kubernetes(void **state)
{
	(void)state;
	/* cgroupfs driver */
	expect_unit("/kubepods/burstable/pod8e3f2c1a-5b7d-4c1e-9f0a-"
		    "1234567890ab/" ID64,
		    UNIT_CONTAINER, "k8s:" ID12);
	expect_unit("/kubepods/pod8e3f2c1a-5b7d-4c1e-9f0a-1234567890ab/" ID64,
		    UNIT_CONTAINER, "k8s:" ID12);
	/* systemd driver, containerd and cri-o */
	expect_unit("/kubepods.slice/kubepods-burstable.slice/"
		    "kubepods-burstable-pod8e3f2c1a_5b7d_4c1e_9f0a_"
		    "1234567890ab.slice/cri-containerd-" ID64 ".scope",
		    UNIT_CONTAINER, "containerd:" ID12);
	expect_unit("/kubepods.slice/kubepods-besteffort.slice/"
		    "kubepods-besteffort-pod1.slice/crio-" ID64 ".scope",
		    UNIT_CONTAINER, "cri-o:" ID12);
	/* The pod slice alone is not a container */
	expect_unit("/kubepods.slice/kubepods-burstable.slice", UNIT_NONE, "");
}

static void test_unit_podman_lxc_machine(void **state)
{
	(void)state;
	expect_unit("/machine.slice/libpod-" ID64 ".scope", UNIT_CONTAINER,
		    "podman:" ID12);
	expect_unit("/user.slice/user-1000.slice/user@1000.service/user.slice/"
		    "libpod-" ID64 ".scope/container",
		    UNIT_CONTAINER, "podman:" ID12);
	expect_unit("/lxc.payload.web1", UNIT_CONTAINER, "lxc:web1");
	expect_unit("/lxc.payload.web1/system.slice/nginx.service",
		    UNIT_CONTAINER, "lxc:web1");
	expect_unit("/lxc/web2/init.scope", UNIT_CONTAINER, "lxc:web2");
	expect_unit("/machine.slice/machine-vm1.scope", UNIT_CONTAINER,
		    "machine:vm1");
	expect_unit("/machine.slice/machine-vm1.scope/payload", UNIT_CONTAINER,
		    "machine:vm1");
	/* systemd escapes '-' in the unit name; the machine name has it */
	expect_unit("/machine.slice/machine-qemu\\x2d1\\x2dvm.scope",
		    UNIT_CONTAINER, "machine:qemu-1-vm");
	/* Not an escape, or an escaped NUL: kept as written */
	expect_unit("/machine.slice/machine-a\\x2.scope", UNIT_CONTAINER,
		    "machine:a\\x2");
	expect_unit("/machine.slice/machine-a\\x00.scope", UNIT_CONTAINER,
		    "machine:a\\x00");
	/* A name that is not a hex id is kept whole */
	expect_unit("/docker/my-container", UNIT_CONTAINER,
		    "docker:my-container");
	/* A short hex id is kept whole too */
	expect_unit("/docker/abc123", UNIT_CONTAINER, "docker:abc123");
}

static void test_unit_long_name_is_cut(void **state)
{
	char path[400], want[128];
	struct unit_name u;

	(void)state;
	memset(path, 0, sizeof(path));
	strcpy(path, "/system.slice/");
	memset(path + strlen(path), 'a', 300);
	strcat(path, ".service");
	unit_from_cgroup(path, &u);
	assert_int_equal(u.kind, UNIT_SYSTEM);
	memset(want, 'a', sizeof(want) - 1);
	want[sizeof(want) - 1] = '\0';
	assert_string_equal(u.name, want);
}

static void test_unit_kind_names(void **state)
{
	(void)state;
	assert_string_equal(unit_kind_name(UNIT_NONE), "none");
	assert_string_equal(unit_kind_name(UNIT_SYSTEM), "system");
	assert_string_equal(unit_kind_name(UNIT_USER), "user");
	assert_string_equal(unit_kind_name(UNIT_SCOPE), "scope");
	assert_string_equal(unit_kind_name(UNIT_CONTAINER), "container");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v2_only),
		cmocka_unit_test(test_hybrid),
		cmocka_unit_test(test_v1_only),
		cmocka_unit_test(test_path_with_colon),
		cmocka_unit_test(test_empty_and_garbage),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_unit_system),
		cmocka_unit_test(test_unit_user),
		cmocka_unit_test(test_unit_root_and_none),
		cmocka_unit_test(test_unit_docker),
		cmocka_unit_test(test_unit_kubernetes),
		cmocka_unit_test(test_unit_podman_lxc_machine),
		cmocka_unit_test(test_unit_long_name_is_cut),
		cmocka_unit_test(test_unit_kind_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
