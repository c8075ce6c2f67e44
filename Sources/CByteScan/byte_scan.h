/* Hot loops in C: byte scanning for the ingest, 16 bytes at a time where SSE2 is there (every
 * x86-64), one byte at a time elsewhere; and bit counting for count_distinct bitmaps, with the
 * POPCNT instruction where the CPU has it. Header-only: Swift inlines these into its loops. */
#ifndef KPIREVIEW_BYTE_SCAN_H
#define KPIREVIEW_BYTE_SCAN_H
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* One field of a plain line, trimmed of spaces and tabs at both ends: spans[2k] is its start,
 * spans[2k+1] its length (the layout of Swift's FieldSpan). */
static inline int kpi_is_blank_byte(uint8_t c) { return c == 32 || c == 9; }

static inline void kpi_emit_span(const uint8_t *p, long from, long to, int32_t *spans, long k) {
    while (from < to && kpi_is_blank_byte(p[from])) from++;
    while (to > from && kpi_is_blank_byte(p[to - 1])) to--;
    spans[2 * k] = (int32_t)from;
    spans[2 * k + 1] = (int32_t)(to - from);
}

/* Splits one physical line of n bytes (without its terminator) at every `delim`, as libcsv does
 * in strict mode for a line with no quote and no carriage return. Returns the number of fields
 * (0 for a line of only spaces and tabs, which is no record), -1 when the line holds a quote or a
 * carriage return (libcsv must parse it), or -2 when more than `cap` fields would be needed.
 * `padded`: the 16 bytes from p + n on are readable (the caller's buffer has room past its data),
 * so the last block is read whole and masked rather than byte by byte. */
static inline long kpi_split_plain(const uint8_t *p, long n, uint8_t delim, int32_t *spans, long cap, int padded) {
    long count = 0, field = 0, i = 0;
#if defined(__SSE2__)
    const __m128i vd = _mm_set1_epi8((char)delim), vq = _mm_set1_epi8('"'), vr = _mm_set1_epi8('\r');
    /* Whole blocks; with `padded`, the last partial block too, its bits past n masked off. */
    for (; i < n && (padded || i + 16 <= n); i += 16) {
        __m128i w = _mm_loadu_si128((const __m128i *)(p + i));
        unsigned valid = n - i >= 16 ? 0xFFFFu : (1u << (n - i)) - 1;
        if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(w, vq), _mm_cmpeq_epi8(w, vr))) & valid) return -1;
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, vd)) & valid;
        while (m) {
            long j = i + __builtin_ctz(m);
            m &= m - 1;
            if (count == cap) return -2;
            kpi_emit_span(p, field, j, spans, count++);
            field = j + 1;
        }
    }
    if (i > n) i = n;
#else
    (void)padded;
#endif
    for (; i < n; i++) {
        uint8_t c = p[i];
        if (c == delim) {
            if (count == cap) return -2;
            kpi_emit_span(p, field, i, spans, count++);
            field = i + 1;
        } else if (c == '"' || c == '\r') {
            return -1;
        }
    }
    if (count == 0) {
        long k = 0;
        while (k < n && kpi_is_blank_byte(p[k])) k++;
        if (k == n) return 0;
    }
    if (count == cap) return -2;
    kpi_emit_span(p, field, n, spans, count++);
    return count;
}

/* The number of set bits in n words. x86-64's baseline has no POPCNT instruction, so the generic
 * build counts with shifts and masks; where the CPU has it (every x86-64 since about 2008), a
 * version compiled for it is used, chosen at run time. */
#if defined(__x86_64__)
__attribute__((target("popcnt"))) static inline long kpi_popcount_words_popcnt(const uint64_t *w, long n) {
    long c = 0;
    for (long i = 0; i < n; i++) c += __builtin_popcountll(w[i]);
    return c;
}
#endif

static inline long kpi_popcount_words(const uint64_t *w, long n) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("popcnt")) return kpi_popcount_words_popcnt(w, n);
#endif
    long c = 0;
    for (long i = 0; i < n; i++) c += __builtin_popcountll(w[i]);
    return c;
}
#endif
