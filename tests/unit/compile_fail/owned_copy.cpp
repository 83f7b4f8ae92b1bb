// Compile-fail: copying a meshwa::Owned says what to write instead.
#include <meshwa/meshwa.hpp>

struct Blob {
  int size = 0;
};

void sink(meshwa::Owned<Blob> blob);

void pass_on() {
  auto blob = meshwa::make_owned<Blob>();
  sink(blob);  // a copy: std::move(blob) was meant
}
