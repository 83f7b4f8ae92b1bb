// A "system header" (the test passes this directory with -isystem) with a
// non-void function that can fall off its end: clang suppresses warnings in
// system headers, also those the plugin raises to errors.
#pragma once

inline int system_sign(int x) {
  if (x > 0) return 1;
  if (x < 0) return -1;
}
