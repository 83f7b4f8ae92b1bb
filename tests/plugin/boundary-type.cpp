// meshwa-boundary-type: parameters and results of MESHWA_INTERFACE methods
// must be crossable (DESIGN.md's table).
#include <any>
#include <array>
#include <bitset>
#include <complex>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <meshwa/meshwa.hpp>

struct MESHWA_MESSAGE Money {
  std::string currency_code;
  long units = 0;
  int nanos = 0;
};

struct Plain {  // not a message
  int x = 0;
};

struct MESHWA_MESSAGE Order2 {
  std::vector<Money> lines;
};

struct MESHWA_MESSAGE Line {
  std::string sku;
  int quantity = 0;
  // A raw pointer in a message: meshwa-raw-pointer's, at the member (not
  // said again here, nor at the methods whose types hold the message).
  const Money* price = nullptr;  // expected-error 0-1 {{[meshwa-raw-pointer]}}
};

// Pointers that meshwa-raw-pointer does not report (std::nullptr_t, a
// library's iterator that is a pointer) are this rule's, at the member.
struct MESHWA_MESSAGE Marks {
  std::nullptr_t none;  // expected-error {{member 'none' of message 'Marks' cannot cross a service boundary}}
  std::array<int, 3>::iterator at;  // expected-error {{member 'at' of message 'Marks' cannot cross a service boundary}}
  int count = 0;
};

struct MESHWA_MESSAGE Order {
  std::vector<Line> items;
  std::map<std::string, Money> totals;
  std::optional<Money> discount;
};

struct MESHWA_MESSAGE Tree {  // recursive messages are fine
  std::string label;
  std::vector<Tree> children;
};

enum class Kind { a, b };

