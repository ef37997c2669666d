/* One-pass search for the leftmost occurrence of any of a set of literals, in the style of
   Hyperscan's and Rust aho-corasick's "Teddy": each literal is fingerprinted by three of its bytes
   in a row (those least seen in a sample of the text, else the rarest by a byte-frequency table), and 16 or 32 positions are tested at once with nibble lookup tables
   (PSHUFB); only the positions whose fingerprint matches are verified with memcmp. */
#include "CStringSearch.h"
#include "ByteRanks.h"
#include "LineStarts.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PC_X86 1
#endif

enum { PC_BUCKETS = 8, PC_WIDTH = 3 };
/* Fingerprints tried per literal, and the sample they are tried on, when the choice is refined
   by counting candidates (see refine_fingerprints). */
enum { PC_REFINE_WINDOWS = 4, PC_REFINE_SAMPLE = 16 * 1024 };

struct pc_literal_set {
    size_t count;
    unsigned char **literals;
    size_t *lengths;
    /* Where the fingerprint starts inside each literal. */
    size_t *offsets;
    size_t max_offset;
    /* The longest literal's length. */
    size_t max_length;
    /* Fingerprint length: 3, or the length of the shortest literal when that is less. */
    size_t width;
    /* The bucket of each literal. */
    unsigned char *bucket_of;
    /* Literal indices of each bucket, as one list per bucket. */
    size_t *members[PC_BUCKETS];
    size_t member_counts[PC_BUCKETS];
    /* Bit b of low[k][n] (high[k][n]) is set when a literal of bucket b has a fingerprint byte k
       whose low (high) nibble is n. Each 16-entry table is stored twice, once per AVX2 lane;
       rows k >= width are all ones. */
    unsigned char low[PC_WIDTH][32];
    unsigned char high[PC_WIDTH][32];
    int vector_width; /* 32 (AVX2), 16 (SSSE3) or 0 (portable loop only) */
};

/* How often each candidate fingerprint occurs in a sample of the text to be searched: a small
   open-addressing table from 3-byte keys to counts, filled in one pass over the sample. */
enum { PC_TALLY_SLOTS = 1024 };
typedef struct {
    uint32_t keys[PC_TALLY_SLOTS]; /* key + 1; 0 = empty */
    uint32_t counts[PC_TALLY_SLOTS];
    unsigned char pairs[65536 / 8]; /* first two bytes of some key: a quick reject */
} tally;

static uint32_t window_key(const unsigned char *p, size_t width) {
    uint32_t key = 0;
    for (size_t k = 0; k < width; k++) key = key << 8 | p[k];
    return key;
}

static uint32_t *tally_slot(tally *t, uint32_t key, int insert) {
    for (uint32_t slot = (key * 2654435761u) >> 22, probes = 0; probes < PC_TALLY_SLOTS; probes++, slot = (slot + 1) % PC_TALLY_SLOTS) {
        if (t->keys[slot] == key + 1) return &t->counts[slot];
        if (t->keys[slot] == 0) {
            if (!insert) return NULL;
            t->keys[slot] = key + 1;
            return &t->counts[slot];
        }
    }
    return NULL; /* full: that window is judged by byte ranks alone */
}

/* Counts, in `sample`, every window of every literal (3-byte windows only). */
static void tally_sample(tally *t, const pc_literal_set *set, const unsigned char *sample, size_t sample_count) {
    for (size_t i = 0; i < set->count; i++) {
        for (size_t offset = 0; offset + PC_WIDTH <= set->lengths[i]; offset++) {
            const unsigned char *w = set->literals[i] + offset;
            if (!tally_slot(t, window_key(w, PC_WIDTH), 1)) return;
            t->pairs[(w[0] << 8 | w[1]) >> 3] |= (unsigned char)(1u << (w[1] & 7));
        }
    }
    for (size_t pos = 0; pos + PC_WIDTH <= sample_count; pos++) {
        unsigned pair = (unsigned)sample[pos] << 8 | sample[pos + 1];
        if (!(t->pairs[pair >> 3] & (1u << (pair & 7)))) continue;
        uint32_t *count = tally_slot(t, window_key(sample + pos, PC_WIDTH), 0);
        if (count) (*count)++;
    }
}

