/* memrchr comes from glibc; here are the byte kernels of the hot path (the multi-literal search
   is in LiteralSet.c). */
#include "CStringSearch.h"
#include "LineStarts.h"
#include <stdint.h>

/* Scalar searches, for the portable path and the tails of the vector loops. */
static size_t find_either_scalar(const unsigned char *p, size_t i, size_t count, unsigned char a, unsigned char b) {
    for (; i < count; i++) if (p[i] == a || p[i] == b) return i;
    return count;
}

/* The first line start after position `i` whose first byte is none of `allowed` nor CR or LF. */
static size_t find_odd_line_scalar(const unsigned char *p, size_t i, size_t count, const unsigned char *allowed, int allowed_count) {
    for (; i + 1 < count; i++) {
        if (p[i] != '\n') continue;
        unsigned char first = p[i + 1];
        int fine = first == '\n' || first == '\r';
        for (int j = 0; j < allowed_count; j++) fine |= first == allowed[j];
        if (!fine) return i + 1;
    }
    return count;
}

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
    return find_either_scalar(p, i, count, a, b);
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
    return find_either_scalar(p, i, count, a, b);
}

/* ASCII UTF-16 code units to bytes, 32 units per step: stops before the first block holding a
   unit that is not ASCII (the caller finishes unit by unit). */
__attribute__((target("avx2")))
static size_t narrow_ascii_avx2(const unsigned char *source, size_t units, unsigned char *target, int little_endian) {
    const __m256i not_ascii = _mm256_set1_epi16(little_endian ? (short)0xFF80 : (short)0x80FF);
    size_t i = 0;
    for (; i + 32 <= units; i += 32) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(source + 2 * i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(source + 2 * i + 32));
        if (!_mm256_testz_si256(_mm256_or_si256(a, b), not_ascii)) break;
        if (!little_endian) {
            a = _mm256_srli_epi16(a, 8);
            b = _mm256_srli_epi16(b, 8);
        }
        /* packus works per 128-bit lane: restore the order of the four quarters. */
        __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi16(a, b), 0xD8);
        _mm256_storeu_si256((__m256i *)(target + i), packed);
    }
    return i;
}

/* The SSE2 form of narrow_ascii_avx2, 16 units per step. */
static size_t narrow_ascii_sse2(const unsigned char *source, size_t units, unsigned char *target, int little_endian) {
    const __m128i not_ascii = _mm_set1_epi16(little_endian ? (short)0xFF80 : (short)0x80FF);
    size_t i = 0;
    for (; i + 16 <= units; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(source + 2 * i));
        __m128i b = _mm_loadu_si128((const __m128i *)(source + 2 * i + 16));
        __m128i bad = _mm_and_si128(_mm_or_si128(a, b), not_ascii);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128())) != 0xFFFF) break;
        if (!little_endian) {
            a = _mm_srli_epi16(a, 8);
            b = _mm_srli_epi16(b, 8);
        }
        _mm_storeu_si128((__m128i *)(target + i), _mm_packus_epi16(a, b));
    }
    return i;
}

/* The AVX2 form of pc_count_lines_until_odd_at. Blocks of 64 bytes free of odd line starts (one
   test each) add their newlines to per-lane byte counters, summed every 127 blocks; the block
   that holds one is finished 32 bytes at a time with masks. */