class MESHWA_INTERFACE Payments {
 public:
  virtual ~Payments() = default;
  virtual void fill(std::string& out) = 0;  // expected-error {{parameter 'out' of interface method 'Payments::fill' cannot cross a service boundary: std::string & is a reference; a value or a borrowed `const T&` parameter is what may cross; to hand a result back, return it (as meshwa::Result<T> if the call can fail) [meshwa-boundary-type]}}
  virtual const std::string& name() = 0;  // expected-error {{the result of interface method 'Payments::name' cannot cross a service boundary: const std::string & is a reference; a value or a borrowed `const T&` parameter is what may cross; return the value itself (as meshwa::Result<T> if there may be none) [meshwa-boundary-type]}}
  // Raw pointers: reported here only (not also by meshwa-raw-pointer, whose
  // remedies, T& and std::unique_ptr, would not cross either).
  virtual const char* title(int id) = 0;  // expected-error {{the result of interface method 'Payments::title' cannot cross a service boundary: const char * is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T>; return a std::string (as meshwa::Result<T> if there may be none) [meshwa-boundary-type]}}
  virtual void rename(int id, std::string* out) = 0;  // expected-error {{parameter 'out' of interface method 'Payments::rename' cannot cross a service boundary: std::string * is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T>; to hand a result back, return it (as meshwa::Result<T> if the call can fail) [meshwa-boundary-type]}}
  virtual void inspect(const Money* m) = 0;  // expected-error {{parameter 'm' of interface method 'Payments::inspect' cannot cross a service boundary: const Money * is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T>; to lend the callee an object, take a `const T&` [meshwa-boundary-type]}}
  virtual std::string_view label() = 0;  // expected-error {{the result of interface method 'Payments::label' cannot cross a service boundary: std::string_view is a view (std::string_view / std::span) into memory the receiver does not own;}}
  virtual void each(std::function<void(int)> f) = 0;  // expected-error {{std::function<void (int)> is a std::function; code cannot cross a boundary, pass a meshwa::Ref<I> instead [meshwa-boundary-type]}}
  virtual void place(const Order& order) = 0;  // Line::price: said at the member
  virtual void share(std::shared_ptr<Money> m) = 0;  // expected-error {{std::shared_ptr<Money> is a std::shared_ptr to mutable data; use meshwa::Shared<T> (immutable, shared)}}
  virtual void keep(std::unique_ptr<Money> m) = 0;  // expected-error {{std::unique_ptr<Money> is a std::unique_ptr; use meshwa::Owned<T>}}
  virtual Plain plain() = 0;  // expected-error {{the result of interface method 'Payments::plain' cannot cross a service boundary: Plain is a class that is not a message; mark it MESHWA_MESSAGE (meshwa gen adapts it) or give the result a crossable type [meshwa-boundary-type]}}
  virtual std::vector<int>::iterator where() = 0;  // expected-error {{is an iterator into another service's container; pass the values instead}}
  virtual void bytes(std::span<const char> data) = 0;  // expected-error {{std::span<const char> is a view}}
  virtual void table(std::map<std::string, std::vector<std::string_view>> t) = 0;  // expected-error {{std::map<std::string, std::vector<std::string_view>>[][] is a view}}
  virtual void pick(std::variant<int, Plain> v) = 0;  // expected-error {{parameter 'v' of interface method 'Payments::pick' cannot cross a service boundary: std::variant<int, Plain><1> is a class that is not a message; mark it MESHWA_MESSAGE (meshwa gen adapts it) or give the parameter a crossable type [meshwa-boundary-type]}}
  virtual void steal(meshwa::Owned<Money>&& m) = 0;  // expected-error {{meshwa::Owned<Money> && is a reference; a value or a borrowed `const T&` parameter is what may cross; to take it over, take the parameter by value [meshwa-boundary-type]}}
  virtual meshwa::Result<std::string_view> lookup() = 0;  // expected-error {{meshwa::Result<std::string_view>? is a view}}
  virtual __int128 total() = 0;  // expected-error {{the result of interface method 'Payments::total' cannot cross a service boundary: __int128 is a 128-bit integer, which a contract (JSON) cannot hold; split it into two std::uint64_t members or pass it as a std::string}}
  virtual void add(std::vector<unsigned __int128> ids) = 0;  // expected-error {{std::vector<unsigned __int128>[] is a 128-bit integer}}
  // Standard classes that may not cross: no "mark it MESHWA_MESSAGE" (it cannot be), and what to pass instead.
  virtual std::bitset<8> flags() = 0;  // expected-error {{the result of interface method 'Payments::flags' cannot cross a service boundary: std::bitset<8> is a standard library class that meshwa cannot carry across (it cannot be marked MESHWA_MESSAGE); pass what it holds as numbers, std::string, containers, or in a MESHWA_MESSAGE of your own (std::bitset<N>: its to_ullong() as a std::uint64_t, or its to_string()) [meshwa-boundary-type]}}
  virtual void rotate(std::vector<std::complex<double>> z) = 0;  // expected-error {{std::vector<std::complex<double>>[] is a standard library class that meshwa cannot carry across (it cannot be marked MESHWA_MESSAGE); pass what it holds as numbers, std::string, containers, or in a MESHWA_MESSAGE of your own (std::complex<T>: its real() and imag() as two members of a message) [meshwa-boundary-type]}}
  virtual void wide(std::wstring name) = 0;  // expected-error {{std::wstring is a standard library class that meshwa cannot carry across (it cannot be marked MESHWA_MESSAGE); pass what it holds as numbers, std::string, containers, or in a MESHWA_MESSAGE of your own (only std::string crosses, as UTF-8: convert to it) [meshwa-boundary-type]}}
  virtual void any(std::any value) = 0;  // expected-error {{std::any is a standard library class that meshwa cannot carry across (it cannot be marked MESHWA_MESSAGE); pass what it holds as numbers, std::string, containers, or in a MESHWA_MESSAGE of your own (std::any: a std::variant of the types it may hold) [meshwa-boundary-type]}}
  // Text by pointer: a std::string, not "a `const T&`" (a `const char&` is one character).
  virtual int size_of(const char* name) = 0;  // expected-error {{parameter 'name' of interface method 'Payments::size_of' cannot cross a service boundary: const char * is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T>; for text, take a `const std::string&` [meshwa-boundary-type]}}
  virtual void count(int& n) = 0;  // expected-error {{parameter 'n' of interface method 'Payments::count' cannot cross a service boundary: int & is a reference; a value or a borrowed `const T&` parameter is what may cross; to hand a result back, return it (as meshwa::Result<T> if the call can fail) [meshwa-boundary-type]}}
  // A pointer deeper in the type: the reason alone (no top-level remedy).
  virtual void ids(const std::vector<int*>& all) = 0;  // expected-error {{parameter 'all' of interface method 'Payments::ids' cannot cross a service boundary: std::vector<int *>[] is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T> [meshwa-boundary-type]}}

