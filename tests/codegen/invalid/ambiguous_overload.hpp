// meshwa gen must reject: two overloads of an interface method, declared in
// one class with the same constness, that differ only in taking a parameter
// by value or by const reference, or in further parameters with default
// arguments. Such calls are ambiguous in C++, through meshwa::Ref<I> and in
// the generated mock and contract tests (which did not compile). Accepted
// (anchored): overloads of other types, of other constness, of other
// lengths without default arguments, and a derived interface's overload
// that hides its base's.
#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace bad {

struct MESHWA_MESSAGE Leaf {
  std::int32_t v = 0;
};

class MESHWA_INTERFACE Base {
 public:
  virtual ~Base() = default;
  virtual std::int32_t hidden(Leaf leaf) = 0;
};

class MESHWA_INTERFACE Store : public Base {
 public:
  virtual std::int32_t put(Leaf leaf, std::string name) = 0;
  virtual std::int32_t put(const Leaf& leaf, const std::string& name) = 0;
  virtual std::int32_t put(Leaf leaf, std::int32_t index) = 0;
  virtual std::int32_t get(Leaf leaf) = 0;
  virtual std::int32_t get(const Leaf& leaf) const = 0;
  virtual std::int32_t hidden(const Leaf& leaf) = 0;
  virtual std::int32_t find(std::int32_t id) = 0;
  virtual std::int32_t find(std::int32_t id, std::int32_t limit = 10) = 0;
  virtual std::int32_t count(std::int32_t id) = 0;
  virtual std::int32_t count(std::int32_t id, std::int32_t limit) = 0;
};

class MESHWA_SERVICE("store") StoreService final : public Store {
 public:
  explicit StoreService(meshwa::Context&) {}
  std::int32_t hidden(Leaf leaf) override { return leaf.v; }
  std::int32_t put(Leaf leaf, std::string) override { return leaf.v; }
  std::int32_t put(const Leaf& leaf, const std::string&) override { return leaf.v; }
  std::int32_t put(Leaf leaf, std::int32_t index) override { return leaf.v + index; }
  std::int32_t get(Leaf leaf) override { return leaf.v; }
  std::int32_t get(const Leaf& leaf) const override { return leaf.v; }
  std::int32_t hidden(const Leaf& leaf) override { return leaf.v; }
  std::int32_t find(std::int32_t id) override { return id; }
  std::int32_t find(std::int32_t id, std::int32_t limit) override { return id + limit; }
  std::int32_t count(std::int32_t id) override { return id; }
  std::int32_t count(std::int32_t id, std::int32_t limit) override { return id + limit; }
};

}  // namespace bad
