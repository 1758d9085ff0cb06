/* Family "file" (see families.h): opening (open*, creat), the stat family
 * (stat, statx, statfs), paths (access, readlink, unlink, mkdir, rename,
 * link, symlink, mknod, chdir, getcwd), attributes (chmod, chown, utimensat,
 * truncate, fallocate), directories (getdents64); fcntl and ioctl have
 * files of their own. Values are the x86_64 kernel's (O_LARGEFILE is
 * 0100000 there, 0 in glibc). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "decode/families.h"

/* Open flags: the access mode, then strace's order. O_SYNC and O_TMPFILE
 * hold O_DSYNC and O_DIRECTORY: they come first. */
#define O_ACCMODE_    03u
#define O_CREAT_      0100u
#define O_TMPFILE_BIT 020000000u

static const struct flag_name open_access[] = {
	{ 0, "O_RDONLY" },  { 1, "O_WRONLY" }, { 2, "O_RDWR" },
	{ 3, "O_ACCMODE" }, { 0, NULL },
};

static const struct flag_name open_flags[] = {
	{ 0100, "O_CREAT" },	    { 0200, "O_EXCL" },
	{ 0400, "O_NOCTTY" },	    { 01000, "O_TRUNC" },
	{ 02000, "O_APPEND" },	    { 04000, "O_NONBLOCK" },
	{ 04010000, "O_SYNC" },	    { 010000, "O_DSYNC" },
	{ 040000, "O_DIRECT" },	    { 0100000, "O_LARGEFILE" },
	{ 0400000, "O_NOFOLLOW" },  { 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },  { 010000000, "O_PATH" },
	{ 020200000, "O_TMPFILE" }, { 0200000, "O_DIRECTORY" },
	{ 020000, "FASYNC" },	    { 0, NULL },
};

void decode_join_open_flags(struct strbuf *sb, uint64_t flags)
{
	strbuf_adds(sb, dout_enum_name(flags & O_ACCMODE_, open_access));
	if (flags & ~(uint64_t)O_ACCMODE_) {
		strbuf_addc(sb, '|');
		dout_join_flags(sb, flags & ~(uint64_t)O_ACCMODE_, open_flags);
	}
}