  // Still accepted: the crossable types of DESIGN.md's table.
  virtual meshwa::Result<Money> convert(Money from, std::string to_code) = 0;
  virtual std::vector<std::string> supported_currencies() = 0;
  virtual void borrow(const std::string& s, const Order2& o) = 0;
  virtual meshwa::Result<void> store(meshwa::Owned<Money> m, meshwa::Shared<Tree> t) = 0;
  virtual std::optional<std::map<std::string, std::vector<Money>>> index(Kind k, double d, bool b) = 0;
  virtual std::variant<std::monostate, int, std::string> choice() = 0;
  virtual void call_back(meshwa::Ref<Payments> other) = 0;
  virtual std::shared_ptr<const Money> frozen() = 0;
  virtual meshwa::Error last_error() = 0;
  virtual std::pair<int, std::string> pair() = 0;
  virtual long double precise(long double x, char32_t c, wchar_t w) = 0;

  // Non-virtual methods are not this rule's business (meshwa gen rejects them).
  std::string_view helper_view() const { return "x"; }
};

// A lambda's type is code, like a std::function: not an unnamed class to
// name and mark MESHWA_MESSAGE. The remedy is an interface the callee calls.
inline constexpr auto kTwice = [](int x) { return 2 * x; };
inline constexpr auto kGeneric = [](auto x) { return x; };
struct MESHWA_MESSAGE Job {
  std::string name;
  decltype(kTwice) on_done;  // expected-error {{member 'on_done' of message 'Job' cannot cross a service boundary: Job.on_done is a lambda; code cannot cross a boundary, pass a meshwa::Ref<I> to an interface instead (the callee calls its methods, which run in the service that provides it) [meshwa-boundary-type]}}
};
struct Doubler {  // a named function object: a class, and the usual advice
  int operator()(int x) const { return 2 * x; }
};
class MESHWA_INTERFACE Callbacks {
 public:
  virtual ~Callbacks() = default;
  // Named as written, decltype(kTwice), though kTwice is const (constexpr):
  // not clang's "(lambda at /abs/path:105:32)".
  virtual int apply(decltype(kTwice) f) = 0;  // expected-error {{parameter 'f' of interface method 'Callbacks::apply' cannot cross a service boundary: decltype(kTwice) is a lambda; code cannot cross a boundary, pass a meshwa::Ref<I> to an interface instead (the callee calls its methods, which run in the service that provides it) [meshwa-boundary-type]}}
  virtual void generic(const decltype(kGeneric)& f) = 0;  // expected-error {{parameter 'f' of interface method 'Callbacks::generic' cannot cross a service boundary: decltype(kGeneric) is a lambda; code cannot cross a boundary}}
  virtual decltype(kTwice) twice() = 0;  // expected-error {{the result of interface method 'Callbacks::twice' cannot cross a service boundary: decltype(kTwice) is a lambda}}
  virtual void all(std::vector<decltype(kTwice)> fs) = 0;  // expected-error {{std::vector<decltype(kTwice)>[] is a lambda; code cannot cross a boundary}}
  virtual void run(const Job& job) = 0;  // Job::on_done: said at the member
  virtual void functor(Doubler d) = 0;  // expected-error {{Doubler is a class that is not a message; mark it MESHWA_MESSAGE}}
  // Still accepted: the remedy, and lambdas in code that stays on one side.
  virtual int apply_via(meshwa::Ref<Callbacks> back) = 0;
  int local_twice(int x) const { return kTwice(x); }
};

// A mutable member of a message: the message crosses inside meshwa::Shared<T>
// (immutable, shared by every service that holds it), and `mutable` lets
// each holder write it through a const path, concurrently. Reported at the
// member, once (not again at the methods whose types hold the message).
struct MESHWA_MESSAGE Doc {
  std::string body;
  mutable int reads = 0;  // expected-error {{member 'reads' of message 'Doc' cannot cross a service boundary: Doc.reads is a mutable member: a message crosses inside meshwa::Shared<T>, immutable and shared by every service that holds it, and `mutable` lets each of them write it through a const path, at the same time; make it a plain member (and keep counters or caches in the service) [meshwa-boundary-type]}}
};
struct MESHWA_MESSAGE Cached {
  mutable std::optional<std::string> rendered;  // expected-error {{member 'rendered' of message 'Cached' cannot cross a service boundary: Cached.rendered is a mutable member}}
};
struct MESHWA_MESSAGE Folder {  // holds a message with a mutable member: reported there
  std::vector<Doc> docs;
};
class MESHWA_INTERFACE Library {
 public:
  virtual ~Library() = default;
  virtual meshwa::Shared<Doc> get() = 0;
  virtual void put(const Folder& f) = 0;
  virtual Cached cached() = 0;
};

