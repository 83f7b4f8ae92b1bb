#include <gtest/gtest.h>

#include <boost/hana/adapt_struct.hpp>
#include <meshwa/meshwa.hpp>

// Messages adapted by hand, as `meshwa gen` will do for every MESHWA_MESSAGE.
namespace shop {
enum class Kind { book, music };

struct MESHWA_MESSAGE Money {
  std::string currency_code;
  int64_t units = 0;
  int32_t nanos = 0;
};

struct MESHWA_MESSAGE Line {
  std::string sku;
  Money price;
  std::optional<std::string> note;
  std::map<std::string, std::vector<int>> tags;
  std::variant<int, std::string> extra;
  Kind kind = Kind::book;
};

struct MESHWA_MESSAGE Cart {
  std::vector<Line> lines;
  meshwa::Owned<std::string> blob;
  meshwa::Shared<Money> total;
};

struct MESHWA_MESSAGE Tree {  // recursive messages are fine
  std::vector<Tree> children;
  int value = 0;
};

struct MESHWA_MESSAGE Leaky {
  std::vector<Line> lines;
  std::map<std::string, std::string_view> index;
};

struct MESHWA_MESSAGE Callback {
  std::optional<std::function<void()>> on_done;
};

struct NotAMessage {
  int x = 0;
};

struct MESHWA_MESSAGE HoldsPlain {
  std::vector<NotAMessage> plain;
};

inline constexpr auto kOnDone = [](int code) { return code == 0; };
struct MESHWA_MESSAGE HoldsLambda {
  std::vector<std::remove_const_t<decltype(kOnDone)>> handlers;
};

// Callable like a lambda, but a class of the program: not a message.
struct Functor {
  bool operator()(int code) const { return code == 0; }
};
// A class template whose argument is a lambda is still that class.
template <class F>
struct Holder {
  F f;
};
}  // namespace shop

BOOST_HANA_ADAPT_STRUCT(shop::Money, currency_code, units, nanos);
BOOST_HANA_ADAPT_STRUCT(shop::Line, sku, price, note, tags, extra, kind);
BOOST_HANA_ADAPT_STRUCT(shop::Cart, lines, blob, total);
BOOST_HANA_ADAPT_STRUCT(shop::Tree, children, value);
BOOST_HANA_ADAPT_STRUCT(shop::Leaky, lines, index);
BOOST_HANA_ADAPT_STRUCT(shop::Callback, on_done);
BOOST_HANA_ADAPT_STRUCT(shop::HoldsPlain, plain);
BOOST_HANA_ADAPT_STRUCT(shop::HoldsLambda, handlers);

namespace {
struct Clock {
  virtual ~Clock() = default;
};

// Values of DESIGN.md's table.
static_assert(meshwa::crossable<int>);
static_assert(meshwa::crossable<double>);
static_assert(meshwa::crossable<shop::Kind>);
static_assert(meshwa::crossable<std::string>);
static_assert(meshwa::crossable<std::vector<std::optional<std::map<std::string, int>>>>);
static_assert(meshwa::crossable<shop::Money>);
static_assert(meshwa::crossable<shop::Line>);
static_assert(meshwa::crossable<shop::Cart>);
static_assert(meshwa::crossable<shop::Tree>);
static_assert(meshwa::crossable<meshwa::Ref<Clock>>);
static_assert(meshwa::crossable<meshwa::Result<shop::Money>>);
static_assert(meshwa::crossable<meshwa::Result<void>>);
static_assert(meshwa::crossable<std::shared_ptr<const shop::Money>>);
static_assert(meshwa::crossable_param<const shop::Money&>);
static_assert(meshwa::crossable_result<void>);

// Everything else is rejected.
static_assert(!meshwa::crossable<int*>);
static_assert(!meshwa::crossable<__int128>);  // JSON numbers are at most 64-bit
static_assert(!meshwa::crossable<std::vector<unsigned __int128>>);
static_assert(meshwa::crossable<long double>);  // its JSON is exact (meshwa/gen/json.hpp)
static_assert(!meshwa::crossable<int&>);
static_assert(!meshwa::crossable_param<shop::Money&>);
static_assert(!meshwa::crossable_param<shop::Money&&>);
static_assert(!meshwa::crossable_result<const shop::Money&>);
static_assert(!meshwa::crossable<std::string_view>);
static_assert(!meshwa::crossable<std::span<int>>);
static_assert(!meshwa::crossable<std::vector<int>::iterator>);
static_assert(!meshwa::crossable<std::function<void()>>);
static_assert(!meshwa::crossable<std::shared_ptr<shop::Money>>);
static_assert(!meshwa::crossable<std::unique_ptr<int>>);
static_assert(!meshwa::crossable<int[3]>);
static_assert(!meshwa::crossable<shop::Leaky>);
static_assert(!meshwa::crossable<shop::Callback>);
static_assert(!meshwa::crossable<shop::NotAMessage>);
static_assert(!meshwa::crossable<shop::HoldsPlain>);
static_assert(!meshwa::crossable<shop::HoldsLambda>);
static_assert(!meshwa::crossable<meshwa::Owned<std::string_view>>);
static_assert(!meshwa::crossable<std::tuple<int, char*>>);

TEST(Crossable, ReasonsNameTheMemberPathInTheUsersTerms) {
  EXPECT_EQ(meshwa::why_not_crossable<shop::Money>(), "");
  EXPECT_EQ(meshwa::why_not_crossable<shop::Leaky>(),
            "shop::Leaky.index[] is a view (std::string_view / std::span) into memory the receiver does not own; "
            "use std::string / std::vector (only a parameter may borrow, as a `const T&`)");
  EXPECT_EQ(meshwa::why_not_crossable<shop::Callback>(),
            "shop::Callback.on_done? is a std::function; code cannot cross a boundary, pass a meshwa::Ref<I> instead");
  EXPECT_EQ(meshwa::why_not_crossable<shop::HoldsPlain>(),
            "shop::HoldsPlain.plain[] is a class that is not a message; mark it MESHWA_MESSAGE (meshwa gen adapts it) "
            "or use a crossable type in its place (a class marked MESHWA_MESSAGE already is adapted by the generated "
            "header <unit>.messages.hpp of the unit that declares it: include that header before checking it)");
  EXPECT_EQ(meshwa::why_not_crossable<shop::HoldsLambda>(),
            "shop::HoldsLambda.handlers[] is a lambda; code cannot cross a boundary, pass a meshwa::Ref<I> to an "
            "interface instead");
  EXPECT_EQ(meshwa::why_not_crossable<shop::Functor>(),
            "shop::Functor is a class that is not a message; mark it MESHWA_MESSAGE (meshwa gen adapts it) "
            "or use a crossable type in its place (a class marked MESHWA_MESSAGE already is adapted by the generated "
            "header <unit>.messages.hpp of the unit that declares it: include that header before checking it)");
  EXPECT_NE(meshwa::why_not_crossable<shop::Holder<std::remove_const_t<decltype(shop::kOnDone)>>>().find(
                " is a class that is not a message;"),
            std::string::npos);
  using Pair = std::tuple<int, char*>;
  EXPECT_EQ(meshwa::why_not_crossable<Pair>().substr(0, 40), "std::tuple<int, char *>.1 is a raw point");
  EXPECT_EQ(meshwa::why_not_crossable<std::shared_ptr<shop::Money>>(),
            "std::shared_ptr<shop::Money> is a std::shared_ptr to mutable data; use meshwa::Shared<T> "
            "(immutable, shared)");
}

}  // namespace
