// MESHWA_UNSAFE: it switches every rule off inside the declaration it marks,
// and its reason is mandatory ([meshwa-unsafe-reason]). This file runs with
// ALL rules: everything inside the MESHWA_UNSAFE declarations below would be
// rejected without them.
#include <cstring>
#include <meshwa/meshwa.hpp>

class MESHWA_UNSAFE("wraps a C codec that works on raw buffers") Codec {
 public:
  int decode(const char* in, char* out, int n);
  int count = 0;
  char* cursor = nullptr;
};

// Out of line, still inside the unsafe class.
int Codec::decode(const char* in, char* out, int n) {
  std::memcpy(out, in, static_cast<std::size_t>(n));
  return out[n - 1] + *(in + 1);
}

MESHWA_UNSAFE("hashes raw bytes") unsigned hash_bytes(const unsigned char* p, int n) {
  unsigned h = 0;
  for (int i = 0; i < n; ++i) h = h * 31 + p[i];
  return h;
}

struct Buffer {
  MESHWA_UNSAFE("interop with a C API") char* raw = nullptr;
  int size = 0;
};

int uses_unsafe_local() {
  MESHWA_UNSAFE("reads a C array with a computed index") int arr[4] = {1, 2, 3, 4};
  return arr[0];
}

MESHWA_UNSAFE("") void no_reason(int* p) { ++p; } // expected-error {{MESHWA_UNSAFE needs a reason: it moves the service into an MPK domain, say why, e.g. MESHWA_UNSAFE("wraps zlib") [meshwa-unsafe-reason]}}

class MESHWA_UNSAFE("   ") Blank {};              // expected-error {{MESHWA_UNSAFE needs a reason}}

// No argument at all: the same error, not clang's bare "expected expression".
MESHWA_UNSAFE() void forgotten(int* p) { ++p; } // expected-error {{MESHWA_UNSAFE needs a reason: it moves the service into an MPK domain}}

// Two arguments: one reason, written as one literal (adjacent ones join).
MESHWA_UNSAFE("wraps zlib", "and its gzip layer") void two_reasons(int* p) { ++p; } // expected-error {{MESHWA_UNSAFE takes one reason, a single string literal; join the parts into one (adjacent literals concatenate), e.g. MESHWA_UNSAFE("wraps zlib") [meshwa-unsafe-reason]}}
MESHWA_UNSAFE("wraps zlib" " and its gzip layer") void joined_reason(int* p) { ++p; }

// A reason given as a constant: meshwa gen and the verdict read only a
// literal, so the error says that, with the constant's text written out.
constexpr const char* kWhy = "wraps zlib's inflate";
class [[clang::annotate("meshwa::unsafe", kWhy)]] FromConstant {};  // expected-error {{the reason of MESHWA_UNSAFE must be a string literal, the only form meshwa gen and the service verdict read; write it out, e.g. MESHWA_UNSAFE("wraps zlib's inflate") [meshwa-unsafe-reason]}}

// Outside the marked declarations the rules apply as usual; the first error
// in a file with a mark says so, at the mark.
int outside(int x) {
  int* p = &x;                                   // expected-error {{variable of raw pointer type 'int *'}} \
                                                 // expected-error {{taking an address makes a raw pointer}}
  return *p;
}
// expected-note@8 {{'Codec' is MESHWA_UNSAFE, but the code in error is outside it, so the rules apply there: move that code into it, or mark that code's own declaration MESHWA_UNSAFE("why") too}}

// An unsafe function must be marked where other files see it: a service in
// another file calling legacy_sum knows only the header's declaration.
#include "inputs/unsafe_helpers.hpp"
MESHWA_UNSAFE("calls a C library") int legacy_sum(int n) {  // expected-error {{'legacy_sum' is MESHWA_UNSAFE here but not where it is declared for other files: a service that calls it from another file would be classified safe and run this code outside an MPK domain; put MESHWA_UNSAFE("...") on that declaration too [meshwa-unsafe-reason]}}
  int* p = &n;
  return *p;
}
// expected-note@inputs/unsafe_helpers.hpp:6 {{declared here without MESHWA_UNSAFE}}
MESHWA_UNSAFE("calls a C library") int legacy_product(int n) {
  int* p = &n;
  return *p * 2;
}