/* How good a fingerprint starting at `offset` in literal `i` looks from the sample's tally: seen
   least often first, then made of the rarest bytes (lower is better). */
static uint64_t window_score(const pc_literal_set *set, size_t i, size_t offset, tally *t) {
    const unsigned char *literal = set->literals[i];
    uint64_t seen = 0;
    if (t && set->width == PC_WIDTH) {
        uint32_t *count = tally_slot(t, window_key(literal + offset, PC_WIDTH), 0);
        seen = count ? *count : 0;
    }
    unsigned ranks = 0;
    for (size_t k = 0; k < set->width; k++) ranks += pc_byte_rank[literal[offset + k]];
    return seen << 16 | ranks;
}

/* Up to `limit` fingerprint starts of literal `i`, best first; returns how many. */
static size_t ranked_windows(const pc_literal_set *set, size_t i, tally *t, size_t *out, size_t limit) {
    uint64_t scores[PC_REFINE_WINDOWS];
    size_t found = 0;
    for (size_t offset = 0; offset + set->width <= set->lengths[i]; offset++) {
        uint64_t score = window_score(set, i, offset, t);
        size_t at = found < limit ? found++ : limit;
        while (at > 0 && scores[at - 1] > score) {
            if (at < limit) {
                scores[at] = scores[at - 1];
                out[at] = out[at - 1];
            }
            at--;
        }
        if (at < limit) {
            scores[at] = score;
            out[at] = offset;
        }
    }
    return found;
}

/* Fills the nibble tables from each literal's fingerprint and bucket. */
static void build_tables(pc_literal_set *set) {
    memset(set->low, 0, sizeof set->low);
    memset(set->high, 0, sizeof set->high);
    for (size_t k = set->width; k < PC_WIDTH; k++) {
        memset(set->low[k], 0xFF, 32);
        memset(set->high[k], 0xFF, 32);
    }
    for (size_t i = 0; i < set->count; i++) {
        unsigned bit = 1u << set->bucket_of[i];
        for (size_t k = 0; k < set->width; k++) {
            unsigned char byte = set->literals[i][set->offsets[i] + k];
            set->low[k][byte & 15] |= (unsigned char)bit;
            set->low[k][16 + (byte & 15)] |= (unsigned char)bit;
            set->high[k][byte >> 4] |= (unsigned char)bit;
            set->high[k][16 + (byte >> 4)] |= (unsigned char)bit;
        }
    }
}

static void refine_fingerprints(pc_literal_set *set, tally *t, const unsigned char *sample, size_t count);

void pc_literal_set_free(pc_literal_set *set) {
    if (!set) return;
    for (size_t i = 0; i < set->count && set->literals; i++) free(set->literals[i]);
    for (int b = 0; b < PC_BUCKETS; b++) free(set->members[b]);
    free(set->literals);
    free(set->lengths);
    free(set->offsets);
    free(set->bucket_of);
    free(set);
}

