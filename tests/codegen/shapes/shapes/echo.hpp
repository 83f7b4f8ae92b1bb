// Valid shapes that once made `meshwa gen`'s output fail to compile or fail
// its own contract and property tests (docs/generator.md, docs/contracts.md).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <meshwa/meshwa.hpp>
#include <nlohmann/json.hpp>

namespace shapes {

enum class Huge : std::uint64_t { one = 1, top = 18446744073709551615ULL };
enum class Flag : bool { no = false, yes = true };

struct MESHWA_MESSAGE Doc {
  std::string text;
  static constexpr std::size_t kLines = 2;
};

inline constexpr std::size_t kKeySize = 4;

struct MESHWA_MESSAGE Odd {
  Huge huge = Huge::one;
  Flag flag = Flag::no;
  std::optional<std::optional<std::int32_t>> maybe;
  std::tuple<> nothing;
};

// Messages nested in a class, held in std::optional and std::vector
// members: reading them from JSON once asked std::is_default_constructible,
// which clang answers "no" while the enclosing class is incomplete.
struct MESHWA_MESSAGE Tree {
  struct MESHWA_MESSAGE Leaf {
    std::int32_t q = 0;
  };
  std::optional<Leaf> best;
  std::vector<Leaf> all;
};

// A message that holds a handle to its own type (a linked list ending in an
// empty Owned): property tests once generated it without end and died of a
// stack overflow.
struct MESHWA_MESSAGE Chain {
  std::int32_t v = 0;
  meshwa::Owned<Chain> next;
};

// Messages with the team's own JSON functions (nlohmann's macros, or
// written by hand in another format): generated code uses them instead of
// defining its own, which redefined them and did not compile.
struct MESHWA_MESSAGE Price {
  std::string currency;
  std::int64_t cents = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Price, currency, cents)

struct MESHWA_MESSAGE Coded {
  std::int32_t code = 0;
};
inline void to_json(nlohmann::json& j, const Coded& c) { j = "C" + std::to_string(c.code); }
inline void from_json(const nlohmann::json& j, Coded& c) { c.code = std::stoi(j.get<std::string>().substr(1)); }

class MESHWA_INTERFACE Echo {
 public:
  // Hidden friends, in a message nested in a class.
  struct MESHWA_MESSAGE Label {
    std::string text;
    NLOHMANN_DEFINE_TYPE_INTRUSIVE(Label, text)
  };
  // Messages nested in the interface, one holding its sibling.
  struct MESHWA_MESSAGE Half {
    std::string s = "half";
  };
  struct MESHWA_MESSAGE Pair {
    std::optional<Half> left;
    std::optional<Tree::Leaf> leaf;
  };

  virtual ~Echo() = default;
  // JSON: an enum over uint64_t above 2^63, an enum over bool, an engaged
  // optional holding an empty one, the empty tuple.
  virtual Odd odd(Odd o) = 0;
  // Containers of Owned cross (moved, not copied).
  virtual std::int32_t count(std::vector<meshwa::Owned<Doc>> docs) = 0;
  virtual meshwa::Result<std::map<std::string, meshwa::Owned<Doc>>> keyed(std::vector<std::string> keys) = 0;
  // Top-level const on by-value parameters; parameters renamed apart.
  virtual std::int32_t add(const std::int32_t x, const std::string s) = 0;
  virtual std::int32_t sub(std::int32_t std, std::int32_t arg_std) = 0;
  // An unnamed parameter next to one named like its placeholder (arg0): the
  // placeholder gets a fresh name (arg0_).
  virtual std::int32_t least(std::int32_t, std::int32_t arg0) = 0;
  virtual Tree tree(Tree t) = 0;
  virtual Pair pair(std::optional<Pair> p) = 0;
  // decltype names the member as this scope sees it (`Doc::text`): generated
  // code, in other scopes, spells the type it stands for instead (it once
  // copied `decltype(Doc::text)` and did not compile), also inside a
  // template argument and behind a const&.
  virtual decltype(Doc::text) joined(const std::vector<decltype(Doc::text)>& parts) = 0;
  // Named constants as template arguments (`kKeySize`, `Doc::kLines * 2`)
  // are spelled by value in generated code, which is in another scope.
  virtual std::array<std::uint8_t, kKeySize> key(std::array<std::int32_t, Doc::kLines * 2> seed) = 0;
  // Recursive messages: generated inputs end (in an empty handle).
  virtual std::int32_t length(Chain chain) = 0;
  virtual Price priced(Price price, Label label, Coded coded) = 0;
};

// An interface nested in a class (docs/api.md allows it): its mock goes into
// the namespace, as MockGroupClock (a namespace cannot reopen a class).
struct Group {
  class MESHWA_INTERFACE Clock {
   public:
    virtual ~Clock() = default;
    virtual std::int64_t now() = 0;
  };
};

// An overload in a derived interface hides the base's (C++ name hiding), and
// two overloads differ only in const: generated callers (contract tests, the
// mock's recorder) call the right one, and each has a key of its own.
class MESHWA_INTERFACE Reader {
 public:
  virtual ~Reader() = default;
  virtual std::int32_t get(std::int32_t key) = 0;
};

class MESHWA_INTERFACE Shelf : public Reader {
 public:
  virtual std::int32_t get(std::string name) = 0;  // hides Reader::get in Shelf
  virtual std::int32_t size() = 0;
  virtual std::int32_t size() const = 0;
  // A caller-side helper (the non-virtual interface idiom): it runs in the
  // caller, on the stub or mock, and reaches the service only through the
  // virtual methods it calls; it is no method of the model.
  std::int32_t both(const std::string& name) { return get(name) + size(); }
  // The same as a `final` virtual method: overridden by no service and no
  // stub, it runs in the caller too (the stub, stand-in and mock that
  // overrode it did not compile).
  virtual std::int32_t twice_size() final { return size() * 2; }
};

// An interface that extends an unmarked class template's specialization:
// generated callers call get() through shapes::Repo<shapes::Item>, not
// through the template's bare name.
template <class T>
class Repo {
 public:
  virtual ~Repo() = default;
  virtual T get(std::int32_t id) = 0;
};

struct MESHWA_MESSAGE Item {
  std::string name;
};

class MESHWA_INTERFACE Items : public Repo<Item> {
  // Aliases before `public:` are private: they name types only inside the
  // class, so generated code spells the types they stand for (the stub,
  // mock and contract tests that spelled `shapes::Items::Name` did not
  // compile).
  using Name = std::string;
  template <class T>
  using Page = std::vector<T>;

