#include "store.hpp"

// Declared here without the mark: the call below cannot see that legacy.cpp
// defines poke with MESHWA_UNSAFE. Both are files of the same unit.
int poke(int n);
extern "C" int c_poke(int n);

namespace unitunsafe {

StoreService::StoreService(meshwa::Context&) {}
meshwa::Result<int> StoreService::get(std::string key) { return poke(static_cast<int>(key.size())) + c_poke(1); }

}  // namespace unitunsafe