pc_literal_set *pc_literal_set_create(const unsigned char *const *literals, const size_t *lengths, size_t count,
                                      const void *sample, size_t sample_count, int refine) {
    pc_literal_set *set = calloc(1, sizeof *set);
    if (!set) return NULL;
#ifdef PC_X86
    __builtin_cpu_init();
    set->vector_width = __builtin_cpu_supports("avx2") ? 32 : __builtin_cpu_supports("ssse3") ? 16 : 0;
#endif
    set->count = count;
    set->literals = calloc(count ? count : 1, sizeof *set->literals);
    set->lengths = calloc(count ? count : 1, sizeof *set->lengths);
    set->offsets = calloc(count ? count : 1, sizeof *set->offsets);
    set->bucket_of = calloc(count ? count : 1, sizeof *set->bucket_of);
    if (!set->literals || !set->lengths || !set->offsets || !set->bucket_of) goto fail;
    set->width = PC_WIDTH;
    for (size_t i = 0; i < count; i++) {
        if (lengths[i] == 0) goto fail;
        if (lengths[i] < set->width) set->width = lengths[i];
    }
    for (size_t i = 0; i < count; i++) {
        set->literals[i] = malloc(lengths[i]);
        if (!set->literals[i]) goto fail;
        memcpy(set->literals[i], literals[i], lengths[i]);
        set->lengths[i] = lengths[i];
        if (lengths[i] > set->max_length) set->max_length = lengths[i];
        set->bucket_of[i] = (unsigned char)(i % PC_BUCKETS);
    }
    tally *seen = sample_count >= PC_WIDTH ? calloc(1, sizeof *seen) : NULL;
    if (seen) tally_sample(seen, set, sample, sample_count);
    for (size_t i = 0; i < count; i++) ranked_windows(set, i, seen, &set->offsets[i], 1);
    if (refine) refine_fingerprints(set, seen, sample, sample_count);
    free(seen);
    for (size_t i = 0; i < count; i++) {
        if (set->offsets[i] > set->max_offset) set->max_offset = set->offsets[i];
        set->member_counts[set->bucket_of[i]]++;
    }
    for (int b = 0; b < PC_BUCKETS; b++) {
        set->members[b] = calloc(set->member_counts[b] ? set->member_counts[b] : 1, sizeof(size_t));
        if (!set->members[b]) goto fail;
        set->member_counts[b] = 0;
    }
    for (size_t i = 0; i < count; i++) set->members[set->bucket_of[i]][set->member_counts[set->bucket_of[i]]++] = i;
    build_tables(set);
    return set;
fail:
    pc_literal_set_free(set);
    return NULL;
}

/* The buckets whose fingerprint matches the bytes at `p` (portable form of the vector test). */
static unsigned buckets_at(const pc_literal_set *set, const unsigned char *p) {
    unsigned bits = 0xFF;
    for (size_t k = 0; k < set->width; k++) bits &= set->low[k][p[k] & 15] & set->high[k][p[k] >> 4];
    return bits;
}

/* Lowers `*best` to the start of a literal of `buckets` whose fingerprint is at `window`, when one
   starts at or after `from`, before `*best`, and fits in `count` bytes. */
static void verify(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t from,
                   size_t window, unsigned buckets, size_t *best) {
    while (buckets) {
        int bucket = __builtin_ctz(buckets);
        buckets &= buckets - 1;
        for (size_t m = 0; m < set->member_counts[bucket]; m++) {
            size_t i = set->members[bucket][m];
            if (window < set->offsets[i]) continue;
            size_t start = window - set->offsets[i];
            if (start < from || start >= *best || set->lengths[i] > count - start) continue;
            if (memcmp(bytes + start, set->literals[i], set->lengths[i]) == 0) *best = start;
        }
    }
}

#ifdef PC_X86
/* The fingerprint tables in AVX2 registers. */
typedef struct {
    __m256i low[PC_WIDTH], high[PC_WIDTH];
} tables_avx2;

__attribute__((target("avx2"), always_inline))
static inline tables_avx2 load_tables_avx2(const pc_literal_set *set) {
    tables_avx2 t;
    for (int k = 0; k < PC_WIDTH; k++) {
        t.low[k] = _mm256_loadu_si256((const __m256i *)set->low[k]);
        t.high[k] = _mm256_loadu_si256((const __m256i *)set->high[k]);
    }
    return t;
}