void decode_put_open_flags(struct dout *o, const char *key, uint64_t flags)
{
	struct strbuf sb = STRBUF_INIT;

	decode_join_open_flags(&sb, flags);
	dout_flags_text(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void in_open_flags(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	(void)c;
	decode_put_open_flags(o, key, (uint32_t)v);
}

/* The mode counts (and is shown) only when the call may create a file. */
static bool creates(uint64_t flags)
{
	return flags & (O_CREAT_ | O_TMPFILE_BIT);
}

static void in_open_mode(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t v)
{
	if (creates(c->args[1]))
		dout_oct(o, key, v);
}

static void in_openat_mode(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v)
{
	if (creates(c->args[2]))
		dout_oct(o, key, v);
}

static const struct flag_name resolve_flags[] = {
	{ 0x01, "RESOLVE_NO_XDEV" },
	{ 0x02, "RESOLVE_NO_MAGICLINKS" },
	{ 0x04, "RESOLVE_NO_SYMLINKS" },
	{ 0x08, "RESOLVE_BENEATH" },
	{ 0x10, "RESOLVE_IN_ROOT" },
	{ 0x20, "RESOLVE_CACHED" },
	{ 0, NULL },
};

/* openat2's struct open_how {flags, mode, resolve}, at least 24 bytes. */
static void in_open_how(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v)
{
	uint64_t how[3];

	if (!v || c->args[3] < sizeof(how) ||
	    decode_read(c, v, how, sizeof(how)) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	dout_begin_struct(o, key);
	decode_put_open_flags(o, "flags", how[0]);
	if (how[1] || creates(how[0]))
		dout_oct(o, "mode", how[1]);
	dout_flags(o, "resolve", how[2], resolve_flags);
	dout_end_struct(o);
}

/* File modes: S_IFREG|S_ISUID|0755; the type unknown: all in octal. JSON:
 * the number. */
#define S_IFMT_ 0170000u

static const struct flag_name file_types[] = {
	{ 0140000, "S_IFSOCK" }, { 0120000, "S_IFLNK" },
	{ 0100000, "S_IFREG" },	 { 0060000, "S_IFBLK" },
	{ 0040000, "S_IFDIR" },	 { 0020000, "S_IFCHR" },
	{ 0010000, "S_IFIFO" },	 { 0, NULL },
};

static void put_mode(struct dout *o, const char *key, uint32_t mode)
{
	uint32_t type = mode & S_IFMT_;
	const char *name = dout_enum_name(type, file_types);
	struct strbuf sb = STRBUF_INIT;

	if (o->mode != DOUT_TEXT || (type && !name)) {
		dout_oct(o, key, mode);
		return;
	}
	if (name)
		strbuf_addf(&sb, "%s|", name);
	if (mode & 04000)
		strbuf_adds(&sb, "S_ISUID|");
	if (mode & 02000)
		strbuf_adds(&sb, "S_ISGID|");
	if (mode & 01000)
		strbuf_adds(&sb, "S_ISVTX|");
	strbuf_addf(&sb, "%#03o", mode & 0777);
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* A device number: makedev(0x1, 0x3); JSON {"major":1,"minor":3}. */
static void put_dev(struct dout *o, const char *key, uint64_t dev)
{
	uint64_t major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull);
	uint64_t minor = (dev & 0xff) | ((dev >> 12) & ~0xffull);
	char buf[64];

	if (o->mode != DOUT_TEXT) {
		dout_begin_struct(o, key);
		dout_uint(o, "major", major);
		dout_uint(o, "minor", minor);
		dout_end_struct(o);
		return;
	}
	snprintf(buf, sizeof(buf), "makedev(%#llx, %#llx)",
		 (unsigned long long)major, (unsigned long long)minor);
	dout_raw(o, key, buf);
}

static bool is_device(uint32_t mode)
{
	return (mode & S_IFMT_) == 0020000 || (mode & S_IFMT_) == 0060000;
}

/* mknod's mode is a umode_t; its dev counts only for devices. */
static void in_mknod_mode(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	(void)c;
	put_mode(o, key, (uint32_t)v & 0177777);
}

/* mknod(path, mode, dev), mknodat(dirfd, path, mode, dev) */
static void in_mknod_dev(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t v)
{
	if (is_device((uint32_t)c->args[1] & 0177777))
		put_dev(o, key, v);
}

static void in_mknodat_dev(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v)
{
	if (is_device((uint32_t)c->args[2] & 0177777))
		put_dev(o, key, v);
}

/* The x86_64 kernel's struct stat (144 bytes); strace shows the mode and
 * the size (the device for devices), then "...". */
struct kstat {
	uint64_t st_dev, st_ino, st_nlink;
	uint32_t st_mode, st_uid, st_gid, pad0;
	uint64_t st_rdev;
	int64_t st_size, st_blksize, st_blocks;
	uint64_t times[6];
	int64_t unused[3];
};

static void stat_fields(struct decode_call *c, struct dout *o, const void *data,
			size_t size)
{
	struct kstat st;

	(void)c;
	(void)size;
	memcpy(&st, data, sizeof(st));
	put_mode(o, "st_mode", st.st_mode);
	if (is_device(st.st_mode))
		put_dev(o, "st_rdev", st.st_rdev);
	else
		dout_int(o, "st_size", st.st_size);
	dout_more(o);
}

static void out_stat(struct decode_call *c, struct dout *o, const char *key,
		     uint64_t v)
{
	decode_put_struct_out(c, o, key, v, sizeof(struct kstat), stat_fields);
}

/* AT_* flags: 0x200 is AT_REMOVEDIR for unlinkat, AT_EACCESS for
 * faccessat2. */
static const struct flag_name at_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x400, "AT_SYMLINK_FOLLOW" },
	{ 0x800, "AT_NO_AUTOMOUNT" },	  { 0x1000, "AT_EMPTY_PATH" },
	{ 0x8000, "AT_RECURSIVE" },	  { 0, NULL },
};

static const struct flag_name unlinkat_flags[] = {
	{ 0x200, "AT_REMOVEDIR" },
	{ 0, NULL },
};

static const struct flag_name faccessat_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x200, "AT_EACCESS" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0, NULL },
};

