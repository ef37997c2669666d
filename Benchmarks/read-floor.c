/* The floor of proxyclash's read path, for `make bench`: reads a file with read(2) in 1 MiB
   blocks (as the scanner does, for bounded memory and no SIGBUS on a file truncated while read)
   and, with `search`, runs the scanner's fused pass over each block (pattern literals, newlines,
   continuation lines: pc_literal_set_find_line, the same C code). Nothing else: no records, no
   matching, no report. What it takes is what any scan of the file on this design takes at least.

   usage: read-floor FILE read|search [LITERAL...] */
#include "CStringSearch.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { BLOCK = 1 << 20 };

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: read-floor FILE read|search [LITERAL...]\n");
        return 64;
    }
    int search = strcmp(argv[2], "search") == 0;
    size_t count = (size_t)(argc - 3), lengths[64];
    if (search && (count == 0 || count > 64)) {
        fprintf(stderr, "read-floor: search takes 1 to 64 literals\n");
        return 64;
    }
    for (size_t i = 0; i < count; i++) lengths[i] = strlen(argv[3 + i]);
    unsigned char *block = malloc(BLOCK);
    int fd = open(argv[1], O_RDONLY);
    if (!block || fd < 0) {
        perror(argv[1]);
        return 66;
    }
    ssize_t got = read(fd, block, BLOCK);
    /* As the scanner does: fingerprints tuned to the first block. */
    pc_literal_set *set = search ? pc_literal_set_create((const unsigned char *const *)(argv + 3), lengths, count, block,
                                                         got > 0 ? (size_t)got : 0, 1) : NULL;
    /* The realistic log's lines start with a timestamp or a JSON object. */
    const unsigned char starts[2] = {'2', '{'};
    size_t lines = 0, events = 0;
    for (; got > 0; got = read(fd, block, BLOCK)) {
        size_t size = (size_t)got, at = 0;
        while (set && at < size) {
            pc_line_event event = pc_literal_set_find_line(set, block, size, at, starts, 2);
            lines += event.newlines;
            if (event.position >= size) break;
            events++;
            at = event.position + 1;
            if (!event.odd) {
                /* A literal: the scanner reads its line, then searches on after it. */
                const unsigned char *end = memchr(block + event.position, '\n', size - event.position);
                if (!end) break;
                at = (size_t)(end - block) + 1;
            }
        }
    }
    if (got < 0) {
        perror(argv[1]);
        return 74;
    }
    printf("%zu events, %zu newlines counted\n", events, lines);
    return 0;
}