// Still accepted: `mutable` outside messages (a service's own mutex, a
// cache in a class that never crosses).
class Counter {
 public:
  int hits() const { return ++hits_; }

 private:
  mutable int hits_ = 0;
};

// A message with a base class: only a message's own members cross (meshwa
// gen adapts those), so the base is reported once, at the message, with the
// remedy that works: hold it as a member (composition). Not again at the
// methods whose types hold the message, and marking the base MESHWA_MESSAGE
// would not help.
struct Header {  // expected-note {{base class 'Header' is declared here}}
  int id = 0;
};
struct MESHWA_MESSAGE Framed : Header {  // expected-error {{message 'Framed' has a base class, 'Header': only a message's own members cross a service boundary (meshwa gen adapts those, not a base's); hold it as a member instead (composition: `Header header;`) and mark 'Header' MESHWA_MESSAGE [meshwa-boundary-type]}}
  int size = 0;
};
struct MESHWA_MESSAGE Stamp {  // expected-note {{base class 'Stamp' is declared here}}
  long at = 0;
};
struct MESHWA_MESSAGE Stamped : public Stamp {  // expected-error {{message 'Stamped' has a base class, 'Stamp': only a message's own members cross a service boundary (meshwa gen adapts those, not a base's); hold it as a member instead (composition: `Stamp stamp;`) [meshwa-boundary-type]}}
  int size = 0;
};
class MESHWA_INTERFACE Frames {
 public:
  virtual ~Frames() = default;
  virtual Framed next() = 0;
  virtual void put(const Stamped& s) = 0;
  virtual std::vector<Framed> all() = 0;
};
// Composition crosses; a base class outside messages is not this rule's.
struct MESHWA_MESSAGE Composed {
  Stamp stamp;
  int size = 0;
};
struct Plain2 : Plain {
  int y = 0;
};
class MESHWA_INTERFACE Composite {
 public:
  virtual ~Composite() = default;
  virtual Composed get() = 0;
};

// Anonymous unions and structs of a message: their members are written
// `message.member`, so the path stops at the message that holds them, and
// the report names the message once (not "Mixed::Mixed::(anonymous union
// ...)"). An anonymous union is meshwa-union's, at the union; the others are
// said at the member, once, not at the methods whose types hold them.
struct MESHWA_MESSAGE Mixed {
  union {  // expected-error 0-1 {{[meshwa-union]}}
    int whole;
    float real;
  };
};
struct MESHWA_MESSAGE Flat {
  struct {  // expected-error {{the anonymous struct in message 'Flat' cannot cross a service boundary: Flat holds an anonymous struct, which the generated code cannot name (its members belong to it, not to the message); declare its members in the message itself [meshwa-boundary-type]}}
    int x;
    int y;
  };
};
struct MESHWA_MESSAGE Tagged {
  struct {
    int x;
  } pos;  // expected-error {{member 'pos' of message 'Tagged' cannot cross a service boundary: Tagged.pos has an unnamed class type, which cannot be marked MESHWA_MESSAGE; name the class and mark it MESHWA_MESSAGE (for a union, use a std::variant) [meshwa-boundary-type]}}
};
struct MESHWA_MESSAGE Holder {
  Mixed mixed;
};
typedef struct {
  int id;
} LegacyId;
struct MESHWA_MESSAGE UsesLegacy {
  // A typedef'd unnamed struct has a name to mark: the usual advice, and
  // the other remedy names the member.
  LegacyId id;  // expected-error {{member 'id' of message 'UsesLegacy' cannot cross a service boundary: UsesLegacy.id is a class that is not a message; mark it MESHWA_MESSAGE (meshwa gen adapts it) or give the member a crossable type [meshwa-boundary-type]}}
};
class MESHWA_INTERFACE Shapes {
 public:
  virtual ~Shapes() = default;
  // All said at the messages' members above, not again here.
  virtual Mixed mixed() = 0;
  virtual void held(Holder h) = 0;
  virtual void many(const std::vector<Mixed>& all) = 0;
  virtual void flat(Flat f) = 0;
  virtual void tagged(Tagged t) = 0;
  virtual void legacy(UsesLegacy u) = 0;
};
// Accepted: the named alternatives of a std::variant, and a named message.
struct MESHWA_MESSAGE Point {
  int x = 0;
  int y = 0;
};
struct MESHWA_MESSAGE Measure {
  std::variant<int, float> value;
  Point pos;
};
class MESHWA_INTERFACE Measures {
 public:
  virtual ~Measures() = default;
  virtual Measure get() = 0;
};

