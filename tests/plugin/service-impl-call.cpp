// meshwa-service-impl-call: services call each other through interfaces
// (meshwa::Ref<I>), never through another service's implementation class.
#include <memory>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

struct MESHWA_MESSAGE Money {  // expected-note {{'Money' is declared here, without MESHWA_INTERFACE}}
  std::string currency_code;
  long units = 0;
};

class MESHWA_INTERFACE Currency {
 public:
  virtual ~Currency() = default;
  virtual meshwa::Result<Money> convert(Money from, std::string to_code) = 0;
};

class MESHWA_INTERFACE Checkout {
 public:
  virtual ~Checkout() = default;
  virtual meshwa::Result<Money> total(std::vector<Money> items) = 0;
};

class MESHWA_SERVICE("currency") CurrencyService : public Currency {  // expected-note 17 {{'CurrencyService' implements service 'currency' here}}
 public:
  explicit CurrencyService(meshwa::Context& ctx) {}
  meshwa::Result<Money> convert(Money from, std::string to_code) override { return from; }
  static int rate_scale() { return 1000; }
  static constexpr int kMaxQty = 99;  // expected-note {{'kMaxQty' is declared here, in service class 'CurrencyService'}}
  struct Table {
    int rows = 0;
  };

  // A service using its own class is fine.
  CurrencyService& self() { return *this; }
  static CurrencyService make(meshwa::Context& ctx) { return CurrencyService(ctx); }
  int scaled() { return rate_scale() * CurrencyService::rate_scale(); }
};

// The wrong way: reaching into CurrencyService from another service.
class MESHWA_SERVICE("checkout") BadCheckout final : public Checkout {
 public:
  explicit BadCheckout(meshwa::Context& ctx)
      : impl_(std::make_unique<CurrencyService>(ctx)) {}  // expected-error {{this service names the implementation of service 'currency' (CurrencyService) instead of its interface; hold a meshwa::Ref<Currency> from ctx.ref<Currency>() and call through it [meshwa-service-impl-call]}}

  meshwa::Result<Money> total(std::vector<Money> items) override {
    Money sum;
    for (Money& m : items) sum.units += impl_->convert(m, "EUR")->units;  // reported at impl_'s declaration
    int scale = CurrencyService::rate_scale();  // expected-error {{this service calls into the implementation of service 'currency' (CurrencyService) instead of its interface}}
    // A constant: nothing is called, so the remedy is to move it, not a Ref.
    int most = CurrencyService::kMaxQty;  // expected-error {{this service reads 'kMaxQty' of the implementation of service 'currency' (CurrencyService), which ties it to that class instead of its interface; declare the constant beside the interface (in its header or namespace) and use it from there in both services [meshwa-service-impl-call]}}
    return sum;
  }

  void downcast(Currency& c) {
    auto& impl = dynamic_cast<CurrencyService&>(c);  // expected-error {{this service holds the implementation of service 'currency'}} expected-error {{this service casts to the implementation of service 'currency'}}
  }

  void by_param(CurrencyService& other) {}  // expected-error {{this service holds the implementation of service 'currency'}}

  int own_instance(meshwa::Context& ctx) {
    CurrencyService fx(ctx);  // expected-error {{this service constructs its own instance of the implementation of service 'currency' (CurrencyService) instead of its interface; hold a meshwa::Ref<Currency>}}
    return 0;
  }

  // A temporary: the construction and the call, not also a "cast" (one
  // argument makes `CurrencyService(ctx)` a functional cast in the AST).
  bool temporary(meshwa::Context& ctx) {
    return CurrencyService(ctx).convert(Money{}, "EUR").has_value();  // expected-error {{this service constructs}} expected-error {{this service calls into the implementation of service 'currency'}}
  }
  // A copy spelled as a cast is still reported as one.
  void copy_of(const CurrencyService& c) {  // expected-error {{this service holds the implementation of service 'currency'}}
    (void)CurrencyService(c).convert(Money{}, "EUR");  // expected-error {{this service casts to the implementation of service 'currency'}} expected-error {{this service calls into}}
  }

  int table_rows() {
    CurrencyService::Table t;  // expected-error {{this service holds the implementation of service 'currency'}}
    return t.rows;
  }

