/* A C file of a service target: the rules apply to C as to C++, and the first
   error in the file says what C can do about it (the remedies are C++). */
#include <string.h>
#include <meshwa/annotations.hpp>

static int add(int a, int b) { return a + b; } /* plain C that passes the rules */

static int first_byte(const char* text) { /* expected-error {{parameter of raw pointer type 'const char *'; take a reference (const T& to read, T& to modify) to borrow, or std::unique_ptr / meshwa::Owned to take ownership [meshwa-raw-pointer]}} expected-note {{this file is C, where the remedy above (written for C++) does not exist: mark the declaration the code in error belongs to (its function, or the struct, variable or prototype itself) MESHWA_UNSAFE("why") so that its service runs in an MPK domain, or move the code to a C++ file}} expected-note@#parse {{'parse' is MESHWA_UNSAFE, but the code in error is outside it}} */
  return text[0] + add(1, 2); /* expected-error {{indexing a raw pointer}} expected-note@-1 {{'text' is a raw pointer declared here}} */
}

/* Only the first error of the file gets the note. */
static void copy(char* to, const char* from) { strcpy(to, from); } /* expected-error 2 {{parameter of raw pointer type}} expected-error {{'strcpy' works on unbounded C strings}} */

/* A prototype in C keeps the C++ remedy and the note above (not the advice
   for a C library's header in C++ code, raw-pointer.cpp). */
int count_bytes(const char* text); /* expected-error {{parameter of raw pointer type 'const char *'; take a reference (const T& to read, T& to modify) to borrow}} */

/* The remedy: the mark switches the rules off inside the function. */
MESHWA_UNSAFE("legacy C parser") int parse(const char* text) { /* #parse */
  copy(0, text);
  return first_byte(text);
}