// A class only declared, never defined in the translation unit: its members
// cannot be checked or carried. Said as such (not "a class that is not a
// message; mark it MESHWA_MESSAGE"), with a note where it is declared.
struct Invoice;  // expected-note 3 {{'Invoice' is declared here, but not defined}}
struct MESHWA_MESSAGE Ledger {
  std::vector<Invoice> invoices;  // expected-error {{member 'invoices' of message 'Ledger' cannot cross a service boundary: Ledger.invoices[] is an incomplete type here}}
};
// Declared first, defined below as a message: complete in the translation
// unit, so accepted.
struct Receipt;
template <class T> struct Box;  // a template only declared; expected-note {{'Box' is declared here, but not defined}}
class MESHWA_INTERFACE Billing {
 public:
  virtual ~Billing() = default;
  virtual void send(const Invoice& invoice) = 0;  // expected-error {{parameter 'invoice' of interface method 'Billing::send' cannot cross a service boundary: Invoice is an incomplete type here: the class is only declared, its definition is not in this translation unit, so its members can be neither checked nor carried; include the header that defines it [meshwa-boundary-type]}}
  virtual Invoice last() = 0;  // expected-error {{the result of interface method 'Billing::last' cannot cross a service boundary: Invoice is an incomplete type here}}
  virtual void keep(Ledger ledger) = 0;  // Ledger::invoices: said at the member
  virtual void boxed(const Box<int>& box) = 0;  // expected-error {{Box<int> is an incomplete type here}}
  virtual Receipt receipt(const Receipt& r) = 0;
};
struct MESHWA_MESSAGE Receipt {
  int number = 0;
};

// Every part that may not cross is reported, each once, at its own place:
// every bad member of a message at the member (however many methods use
// the message), every bad parameter of a method at the parameter, every bad
// part of one parameter's type at that parameter.
namespace every {
struct Customer {
  int id = 0;
};
struct MESHWA_MESSAGE Owner {
  std::function<void()> notify;  // expected-error {{member 'notify' of message 'every::Owner' cannot cross a service boundary: every::Owner.notify is a std::function; code cannot cross a boundary, pass a meshwa::Ref<I> instead [meshwa-boundary-type]}}
  Customer who;  // expected-error {{member 'who' of message 'every::Owner' cannot cross a service boundary: every::Owner.who is a class that is not a message; mark it MESHWA_MESSAGE (meshwa gen adapts it) or give the member a crossable type [meshwa-boundary-type]}}
};
struct MESHWA_MESSAGE Item {
  std::string sku;
  Owner owner;  // Owner's members: said there, not again here
};
struct MESHWA_MESSAGE Order {
  std::vector<Item> items;
  std::string_view note;  // expected-error {{member 'note' of message 'every::Order' cannot cross a service boundary: every::Order.note is a view (std::string_view / std::span) into memory the receiver does not own; use std::string / std::vector (only a parameter may borrow, as a `const T&`) [meshwa-boundary-type]}}
  std::map<std::string, std::unique_ptr<Item>> by_sku;  // expected-error {{member 'by_sku' of message 'every::Order' cannot cross a service boundary: every::Order.by_sku[] is a std::unique_ptr; use meshwa::Owned<T>}}
};
class MESHWA_INTERFACE Orders {
 public:
  virtual ~Orders() = default;
  // Order's members are said at the members, once, not at each of these.
  virtual void place(const Order& order) = 0;
  virtual Order last() = 0;
  virtual std::vector<Order> all() = 0;
  virtual void pair(std::pair<Item, Item> two) = 0;
  // Two bad parameters: two reports, each at its parameter.
  virtual void both(int& count, std::string_view name) = 0;  // expected-error {{parameter 'count' of interface method 'every::Orders::both' cannot cross a service boundary: int & is a reference}} expected-error {{parameter 'name' of interface method 'every::Orders::both' cannot cross a service boundary: std::string_view is a view}}
  // Two bad parts of one parameter: two reports at it, each with its path.
  virtual void parts(std::pair<std::function<void()>, Customer> p) = 0;  // expected-error {{parameter 'p' of interface method 'every::Orders::parts' cannot cross a service boundary: std::pair<std::function<void ()>, Customer>.0 is a std::function}} expected-error {{parameter 'p' of interface method 'every::Orders::parts' cannot cross a service boundary: std::pair<std::function<void ()>, Customer>.1 is a class that is not a message}}
  // A bad parameter and a bad result of one method: both.
  virtual std::span<const int> window(std::unique_ptr<Item> item) = 0;  // expected-error {{parameter 'item' of interface method 'every::Orders::window' cannot cross a service boundary: std::unique_ptr<Item> is a std::unique_ptr}} expected-error {{the result of interface method 'every::Orders::window' cannot cross a service boundary: std::span<const int> is a view}}
  // Still accepted.
  virtual void fine(const std::string& s, int n) = 0;
};
}  // namespace every

