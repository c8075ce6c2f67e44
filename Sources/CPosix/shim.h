/* POSIX/Linux calls Swift cannot reach directly (variadic or _GNU_SOURCE-only). */
#ifndef KPIREVIEW_CPOSIX_H
#define KPIREVIEW_CPOSIX_H
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#if defined(__linux__)
#include <linux/fs.h>
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* Asks the CPU to start loading the cache line at p (read, keep in all cache levels). */
static inline void kpi_prefetch(const void *p) {
    __builtin_prefetch(p, 0, 3);
}

/* Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE); -1 with errno where unsupported. */
static inline int kpi_rename_exchange(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    (void)a; (void)b;
    return -1;
#endif
}

/* 1 when the file or folder at path is immutable or append-only (chattr +i / +a), so no rename
   can replace or archive it; 0 when not; -1 when the file system cannot tell. */
static inline int kpi_is_immutable(const char *path) {
#if defined(__linux__) && defined(FS_IOC_GETFLAGS)
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return -1;
    int flags = 0;
    int rc = ioctl(fd, FS_IOC_GETFLAGS, &flags);
    close(fd);
    if (rc != 0) return -1;
    return (flags & (FS_IMMUTABLE_FL | FS_APPEND_FL)) ? 1 : 0;
#else
    (void)path;
    return -1;
#endif
}
#endif
