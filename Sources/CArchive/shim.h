#ifndef PROXYCLASH_CARCHIVE_SHIM_H
#define PROXYCLASH_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>

/// archive_set_error is variadic, which Swift cannot call: this passes a plain message.
static inline void proxyclash_archive_set_error(struct archive *archive, int code, const char *message) {
    archive_set_error(archive, code, "%s", message);
}
#endif
