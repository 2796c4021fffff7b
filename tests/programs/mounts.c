/* mount(2) and umount2(2) with their edge cases, for a line-for-line
 * comparison with strace (tests/e2e/run.py programs): a tmpfs mounted,
 * remounted, bound and moved on DIR (argv[1]), the old magic number in
 * the flags, an unknown type, unknown umount2 flags. All of it in a
 * mount namespace of its own, so that nothing outside sees a mount.
 * Exit 77 without the privilege to make one. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define SKIP          77
#define MS_MGC_VAL_   0xc0ed0000UL /* the old magic */
#define UNKNOWN_FLAGS 0x100        /* no umount2 flag */

/* The new mount API: a tmpfs made, configured, mounted on dir, cloned,
 * picked, reconfigured, made read-only, and the calls' edge cases. */
static void new_api(const char *dir)
{
	struct mount_attr attr = {.attr_set = MOUNT_ATTR_RDONLY, .propagation = MS_PRIVATE};
	int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
	fsconfig(fs, FSCONFIG_SET_STRING, "mode", "0700", 0);
	fsconfig(fs, FSCONFIG_SET_BINARY, "size", "\1\2\3", 3);           /* EINVAL */
	fsconfig(fs, FSCONFIG_SET_PATH, "source", "/dev/null", AT_FDCWD); /* EINVAL */
	fsconfig(fs, FSCONFIG_SET_FLAG, "nosuchflag", NULL, 0);           /* EINVAL */
	fsconfig(fs, 99, NULL, NULL, 0);                                  /* EOPNOTSUPP */
	fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0);
	int mnt = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
	move_mount(mnt, "", AT_FDCWD, dir, MOVE_MOUNT_F_EMPTY_PATH);
	int tree = open_tree(AT_FDCWD, dir, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	int pick = fspick(AT_FDCWD, dir, FSPICK_CLOEXEC);
	fsconfig(pick, FSCONFIG_SET_STRING, "size", "2m", 0);
	fsconfig(pick, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0);
	mount_setattr(AT_FDCWD, dir, AT_RECURSIVE, &attr, sizeof(attr));
	mount_setattr(AT_FDCWD, dir, 0, &attr, 8); /* below the first version: EINVAL */
	close(pick);
	close(tree);
	close(mnt);
	close(fs);
	umount2(dir, MNT_DETACH);
}

int main(int argc, char **argv)
{
	if (argc != 2 || unshare(CLONE_NEWNS) != 0)
		return SKIP;
	/* nothing of what follows propagates out */
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		return SKIP;
	const char *dir = argv[1];
	char inner[4096];
	snprintf(inner, sizeof(inner), "%s/inner", dir);
	mkdir(dir, 0700);
	mount("none", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0700");
	mkdir(inner, 0700);
	mount("none", dir, NULL, MS_REMOUNT | MS_NOSUID | MS_NODEV | MS_RDONLY, "size=2m");
	mount(dir, inner, NULL, MS_BIND, NULL);
	mount(NULL, inner, NULL, MS_SLAVE, NULL);
	mount("none", dir, "tmpfs", MS_MGC_VAL_ | MS_NOSUID, NULL);
	mount("none", dir, "tmpfs", MS_MGC_VAL_, "");
	mount("none", dir, "nosuchfs", 0, NULL); /* ENODEV */
	umount2(inner, UNKNOWN_FLAGS);           /* EINVAL */
	umount2(inner, MNT_DETACH | UMOUNT_NOFOLLOW);
	umount2(dir, MNT_DETACH);
	umount2(dir, MNT_DETACH);
	umount2(dir, 0);
	umount2(dir, MNT_DETACH);
	new_api(dir);
	rmdir(dir);
	umount2(dir, MNT_FORCE); /* ENOENT */
	return 0;
}
