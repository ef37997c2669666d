#ifndef PROXYCLASH_CSTRINGSEARCH_H
#define PROXYCLASH_CSTRINGSEARCH_H
#include <stddef.h>

/* glibc's memmem and memrchr are GNU extensions that Swift's Glibc module does not expose. */
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
void *memrchr(const void *s, int c, size_t n);

/* Number of bytes equal to `byte` in the first `count` bytes of `bytes` (the compiler
   vectorises the loop; counting newlines is on the hot path of every scan). */
size_t pc_count_byte(const void *bytes, size_t count, unsigned char byte);

#endif
