/* memmem and memrchr come from glibc; only the byte counter is defined here. */
#include "CStringSearch.h"

size_t pc_count_byte(const void *bytes, size_t count, unsigned char byte) {
    const unsigned char *p = bytes;
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
