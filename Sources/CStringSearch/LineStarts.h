/* The test for continuation lines shared by the line counter (CStringSearch.c) and the fused
   literal and line search (LiteralSet.c). Internal to the module. */
#ifndef PROXYCLASH_LINE_STARTS_H
#define PROXYCLASH_LINE_STARTS_H
#if defined(__x86_64__)
#include <immintrin.h>

/* Line starts in the 32 bytes after `p` whose first byte is none of `wanted` nor CR or LF, as a
   byte mask: a newline in `p[0...31]` followed by such a byte. */
__attribute__((target("avx2"), always_inline))
static inline __m256i odd_line_starts(const unsigned char *p, const __m256i wanted[4]) {
    const __m256i newline = _mm256_set1_epi8('\n'), carriage = _mm256_set1_epi8('\r');
    __m256i breaks = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)p), newline);
    __m256i next = _mm256_loadu_si256((const __m256i *)(p + 1));
    __m256i fine = _mm256_or_si256(_mm256_cmpeq_epi8(next, newline), _mm256_cmpeq_epi8(next, carriage));
    fine = _mm256_or_si256(fine, _mm256_or_si256(_mm256_cmpeq_epi8(next, wanted[0]), _mm256_cmpeq_epi8(next, wanted[1])));
    fine = _mm256_or_si256(fine, _mm256_or_si256(_mm256_cmpeq_epi8(next, wanted[2]), _mm256_cmpeq_epi8(next, wanted[3])));
    return _mm256_andnot_si256(fine, breaks);
}

/* odd_line_starts for a log whose lines start with one byte, `wanted`. */
__attribute__((target("avx2"), always_inline))
static inline __m256i odd_line_starts_1(const unsigned char *p, __m256i wanted) {
    const __m256i newline = _mm256_set1_epi8('\n'), carriage = _mm256_set1_epi8('\r');
    __m256i breaks = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)p), newline);
    __m256i next = _mm256_loadu_si256((const __m256i *)(p + 1));
    __m256i fine = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(next, newline), _mm256_cmpeq_epi8(next, carriage)),
                                   _mm256_cmpeq_epi8(next, wanted));
    return _mm256_andnot_si256(fine, breaks);
}

/* `wanted` for odd_line_starts: the allowed first bytes (1 to 4 of them), repeated to fill four. */
__attribute__((target("avx2"), always_inline))
static inline void odd_line_wanted(const unsigned char *allowed, int allowed_count, __m256i wanted[4]) {
    for (int j = 0; j < 4; j++) wanted[j] = _mm256_set1_epi8((char)allowed[j < allowed_count ? j : 0]);
}
#endif
#endif