 private:
  std::unique_ptr<CurrencyService> impl_;  // expected-error {{this service holds the implementation of service 'currency' (CurrencyService) instead of its interface; hold a meshwa::Ref<Currency>}}
};

class MESHWA_SERVICE("reporting") Reporting final : public CurrencyService {  // expected-error {{this service derives from the implementation of service 'currency' (CurrencyService) instead of its interface; to share its code, move that code into a class that is no service and derive both from it, or hold a meshwa::Ref<Currency> from ctx.ref<Currency>() and call through it [meshwa-service-impl-call]}}
 public:
  using CurrencyService::CurrencyService;
};
// The base's initialiser and the inherited members used on this object are
// the derivation, reported once at the base; another instance is not.
class MESHWA_SERVICE("auditing") Auditing final : public CurrencyService {  // expected-error {{this service derives from the implementation of service 'currency'}}
 public:
  explicit Auditing(meshwa::Context& ctx) : CurrencyService(ctx) {}
  meshwa::Result<Money> convert(Money from, std::string to_code) override {
    ++calls_;
    return CurrencyService::convert(std::move(from), std::move(to_code));
  }
  int scale() const { return rate_scale(); }
  int other(meshwa::Context& ctx) {
    CurrencyService separate(ctx);               // expected-error {{this service constructs its own instance of the implementation of service 'currency'}}
    return 0;
  }

 private:
  int calls_ = 0;
};

// The right way: a capability on the interface.
class MESHWA_SERVICE("checkout2") GoodCheckout final : public Checkout {
 public:
  explicit GoodCheckout(meshwa::Context& ctx) : currency_(ctx.ref<Currency>()) {}
  meshwa::Result<Money> total(std::vector<Money> items) override {
    Money sum;
    for (Money& m : items) {
      auto converted = currency_->convert(m, "EUR");
      if (!converted.has_value()) return converted.error();
      sum.units += converted->units;
    }
    return sum;
  }

 private:
  meshwa::Ref<Currency> currency_;
};

// Code outside every service (a factory, a test) is not judged by this rule.
std::unique_ptr<Currency> make_currency(meshwa::Context& ctx) { return std::make_unique<CurrencyService>(ctx); }

// A meshwa::Ref made from an object instead of taken from ctx.ref<I>(): a
// forged capability, rejected anywhere in service code. Copies and empty
// Refs stay accepted.
class MESHWA_SERVICE("forger") Forger final : public Checkout {
 public:
  explicit Forger(meshwa::Context& ctx) : real_(ctx.ref<Currency>()) {}
  meshwa::Result<Money> total(std::vector<Money> items) override {
    meshwa::Ref<Checkout> self(*this);  // expected-error {{constructing a meshwa::Ref from an object makes a capability the runtime never handed out: calls through it skip the stub (no gate, no metrics, no exception guard) and nothing keeps the object alive; take a Ref from ctx.ref<I>() and pass that on [meshwa-service-impl-call]}}
    meshwa::Ref<Currency> copy = real_;
    meshwa::Ref<Currency> none;
    (void)self;
    (void)copy;
    (void)none;
    return Money{};
  }

 private:
  meshwa::Ref<Currency> real_;
};

meshwa::Ref<Currency> forge(Currency& c) {
  return meshwa::Ref<Currency>(c);  // expected-error {{constructing a meshwa::Ref from an object}}
}

// A Ref of a derived interface converts to a Ref of its base: the same
// capability, handed on like a copy (accepted); a Ref of the base made
// from the derived interface's object is still forged.
class MESHWA_INTERFACE PricedCheckout : public Checkout {
 public:
  virtual meshwa::Result<Money> price(std::string sku) = 0;
};
meshwa::Ref<Checkout> as_base(meshwa::Ref<PricedCheckout> priced) {
  meshwa::Ref<Checkout> base = priced;
  return base;
}
meshwa::Ref<Checkout> base_forged(PricedCheckout& priced) {
  return meshwa::Ref<Checkout>(priced);  // expected-error {{constructing a meshwa::Ref from an object}}
}

