/* meshwa-symbol-interposition in a C file: every function of external linkage
   has a symbol of its plain name there, so only a name the C library, the
   system or meshwa's runtime provides is taken from them. */
#include <unistd.h>

int add(int a, int b) { return a + b; } /* a name of the service's own: accepted */
static int sadd(int a, int b) { return a + b; }
int twice(int a);
int twice(int a) { return sadd(a, a); }
const int limit_total = 3;

int close(int fd) { return fd; } /* expected-error {{defining 'close' in a C file gives the whole binary a symbol of a name a system header declares, which takes the place of the library's for every caller, meshwa's runtime included; give the function a name of the service's own, or make it static [meshwa-symbol-interposition]}} expected-note {{this file is C}} */
int abs(int v) { return v; } /* expected-error {{defining 'abs' in a C file gives the whole binary a symbol of the name of a C library function}} */
int pkey_alloc(unsigned flags, unsigned rights) { return -1; } /* expected-error {{defining 'pkey_alloc' in a C file gives the whole binary a symbol of the name of a C library or system function}} */
int __libc_helper(void) { return 0; } /* expected-error {{defining '__libc_helper' in a C file gives the whole binary a symbol of a name reserved to the C library and the compiler}} */
int meshwa_wrpkru_sites(void) { return 0; } /* expected-error {{defining 'meshwa_wrpkru_sites' in a C file gives the whole binary a symbol of a name of meshwa's runtime}} */
const long timezone = 0; /* expected-error {{defining 'timezone' in a C file gives the whole binary a data symbol of the name of a C library variable, which takes the place of the library's for every user; give the variable a name of the service's own, or make it static}} */