 public:
  virtual std::int32_t count() = 0;
  virtual Page<Name> names(Page<Name> prefixes, const Name& suffix) = 0;
};

class MESHWA_SERVICE("echo") EchoService final : public Echo {
 public:
  explicit EchoService(meshwa::Context& ctx, std::int32_t scale = 1);  // callable with the Context alone
  Odd odd(Odd o) override;
  std::int32_t count(std::vector<meshwa::Owned<Doc>> docs) override;
  meshwa::Result<std::map<std::string, meshwa::Owned<Doc>>> keyed(std::vector<std::string> keys) override;
  std::int32_t add(std::int32_t x, std::string s) override;
  std::int32_t sub(std::int32_t std, std::int32_t arg_std) override;
  std::int32_t least(std::int32_t first, std::int32_t arg0) override;
  Tree tree(Tree t) override;
  Pair pair(std::optional<Pair> p) override;
  std::string joined(const std::vector<std::string>& parts) override;
  std::array<std::uint8_t, 4> key(std::array<std::int32_t, 4> seed) override;
  std::int32_t length(Chain chain) override;
  Price priced(Price price, Label label, Coded coded) override;
};

class MESHWA_SERVICE("shelf") ShelfService final : public Shelf {
 public:
  explicit ShelfService(meshwa::Context& ctx);
  std::int32_t get(std::int32_t key) override;       // key * 2
  std::int32_t get(std::string name) override;       // its length
  std::int32_t size() override;                      // 1
  std::int32_t size() const override;                // 2
};

class MESHWA_SERVICE("items") ItemsService final : public Items {
 public:
  explicit ItemsService(meshwa::Context& ctx);
  Item get(std::int32_t id) override;  // "item<id>"
  std::int32_t count() override;       // 3
  std::vector<std::string> names(std::vector<std::string> prefixes, const std::string& suffix) override;
};

// A MESHWA_UNSAFE reason with a control character just before hex digits:
// the deployment's string literal once spelled it "\x01bad", one hex escape
// out of range, and the generated deployment did not compile.
class MESHWA_INTERFACE Tally {
 public:
  virtual ~Tally() = default;
  virtual std::int32_t total() = 0;
};

class MESHWA_SERVICE("tally") MESHWA_UNSAFE("counts\x01" "bad bytes") TallyService final : public Tally {
 public:
  explicit TallyService(meshwa::Context& ctx);
  std::int32_t total() override;  // 7
};

// Names in UTF-8, as C++ allows: the mock once spelled the message
// `::shapes::Gr::üß::e`, and `Grüßer` and `Größer` once shared one include
// guard (both `Gr____er`), so the second mock was left out.
struct MESHWA_MESSAGE Grüße {
  std::int32_t wert = 0;
};

// 40 members, which BOOST_HANA_ADAPT_STRUCT does not take: the adaptation
// is written out, each name as a hana::string_c of its characters. A name in
// UTF-8 once went there byte by byte, raw ('\xC3' as the byte itself), which
// is no valid UTF-8 in a character literal: clang warns of it
// (-Winvalid-source-encoding) in every file that includes the messages.
struct MESHWA_MESSAGE Zeile {
  std::int32_t s00 = 0, s01 = 0, s02 = 0, s03 = 0, s04 = 0, s05 = 0, s06 = 0, s07 = 0, s08 = 0, s09 = 0;
  std::int32_t s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0, s16 = 0, s17 = 0, s18 = 0, s19 = 0;
  std::int32_t s20 = 0, s21 = 0, s22 = 0, s23 = 0, s24 = 0, s25 = 0, s26 = 0, s27 = 0, s28 = 0, s29 = 0;
  std::int32_t s30 = 0, s31 = 0, s32 = 0, s33 = 0, s34 = 0, s35 = 0, s36 = 0, s37 = 0, s38 = 0;
  std::int32_t größe = 0;
};

class MESHWA_INTERFACE Grüßer {
 public:
  virtual ~Grüßer() = default;
  virtual Grüße grüß(Grüße ä) = 0;
  virtual Zeile zeile(Zeile z) = 0;
};

class MESHWA_INTERFACE Größer {
 public:
  virtual ~Größer() = default;
  virtual std::int32_t größe() = 0;
};

}  // namespace shapes