/* The buckets whose fingerprint matches at each of the 32 windows from `p` (0: none). */
__attribute__((target("avx2"), always_inline))
static inline __m256i fingerprints_avx2(const tables_avx2 *t, const unsigned char *p) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    __m256i all = _mm256_set1_epi8((char)0xFF);
    for (int k = 0; k < PC_WIDTH; k++) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + k));
        __m256i m = _mm256_and_si256(_mm256_shuffle_epi8(t->low[k], _mm256_and_si256(v, nibble)),
                                     _mm256_shuffle_epi8(t->high[k], _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble)));
        all = _mm256_and_si256(all, m);
    }
    return all;
}

/* Tests the windows from `window` in blocks of 32 until a block has a fingerprint match (returns
   its position, `*mask` and the bucket bytes in `out`) or fewer than 32 + 2 bytes are left. */
__attribute__((target("avx2")))
static size_t next_block_avx2(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t window,
                              size_t end, uint32_t *mask, unsigned char *out) {
    const tables_avx2 tables = load_tables_avx2(set);
    for (; window < end && window + 32 + PC_WIDTH - 1 <= count; window += 32) {
        __m256i all = fingerprints_avx2(&tables, bytes + window);
        uint32_t found = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(all, _mm256_setzero_si256()));
        if (found) {
            _mm256_storeu_si256((__m256i *)out, all);
            *mask = found;
            return window;
        }
    }
    *mask = 0;
    return window;
}

/* How many of the sample's positions the current tables make candidates. */
__attribute__((target("avx2,popcnt")))
static size_t sample_candidates_avx2(const pc_literal_set *set, const unsigned char *sample, size_t count) {
    const tables_avx2 tables = load_tables_avx2(set);
    size_t total = 0;
    for (size_t window = 0; window + 32 + PC_WIDTH - 1 <= count; window += 32) {
        __m256i all = fingerprints_avx2(&tables, sample + window);
        total += (size_t)__builtin_popcount(~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(all, _mm256_setzero_si256())));
    }
    return total;
}
#endif

/* The tally judges each literal's fingerprint alone, but literals sharing a bucket (more than 8
   of them) also match every mix of their fingerprints' nibbles: " by" and "Ano" together let
   " bi" through. So the choice is refined by counting: each literal in turn tries its few best
   fingerprints (and, when buckets are shared, every bucket), keeping whatever makes fewest
   candidates in the sample, in up to two rounds. AVX2 only (counting is a vector pass, about a
   microsecond), and only for samples of 16 KiB or more (small inputs scan fast anyway). */
static void refine_fingerprints(pc_literal_set *set, tally *t, const unsigned char *sample, size_t count) {
#ifdef PC_X86
    if (set->vector_width != 32 || set->width < PC_WIDTH || set->count < 2 || count < PC_REFINE_SAMPLE) return;
    count = PC_REFINE_SAMPLE;  /* the first 16 KiB: enough to rank the choices, a microsecond a try */
    const int buckets = set->count > PC_BUCKETS ? PC_BUCKETS : 1;
    build_tables(set);
    size_t best = sample_candidates_avx2(set, sample, count);
    for (int round = 0; round < 2 && best > 0; round++) {
        int improved = 0;
        for (size_t i = 0; i < set->count; i++) {
            size_t windows[PC_REFINE_WINDOWS];
            size_t found = ranked_windows(set, i, t, windows, PC_REFINE_WINDOWS);
            size_t kept_offset = set->offsets[i];
            unsigned char kept_bucket = set->bucket_of[i];
            for (size_t w = 0; w < found; w++) {
                for (int b = 0; b < buckets; b++) {
                    set->offsets[i] = windows[w];
                    set->bucket_of[i] = buckets > 1 ? (unsigned char)b : kept_bucket;
                    build_tables(set);
                    size_t candidates = sample_candidates_avx2(set, sample, count);
                    if (candidates < best) {
                        best = candidates;
                        kept_offset = set->offsets[i];
                        kept_bucket = set->bucket_of[i];
                        improved = 1;
                    }
                }
            }
            set->offsets[i] = kept_offset;
            set->bucket_of[i] = kept_bucket;
        }
        if (!improved) break;
    }
#else
    (void)set;
    (void)t;
    (void)sample;
    (void)count;
#endif
}

