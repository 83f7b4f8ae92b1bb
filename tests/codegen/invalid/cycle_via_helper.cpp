#include "cycle_via_helper.hpp"

namespace loop {

namespace {

meshwa::Ref<Ping> find_ping(meshwa::Context& ctx) { return ctx.ref<Ping>(); }
meshwa::Ref<Ping> first_ping(meshwa::Context& ctx) { return find_ping(ctx); }

}  // namespace

meshwa::Ref<Pong> PingService::lookup(meshwa::Context& ctx) { return ctx.ref<Pong>(); }
PingService::PingService(meshwa::Context& ctx) : pong_(lookup(ctx)) {}
int32_t PingService::ping(int32_t n) { return n <= 0 ? 0 : pong_->pong(n - 1); }

PongService::PongService(meshwa::Context& ctx) { connect(ctx); }
void PongService::connect(meshwa::Context& ctx) { ping_ = first_ping(ctx); }
int32_t PongService::pong(int32_t n) { return n <= 0 ? 1 : ping_->ping(n - 1); }

}  // namespace loop
