/* asm-generic's struct layouts, for the backends whose kernel ABI uses
 * them (aarch64, riscv64): data, like the backends. */
#include "arch/backend.h"

const struct mt_stat_layout mt_stat_layout_generic = {
    128,
    {
        [MT_ST_DEV] = {0, 8},
        [MT_ST_INO] = {8, 8},
        [MT_ST_MODE] = {16, 4},
        [MT_ST_NLINK] = {20, 4},
        [MT_ST_UID] = {24, 4},
        [MT_ST_GID] = {28, 4},
        [MT_ST_RDEV] = {32, 8},
        [MT_ST_SIZE] = {48, 8},
        [MT_ST_BLKSIZE] = {56, 4},
        [MT_ST_BLOCKS] = {64, 8},
        [MT_ST_ATIME] = {72, 8},
        [MT_ST_ATIME_NS] = {80, 8},
        [MT_ST_MTIME] = {88, 8},
        [MT_ST_MTIME_NS] = {96, 8},
        [MT_ST_CTIME] = {104, 8},
        [MT_ST_CTIME_NS] = {112, 8},
    },
};