#ifdef PC_X86
/* The 16-byte SSSE3 form of next_block_avx2. */
__attribute__((target("ssse3")))
static size_t next_block_ssse3(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t window,
                               size_t end, uint32_t *mask, unsigned char *out) {
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i low0 = _mm_loadu_si128((const __m128i *)set->low[0]);
    const __m128i low1 = _mm_loadu_si128((const __m128i *)set->low[1]);
    const __m128i low2 = _mm_loadu_si128((const __m128i *)set->low[2]);
    const __m128i high0 = _mm_loadu_si128((const __m128i *)set->high[0]);
    const __m128i high1 = _mm_loadu_si128((const __m128i *)set->high[1]);
    const __m128i high2 = _mm_loadu_si128((const __m128i *)set->high[2]);
    for (; window < end && window + 16 + PC_WIDTH - 1 <= count; window += 16) {
        const unsigned char *p = bytes + window;
        __m128i v0 = _mm_loadu_si128((const __m128i *)p);
        __m128i v1 = _mm_loadu_si128((const __m128i *)(p + 1));
        __m128i v2 = _mm_loadu_si128((const __m128i *)(p + 2));
        __m128i m0 = _mm_and_si128(_mm_shuffle_epi8(low0, _mm_and_si128(v0, nibble)),
                                   _mm_shuffle_epi8(high0, _mm_and_si128(_mm_srli_epi16(v0, 4), nibble)));
        __m128i m1 = _mm_and_si128(_mm_shuffle_epi8(low1, _mm_and_si128(v1, nibble)),
                                   _mm_shuffle_epi8(high1, _mm_and_si128(_mm_srli_epi16(v1, 4), nibble)));
        __m128i m2 = _mm_and_si128(_mm_shuffle_epi8(low2, _mm_and_si128(v2, nibble)),
                                   _mm_shuffle_epi8(high2, _mm_and_si128(_mm_srli_epi16(v2, 4), nibble)));
        __m128i all = _mm_and_si128(m0, _mm_and_si128(m1, m2));
        uint32_t found = 0xFFFFu & ~(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(all, _mm_setzero_si128()));
        if (found) {
            _mm_storeu_si128((__m128i *)out, all);
            *mask = found;
            return window;
        }
    }
    *mask = 0;
    return window;
}
#endif

void pc_literal_set_limit_vector_width(pc_literal_set *set, int width) {
    if (width < set->vector_width) set->vector_width = width >= 32 ? 32 : width >= 16 ? 16 : 0;
}

/* What to do at a window whose fingerprint matches (`buckets` are those matching there); it may
   lower `*end`, when no window further in is wanted. */
typedef void (*window_visitor)(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t window,
                               unsigned buckets, void *state, size_t *end);

/* Calls `visit` with each window in [window, end) whose fingerprint matches, in order: 32 or 16
   windows at a time with the vector test, the last few (and every window without SSSE3) one at a
   time. Inlined into each caller with its visitor. */
__attribute__((always_inline))
static inline void each_candidate_window(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t window,
                                         size_t end, window_visitor visit, void *state) {
    unsigned char buckets[32];
    while (window < end) {
        uint32_t mask = 0;
#ifdef PC_X86
        if (set->vector_width == 32) {
            window = next_block_avx2(set, bytes, count, window, end, &mask, buckets);
        } else if (set->vector_width == 16) {
            window = next_block_ssse3(set, bytes, count, window, end, &mask, buckets);
        }
#endif
        if (mask) {
            for (; mask; mask &= mask - 1) {
                size_t position = window + (size_t)__builtin_ctz(mask);
                if (position >= end) break;
                visit(set, bytes, count, position, buckets[__builtin_ctz(mask)], state, &end);
            }
            window += (size_t)set->vector_width;
            continue;
        }
        if (window >= end) break;
        unsigned found = buckets_at(set, bytes + window);
        if (found) visit(set, bytes, count, window, found, state, &end);
        window++;
    }
}

