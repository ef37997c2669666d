#ifndef PROXYCLASH_CSTRINGSEARCH_H
#define PROXYCLASH_CSTRINGSEARCH_H
#include <stddef.h>
#include <stdint.h>

/* glibc's memrchr and memmem are GNU extensions that Swift's Glibc module does not expose. */
void *memrchr(const void *s, int c, size_t n);
void *memmem(const void *haystack, size_t haystack_count, const void *needle, size_t needle_count);

/* Number of bytes equal to `byte` in the first `count` bytes of `bytes` (the compiler
   vectorises the loop; counting newlines is on the hot path of every scan). */
size_t pc_count_byte(const void *bytes, size_t count, unsigned char byte);

/* The position of the first byte equal to `a` or `b` in the first `count` bytes; `count` when none
   (one vectorised pass where two memchr calls would read the bytes twice). */
size_t pc_find_either(const void *bytes, size_t count, unsigned char a, unsigned char b);

/* Copies UTF-16 code units (little- or big-endian) to single bytes while they are ASCII, at most
   `units` of them; returns how many were copied (the first non-ASCII unit stops it). */
size_t pc_narrow_ascii_utf16(const void *source, size_t units, void *target, int little_endian);

/* A set of literals searched for in one pass (see LiteralSet.c). */
typedef struct pc_literal_set pc_literal_set;

/* Copies `count` literals (none empty); NULL when one is empty or memory runs out. Each literal's
   fingerprint is chosen among the windows seen least in `sample` (may be empty): a sample of the
   text to be searched makes false candidates rarer. With `refine`, the choice is then improved by
   counting the candidates each alternative makes in the sample (AVX2, 16 KiB samples or more). */
pc_literal_set *pc_literal_set_create(const unsigned char *const *literals, const size_t *lengths, size_t count,
                                      const void *sample, size_t sample_count, int refine);

void pc_literal_set_free(pc_literal_set *set);

/* Uses vectors of at most `width` bytes (32 AVX2, 16 SSSE3, 0 none), so tests can check every path. */
void pc_literal_set_limit_vector_width(pc_literal_set *set, int width);

/* The smallest position at or after `from` where one of the literals starts and ends within the
   first `count` bytes of `bytes`; `count` when there is none. */
size_t pc_literal_set_find(const pc_literal_set *set, const void *bytes, size_t count, size_t from);

/* Which literals occur in the first `count` bytes of `bytes`: bit i set when literal i (in the
   order given to pc_literal_set_create) occurs, for the first 64 literals; one pass. */
uint64_t pc_literal_set_present(const pc_literal_set *set, const void *bytes, size_t count);

/* What pc_literal_set_find_line stopped at. */
typedef struct {
    /* The start of a literal, of an odd line (`odd`), or `count` when there is neither. */
    size_t position;
    /* The newlines in [from, position). */
    size_t newlines;
    int odd;
    /* Blocks whose fingerprints matched but held no literal (counted by the AVX2 path only): many
       of them mean the fingerprints were tuned to a sample unlike this text. */
    size_t false_candidates;
} pc_line_event;

/* The first of: a literal's start at or after `from` (as pc_literal_set_find), or a line start
   after `from` whose first byte is none of the `allowed_count` (0 to 4) bytes of `allowed`, nor CR
   or LF (as pc_count_lines_until_odd_at; none when `allowed_count` is 0); at the same position the
   literal wins. Counts the newlines up to it in the same pass: the scanner's inner loop. */
pc_line_event pc_literal_set_find_line(const pc_literal_set *set, const void *bytes, size_t count, size_t from,
                                       const unsigned char *allowed, int allowed_count);

/* True when pc_literal_set_find_line counts false candidates with this set (its AVX2 path). */
int pc_literal_set_counts_false_candidates(const pc_literal_set *set);

/* pc_count_byte, pc_find_either and pc_narrow_ascii_utf16 with vectors of at most `vector_width` bytes (32 AVX2 when the CPU has it, 16
   SSE2, 0 none), so tests can check every path on any machine. */
size_t pc_count_byte_at(const void *bytes, size_t count, unsigned char byte, int vector_width);
size_t pc_find_either_at(const void *bytes, size_t count, unsigned char a, unsigned char b, int vector_width);
size_t pc_narrow_ascii_utf16_at(const void *source, size_t units, void *target, int little_endian, int vector_width);

/* Counts the newlines of `bytes` up to the first line start whose first byte is none of the
   `allowed_count` (1 to 4) bytes of `allowed`, nor CR or LF (in a log whose lines start with
   timestamps: a line that continues a wrapped one), and returns that line start; `count` (all
   newlines counted) when there is none. Vectors of at most `vector_width` bytes (AVX2 or none:
   there is no SSE2 form). The rest of a pc_literal_set_find_line search uses it. */
size_t pc_count_lines_until_odd_at(const void *bytes, size_t count, const unsigned char *allowed, int allowed_count,
                                   size_t *newlines, int vector_width);

#endif
