#include "shapes/echo.hpp"

#include <utility>

namespace shapes {

EchoService::EchoService(meshwa::Context&, std::int32_t) {}

Odd EchoService::odd(Odd o) { return o; }

std::int32_t EchoService::count(std::vector<meshwa::Owned<Doc>> docs) {
  std::int32_t n = 0;
  for (const meshwa::Owned<Doc>& d : docs) n += d.has_value() && !d->text.empty() ? 1 : 0;
  return n;
}

meshwa::Result<std::map<std::string, meshwa::Owned<Doc>>> EchoService::keyed(std::vector<std::string> keys) {
  std::map<std::string, meshwa::Owned<Doc>> out;
  for (const std::string& k : keys) out.emplace(k, meshwa::make_owned<Doc>(Doc{k + "!"}));
  return out;
}

std::int32_t EchoService::add(std::int32_t x, std::string s) { return x + static_cast<std::int32_t>(s.size()); }

std::int32_t EchoService::sub(std::int32_t std, std::int32_t arg_std) { return std - arg_std; }

std::int32_t EchoService::least(std::int32_t first, std::int32_t arg0) { return first < arg0 ? first : arg0; }

Tree EchoService::tree(Tree t) {
  if (!t.best && !t.all.empty()) t.best = t.all.front();
  return t;
}

Echo::Pair EchoService::pair(std::optional<Pair> p) { return p.value_or(Pair{Half{}, std::nullopt}); }

std::string EchoService::joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

std::array<std::uint8_t, 4> EchoService::key(std::array<std::int32_t, 4> seed) {
  std::array<std::uint8_t, 4> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::uint8_t>(seed[i]);
  return out;
}

std::int32_t EchoService::length(Chain chain) { return 1 + (chain.next.has_value() ? length(std::move(*chain.next)) : 0); }

Price EchoService::priced(Price price, Label label, Coded coded) {
  price.currency += label.text;
  price.cents += coded.code;
  return price;
}

ItemsService::ItemsService(meshwa::Context&) {}

std::vector<std::string> ItemsService::names(std::vector<std::string> prefixes, const std::string& suffix) {
  for (std::string& p : prefixes) p += suffix;
  return prefixes;
}

Item ItemsService::get(std::int32_t id) { return Item{"item" + std::to_string(id)}; }

std::int32_t ItemsService::count() { return 3; }

TallyService::TallyService(meshwa::Context&) {}

std::int32_t TallyService::total() { return 7; }

ShelfService::ShelfService(meshwa::Context&) {}

std::int32_t ShelfService::get(std::int32_t key) { return key * 2; }

std::int32_t ShelfService::get(std::string name) { return static_cast<std::int32_t>(name.size()); }

std::int32_t ShelfService::size() { return 1; }

std::int32_t ShelfService::size() const { return 2; }

}  // namespace shapes