// meshwa::Ref<T> and ctx.ref<T>() with a T that is no MESHWA_INTERFACE: no
// service can provide it (the deployment would fail to start, saying "add its
// provider"). Reported where T is written, anywhere in service code.
struct Plain {  // expected-note 2 {{'Plain' is declared here, without MESHWA_INTERFACE}}
  int x = 0;
};
// A subclass of an interface without the marker is no interface.
class Unmarked : public Currency {};  // expected-note {{'Unmarked' is declared here, without MESHWA_INTERFACE}}
class MESHWA_INTERFACE Later;        // defined below, marked: accepted
class Opaque;                        // never defined here: its marker may be elsewhere, not judged
// A template's specialization is never an interface, defined or not.
template <class T>
class Remote;  // expected-note {{'Remote' is a class template here, which no MESHWA_INTERFACE can be}}

class MESHWA_SERVICE("notes") Notes final : public Checkout {  // expected-note {{'Notes' implements service 'notes' here}}
 public:
  explicit Notes(meshwa::Context& ctx)
      : text_(ctx.ref<std::string>()),  // expected-error {{ctx.ref<std::string>() asks for std::string, which is not a MESHWA_INTERFACE, so no service can provide it: a meshwa::Ref is a handle on another service's interface; to call another service, name its MESHWA_INTERFACE (meshwa::Ref<I> from ctx.ref<I>()); to keep a std::string, hold it directly [meshwa-service-impl-call]}}
        currency_(ctx.ref<Currency>()) {
    auto plain = ctx.ref<Plain>();  // expected-error {{ctx.ref<Plain>() asks for Plain, which is not a MESHWA_INTERFACE}}
    (void)plain;
    // Its own class: the remedy names the interface it implements.
    auto self = ctx.ref<Notes>();  // expected-error {{ctx.ref<Notes>() asks for Notes, which is not a MESHWA_INTERFACE, so no service can provide it: a meshwa::Ref is a handle on another service's interface; name the interface it implements: ctx.ref<Checkout>() [meshwa-service-impl-call]}}
    (void)self;
  }
  meshwa::Result<Money> total(std::vector<Money> items) override { return Money{}; }
  meshwa::Ref<Currency> currency() const { return currency_; }

 private:
  meshwa::Ref<std::string> text_;  // expected-error {{meshwa::Ref<std::string> names std::string, which is not a MESHWA_INTERFACE, so no service can provide it: a meshwa::Ref is a handle on another service's interface; to call another service, name its MESHWA_INTERFACE (meshwa::Ref<I> from ctx.ref<I>()); to keep a std::string, hold it directly [meshwa-service-impl-call]}}
  std::vector<meshwa::Ref<Plain>> plains_;  // expected-error {{meshwa::Ref<Plain> names Plain, which is not a MESHWA_INTERFACE}}
  meshwa::Ref<int> number_;  // expected-error {{meshwa::Ref<int> names int, which is not a MESHWA_INTERFACE}}
  meshwa::Ref<Unmarked> unmarked_;  // expected-error {{meshwa::Ref<Unmarked> names Unmarked, which is not a MESHWA_INTERFACE}}
  meshwa::Ref<Currency> currency_;
  meshwa::Ref<Later> later_;
  meshwa::Ref<Opaque> opaque_;
  meshwa::Ref<Remote<int>> remote_;  // expected-error {{meshwa::Ref<Remote<int>> names Remote<int>, which is not a MESHWA_INTERFACE}}
  // Another service's class: "holds the implementation" says it, once.
  meshwa::Ref<CurrencyService> impl_;  // expected-error {{this service holds the implementation of service 'currency' (CurrencyService) instead of its interface}}
};

class MESHWA_INTERFACE Later {
 public:
  virtual ~Later() = default;
  virtual int later() = 0;
};

// In an interface, a free function or a type alias just the same.
class MESHWA_INTERFACE Mailbox {
 public:
  virtual ~Mailbox() = default;
  virtual int post(meshwa::Ref<Money> letter) = 0;  // expected-error {{meshwa::Ref<Money> names Money, which is not a MESHWA_INTERFACE}}
  virtual int forward(meshwa::Ref<Currency> to) = 0;
};
meshwa::Ref<std::string> find_text(meshwa::Context& ctx);  // expected-error {{meshwa::Ref<std::string> names std::string}}
using TextRef = meshwa::Ref<std::string>;  // expected-error {{meshwa::Ref<std::string> names std::string}}
TextRef alias_use();  // reported at the alias
template <class I>
meshwa::Ref<I> lookup(meshwa::Context& ctx) {  // a template's pattern: judged where it is used with a type
  return ctx.ref<I>();
}
