// A deployment-like binary with MPK domains and gates and nothing planted:
// `meshwa inspect` must accept it (the gate's WRPKRU is allowed).
#include "store_service.hpp"

int main() {
  meshwa::mpk::start({.announce = false});
  mpktest::StoreInstance* s = mpktest::make_store("clean");
  return s->stub().put("k", "v").has_value() ? 0 : 1;
}
