#include "ref_not_interface.hpp"

namespace bad {

Texts::Texts(meshwa::Context& ctx) : text_(ctx.ref<std::string>()), fine_(ctx.ref<Api>()) {}

int32_t Texts::size() { return static_cast<int32_t>(text_->size()); }

}  // namespace bad
