#ifndef PROXYCLASH_CZLIB_SHIM_H
#define PROXYCLASH_CZLIB_SHIM_H
#include <zlib.h>
#endif
