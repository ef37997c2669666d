/* Declarations only: the functions come from glibc. SwiftPM needs one source file per C target. */
#include "CStringSearch.h"