__attribute__((target("avx2,popcnt")))
static size_t count_lines_until_odd_avx2(const unsigned char *p, size_t count, const unsigned char *allowed, int allowed_count,
                                         size_t *newlines) {
    __m256i wanted[4];
    odd_line_wanted(allowed, allowed_count, wanted);
    const __m256i newline = _mm256_set1_epi8('\n');
    size_t lines = 0, i = 0;
    int odd_ahead = 0;
    while (!odd_ahead && i + 65 <= count) {
        __m256i lanes = _mm256_setzero_si256();
        /* A match compares as -1, so subtracting adds one: at most 2 per block, 254 per lane. */
        for (int step = 0; step < 127 && i + 65 <= count; step++, i += 64) {
            __m256i odd = _mm256_or_si256(odd_line_starts(p + i, wanted), odd_line_starts(p + i + 32, wanted));
            if (!_mm256_testz_si256(odd, odd)) {
                odd_ahead = 1;
                break;
            }
            lanes = _mm256_sub_epi8(lanes, _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i)), newline));
            lanes = _mm256_sub_epi8(lanes, _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i + 32)), newline));
        }
        __m256i sums = _mm256_sad_epu8(lanes, _mm256_setzero_si256());
        lines += (size_t)_mm256_extract_epi64(sums, 0) + (size_t)_mm256_extract_epi64(sums, 1)
               + (size_t)_mm256_extract_epi64(sums, 2) + (size_t)_mm256_extract_epi64(sums, 3);
    }
    for (; i + 33 <= count; i += 32) {
        uint32_t breaks = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i)), newline));
        uint32_t odd = (uint32_t)_mm256_movemask_epi8(odd_line_starts(p + i, wanted));
        if (odd) {
            int bit = __builtin_ctz(odd);
            /* The newlines up to and including the one before the odd line. */
            *newlines = lines + (size_t)__builtin_popcount(breaks & (uint32_t)(((uint64_t)2 << bit) - 1));
            return i + (size_t)bit + 1;
        }
        lines += (size_t)__builtin_popcount(breaks);
    }
    size_t found = find_odd_line_scalar(p, i, count, allowed, allowed_count);
    for (; i < found; i++) lines += p[i] == '\n';
    *newlines = lines;
    return found;
}
#endif

size_t pc_find_either_at(const void *bytes, size_t count, unsigned char a, unsigned char b, int vector_width) {
    const unsigned char *p = bytes;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (vector_width >= 32 && __builtin_cpu_supports("avx2")) return find_either_avx2(p, count, a, b);
    if (vector_width >= 16) return find_either_sse2(p, count, a, b);
#endif
    (void)vector_width;
    return find_either_scalar(p, 0, count, a, b);
}

size_t pc_find_either(const void *bytes, size_t count, unsigned char a, unsigned char b) {
    return pc_find_either_at(bytes, count, a, b, 32);
}

size_t pc_count_byte_at(const void *bytes, size_t count, unsigned char byte, int vector_width) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (vector_width >= 32 && __builtin_cpu_supports("avx2")) return count_byte_avx2(bytes, count, byte);
#endif
    (void)vector_width;
    return count_byte_portable(bytes, count, byte);
}

size_t pc_count_byte(const void *bytes, size_t count, unsigned char byte) {
    return pc_count_byte_at(bytes, count, byte, 32);
}

size_t pc_narrow_ascii_utf16_at(const void *source, size_t units, void *target, int little_endian, int vector_width) {
    const unsigned char *in = source;
    unsigned char *out = target;
    size_t done = 0;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (vector_width >= 32 && __builtin_cpu_supports("avx2")) done = narrow_ascii_avx2(in, units, out, little_endian);
    else if (vector_width >= 16) done = narrow_ascii_sse2(in, units, out, little_endian);
#endif
    (void)vector_width;
    for (; done < units; done++) {
        unsigned char low = in[2 * done + (little_endian ? 0 : 1)], high = in[2 * done + (little_endian ? 1 : 0)];
        if (high != 0 || low >= 0x80) break;
        out[done] = low;
    }
    return done;
}

size_t pc_narrow_ascii_utf16(const void *source, size_t units, void *target, int little_endian) {
    return pc_narrow_ascii_utf16_at(source, units, target, little_endian, 32);
}

size_t pc_count_lines_until_odd_at(const void *bytes, size_t count, const unsigned char *allowed, int allowed_count,
                                   size_t *newlines, int vector_width) {
    const unsigned char *p = bytes;
    if (allowed_count > 4) allowed_count = 4;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (vector_width >= 32 && allowed_count > 0 && __builtin_cpu_supports("avx2"))
        return count_lines_until_odd_avx2(p, count, allowed, allowed_count, newlines);
#endif
    (void)vector_width;
    size_t found = find_odd_line_scalar(p, 0, count, allowed, allowed_count);
    *newlines = count_byte_portable(p, found, '\n');
    return found;
}