/* The leftmost literal start at or after `from` found so far (SIZE_MAX: none). */
typedef struct {
    size_t from, best;
} leftmost_literal;

/* Once a literal is found at `best`, only a literal whose fingerprint lies further in could start
   before it: windows past that are not tested. */
static void visit_leftmost(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t window,
                           unsigned buckets, void *state, size_t *end) {
    leftmost_literal *found = state;
    verify(set, bytes, count, found->from, window, buckets, &found->best);
    if (found->best != SIZE_MAX && found->best + set->max_offset + 1 < *end) *end = found->best + set->max_offset + 1;
}

size_t pc_literal_set_find(const pc_literal_set *set, const void *haystack, size_t count, size_t from) {
    if (set->count == 0 || count < set->width || from > count - set->width) return count;
    leftmost_literal found = {from, SIZE_MAX};
    each_candidate_window(set, haystack, count, from, count - set->width + 1, visit_leftmost, &found);
    return found.best == SIZE_MAX ? count : found.best;
}

/* Sets in the bit set `state` the bit of each literal of `buckets` whose fingerprint is at
   `window` and that fits in `count` bytes. */
static void visit_present(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t window,
                          unsigned buckets, void *state, size_t *end) {
    uint64_t *present = state;
    (void)end;
    while (buckets) {
        int bucket = __builtin_ctz(buckets);
        buckets &= buckets - 1;
        for (size_t m = 0; m < set->member_counts[bucket]; m++) {
            size_t i = set->members[bucket][m];
            if (i >= 64 || window < set->offsets[i]) continue;
            size_t start = window - set->offsets[i];
            if (set->lengths[i] > count - start) continue;
            if (memcmp(bytes + start, set->literals[i], set->lengths[i]) == 0) *present |= (uint64_t)1 << i;
        }
    }
}

uint64_t pc_literal_set_present(const pc_literal_set *set, const void *haystack, size_t count) {
    uint64_t present = 0;
    if (set->count == 0 || count < set->width) return 0;
    each_candidate_window(set, haystack, count, 0, count - set->width + 1, visit_present, &present);
    return present;
}

/* The first line event at or after `from` when no literal starts before `block - max_offset` and
   no odd line starts in (from, block], with `lines` newlines in [from, block): searched without
   the fused loop (the last bytes, or every byte when AVX2 is not used). */
static pc_line_event find_line_rest(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t from,
                                    size_t block, size_t lines, const unsigned char *allowed, int allowed_count) {
    size_t start = block - from > set->max_offset ? block - set->max_offset : from;
    size_t hit = pc_literal_set_find(set, bytes, count, start);
    if (hit < block) return (pc_line_event){hit, lines - pc_count_byte_at(bytes + hit, block - hit, '\n', set->vector_width), 0, 0};
    size_t newlines;
    if (allowed_count == 0) {
        newlines = pc_count_byte_at(bytes + block, hit - block, '\n', set->vector_width);
        return (pc_line_event){hit, lines + newlines, 0, 0};
    }
    size_t odd = block + pc_count_lines_until_odd_at(bytes + block, hit - block, allowed, allowed_count, &newlines, set->vector_width);
    return (pc_line_event){odd < hit ? odd : hit, lines + newlines, odd < hit, 0};
}

#ifdef PC_X86
/* The fused loop: per 32 bytes, the fingerprint test, the newline count and (with `allowed`) the
   odd line test; a block with a candidate or an odd line is settled exactly (rare). `kind` is a
   constant in each caller, so each form is compiled without the tests it does not need (fewer
   vector registers: the 32-byte loop runs out of them with four allowed bytes and the tables). */