// A type that may not cross, met again in one parameter or member, is said
// once (at its first path); two members of one type are two parts.
namespace again {
struct MESHWA_MESSAGE Names {
  std::string_view first;  // expected-error {{member 'first' of message 'again::Names' cannot cross a service boundary: again::Names.first is a view}}
  std::string_view last;  // expected-error {{member 'last' of message 'again::Names' cannot cross a service boundary: again::Names.last is a view}}
};
class MESHWA_INTERFACE Pairs {
 public:
  virtual ~Pairs() = default;
  virtual void two(std::pair<std::vector<int*>, std::vector<int*>> p) = 0;  // expected-error {{parameter 'p' of interface method 'again::Pairs::two' cannot cross a service boundary: std::pair<std::vector<int *>, std::vector<int *>>.0[] is a raw pointer}}
};
}  // namespace again

// A specialization of a class template of the user's, often behind an alias
// (`using SockPage = Page<Sock>;`), cannot be marked MESHWA_MESSAGE (a
// marker on a template is a meshwa-marker error), so the diagnostic does not
// ask for that: it names the template the alias hides and asks for a
// message struct instead (probe api21; it said "mark it MESHWA_MESSAGE").
namespace paged {
struct MESHWA_MESSAGE Sock {
  std::string id;
};
template <class T>
struct Page {
  std::vector<T> items;
  int total = 0;
};
using SockPage = Page<Sock>;
struct MESHWA_MESSAGE Shelf {
  Page<int> counts;  // expected-error {{member 'counts' of message 'paged::Shelf' cannot cross a service boundary: paged::Shelf.counts is a specialization of a class template, which MESHWA_MESSAGE cannot mark (the generator writes code for classes, not for templates of them); declare a MESHWA_MESSAGE struct with the members it needs instead (one struct per element type) or give the member a crossable type (paged::Shelf.counts is paged::Page<int>, of class template paged::Page) [meshwa-boundary-type]}}
};
class MESHWA_INTERFACE Browse {
 public:
  virtual ~Browse() = default;
  virtual SockPage page(int n) = 0;  // expected-error {{the result of interface method 'paged::Browse::page' cannot cross a service boundary: SockPage is a specialization of a class template, which MESHWA_MESSAGE cannot mark (the generator writes code for classes, not for templates of them); declare a MESHWA_MESSAGE struct with the members it needs instead (one struct per element type) or give the result a crossable type (SockPage is paged::Page<paged::Sock>, of class template paged::Page) [meshwa-boundary-type]}}
  virtual void put(std::vector<Page<Sock>> pages) = 0;  // expected-error {{parameter 'pages' of interface method 'paged::Browse::put' cannot cross a service boundary: std::vector<Page<Sock>>[] is a specialization of a class template}}
  // A message per element type is the remedy, and is accepted.
  virtual Shelf shelf() = 0;
};
struct MESHWA_MESSAGE SockPageMessage {
  std::vector<Sock> items;
  int total = 0;
};
class MESHWA_INTERFACE Browse2 {
 public:
  virtual ~Browse2() = default;
  virtual SockPageMessage page(int n) = 0;
};
}  // namespace paged
