/* memmem and memrchr come from glibc; here are the byte counter and the two-byte search
   (the multi-literal search is in LiteralSet.c). */
#include "CStringSearch.h"

static size_t count_byte_portable(const unsigned char *p, size_t count, unsigned char byte) {
    size_t total = 0;
    /* Blocks of 255: an unsigned char accumulator per lane cannot overflow, and clang turns the
       inner loop into byte-wise vector compares and adds. */
    while (count > 0) {
        size_t block = count < 255 * 32 ? count : 255 * 32;
        unsigned char lanes[32] = {0};
        size_t i = 0;
        for (; i + 32 <= block; i += 32) {
            for (int lane = 0; lane < 32; lane++) lanes[lane] += (unsigned char)(p[i + lane] == byte);
        }
        for (int lane = 0; lane < 32; lane++) total += lanes[lane];
        for (; i < block; i++) total += p[i] == byte;
        p += block;
        count -= block;
    }
    return total;
}

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2")))
static size_t find_either_avx2(const unsigned char *p, size_t count, unsigned char a, unsigned char b) {
    const __m256i va = _mm256_set1_epi8((char)a), vb = _mm256_set1_epi8((char)b);
    size_t i = 0;
    /* 64 bytes per test; the block holding a hit is then searched 32 bytes at a time. */
    for (; i + 64 <= count; i += 64) {
        __m256i v0 = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i v1 = _mm256_loadu_si256((const __m256i *)(p + i + 32));
        __m256i hit = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v0, va), _mm256_cmpeq_epi8(v0, vb)),
                                      _mm256_or_si256(_mm256_cmpeq_epi8(v1, va), _mm256_cmpeq_epi8(v1, vb)));
        if (!_mm256_testz_si256(hit, hit)) break;
    }
    for (; i + 32 <= count; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, va), _mm256_cmpeq_epi8(v, vb)));
        if (mask) return i + (size_t)__builtin_ctz(mask);
    }
    for (; i < count; i++) if (p[i] == a || p[i] == b) return i;
    return count;
}

/* Byte counting with AVX2: per-lane byte counters (at most 255 steps), summed with SAD. */
__attribute__((target("avx2")))
static size_t count_byte_avx2(const unsigned char *p, size_t count, unsigned char byte) {
    const __m256i needle = _mm256_set1_epi8((char)byte);
    __m256i sums = _mm256_setzero_si256();
    size_t i = 0;
    while (i + 32 <= count) {
        __m256i lanes = _mm256_setzero_si256();
        for (int step = 0; step < 255 && i + 32 <= count; step++, i += 32) {
            /* A match compares as -1, so subtracting adds one. */
            lanes = _mm256_sub_epi8(lanes, _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i)), needle));
        }
        sums = _mm256_add_epi64(sums, _mm256_sad_epu8(lanes, _mm256_setzero_si256()));
    }
    size_t total = (size_t)_mm256_extract_epi64(sums, 0) + (size_t)_mm256_extract_epi64(sums, 1)
                 + (size_t)_mm256_extract_epi64(sums, 2) + (size_t)_mm256_extract_epi64(sums, 3);
    for (; i < count; i++) total += p[i] == byte;
    return total;
}

/* SSE2 is part of x86-64 itself. */
static size_t find_either_sse2(const unsigned char *p, size_t count, unsigned char a, unsigned char b) {
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b);
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
        if (mask) return i + (size_t)__builtin_ctz(mask);
    }
    for (; i < count; i++) if (p[i] == a || p[i] == b) return i;
    return count;
}
#endif

size_t pc_find_either(const void *bytes, size_t count, unsigned char a, unsigned char b) {
    const unsigned char *p = bytes;
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? find_either_avx2(p, count, a, b) : find_either_sse2(p, count, a, b);
#else
    for (size_t i = 0; i < count; i++) if (p[i] == a || p[i] == b) return i;
    return count;
#endif
}

size_t pc_count_byte(const void *bytes, size_t count, unsigned char byte) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return count_byte_avx2(bytes, count, byte);
#endif
    return count_byte_portable(bytes, count, byte);
}