__attribute__((target("avx2,popcnt"), always_inline))
static inline pc_line_event find_line_avx2(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t from,
                                           const unsigned char *allowed, int allowed_count, int kind) {
    const tables_avx2 tables = load_tables_avx2(set);
    const __m256i newline = _mm256_set1_epi8('\n');
    __m256i wanted[4] = {newline, newline, newline, newline};
    if (kind != 0) odd_line_wanted(allowed, allowed_count, wanted);
    size_t lines = 0, block = from, misses = 0;
    for (; block + 32 + PC_WIDTH - 1 <= count; block += 32) {
        const unsigned char *p = bytes + block;
        __m256i candidates = fingerprints_avx2(&tables, p);
        uint32_t breaks = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)p), newline));
        uint32_t odd = kind == 0 ? 0 : (uint32_t)_mm256_movemask_epi8(kind == 1 ? odd_line_starts_1(p, wanted[0]) : odd_line_starts(p, wanted));
        if (_mm256_testz_si256(candidates, candidates) && !odd) {
            lines += (size_t)__builtin_popcount(breaks);
            continue;
        }
        /* The last start this block decides: a literal starting there or before ends by
           `edge + max_length`, so one bounded search finds the first of them. At an odd line's
           start a literal wins (it is read with the lines above it). */
        size_t odd_start = odd ? block + (size_t)__builtin_ctz(odd) + 1 : SIZE_MAX;
        size_t edge = odd ? odd_start : block + 31;
        size_t start = block - from > set->max_offset ? block - set->max_offset : from;
        size_t limit = edge + set->max_length < count ? edge + set->max_length : count;
        size_t hit = pc_literal_set_find(set, bytes, limit, start);
        if (hit <= edge) {
            if (hit < block) return (pc_line_event){hit, lines - pc_count_byte_at(bytes + hit, block - hit, '\n', 32), 0, misses};
            uint64_t before = ((uint64_t)1 << (hit - block)) - 1;
            return (pc_line_event){hit, lines + (size_t)__builtin_popcountll(breaks & before), 0, misses};
        }
        if (odd) {
            uint64_t through = ((uint64_t)2 << (odd_start - 1 - block)) - 1;
            return (pc_line_event){odd_start, lines + (size_t)__builtin_popcountll(breaks & through), 1, misses};
        }
        misses++;
        lines += (size_t)__builtin_popcount(breaks);
    }
    pc_line_event rest = find_line_rest(set, bytes, count, from, block, lines, allowed, allowed_count);
    rest.false_candidates = misses;
    return rest;
}

/* The three forms of find_line_avx2: no line test, one allowed byte, two to four. */
__attribute__((target("avx2,popcnt")))
static pc_line_event find_line_avx2_any(const pc_literal_set *set, const unsigned char *bytes, size_t count, size_t from,
                                        const unsigned char *allowed, int allowed_count) {
    if (allowed_count == 0) return find_line_avx2(set, bytes, count, from, allowed, 0, 0);
    if (allowed_count == 1) return find_line_avx2(set, bytes, count, from, allowed, 1, 1);
    return find_line_avx2(set, bytes, count, from, allowed, allowed_count, 2);
}
#endif

pc_line_event pc_literal_set_find_line(const pc_literal_set *set, const void *haystack, size_t count, size_t from,
                                       const unsigned char *allowed, int allowed_count) {
    const unsigned char *bytes = haystack;
    if (allowed_count > 4) allowed_count = 4;
    if (from >= count) return (pc_line_event){count, 0, 0, 0};
#ifdef PC_X86
    if (set->vector_width == 32 && set->count > 0) return find_line_avx2_any(set, bytes, count, from, allowed, allowed_count);
#endif
    return find_line_rest(set, bytes, count, from, from, 0, allowed, allowed_count);
}

int pc_literal_set_counts_false_candidates(const pc_literal_set *set) {
    return set->vector_width == 32 && set->count > 0;
}