/* statx: the sync type first (AT_STATX_SYNC_AS_STAT is 0). */
#define AT_STATX_SYNC_TYPE_ 0x6000u

static const struct flag_name statx_sync[] = {
	{ 0x0000, "AT_STATX_SYNC_AS_STAT" },
	{ 0x2000, "AT_STATX_FORCE_SYNC" },
	{ 0x4000, "AT_STATX_DONT_SYNC" },
	{ 0, NULL },
};

static const struct flag_name statx_mask[] = {
	{ 0xfff, "STATX_ALL" },
	{ 0x7ff, "STATX_BASIC_STATS" },
	{ 0x1, "STATX_TYPE" },
	{ 0x2, "STATX_MODE" },
	{ 0x4, "STATX_NLINK" },
	{ 0x8, "STATX_UID" },
	{ 0x10, "STATX_GID" },
	{ 0x20, "STATX_ATIME" },
	{ 0x40, "STATX_MTIME" },
	{ 0x80, "STATX_CTIME" },
	{ 0x100, "STATX_INO" },
	{ 0x200, "STATX_SIZE" },
	{ 0x400, "STATX_BLOCKS" },
	{ 0x800, "STATX_BTIME" },
	{ 0x1000, "STATX_MNT_ID" },
	{ 0x2000, "STATX_DIOALIGN" },
	{ 0x4000, "STATX_MNT_ID_UNIQUE" },
	{ 0x8000, "STATX_SUBVOL" },
	{ 0x10000, "STATX_WRITE_ATOMIC" },
	{ 0x20000, "STATX_DIO_READ_ALIGN" },
	{ 0, NULL },
};

static const struct flag_name statx_attrs[] = {
	{ 0x4, "STATX_ATTR_COMPRESSED" },
	{ 0x10, "STATX_ATTR_IMMUTABLE" },
	{ 0x20, "STATX_ATTR_APPEND" },
	{ 0x40, "STATX_ATTR_NODUMP" },
	{ 0x800, "STATX_ATTR_ENCRYPTED" },
	{ 0x1000, "STATX_ATTR_AUTOMOUNT" },
	{ 0x2000, "STATX_ATTR_MOUNT_ROOT" },
	{ 0x100000, "STATX_ATTR_VERITY" },
	{ 0x200000, "STATX_ATTR_DAX" },
	{ 0x400000, "STATX_ATTR_WRITE_ATOMIC" },
	{ 0, NULL },
};

