// meshwa_mpk_wrpkru: write_pkru() as a function, for the runtime's cold
// paths. Its WRPKRU is listed in meshwa_wrpkru_sites like every inlined one
// (meshwa/runtime/pkru.hpp).
#include "pkru.hpp"

extern "C" [[gnu::noinline]] void meshwa_mpk_wrpkru(std::uint32_t value) noexcept {
  meshwa::mpk::detail::write_pkru(value);
}
