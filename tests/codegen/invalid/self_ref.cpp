#include "self_ref.hpp"

namespace self {

namespace {
meshwa::Ref<Store> lookup(meshwa::Context& ctx) { return ctx.ref<Store>(); }
}  // namespace

StoreService::StoreService(meshwa::Context& ctx) : self_(lookup(ctx)) {}

}  // namespace self
