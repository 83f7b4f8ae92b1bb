// Code that a command-line macro (-D, a target's compile definitions)
// expands to is the build's own: it is checked like code written in the
// file, not exempt like a system header's macro. Compiled with
//   -D'AS_INT(p)=(*reinterpret_cast<int*>(&p))' -DLIMIT=10
long first_word(long value) {
  return AS_INT(value);  // expected-error {{reinterpret_cast makes the compiler treat memory as an unrelated type}} expected-error {{taking an address makes a raw pointer}}
}

// Accepted: a -D constant.
int limit() { return LIMIT; }
