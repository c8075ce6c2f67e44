/* POSIX/Linux calls Swift cannot reach directly (variadic or _GNU_SOURCE-only). */
#ifndef KPIREVIEW_CPOSIX_H
#define KPIREVIEW_CPOSIX_H
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
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
#endif
