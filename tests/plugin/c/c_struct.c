/* The first error of a C file in a struct, not in a function: the note names
   the struct as a declaration to mark, and the marked struct is accepted. */
#include <stddef.h>
#include <meshwa/annotations.hpp>

struct slot {
  char* value; /* expected-error {{member of raw pointer type 'char *'}} expected-note {{this file is C, where the remedy above (written for C++) does not exist: mark the declaration the code in error belongs to (its function, or the struct, variable or prototype itself) MESHWA_UNSAFE("why")}} expected-note@#marked {{'marked_slot' is MESHWA_UNSAFE, but the code in error is outside it}} */
  size_t len;
};

struct MESHWA_UNSAFE("hand-written C slab") marked_slot { /* #marked */
  char* value;
  size_t len;
};