static void in_statx_flags(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v)
{
	uint32_t flags = (uint32_t)v, rest = flags & ~AT_STATX_SYNC_TYPE_;
	const char *sync =
		dout_enum_name(flags & AT_STATX_SYNC_TYPE_, statx_sync);
	struct strbuf sb = STRBUF_INIT;

	(void)c;
	if (sync)
		strbuf_adds(&sb, sync);
	else
		rest = flags;
	if (rest) {
		if (sb.len)
			strbuf_addc(&sb, '|');
		dout_join_flags(&sb, rest, at_flags);
	}
	dout_flags_text(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* struct statx: mask, attributes, mode and size, then "...". */
#define STATX_READ 48u

static void statx_fields(struct decode_call *c, struct dout *o,
			 const void *data, size_t size)
{
	const unsigned char *p = data;
	uint32_t mask;
	uint64_t attrs, fsize;
	uint16_t mode;

	(void)c;
	(void)size;
	memcpy(&mask, p, sizeof(mask));
	memcpy(&attrs, p + 8, sizeof(attrs));
	memcpy(&mode, p + 28, sizeof(mode));
	memcpy(&fsize, p + 40, sizeof(fsize));
	dout_flags(o, "stx_mask", mask, statx_mask);
	dout_flags(o, "stx_attributes", attrs, statx_attrs);
	put_mode(o, "stx_mode", mode);
	dout_uint(o, "stx_size", fsize);
	dout_more(o);
}

static void out_statx(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	decode_put_struct_out(c, o, key, v, STATX_READ, statx_fields);
}

/* struct statfs: every member, the type by its magic number. */
static const struct flag_name fs_magics[] = {
	{ 0xef53, "EXT2_SUPER_MAGIC" },
	{ 0x01021994, "TMPFS_MAGIC" },
	{ 0x9fa0, "PROC_SUPER_MAGIC" },
	{ 0x62656572, "SYSFS_MAGIC" },
	{ 0x9123683e, "BTRFS_SUPER_MAGIC" },
	{ 0x58465342, "XFS_SUPER_MAGIC" },
	{ 0x794c7630, "OVERLAYFS_SUPER_MAGIC" },
	{ 0x63677270, "CGROUP2_SUPER_MAGIC" },
	{ 0x27e0eb, "CGROUP_SUPER_MAGIC" },
	{ 0x6969, "NFS_SUPER_MAGIC" },
	{ 0x1cd1, "DEVPTS_SUPER_MAGIC" },
	{ 0x858458f6, "RAMFS_MAGIC" },
	{ 0x73717368, "SQUASHFS_MAGIC" },
	{ 0x65735546, "FUSE_SUPER_MAGIC" },
	{ 0x64626720, "DEBUGFS_MAGIC" },
	{ 0x73636673, "SECURITYFS_MAGIC" },
	{ 0xcafe4a11, "BPF_FS_MAGIC" },
	{ 0x74726163, "TRACEFS_MAGIC" },
	{ 0x4d44, "MSDOS_SUPER_MAGIC" },
	{ 0x9660, "ISOFS_SUPER_MAGIC" },
	{ 0x6e736673, "NSFS_MAGIC" },
	{ 0xf2f52010, "F2FS_SUPER_MAGIC" },
	{ 0x958458f6, "HUGETLBFS_MAGIC" },
	{ 0x19800202, "MQUEUE_MAGIC" },
	{ 0x50495045, "PIPEFS_MAGIC" },
	{ 0x534f434b, "SOCKFS_MAGIC" },
	{ 0x09041934, "ANON_INODE_FS_MAGIC" },
	{ 0x0187, "AUTOFS_SUPER_MAGIC" },
	{ 0x62656570, "CONFIGFS_MAGIC" },
	{ 0xde5e81e4, "EFIVARFS_MAGIC" },
	{ 0x6165676c, "PSTOREFS_MAGIC" },
	{ 0xf97cff8c, "SELINUX_MAGIC" },
	{ 0xfe534d42, "SMB2_SUPER_MAGIC" },
	{ 0xff534d42, "CIFS_SUPER_MAGIC" },
	{ 0x01021997, "V9FS_MAGIC" },
	{ 0x2011bab0, "EXFAT_SUPER_MAGIC" },
	{ 0x2fc12fc1, "ZFS_SUPER_MAGIC" },
	{ 0, NULL },
};

static const struct flag_name statfs_flags[] = {
	{ 0x0001, "ST_RDONLY" },      { 0x0002, "ST_NOSUID" },
	{ 0x0004, "ST_NODEV" },	      { 0x0008, "ST_NOEXEC" },
	{ 0x0010, "ST_SYNCHRONOUS" }, { 0x0020, "ST_VALID" },
	{ 0x0040, "ST_MANDLOCK" },    { 0x0400, "ST_NOATIME" },
	{ 0x0800, "ST_NODIRATIME" },  { 0x1000, "ST_RELATIME" },
	{ 0x2000, "ST_NOSYMFOLLOW" }, { 0, NULL },
};

#define STATFS_SIZE 120u

static void statfs_fields(struct decode_call *c, struct dout *o,
			  const void *data, size_t size)
{
	static const char *const keys[] = { "f_type",  "f_bsize",  "f_blocks",
					    "f_bfree", "f_bavail", "f_files",
					    "f_ffree" };
	uint64_t f[11];
	uint32_t fsid[2];
	const char *magic;

	(void)c;
	(void)size;
	memcpy(f, data, 7 * sizeof(*f));
	memcpy(fsid, (const char *)data + 56, sizeof(fsid));
	memcpy(f + 8, (const char *)data + 64, 3 * sizeof(*f));
	magic = dout_enum_name(f[0], fs_magics);
	if (magic)
		dout_sym(o, keys[0], magic);
	else
		dout_hex(o, keys[0], f[0]);
	for (int i = 1; i < 7; i++)
		dout_uint(o, keys[i], f[i]);
	dout_begin_struct(o, "f_fsid");
	dout_begin_array(o, "val");
	dout_hex(o, NULL, fsid[0]);
	dout_hex(o, NULL, fsid[1]);
	dout_end_array(o);
	dout_end_struct(o);
	dout_uint(o, "f_namelen", f[8]);
	dout_uint(o, "f_frsize", f[9]);
	dout_flags(o, "f_flags", f[10], statfs_flags);
}

static void out_statfs(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	decode_put_struct_out(c, o, key, v, STATFS_SIZE, statfs_fields);
}

/* access modes: F_OK is 0. */
static const struct flag_name access_modes[] = {
	{ 4, "R_OK" },
	{ 2, "W_OK" },
	{ 1, "X_OK" },
	{ 0, NULL },
};

static void in_access_mode(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v)
{
	(void)c;
	if ((uint32_t)v == 0)
		dout_flags_text(o, key, "F_OK");
	else
		dout_flags(o, key, (uint32_t)v, access_modes);
}

static const struct flag_name rename_flags[] = {
	{ 1, "RENAME_NOREPLACE" },
	{ 2, "RENAME_EXCHANGE" },
	{ 4, "RENAME_WHITEOUT" },
	{ 0, NULL },
};

static const struct flag_name falloc_modes[] = {
	{ 0x01, "FALLOC_FL_KEEP_SIZE" },
	{ 0x02, "FALLOC_FL_PUNCH_HOLE" },
	{ 0x04, "FALLOC_FL_NO_HIDE_STALE" },
	{ 0x08, "FALLOC_FL_COLLAPSE_RANGE" },
	{ 0x10, "FALLOC_FL_ZERO_RANGE" },
	{ 0x20, "FALLOC_FL_INSERT_RANGE" },
	{ 0x40, "FALLOC_FL_UNSHARE_RANGE" },
	{ 0, NULL },
};

/* getcwd: the path the kernel wrote (the return value counts its NUL). */
static void out_cwd(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t v)
{
	if (c->ret <= 0)
		dout_ptr(o, key, v);
	else
		decode_put_path(c, o, key, v);
}

/* getdents64 and getdents: the address and how many entries the kernel
 * wrote (d_reclen at offset 16 in both), counted in bounded chunks. */
#define DENTS_CHUNK 4096u
#define DENTS_MAX   (1u << 20)

static int64_t count_dents(struct decode_call *c, uint64_t addr, uint64_t len)
{
	unsigned char buf[DENTS_CHUNK];
	uint64_t pos = 0, start = 0, got = 0;
	int64_t n = 0;

	if (len > DENTS_MAX)
		return -1;
	while (pos < len) {
		uint16_t reclen;

		if (pos + 18 > start + got) {
			/* the next record header starts a chunk */
			start = pos;
			got = len - pos < sizeof(buf) ? len - pos : sizeof(buf);
			if (got < 18 ||
			    decode_read(c, addr + start, buf, (size_t)got) != 0)
				return -1;
		}
		memcpy(&reclen, buf + (pos - start) + 16, sizeof(reclen));
		if (reclen == 0)
			return -1;
		pos += reclen;
		n++;
	}
	return n;
}

static void out_dents(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	int64_t n = c->ret < 0 ? -1 : count_dents(c, v, (uint64_t)c->ret);
	char buf[32];

	dout_ptr(o, key, v);
	if (n < 0)
		return;
	snprintf(buf, sizeof(buf), "%lld entr%s", (long long)n,
		 n == 1 ? "y" : "ies");
	dout_comment(o, buf);
	if (o->mode != DOUT_TEXT)
		dout_uint(o, "entries", (uint64_t)n);
}

/* utimensat's times[2]: UTIME_NOW, UTIME_OMIT, or a time and its date. */
#define UTIME_NOW_  ((1l << 30) - 1l)
#define UTIME_OMIT_ ((1l << 30) - 2l)

static void put_time(struct dout *o, const int64_t ts[2])
{
	struct tm tm;
	time_t t = (time_t)ts[0];
	char date[64], text[96];

	if (ts[1] == UTIME_NOW_) {
		dout_sym(o, NULL, "UTIME_NOW");
		return;
	}
	if (ts[1] == UTIME_OMIT_) {
		dout_sym(o, NULL, "UTIME_OMIT");
		return;
	}
	dout_begin_struct(o, NULL);
	dout_int(o, "tv_sec", ts[0]);
	dout_int(o, "tv_nsec", ts[1]);
	dout_end_struct(o);
	if (ts[1] < 0 || ts[1] >= 1000000000 || !gmtime_r(&t, &tm) ||
	    !strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm))
		return;
	snprintf(text, sizeof(text), "%s.%09lld+0000", date, (long long)ts[1]);
	dout_comment(o, text);
}

static void in_utimes(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	int64_t ts[4];

	if (!v || decode_read(c, v, ts, sizeof(ts)) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	dout_begin_array(o, key);
	put_time(o, ts);
	put_time(o, ts + 2);
	dout_end_array(o);
}

/* clang-format off */
const struct syscall_spec decode_family_file[] = {
	{ "open", RET_FD, { { "pathname", ARG_PATH }, { "flags", ARG_IN, in_open_flags }, { "mode", ARG_IN, in_open_mode } } },
	{ "openat", RET_FD, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "flags", ARG_IN, in_open_flags }, { "mode", ARG_IN, in_openat_mode } } },
	{ "openat2", RET_FD, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "how", ARG_IN, in_open_how }, { "size", ARG_UINT } } },
	{ "creat", RET_FD, { { "pathname", ARG_PATH }, { "mode", ARG_OCT } } },
	{ "stat", RET_INT, { { "pathname", ARG_PATH }, { "statbuf", ARG_OUT, out_stat } } },
	{ "lstat", RET_INT, { { "pathname", ARG_PATH }, { "statbuf", ARG_OUT, out_stat } } },
	{ "fstat", RET_INT, { { "fd", ARG_FD }, { "statbuf", ARG_OUT, out_stat } } },
	{ "newfstatat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "statbuf", ARG_OUT, out_stat }, { "flags", ARG_FLAGS, at_flags } } },
	{ "statx", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "flags", ARG_IN, in_statx_flags }, { "mask", ARG_FLAGS, statx_mask }, { "statxbuf", ARG_OUT, out_statx } } },
	{ "statfs", RET_INT, { { "path", ARG_PATH }, { "buf", ARG_OUT, out_statfs } } },
	{ "fstatfs", RET_INT, { { "fd", ARG_FD }, { "buf", ARG_OUT, out_statfs } } },
	{ "access", RET_INT, { { "pathname", ARG_PATH }, { "mode", ARG_IN, in_access_mode } } },
	{ "faccessat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "mode", ARG_IN, in_access_mode } } },
	{ "faccessat2", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "mode", ARG_IN, in_access_mode }, { "flags", ARG_FLAGS, faccessat_flags } } },
	{ "readlink", RET_INT, { { "pathname", ARG_PATH }, { "buf", ARG_OBUF }, { "bufsiz", ARG_UINT } } },
	{ "readlinkat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "buf", ARG_OBUF }, { "bufsiz", ARG_UINT } } },
	{ "unlink", RET_INT, { { "pathname", ARG_PATH } } },
	{ "unlinkat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "flags", ARG_FLAGS, unlinkat_flags } } },
	{ "mkdir", RET_INT, { { "pathname", ARG_PATH }, { "mode", ARG_OCT } } },
	{ "mkdirat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "mode", ARG_OCT } } },
	{ "rmdir", RET_INT, { { "pathname", ARG_PATH } } },
	{ "rename", RET_INT, { { "oldpath", ARG_PATH }, { "newpath", ARG_PATH } } },
	{ "renameat", RET_INT, { { "olddirfd", ARG_DIRFD }, { "oldpath", ARG_PATH }, { "newdirfd", ARG_DIRFD }, { "newpath", ARG_PATH } } },
	{ "renameat2", RET_INT, { { "olddirfd", ARG_DIRFD }, { "oldpath", ARG_PATH }, { "newdirfd", ARG_DIRFD }, { "newpath", ARG_PATH }, { "flags", ARG_FLAGS, rename_flags } } },
	{ "link", RET_INT, { { "oldpath", ARG_PATH }, { "newpath", ARG_PATH } } },
	{ "linkat", RET_INT, { { "olddirfd", ARG_DIRFD }, { "oldpath", ARG_PATH }, { "newdirfd", ARG_DIRFD }, { "newpath", ARG_PATH }, { "flags", ARG_FLAGS, at_flags } } },
	{ "symlink", RET_INT, { { "target", ARG_PATH }, { "linkpath", ARG_PATH } } },
	{ "symlinkat", RET_INT, { { "target", ARG_PATH }, { "newdirfd", ARG_DIRFD }, { "linkpath", ARG_PATH } } },
	{ "mknod", RET_INT, { { "pathname", ARG_PATH }, { "mode", ARG_IN, in_mknod_mode }, { "dev", ARG_IN, in_mknod_dev } } },
	{ "mknodat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "mode", ARG_IN, in_mknod_mode }, { "dev", ARG_IN, in_mknodat_dev } } },
	{ "chmod", RET_INT, { { "pathname", ARG_PATH }, { "mode", ARG_OCT } } },
	{ "fchmod", RET_INT, { { "fd", ARG_FD }, { "mode", ARG_OCT } } },
	{ "fchmodat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "mode", ARG_OCT } } },
	{ "fchmodat2", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "mode", ARG_OCT }, { "flags", ARG_FLAGS, at_flags } } },
	{ "chown", RET_INT, { { "pathname", ARG_PATH }, { "owner", ARG_INT }, { "group", ARG_INT } } },
	{ "lchown", RET_INT, { { "pathname", ARG_PATH }, { "owner", ARG_INT }, { "group", ARG_INT } } },
	{ "fchown", RET_INT, { { "fd", ARG_FD }, { "owner", ARG_INT }, { "group", ARG_INT } } },
	{ "fchownat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "owner", ARG_INT }, { "group", ARG_INT }, { "flags", ARG_FLAGS, at_flags } } },
	{ "truncate", RET_INT, { { "path", ARG_PATH }, { "length", ARG_LONG } } },
	{ "chdir", RET_INT, { { "path", ARG_PATH } } },
	{ "fchdir", RET_INT, { { "fd", ARG_FD } } },
	{ "getcwd", RET_INT, { { "buf", ARG_OUT, out_cwd }, { "size", ARG_UINT } } },
	{ "umask", RET_OCT, { { "mask", ARG_OCT } } },
	{ "getdents64", RET_INT, { { "fd", ARG_FD }, { "dirp", ARG_OUT, out_dents }, { "count", ARG_UINT } } },
	{ "getdents", RET_INT, { { "fd", ARG_FD }, { "dirp", ARG_OUT, out_dents }, { "count", ARG_UINT } } },
	/* The result's kind is set per command (ret_kind): an fd for
	 * F_DUPFD*, hex flags for F_GETFL & co. */
	{ "utimensat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "times", ARG_IN, in_utimes }, { "flags", ARG_FLAGS, at_flags } } },
	{ "sync", RET_INT },
	{ "syncfs", RET_INT, { { "fd", ARG_FD } } },
	{ "fallocate", RET_INT, { { "fd", ARG_FD }, { "mode", ARG_FLAGS, falloc_modes }, { "offset", ARG_LONG }, { "len", ARG_LONG } } },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
const struct capture_shape decode_shapes_file[] = {
	{ (const void *)in_open_how, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 3 * sizeof(uint64_t) } } },
	{ (const void *)out_stat, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(struct kstat) } } },
	{ (const void *)out_statx, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, STATX_READ } } },
	{ (const void *)out_statfs, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, STATFS_SIZE } } },
	{ (const void *)out_cwd, { { CAPTURE_SELF, CAPTURE_STR, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 0, PATH_MAX } } },
	/* the records the kernel wrote: counted only when they fit in what
	 * the backend keeps (8 KiB) */
	{ (const void *)out_dents, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_RET, 0, 1, 0 } } },
	{ (const void *)in_utimes, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 4 * sizeof(int64_t) } } },
	{ NULL },
};
/* clang-format on */
