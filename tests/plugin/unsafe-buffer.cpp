// meshwa-unsafe-buffer: pointer arithmetic, raw-pointer indexing, C-array
// indexing not proven in bounds, C arrays decaying to pointers.
#include <algorithm>
#include <utility>
#include <cassert>
#include <array>
#include <cstdarg>
#include <bitset>
#include <deque>
#include <map>
#include <optional>
#include <ranges>
#include <charconv>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <regex>
#include <exception>
#include <execution>
#include <iterator>
#include <istream>
#include <list>
#include <unordered_map>
#include <unordered_set>
#include <valarray>
#include <forward_list>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <queue>
#include <stack>
#include <memory>
#include <numeric>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

int rejected(int* p, int n) { // expected-note 5 {{'p' is a raw pointer declared here}}
  int total = p[2];           // expected-error {{indexing a raw pointer is not bounds-checked; keep the elements in a std::vector or std::array and index that (operator[] is checked under -D_GLIBCXX_ASSERTIONS) [meshwa-unsafe-buffer]}}
  total += *(p + n);          // expected-error {{pointer arithmetic is not bounds-checked}}
  p += 1;                     // expected-error {{pointer arithmetic is not bounds-checked}}
  ++p;                        // expected-error {{incrementing or decrementing a pointer is not bounds-checked}}
  int a[8] = {};              // expected-note 4 {{'a' is a C array declared here}}
  total += a[n];              // expected-error {{indexing a C array with an index not known to be in bounds}}
  total += a[n % 8];          // expected-error {{indexing a C array with an index not known to be in bounds}}
  total += *(a + 1);          // expected-error {{pointer arithmetic is not bounds-checked}}
  int* q = a;                 // expected-error {{this C array decays to a pointer that has lost its size}}
  (void)q;
  return total + 3[p];        // expected-error {{indexing a raw pointer is not bounds-checked}}
}

int smart_arrays(int n) {
  auto values = std::make_unique<int[]>(4);
  std::shared_ptr<int[]> shared(std::make_shared<int[]>(4));
  return values[n] + shared[n];     // expected-error {{indexing a std::unique_ptr<T[]> is not bounds-checked (the pointer knows no size); use std::vector<T> [meshwa-unsafe-buffer]}} \
                                    // expected-error {{indexing a std::shared_ptr<T[]> is not bounds-checked}}
}

int pointer_and_length(std::vector<int>& v, const std::string& s) {
  std::span<int> all(v.data(), 100);               // expected-error {{building a std::span from a pointer (or an iterator) and a length trusts the length, which nobody checks against the buffer; build it from the container itself (it knows its size), or use .substr / .subspan / .first(n), which check [meshwa-unsafe-buffer]}}
  std::span<int> from_begin(v.begin(), 100);       // expected-error {{building a std::span from a pointer (or an iterator) and a length}}
  std::span deduced{v.begin(), 100};               // expected-error {{building a std::span from a pointer (or an iterator) and a length}}
  std::span<int> between(v.begin(), v.end());      // two iterators: the range is the container's
  std::vector<int> counted(5, 1);                  // a count and a value, not a buffer
  std::string_view head(s.data(), 100);            // expected-error {{building a std::string_view from a pointer and a length}}
  std::string copy(s.c_str(), 100);                // expected-error {{building a std::string from a pointer and a length}}
  std::span<int> checked(v);
  std::string_view view = s;
  std::string literal("literal", 3);
  std::string_view whole_literal("abc", 4);        // its characters and the terminator
  std::string_view past_literal("abc", 10);        // expected-error {{building a std::string_view from a pointer and a length}}
  int parsed = 0;
  std::from_chars(s.data(), s.data() + s.size(), parsed);  // the container's own end
  std::from_chars(s.data(), s.data() + v.size(), parsed);  // expected-error {{pointer arithmetic is not bounds-checked}}
  std::from_chars(s.data(), s.data() + static_cast<std::ptrdiff_t>(s.size()), parsed);  // the same end, cast as wide
  std::from_chars(s.data(), s.data() + static_cast<std::uint8_t>(s.size()), parsed);  // expected-error {{pointer arithmetic is not bounds-checked}}
  // The year of a date: from_chars takes pointers only, so the remedy is the
  // accepted whole-range form over the part cut out, not "iterators".
  std::from_chars(s.data(), s.data() + 4, parsed);  // expected-error {{pointer arithmetic is not bounds-checked; std::from_chars takes its range as two pointers: hand it a whole string's, s.data() and s.data() + s.size() (accepted), cutting the part out first (std::string_view part = std::string_view(s).substr(0, 4);)}}
  const std::string_view year = std::string_view(s).substr(0, 4);
  std::from_chars(year.data(), year.data() + year.size(), parsed);
  std::array<char, 8> digits{};
  std::to_chars(digits.data() + 1, digits.data() + digits.size(), parsed);  // expected-error {{pointer arithmetic is not bounds-checked; std::to_chars takes its range as two pointers}}
  const int* first = v.data();  // expected-note {{'first' is a raw pointer declared here}}
  (void)(first + 2);  // expected-error {{pointer arithmetic is not bounds-checked; use a container (std::vector, std::array, std::string) with indices or iterators instead}}
  return static_cast<int>(all.size() + head.size() + copy.size() + checked.first(1).size() + view.substr(0, 1).size() +
                          literal.size() + whole_literal.size() + past_literal.size() + from_begin.size() + deduced.size() + between.size() + counted.size());
}

// A constant count no larger than what the pointer is known to have in
// front of it (a C array's length, a std::array's size), or 0, reads
// nothing outside: the pointer form of what the container would give.
std::size_t known_extent(std::vector<int>& v, int n) {
  int table[8] = {};                               // expected-note 2 {{'table' is a C array declared here}}
  std::array<char, 8> name{};
  std::span<int> whole(table, 8);
  std::span<int> head(table, 3);
  std::string_view prefix(name.data(), 4);
  std::string first_two(name.data(), 2);
  std::span<int> none(v.data(), 0);
  std::array<int, 4> quad{};
  std::span<int> from_begin(quad.begin(), 4);
  std::span<int> past_begin(quad.begin(), 5);      // expected-error {{building a std::span from a pointer (or an iterator) and a length}}
  std::span<int> past(table, 9);                   // expected-error {{building a std::span from a pointer (or an iterator) and a length}} expected-error {{this C array decays to a pointer}}
  std::span<int> runtime(table, static_cast<std::size_t>(n));  // expected-error {{building a std::span from a pointer (or an iterator) and a length}} expected-error {{this C array decays to a pointer}}
  std::string_view long_prefix(name.data(), 9);    // expected-error {{building a std::string_view from a pointer and a length}}
  return whole.size() + head.size() + prefix.size() + first_two.size() + none.size() + past.size() + runtime.size() +
         long_prefix.size() + from_begin.size() + past_begin.size();
}

// A C array and the array plus its own length, given to a standard
// function's (first, last) parameters: std::begin(arr), std::end(arr) by
// another spelling. Another offset, another array, either end alone or
// parameters that are no range (std::copy's output) stay rejected.
std::size_t whole_array_range(std::vector<int>& c, int* out) {
  int arr[] = {501, 502, 503};                     // expected-note 7 {{'arr' is a C array declared here}}
  int other[3] = {};                               // expected-note {{'other' is a C array declared here}}
  c.insert(c.begin(), arr, arr + std::size(arr));
  c.insert(c.begin(), std::begin(arr), std::end(arr));
  std::vector<int> by_sizeof(arr, arr + sizeof arr / sizeof *arr);
  std::vector<int> by_bound(arr, 3 + arr);
  std::vector<int> part(arr, arr + 2);             // expected-error {{this C array decays to a pointer}} expected-error {{pointer arithmetic is not bounds-checked}}
  std::vector<int> past(arr, arr + 4);             // expected-error {{this C array decays to a pointer}} expected-error {{pointer arithmetic is not bounds-checked}}
  std::vector<int> mixed(arr, other + std::size(other));  // expected-error {{this C array decays to a pointer}} expected-error {{pointer arithmetic is not bounds-checked}}
  std::copy(std::begin(arr), std::end(arr) - 1, arr + std::size(arr));  // expected-error 2 {{pointer arithmetic is not bounds-checked}}
  int* end = arr + std::size(arr);                 // expected-error {{pointer arithmetic is not bounds-checked}}
  *out = *end;
  return by_sizeof.size() + by_bound.size() + part.size() + past.size() + mixed.size();
}

// std::basic_string names its pair `__beg` / `__end` (constructor, insert)
// and `__k1` / `__k2` (replace): the whole array is as good a range there.
// Another offset stays rejected.
std::size_t whole_array_string(std::string& t) {
  char text[] = {'a', 'b', 'c'};                   // expected-note 4 {{'text' is a C array declared here}}
  int codes[] = {97, 98};
  std::string built(text, text + 3);
  std::string sized(text, text + std::size(text));
  std::wstring wide(codes, codes + std::size(codes));
  t.insert(t.begin(), text, text + sizeof text);
  t.replace(t.begin(), t.end(), text, text + 3);
  t.assign(text, text + 3);
  t.append(text, text + std::size(text));
  std::string part(text, text + 2);                // expected-error {{this C array decays to a pointer}} expected-error {{pointer arithmetic is not bounds-checked}}
  t.insert(t.begin(), text, text + 4);             // expected-error {{this C array decays to a pointer}} expected-error {{pointer arithmetic is not bounds-checked}}
  return built.size() + sized.size() + wide.size() + part.size();
}

// A length that is the distance from the very pointer the view starts at
// (`p - buf.data()`, p from std::to_chars over buf) is the (first, last)
// pair by another spelling, accepted as that pair is; another start, or
// a distance between other pointers, is not.
std::size_t distance_as_length(int value, const std::vector<char>& v, std::size_t n) {
  std::array<char, 16> buf{};
  auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  std::string printed(buf.data(), ptr - buf.data());
  std::string_view view(buf.data(), static_cast<std::size_t>(ptr - buf.data()));
  std::string_view shifted(v.data(), ptr - buf.data());  // expected-error {{building a std::string_view from a pointer and a length}}
  std::string_view runtime(buf.data(), n);               // expected-error {{building a std::string_view from a pointer and a length}}
  return printed.size() + view.size() + shifted.size() + runtime.size() + (ec == std::errc{} ? 0 : 1);
}

// The same distance held in a local that nothing writes, when the view starts
// in a std::array (whose size never changes); not into a
// vector, which may shrink between the two, nor a length written again.
std::size_t distance_held_as_length(int value, std::vector<char>& grown) {
  std::array<char, 16> buf{};
  auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  const auto length = static_cast<std::size_t>(ptr - buf.data());
  std::string printed(buf.data(), length);
  std::array<char, 16> digits{};
  const auto r = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  const std::ptrdiff_t written = r.ptr - digits.data();
  std::string_view view(digits.data(), static_cast<std::size_t>(written));
  const auto g = std::to_chars(grown.data(), grown.data() + grown.size(), value);
  const auto in_vector = static_cast<std::size_t>(g.ptr - grown.data());
  grown.clear();
  std::string_view stale(grown.data(), in_vector);  // expected-error {{building a std::string_view from a pointer and a length}}
  auto changed = static_cast<std::size_t>(ptr - buf.data());
  changed += 8;
  std::string past(buf.data(), changed);            // expected-error {{building a std::string from a pointer and a length}}
  return printed.size() + view.size() + stale.size() + past.size() + (ec == std::errc{} ? 0 : 1);
}

// A const array of characters initialised from a string literal is a named
// literal: its terminator is there and nothing can overwrite it, so its
// decay into a reader of text is accepted like the literal's. A mutable
// buffer's is not (its terminator can be overwritten), nor a view with a
// count past the array.
constexpr char kServiceName[] = "svc";
static const char kRequestLine[16] = "GET ";
void take_text(std::string_view text);
std::size_t named_literals() {
  take_text(kServiceName);
  std::string copy = kRequestLine;
  char editable[] = "mutable";                      // expected-note {{'editable' is a C array declared here}}
  take_text(editable);                              // expected-error {{this C array decays to a pointer that has lost its size}}
  std::string_view too_long(kServiceName, 10);      // expected-error {{building a std::string_view from a pointer and a length}}
  (void)too_long;
  return copy.size();
}

// A va_list is an array type on x86-64: handed to va_start, va_arg and
// va_end it is banned-function's (the va_list itself), not a decay.
int first_vararg(int count, ...) {
  va_list args;
  va_start(args, count);
  const int first = va_arg(args, int);
  va_end(args);
  return first;
}

// A constant index the compiler can see is past the end of a container
// whose size it knows (a std::array, a static-extent std::span, a local
// std::vector or std::string made with a constant count that nothing
// changes). A string's terminator, s[s.size()], is readable; .at() throws.
int past_the_end(std::array<int, 4>& a, std::span<int, 3> s, int i) {
  int t = a[4];                  // expected-error {{index 4 is past the end of 'a', which has 4 elements: -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reaches past the buffer); use an index below 4, or .at(i), which throws [meshwa-unsafe-buffer]}}
  t += s[3];                     // expected-error {{index 3 is past the end of 's', which has 3 elements}}
  std::vector<int> v(3);
  t += v[3];                     // expected-error {{index 3 is past the end of 'v', which has 3 elements}}
  std::string text(2, 'x');
  t += text[2] + text[1];        // the terminator and the last character
  text[2] = 'y';                 // expected-error {{this writes the terminator of 'text' (index 2 of a string of 2 characters): anything but '\0' there is undefined behaviour, and -D_GLIBCXX_ASSERTIONS does not catch it; append with push_back or +=, or size the string first (resize) [meshwa-unsafe-buffer]}}
  std::string none;
  none[0] += 1;                  // expected-error {{this writes the terminator of 'none' (index 0 of an empty string)}}
  text[2] = '\0';                // the terminator's own value: fine
  std::string grown = "abc";
  std::string& shared = grown;
  shared[shared.size()] = '!';   // expected-error {{this writes the terminator of 'shared' (index shared.size())}}
  text[1] = 'z';
  t += a[3] + a[i] + s[2] + v[2] + a.at(4);
  return t;
}
// The same through a local that holds a constant, and the index size():
// one past the last element whatever the size (a string's is its terminator).
int past_the_end_sized(const std::array<int, 4>& a, const std::vector<int>& w, std::span<const int> s,
                       const std::string& text) {
  const int last = 4;
  int t = a[last];               // expected-error {{index 4 is past the end of 'a', which has 4 elements}}
  t += w[w.size()];              // expected-error {{index w.size() is one past the last element of 'w', whatever its size: -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reaches past the buffer); the last element is at size() - 1 (w.back(), after checking that it is not empty) [meshwa-unsafe-buffer]}}
  t += s[std::size(s)];          // expected-error {{index s.size() is one past the last element of 's'}}
  const std::string_view view = text;
  t += view[view.size()];        // expected-error {{index view.size() is one past the last element of 'view'}}
  const std::string word = "abc";
  t += word[4];                  // expected-error {{index 4 is past the end of 'word', which has 3 elements}}
  std::string cut = "a\0bc";     // one character, up to the NUL
  t += cut[2];                   // expected-error {{index 2 is past the end of 'cut', which has 1 element}}
  std::string grows = "ab";
  grows += "cd";
  t += word[3] + word[2] + grows[3];  // the terminator, the last, and a string that grew
  int first = 0;
  t += a[first] + text[text.size()] + w[w.size() - 1] + w[a.size()] + (sizeof w[w.size()] > 0 ? 1 : 0);
  return t;
}
// Through integer casts (`static_cast<std::size_t>(i)`, as code indexing
// with an int writes it, and narrowing ones): the constants as the casts
// give them, one after the other: -1 a huge index, 260 through an 8-bit
// type 4.
int past_the_end_through_a_cast(int k) {
  std::array<int, 4> a{};
  int ten = 10;
  int t = a[static_cast<std::size_t>(ten)];  // expected-error {{index 10 is past the end of 'a', which has 4 elements}}
  int none = -1;
  t += a[static_cast<std::size_t>(none)];    // expected-error {{index 18446744073709551615 is past the end of 'a', which has 4 elements}}
  int three = 3;
  t += a[static_cast<std::size_t>(three)];
  int guarded = 10;
  if (k != 0) guarded = 2;
  if (guarded < 4) t += a[static_cast<std::size_t>(guarded)];
  long long wide = 5;
  t += a[static_cast<unsigned char>(wide) % 4];
  int four = 4;
  t += a[static_cast<std::uint8_t>(four)];   // expected-error {{index 4 is past the end of 'a', which has 4 elements}}
  long seven = 7;
  t += a[(int)seven];                        // expected-error {{index 7 is past the end of 'a', which has 4 elements}}
  int wraps = 260;
  t += a[static_cast<std::uint8_t>(wraps)];  // expected-error {{index 4 is past the end of 'a', which has 4 elements}}
  long long below = -1;
  t += a[static_cast<int>(below)];           // expected-error {{index -1 is before the start of 'a', which has 4 elements}}
  std::vector<int> v(3);
  std::size_t n = 3;
  t += v[static_cast<std::uint16_t>(n)];     // expected-error {{index 3 is past the end of 'v', which has 3 elements}}
  int wraps_inside = 259;                    // 3 through std::uint8_t
  t += a[static_cast<std::uint8_t>(wraps_inside)] + a[static_cast<short>(three)];
  for (int i = 0; i <= 4; ++i) t += a[static_cast<std::uint8_t>(i)];  // expected-error {{the last iteration of this loop reads 'a' at 4}} expected-note {{the loop's condition lets the index reach 4}}
  for (int i = 250; i < 260; ++i) t += a[static_cast<std::uint8_t>(i)];  // wraps to 0 .. 3 at the end: not judged
  int c[4] = {};
  int two = 2;
  t += c[static_cast<short>(two)];           // a C array's constant index, through the cast too
  return t;
}
// The count a local was built with, as the index: one past the last
// element whatever the count (`buf[len] = 0` after `buf(len)`).
int past_the_end_built_count(std::size_t len, int n, int m) {
  std::vector<char> buf(len);    // expected-note {{'buf' is built with len elements here}}
  buf[len] = 0;                  // expected-error {{index len is the size 'buf' was built with, one past its last element: -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reaches past the buffer); the last element is at len - 1, or build it with len + 1 elements [meshwa-unsafe-buffer]}}
  std::vector<int> filled(n, 7); // expected-note {{'filled' is built with n elements here}}
  int t = filled[n];             // expected-error {{index n is the size 'filled' was built with}}
  std::string line(len, ' ');
  line[len] = 'x';               // expected-error {{this writes the terminator of 'line' (index len)}}
  line[len] = '\0';              // the terminator's own value: fine
  t += line[len];                // reading the terminator: fine
  std::vector<char> room(len + 1);
  room[len] = 0;                 // built with one more
  t += filled[n - 1] + filled[m];
  std::vector<int> grown(n);
  grown.push_back(1);            // its size changed
  t += grown[n];
  int k = n;
  std::vector<int> shrunk(k);
  --k;                           // the index changed
  t += shrunk[k];
  return t + buf[len - 1];
}

// An off-by-one loop whose last iteration surely indexes past the end: `<=`
// the size, or a constant bound past a std::array's N.
int off_by_one(const std::vector<int>& v, std::array<int, 4>& a, std::vector<int>& grown, bool stop) {
  int t = 0;
  for (std::size_t i = 0; i <= v.size(); ++i) t += v[i];  // expected-error {{the last iteration of this loop reads 'v' at 'v.size()', past its last element: -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reaches past the buffer); stop the loop before the size (`i < v.size()`), or iterate with a range-for [meshwa-unsafe-buffer]}} expected-note {{the loop's condition lets the index reach 'v.size()'}}
  for (int i = 0; i < 5; i++) {
    a[i] = i;                                             // expected-error {{the last iteration of this loop reads 'a' at 4, past its last element}}
  }                                                       // expected-note@-2 {{the loop's condition lets the index reach 4}}
  // Stopped before the end, left early, guarded, stepped in the body, or a
  // container the body may grow: fine, or not known.
  for (std::size_t i = 0; i < v.size(); ++i) t += v[i];
  for (int i = 0; i < 4; ++i) t += a[i];
  for (std::size_t i = 0; i <= v.size(); ++i) {
    if (i == v.size()) break;
    t += v[i];
  }
  for (std::size_t i = 0; i <= v.size(); ++i) t += i < v.size() ? v[i] : 0;
  for (std::size_t i = 0; i <= v.size(); ++i) {
    if (stop) return t;
    t += v[i];
  }
  for (std::size_t i = 0; i <= grown.size(); ++i) {
    grown.push_back(1);
    t += grown[i];
  }
  for (int i = 0; i <= 4; ++i) {
    t += a[i];
    ++i;
  }
  for (std::size_t i = 1; i <= v.size(); ++i) t += v[i - 1];
  return t;
}
struct Queue {
  std::vector<int> items;
  void process(int x) { if (x > 0) items.push_back(x - 1); }
  void drain() {
    for (std::size_t i = 0; i <= items.size(); ++i) process(items[i]);  // a member: process() may grow it
  }
};

// A function, constructor or operator its author marked
// [[clang::unsafe_buffer_usage]] (on any declaration): calling it is
// unchecked buffer access by the author's own word. Its safe overload, the
// same name without the mark in a derived class, and unevaluated operands
// are accepted.
[[clang::unsafe_buffer_usage]] void copy_raw(std::vector<int>& dst, int n);  // expected-note {{marked [[clang::unsafe_buffer_usage]] here}}
void copy_raw(std::vector<int>& dst, std::span<const int> src);
void copy_later(int n);
[[clang::unsafe_buffer_usage]] void copy_later(int n);  // expected-note {{marked [[clang::unsafe_buffer_usage]] here}}
struct RawSink {
  virtual ~RawSink() = default;
  [[clang::unsafe_buffer_usage]] virtual void flush() {}  // expected-note {{marked [[clang::unsafe_buffer_usage]] here}}
};
struct CheckedSink : RawSink {
  void flush() override {}
};
struct RawCursor {
  RawCursor() = default;
  [[clang::unsafe_buffer_usage]] explicit RawCursor(int offset) : at(offset) {}  // expected-note 2 {{marked [[clang::unsafe_buffer_usage]] here}}
  int at = 0;
};
struct HoldsCursor {
  HoldsCursor() : cursor(3) {}  // expected-error {{'RawCursor::RawCursor' is marked [[clang::unsafe_buffer_usage]]}}
  RawCursor cursor;
};
void marked_unsafe(std::vector<int>& v, RawSink& raw, CheckedSink& checked) {
  copy_raw(v, 3);                         // expected-error {{'copy_raw' is marked [[clang::unsafe_buffer_usage]]: its author says it reads or writes memory without checking the bounds; call a bounds-checked alternative (an overload taking a std::span or a container) [meshwa-unsafe-buffer]}}
  copy_raw(v, std::span<const int>(v));
  copy_later(1);                          // expected-error {{'copy_later' is marked [[clang::unsafe_buffer_usage]]}}
  raw.flush();                            // expected-error {{'RawSink::flush' is marked [[clang::unsafe_buffer_usage]]}}
  checked.flush();
  RawCursor c(2);                         // expected-error {{'RawCursor::RawCursor' is marked [[clang::unsafe_buffer_usage]]}}
  RawCursor fine;
  (void)sizeof(RawCursor(4));
  (void)c;
  (void)fine;
}

// The same in a template, judged per instantiation: a C array of N
// elements with the count N (or less) is accepted, with N + 1 it is not.
template <std::size_t N>
std::span<const int> all_of(const int (&a)[N]) {
  return std::span<const int>(a, N);
}
template <std::size_t N>
std::string_view text_of(const char (&a)[N]) {
  return std::string_view(a, N - 1);
}
template <std::size_t N>
std::span<const int> one_past(const int (&a)[N]) {  // expected-note {{'a' is a C array declared here}}
  return std::span<const int>(a, N + 1);  // expected-error {{building a std::span from a pointer (or an iterator) and a length}} expected-error {{this C array decays to a pointer}}
}
std::size_t extents() {
  static const int kThree[3] = {1, 2, 3};
  return all_of(kThree).size() + text_of("hello").size() + one_past(kThree).size();  // expected-note {{in the instantiation with N = 3}}
}
// ... and in a default member initializer of a class template, in each
// specialization whose constructor runs it (it went unjudged).
template <std::size_t N>
struct Window {
  int data[N] = {};  // expected-note {{'data' is a C array declared here}}
  std::span<const int> all = std::span<const int>(data, N);
  std::span<const int> past = std::span<const int>(data, N + 1);  // expected-error {{building a std::span from a pointer (or an iterator) and a length}} expected-error {{this C array decays to a pointer}}
};
template <std::size_t N>
struct NeverBuilt {
  int data[N] = {};
  std::span<const int> past = std::span<const int>(data, N + 1);  // no NeverBuilt<N> is made: never run
};
// ... also of a class nested in a class template, in each instance of the
// outer one that constructs it.
template <std::size_t N>
struct Pane {
  struct Inner {
    int data[N] = {};  // expected-note {{'data' is a C array declared here}}
    std::span<const int> past = std::span<const int>(data, N + 1);  // expected-error {{building a std::span from a pointer (or an iterator) and a length}} expected-error {{this C array decays to a pointer}}
  };
  Inner inner;
};
std::size_t windows(const NeverBuilt<2>* none) {
  Window<3> w;  // expected-note {{in the instantiation with N = 3}}
  Window<3> again;
  Pane<2> pane;  // expected-note {{in the instantiation with N = 2}}
  return w.all.size() + w.past.size() + again.past.size() + (none != nullptr ? 1U : 0U) + pane.inner.past.size();
}

// s.data() + s.size() is accepted as the end it is: compared, a pointer
// subtracted, given to a parameter named as a range's end, held in a
// variable (raw-pointer's). Read through, indexed or given as another
// parameter (an output, a destination) it is the element past the last.
long data_plus_size_as_end(std::vector<int>& v, std::string& s, const std::string& text, const char* p) {
  long out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  const std::string rest(p, text.data() + text.size());
  const bool at_end = p == text.data() + text.size();
  const auto left = text.data() + text.size() - p;
  const auto found = std::find(text.data(), text.data() + text.size(), 'x');
  int past = *(v.data() + v.size());               // expected-error {{pointer arithmetic is not bounds-checked}}
  int before = (v.data() + v.size())[-1];          // expected-error {{indexing a raw pointer is not bounds-checked}}
  std::copy(v.begin(), v.end(), v.data() + v.size());  // expected-error {{pointer arithmetic is not bounds-checked}}
  std::memcpy(s.data() + s.size(), p, 1);          // expected-error {{pointer arithmetic is not bounds-checked}}
  return out + static_cast<long>(rest.size()) + at_end + left + (found == p) + past + before;
}
// std::ranges::subrange's sentinel (libstdc++'s `__s`) is a range's end:
// only that exact end; another length or a step before it stays rejected.
int data_plus_size_as_subrange_end(std::vector<int>& v, const std::vector<int>& w) {
  int n = 0;
  for (int x : std::ranges::subrange(v.data(), v.data() + v.size())) n += x;
  for (int x : std::ranges::subrange(v.data(), v.data() + w.size())) n += x;  // expected-error {{pointer arithmetic is not bounds-checked}}
  for (int x : std::ranges::subrange(v.data(), v.data() + v.size() - 1)) n += x;  // expected-error 2 {{pointer arithmetic is not bounds-checked}}
  for (int x : std::ranges::subrange(v.data() + v.size(), v.data() + v.size())) n += x;  // expected-error {{pointer arithmetic is not bounds-checked}}
  return n;
}

// The end in an arm of `?:` is used as the `?:` is; in a braced list, a
// std::pair or a std::tuple it is kept there, accepted where that object
// is held in a variable or returned (raw-pointer's). A `?:` read through,
// or a list handed to a function or an initializer_list, is not.
struct EndPair {
  const int* first;
  const int* last;
};
int through_end_pair(EndPair r);
EndPair end_pair_of(const std::vector<int>& v) { return {v.data(), v.data() + v.size()}; }
long data_plus_size_chosen_or_kept(std::vector<int>& v, const std::string& text, const char* p, bool c) {
  long out = 0;
  std::from_chars(text.data(), c ? text.data() + text.size() : p, out);
  const bool at_end = p == (c ? text.data() + text.size() : text.data());
  const char* stop = c ? text.data() + text.size() : p;
  EndPair whole{v.data(), v.data() + v.size()};
  int* both[] = {v.data(), c ? v.data() + v.size() : v.data()};
  std::array<int*, 2> ends{v.data(), v.data() + v.size()};
  std::pair<int*, int*> range{v.data(), v.data() + v.size()};
  auto [first, last] = std::make_pair(v.data(), v.data() + v.size());
  int past = *(c ? v.data() + v.size() : v.data());  // expected-error {{pointer arithmetic is not bounds-checked}}
  int passed = through_end_pair({v.data(), v.data() + v.size()});  // expected-error {{pointer arithmetic is not bounds-checked}}
  std::vector<int*> listed{v.data(), v.data() + v.size()};  // expected-error {{pointer arithmetic is not bounds-checked}}
  return out + at_end + (stop == p) + (whole.first == whole.last) + (both[0] == both[1]) + (ends[0] == ends[1]) +
         (range.first == range.second) + (first == last) + past + passed + static_cast<long>(listed.size());
}

// s.data() + s.size() where s is a local reference (to a map's value, a
// range-for element): the same reference on both sides is one object.
long end_through_local_references(std::map<int, std::string>& m, const std::vector<std::string>& lines) {
  long out = 0;
  const std::string& found = m.at(1);
  std::from_chars(found.data(), found.data() + found.size(), out);
  auto& slot = m[2];
  std::from_chars(slot.data(), slot.data() + slot.size(), out);
  for (const std::string& line : lines) std::from_chars(line.data(), line.data() + line.size(), out);
  for (auto it = m.begin(); it != m.end(); ++it) {
    const std::string& value = it->second;
    std::from_chars(value.data(), value.data() + value.size(), out);
    std::from_chars(value.data(), value.data() + found.size(), out);  // expected-error {{pointer arithmetic is not bounds-checked}}
  }
  return out;
}

int stepping(std::vector<int>& v) {
  int* p = v.data();                               // expected-note 3 {{'p' is a raw pointer declared here}}
  int total = *std::next(p, 50);                   // expected-error {{std::next on a raw pointer is pointer arithmetic: nothing checks that the result stays in the buffer; use the container's iterators, or an index [meshwa-unsafe-buffer]}}
  total += *std::prev(p);                          // expected-error {{std::prev on a raw pointer is pointer arithmetic}}
  std::advance(p, 2);                              // expected-error {{std::advance on a raw pointer is pointer arithmetic}}
  total += *std::next(v.begin(), 1);               // iterators: accepted
  return total;
}

// A distance between two pointers reads no memory and forms no pointer:
// accepted (the length std::to_chars wrote). Arithmetic with a pointer held
// in a library struct is still rejected; the note points at the user's
// variable, not into <charconv>.
std::size_t written_length(int value) {
  std::array<char, 16> buf{};
  auto res = std::to_chars(buf.data(), buf.data() + buf.size(), value);  // expected-note {{'res.ptr' is a raw pointer; 'res' is declared here}}
  const std::size_t length = static_cast<std::size_t>(res.ptr - buf.data());
  const char last = *(res.ptr - 1);  // expected-error {{pointer arithmetic is not bounds-checked}}
  return length + static_cast<std::size_t>(last);
}

// In a template the result of a dependent to_chars has a dependent type,
// but a pointer can only be subtracted from a pointer: the length still.
// The pointer minus a count is still arithmetic.
template <class T>
std::size_t written_length_generic(T value) {
  std::array<char, 64> buf{};
  auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  const char* start = buf.data();  // expected-note {{'start' is a raw pointer declared here}}
  const char* before = start - value;  // expected-error {{pointer arithmetic is not bounds-checked}}
  return static_cast<std::size_t>(p - buf.data()) + static_cast<std::size_t>(res.ptr - start) + (before == start ? 1 : 0);
}
std::size_t written_lengths() { return written_length_generic(7) + written_length_generic(9L); }

// std::vector<bool>'s operator[] has no bounds check in libstdc++ 12.
bool bits(std::vector<bool>& flags, std::size_t i) {
  flags[i] = true;               // expected-error {{std::vector<bool>::operator[] is not bounds-checked by this standard library, even with _GLIBCXX_ASSERTIONS; use .at(i), or a std::vector<char> [meshwa-unsafe-buffer]}}
  return flags.at(i) && flags.size() > 1;
}

// ... unless the function shows the index below the size: a guard
// `i < flags.size()` around the access (for / while / if / && / ?:), or,
// for a local vector<bool> of n elements that keeps its size, `i < n`
// (`i <= n` for n + 1 elements), with i not negative and not written
// between the test and the access (TheAlgorithms-style visited flags and
// sieves).
int bits_guarded(std::vector<bool>& flags, int n) {
  int c = 0;
  for (std::size_t i = 0; i < flags.size(); ++i) c += flags[i] ? 1 : 0;
  for (int i = 0; i < static_cast<int>(flags.size()); i++) flags[i] = false;
  for (std::size_t i = 0; i < flags.size() && flags[i]; ++i) ++c;
  std::vector<bool> seen(n, false);
  for (int i = 0; i < n; ++i) if (!seen[i]) seen[i] = true;
  std::size_t j = 0;
  while (j < seen.size()) { seen[j] = true; ++j; }
  if (j < seen.size()) c += seen[j] ? 1 : 0;
  std::vector<bool> is_prime(n + 1, true);
  for (int p = 2; p * p <= n; p++) {
    if (is_prime[p]) {
      for (int k = p * p; k <= n; k += p) is_prime[k] = false;
    }
  }
  return c;
}
// A local vector<bool> made from a braced list that keeps its size has as
// many elements as the list: `i < 3` over `{true, false, true}` (a test's
// expected results). Not a larger bound, nor once it may have shrunk.
int bits_of_a_list() {
  std::vector<bool> expected{true, false, true};
  int c = 0;
  for (int i = 0; i < 3; i++) c += expected[i] ? 1 : 0;
  return c;
}
int bits_of_a_list_overrun(bool drop) {
  std::vector<bool> expected{true, false, true};
  int c = 0;
  for (int i = 0; i < 4; i++) c += expected[i] ? 1 : 0;  // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  std::vector<bool> shrinks = {true, false};
  if (drop) shrinks.pop_back();
  for (int i = 0; i < 2; i++) c += shrinks[i] ? 1 : 0;  // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  return c;
}
// A constant index below the size of a local vector<bool> that keeps it
// (`std::vector<bool> bits(5); bits[3]`), or a local holding only such
// constants. Not one at or past the size, not one that may be another
// value, nor once the size may have shrunk. A vector only ever appended to
// has at least its push_back statements of its own block before the
// access: one in a branch, or one a goto may skip, is not counted.
int bits_at_constants(bool wide) {
  std::vector<bool> bits(5);
  bits[3] = true;
  int second = 1;
  if (wide) second = 4;
  int c = bits[0] + bits[second];
  c += bits[5];                                 // expected-error {{std::vector<bool>::operator[] is not bounds-checked}} expected-error {{index 5 is past the end of 'bits', which has 5 elements}}
  int maybe_far = 1;
  if (wide) maybe_far = 9;
  c += bits[maybe_far];                         // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  std::vector<bool> grown(5);
  grown.push_back(true);
  c += grown[5];
  c += grown[6];                                // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  std::vector<bool> pushed;
  pushed.push_back(true);
  pushed.emplace_back(false);
  if (wide) pushed.push_back(true);
  c += pushed[1];
  c += pushed[2];                               // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  std::vector<bool> resized(5);
  resized.resize(2);
  c += resized[3];                              // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  return c;
}
int bits_pushed_past_a_goto(bool skip) {
  std::vector<bool> bits;
  if (skip) goto read;
  bits.push_back(true);
read:
  return bits[0];                               // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
}
// Read through a `const T&` parameter (a copy made of it, a comparison, a
// function taking `const std::vector<bool>&`) a local keeps its size
// (gMock's PointwiseTest.WorksForVectorOfBool: `vector<bool> rhs(3,
// false); rhs[1] = true; vector<bool> lhs = rhs; ... rhs[0] = true;`);
// handed to a non-const reference, assigned or moved from, it may not.
bool same_bits(const std::vector<bool>& a, const std::vector<bool>& b);
void drop_bits(std::vector<bool>& a);
int bits_read_by_const_reference() {
  std::vector<bool> rhs(3, false);
  rhs[1] = true;
  std::vector<bool> lhs = rhs;
  int c = same_bits(lhs, rhs) ? 1 : 0;
  c += rhs == lhs;
  rhs[0] = true;
  c += rhs[2];
  c += rhs[3];                                  // expected-error {{std::vector<bool>::operator[] is not bounds-checked}} expected-error {{index 3 is past the end of 'rhs', which has 3 elements}}
  std::vector<bool> handed(3, false);
  drop_bits(handed);
  c += handed[2];                               // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  std::vector<bool> assigned(3, false);
  assigned = lhs;
  c += assigned[2];                             // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  std::vector<bool> moved(3, false);
  std::vector<bool> taken = std::move(moved);
  c += moved[0];                                // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  std::vector<bool> grown;
  grown.push_back(true);
  std::vector<bool> copy = grown;
  c += grown[0] + copy.size();
  return c;
}
// The same for the size a past-the-end index is judged against.
int past_end_after_a_copy() {
  std::vector<int> v(3);
  std::vector<int> copy = v;
  return v[3] + copy[0];                        // expected-error {{index 3 is past the end of 'v', which has 3 elements}}
}
int bits_unguarded(std::vector<bool>& flags, int n, int i, std::size_t j) {
  int c = 0;
  for (std::size_t k = 0; k <= flags.size(); ++k) c += flags[k];  // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  for (int k = -1; k < n; ++k) c += flags[k];                    // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  if (i < n) flags[i] = true;                                    // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  while (j < flags.size()) { ++j; flags[j] = true; }             // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  for (std::size_t k = 0; k < flags.size(); ++k) {
    flags.clear();
    flags[k] = true;                                             // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  }
  for (std::size_t k = 0; k < flags.size(); ++k) {
    for (int r = 0; r < 2; ++r) { flags[k] = true; ++k; }        // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  }
  std::vector<bool> shrunk(n);
  shrunk.resize(1);
  for (int k = 0; k < n; ++k) shrunk[k] = true;                  // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  const auto limit = static_cast<std::uint32_t>(n);
  std::vector<bool> wraps(limit + 1);                            // limit + 1 is 0 at UINT32_MAX
  for (std::uint32_t k = 0; k <= limit; ++k) wraps[k] = true;    // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  std::vector<bool> small(n + 1);
  for (int k = 0; k <= n; ++k) small[k] = true;
  small[1] = false;                                              // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  const auto later = [&] { return flags[j]; };                   // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  if (j < flags.size()) c += later() ? 1 : 0;
  return c;
}

// A member, a global or a referenced vector may be resized between the
// test and the access by a call that does not name it (a member function, a
// function of the program); a local one only by code that names it.
std::vector<bool> shared_flags;
void reset_flags();
struct FlagSet {
  std::vector<bool> bits;
  void clear_all();
  bool test(std::size_t i) {
    if (i < bits.size()) {
      clear_all();
      return bits[i];                                            // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
    }
    return false;
  }
  bool peek(std::size_t i) const { return i < bits.size() && bits[i]; }
};
bool bits_reached_by_calls(std::vector<bool>& flags, std::size_t i) {
  bool r = false;
  if (i < shared_flags.size()) {
    reset_flags();
    r = shared_flags[i];                                         // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  }
  if (i < flags.size()) {
    reset_flags();
    r = flags[i];                                                // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  }
  std::vector<bool> own(8);
  if (i < own.size()) {
    reset_flags();
    r = own[i];
  }
  return r;
}

// std::bitset's operator[] has no bounds check in libstdc++ 12 either (the
// non-const one makes a reference to the word holding bit i, the const one
// reads it): .test / .set / .reset check.
bool bitset_bits(std::bitset<8>& b, const std::bitset<8>& c, std::size_t i) {
  b[i] = true;                   // expected-error {{std::bitset::operator[] is not bounds-checked by this standard library, even with _GLIBCXX_ASSERTIONS; use .test(i) to read and .set(i, value) / .reset(i) to write, which check i and throw std::out_of_range [meshwa-unsafe-buffer]}}
  const bool old = c[i];         // expected-error {{std::bitset::operator[] is not bounds-checked}}
  b.set(i, c.test(i));           // checked: accepted
  return old && b.test(i) && b.count() > 0;
}

// Range views index their begin iterator with no look at their size
// (std::ranges::view_interface::operator[]), and std::views::counted trusts
// its count like std::span(it, n).
int view_indexing(std::vector<int>& v, int i) {
  auto firsts = v | std::views::take(2);
  int total = firsts[i];         // expected-error {{operator[] of a range view (std::ranges::view_interface) is not bounds-checked: it indexes the view's begin iterator without looking at the view's size; index the container itself (operator[] / .at(i)), step with std::ranges::next(it, n, end), which stops at the bound, or iterate the view [meshwa-unsafe-buffer]}}
  total += (v | std::views::take(2))[7];                      // expected-error {{operator[] of a range view}}
  total += std::ranges::subrange(v.begin(), v.end())[i];      // expected-error {{operator[] of a range view}}
  total += std::views::iota(0, 3)[5];                         // expected-error {{operator[] of a range view}}
  for (int x : std::views::counted(v.begin(), 1000)) total += x;  // expected-error {{std::views::counted(it, n) trusts n, which nobody checks against the range (it is std::span(it, n) by another name); take the view from the container itself, e.g. v | std::views::take(n), which stops at its end [meshwa-unsafe-buffer]}}
  auto counted = std::views::counted(v.data(), 3);            // expected-error {{std::views::counted(it, n) trusts n}}
  return total + static_cast<int>(counted.size());
}
struct Evens : std::ranges::view_interface<Evens> {
  std::vector<int>::iterator first, last;
  std::vector<int>::iterator begin() const { return first; }
  std::vector<int>::iterator end() const { return last; }
};
int own_view(const Evens& evens) { return evens[4]; }         // expected-error {{operator[] of a range view}}

// A view whose size nothing but its assignment changes (over a
// std::initializer_list, a std::array, a C array), indexed where the loop
// shows the index below its size: `i < rv.size()`, or counted from 0 by
// one to `i != rv.size()`. From another start, stepped otherwise, written
// in the body, or over a std::vector (which the body may shrink), rejected.
int view_index_in_loop(std::vector<int>& v, std::size_t from) {
  static constexpr auto il = {3, 1, 4, 1, 5, 9};
  std::array<int, 4> a{1, 2, 3, 4};
  std::ranges::reverse_view rv{il};
  auto ra = a | std::views::reverse;
  int total = 0;
  for (auto i{0U}; i != rv.size(); ++i) total += rv[i];
  for (std::size_t i = 0; i < ra.size(); ++i) total += ra[i];
  for (std::size_t i = from; i != rv.size(); ++i) total += rv[i];   // expected-error {{operator[] of a range view}}
  for (std::size_t i = 0; i != rv.size(); i += 2) total += rv[i];   // expected-error {{operator[] of a range view}}
  for (std::size_t i = 0; i != rv.size(); ++i) total += rv[i++];    // expected-error {{operator[] of a range view}}
  for (std::size_t i = 0; i != rv.size() + 1; ++i) total += rv[i];  // expected-error {{operator[] of a range view}}
  auto rvec = v | std::views::reverse;
  for (std::size_t i = 0; i != rvec.size(); ++i) total += rvec[i];  // expected-error {{operator[] of a range view}}
  for (std::size_t i = 0; i < rvec.size(); ++i) total += rvec[i];   // expected-error {{operator[] of a range view}}
  return total;
}

// The same `!=` loop bounds the unchecked indexes a `<` loop bounds: a
// std::vector<bool>'s and a C array's, when the counter starts at a
// constant not past the bound, steps by one, is not written in the body,
// and the bound holds still (a constant, an unwritten local, the size of
// an object the body does not resize). A start past the bound, a bound
// the body lowers, one past the end, a bound of unknown sign, a
// short counter or a body that writes the counter or resizes stay rejected.
int not_equal_loop_bound(std::vector<bool>& bits, unsigned count) {
  int cells[4] = {};                                          // expected-note 6 {{'cells' is a C array declared here}}
  int total = 0;
  for (std::size_t i = 0; i != bits.size(); ++i) total += bits[i];
  for (int i = 1; i != 4; ++i) total += cells[i];
  for (std::size_t i = 0; i != std::size(cells); ++i) total += cells[i];
  const int used = 3;
  for (int i = 0; i != used; ++i) total += cells[i];
  std::vector<bool> fixed(8);
  for (int i = 0; i != 8; ++i) total += fixed[i];
  for (int i = 0; i != 5; ++i) total += cells[i];             // expected-error {{indexing a C array}}
  for (int i = 5; i != 4; ++i) total += cells[i];             // expected-error {{indexing a C array}}
  for (int i = -1; i != 4; ++i) total += cells[i];            // expected-error {{indexing a C array}}
  unsigned limit = 4;
  for (unsigned i = 0; i != limit; ++i) {
    total += cells[i];                                        // expected-error {{indexing a C array}}
    limit = 0;
  }
  for (unsigned i = 0; i != count; ++i) total += cells[i];    // expected-error {{indexing a C array}}
  for (int i = 0; i != 4; ++i) total += cells[i++];           // expected-error {{indexing a C array}}
  for (short i = 0; i != bits.size(); ++i) total += bits[i];  // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  for (std::size_t i = 0; i != bits.size(); ++i) {
    total += bits[i];                                         // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
    bits.clear();
  }
  return total;
}

// A bound under integer conversions bounds the index when they can only
// keep it, cut it or make it negative in a signed comparison. A value that
// may be negative converted to a wider unsigned type is nearly SIZE_MAX:
// `i < (int)bits.size()` with a std::size_t i is 2^64 - 2^31 for 2^31 bits.
int converted_loop_bound(std::vector<bool>& bits) {
  int cells[4] = {};                                          // expected-note 2 {{'cells' is a C array declared here}}
  int total = 0;
  for (int i = 0; i < static_cast<int>(bits.size()); ++i) total += bits[i];
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(bits.size()); ++i) total += bits[i];
  const int four = 4;
  for (std::size_t i = 0; i < four; ++i) total += cells[i];
  for (std::size_t i = 0; i < static_cast<int>(bits.size()); ++i) total += bits[i];  // expected-error {{std::vector<bool>::operator[] is not bounds-checked}}
  const int none = -1;
  for (std::size_t i = 0; i < none; ++i) total += cells[i];   // expected-error {{indexing a C array}}
  for (std::size_t i = 0; i < static_cast<std::size_t>(-1); ++i) total += cells[i];  // expected-error {{indexing a C array}}
  return total;
}

// The size, or the count a vector was built with, under integer casts:
// one that keeps every size is the size; a narrowing one is the size
// below 2^width elements and a wrapped-around position beyond (sizes of
// 2^32 and more exist): reported either way. Below it, accepted.
int size_under_casts(std::vector<int>& v, std::size_t n) {
  int total = v[static_cast<std::uint64_t>(v.size())];                  // expected-error {{index v.size() is one past the last element of 'v', whatever its size}}
  total += v[static_cast<std::uint32_t>(v.size())];                     // expected-error {{index v.size(), narrowed to 'std::uint32_t', is one past the last element of 'v' while it is below 2^32}}
  total += v[static_cast<std::uint32_t>(v.size()) - 1];
  std::vector<int> built(n);                                            // expected-note 2 {{'built' is built with n elements here}}
  total += built[static_cast<std::uint16_t>(n)];                        // expected-error {{index n, narrowed to 'std::uint16_t', is the size 'built' was built with}}
  total += built[static_cast<std::size_t>(n)];                          // expected-error {{index n is the size 'built' was built with}}
  total += built[static_cast<std::uint16_t>(n - 1)];
  for (std::uint32_t i = 0; i <= static_cast<std::uint32_t>(v.size()); ++i) total += v[i];  // expected-error {{the last iteration of this loop reads 'v' at 'v.size()' narrowed to 'std::uint32_t' (the size below 2^32 elements)}} expected-note {{the loop's condition lets the index reach}}
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(v.size()); ++i) total += v[i];
  return total;
}
// The size held in a local that nothing writes again, of a container
// nothing resizes (a local std::vector, a std::array): the same index.
int size_held_in_local(std::vector<int>& param, std::array<int, 4>& a, std::size_t count) {
  std::vector<int> v(count);
  std::uint32_t m = (uint32_t)v.size();                                 // expected-note {{'m' holds v.size() here, and neither changes after}}
  int total = v[m];                                                     // expected-error {{index v.size(), narrowed to 'uint32_t', is one past the last element of 'v' while it is below 2^32}}
  const int cut = v.size();                                             // expected-note {{'cut' holds v.size() here}}
  total += v[cut];                                                      // expected-error {{index v.size(), narrowed to 'int', is one past the last element of 'v' while it is below 2^31}}
  const std::size_t n = a.size();                                       // expected-note {{'n' holds a.size() here}}
  total += a[n];                                                        // expected-error {{index a.size() is one past the last element of 'a', whatever its size}}
  total += v[m - 1];
  std::uint32_t written = (uint32_t)v.size();
  written = 3;
  total += v[written];
  std::uint32_t before_growth = (uint32_t)param.size();                 // a parameter may grow before the index
  param.push_back(1);
  total += param[before_growth];
  std::vector<int> grown(4);
  const std::uint32_t old_size = (uint32_t)grown.size();
  grown.resize(8);
  total += grown[old_size];
  return total;
}

// Still accepted: the checked operator[] of std::span (libstdc++ 12 asserts
// __idx < size()), std::array, std::vector, std::string, std::string_view,
// std::map, and views walked by iteration, with take()'s bound or
// ranges::next's.
int checked_indexing(std::span<int> s, std::array<int, 3>& a, std::vector<int>& v, std::string& str,
                     std::string_view sv, std::map<int, int>& m, std::size_t i) {
  int total = s[i] + a[i] + v[i] + static_cast<int>(str[i]) + static_cast<int>(sv[i]) + m[static_cast<int>(i)];
  for (int x : v | std::views::take(2)) total += x;
  for (int x : std::views::iota(0, 3)) total += x;
  auto firsts = v | std::views::take(2);
  if (auto it = std::ranges::next(firsts.begin(), 5, firsts.end()); it != firsts.end()) total += *it;
  total += s.subspan(1, 2)[0] + s.first(2)[1];
  return total;
}

// Still accepted: checked containers, constant in-bounds indices, range-for,
// iterators, string literals.
int accepted(std::vector<int>& v, const std::array<int, 4>& arr, const std::string& s) {
  int total = v[0] + arr[3] + static_cast<int>(s[0]);
  int a[4] = {1, 2, 3, 4};
  total += a[0] + a[3];
  for (int x : a) total += x;
  for (auto it = v.begin(); it != v.end(); ++it) total += *it;
  total += static_cast<int>(*(v.begin() + 1));
  std::string greeting = "hello";
  const std::string name = std::string("x") + "y";
  total += static_cast<int>(greeting.size() + name.size());
  // Two literals of one length: the conditional itself is an array of chars.
  std::string answer = total > 0 ? "ab" : "cd";
  answer += total > 1 ? "!" : "?";
  const std::string_view mood = total > 2 ? "on" : "no";
  return total + static_cast<int>(answer.size() + mood.size());
}

// A C array copied whole by the compiler: captured by value, bound by value
// in a structured binding, or a member of an implicitly copied struct. The
// copy's element loop is the compiler's and covers exactly the array; an
// index the code writes in the same lambda is still judged.
struct Triple {
  int parts[3];
};
int copied_whole(const Triple& t, int i) {
  int arr[3] = {1, 2, 3};  // expected-note {{'arr' is a C array declared here}}
  auto sum = [arr] { return arr[0] + arr[2]; };
  auto pick = [arr, i] { return arr[i]; };  // expected-error {{indexing a C array with an index not known to be in bounds}}
  auto [x, y, z] = arr;
  const Triple copy = t;
  return sum() + pick() + x + y + z + copy.parts[1];
}

// An index that depends on a template parameter's value is judged in each
// instantiation: kLevels[I - 1] is in bounds for I = 1 and 4; one with a
// run-time part is not, whatever I is.
constexpr int kLevels[4] = {1, 2, 3, 4};  // expected-note {{'kLevels' is a C array declared here}}
template <int I>
int level_ok() {
  return kLevels[I - 1];
}
int levels_ok() { return level_ok<1>() + level_ok<4>(); }
template <int I>
int level_after(int n) {
  return kLevels[I + n];  // expected-error {{indexing a C array with an index not known to be in bounds}}
}
int levels_after(int n) {
  return level_after<0>(n) + level_after<1>(n);  // expected-note {{in the instantiation with I = 0}}
}

// The loop's counter handed to a call of a dependent object in a template
// (`data[i]`, `out.push_back(i)`) may be written by it as written (an
// `operator[](int&)`); each instantiation resolves the call, and the C
// array's subscript is judged there: accepted when every instantiation
// keeps the counter as tested (Boost.Intrusive's tests).
template <class C>
void fill_from_table(C& data) {
  const int init[6] = {3, 2, 4, 1, 5, 2};
  for (int i = 0; i < 6; ++i) data[i] = init[i];     // std::vector's operator[] takes the index by value
}
struct Skipping {
  std::array<int, 12> slots{};
  int& operator[](int& i) { return slots.at(static_cast<std::size_t>(i++)); }  // writes the caller's counter
};
template <class C>
void skip_from_table(C& data) {
  const int init[6] = {3, 2, 4, 1, 5, 2};           // expected-note {{'init' is a C array declared here}}
  for (int i = 0; i < 6; ++i) data[i] = init[i];     // expected-error {{indexing a C array with an index not known to be in bounds}}
}
// The same in a member of a class nested in a class template, and in a
// lambda of a function template: instantiated anew with each instance of
// the template around them, and judged in each (left18: all_instances did
// not list those copies, and these were reported whatever they held).
template <class C>
struct Tables {
  struct Filler {
    void fill(C& data) const {
      const int init[6] = {3, 2, 4, 1, 5, 2};
      for (int i = 0; i < 6; ++i) data[i] = init[i];
    }
  };
};
template <class C>
struct SkipTables {
  struct Filler {
    void fill(C& data) const {
      const int init[6] = {3, 2, 4, 1, 5, 2};       // expected-note {{'init' is a C array declared here}}
      for (int i = 0; i < 6; ++i) data[i] = init[i];  // expected-error {{indexing a C array with an index not known to be in bounds}}
    }
  };
};
template <class C>
void fill_in_lambda(C& data) {
  const int init[6] = {3, 2, 4, 1, 5, 2};
  [&] {
    for (int i = 0; i < 6; ++i) data[i] = init[i];
  }();
}
template <class C>
void skip_in_lambda(C& data) {
  const int init[6] = {3, 2, 4, 1, 5, 2};           // expected-note {{'init' is a C array declared here}}
  [&] {
    for (int i = 0; i < 6; ++i) data[i] = init[i];   // expected-error {{indexing a C array with an index not known to be in bounds}}
  }();
}
template <class C>
void copy_from_table(C& out) {
  const int init[6] = {3, 2, 4, 1, 5, 2};           // expected-note {{'init' is a C array declared here}}
  for (int i = 0; i <= 6; ++i) out.push_back(init[i]);  // expected-error {{indexing a C array with an index not known to be in bounds}}
}
// A lambda that captures the index or the bound by reference changes it
// only if its body writes it (an assignment, ++/--, a non-const reference
// bound or handed on, its address): one that only reads it (oneTBB's
// concurrent_associative_common.h) leaves the loop's proof standing
// (left17: these were rejected once any lambda captured the local).
int index_read_by_lambda(int k) {
  int a[8] = {};
  int t = 0;
  for (int i = 0; i < 8; ++i) {
    auto shifted = [&] { return i + k; };
    t += a[i] + shifted();
  }
  return t;
}
int bound_read_by_lambda(int k) {
  int a[8] = {};
  int n = 8;
  auto below = [&] { return k < n; };
  int t = 0;
  for (int i = 0; i < n; ++i) t += a[i];
  return t + below();
}
// Rejected: a lambda that writes it, also through a nested lambda, a
// reference it binds or a call it hands the local to by reference.
void bump(int& x);
int index_written_by_lambda() {
  int a[8] = {};                                    // expected-note {{'a' is a C array declared here}}
  int t = 0;
  for (int i = 0; i < 8; ++i) {
    auto skip = [&] { ++i; };
    skip();
    t += a[i];                                      // expected-error {{indexing a C array with an index not known to be in bounds}}
  }
  return t;
}
int index_written_by_nested_lambda() {
  int a[8] = {};                                    // expected-note {{'a' is a C array declared here}}
  int t = 0;
  for (int i = 0; i < 8; ++i) {
    auto skip = [&] { [&] { i += 2; }(); };
    skip();
    t += a[i];                                      // expected-error {{indexing a C array with an index not known to be in bounds}}
  }
  return t;
}
int bound_written_by_lambda() {
  int a[8] = {};                                    // expected-note 3 {{'a' is a C array declared here}}
  int n = 8;
  auto grow = [&] { n = 20; };
  auto grow_through = [&] { int& r = n; r = 20; };
  auto grow_by_call = [&] { bump(n); };
  int t = 0;
  for (int i = 0; i < n; ++i) {
    grow();
    t += a[i];                                      // expected-error {{indexing a C array with an index not known to be in bounds}}
  }
  for (int i = 0; i < n; ++i) {
    grow_through();
    t += a[i];                                      // expected-error {{indexing a C array with an index not known to be in bounds}}
  }
  for (int i = 0; i < n; ++i) {
    grow_by_call();
    t += a[i];                                      // expected-error {{indexing a C array with an index not known to be in bounds}}
  }
  return t;
}
void tables() {
  std::vector<int> v(6);
  fill_from_table(v);
  Skipping s;
  skip_from_table(v);
  skip_from_table(s);
  copy_from_table(v);
  Tables<std::vector<int>>::Filler{}.fill(v);
  SkipTables<std::vector<int>>::Filler{}.fill(v);
  SkipTables<Skipping>::Filler{}.fill(s);
  fill_in_lambda(v);
  skip_in_lambda(v);
  skip_in_lambda(s);
}

// A counter bound to a member operator's `int&` parameter (its second
// argument: the first is the object) may be written later through the
// reference kept.
struct Keeper {
  std::function<void()> poke;
  void operator()(int& counter, const int& step) { poke = [&counter, step] { counter += step; }; }
};
int count_after_keeper(Keeper& keep) {
  const int table[5] = {1, 2, 3, 4, 5};             // expected-note {{'table' is a C array declared here}}
  int sum = 0;
  int i = 0;
  const int step = 7;
  keep(i, step);                                     // keeps a reference to i
  for (i = 0; i < 5; ++i) { keep.poke(); sum += table[i]; }  // expected-error {{indexing a C array with an index not known to be in bounds}}
  return sum;
}
// The counter handed to a `const int&` parameter (`std::map<int, int>`'s
// `operator[]` and `at`, `push_back`) is read, not written: the loop's test
// still holds at the subscript. A non-const reference, also as a member
// operator's first parameter, may write it.
struct Tally {
  int seen = 0;
  void operator()(int& counter, const int& step) { seen += step; counter += step; }
};
void bump(int& counter);
int count_from_table(std::map<int, int>& m, std::vector<int>& v, Tally& tally) {
  const int table[5] = {1, 2, 3, 4, 5};             // expected-note 2 {{'table' is a C array declared here}}
  int sum = 0;
  for (int i = 0; i < 5; ++i) { m[i] = 1; m.at(i) += 1; v.push_back(i); sum += table[i]; }
  int step = 1;
  for (int i = 0; i < 5; ++i) { tally(i, step); sum += table[i]; }  // expected-error {{indexing a C array with an index not known to be in bounds}}
  for (int i = 0; i < 5; ++i) { tally(step, i); sum += table[i]; }
  for (int i = 0; i < 5; ++i) { bump(i); sum += table[i]; }         // expected-error {{indexing a C array with an index not known to be in bounds}}
  return sum;
}

template <typename T>
T first(const std::vector<T>& values) {
  return values[0];
}
int use_first() { return first(std::vector<int>{1}); }

// The const char* constructors and assignments of std::string and
// std::string_view run strlen: over .data() of a buffer without a terminator
// they read past its end.
void take_view(std::string_view text);
void unterminated(std::vector<char>& v, std::array<char, 2>& a, std::string& s, std::string_view view,
                  const std::exception& e) {
  std::string copy(v.data());                    // expected-error {{building a std::string from a bare pointer reads up to a NUL terminator that .data() of this buffer does not have (strlen past its end); build it from the range: std::string(v.begin(), v.end()), or from a std::string's c_str() [meshwa-unsafe-buffer]}}
  std::string_view seen(a.data());               // expected-error {{building a std::string_view from a bare pointer reads up to a NUL terminator}}
  take_view(v.data());                           // expected-error {{building a std::string_view from a bare pointer}}
  s = v.data();                                  // expected-error {{building a std::string from a bare pointer}}
  s += a.data();                                 // expected-error {{building a std::string from a bare pointer}}
  s.append(view.data());                         // expected-error {{building a std::string from a bare pointer}}
  // Terminated text, counts and ranges stay accepted.
  std::string literal("text"), other(s), repeated(3, 'x'), range(v.begin(), v.end()), terminated(s.c_str());
  std::string from_data(s.data()), message(e.what());
  constexpr std::string_view kName = "name";
  std::string named(kName.data());
  literal = "x";
  literal += s.c_str();
  literal.assign(s.data());
  (void)copy; (void)seen; (void)other; (void)repeated; (void)range; (void)terminated; (void)from_data;
  (void)message; (void)named;
}

// Other readers of a C string: a `const char*` parameter with no length
// after it reads up to the NUL that .data() of these buffers does not have.
void c_strings(std::vector<char>& v, std::array<char, 8>& a, std::string_view sv, std::span<char> sp, char* dst,
               std::ostream& out) {
  std::size_t n = std::strlen(v.data());           // expected-error {{'strlen' reads this pointer as a C string, up to a NUL terminator that .data() of this buffer does not have (it reads past the end); make a terminated copy first, std::string(sv) or std::string(v.begin(), v.end()), and pass its c_str(), or call a function that also takes the length [meshwa-unsafe-buffer]}}
  n += std::strlen(&v[0]) + std::strlen(&a.front());  // expected-error 2 {{'strlen' reads this pointer as a C string}}
  out << sv.data();                                // expected-error {{'operator<<' reads this pointer as a C string, up to a NUL terminator that .data() of this buffer does not have (it reads past the end); stream the view or the range itself (out << sv, out.write(v.data(), v.size())) [meshwa-unsafe-buffer]}}
  out << "n=" << a.data() << '\n';                 // expected-error {{'operator<<' reads this pointer as a C string}}
  std::filesystem::path p(sv.data());              // expected-error {{'path' reads this pointer as a C string}}
  std::regex r(sv.data());                         // expected-error {{'basic_regex' reads this pointer as a C string}}
  n += static_cast<std::size_t>(std::atoi(v.data()) + std::strtol(sp.data(), nullptr, 10));  // expected-error {{'atoi' reads}} expected-error {{'strtol' reads}}
  n += static_cast<std::size_t>(std::strcmp(v.data(), "x"));  // expected-error {{'strcmp' reads this pointer as a C string}}
  std::strcpy(dst, a.data());                      // expected-error {{'strcpy' reads this pointer as a C string}}
  std::FILE* f = std::fopen(sv.data(), "r");       // expected-error {{'fopen' reads this pointer as a C string}}
  std::ifstream in(sv.data());                     // expected-error {{'basic_ifstream' reads this pointer as a C string}}
  const std::string copy(sv);
  const bool same = copy == v.data();              // expected-error {{'operator==' reads this pointer as a C string}}
  (void)n; (void)p; (void)r; (void)f; (void)same;
}
// Accepted: terminated text, calls that take the length too, (first, last)
// pairs, and buffers whose terminator is in sight: a const std::array from a
// literal that fits, a '\0' pushed back, a C function that writes a string
// into it (snprintf, strftime, gethostname terminate what they write).
void c_strings_accepted(std::vector<char>& v, std::array<char, 8>& a, std::string_view sv, const std::string& s,
                        char* dst, std::ostream& out) {
  std::size_t n = std::strlen(s.c_str()) + std::strlen(s.data()) + std::strlen("literal");
  out.write(v.data(), static_cast<std::streamsize>(v.size()));
  out << sv << s.c_str() << s.data();
  n += static_cast<std::size_t>(std::strncmp(v.data(), "abc", 3));
  std::memcpy(dst, v.data(), v.size());
  std::strncpy(dst, a.data(), a.size());
  int x = 0;
  std::from_chars(sv.data(), sv.data() + sv.size(), x);
  const auto last = sv.end();
  std::from_chars(sv.data(), std::to_address(last), x);
  const std::array<char, 6> greeting{"hello"};
  n += std::strlen(greeting.data());
  constexpr std::string_view kName = "name";
  n += std::strlen(kName.data());
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%d", x);
  out << buf.data();
  std::array<char, 32> day;
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  std::strftime(day.data(), day.size(), "%F", localtime_r(&now, &parts));
  const std::string when(day.data());
  std::vector<char> terminated(s.begin(), s.end());
  terminated.push_back('\0');
  n += std::strlen(terminated.data());
  (void)n; (void)when;
}

// A raw pointer made from iterator arithmetic is v.data() + n by another
// spelling; the iterator arithmetic itself stays accepted (its bound is not
// known here: guarded loops, erase(v.begin() + i), sort up to a clamped k).
int iterator_steps(std::vector<int>& v, std::array<int, 4>& a, std::size_t n, std::string& s) {
  const auto offset = static_cast<std::ptrdiff_t>(n);
  int* p = std::to_address(v.begin() + offset);   // expected-error {{a raw pointer made from iterator arithmetic (std::to_address(it + n), &*(it + n)) is pointer arithmetic by another name: nothing checks that it stays in the container; index the container (v[i], checked under _GLIBCXX_ASSERTIONS), or take a std::span of it and use .subspan(n), which checks [meshwa-unsafe-buffer]}}
  int* q = &*(v.begin() + 2);                     // expected-error {{a raw pointer made from iterator arithmetic}}
  int* r = &*std::next(v.begin(), offset);        // expected-error {{a raw pointer made from iterator arithmetic}}
  int* t = std::to_address(a.begin() + n);        // expected-error {{a raw pointer made from iterator arithmetic}}
  int x = *std::to_address(v.end() - 1);          // expected-error {{a raw pointer made from iterator arithmetic}}
  auto it = v.begin() + offset;
  for (std::size_t i = 0; i < v.size(); ++i) x += *(v.begin() + static_cast<std::ptrdiff_t>(i));
  v.erase(v.begin() + 1);
  const std::size_t k = std::min(n, v.size());
  std::sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k));
  const std::string head(s.begin(), s.begin() + 2);
  int* end = std::to_address(v.begin() + v.size());  // the end, like v.data() + v.size()
  int* first = &*v.begin();  // expected-error {{this reads the first element of 'v' through an iterator}}
  (void)p; (void)q; (void)r; (void)t; (void)it; (void)end; (void)first; (void)head;
  return x;
}

// Element 0 read through the raw pointer of .data(): v.data()[0] by
// another spelling, unchecked on an empty container.
struct Pad {
  int x = 0;
  int pad[100] = {};
};
int data_dereference(std::vector<Pad>& v, std::array<int, 0>& a, std::span<int> s, std::string& text,
                     std::vector<int>& ints, std::array<int, 4>& four, std::span<int, 2> two) {
  int n = v.data()->pad[99];                     // expected-error {{reading element 0 through the raw pointer of .data() is not checked: an empty container's data() points at nothing; use .front() (checked under -D_GLIBCXX_ASSERTIONS) or .at(0) [meshwa-unsafe-buffer]}}
  n += (*v.data()).x;                            // expected-error {{reading element 0 through the raw pointer of .data()}}
  n += *a.data() + *s.data();                    // expected-error 2 {{reading element 0 through the raw pointer of .data()}}
  n += *std::to_address(ints.end());             // expected-error {{reading through std::to_address is not checked: the iterator may be end() (one past the last element); read from the container with .front(), .back() or .at(i) [meshwa-unsafe-buffer]}}
  // The checked spellings, and a std::string's data() (never empty: its
  // terminator), stay accepted; so does .data() handed to a call.
  n += v.front().x + v.at(0).pad[1] + s.front() + *text.data();
  n += *four.data() + *two.data();  // never empty: a std::array / std::span of static size > 0
  auto owned = std::make_unique<int>(1);
  n += *std::to_address(owned);  // a smart pointer's .get(), not an iterator
  std::fill_n(ints.data(), 0, 0);
  take_view(text.data());
  return n;
}

// Iterator preconditions the library does not check.
struct Holder {
  std::vector<int> items;
  std::vector<int> spare;
  void mix() {
    items.insert(spare.begin(), 1);              // expected-error {{the position given to 'insert' is an iterator of 'spare', not of 'items': the standard library does not check it and the call writes into the other container's storage; take the position from 'items' itself [meshwa-unsafe-buffer]}}
    std::sort(items.begin(), spare.end());       // expected-error {{this range starts in 'items' and ends in 'spare'}}
    items.insert(items.end(), spare.begin(), spare.end());
    std::sort(this->items.begin(), items.end());
  }
};
int foreign_iterators(std::vector<int>& a, std::vector<int>& b, std::string& s, std::string& t, std::set<int>& set,
                      std::set<int>& other_set, std::list<int>& list, Holder& x, Holder& y) {
  a.erase(a.end());                              // expected-error {{erasing end() is not checked by the standard library: there is no element there, the size wraps around and every later bounds check of the container passes; erase the last element after testing !empty(): pop_back(), or erase(end() - 1) [meshwa-unsafe-buffer]}}
  s.erase(s.cend());                             // expected-error {{erasing end() is not checked}}
  list.erase(list.end());                        // expected-error {{erasing end() is not checked}}
  a.insert(b.begin(), 42);                       // expected-error {{the position given to 'insert' is an iterator of 'b', not of 'a'}}
  a.erase(b.begin());                            // expected-error {{the position given to 'erase' is an iterator of 'b', not of 'a'}}
  a.emplace(b.cend(), 1);                        // expected-error {{the position given to 'emplace' is an iterator of 'b', not of 'a'}}
  set.erase(other_set.begin());                  // expected-error {{the position given to 'erase' is an iterator of 'other_set', not of 'set'}}
  x.items.erase(y.items.begin());                // expected-error {{the position given to 'erase' is an iterator of 'y.items', not of 'x.items'}}
  std::vector<int> c(a.begin(), b.end());        // expected-error {{this range starts in 'a' and ends in 'b', another container: nothing checks the pair, and the walk from one runs off into memory the other does not own; take both ends from the same container, or pass the container itself as a range [meshwa-unsafe-buffer]}}
  int n = std::accumulate(a.begin(), b.end(), 0);  // expected-error {{this range starts in 'a' and ends in 'b'}}
  std::span<int> view(a.begin(), b.end());       // expected-error {{this range starts in 'a' and ends in 'b'}}
  std::string_view text(s.begin(), t.end());     // expected-error {{this range starts in 's' and ends in 't'}}
  for (int v : std::ranges::subrange(a.begin(), b.end())) n += v;  // expected-error {{this range starts in 'a' and ends in 'b'}}
  std::sort(a.rbegin(), b.rend());               // expected-error {{this range starts in 'a' and ends in 'b'}}
  std::ranges::sort(a.begin(), b.end());         // expected-error {{this range starts in 'a' and ends in 'b'}}
  a.assign(std::cbegin(b), std::cend(c));        // expected-error {{this range starts in 'b' and ends in 'c'}}
  // The same container, sub-ranges, ranges of another container inserted
  // at a position of this one, outputs into another container: accepted.
  auto& alias = a;
  std::vector<int> d(a.begin(), a.end()), e(a.begin(), a.begin() + 1), f(alias.begin(), a.end());
  n += std::accumulate(a.cbegin(), a.cend(), 0) + std::accumulate(b.rbegin(), b.rend(), 0);
  std::copy(a.begin(), a.end(), b.begin());
  std::ranges::copy(a.begin(), a.end(), std::back_inserter(b));
  n += std::equal(a.begin(), a.end(), b.begin(), b.end()) ? 1 : 0;
  a.insert(a.end(), b.begin(), b.end());
  a.insert(a.begin(), 1);
  a.erase(a.begin());
  a.erase(a.end() - 1);
  a.erase(a.begin(), a.end());
  a.erase(a.end(), a.end());
  set.insert(other_set.begin(), other_set.end());
  set.erase(set.begin());
  list.splice(list.end(), list);
  std::pair<std::vector<int>::iterator, std::vector<int>::iterator> ends(a.begin(), b.end());
  // Views may share one buffer: the text from the first token to the end
  // of the last one.
  std::string_view line = s, first_word = line.substr(0, 2), last_word = line.substr(3);
  std::string_view joined(first_word.begin(), last_word.end());
  std::span<int> whole(a), head = whole.first(1);
  std::sort(head.begin(), whole.end());
  (void)joined;
  (void)c; (void)view; (void)text; (void)d; (void)e; (void)f; (void)ends;
  return n;
}

// Two calls returning a container by value make two temporaries: never one
// range. Calls returning a reference may name one container: accepted.
class Registry {
 public:
  std::vector<std::string> names() const { return names_; }  // a copy
  const std::vector<std::string>& items() const { return names_; }
  bool has(const std::string& n) const {
    return std::find(names().begin(), names().end(), n) != names().end();  // expected-error {{this range starts in 'names()' and ends in 'names()', but 'names()' is a temporary container (a copy returned by value), a new one at every call: the two ends are in different objects, and the walk from one runs off into memory the other does not own; store the container in a local variable first (`const auto copy = ...;`) and take both ends from it [meshwa-unsafe-buffer]}}
  }
  std::size_t count_long() const {
    std::size_t n = static_cast<std::size_t>(std::count_if(std::cbegin(names()), std::cend(names()),  // expected-error {{this range starts in 'names()' and ends in 'names()', but 'names()' is a temporary}}
                                                           [](const std::string& s) { return s.size() > 3; }));
    std::vector<std::string> mixed(names().cbegin(), names_.cend());  // expected-error {{this range starts in 'names()' and ends in 'names_', but 'names()' is a temporary}}
    // A reference to one container, a local copy, a temporary's own range.
    n += static_cast<std::size_t>(std::count(items().begin(), items().end(), "a"));
    const auto copy = names();
    n += static_cast<std::size_t>(std::count(copy.begin(), copy.end(), "a"));
    const auto& kept = names();
    n += static_cast<std::size_t>(std::count(kept.begin(), kept.end(), "a"));
    n += static_cast<std::size_t>(std::ranges::count(names(), "a"));
    return n + mixed.size();
  }

 private:
  std::vector<std::string> names_{"a", "bbbb"};
};

// A comparator true for equal elements (>=, <=) is no strict weak order:
// std::sort's and std::nth_element's unguarded loops then read outside the
// range. Strict comparisons, and the algorithms that stay in bounds, pass.
struct Job {
  int prio = 0;
  std::string name;
};
void order(std::vector<Job>& jobs, std::vector<int>& v) {
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.prio >= b.prio; });  // expected-error {{this comparator compares with '>=', which is not a strict weak order (it says an element comes before an equal one): 'std::sort' then reads outside the range (its unguarded loops rely on comp(x, x) being false, and nothing checks them, not even -D_GLIBCXX_ASSERTIONS); compare with '>' instead [meshwa-unsafe-buffer]}} expected-note {{the non-strict comparison is here}}
  std::sort(v.begin(), v.end(), [](int a, int b) { return (a <= b); });  // expected-error {{this comparator compares with '<=', which is not a strict weak order}} expected-note {{the non-strict comparison is here}}
  std::nth_element(v.begin(), v.begin() + 1, v.end(), [](auto a, auto b) { return a >= b; });  // expected-error {{'std::nth_element' then reads outside the range}} expected-note {{the non-strict comparison is here}}
  std::ranges::sort(jobs, [](const Job& a, const Job& b) { return a.name <= b.name; });  // expected-error {{compares with '<=', which is not a strict weak order (it says an element comes before an equal one): 'std::ranges::sort'}} expected-note {{the non-strict comparison is here}}
  std::ranges::sort(v, std::ranges::greater_equal{});  // expected-error {{this comparator compares with std::greater_equal, which is not a strict weak order}}
  std::sort(v.begin(), v.end(), std::less_equal<int>());  // expected-error {{compare with std::less instead}}
  const auto by_prio = [](const Job& a, const Job& b) { return a.prio >= b.prio; };  // expected-note {{the non-strict comparison is here}}
  std::sort(jobs.begin(), jobs.end(), by_prio);  // expected-error {{this comparator compares with '>='}}
  // Strict orders, and partial_sort / heaps (also stable_sort), which stay in the
  // range with any comparator (docs/rules/unsafe-buffer.md).
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.prio > b.prio; });
  std::sort(v.begin(), v.end(), std::greater<>());
  std::ranges::sort(v, std::ranges::greater{});
  std::ranges::sort(jobs, std::ranges::less{}, &Job::prio);
  std::sort(v.begin(), v.end(), [](int a, int b) {
    const bool tie = a == b;
    return !tie && a >= b;
  });
  std::partial_sort(v.begin(), v.begin() + 1, v.end(), [](int a, int b) { return a <= b; });
  std::make_heap(v.begin(), v.end(), std::less_equal<>());
  const bool sorted = std::is_sorted(v.begin(), v.end(), [](int a, int b) { return a < b; });
  (void)sorted;
}

template <class T>
void order_generic(std::vector<T>& v) {
  std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a >= b; });  // expected-error {{this comparator compares with '>='}} expected-note {{the non-strict comparison is here}}
  std::ranges::sort(v, std::greater_equal<T>());  // expected-error {{this comparator compares with std::greater_equal}}
  std::ranges::sort(v, [](const T& a, const T& b) { return a > b; });
}

// consteval: the body only ever runs in the constant evaluator, where an
// out-of-bounds access is a compile error, not undefined behaviour at run
// time. Pointer arithmetic, indexing and decay there are accepted; so is the
// compile-time branch of `if consteval`. A constexpr function may also run
// at run time: checked.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc++23-extensions"
consteval unsigned fnv1a(const char* s, unsigned h = 2166136261u) {
  return *s != '\0' ? fnv1a(s + 1, (h ^ static_cast<unsigned>(*s)) * 16777619u) : h;
}
consteval int consteval_buffers(int i) {
  int a[3] = {1, 2, 3};
  const int* p = a;
  ++p;
  return p[i] + a[i] + *std::next(p) + *(a + 1);
}
constexpr int constexpr_buffers(const int* p, int i) {  // expected-note {{'p' is a raw pointer declared here}}
  return p[i];                                        // expected-error {{indexing a raw pointer is not bounds-checked}}
}
constexpr int if_consteval_buffers(int i) {
  int a[3] = {1, 2, 3};                               // expected-note 2 {{'a' is a C array declared here}}
  if consteval {
    return a[i] + *(a + 1);
  } else {
    return a[i] + *(a + 1);                           // expected-error {{indexing a C array with an index not known to be in bounds}} \
                                                      // expected-error {{pointer arithmetic is not bounds-checked}}
  }
}
consteval auto make_indexer() {
  return [](int i) { int a[2] = {1, 2}; return a[i]; };  // expected-error {{indexing a C array with an index not known to be in bounds}} \
                                                         // expected-note {{'a' is a C array declared here}}
}
#pragma clang diagnostic pop
unsigned hashed_names() {
  return fnv1a("name") + static_cast<unsigned>(consteval_buffers(1) + constexpr_buffers(nullptr, 0) + if_consteval_buffers(1));
}

// The discarded branch of an `if constexpr` on a known condition is never
// compiled: a configuration switch (kWideRows false) may index there what
// only the other configuration has, directly, through a local, or through
// a helper that only that branch calls. The branch that is kept is checked.
namespace {
constexpr bool kWideRows = false;
using ConfigRow = std::array<int, kWideRows ? 5 : 3>;
int wide_column(const ConfigRow& r, std::size_t col) { return r[col]; }
int narrow_column(const ConfigRow& r, std::size_t col) { return r[col]; }  // expected-error {{index 4 is past the end of 'r', which has 3 elements}}
}  // namespace
int configured_rows(const ConfigRow& r) {
  std::size_t extra = 4;
  if constexpr (kWideRows) {
    return r[4] + r[extra] + wide_column(r, 4);
  } else {
    if constexpr (!kWideRows) {
      return r[extra] + narrow_column(r, 4);      // expected-error {{index 4 is past the end of 'r', which has 3 elements}}
    }
  }
}
// A plain `if` (or `?:`, `&&`, `||`) on such a constant compiles both
// branches, but the one the constant rules out never runs: it is not
// judged either, nor is a call made only there. The branch that runs is,
// and so is one that a `goto` or a `case` label may enter.
namespace {
int wide_only_column(const ConfigRow& r, std::size_t col) { return r[col]; }
}  // namespace
int rows_on_a_constant(const ConfigRow& r, int n) {
  std::list<int> none;
  if (kWideRows) return r[4] + wide_only_column(r, 4) + none.front();
  int t = kWideRows ? r[4] : r[0];
  t += (kWideRows && r[4] > 0) ? 1 : 0;
  t += (!kWideRows || r[4] > 0) ? 1 : 0;
  if (!kWideRows) t += r[4];                   // expected-error {{index 4 is past the end of 'r', which has 3 elements}}
  if (kWideRows) {
  again:
    t += r[4];                                 // expected-error {{index 4 is past the end of 'r', which has 3 elements}}
  }
  if (--n > 0) goto again;
  switch (n) {
    case 0:
      if (kWideRows) {
        case 1:
          t += r[5];                           // expected-error {{index 5 is past the end of 'r', which has 3 elements}}
      }
  }
  return t;
}

// The same in an instantiation of a template, in a lambda (a generic one
// too), and in a lambda made only in such a part: never run, not judged.
// With a condition that holds, each is judged.
template <class T>
int rows_on_a_constant_in_template(const T* p) {  // expected-note {{'p' is a raw pointer declared here}}
  if (kWideRows) return p[4];
  auto first = [p] { return kWideRows ? p[4] : 0; };
  auto at = [p](auto i) { return kWideRows ? p[i] : 0; };
  if (kWideRows) {
    auto made_there = [p] { return p[4]; };
    return made_there();
  }
  if (!kWideRows) return p[1] + first() + at(2);  // expected-error {{indexing a raw pointer is not bounds-checked}}
  return 0;
}
int rows_on_a_constant_in_lambdas(const int* p) {  // expected-note {{'p' is a raw pointer declared here}}
  auto at = [p](auto i) { return kWideRows ? p[i] : 0; };
  auto shown = [p](auto i) { return !kWideRows ? p[i] : 0; };  // expected-error {{indexing a raw pointer is not bounds-checked}} expected-note {{in the instantiation with i:auto = int}}
  if (kWideRows) {
    auto made_there = [p] { return p[4]; };
    return made_there();
  }
  return rows_on_a_constant_in_template(p) + at(4) + shown(4);  // expected-note {{in the instantiation with T = int}}
}

// front() / back() / pop_front() / pop_back() that libstdc++ 12 does not
// check even with _GLIBCXX_ASSERTIONS: std::list, std::forward_list,
// std::vector<bool>. Reported unless the function shows the container is
// not empty there.
std::string list_front_empty() {
  std::list<std::string> l;                    // expected-note 2 {{'l' is declared here}}
  l.front() = "over the list object";          // expected-error {{'front()' of a std::list is not checked by this standard library, even with _GLIBCXX_ASSERTIONS: on an empty list it gives the list's own header node as the element: using it reads or writes over the list object and what follows it; test 'l.empty()' first in this function (`if (l.empty()) return;`, or call it under `if (!l.empty())` / `while (!l.empty())`) [meshwa-unsafe-buffer]}}
  return l.back();                             // expected-error {{'back()' of a std::list is not checked}}
}
void list_pops(std::list<int>& l, std::forward_list<int>& f, std::vector<bool>& bits) {  // expected-note 2 {{'l' is declared here}} expected-note 2 {{'f' is declared here}} expected-note 3 {{'bits' is declared here}}
  l.pop_back();                                // expected-error {{'pop_back()' of a std::list is not checked by this standard library, even with _GLIBCXX_ASSERTIONS: on an empty list it frees the list's own header node, which lives inside the list object}}
  l.pop_front();                               // expected-error {{'pop_front()' of a std::list is not checked}}
  f.pop_front();                               // expected-error {{'pop_front()' of a std::forward_list is not checked by this standard library, even with _GLIBCXX_ASSERTIONS: on an empty list it follows the empty list's null head pointer}}
  int x = f.front();                           // expected-error {{'front()' of a std::forward_list is not checked}}
  bits.pop_back();                             // expected-error {{'pop_back()' of a std::vector<bool> is not checked by this standard library, even with _GLIBCXX_ASSERTIONS: on an empty vector it moves the end before the start: size() wraps around to SIZE_MAX and every later bounds check (.at(i)) passes}}
  x += bits.front() ? 1 : 0;                   // expected-error {{'front()' of a std::vector<bool> is not checked}}
  if (x > 0) x += bits.back() ? 1 : 0;         // expected-error {{'back()' of a std::vector<bool> is not checked}}
  (void)x;
}
class JobList {
 public:
  void done() { jobs_.pop_front(); }           // expected-error {{'pop_front()' of a std::list is not checked}}
  int last() const { return jobs_.back(); }    // expected-error {{'back()' of a std::list is not checked}}
  void refill() {
    jobs_.push_back(1);
    jobs_.clear();
    jobs_.front() = 2;                         // expected-error {{'front()' of a std::list is not checked}}
  }
  int tested_elsewhere(bool b) {
    if (!jobs_.empty()) b = !b;                // tested, but the code goes on either way
    return b ? jobs_.front() : 0;              // expected-error {{'front()' of a std::list is not checked}}
  }
  int fill_first() {
    if (jobs_.empty()) jobs_.push_back(0);
    assert_not_empty();
    return jobs_.front();
  }
  void assert_not_empty() const {
    if (jobs_.size() == 0) std::abort();
  }
 private:
  std::list<int> jobs_;                        // expected-note 4 {{'jobs_' is declared here}}
};
// GoogleTest's fatal assertions (ASSERT_*) return from the test when they
// fail, so past `ASSERT_FALSE(l.empty());` or `ASSERT_EQ(l.size(), 2u);` the
// list has elements. A non-fatal EXPECT_* goes on: the list may be empty.
#include <gtest/gtest.h>
std::list<int> two_items();
TEST(ListAssertions, ElementsAfterFatalAssertion) {
  std::list<int> l = two_items();
  ASSERT_FALSE(l.empty());
  EXPECT_EQ(l.front(), 1);
  std::list<int> m = two_items();
  ASSERT_EQ(m.size(), 2u) << "two items";
  m.pop_back();
}
TEST(ListAssertions, ElementsAfterNonFatalExpectation) {
  std::list<int> l = two_items();              // expected-note {{'l' is declared here}}
  EXPECT_FALSE(l.empty());
  EXPECT_EQ(l.back(), 2);                      // expected-error {{'back()' of a std::list is not checked}}
}
// gMock's size matchers ask the same: ASSERT_THAT(l, SizeIs(2)),
// ASSERT_THAT(l, Not(IsEmpty())). Not a matcher on another list, nor EXPECT_THAT.
#include <gmock/gmock.h>
TEST(ListAssertions, ElementsAfterSizeMatcher) {
  std::list<int> l = two_items();
  ASSERT_THAT(l, ::testing::SizeIs(2));
  EXPECT_EQ(l.front(), 1);
  std::list<int> m = two_items();
  ASSERT_THAT(m, ::testing::Not(::testing::IsEmpty()));
  m.pop_front();
}
TEST(ListAssertions, ElementsAfterOtherMatcher) {
  std::list<int> l = two_items();              // expected-note 2 {{'l' is declared here}}
  std::list<int> other = two_items();
  ASSERT_THAT(other, ::testing::SizeIs(2));
  EXPECT_EQ(l.front(), 1);                     // expected-error {{'front()' of a std::list is not checked}}
  EXPECT_THAT(l, ::testing::SizeIs(2));
  EXPECT_EQ(l.back(), 2);                      // expected-error {{'back()' of a std::list is not checked}}
}
// An assertion is read for which way it goes: past ASSERT_TRUE(l.empty()),
// ASSERT_EQ(l.size(), 0u), ASSERT_LE(l.size(), 0u) or ASSERT_THAT(l,
// IsEmpty()) the list is empty, and its front() is not there.
TEST(ListAssertions, EmptyAfterFatalAssertion) {
  std::list<int> a = two_items();              // expected-note {{'a' is declared here}}
  ASSERT_TRUE(a.empty());
  EXPECT_EQ(a.front(), 1);                     // expected-error {{'front()' of a std::list is not checked}}
  std::list<int> b = two_items();              // expected-note {{'b' is declared here}}
  ASSERT_EQ(b.size(), 0u);
  b.pop_back();                                // expected-error {{'pop_back()' of a std::list is not checked}}
  std::list<int> c = two_items();              // expected-note {{'c' is declared here}}
  ASSERT_LE(c.size(), 0u);
  c.pop_front();                               // expected-error {{'pop_front()' of a std::list is not checked}}
  std::list<int> d = two_items();              // expected-note {{'d' is declared here}}
  ASSERT_THAT(d, ::testing::IsEmpty());
  d.pop_front();                               // expected-error {{'pop_front()' of a std::list is not checked}}
  std::list<int> e = two_items();              // expected-note {{'e' is declared here}}
  ASSERT_THAT(e, ::testing::SizeIs(0));
  e.pop_front();                               // expected-error {{'pop_front()' of a std::list is not checked}}
}
TEST(ListAssertions, ElementsAfterFatalAssertionEitherWayRound) {
  std::list<int> a = two_items();
  ASSERT_TRUE(!a.empty());
  a.pop_front();
  std::list<int> b = two_items();
  ASSERT_NE(0u, b.size());
  b.pop_front();
  std::list<int> c = two_items();
  ASSERT_GT(c.size(), 0u);
  c.pop_front();
  std::list<int> d = two_items();
  ASSERT_THAT(d, ::testing::Not(::testing::SizeIs(0)));
  d.pop_front();
}
// assert() likewise: `assert(!l.empty())` shows elements, `assert(l.empty())`
// and `assert(l.size() == 0)` show there are none (so does a hand-written
// `cond ? void() : fail()` with a [[noreturn]] fail).
[[noreturn]] void fail_hard();
int asserted_not_empty(std::list<int>& l, std::vector<bool>& bits) {
  assert(!l.empty());
  assert(bits.size() > 0);
  return l.front() + bits.back();
}
int asserted_empty(std::list<int>& l,             // expected-note 2 {{'l' is declared here}}
                   std::vector<bool>& bits,       // expected-note {{'bits' is declared here}}
                   std::vector<int>& v) {
  assert(l.empty());
  int t = l.front();                           // expected-error {{'front()' of a std::list is not checked}}
  assert(bits.size() == 0);
  t += bits.back();                            // expected-error {{'back()' of a std::vector<bool> is not checked}}
  assert(v.empty());
  t += *v.begin();                             // expected-error {{this reads the first element of 'v' through an iterator}}
  l.empty() ? void() : fail_hard();
  return t + l.back();                         // expected-error {{'back()' of a std::list is not checked}}
}
int asserted_by_hand(std::list<int>& l) {
  l.empty() ? fail_hard() : void();
  return l.back();
}
// In a template glibc's assert is `c ? void(0) : __assert_fail(...,
// __PRETTY_FUNCTION__)` whose last argument depends on the template, so the
// call stays unresolved in the pattern: still a [[noreturn]] call, as
// every function the name found is (nlohmann::json's sax parser:
// `JSON_ASSERT(!keep_stack.empty()); keep_stack.pop_back();`, a member of a
// class template). An assert saying empty stays reported there too.
template <class T>
struct SaxStacks {
  std::vector<T*> refs;
  std::vector<bool> keep;  // expected-note {{'keep' is declared here}}
  void end_value() {
    assert(!keep.empty());
    refs.pop_back();
    keep.pop_back();
  }
  bool wrongly_asserted() {
    assert(keep.empty());
    return keep.back();    // expected-error {{'back()' of a std::vector<bool> is not checked}}
  }
};
template <class T>
T asserted_in_template(std::list<int>& l, T extra) {
  assert(!l.empty());
  return l.front() + extra;
}
int sax_stacks() {
  SaxStacks<int> s;
  s.end_value();
  std::list<int> l{1};
  return asserted_in_template(l, 1) + static_cast<int>(s.wrongly_asserted());  // expected-note {{in the instantiation with T = int}}
}
// A wait returns once its predicate holds: here, once the list is empty.
int waited_until_empty(std::list<int>& l, std::mutex& mu,  // expected-note {{'l' is declared here}}
                       std::condition_variable& cv) {
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return l.empty(); });
  return l.front();                            // expected-error {{'front()' of a std::list is not checked}}
}
// A statement that only mentions the size goes on whatever it is; a timed
// wait returns on a timeout with its predicate false.
void log_count(std::size_t n);
int mentioned_size(std::list<int>& l, std::mutex& mu,  // expected-note 2 {{'l' is declared here}}
                   std::condition_variable& cv) {
  log_count(l.size());
  int t = l.front();                           // expected-error {{'front()' of a std::list is not checked}}
  std::unique_lock<std::mutex> lock(mu);
  cv.wait_for(lock, std::chrono::seconds(1), [&] { return !l.empty(); });
  return t + l.back();                         // expected-error {{'back()' of a std::list is not checked}}
}
// A timed wait with a predicate returns the predicate's value: true only
// where it holds. Read for its polarity as a condition: its then-branch,
// or past `if (!cv.wait_for(...)) return`, has elements; past an `if` that
// leaves when it is true, or where the predicate says empty, none.
int timed_wait_as_condition(std::list<int>& l, std::mutex& mu,  // expected-note 2 {{'l' is declared here}}
                            std::condition_variable& cv) {
  std::unique_lock<std::mutex> lock(mu);
  int t = 0;
  if (cv.wait_for(lock, std::chrono::seconds(1), [&] { return !l.empty(); })) t += l.front();
  if (cv.wait_until(lock, std::chrono::steady_clock::now(), [&] { return l.size() > 0; })) t += l.back();
  if (cv.wait_for(lock, std::chrono::seconds(1), [&] { return l.empty(); })) t += l.front();  // expected-error {{'front()' of a std::list is not checked}}
  if (cv.wait_for(lock, std::chrono::seconds(1), [&] { return !l.empty(); })) return t;
  t += l.back();                               // expected-error {{'back()' of a std::list is not checked}}
  if (!cv.wait_for(lock, std::chrono::seconds(1), [&] { return !l.empty(); })) return t;
  return t + l.front();
}
// Accepted: the same calls where the code shows the container is not empty.
struct Lru {
  std::list<std::pair<int, int>> order_;
  std::map<int, std::list<std::pair<int, int>>::iterator> index_;
  std::size_t capacity_ = 4;
  std::mutex mu_;
  std::condition_variable cv_;
  void put(int k, int v) {
    order_.emplace_front(k, v);
    index_[k] = order_.begin();
    if (order_.size() <= capacity_) return;
    index_.erase(order_.back().first);
    order_.pop_back();
  }
  void evict(std::size_t cap) {
    while (order_.size() > cap) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }
  int oldest() {
    if (order_.empty()) throw std::out_of_range("empty");
    return order_.back().second;
  }
  std::pair<int, int> take() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !order_.empty(); });
    auto item = order_.front();
    order_.pop_front();
    return item;
  }
  int newest_or_zero() const { return order_.empty() ? 0 : order_.front().second; }
  int wait_loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (order_.empty()) cv_.wait(lock);
    return order_.front().first;
  }
};
int list_guarded(std::list<int>& l, std::forward_list<int>& f, std::vector<bool>& bits,
                 std::map<int, std::list<int>>& levels) {
  int n = 0;
  if (!l.empty()) n += l.front() + l.back();
  while (!l.empty()) l.pop_front();
  for (; !f.empty(); f.pop_front()) n += f.front();
  if (bits.size() > 1) bits.pop_back();
  n += !bits.empty() && bits.front() ? 1 : 0;
  const auto count = bits.size();
  if (count == 0) return n;
  n += bits.back() ? 1 : 0;
  std::list<int> local{1, 2, 3};
  n += local.front();
  std::vector<bool> flags(8, false);
  n += flags.back() ? 1 : 0;
  std::list<int> fresh;
  fresh.push_back(n);
  n += fresh.back();
  for (auto it = levels.begin(); it != levels.end(); ++it) {
    if (it->second.empty()) continue;
    n += it->second.front();
  }
  for (int v : l) n += v + l.front();
  std::queue<int, std::list<int>> q;           // the adaptors assert !empty() themselves
  q.pop();
  std::stack<int, std::list<int>> s;
  return n + s.top();
}

// The test must say the list has elements where the call runs: not the
// branch, arm or loop where it says it is empty (or may be), not past an
// early return taken when it has elements, not a size equal to (or at
// least) a capacity that may be 0 (an LRU cache of capacity 0 evicts from
// an empty list), not one side of an `||`.
int empty_branch(std::list<int>& l) {         // expected-note {{'l' is declared here}}
  if (l.empty()) return l.front();             // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int empty_arm(std::list<int>& l) {            // expected-note {{'l' is declared here}}
  return l.empty() ? l.back() : 0;             // expected-error {{'back()' of a std::list is not checked}}
}
int leaves_when_not_empty(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  if (!l.empty()) return 0;
  return l.back();                             // expected-error {{'back()' of a std::list is not checked}}
}
int short_list_loop(std::list<int>& l) {      // expected-note 2 {{'l' is declared here}}
  int r = 0;
  while (l.size() < 5) {
    r += l.front();                            // expected-error {{'front()' of a std::list is not checked}}
    l.pop_front();                             // expected-error {{'pop_front()' of a std::list is not checked}}
  }
  return r;
}
void evict_at_capacity(std::list<int>& l, std::size_t capacity) {  // expected-note 2 {{'l' is declared here}}
  if (l.size() == capacity) l.pop_back();      // expected-error {{'pop_back()' of a std::list is not checked}}
  if (l.size() >= capacity) l.pop_back();      // expected-error {{'pop_back()' of a std::list is not checked}}
}
int one_side_of_or(std::list<int>& l, bool b) {  // expected-note {{'l' is declared here}}
  if (b || !l.empty()) return l.front();       // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
// Accepted: more than some count (compared as unsigned) is at least one;
// at least 1; begin() != end(); the negation of "fewer than 3"; both sides
// of an `&&`; past an `||` of two tests that leaves when either says empty.
int tested_with_polarity(std::list<int>& l, std::size_t capacity, bool b) {
  int r = 0;
  if (l.size() > capacity) l.pop_back();
  if (l.size() >= 1) r += l.front();
  if (l.begin() != l.end()) r += l.back();
  if (!(l.size() < 3)) r += l.front();
  if (b && !l.empty()) r += l.back();
  if (l.empty() || l.size() == 0) return r;
  return r + l.back();
}

// A local holding the size or emptiness (declared in the if's init
// statement, as its condition variable, or before it) is read with its
// polarity as the direct `l.size() == 0` is, and only while it still holds
// it: not written anywhere, and the list not changed between it and the
// test, nor later in a loop around the test (left17: `if (auto n = l.size();
// n == 0) l.front();` was accepted, as was each case below but the switch).
int init_size_is_zero(std::list<int>& l) {      // expected-note {{'l' is declared here}}
  if (auto n = l.size(); n == 0) return l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int init_const_size_is_zero(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  if (const auto n = l.size(); n == 0) return l.back();  // expected-error {{'back()' of a std::list is not checked}}
  return 0;
}
int init_empty_is_true(std::list<int>& l) {     // expected-note {{'l' is declared here}}
  if (bool e = l.empty(); e) return l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int init_leaves_when_not_empty(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  if (auto n = l.size(); n != 0) return 0;
  return l.front();                              // expected-error {{'front()' of a std::list is not checked}}
}
int init_assigned_before_test(std::list<int>& l, std::size_t m) {  // expected-note {{'l' is declared here}}
  if (auto n = l.size(); (n = m, n != 0)) return l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int condition_variable_empty(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  int r = 0;
  while (bool e = l.empty()) {
    r += l.front();                              // expected-error {{'front()' of a std::list is not checked}}
    l.push_back(r);
  }
  return r;
}
int switch_init_size(std::list<int>& l) {       // expected-note {{'l' is declared here}}
  switch (auto n = l.size(); n) {
    case 0: return l.front();                    // expected-error {{'front()' of a std::list is not checked}}
    default: return 0;
  }
}
int size_local_assigned(std::list<int>& l, std::size_t m) {  // expected-note {{'l' is declared here}}
  auto n = l.size();
  n = m;
  if (n == 0) return 0;
  return l.front();                              // expected-error {{'front()' of a std::list is not checked}}
}
int size_local_then_removed(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  const auto n = l.size();
  l.remove(3);
  if (n == 0) return 0;
  return l.front();                              // expected-error {{'front()' of a std::list is not checked}}
}
int size_local_removed_in_loop(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  const auto n = l.size();
  int r = 0;
  for (int k = 0; k < 3; ++k) {
    if (n == 0) return r;
    r += l.front();                              // expected-error {{'front()' of a std::list is not checked}}
    l.remove(r);
  }
  return r;
}
int for_init_size(std::list<int>& l) {           // expected-note {{'l' is declared here}}
  int r = 0;
  for (auto n = l.size(); n > 0; l.remove(r)) r += l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return r;
}
// A size counted down stays at most the list's size only while nothing
// shrinks the list, it never goes up or takes another value, and it never
// drops below 0 (an unsigned one wraps to a huge value): each step must be
// one its own test allows (left18: `for (auto n = l.size(); n > 0; --n)
// l.front();` was rejected; these near misses stay rejected).
int count_down_list_shrinks(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  int r = 0;
  for (auto n = l.size(); n > 0; --n) {
    r += l.front();                              // expected-error {{'front()' of a std::list is not checked}}
    l.remove(r);
  }
  return r;
}
int count_up(std::list<int>& l) {                // expected-note {{'l' is declared here}}
  int r = 0;
  for (auto n = l.size(); n > 0; ++n) r += l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return r;
}
int count_reassigned(std::list<int>& l, std::size_t m) {  // expected-note {{'l' is declared here}}
  int r = 0;
  for (auto n = l.size(); n > 0; n = m) r += l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return r;
}
int count_down_unguarded(std::list<int>& l) {    // expected-note {{'l' is declared here}}
  auto n = l.size();
  --n;                                           // 0 wraps to SIZE_MAX
  if (n > 0) return l.front();                   // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int count_down_past_its_test(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  int r = 0;
  for (auto n = l.size(); n > 0; n -= 2) r += l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return r;
}
int count_down_twice(std::list<int>& l) {        // expected-note {{'l' is declared here}}
  int r = 0;
  for (auto n = l.size(); n > 0; --n) {
    r += l.front();                              // expected-error {{'front()' of a std::list is not checked}}
    --n;
  }
  return r;
}
int count_down_emptiness(std::list<int>& l) {    // expected-note {{'l' is declared here}}
  int e = l.empty();
  if (e > 0) --e;
  if (!e) return l.front();                      // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int size_local_in_kept_lambda(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  const auto n = l.size();
  auto first = [&] {
    if (n == 0) return 0;
    return l.front();                            // expected-error {{'front()' of a std::list is not checked}}
  };
  l.clear();
  return first();
}
// Accepted: the same locals where they say the list has elements.
int size_locals_with_polarity(std::list<int>& l) {
  int r = 0;
  if (auto n = l.size(); n != 0) r += l.front();
  if (bool e = l.empty(); !e) r += l.back();
  if (auto n = l.size()) r += l.front();
  while (auto n = l.size()) {
    r += l.front();
    l.pop_front();
  }
  return r;
}
int init_size_guard(std::list<int>& l) {
  if (auto n = l.size(); n == 0) return 0;
  return l.front();
}
int size_local_only_read(std::list<int>& l) {
  auto n = l.size();
  if (n == 0) return 0;
  return l.front() + static_cast<int>(n);
}
int empty_local_guard(std::list<int>& l) {
  const bool none = l.empty();
  if (none) return 0;
  return l.back();
}
// Counted down by steps its test allows, with the list not shrunk: still
// at most its size, so more than 0 still says it has elements.
int count_down(std::list<int>& l) {
  int r = 0;
  for (auto n = l.size(); n > 0; --n) r += l.front();
  for (auto n = l.size(); n != 0; n--) r += l.back();
  for (auto n = l.size(); n >= 2; n -= 2) r += l.front();
  for (auto n = l.size(); n > 0; n = n - 1) {
    r += l.front();
    l.push_back(r);
  }
  auto left = std::ssize(l);
  while (left > 0) {
    r += l.back();
    --left;
  }
  return r;
}

// A call handed the size returns what it likes (`check` may say yes to 0):
// it shows nothing, whichever way it goes (left18: it was taken as a test
// of either polarity). The comparisons of <utility> are read as the
// comparison they make, of the values as they are (`std::cmp_greater(l.size(),
// m)` holds for an empty list when m is -1), and a size converted to
// another integer as the size.
bool check(std::size_t n);
int size_handed_to_a_call(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  if (check(l.size())) return l.front();         // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int size_handed_to_a_call_before(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  if (!check(l.size())) return 0;
  return l.back();                               // expected-error {{'back()' of a std::list is not checked}}
}
int size_asserted_through_a_call(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  assert(check(l.size()));
  return l.front();                              // expected-error {{'front()' of a std::list is not checked}}
}
int standard_comparison_says_empty(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  if (std::cmp_equal(l.size(), 0)) return l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int standard_comparison_with_a_signed_value(std::list<int>& l, int m) {  // expected-note {{'l' is declared here}}
  if (std::cmp_greater(l.size(), m)) return l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int converted_size_is_zero(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  if (static_cast<int>(l.size()) == 0) return l.back();  // expected-error {{'back()' of a std::list is not checked}}
  return 0;
}
// An algorithm over the list's elements is read for what it returns: an
// iterator into them that is not end() is an element; any_of is true, and
// all_of / none_of false, only for an element. Not `== end()`, nor all_of
// true (so it is on an empty list), nor begin() equal to end().
int not_found(std::list<int>& l, int x) {        // expected-note {{'l' is declared here}}
  if (std::find(l.begin(), l.end(), x) == l.end()) return l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int all_of_holds(std::list<int>& l) {            // expected-note {{'l' is declared here}}
  if (std::all_of(l.begin(), l.end(), [](int v) { return v > 0; })) return l.back();  // expected-error {{'back()' of a std::list is not checked}}
  return 0;
}
int begin_is_end(std::list<int>& l) {            // expected-note {{'l' is declared here}}
  if (l.begin() == l.end()) return l.front();    // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int found_elements(std::list<int>& l, int x) {
  int r = 0;
  if (std::find(l.begin(), l.end(), x) != l.end()) r += l.front();
  if (std::any_of(l.begin(), l.end(), [](int v) { return v > 0; })) r += l.back();
  if (!std::all_of(l.begin(), l.end(), [](int v) { return v > 0; })) r += l.front();
  if (l.begin() != l.end()) r += l.back();
  if (std::none_of(l.begin(), l.end(), [](int v) { return v > 0; })) return r;
  return r + l.back();
}
// The same of std::ranges' niebloids and customisation point objects, which
// are objects called through their operator(): over the list itself or from
// its begin(). A niebloid over another list, or == end(), shows nothing.
// (Each alone: an earlier test of the list in the same function would
// show it too.) The range is handed by forwarding reference, but a
// niebloid reaches it through its iterators only, which take no element
// out.
int ranges_found(std::list<int>& l, int x) {
  if (std::ranges::find(l, x) != l.end()) return l.front();
  return 0;
}
int ranges_any_of(std::list<int>& l) {
  if (std::ranges::any_of(l, [](int v) { return v > 0; })) return l.back();
  return 0;
}
int ranges_not_all_of(std::list<int>& l) {
  if (!std::ranges::all_of(l, [](int v) { return v > 0; })) return l.front();
  return 0;
}
int ranges_any_of_iterators(std::list<int>& l) {
  if (std::ranges::any_of(l.begin(), l.end(), [](int v) { return v > 0; })) return l.back();
  return 0;
}
int ranges_not_empty(std::list<int>& l) {
  if (!std::ranges::empty(l)) return l.front();
  return 0;
}
int ranges_size(std::list<int>& l) {
  if (std::ranges::size(l) > 0) return l.back();
  return 0;
}
int ranges_none_of(std::list<int>& l) {
  if (std::ranges::none_of(l, [](int v) { return v > 0; })) return 0;
  return l.back();
}
int ranges_swapped(std::list<int>& l, std::list<int>& other) {  // expected-note {{'l' is declared here}}
  if (!l.empty() && (std::ranges::swap(l, other), true)) return l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int ranges_empty_then_read(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  if (std::ranges::empty(l)) return l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int ranges_not_found(std::list<int>& l, int x) {  // expected-note {{'l' is declared here}}
  if (std::ranges::find(l, x) == l.end()) return l.front();  // expected-error {{'front()' of a std::list is not checked}}
  return 0;
}
int ranges_any_of_another(std::list<int>& l, std::list<int>& other) {  // expected-note {{'l' is declared here}}
  if (std::ranges::any_of(other, [](int v) { return v > 0; })) return l.back();  // expected-error {{'back()' of a std::list is not checked}}
  return 0;
}
int standard_comparisons(std::list<int>& l, std::size_t m) {
  int r = 0;
  if (std::cmp_greater(l.size(), 0)) r += l.front();
  if (std::cmp_not_equal(l.size(), 0)) r += l.back();
  if (std::cmp_less(0, l.size())) r += l.front();
  if (std::cmp_greater(l.size(), m)) r += l.back();
  if (static_cast<int>(l.size()) > 0) r += l.front();
  if (std::cmp_equal(l.size(), 0)) return r;
  return r + l.back();
}

// A predicate of the class's own, called on this object, not virtual,
// whose body is one return testing the container (`bool empty() const {
// return jobs_.empty(); }`), is the container's test. A virtual one (an
// override may test something else), or one testing another container, is
// not.
class OwnTests {
 public:
  virtual ~OwnTests() = default;
  bool empty() const { return jobs_.empty(); }
  std::size_t size() const { return jobs_.size(); }
  bool has_work() const { return !jobs_.empty(); }
  virtual bool ready() const { return !jobs_.empty(); }
  bool nothing_done() const { return done_.empty(); }
  int first() {
    if (empty()) throw std::out_of_range("no jobs");
    return jobs_.front();
  }
  void drop() {
    if (this->size() == 0) return;
    jobs_.pop_front();
  }
  int take() {
    if (!has_work()) return 0;
    const int v = jobs_.front();
    jobs_.pop_front();
    return v;
  }
  int last() const {
    assert(!empty());
    return jobs_.back();
  }
  int through_virtual() {
    if (!ready()) return 0;
    return jobs_.front();                        // expected-error {{'front()' of a std::list is not checked}}
  }
  int through_other() {
    if (nothing_done()) return 0;
    return jobs_.front();                        // expected-error {{'front()' of a std::list is not checked}}
  }

 private:
  std::list<int> jobs_;                          // expected-note 2 {{'jobs_' is declared here}}
  std::list<int> done_;
};
template <class T>
class OwnTestsOf {
 public:
  bool empty() const { return items_.empty(); }
  T& front() {
    if (empty()) throw std::out_of_range("empty");
    return items_.front();
  }

 private:
  std::list<T> items_;
};
int use_own_tests(OwnTests& o, OwnTestsOf<int>& t) { return o.first() + o.take() + o.last() + t.front(); }
// A method of a class nested in a class template and a lambda of a
// function template are judged in each instance of the template around
// them, reported once at the code as written (left17: neither was judged).
template <class T>
struct Queues {
  struct Lane {
    std::list<T> items;                          // expected-note {{'items' is declared here}}
    T first() { return items.front(); }          // expected-error {{'front()' of a std::list is not checked}}
    T checked_first() { return items.empty() ? T{} : items.front(); }
  };
};
template <class T>
T last_through_lambda(std::list<T>& l) {        // expected-note {{'l' is declared here}}
  auto last = [&l] { return l.back(); };         // expected-error {{'back()' of a std::list is not checked}}
  auto checked = [&l] { return l.empty() ? T{} : l.back(); };
  return last() + checked();
}
// (Queues<int> is instantiated where the parameter names it.)
int use_nested_queues(Queues<int>::Lane& a, Queues<long>::Lane& b, std::list<int>& l) {  // expected-note {{in the instantiation with T = int}}
  return a.first() + a.checked_first() + static_cast<int>(b.first() + b.checked_first()) +
         last_through_lambda(l);                 // expected-note {{in the instantiation with T = int}}
}

// In a template the container may be a std::list only in the
// instantiation (a queue of T, a helper over any container C): judged
// there, reported once at the code as written, with the same tests
// (an earlier `if (empty()) return`, a condition_variable predicate).
template <class T>
class ListQueue {
 public:
  void push(T v) { items_.push_back(std::move(v)); }
  T take() {
    T v = std::move(items_.front());           // expected-error {{'front()' of a std::list is not checked}}
    items_.pop_front();                        // expected-error {{'pop_front()' of a std::list is not checked}}
    return v;
  }
  bool try_take(T& out) {
    if (items_.empty()) return false;
    out = std::move(items_.front());
    items_.pop_front();
    return true;
  }
  T wait_take() {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait(lock, [this] { return !items_.empty(); });
    T v = std::move(items_.front());
    items_.pop_front();
    return v;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::list<T> items_;                         // expected-note 2 {{'items_' is declared here}}
};
template <class C>
auto last_of(const C& c) {  // expected-note {{'c' is declared here}} expected-note {{in the instantiation with C = std::list<int>}}
  return c.back();                             // expected-error {{'back()' of a std::list is not checked}}
}
template <class C>
auto last_or_zero(const C& c) {
  return c.empty() ? 0 : c.back();
}
int use_list_queue(const std::list<int>& l, const std::vector<int>& v, const std::deque<int>& d) {
  ListQueue<int> q;
  ListQueue<std::string> names;
  q.push(1);
  names.push("a");
  int got = 0;
  std::string name;
  const bool any = q.try_take(got) && names.try_take(name);
  return (any ? got : 0) + q.wait_take() + static_cast<int>(names.wait_take().size()) +
         q.take() +                            // expected-note 2 {{in the instantiation with T = int}}
         static_cast<int>(names.take().size()) + last_or_zero(l) + last_of(v) + last_of(d) +
         last_of(l);
}

// The element reads above, where the container's type depends on a
// template parameter: judged in each instantiation like ordinary code.
struct Cell { int v = 0; };
template <class T>
T first_elem(const std::vector<T>& v) {
  return *v.begin();                           // expected-error {{nothing checks that}}
}
template <class T>
T past_end(const std::vector<T>& v) {
  return *v.end();                             // expected-error {{end}}
}
template <class K, class V>
V smallest_value(const std::map<K, V>& m) {
  return m.begin()->second;                    // expected-error {{nothing checks that}}
}
template <class T>
T largest(const std::vector<T>& v) {
  return *std::max_element(v.begin(), v.end());  // expected-error {{nothing checks that}}
}
template <class T>
int through_data(const std::vector<T>& v) {
  return (*v.data()).v + v.data()->v;          // expected-error 2 {{data()}}
}
template <class T>
bool bit_at(const std::vector<T>& b, std::size_t i) {
  return b[i];                                 // expected-error {{std::vector<bool>}}
}
template <class T>
T array_at(const std::unique_ptr<T[]>& a, std::size_t i) {
  return a[i];                                 // expected-error {{unique_ptr}}
}
template <class T>
void drop_end(std::vector<T>& v) {
  v.erase(v.end());                            // expected-error {{erase}}
}
// Accepted: the same reads where the function shows the container is not
// empty, and the checked accesses.
template <class T>
T first_or_default(const std::vector<T>& v) {
  return v.empty() ? T{} : *v.begin();
}
template <class T>
T largest_checked(const std::vector<T>& v) {
  if (v.empty()) return T{};
  return *std::max_element(v.begin(), v.end());
}
template <class K, class V>
V value_or_default(const std::map<K, V>& m, const K& k) {
  auto it = m.find(k);
  return it != m.end() ? it->second : V{};
}
template <class T>
T total(const std::vector<T>& v) {
  T sum{};
  for (const auto& x : v) sum += x;
  return v.empty() ? sum : sum + v[0] + v.front();
}
int use_element_templates(std::vector<int>& v, std::vector<Cell>& cells, const std::map<int, int>& m,
                          const std::vector<bool>& bits, const std::unique_ptr<int[]>& a) {
  drop_end(v);                                 // expected-note {{in the instantiation with T = int}}
  const auto first_of_any = [](const auto& c) {  // expected-note {{in the instantiation with c:auto = std::vector<int>}}
    return *c.begin();                         // expected-error {{nothing checks that}}
  };
  const auto first_or_zero = [](const auto& c) { return c.empty() ? 0 : *c.begin(); };
  return first_elem(v) + past_end(v) + smallest_value(m) + largest(v) + through_data(cells) +  // expected-note 6 {{in the instantiation with}}
         (bit_at(bits, 2) ? 1 : 0) + array_at(a, 1) +  // expected-note 2 {{in the instantiation with}}
         first_or_default(v) + largest_checked(v) + value_or_default(m, 1) + total(v) +
         first_of_any(v) + first_or_zero(v);
}

// Iterator steps, ranges and output sizes that a template's containers
// show only in the instantiation.
template <class T>
T before_first(const std::vector<T>& v) {
  return *(v.begin() - 1);                     // expected-error {{before the beginning}}
}
template <class T>
T after_last(const std::list<T>& l) {
  return *std::next(l.end());                  // expected-error {{past the end}}
}
template <class T>
void sort_across(std::vector<T>& a, std::vector<T>& b) {
  std::sort(a.begin(), b.end());               // expected-error {{this range starts in 'a' and ends in 'b', another container}}
}
template <class T>
long distance_across(const std::vector<T>& a, const std::vector<T>& b) {
  return b.end() - a.begin();                  // expected-error {{this subtracts an iterator of 'a' from one of 'b'}}
}
template <class T>
void copy_into_smaller(const std::array<T, 8>& src, std::array<T, 4>& dst) {
  std::copy(src.begin(), src.end(), dst.begin());  // expected-error {{writes 8 elements}}
}
template <class T>
void sort_backwards(std::vector<T>& v) {
  std::sort(v.end(), v.begin());               // expected-error {{this range goes from the end of 'v' back to its beginning}}
}
// A view or container constructed from two iterators of `std::vector<T>`s:
// its constructor, and so its range parameters, exist only in the
// instantiation.
template <class T>
int subrange_across(std::vector<T>& a, std::vector<T>& b) {
  auto across = std::ranges::subrange(a.begin(), b.end());  // expected-error {{this range starts in 'a' and ends in 'b', another container}}
  std::ranges::subrange<typename std::vector<T>::iterator> typed(a.begin(), b.end());  // expected-error {{this range starts in 'a' and ends in 'b', another container}}
  std::vector<T> copied(b.end(), b.begin());  // expected-error {{this range goes from the end of 'b' back to its beginning}}
  auto within = std::ranges::subrange(a.begin() + 1, a.end());
  std::vector<T> whole(b.begin(), b.end());
  return static_cast<int>(across.size() + typed.size() + copied.size() + within.size() + whole.size());
}
// Accepted: steps and ranges within one container.
template <class T>
T within(std::vector<T>& v, const std::array<T, 4>& src, std::array<T, 4>& dst) {
  std::sort(v.begin(), v.end());
  std::copy(src.begin(), src.end(), dst.begin());
  T sum{};
  for (auto it = v.begin(); it != v.end(); ++it) sum += *it;
  return v.size() > 1 ? sum + *(v.end() - 1) + *std::next(v.begin()) : sum;
}
int use_step_templates(std::vector<int>& v, std::vector<int>& w, std::list<int>& l, std::array<int, 8>& a8,
                       std::array<int, 4>& a4) {
  sort_across(v, w);                           // expected-note {{in the instantiation with T = int}}
  copy_into_smaller(a8, a4);                   // expected-note {{in the instantiation with T = int}}
  sort_backwards(v);                           // expected-note {{in the instantiation with T = int}}
  subrange_across(v, w);                       // expected-note 3 {{in the instantiation with T = int}}
  return before_first(v) + after_last(l) + static_cast<int>(distance_across(v, w)) +  // expected-note 3 {{in the instantiation with T = int}}
         within(v, a4, a4);
}

// A step out of range of an iterator whose type depends on a template
// parameter (`auto it = c.end()` of a `C& c`): ++ / -- / + of a class
// iterator or of a pointer (std::array's, a C array's std::end()) only in
// the instantiation, reported once however many instantiations meet it.
template <class C>
int step_past_end(C& c) {
  auto it = c.end();                           // expected-note {{'it' holds the end of 'c' here}}
  ++it;                                        // expected-error {{this steps 'it' past the end of 'c'}}
  return *it;
}
template <class C>
int step_before_first(C& c) {
  auto it = std::begin(c);                     // expected-note {{'it' holds the beginning of 'c' here}}
  it--;                                        // expected-error {{this steps 'it' before the beginning of 'c'}}
  return *it;
}
template <class C>
int one_past_end(C& c) {
  auto it = c.end();
  return *(it + 1);                            // expected-error {{this iterator is moved past the end of 'c' by a constant}}
}
// Accepted: on from the beginning after a test, back from the end.
template <class C>
int steps_within(C& c) {
  auto first = c.begin();
  if (first == c.end()) return 0;
  ++first;
  auto last = std::end(c);
  --last;
  auto back = c.end();
  return *(first - 1) + *last + *(back - 1);
}
int use_dependent_steps(std::vector<int>& v, std::array<int, 4>& a, std::list<int>& l) {
  int raw[3] = {1, 2, 3};
  const auto past = [](auto& c) {             // expected-note {{in the instantiation with c:auto = std::array<int, 4>}}
    auto e = c.end();                          // expected-note {{'e' holds the end of 'c' here}}
    ++e;                                       // expected-error {{this steps 'e' past the end of 'c'}}
    return *e;
  };
  return step_past_end(v) + step_past_end(a) + step_past_end(l) +  // expected-note {{in the instantiation with C = std::vector<int>}}
         step_before_first(raw) + step_before_first(a) +           // expected-note {{in the instantiation with C = int[3]}}
         one_past_end(a) + one_past_end(v) +                       // expected-note {{in the instantiation with C = std::array<int, 4>}}
         steps_within(v) + steps_within(a) + past(a);
}

// Node operations with another container's iterator, or with end().
void node_operations(std::map<int, int>& a, std::map<int, int>& b, std::set<int>& s, std::set<int>& t,
                     std::list<int>& l, std::list<int>& m, std::list<int>& n, std::forward_list<int>& f,
                     std::forward_list<int>& g, std::forward_list<int>& h) {
  auto from_b = a.extract(b.begin());          // expected-error {{the position given to 'extract' is an iterator of 'b', not of 'a': the standard library does not check it and the call unlinks the other container's node as if it were this one's (both then free it); take the position from 'a' itself [meshwa-unsafe-buffer]}}
  auto from_t = s.extract(t.cbegin());         // expected-error {{the position given to 'extract' is an iterator of 't', not of 's'}}
  l.splice(l.begin(), m, n.begin());           // expected-error {{the iterator given to 'splice' is an iterator of 'n', not of 'm', the list the elements are taken from: the standard library does not check it; the nodes are unlinked from 'n' while the size of 'm' goes down (it wraps around), and both lists then free them; take the iterators from 'm', or splice from 'n' itself [meshwa-unsafe-buffer]}}
  l.splice(l.end(), m, n.begin(), n.end());    // expected-error {{the iterator given to 'splice' is an iterator of 'n', not of 'm'}}
  l.splice(l.end(), std::move(n), m.begin(), m.end());  // expected-error {{the iterator given to 'splice' is an iterator of 'm', not of 'n'}}
  l.splice(l.begin(), m, m.end());             // expected-error {{'m.end()' given to 'splice' as the element to move is no element: it is the list's own header node, which the call moves into the other list (the standard library does not check it); give an iterator to an element, after testing !m.empty() [meshwa-unsafe-buffer]}}
  f.splice_after(f.before_begin(), g, h.begin());  // expected-error {{the iterator given to 'splice_after' is an iterator of 'h', not of 'g'}}
  // Accepted: the source's own iterators, the whole list, extract by key,
  // extract of this container's own position.
  l.splice(l.begin(), m, m.begin());
  l.splice(l.begin(), m, m.begin(), m.end());
  l.splice(l.end(), std::move(n), n.begin(), n.end());
  l.splice(l.begin(), m);
  l.splice(l.begin(), l, l.begin());
  f.splice_after(f.before_begin(), g, g.before_begin());
  f.splice_after(f.before_begin(), h);
  auto own = a.extract(a.begin());
  auto by_key = b.extract(1);
  auto own_set = t.extract(t.begin());
  (void)from_b; (void)from_t; (void)own; (void)by_key; (void)own_set;
}

// A view from the two ends of one container in the wrong order.
struct Reversed {
  std::string text_;
  std::vector<int> items_;
  std::string_view tail() const {
    return std::string_view(text_.cend(), text_.cbegin());  // expected-error {{this view goes from the end of 'text_' back to its beginning: its length, last - first, is negative and wraps around to nearly SIZE_MAX, so every later bounds check of the view passes; give the ends in order, (text_.begin(), text_.end()), or build the view from the container itself [meshwa-unsafe-buffer]}}
  }
  std::span<int> all() { return std::span<int>(items_.end(), items_.begin()); }  // expected-error {{this view goes from the end of 'items_' back to its beginning}}
};
int reversed_views(const std::string& s, std::vector<int>& v, std::string_view whole) {
  std::string_view sv(s.end(), s.begin());     // expected-error {{this view goes from the end of 's' back to its beginning}}
  std::span sp(v.end(), v.begin());            // expected-error {{this view goes from the end of 'v' back to its beginning}}
  int n = 0;
  for (int x : std::ranges::subrange(v.end(), v.begin())) n += x;  // expected-error {{this view goes from the end of 'v' back to its beginning}}
  for (int x : std::ranges::subrange(v.rend(), v.rbegin())) n += x;  // expected-error {{this view goes from the end of 'v' back to its beginning}}
  std::string_view back(whole.end(), whole.begin());  // expected-error {{this view goes from the end of 'whole' back to its beginning}}
  // In order, or the gap between two views of one buffer: accepted.
  std::string_view fine(s.begin(), s.end()), first = whole.substr(0, 1), second = whole.substr(2);
  std::string_view gap(first.end(), second.begin());
  std::span ok(v.begin(), v.end());
  for (int x : std::ranges::subrange(v.rbegin(), v.rend())) n += x;
  return n + static_cast<int>(sv.size() + sp.size() + back.size() + fine.size() + gap.size() + ok.size());
}

// valarray's slice / gslice / mask / indirect operator[] and the unordered
// containers' bucket API: unchecked by libstdc++ 12.
int unchecked_library_indices(std::valarray<int>& va, const std::valarray<int>& cva,
                              const std::unordered_map<int, int>& m, std::unordered_set<int>& set, std::size_t n,
                              int key) {
  va[std::slice(0, 100, 1)] = 7;               // expected-error {{std::valarray::operator[] with a std::slice is not bounds-checked by this standard library, even with _GLIBCXX_ASSERTIONS: the indices it selects are not compared with the valarray's size; index single elements (va[i], checked), or keep the data in a std::vector and take a std::span of it (.subspan(offset, n), which checks) [meshwa-unsafe-buffer]}}
  std::valarray<int> picked = cva[std::gslice(0, {10}, {10})];  // expected-error {{std::valarray::operator[] with a std::gslice is not bounds-checked}}
  va[std::valarray<std::size_t>{100}] = 7;     // expected-error {{std::valarray::operator[] with an index array (std::valarray<std::size_t>) is not bounds-checked}}
  const std::valarray<bool> mask{true, false, true, true, true, true};
  va[mask] = 1;                                // expected-error {{std::valarray::operator[] with a mask (std::valarray<bool>) is not bounds-checked}}
  std::size_t total = m.bucket_size(n);        // expected-error {{'bucket_size(n)' of a std::unordered_map is not checked by this standard library, even with _GLIBCXX_ASSERTIONS: a bucket number that is not below bucket_count() reads past the bucket array; pass 'm.bucket(key)', or test the number against 'm.bucket_count()' (`for (std::size_t b = 0; b < m.bucket_count(); ++b)`) in this function [meshwa-unsafe-buffer]}}
  total += static_cast<std::size_t>(m.begin(n)->second);  // expected-error {{'begin(n)' of a std::unordered_map is not checked}}
  for (auto it = set.cbegin(n); it != set.cend(n); ++it) total += static_cast<std::size_t>(*it);  // expected-error {{'cbegin(n)' of a std::unordered_set is not checked}} expected-error {{'cend(n)' of a std::unordered_set is not checked}}
  // Accepted: a single element (checked), a bucket number from bucket(),
  // or one tested against bucket_count(); the bucket-less begin() / end().
  total += static_cast<std::size_t>(va[n] + cva[1]) + picked.size();
  total += m.bucket_size(m.bucket(key));
  const std::size_t b = set.bucket(key);
  for (auto it = set.begin(b); it != set.end(b); ++it) total += static_cast<std::size_t>(*it);
  for (std::size_t i = 0; i < m.bucket_count(); ++i) total += m.bucket_size(i);
  if (n < m.bucket_count()) total += m.bucket_size(n);
  for (auto it = m.begin(); it != m.end(); ++it) total += static_cast<std::size_t>(it->second);
  return static_cast<int>(total);
}

// std::bitset, std::regex and std::valarray from a pointer and a length.
int pointer_length_classes(const std::string& s, std::size_t n) {
  std::array<char, 4> a{'1', '0', '1', '0'};
  std::array<int, 4> ints{};
  std::bitset<64> b1(a.data(), 64);            // expected-error {{building a std::bitset from a pointer and a length trusts the length, which nobody checks against the buffer; build it from a std::string of the text (std::string(v.begin(), v.end()), or s.substr(pos, n), which checks) [meshwa-unsafe-buffer]}}
  std::bitset<64> b2(a.data());                // expected-error {{building a std::bitset from a bare pointer reads up to a NUL terminator that .data() of this buffer does not have (strlen past its end); build it from the range: std::bitset<N>(std::string(v.begin(), v.end())), or from a std::string's c_str() [meshwa-unsafe-buffer]}}
  std::bitset<64> b3(s.c_str(), n);            // expected-error {{building a std::bitset from a pointer and a length trusts the length}}
  std::regex re(a.data(), 4096);               // expected-error {{building a std::regex from a pointer and a length trusts the length, which nobody checks against the buffer; build it from a std::string of the text}}
  std::valarray<int> va(ints.data(), 4096);    // expected-error {{building a std::valarray from a pointer and a length trusts the length, which nobody checks against the buffer; copy the elements from the container itself (it knows its size), or from a std::span's .subspan(offset, n), which checks [meshwa-unsafe-buffer]}}
  // Accepted: literals, terminated strings, the other constructors.
  std::bitset<8> lit("1010", 4), text(s), from_c_str(s.c_str()), bits(0xffULL);
  std::regex r2("a+", 2), r3(s), r4(s.begin(), s.end()), r5("a|b", std::regex::icase);
  std::valarray<int> filled(7, n), sized(n);
  // The pointer and the size of one container: accepted for these classes,
  // which take no container (std::span / std::string_view do).
  std::vector<int> v(4);
  std::valarray<int> of_vector(v.data(), v.size());
  std::bitset<4> of_array(a.data(), a.size());
  std::regex of_chars(a.data(), a.size());
  std::valarray<int> short_count(v.data(), ints.size());  // expected-error {{building a std::valarray from a pointer and a length trusts the length}}
  return static_cast<int>(b1.count() + b2.count() + b3.count() + lit.count() + text.count() + from_c_str.count() +
                          bits.count() + va.size() + filled.size() + sized.size() + of_vector.size() +
                          of_array.count() + short_count.size());
}

// A subscript with an operand of dependent type: in the pattern, `map_["a"]`
// looks like the string literal indexed by map_ and a class's operator[]
// like a built-in one. Judged in each instantiation instead: a map's
// operator[] is accepted, a C array indexed out of sight of its bound is
// reported where it is written.
template <class Map>
struct Settings {
  Map map_;
  int port() { this->map_["port"] = 80; return this->map_["port"]; }
};
template <class T>
int element(T& a, std::size_t i) {  // #element_a
  return a[i];  // expected-error {{indexing a C array with an index not known to be in bounds}} expected-note@#element_a {{'a' is a C array declared here}}
}
template <class I>
int element_at(const int (&a)[4], I i) {  // #element_at_a
  return a[i];  // expected-error {{indexing a C array with an index not known to be in bounds}} expected-note@#element_at_a {{'a' is a C array declared here}}
}
template <std::size_t N>
struct Slots {
  int a_[N] = {};  // #slots_a
  int first() const { return a_[0]; }  // in bounds once N is known
  int get(std::size_t i) const { return a_[i]; }  // expected-error {{indexing a C array with an index not known to be in bounds}} expected-note@#slots_a {{'a_' is a C array declared here}}
};
int use_dependent_subscripts(std::size_t i) {
  Settings<std::map<std::string, int>> settings;
  std::map<std::size_t, int> by_index;
  int arr[4] = {};
  Slots<4> slots;
  return settings.port() + element(by_index, i) + element(arr, i) +  // expected-note {{in the instantiation with T = int[4]}}
         element_at(arr, i) + element_at(arr, 2) +  // expected-note {{in the instantiation with I = unsigned long}}
         slots.first() + slots.get(i);  // expected-note {{in the instantiation with N = 4}}
}

// A construction whose arguments depend on a template parameter is resolved
// only in the instantiation (char data[N] decays there): judged in each
// instantiation, reported once where it is written.
template <unsigned N>
struct FixedName {
  char data[N]{};  // #fixed_data
  std::string_view view() const {
    return std::string_view(data, N + 5);  // expected-error {{building a std::string_view from a pointer and a length trusts the length}} expected-error {{this C array decays to a pointer}} expected-note@#fixed_data {{'data' is a C array declared here}}
  }
  std::string_view prefix(std::size_t n) const {
    std::string_view v(data, n);  // expected-error {{building a std::string_view from a pointer and a length trusts the length}} expected-error {{this C array decays to a pointer}} expected-note@#fixed_data {{'data' is a C array declared here}}
    return v;
  }
};
template <class T>
std::span<const T> head(const std::vector<T>& v, std::size_t n) {
  return std::span<const T>(v.data(), n);  // expected-error {{building a std::span from a pointer (or an iterator) and a length trusts the length}}
}
// Accepted in the instantiations: the container itself, counts and fills.
template <class T>
std::size_t accepted_constructions(const std::vector<T>& v, std::size_t n) {
  std::span<const T> all(v);
  std::basic_string<char> filled(n, 'x');
  std::vector<T> copy(v.begin(), v.end());
  std::vector<T> sized(n, T{});
  return all.size() + filled.size() + copy.size() + sized.size();
}
std::size_t use_fixed_name() {
  const FixedName<4> name;
  const std::vector<int> v{1, 2};
  return name.view().size() +  // expected-note {{in the instantiation with N = 4U}}
         name.prefix(2).size() + head(v, 2).size() + accepted_constructions(v, 2);  // expected-note {{in the instantiation with N = 4U}} expected-note {{in the instantiation with T = int}}
}

// The C library's (pointer, count) functions beyond banned-function's list,
// judged by their signature: a buffer parameter followed by a length
// (size_t, socklen_t, nfds_t, `int maxevents`, `int nelem`), given a
// container's storage with a count that is not its own size; and writers of
// characters with no length at all, given a container's storage.
#include <arpa/inet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <cwchar>
int compare_ints(const void* a, const void* b);
int c_counts(int ep, int fd, std::array<epoll_event, 1>& evs, std::array<pollfd, 1>& fds, std::array<double, 1>& l,
             std::array<char, 4>& a, std::array<char, 4>& b, std::array<wchar_t, 4>& w,
             const std::array<unsigned char, 16>& addr, std::vector<int>& v) {
  int r = ::epoll_wait(ep, evs.data(), 4096, 0);  // expected-error {{'epoll_wait' writes into this buffer as far as a separate count says, and nothing checks the count against the buffer (it can run past its end); pass the container's own size as the count (evs.data(), evs.size()), or a constant that fits a std::array [meshwa-unsafe-buffer]}}
  r += ::poll(fds.data(), 4096, 0);               // expected-error {{'poll' writes into this buffer as far as a separate count says}}
  r += ::getloadavg(l.data(), 3);                 // expected-error {{'getloadavg' writes into this buffer as far as a separate count says}}
  r += ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, a.data(), 4096);  // expected-error {{'setsockopt' reads this buffer as far as a separate count says}}
  int dp = 0, sg = 0;
  r += ::ecvt_r(1.0, 4, &dp, &sg, a.data(), 4096);              // expected-error {{'ecvt_r' writes into this buffer as far as a separate count says}}
  r += ::inet_ntop(AF_INET6, addr.data(), a.data(), 4096) != nullptr;  // expected-error {{'inet_ntop' writes into this buffer as far as a separate count says}}
  r += static_cast<int>(strnlen(a.data(), 4096));  // expected-error {{'strnlen' reads this buffer as far as a separate count says}}
  r += static_cast<int>(::wcsnlen(w.data(), 4096));  // expected-error {{'wcsnlen' reads this buffer as far as a separate count says}}
  r += std::strncmp(a.data(), b.data(), 4096);    // expected-error {{'strncmp' reads this buffer}} expected-error {{'strncmp' reads this buffer}}
  r += ::strncasecmp(a.data(), "abcdefgh", 4096);  // expected-error {{'strncasecmp' reads this buffer as far as a separate count says}}
  r += std::mblen(a.data(), 4096);                // expected-error {{'mblen' reads this buffer as far as a separate count says}}
  r += std::strncmp(a.data(), "abcd", a.size() + 1);  // expected-error {{'strncmp' reads this buffer as far as a separate count says}}
  r += ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, v.data(), v.size() * 8);  // expected-error {{'setsockopt' reads this buffer as far as a separate count says}}
  r += ::if_indextoname(1, a.data()) != nullptr;  // expected-error {{'if_indextoname' writes into this buffer as many bytes as it decides itself (a size fixed by the function, not passed to it), and nothing checks them against the buffer; use a C++ interface that returns a std::string or a container, or keep the call in a function marked MESHWA_UNSAFE("why") [meshwa-unsafe-buffer]}}
  r += ::gcvt(3.14159, 4096, a.data()) != nullptr;  // expected-error {{'gcvt' writes into this buffer as many bytes as it decides itself}}
  r += ::ctermid(a.data()) != nullptr;            // expected-error {{'ctermid' writes into this buffer as many bytes as it decides itself}}
  r += ::inet_pton(AF_INET6, "::1", b.data());    // expected-error {{'inet_pton' writes into this buffer as many bytes as it decides itself}}
  std::qsort(v.data(), v.size(), 4096, compare_ints);  // expected-error {{'qsort' writes into this buffer as far as a separate count says}}
  return r;
}
// Accepted: the container's own size (also in bytes for a void* count), a
// constant that fits a std::array, a terminated std::string to a bounded
// C-string reader (it stops at the NUL), a std::string's storage to an
// in-place editor with no length (mkstemp).
int c_counts_fit(int ep, int fd, std::array<epoll_event, 8>& evs, std::array<pollfd, 2>& fds,
                 std::array<char, 46>& a, const std::array<unsigned char, 16>& addr, std::vector<int>& v,
                 const std::string& s, std::string& name, std::array<double, 3>& l) {
  int r = ::epoll_wait(ep, evs.data(), static_cast<int>(evs.size()), 0);
  r += ::poll(fds.data(), fds.size(), 0);
  r += ::poll(fds.data(), 2, 0);
  r += ::getloadavg(l.data(), 3);
  r += ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, v.data(), v.size());
  r += ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, v.data(), v.size() * sizeof(int));
  r += ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, a.data(), 4);
  r += ::inet_ntop(AF_INET6, addr.data(), a.data(), a.size()) != nullptr;
  r += ::inet_ntop(AF_INET6, addr.data(), a.data(), INET6_ADDRSTRLEN) != nullptr;
  r += std::strncmp(s.c_str(), "abc", 3) + std::strncmp(s.data(), "abcdefgh", 4096);
  r += static_cast<int>(strnlen(s.c_str(), 4096) + strnlen(a.data(), a.size()));
  r += ::mkstemp(name.data());
  std::qsort(v.data(), v.size(), sizeof(int), compare_ints);
  return r;
}

// A prefix test against a literal on a buffer whose size is in its type
// (std::array, std::span of static extent): the count is held against that
// size, not the literal's (CWE-126: `std::array<char, 2> v{}` compared over 4
// characters reads past it). A buffer of run-time size keeps the literal's
// bound, and so does a count that fits.
int literal_prefix_on_short_buffer(std::array<char, 2>& method, std::span<const char, 3> tag,
                                   std::array<char, 8>& line, std::span<const char> any,
                                   std::array<std::array<char, 4>, 2>& rows) {
  int r = std::strncmp(method.data(), "GET ", 4);  // expected-error {{'strncmp' reads this buffer as far as a separate count says, and nothing checks the count against the buffer (it can run past its end); pass the container's own size as the count (method.data(), method.size()), or a constant that fits a std::array [meshwa-unsafe-buffer]}}
  r += ::strncasecmp("POST", tag.data(), 4);      // expected-error {{'strncasecmp' reads this buffer as far as a separate count says}}
  r += std::strncmp(&line[6], "GET ", 4);         // expected-error {{'strncmp' reads this buffer as far as a separate count says}}
  r += std::strncmp(rows[1].data(), "HEAD", 4);
  r += std::strncmp(line.data(), "GET ", 4) + std::strncmp(&line[4], "GET ", 4);
  r += std::strncmp(tag.data(), "GET", 3) + std::strncmp(any.data(), "GET ", 4);
  return r;
}

// An iterator moved by a constant before begin() or past end() (or past the
// N elements of a std::array / static-extent std::span), and the end
// iterator dereferenced: not checked even under _GLIBCXX_ASSERTIONS
// (CWE-124/127, CWE-121/122/126). Steps that stay within [begin(), end()],
// and steps of unknown size on a vector, are accepted.
int iterator_steps_out_of_range(std::vector<int>& v, std::array<int, 4>& a, std::string& s,
                                const std::list<int>& l) {
  int r = *(v.begin() - 5);          // expected-error {{this iterator is moved before the beginning of 'v' by a constant, and iterator arithmetic is not bounds-checked (forming it is already undefined behaviour); stay within [begin(), end()], or index the container with .at() or operator[] (checked under -D_GLIBCXX_ASSERTIONS) [meshwa-unsafe-buffer]}}
  *(v.end() + 1) = 5;                // expected-error {{this iterator is moved past the end of 'v'}}
  *std::prev(v.begin()) = 1;         // expected-error {{this iterator is moved before the beginning of 'v'}}
  r += *std::next(l.end());          // expected-error {{this iterator is moved past the end of 'l'}}
  r += *(a.begin() + 6);             // expected-error {{this iterator is moved past the end of 'a'}}
  r += *(std::cend(a) - 5);          // expected-error {{this iterator is moved before the beginning of 'a'}}
  const std::string t(s.begin() - 2, s.end());  // expected-error {{this iterator is moved before the beginning of 's'}}
  r += *(v.rbegin() + (-1));         // expected-error {{this iterator is moved before the beginning of 'v'}}
  r += *v.end();                     // expected-error {{dereferencing the end iterator of 'v' reads past its elements, and nothing checks it; use .back() or .front() (checked under -D_GLIBCXX_ASSERTIONS), or an iterator tested against end() [meshwa-unsafe-buffer]}}
  r += *a.cend() + *v.rend();        // expected-error {{dereferencing the end iterator of 'a'}} expected-error {{dereferencing the end iterator of 'v'}}
  return r + static_cast<int>(t.size());
}
// The end iterator read through a local that holds it and that nothing in
// the function moves (Juliet's data-flow variants: a copy of a copy).
int end_iterator_in_a_local(std::vector<int>& v, std::array<int, 4>& a) {
  auto last = v.end();  // expected-note {{'last' holds that end iterator, and nothing in the function moves it}}
  auto copy = last;     // expected-note {{'copy' holds that end iterator, and nothing in the function moves it}}
  *copy = 1;            // expected-error {{dereferencing the end iterator of 'v' reads past its elements}}
  const auto e = a.end();  // expected-note {{'e' holds that end iterator}}
  int r = *e;              // expected-error {{dereferencing the end iterator of 'a'}}
  return r + *last;        // expected-error {{dereferencing the end iterator of 'v'}}
}
// begin() stepped by the container's own size() is its end, read as such
// (cppcheck's containerOutOfBounds): *(v.begin() + v.size()) is *v.end().
int end_by_size(const std::vector<int>& v, const std::vector<int>& w, std::deque<int>& d) {
  int r = *(v.begin() + v.size());          // expected-error {{dereferencing the end iterator of 'v' reads past its elements}}
  r += *std::next(d.begin(), d.size());     // expected-error {{dereferencing the end iterator of 'd' reads past its elements}}
  const auto stop = v.cbegin() + v.size();  // expected-note {{'stop' holds that end iterator}}
  r += *stop;                               // expected-error {{dereferencing the end iterator of 'v' reads past its elements}}
  r += *(v.rbegin() + v.size());            // expected-error {{dereferencing the end iterator of 'v' reads past its elements}}
  r += static_cast<int>(*(v.begin() + v.size() + 1) == 0);  // expected-error {{this iterator is moved past the end of 'v'}}
  return r;
}
int end_by_size_accepted(std::vector<int>& v, const std::vector<int>& w) {
  if (v.empty() || w.size() > v.size()) return 0;
  std::sort(v.begin(), v.begin() + v.size());
  int r = *(v.begin() + v.size() - 1);  // the last element
  r += *(v.begin() + w.size());         // another container's size: not known to be the end
  return r + static_cast<int>(std::count(v.begin(), v.begin() + v.size(), 0));
}
int end_iterator_moved_first(std::vector<int>& v, std::map<int, int>& m) {
  auto back = v.end();
  --back;
  int r = *back;
  auto found = m.end();
  found = m.find(1);
  if (found != m.end()) r += found->second;
  const auto stop = v.end();
  for (auto i = v.begin(); i != stop; ++i) r += *i;
  auto moved = v.end();
  std::advance(moved, -1);
  return r + *moved;
}
int iterator_steps_in_range(std::vector<int>& v, std::array<int, 4>& a, std::string& s, const std::list<int>& l,
                            std::size_t n) {
  if (v.empty() || l.empty()) return 0;  // the first and last elements: first_and_last_elements
  int r = *(v.end() - 1) + *std::prev(v.end()) + *std::next(v.begin(), 3) + *(v.begin() + 8);
  r += *(a.begin() + 3) + *(a.end() - 4) + *std::prev(l.end()) + *std::next(l.begin());
  const std::string t(s.begin() + 2, s.end());
  const auto a_end = a.begin() + 4;  // the end itself, not read
  r += static_cast<int>(std::count(a.begin(), a_end, 0));
  r += *(v.rbegin() + 1) + *(v.rend() - 1) + *(v.begin() + static_cast<long>(n));
  return r + static_cast<int>(t.size()) + static_cast<int>(v.end() - v.begin());
}

// An algorithm writing more elements than its std::array output holds, where
// both numbers are in the code (CWE-121/122). A count that fits, an output of
// run-time size, and std::back_inserter are accepted.
void output_range_overflow(std::array<int, 100>& big, std::array<int, 50>& small, std::span<int, 4> four,
                           const std::vector<int>& v) {
  std::copy(big.begin(), big.end(), small.begin());  // expected-error {{'std::copy' writes 100 elements through this iterator into 'small', which has 50, and nothing checks the output's end; size the destination to the source, or write with std::back_inserter into a std::vector [meshwa-unsafe-buffer]}}
  std::copy_n(v.begin(), 100, small.begin());         // expected-error {{'std::copy_n' writes 100 elements through this iterator into 'small'}}
  std::fill_n(four.begin(), 11, 0);                   // expected-error {{'std::fill_n' writes 11 elements through this iterator into 'four', which has 4}}
  std::transform(big.cbegin(), big.cend(), small.begin(), [](int x) { return x + 1; });  // expected-error {{'std::transform' writes 100 elements}}
  std::move(big.rbegin(), big.rend(), small.rbegin());  // expected-error {{'std::move' writes 100 elements}}
}
void output_range_fits(std::array<int, 100>& big, std::array<int, 50>& small, std::vector<int>& v,
                       std::vector<int>& out) {
  std::copy(small.begin(), small.end(), big.begin());
  std::copy_n(big.begin(), small.size(), small.begin());
  std::copy_n(v.begin(), 50, small.begin());
  std::fill_n(small.begin(), 50, 0);
  std::copy(big.begin(), big.end(), v.begin());
  std::copy(big.begin(), big.end(), std::back_inserter(out));
  std::transform(small.begin(), small.end(), big.begin(), [](int x) { return x * 2; });
}

// The same through the std::ranges:: algorithms (operator() of a niebloid),
// with a whole container as the source or a (first, last) pair; and in a
// template whose containers' sizes are known only in the instantiation,
// reported once with a note naming it.
void ranges_output_overflow(std::array<int, 100>& big, std::array<int, 50>& small, std::span<int, 4> four,
                            const std::vector<int>& v) {
  std::ranges::copy(big, small.begin());              // expected-error {{'std::ranges::copy' writes 100 elements through this iterator into 'small', which has 50, and nothing checks the output's end}}
  std::ranges::copy(big.begin(), big.end(), small.begin());  // expected-error {{'std::ranges::copy' writes 100 elements}}
  std::ranges::copy_n(v.begin(), 100, small.begin());  // expected-error {{'std::ranges::copy_n' writes 100 elements}}
  std::ranges::fill_n(four.begin(), 11, 0);            // expected-error {{'std::ranges::fill_n' writes 11 elements through this iterator into 'four', which has 4}}
  std::ranges::transform(big, small.begin(), [](int x) { return x + 1; });  // expected-error {{'std::ranges::transform' writes 100 elements}}
  std::ranges::move(big, small.data());                // expected-error {{'std::ranges::move' writes 100 elements through this pointer}}
}
void ranges_output_fits(std::array<int, 100>& big, std::array<int, 50>& small, std::vector<int>& v,
                        std::vector<int>& out) {
  std::ranges::copy(small, big.begin());
  std::ranges::copy(v, small.begin());                 // v's size is not known here
  std::ranges::copy(big | std::views::take(50), small.begin());
  std::ranges::copy(big, std::back_inserter(out));
  std::ranges::fill_n(small.begin(), 50, 0);
  std::ranges::transform(small, small, big.begin(), std::plus<>{});
}
template <class S>
void ranges_copy_generic(const S& src) {
  std::array<int, 4> dst{};
  std::ranges::copy(src, dst.begin());                 // expected-error {{'std::ranges::copy' writes 8 elements through this iterator into 'dst', which has 4}}
}
template <class S, class D>
void ranges_copy_into(const S& src, D& dst) {
  std::ranges::copy(src, dst.begin());                 // expected-error {{'std::ranges::copy' writes 8 elements}}
}
template <class T>
void ranges_fill_generic(std::array<T, 4>& dst) {
  std::ranges::fill_n(dst.begin(), 5, T{});            // expected-error {{'std::ranges::fill_n' writes 5 elements}}
}
void use_ranges_templates(const std::array<int, 8>& a8, const std::array<int, 2>& a2, std::array<int, 4>& a4,
                          std::array<char, 4>& c4, const std::vector<int>& v) {
  ranges_copy_generic(a8);                             // expected-note {{in the instantiation with S = std::array<int, 8>}}
  ranges_copy_generic(a2);
  ranges_copy_generic(v);
  ranges_copy_into(a8, a4);                            // expected-note {{in the instantiation with S = std::array<int, 8>, D = std::array<int, 4>}}
  ranges_copy_into(a2, a4);
  ranges_fill_generic(a4);                             // expected-note {{in the instantiation with T = int}}
  ranges_fill_generic(c4);                             // one report for the written call
}

// std::copy_n reads as many elements as its count from its input, and an
// algorithm's output may be the .data() of a container as well as its
// begin(): both are judged against a known size (CWE-126, CWE-121/122).
void input_range_overread(std::array<char, 50>& src, std::array<char, 100>& dest, std::vector<char>& v) {
  std::copy_n(src.begin(), 100, dest.begin());  // expected-error {{'std::copy_n' reads 100 elements through this iterator from 'src', which has 50, and nothing checks the input's end; copy at most src.size() elements, or the whole range with std::copy(src.begin(), src.end(), ...) [meshwa-unsafe-buffer]}}
  std::copy_n(src.data(), 60, dest.data());     // expected-error {{'std::copy_n' reads 60 elements through this pointer from 'src', which has 50}}
  std::fill_n(src.data(), 51, 'x');             // expected-error {{'std::fill_n' writes 51 elements through this pointer into 'src', which has 50}}
  std::vector<int> fixed(10);
  std::fill_n(fixed.data(), 11, 0);             // expected-error {{'std::fill_n' writes 11 elements through this pointer into 'fixed', which has 10}}
}
// The other algorithms writing one element for each one they read
// (reverse_copy, replace_copy, partial_sum, adjacent_difference, the scans)
// or at most one (unique_copy, remove_copy), in both forms.
void more_output_algorithms(const std::array<int, 8>& a, std::array<int, 4>& small, const std::vector<int>& v) {
  std::reverse_copy(a.begin(), a.end(), small.begin());  // expected-error {{'std::reverse_copy' writes 8 elements through this iterator into 'small', which has 4}}
  std::partial_sum(a.begin(), a.end(), small.begin());   // expected-error {{'std::partial_sum' writes 8 elements through this iterator into 'small', which has 4}}
  std::ranges::reverse_copy(a, small.begin());           // expected-error {{'std::ranges::reverse_copy' writes 8 elements through this iterator into 'small', which has 4}}
  std::vector<int> unique;
  std::unique_copy(v.begin(), v.end(), unique.begin());  // expected-error {{'std::unique_copy' writes the source's elements through this iterator into 'unique', which is empty here}}
  std::vector<int> kept;
  std::ranges::remove_copy(v, kept.begin(), 0);          // expected-error {{'std::ranges::remove_copy' writes the source's elements through this iterator into 'kept', which is empty here}}
  std::vector<int> sums;
  std::exclusive_scan(v.begin(), v.end(), sums.begin(), 0);  // expected-error {{'std::exclusive_scan' writes the source's elements through this iterator into 'sums', which is empty here}}
  std::vector<int> appended;
  std::unique_copy(v.begin(), v.end(), std::back_inserter(appended));
  std::partial_sum(small.begin(), small.end(), small.begin());
  std::vector<int> sized(v.size());
  std::adjacent_difference(v.begin(), v.end(), sized.begin());
  std::ranges::replace_copy(v, sized.begin(), 1, 2);
}
// std::transform's second input is read as far as the first range goes.
void second_input_overread(const std::array<int, 8>& a, const std::array<int, 4>& b, std::array<int, 8>& out,
                           const std::vector<int>& v) {
  std::transform(a.begin(), a.end(), b.begin(), out.begin(), std::plus<>{});  // expected-error {{'std::transform' reads 8 elements through this iterator from 'b', which has 4, and nothing checks the input's end; make the first range no longer than 'b' (compare the sizes first), or give both ranges whole to std::ranges::transform, which stops at the shorter [meshwa-unsafe-buffer]}}
  std::transform(b.begin(), b.end(), a.begin(), out.begin(), std::plus<>{});
  std::transform(a.begin(), a.end(), v.begin(), out.begin(), std::plus<>{});  // v's size is not known here
  std::transform(a.begin(), a.end(), a.begin(), out.begin(), std::plus<>{});
  std::ranges::transform(a, b, out.begin(), std::plus<>{});
}
void input_range_fits(std::array<char, 50>& src, std::array<char, 100>& dest, std::vector<char>& v) {
  std::copy_n(src.begin(), 50, dest.begin());
  std::copy_n(src.data(), src.size(), dest.data());
  std::copy_n(v.begin(), 100, dest.begin());  // v's size is not known here
  std::fill_n(v.data(), 200, 'x');
  std::fill_n(dest.data(), 100, 'x');
  std::vector<int> fixed(10);
  std::fill_n(fixed.data(), 10, 0);
}

// An output that is empty (CERT CTR52-CPP): a local container built empty
// that nothing in the function fills has room for nothing, whatever the
// source holds. An initializer list gives a known size too.
void write_into_empty(const std::vector<int>& src, std::size_t n) {
  std::vector<int> dest;
  std::copy(src.begin(), src.end(), dest.begin());  // expected-error {{'std::copy' writes the source's elements through this iterator into 'dest', which is empty here, and nothing checks the output's end; write with std::back_inserter(dest), or size 'dest' to the source first [meshwa-unsafe-buffer]}}
  std::vector<int> filled{};
  std::fill_n(filled.begin(), 10, 0x42);  // expected-error {{'std::fill_n' writes 10 elements through this iterator into 'filled', which has 0}}
  std::vector<int> out;
  std::transform(src.begin(), src.end(), out.begin(), [](int i) { return i * 2; });  // expected-error {{'std::transform' writes the source's elements through this iterator into 'out', which is empty here}}
  std::vector<int> kept;
  std::copy_if(src.begin(), src.end(), kept.begin(), [](int i) { return i > 0; });  // expected-error {{'std::copy_if' writes the source's elements through this iterator into 'kept', which is empty here}}
  std::string text;
  std::copy_n(src.begin(), n, text.begin());  // expected-error {{'std::copy_n' writes as many elements as its count says through this iterator into 'text', which is empty here}}
  std::vector<int> three{1, 2, 3};
  std::fill_n(three.begin(), 4, 0);  // expected-error {{'std::fill_n' writes 4 elements through this iterator into 'three', which has 3}}
  std::vector<int> one{5};  // one element, 5
  std::fill_n(one.begin(), 2, 0);  // expected-error {{'std::fill_n' writes 2 elements through this iterator into 'one', which has 1}}
}
void write_into_filled(const std::vector<int>& src, std::size_t n) {
  std::vector<int> sized(src.size());
  std::copy(src.begin(), src.end(), sized.begin());
  std::vector<int> appended;
  std::copy(src.begin(), src.end(), std::back_inserter(appended));
  std::vector<int> resized;
  resized.resize(src.size());
  std::copy(src.begin(), src.end(), resized.begin());
  std::vector<int> pushed;
  for (int x : src) pushed.push_back(x);
  std::copy(src.begin(), src.end(), pushed.begin());  // its size is not followed: not judged
  std::vector<int> assigned;
  assigned = src;
  std::copy(src.begin(), src.end(), assigned.begin());
  std::vector<int> handed;
  std::swap(handed, sized);
  std::fill_n(handed.begin(), 3, 0);
  std::vector<int> nothing;
  std::fill_n(nothing.begin(), 0, 0);  // writes nothing
  std::copy_n(src.begin(), std::min(n, nothing.size()), nothing.begin());
  std::vector<int> five{1, 2, 3, 4, 5};
  std::fill_n(five.begin(), 5, 0);
  std::vector<int> three(3);
  std::fill_n(three.begin(), 3, 0);
}
// The std::ranges:: forms are read by role as the std:: ones are (an
// input range or iterator pair, an iterator and a count, the output), so
// they meet the same checks: an empty output, copy_n reading past its
// input, two input ranges writing as many as the shorter.
// Returned afterwards: `return dest;` leaves the function, so dest is still
// empty at the copy.
std::vector<int> ranges_write_into_empty_then_return(const std::vector<int>& src) {
  std::vector<int> dest;
  std::ranges::copy(src, dest.begin());  // expected-error {{'std::ranges::copy' writes the source's elements through this iterator into 'dest', which is empty here}}
  return dest;
}
// Resized before the copy, and returned: accepted.
std::vector<int> ranges_write_into_resized_then_return(const std::vector<int>& src) {
  std::vector<int> dest;
  dest.resize(src.size());
  std::ranges::copy(src, dest.begin());
  return dest;
}

void ranges_write_into_empty(const std::vector<int>& src, const std::vector<int>& other, std::size_t n) {
  std::vector<int> dest;
  std::ranges::copy(src, dest.begin());  // expected-error {{'std::ranges::copy' writes the source's elements through this iterator into 'dest', which is empty here, and nothing checks the output's end; write with std::back_inserter(dest), or size 'dest' to the source first [meshwa-unsafe-buffer]}}
  std::vector<int> pair;
  std::ranges::copy(src.begin(), src.end(), pair.begin());  // expected-error {{'std::ranges::copy' writes the source's elements through this iterator into 'pair', which is empty here}}
  std::vector<int> moved;
  std::ranges::move(src, moved.begin());  // expected-error {{'std::ranges::move' writes the source's elements through this iterator into 'moved', which is empty here}}
  std::vector<int> kept;
  std::ranges::copy_if(src, kept.begin(), [](int i) { return i > 0; });  // expected-error {{'std::ranges::copy_if' writes the source's elements through this iterator into 'kept', which is empty here}}
  std::vector<int> doubled;
  std::ranges::transform(src, doubled.begin(), [](int i) { return i * 2; });  // expected-error {{'std::ranges::transform' writes the source's elements through this iterator into 'doubled', which is empty here}}
  std::vector<int> sums;
  std::ranges::transform(src, other, sums.begin(), std::plus<>{});  // expected-error {{'std::ranges::transform' writes the source's elements through this iterator into 'sums', which is empty here}}
  std::vector<int> diffs;
  std::ranges::transform(src.begin(), src.end(), other.begin(), other.end(), diffs.begin(), std::minus<>{});  // expected-error {{'std::ranges::transform' writes the source's elements through this iterator into 'diffs', which is empty here}}
  std::string text;
  std::ranges::copy_n(src.begin(), n, text.begin());  // expected-error {{'std::ranges::copy_n' writes as many elements as its count says through this iterator into 'text', which is empty here}}
  std::vector<int> none;
  std::ranges::fill_n(none.begin(), 2, 0);  // expected-error {{'std::ranges::fill_n' writes 2 elements through this iterator into 'none', which has 0}}
}
void ranges_write_into_filled(const std::vector<int>& src, const std::vector<int>& other, std::size_t n,
                              std::istream& in) {
  std::vector<int> sized(src.size());
  std::ranges::copy(src, sized.begin());
  std::vector<int> appended;
  std::ranges::copy(src, std::back_inserter(appended));
  std::vector<int> resized;
  resized.resize(src.size());
  std::ranges::transform(src, resized.begin(), [](int i) { return i * 2; });
  std::vector<int> kept;
  std::ranges::copy_if(src, std::back_inserter(kept), [](int i) { return i > 0; });
  std::vector<int> sums;
  std::ranges::transform(src, other, std::back_inserter(sums), std::plus<>{});
  std::vector<int> read;
  std::ranges::copy(std::istream_iterator<int>(in), std::istream_iterator<int>(), std::back_inserter(read));
  std::vector<int> nothing;
  std::ranges::copy_n(src.begin(), std::min(n, nothing.size()), nothing.begin());
  std::ranges::fill_n(nothing.begin(), 0, 0);
  std::vector<int> assigned;
  assigned.assign(src.size(), 0);
  std::ranges::copy(src.begin(), src.end(), assigned.begin());
}
void ranges_counts(std::array<char, 50>& src, std::array<char, 100>& dest, std::array<int, 100>& big,
                   std::array<int, 50>& small, const std::vector<int>& v,
                   std::size_t n) {  // expected-note 3 {{'n' is declared here, and no condition before the call bounds it}}
  std::ranges::copy_n(src.begin(), 100, dest.begin());  // expected-error {{'std::ranges::copy_n' reads 100 elements through this iterator from 'src', which has 50, and nothing checks the input's end}}
  std::ranges::copy_n(v.begin(), n, small.begin());     // expected-error {{'std::ranges::copy_n' writes as many elements as this count says into 'small', which has 50, and nothing checks the output's end; compare the count with 'small.size()' first, or write std::min(n, small.size()) elements}}
  std::ranges::fill_n(small.begin(), n, 0);             // expected-error {{'std::ranges::fill_n' writes as many elements as this count says into 'small', which has 50}}
  std::ranges::generate_n(small.data(), n, [] { return 1; });  // expected-error {{'std::ranges::generate_n' writes as many elements as this count says into 'small', which has 50}}
  std::ranges::transform(big, big, small.begin(), std::plus<>{});  // expected-error {{'std::ranges::transform' writes 100 elements through this iterator into 'small', which has 50}}
  const int table[64] = {};
  std::ranges::copy(table, small.begin());             // expected-error {{'std::ranges::copy' writes 64 elements through this iterator into 'small', which has 50}}
  std::ranges::copy(table, big.begin());
  // Counts that fit, or shown to fit; two inputs write as many as the shorter.
  std::ranges::copy_n(src.begin(), 50, dest.begin());
  if (n <= small.size()) std::ranges::copy_n(v.begin(), n, small.begin());
  std::ranges::fill_n(small.begin(), std::min(n, small.size()), 0);
  std::ranges::transform(big, small, small.begin(), std::plus<>{});
  std::ranges::transform(small.begin(), small.end(), big.begin(), big.end(), small.begin(), std::plus<>{});
}

// The parallel overloads take an execution policy first; the roles follow it.
void parallel_algorithms(const std::vector<int>& src, std::array<int, 8>& big, std::array<int, 4>& small,
                         std::size_t n) {  // expected-note {{'n' is declared here, and no condition before the call bounds it}}
  std::vector<int> dest;
  std::copy(std::execution::par, src.begin(), src.end(), dest.begin());  // expected-error {{'std::copy' writes the source's elements through this iterator into 'dest', which is empty here}}
  std::copy(std::execution::seq, big.begin(), big.end(), small.begin());  // expected-error {{'std::copy' writes 8 elements through this iterator into 'small', which has 4}}
  std::fill_n(std::execution::par_unseq, small.begin(), n, 0);           // expected-error {{'std::fill_n' writes as many elements as this count says into 'small', which has 4}}
  std::vector<int> sized(src.size());
  std::copy(std::execution::par, src.begin(), src.end(), sized.begin());
  std::copy(std::execution::par, small.begin(), small.end(), big.begin());
  std::vector<int> appended;
  std::copy(std::execution::seq, src.begin(), src.end(), std::back_inserter(appended));
}

// A constant step past such a container's end (CERT CTR55-CPP).
int steps_past_listed() {
  std::vector<int> listed{1, 2, 3};
  std::vector<int> none;
  int r = *(listed.begin() + 2) + *(listed.end() - 3);
  r += *(listed.begin() + 5);                            // expected-error {{this iterator is moved past the end of 'listed'}}
  r += static_cast<int>(std::next(none.begin(), 1) == none.end());  // expected-error {{this iterator is moved past the end of 'none'}}
  return r;
}
// A constant index into such a container: past the end of an empty one.
int index_empty() {
  std::vector<int> none;
  std::vector<int> listed{4, 5, 6};
  std::string text;
  return none[0] + listed[3] + listed[2] + text[0];  // expected-error {{index 0 is past the end of 'none', which is empty: -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reaches past the buffer); give it elements first (push_back, resize, a size at construction), or .at(i), which throws [meshwa-unsafe-buffer]}} expected-error {{index 3 is past the end of 'listed', which has 3 elements}}
}
// `*o` / `o->` of a local std::optional made empty that nothing gives a value.
int empty_optional(std::optional<int> param) {
  std::optional<int> none;
  std::optional<std::string> text{std::nullopt};
  int r = *none;                                 // expected-error {{'none' is an empty std::optional here, and nothing in the function gives it a value: there is no object to read; -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reads storage that holds no object); give it a value first, or read it with value_or(default) or value(), which throws [meshwa-unsafe-buffer]}}
  r += static_cast<int>(text->size());           // expected-error {{'text' is an empty std::optional here}}
  // Given a value somewhere, tested around the read, read with value_or,
  // or a parameter: not judged.
  std::optional<int> later;
  if (r > 3) later = r;
  r += *later;
  if (none) r += *none;
  r += none.has_value() ? *none : none.value_or(0);
  std::optional<int> captured;
  [&] { captured = 2; }();
  return r + *captured + *param;
}

// After an early-return guard naming the optional, it has a value: the
// usual `if (!o) return 0; return *o;`, also in a function every call of
// which passes an empty optional (the guard is what keeps it safe).
namespace {
int guarded_sink(std::optional<int> o) {
  if (!o) return 0;
  return *o;
}
int unguarded_sink(std::optional<int> o, int k) {
  if (k > 0) return k;                            // names another variable: no guard
  if (!o) k = 1;                                  // does not leave: no guard
  return *o + k;                                  // expected-error {{'o' is an empty std::optional here}}
}
}  // namespace
int early_return_guard(int k) {
  std::optional<int> none;
  std::optional<int> kept;
  int r = guarded_sink(none) + guarded_sink(std::nullopt) + unguarded_sink(none, k);
  if (!kept.has_value()) {
    return r;
  }
  r += *kept;
  {
    r += *none;                                   // expected-error {{'none' is an empty std::optional here}}
  }
  if (!none) return r;
  return r + *none;
}
int early_return_when_full() {
  std::optional<int> none;
  if (none) return *none;                         // leaves when it has a value
  if (none.has_value() && *none > 0) return 1;
  return *none;                                   // expected-error {{'none' is an empty std::optional here}}
}
int early_return_when_empty_or(int k) {
  std::optional<int> none;
  if (k > 3 || !none.has_value()) throw std::runtime_error("empty");
  if (none == std::nullopt) return k;
  return *none;
}

// A local iterator read where the test around it says it is end().
int tested_end(const std::map<int, int>& m, std::map<int, int>& w, const std::set<int>& s) {
  auto it = m.find(1);
  int r = 0;
  if (it == m.end()) r += it->second;            // expected-error {{'it' is read where the test says it is end(): there is no element there, and nothing checks it; read it only where it is not end() (`if (it != m.end()) use(it->second);`) [meshwa-unsafe-buffer]}} expected-note {{this test finds 'it' equal to end()}}
  r += it != m.end() ? 0 : it->second;           // expected-error {{'it' is read where the test says it is end()}} expected-note {{this test finds 'it' equal to end()}}
  auto e = s.find(2);
  if (!(e != s.end()) && *e > 0) r += 1;         // expected-error {{'e' is read where the test says it is end()}} expected-note {{this test finds 'e' equal to end()}}
  // Read where it is not end(), after a test that leaves, or given a new
  // value first (not judged: it moves), or in a lambda that runs later.
  if (it != m.end()) r += it->second;
  r += it == m.end() ? 0 : it->second;
  r += it == m.end() || it->second > 0;
  auto found = w.find(3);
  if (found == w.end()) {
    found = w.emplace(3, 4).first;
    r += found->second;
  }
  auto kept = m.find(5);
  if (kept == m.end()) {
    auto later = [kept] { return kept->first; };
    (void)later;
  }
  if (it == m.end()) return r;
  return r + it->second;
}

// An end iterator kept in a local and handed by value to an algorithm (the
// algorithm moves its own copy): the local still says end().
int saved_end(const std::vector<int>& v, std::vector<int>& w, int k) {
  const auto end = v.end();
  auto it = std::find(v.begin(), end, k);
  if (it == end) return *it;                      // expected-error {{'it' is read where the test says it is end()}} expected-note {{this test finds 'it' equal to end()}}
  const std::vector<int> copy(v.begin(), end);
  auto last = w.end();
  auto at = std::find(w.begin(), last, k);
  if (at != last) return *at;                     // not end(): fine
  // Handed by reference, it may have moved: not judged.
  auto moved = w.end();
  std::advance(moved, -1);
  auto there = std::find(w.begin(), w.end(), k);
  if (there == moved) return *there;
  return static_cast<int>(copy.size());
}

// Past an `if` that leaves when the iterator is not end(), it is end().
int past_exit_not_end(const std::map<int, int>& m, const std::vector<int>& v, int k) {
  auto it = m.find(k);
  if (it != m.end()) return it->second * 2;      // expected-note {{this test finds 'it' equal to end()}}
  int r = it->second;                            // expected-error {{'it' is read where the test says it is end()}}
  auto at = std::find(v.begin(), v.end(), k);
  if (at != v.end() && *at > 0) return 1;         // may leave with at not end(): fine
  r += *at;
  auto found = m.find(r);
  if (found == m.end()) return r;                // leaves when it is end(): fine
  return r + found->second;
}

// The same in a template: what the object is, and whether anything fills
// it, are known per instantiation; reported once, at the code as written.
template <class T>
T empty_in_template(const T& seed, bool have) {
  std::optional<T> none;
  std::vector<T> nothing;
  T r = *none;                                    // expected-error {{'none' is an empty std::optional here}}
  r = nothing.front();                            // expected-error {{'front()' of 'nothing', which is empty here}}
  // Filled, tested, or given a value: fine.
  std::optional<T> given;
  if (have) given = seed;
  std::vector<T> grown;
  grown.push_back(seed);
  std::vector<T> unknown;
  if (!unknown.empty()) r = unknown.back();
  if (none) r = *none;
  return r + *given + grown.front();
}
template <class Map>
int tested_end_in_template(const Map& m, int k) {
  auto it = m.find(k);
  if (it != m.end()) return 1;
  return it->second;                              // expected-error {{'it' is read where the test says it is end()}}
}                                                 // expected-note@-2 {{this test finds 'it' equal to end()}}
inline int uses_tested_end_in_template(const std::map<int, int>& m) {
  return tested_end_in_template(m, 1);            // expected-note {{in the instantiation with Map = std::map<int, int>}}
}
int uses_empty_in_template() {
  return empty_in_template(1, true) + empty_in_template(2, false);  // expected-note 2 {{in the instantiation with T = int}}
}

// front() / back() of such a container, when it is empty: no element there.
int front_back_empty(std::vector<int>& filled) {
  std::vector<int> none;
  std::string text;
  std::array<int, 0> zero{};
  std::vector<int> three(3);
  std::vector<int> grown;
  grown.push_back(1);                            // its size changes: not judged
  int r = none.front();                          // expected-error {{'front()' of 'none', which is empty here: there is no element; -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reaches past the buffer); give it elements first (push_back, resize, a size at construction) [meshwa-unsafe-buffer]}}
  r += text.back();                              // expected-error {{'back()' of 'text', which is empty here}}
  r += zero.front();                             // expected-error {{'front()' of 'zero', which is empty here: there is no element; -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reaches past the buffer); its size is 0, so it never has an element: give it a size, or do not read it [meshwa-unsafe-buffer]}}
  r += three.front() + three.back() + grown.front() + filled.back();
  if (!none.empty()) r += none.back();           // shown not empty there
  return r;
}
int index_single() {
  std::vector<int> one(1);
  return one[0] + one[1];  // expected-error {{index 1 is past the end of 'one', which has 1 element: -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reaches past the buffer); use an index below 1, or .at(i), which throws [meshwa-unsafe-buffer]}}
}

// A standard function's (first, last) range given from the end back to the
// beginning (CERT CTR53-CPP) walks forward from end() and never meets
// begin(). Only parameters the library names as a range are pairs.
void reversed_ranges(std::vector<int>& v, const std::list<int>& l, std::string& s) {
  std::for_each(v.end(), v.begin(), [](int) {});  // expected-error {{this range goes from the end of 'v' back to its beginning: the walk steps forward from the end and runs off the buffer before it meets the beginning; give the ends in order, (v.begin(), v.end()), or pass 'v' itself as a range [meshwa-unsafe-buffer]}}
  std::sort(v.rend(), v.rbegin());  // expected-error {{this range goes from the end of 'v' back to its beginning}}
  std::vector<int> copy(l.end(), l.begin());  // expected-error {{this range goes from the end of 'l' back to its beginning}}
  s.append(s.cend(), s.cbegin());  // expected-error {{this range goes from the end of 's' back to its beginning}}
  std::ranges::for_each(v.end(), v.begin(), [](int) {});  // expected-error {{this range goes from the end of 'v' back to its beginning}}
}
// std::string's iterator-pair constructor, insert and replace name their
// range `__beg` / `__end` and `__k1` / `__k2`: ranges all the same.
void reversed_string_ranges(std::string& s, const std::string& t, const std::vector<char>& v) {
  std::string back(t.end(), t.begin());  // expected-error {{this range goes from the end of 't' back to its beginning}}
  s.insert(s.end(), v.end(), v.begin());  // expected-error {{this range goes from the end of 'v' back to its beginning}}
  s.replace(s.begin(), s.end(), t.cend(), t.cbegin());  // expected-error {{this range goes from the end of 't' back to its beginning}}
  s.assign(v.end(), v.begin());  // expected-error {{this range goes from the end of 'v' back to its beginning}}
  s.replace(s.end(), s.begin(), "abc");  // expected-error {{this range goes from the end of 's' back to its beginning}}
  s.replace(s.cend(), s.cbegin(), t);  // expected-error {{this range goes from the end of 's' back to its beginning}}
}
// The position an insert puts the range before is no end of that range:
// only the reversed range is reported, not a range "from 's' to 'v'".
void insert_position_is_no_range_end(std::string& s, const std::string& t, const std::vector<char>& v,
                                     std::vector<int>& a, const std::vector<int>& b) {
  s.insert(s.begin(), v.end(), v.begin());  // expected-error {{this range goes from the end of 'v' back to its beginning}}
  a.insert(a.begin(), b.end(), b.begin());  // expected-error {{this range goes from the end of 'b' back to its beginning}}
  a.insert(a.begin(), b.begin(), b.end());
  s.replace(s.begin(), t.end(), "x");  // expected-error {{this range starts in 's' and ends in 't', another container}}
}
// A range split at a point (std::rotate's middle, std::nth_element's nth)
// is two ranges; std::partial_sort_copy's output is a range of its own.
void split_ranges(std::vector<int>& v, std::vector<int>& w) {
  std::rotate(v.begin(), w.end(), v.end());  // expected-error {{this range starts in 'v' and ends in 'w', another container}}
  std::nth_element(v.begin(), w.end(), v.end());  // expected-error {{this range starts in 'v' and ends in 'w', another container}}
  std::partial_sort_copy(v.begin(), v.end(), w.begin(), v.end());  // expected-error {{this range starts in 'w' and ends in 'v', another container}}
  std::rotate(v.begin(), v.end(), v.begin());  // expected-error {{this range goes from the end of 'v' back to its beginning}}
  std::rotate(v.begin(), v.begin() + 1, v.end());
  // An iterator stepped from a container's end is still of that container
  // (`v.begin() + 1`, std::next, std::prev, `w.end() - 1`), whichever
  // ends the two arguments are; one report per wrong argument.
  std::rotate(v.begin(), v.begin() + 1, w.end());  // expected-error {{this range starts in 'v' and ends in 'w', another container}}
  std::nth_element(std::next(v.begin()), v.begin() + 2, w.end() - 1);  // expected-error {{this range starts in 'v' and ends in 'w', another container}}
  std::sort(v.begin() + 1, std::prev(w.end()));  // expected-error {{this range starts in 'v' and ends in 'w', another container}}
  std::sort(v.end() - 2, w.end());  // expected-error {{this range starts in 'v' and ends in 'w', another container}}
  std::rotate(std::next(v.begin()), std::prev(v.end()), v.end());
  std::sort(v.begin() + 1, v.end() - 1);
  std::copy(v.begin() + 1, v.end(), w.begin() + 1);
}
// libstdc++'s other names for a range: std::regex_search's `__s` / `__e`,
// the regex iterators' `__a` / `__b`.
void regex_ranges(const std::string& s, const std::string& t, const std::regex& re) {
  std::smatch m;
  std::regex_search(s.begin(), t.end(), m, re);  // expected-error {{this range starts in 's' and ends in 't', another container}}
  std::sregex_iterator it(s.begin(), t.end(), re);  // expected-error {{this range starts in 's' and ends in 't', another container}}
  std::regex_search(s.begin(), s.end(), m, re);
}
void ordered_string_ranges(std::string& s, const std::string& t, const std::vector<char>& v) {
  std::string forward(t.begin(), t.end());
  s.insert(s.end(), v.begin(), v.end());
  s.replace(s.begin(), s.end(), t.begin(), t.end());
  // (__i2, __k1): where the replaced part ends and the new text starts.
  s.replace(s.begin(), s.end(), s.begin(), s.end());
}
void ordered_ranges(std::vector<int>& v, std::vector<int>& w) {
  std::for_each(v.begin(), v.end(), [](int) {});
  std::copy(v.begin(), v.end(), v.begin());  // (last, result): where one range ends and the output starts
  std::reverse_copy(v.begin(), v.end(), w.begin());
  std::sort(v.rbegin(), v.rend());
  std::copy(w.end(), w.end(), v.begin());  // an empty range
}

// A C array of a template parameter's length, indexed under a guard that
// bounds the index by that length: judged in each instantiation, against
// the guards of its own body.
template <std::size_t N>
void put(int (&table)[N], std::size_t pos, int value) {
  if (pos < N) table[pos] = value;
}
template <std::size_t N>
void put_after_exit(int (&table)[N], std::size_t pos, int value) {
  if (pos >= N) return;
  table[pos] = value;
}
template <std::size_t N>
void clear_all(int (&table)[N]) {
  for (std::size_t i = 0; i < N; ++i) table[i] = 0;
}
template <int N>
void put_signed(int (&table)[N], int pos) {
  if (pos >= 0 && pos < N) table[pos] = 1;
}
template <std::size_t N>
void put_one_past(int (&table)[N], std::size_t pos) {  // expected-note {{'table' is a C array declared here}}
  if (pos <= N) table[pos] = 1;  // expected-error {{indexing a C array with an index not known to be in bounds}}
}
template <int N>
void put_maybe_negative(int (&table)[N], int pos) {  // expected-note {{'table' is a C array declared here}}
  if (pos < N) table[pos] = 1;  // expected-error {{indexing a C array with an index not known to be in bounds}}
}
void put_all() {
  int table[8] = {};
  put(table, 3, 1);
  put_after_exit(table, 3, 1);
  clear_all(table);
  put_signed(table, 2);
  put_one_past(table, 2);  // expected-note {{in the instantiation with N = 8}}
  put_maybe_negative(table, 2);  // expected-note {{in the instantiation with N = 8}}
}

// A count or a step held in a local integer that nothing in the function
// writes has its initialiser's value, also through a copy of a copy
// (Juliet's data-flow variants: `data = 100; dataCopy = data;`), and an
// iterator held in a local that nothing moves is the begin() or end() it
// was made from, for a step as for a dereference.
int known_counts_and_steps(std::array<int, 50>& small, std::vector<int>& v) {
  std::size_t count = 100;
  std::size_t count_copy = count;
  std::copy_n(v.begin(), count_copy, small.begin());  // expected-error {{'std::copy_n' writes 100 elements through this iterator into 'small', which has 50}}
  int over = 51;
  std::fill_n(small.begin(), over, 0);                // expected-error {{'std::fill_n' writes 51 elements through this iterator into 'small', which has 50}}
  auto first = v.begin();
  auto first_copy = first;
  int r = *(first_copy - 8);                          // expected-error {{this iterator is moved before the beginning of 'v' by a constant}}
  int step = -8;
  r += *(first + step);                               // expected-error {{this iterator is moved before the beginning of 'v' by a constant}}
  r += *std::prev(first_copy, 8);                     // expected-error {{this iterator is moved before the beginning of 'v' by a constant}}
  const auto stop = small.end();
  r += *(stop - 51);                                  // expected-error {{this iterator is moved before the beginning of 'small' by a constant}}
  // The size() of a fixed-size local is known too: a copy sized by its source.
  std::string text(80, 'x');
  std::size_t length = text.size();
  std::copy_n(text.begin(), length, small.begin());   // expected-error {{'std::copy_n' writes 80 elements through this iterator into 'small', which has 50}}
  return r;
}
void set_count(std::size_t& n);
int counts_and_steps_that_change(std::array<int, 50>& small, std::vector<int>& v, bool shrink) {
  std::size_t assigned = 100;
  if (shrink) assigned = 50;
  std::copy_n(v.begin(), assigned, small.begin());
  std::size_t by_reference = 100;  // expected-note {{'by_reference' is declared here, and no condition before the call bounds it}}
  set_count(by_reference);
  std::copy_n(v.begin(), by_reference, small.begin());  // expected-error {{'std::copy_n' writes as many elements as this count says into 'small', which has 50, and nothing checks the output's end}}
  std::size_t captured = 100;
  [&captured] { captured = 10; }();
  std::fill_n(small.begin(), captured, 0);
  std::size_t halved = 100;
  halved /= 2;
  std::fill_n(small.begin(), halved, 0);
  const std::size_t fits = 50;
  std::size_t fits_copy = fits;
  std::fill_n(small.begin(), fits_copy, 0);
  auto first = v.begin();
  ++first;
  int r = *(first - 1);
  int offset = -1;
  offset += 2;
  auto begin = v.begin();
  r += *(begin + offset) + *(begin + 3);
  auto moved = small.end();
  moved = small.begin();
  r += *(moved + 1);
  std::string grown(80, 'x');
  grown += "y";
  std::size_t length = grown.size();
  std::copy_n(grown.begin(), length, small.begin());  // grown's size is not known here
  return r;
}

// A count that is not a constant, written by copy_n / fill_n / generate_n
// into an output whose size is known: nothing checks the output's end, so
// the count must be compared first, from both sides when a signed value is
// made a size_t (Juliet CWE-194/195: `if (data < 100)` lets -1 through).
void set_count(int& n);
void unbounded_counts(std::array<int, 50>& small, std::span<int, 8> eight, const std::vector<int>& v,
                      std::size_t n, int data) {  // expected-note 2 {{'n' is declared here, and no condition before the call bounds it}} expected-note {{'data' is declared here, and no condition before the call bounds it from both sides (it is signed: a negative value becomes a huge count)}}
  std::fill_n(small.begin(), n, 0);                                  // expected-error {{'std::fill_n' writes as many elements as this count says into 'small', which has 50, and nothing checks the output's end; compare the count with 'small.size()' first, or write std::min(n, small.size()) elements}}
  std::copy_n(v.begin(), n * 4, eight.begin());                      // expected-error {{'std::copy_n' writes as many elements as this count says into 'eight', which has 8}}
  if (data < 50) {
    std::copy_n(v.begin(), static_cast<std::size_t>(data), small.begin());  // expected-error {{'std::copy_n' writes as many elements as this count says into 'small', which has 50, and nothing checks the output's end; compare the count with 'small.size()' first (a signed one from both sides: `if (n > 0 && n <= ...)`)}}
  }
  int input = 0;  // expected-note {{'input' is declared here, and no condition before the call bounds it}} expected-note {{'input' is declared here, and no condition before the call bounds it from both sides}}
  set_count(input);
  if (input > 60) std::puts("large");  // a test that does not leave or change it bounds nothing
  std::generate_n(small.begin(), input, [] { return 1; });           // expected-error {{'std::generate_n' writes as many elements as this count says into 'small', which has 50}}
  std::vector<int> fixed(16);
  std::fill_n(fixed.begin(), static_cast<std::size_t>(input), 1);    // expected-error {{'std::fill_n' writes as many elements as this count says into 'fixed', which has 16}}
}
// The same for a range of n elements from a begin(): `(src.begin(),
// src.begin() + n)`, where a negative signed n is a negative length too.
void unbounded_ranges(std::array<int, 50>& small, const std::vector<int>& v, std::size_t n, int data) {  // expected-note {{'n' is declared here, and no condition before the call bounds it}} expected-note {{'data' is declared here, and no condition before the call bounds it from both sides}}
  std::copy(v.begin(), std::next(v.begin(), static_cast<std::ptrdiff_t>(n)), small.begin());  // expected-error {{'std::copy' writes as many elements as this count says into 'small', which has 50}}
  if (data < 50) std::move(v.begin(), v.begin() + data, small.data());                          // expected-error {{'std::move' writes as many elements as this count says into 'small', which has 50}}
  std::copy(v.begin(), v.begin() + 60, small.begin());  // expected-error {{'std::copy' writes 60 elements through this iterator into 'small', which has 50}}
  if (data >= 0 && data <= 50) std::copy(v.begin(), v.begin() + data, small.begin());
  std::copy(v.begin(), v.begin() + 50, small.begin());
  std::copy(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(n, small.size())), small.begin());
  std::vector<int> out(v.size());
  std::copy(v.begin(), v.begin() + data, out.begin());  // an output whose size is not known: not judged
}
void bounded_counts(std::array<int, 50>& small, std::span<int, 8> eight, const std::vector<int>& v,
                    std::size_t n, int data, std::size_t len, bool compact) {
  std::copy_n(v.begin(), std::min(v.size(), small.size()), small.begin());
  std::fill_n(small.begin(), n < small.size() ? n : small.size(), 0);
  if (n <= eight.size()) std::fill_n(eight.begin(), n, 1);
  if (data > 0 && data <= 50) std::copy_n(v.begin(), static_cast<std::size_t>(data), small.begin());
  if (data <= 50) std::fill_n(small.begin(), data, 0);  // a signed count writes nothing below zero
  for (std::size_t i = 0; i < small.size(); ++i) std::fill_n(small.begin(), i, 0);
  const auto m = std::min(len, small.size());
  std::fill_n(small.begin(), m, 0);
  std::size_t chosen = 50;
  if (compact) chosen = 8;
  std::fill_n(small.begin(), chosen, 0);
  std::vector<int> sized(n);
  std::fill_n(sized.begin(), n, 0);  // a vector of a size that is not a constant: not judged
  if (len > small.size()) len = small.size();
  std::fill_n(small.begin(), len, 0);
  assert(n <= small.size());
  std::fill_n(small.begin(), n, 0);
}
void bounded_by_switch(std::array<int, 50>& small, std::size_t kind) {
  switch (kind) {
    case 1:
    case 2:
      std::fill_n(small.begin(), kind, 0);
      break;
    default:
      break;
  }
}
// A data member as the count: its class keeps it in range.
class SmallBuffer {
 public:
  void assign_from(const SmallBuffer& other) { std::copy_n(other.bytes_.begin(), other.used_, bytes_.begin()); }
  void clear() { std::fill_n(bytes_.begin(), used_, 0); }

 private:
  std::array<char, 32> bytes_{};
  std::size_t used_ = 0;
};
bool valid_length(int n);
void bounded_by_early_exit(std::array<int, 50>& small, int data, std::size_t len) {
  if (valid_length(data)) std::fill_n(small.begin(), static_cast<std::size_t>(data), 1);
  if (data < 0 || data > 50) throw std::out_of_range("data");
  std::fill_n(small.begin(), static_cast<std::size_t>(data), 0);
  len = std::min(len, small.size());
  std::fill_n(small.begin(), len, 0);
  std::size_t halves = len * 4;
  while (halves > small.size()) halves /= 2;
  std::fill_n(small.begin(), halves, 0);
}

// A local std::vector / std::string built with a constant count whose size
// nothing in the function changes (only element accesses and reads of its
// ends and size) has that size wherever it is used: the checks above that
// need a size use it. Once it may grow or shrink (push_back, resize, handed
// to a function), its size is unknown again and the constant is not judged.
void fill_from(std::vector<int>& v);
int fixed_size_locals(int fd) {
  std::vector<int> source(100, 1);
  std::vector<int> data(50);
  std::copy(source.begin(), source.end(), data.begin());  // expected-error {{'std::copy' writes 100 elements through this iterator into 'data', which has 50}}
  std::vector<pollfd> fds(2);
  int r = ::poll(fds.data(), 4, 0);                       // expected-error {{'poll' writes into this buffer as far as a separate count says}}
  r += *std::next(data.begin(), 60);                      // expected-error {{this iterator is moved past the end of 'data'}}
  std::string method(2, ' ');
  r += std::strncmp(method.data(), "GET ", 4);
  std::vector<char> line(2);
  r += std::strncmp(line.data(), "GET ", 4);              // expected-error {{'strncmp' reads this buffer as far as a separate count says}}
  (void)fd;
  return r + data[0] + line[0] + static_cast<int>(method.size());
}
int sizes_that_change() {
  std::vector<int> grown(4);
  grown.push_back(1);
  int r = *std::next(grown.begin(), 4);
  std::vector<int> filled(2);
  fill_from(filled);
  std::copy_n(filled.begin(), 8, grown.begin());
  std::vector<pollfd> fds(2);
  r += ::poll(fds.data(), 2, 0);
  std::vector<int> big(100);
  std::copy(grown.begin(), grown.end(), big.begin());
  return r + big[0];
}

// A C-string reader or a (pointer, count) function in a template whose
// buffer type is a template parameter: judged per instantiation, reported
// once at the written call with a note naming the instantiation. The same
// template instantiated with a std::string stays accepted.
template <class T>
int parse_generic(const T& b) {
  return std::atoi(b.data());  // expected-error {{'atoi' reads this pointer as a C string, up to a NUL terminator that .data() of this buffer does not have}}
}
template <class C>
int poll_generic(C& fds) {
  return ::poll(fds.data(), 4096, 0);  // expected-error {{'poll' writes into this buffer as far as a separate count says}}
}
template <class C>
int poll_generic_fits(C& fds) {
  return ::poll(fds.data(), fds.size(), 0);
}
int use_generic_sinks() {
  const std::array<char, 4> digits{'1', '2', '3', '4'};
  const std::string text = "1234";
  std::array<pollfd, 1> fds{};
  auto lambda = [](const auto& b) { return std::atoi(b.data()); };  // expected-error {{'atoi' reads this pointer as a C string}} expected-note {{in the instantiation with b:auto = std::array<char, 4>}}
  return parse_generic(digits) +  // expected-note {{in the instantiation with T = std::array<char, 4>}}
         parse_generic(text) + lambda(digits) + lambda(text) +
         poll_generic(fds) +  // expected-note {{in the instantiation with C = std::array<pollfd, 1>}}
         poll_generic_fits(fds);
}

// The same through an operator whose operands depend on a template
// parameter: `out << b.data()` (operator<<(ostream&, const char*)),
// `s == b.data()`, `t = b.data()`; and a C function that fills the buffer
// earlier in the instantiation's body (snprintf) makes it terminated.
template <class B>
void print_generic(std::ostream& out, const B& b) {
  out << b.data();  // expected-error {{'operator<<' reads this pointer as a C string, up to a NUL terminator that .data() of this buffer does not have}}
}
template <class B>
bool compare_generic(const B& b, const std::string& s) {
  std::string t;
  t = b.data();     // expected-error {{building a std::string from a bare pointer}}
  return s == b.data();  // expected-error {{'operator==' reads this pointer as a C string}}
}
template <class B>
void print_filled(std::ostream& out, B& b) {
  std::snprintf(b.data(), b.size(), "%d", 7);
  out << b.data();
  std::puts(b.data());
}
template <class T>
void print_elements(std::ostream& out, const std::vector<T>& v) {
  out << v.data();  // expected-error {{'operator<<' reads this pointer as a C string}}
}
bool use_generic_operators(std::ostream& out, std::vector<char>& chars, const std::vector<int>& ints) {
  const std::array<char, 4> digits{'1', '2', '3', '4'};
  const std::string text = "1234";
  print_generic(out, digits);  // expected-note {{in the instantiation with B = std::array<char, 4>}}
  print_generic(out, text);
  print_filled(out, chars);
  print_elements(out, std::vector<char>{'a'});  // expected-note {{in the instantiation with T = char}}
  print_elements(out, ints);  // a const void*: the address, not a string
  return compare_generic(digits, text) &&  // expected-note 2 {{in the instantiation with B = std::array<char, 4>}}
         compare_generic(text, text);
}

// A view of the whole of one container from its own data() and size(), with
// the view's element type: the same range the container would give. A
// count from elsewhere, another container's size, or elements seen as
// another type are still trusted lengths.
struct BytesOwner {
  std::vector<char> data_;
  std::vector<int> ints_;
  std::string_view view() const { return std::string_view(data_.data(), data_.size()); }
  std::span<const char> bytes() const { return std::span(data_.data(), data_.size()); }
  std::string copy() const { return std::string(data_.data(), data_.size()); }
  std::span<const int> first(std::size_t n) const {
    return std::span<const int>(ints_.data(), n);  // expected-error {{building a std::span from a pointer (or an iterator) and a length trusts the length}}
  }
  std::string_view other_size() const {
    return std::string_view(data_.data(), ints_.size());  // expected-error {{building a std::string_view from a pointer and a length trusts the length}}
  }
};
std::size_t whole_string(const std::string& s) {
  std::span sp(s.data(), s.size());
  std::string_view sv(s.c_str(), s.length());
  return sp.size() + sv.size();
}

// main's own argv and argc: the C runtime guarantees argc pointers in argv
// and a null after them (unless main changes either: then argv + argc is
// arithmetic like any other). Another function's pair is only what its
// caller says. argv[0], and an index that the code compares with argc
// around the subscript or in an earlier `if` that leaves, are within argv.
int not_main(int argc, char** argv) {  // expected-note 2 {{'argv' is a raw pointer declared here}}
  std::vector<std::string> args(argv, argv + argc);  // expected-error {{pointer arithmetic is not bounds-checked}}
  const std::string first = argc > 1 ? argv[1] : "";  // expected-error {{indexing a raw pointer is not bounds-checked}}
  return static_cast<int>(args.size() + first.size());
}
int main(int argc, char** argv) {  // expected-note 5 {{'argv' is a raw pointer declared here}}
  std::vector<std::string> args(argv, argv + argc);
  std::span<char*> all(argv, argc);
  std::span<char*> sized(argv, static_cast<std::size_t>(argc));
  std::string text = argv[0];
  text += argc > 1 ? argv[1] : "";
  for (int i = 1; i < argc; ++i) text += argv[i];
  for (int j = 0; j < 4; ++j) text += argv[j];  // expected-error {{indexing a raw pointer is not bounds-checked}}
  // Which way the comparison goes matters, and a signed index must not be
  // negative.
  for (int k = 1; k > argc; ++k) text += argv[k];  // expected-error {{indexing a raw pointer is not bounds-checked}}
  int back = argc - 5;
  if (back < argc) text += argv[back];             // expected-error {{indexing a raw pointer is not bounds-checked}}
  if (argc > 5) text += "many";
  else text += argv[3];                            // expected-error {{indexing a raw pointer is not bounds-checked}}
  if (argc < 3) return 1;
  text += argv[2];
  text += argv[4];  // expected-error {{indexing a raw pointer is not bounds-checked}}
  return static_cast<int>(args.size() + all.size() + sized.size() + text.size()) + not_main(argc, argv);
}

// The distance between iterators of two different containers (Juliet
// CWE-469): undefined, and a meaningless length or offset.
struct Shelf {
  std::vector<int> items;
};
long iterator_differences(const std::vector<int>& a, const std::vector<int>& b, Shelf& x, Shelf& y,
                          std::vector<int>& out, std::string_view first, std::string_view second) {
  auto hit = std::find(b.begin(), b.end(), 3);
  long r = hit - a.begin();            // expected-error {{this subtracts an iterator of 'a' from one of 'b': the distance between two containers' iterators is undefined, and used as a length or an offset it walks out of both; subtract iterators of one container (`it - b.begin()`), or search the container you measure}}
  r += b.end() - a.begin();            // expected-error {{this subtracts an iterator of 'a' from one of 'b'}}
  r += x.items.end() - y.items.begin();  // expected-error {{this subtracts an iterator of 'y.items' from one of 'x.items'}}
  // One container, however reached; an output iterator; two views.
  r += std::find(a.begin(), a.end(), 3) - a.begin() + (a.end() - a.begin());
  r += std::lower_bound(a.begin(), a.end(), 4) - a.begin();
  const auto& same = a;
  r += same.end() - a.begin();
  for (auto it = a.begin(); it != a.end(); ++it) r += it - a.begin();
  r += std::copy(a.begin(), a.end(), out.begin()) - out.begin();
  r += second.end() - first.begin();
  auto pos = std::find(x.items.begin(), x.items.end(), 1);
  return r + (pos - x.items.begin());
}

// Iterators of two containers compared (CERT CTR54-CPP): the loop or bound
// check built on it runs off the container the iterator walks. A loop's
// own iterator, stepped only, still walks the container it was taken from.
int iterator_comparisons(const std::vector<int>& a, const std::vector<int>& b, const std::map<int, int>& m,
                         const std::map<int, int>& n, const std::list<int>& l, const std::list<int>& k) {
  int r = 0;
  for (auto it = a.begin(); it != b.end(); ++it) r += *it;  // expected-error {{this compares an iterator of 'a' with one of 'b': iterators of two containers are not comparable (undefined), and a loop or bound check built on the comparison walks out of the container; compare with 'a.end()' (or the bound of the container the iterator walks) [meshwa-unsafe-buffer]}}
  if (b.begin() < a.end()) ++r;                             // expected-error {{this compares an iterator of 'b' with one of 'a'}}
  if (m.find(1) != n.end()) ++r;                            // expected-error {{this compares an iterator of 'm' with one of 'n'}}
  if (std::find(l.begin(), l.end(), 2) == k.end()) ++r;     // expected-error {{this compares an iterator of 'l' with one of 'k'}}
  return r;
}
int iterator_comparisons_accepted(const std::vector<int>& a, const std::vector<int>& b, const std::map<int, int>& m) {
  int r = 0;
  for (auto it = a.begin(); it != a.end(); it += 1) r += *it;
  if (m.find(1) != m.end()) ++r;
  auto hit = b.begin();
  hit = std::find(a.begin(), a.end(), 3);                   // assigned: which container it walks is not followed
  if (hit != a.end()) ++r;
  return r + static_cast<int>(a == b);
}

// The first or last element read through an iterator straight from the
// container: on an empty one that iterator is end() (a null pointer for an
// empty vector, the header node of a list, set or map), and nothing checks
// it, unlike vector's and deque's .front()/.back() under
// -D_GLIBCXX_ASSERTIONS. Accepted where the function shows the container is
// not empty (a test around or before the read, an insertion just before),
// for a std::string (its terminator), a std::array of static size > 0, and
// iterators held in variables (a loop's own test decides those).
int first_and_last_elements(std::vector<int>& v, std::vector<int>& w, std::set<int>& ids, std::map<int, int>& m,
                            std::map<int, int>& by_rank, std::list<int>& l, std::string_view sv, std::deque<int>& d) {
  int r = *v.begin();         // expected-error {{this reads the first element of 'v' through an iterator, and nothing checks that 'v' is not empty (then that iterator is end(), past the elements); use .front() (checked under -D_GLIBCXX_ASSERTIONS), or test 'v.empty()' first in this function (`if (v.empty()) return ...;`) [meshwa-unsafe-buffer]}}
  r += *ids.begin();          // expected-error {{this reads the first element of 'ids' through an iterator, and nothing checks that 'ids' is not empty (then that iterator is end(), past the elements); test 'ids.empty()' first in this function}}
  r += m.begin()->second;     // expected-error {{this reads the first element of 'm' through an iterator}}
  r += *std::prev(w.end());   // expected-error {{this reads the last element of 'w' through an iterator, and nothing checks that 'w' is not empty (then that iterator is end(), past the elements); use .back()}}
  r += *(d.end() - 1);        // expected-error {{this reads the last element of 'd' through an iterator}}
  r += *l.rbegin();           // expected-error {{this reads the last element of 'l' through an iterator}}
  r += by_rank.rbegin()->first;  // expected-error {{this reads the last element of 'by_rank' through an iterator}}
  r += *sv.begin();           // expected-error {{this reads the first element of 'sv' through an iterator}}
  return r;
}
// std::max_element / std::min_element over a whole container give end()
// when it is empty: read through like its begin().
struct Reading { int value = 0; };
int extremes(const std::vector<int>& v, const std::set<int>& ids, const std::vector<Reading>& rs,
             const std::set<int>& tags) {
  int r = *std::max_element(v.begin(), v.end());  // expected-error {{this reads the element std::max_element finds in 'v', and nothing checks that 'v' is not empty (then it gives end(), past the elements); test 'v.empty()' first in this function (`if (v.empty()) return ...;`) [meshwa-unsafe-buffer]}}
  r += *std::min_element(ids.begin(), ids.end(), std::greater<>());  // expected-error {{this reads the element std::min_element finds in 'ids'}}
  r += std::max_element(rs.begin(), rs.end(), [](const Reading& a, const Reading& b) { return a.value < b.value; })->value;  // expected-error {{this reads the element std::max_element finds in 'rs'}}
  r += *std::ranges::max_element(v);                   // expected-error {{this reads the element std::max_element finds in 'v'}}
  r += *std::ranges::min_element(tags.begin(), tags.end());  // expected-error {{this reads the element std::min_element finds in 'tags'}}
  return r;
}
// An earlier statement that only mentions a local once initialised from
// the container's size asks nothing; a condition on that local does.
int size_local_mentioned(const std::vector<int>& v, const std::vector<int>& w) {
  int n = static_cast<int>(v.size());
  n += 1;
  int r = n + *v.begin();  // expected-error {{this reads the first element of 'v' through an iterator}}
  std::vector<int> sorted = w;
  std::sort(sorted.begin(), sorted.end());  // hands begin() to an algorithm: asks nothing
  r += *sorted.begin();    // expected-error {{this reads the first element of 'sorted' through an iterator}}
  const auto m = w.size();
  if (m == 0) return r;
  return r + *w.begin();
}
int extremes_shown_not_empty(const std::vector<int>& v, const std::vector<int>& w) {
  if (v.empty()) return 0;
  int r = *std::max_element(v.begin(), v.end()) + *std::ranges::min_element(v);
  r += w.empty() ? 0 : *std::min_element(w.begin(), w.end());
  r += w.empty() ? 0 : std::ranges::max(w);  // a value: asserts the range is not empty
  const auto it = std::max_element(w.begin(), w.end());  // held in a variable: compared with end() by its reader
  if (it != w.end()) r += *it;
  return r;
}
int first_and_last_elements_shown_there(std::vector<int>& v, std::set<int>& ids, std::map<int, int>& m,
                                        std::string& s, std::array<int, 3>& a, std::list<int>& l) {
  int r = *s.begin() + *a.begin() + *std::prev(a.end());
  if (!v.empty()) r += *v.begin() + *std::prev(v.end());
  r += ids.empty() ? 0 : *ids.begin();
  while (!m.empty()) {
    r += m.begin()->second;
    m.erase(m.begin());
  }
  l.push_back(1);
  r += *l.begin();
  if (ids.size() > 1 && *ids.rbegin() > 3) ++r;
  for (auto it = v.begin(); it != v.end(); ++it) r += *it;
  return r;
}

// An earlier loop shows the container is not empty only if it runs while
// the container is empty and no break ends it early: a loop that drains it
// (`while (!q.empty())`) or walks it leaves it possibly empty.
int after_a_draining_loop(std::list<int>& q) {  // expected-note {{'q' is declared here}}
  int n = 0;
  while (!q.empty()) {
    n += q.front();
    q.pop_front();
  }
  return n + q.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
}
int after_a_walking_loop(std::list<int>& l) {  // expected-note {{'l' is declared here}}
  int n = 0;
  for (auto it = l.begin(); it != l.end(); ++it) n += *it;
  return n + l.back();  // expected-error {{'back()' of a std::list is not checked by this standard library}}
}
int after_a_loop_that_may_break(std::list<int>& q, bool stop) {  // expected-note {{'q' is declared here}}
  while (q.empty()) {
    if (stop) break;
    q.push_back(1);
  }
  return q.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
}
int after_waiting_for_an_element(std::list<int>& q, bool stop) {
  while (q.empty()) {
    if (stop) return 0;
    q.push_back(1);
  }
  int n = q.front();
  for (; q.size() == 0;) q.push_back(2);
  return n + q.back();
}

// An insertion or a test shows nothing past a statement that may take
// elements out again: a removing member call, an assignment, a call handed
// the list by non-const reference, pointer or std::move (probe rw12).
// Between them, reads, writes of an element and calls taking it by const
// reference keep what was shown; so does a test whose leaving branch empties
// it.
void empty_it(std::list<int>& l);
void look_at(const std::list<int>& l);
int removed_after_it_was_shown(std::list<int>& p, std::list<int>& q, std::list<int>& m) {  // expected-note 3 {{is declared here}}
  std::list<int> l;  // expected-note 5 {{'l' is declared here}}
  l.push_back(1);
  l.pop_back();
  int n = l.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  l.push_back(1);
  l.erase(l.begin());
  n += l.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  l.push_back(1);
  l = {};
  n += l.back();  // expected-error {{'back()' of a std::list is not checked by this standard library}}
  l.push_back(1);
  l.swap(m);
  n += l.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  l.push_back(1);
  l.remove(1);
  n += l.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  if (p.empty()) return 0;
  p.pop_back();
  n += p.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  if (q.empty()) return 0;
  empty_it(q);
  n += q.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  if (!m.empty()) {
    std::swap(m, p);
    n += m.back();  // expected-error {{'back()' of a std::list is not checked by this standard library}}
  }
  return n;
}
int kept_after_it_was_shown(std::list<int>& l, std::list<int>& q) {
  if (l.empty()) return 0;
  l.front() = 2;
  look_at(l);
  int n = *l.begin() + l.front();
  q.push_back(n);
  look_at(q);
  n += q.back();
  if (q.size() < 2) {
    q.clear();
    return n;
  }
  return n + q.front();
}

// A test shows nothing past its if where control comes out of the branch
// the condition's value took with elements taken out there (probe left14:
// `if (!a.empty()) a.pop_back(); else return 0;`), nor where the other
// branch leaves or fills only on some of its paths (a nested `if`, a
// `return` inside a lambda) or takes the element out again.
int guard_whose_way_past_may_remove(std::list<int>& a, std::list<int>& b, std::list<int>& c, std::list<int>& d,  // expected-note 4 {{is declared here}}
                                    std::list<int>& e, std::list<int>& f, bool x) {  // expected-note 2 {{is declared here}}
  int n = 0;
  if (!a.empty()) a.pop_back(); else return 0;
  n += a.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  if (b.empty()) b.push_back(0); else b.pop_back();
  n += b.back();   // expected-error {{'back()' of a std::list is not checked by this standard library}}
  if (c.empty()) {
    c.push_back(0);
    c.pop_back();
  }
  n += c.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  if (d.empty()) {
    if (x) return n;
  }
  n += d.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  if (e.empty()) {
    if (x) e.push_back(1);
  }
  n += e.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  if (f.empty()) n += std::count_if(a.begin(), a.end(), [](int v) { return v > 0; });
  n += f.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  return n;
}
int guard_whose_way_past_keeps_it(std::list<int>& a, std::list<int>& b, std::list<int>& c, std::list<int>& d,
                                  std::list<int>& e, std::list<int>& f, bool x) {
  int n = 0;
  if (!a.empty()) a.front() = 1; else return 0;
  n += a.front();
  if (b.empty()) {
    b.clear();
    b.push_back(0);
    look_at(b);
  }
  n += b.back();
  if (c.empty()) {
    if (x) return n;
    else throw std::exception();
  }
  n += c.front();
  if (d.empty()) {
    if (x) d.push_back(1);
    else return n;
  }
  n += d.front();
  if (e.empty()) assert(false);
  n += e.front();
  if (f.empty()) std::abort();
  return n + f.back();
}

// A read in a loop runs again after the rest of the loop; in a `case`, it
// may be jumped to past the statements before it in the switch; in a
// handler, it runs after any part of the try block. An insertion or a test
// before them shows nothing there when any of that may take the element
// out again. A `break` inside GoogleTest's `switch (0) default:` ends the
// switch only: no way out of the function.
void may_throw();
int shown_before_a_loop_that_removes(std::list<int>& a, std::list<int>& b, std::list<int>& c, bool x,  // expected-note 6 {{is declared here}}
                                     int k) {
  int n = 0;
  a.push_back(1);
  while (x) {
    n += a.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
    a.pop_front();   // expected-error {{'pop_front()' of a std::list is not checked by this standard library}}
  }
  b.push_back(1);
  do {
    n += b.back();   // expected-error {{'back()' of a std::list is not checked by this standard library}}
    b.pop_back();    // expected-error {{'pop_back()' of a std::list is not checked by this standard library}}
  } while (n < k);
  c.push_back(1);
  for (int i = 0; i < k; ++i, c.pop_back()) n += c.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}} expected-error {{'pop_back()' of a std::list is not checked by this standard library}}
  return n;
}
int shown_before_a_case_or_a_try(std::list<int>& d, std::list<int>& e, std::list<int>& f,  // expected-note 3 {{is declared here}}
                                 std::list<int>& g, int k) {  // expected-note {{is declared here}}
  int n = 0;
  switch (k) {
    case 0:
      d.push_back(1);
      d.push_back(2);
      [[fallthrough]];
    case 1:
      n += d.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
      break;
    default:
      break;
  }
  if (!e.empty()) {
    switch (k) {
      case 0:
        e.pop_front();
        [[fallthrough]];
      case 1:
        n += e.back();  // expected-error {{'back()' of a std::list is not checked by this standard library}}
        break;
      default:
        break;
    }
  }
  f.push_back(1);
  try {
    f.pop_back();
    may_throw();
  } catch (...) {
    n += f.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  }
  if (g.empty()) switch (0) default: break;
  return n + g.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
}
int shown_in_loops_cases_and_tries(std::list<int>& a, std::list<int>& b, std::list<int>& c, std::list<int>& d,
                                   int k, bool x) {
  int n = 0;
  a.push_back(1);
  while (x) {
    n += a.front();  // the loop takes nothing out
    x = n < k;
  }
  for (int i = 0; i < k; ++i) {
    b.push_back(i);
    n += b.back();   // put in by this run of the body
    b.pop_back();
  }
  switch (k) {
    case 0:
      c.push_back(1);
      n += c.back();  // after the insertion on the case's own path
      break;
    case 1:
      if (c.empty()) break;
      n += c.front();  // the break leaves the switch, past the read
      break;
    default:
      break;
  }
  d.push_back(1);
  switch (k) {
    case 0:
      n += d.front();  // the switch runs after the insertion
      break;
    default:
      break;
  }
  try {
    may_throw();
  } catch (...) {
    n += d.back();  // the try block takes nothing out
  }
  return n;
}

// More ways control reaches a read past what took the element out again
// (all were accepted): a goto to a label inside an earlier statement, or
// to a label on the read's own statement; a `case` inside the branch that
// tested it; a condition or the left of a comma that takes it out after
// the test; a for's increment after a body that does; a lambda an
// algorithm calls again after its body took it out.
int shown_but_taken_out_again(std::list<int>& a, std::list<int>& b, std::list<int>& c,  // expected-note 3 {{is declared here}}
                              std::list<int>& d, std::list<int>& e, std::list<int>& f,  // expected-note 3 {{is declared here}}
                              std::list<int>& g, std::vector<int>& v, int k, bool x) {  // expected-note {{is declared here}}
  int n = 0;
  if (a.empty()) return 0;
  { again: ++n; }
  n += a.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  a.clear();
  if (n < k) goto again;
  b.push_back(1);
  if (x) retry: n += b.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  b.clear();
  if (n < k) goto retry;
  if (!c.empty() && (c.pop_back(), true)) n += c.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  d.push_back(1);
  n += (d.clear(), d.front());  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  e.push_back(1);
  for (; !e.empty(); n += e.front()) e.pop_front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  f.push_back(1);
  std::for_each(v.begin(), v.end(), [&f, &n](int) { n += f.front(); f.clear(); });  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  switch (k) {
    case 0:
      if (!g.empty()) {
        case 1:
          n += g.front();  // expected-error {{'front()' of a std::list is not checked by this standard library}}
      }
      break;
    default:
      break;
  }
  return n;
}
int shown_past_labels_of_their_own(std::list<int>& a, std::list<int>& b, std::vector<int>& v, int k) {
  int n = 0;
  if (a.empty()) return 0;
  switch (k) {  // its cases are its own
    case 0:
      ++n;
      break;
    default:
      break;
  }
  n += a.front();
  b.push_back(1);
  std::for_each(v.begin(), v.end(), [&b, &n](int) { n += b.front(); });  // the lambda takes nothing out
again:
  if (b.empty()) return n;
  n += b.back();  // tested after the label
  if (n < k) {
    b.clear();
    goto again;
  }
  return n;
}

// A lambda kept in a variable runs when it is called, maybe after the
// element was taken out: an insertion or a test before it shows nothing in
// its body. One called where it is made, or handed to an algorithm, is
// judged with the code around it.
int read_in_a_kept_lambda(std::list<int>& l, std::list<int>& q) {  // expected-note {{'l' is declared here}}
  l.push_back(1);
  auto first = [&l] { return l.front(); };  // expected-error {{'front()' of a std::list is not checked by this standard library}}
  l.clear();
  int n = first();
  q.push_back(1);
  n += [&q] { return q.front(); }();
  return n + static_cast<int>(std::count_if(q.begin(), q.end(), [&q](int v) { return v == q.back(); }));
}

// A C array indexed by a variable that an enclosing condition bounds by a
// constant no larger than its length (the direction arrays of grid
// searches): in bounds. Off by one, past the end, an unknown bound, a
// negative start or a write in between stays reported.
int direction_arrays(int r, int n, int i) {
  const int dr[] = {1, -1, 0, 0};
  const int dc[4] = {0, 0, 1, -1};
  int s = r;
  for (int k = 0; k < 4; ++k) s += dr[k] + dc[k];
  for (std::size_t k = 0; k < std::size(dr); ++k) s += dr[k];
  for (int k = 0; k < static_cast<int>(sizeof(dr) / sizeof(dr[0])); ++k) s += dr[k];
  for (int k = 0; k <= 3; ++k) s += dc[k];
  int buf[8] = {};  // expected-note 6 {{'buf' is a C array declared here}}
  for (int k = 0; k < n && k < 8; ++k) buf[k] = k;
  for (int k = 0; k <= 8; ++k) s += buf[k];          // expected-error {{indexing a C array with an index not known to be in bounds}}
  for (int k = 0; k < 9; ++k) s += buf[k];           // expected-error {{indexing a C array with an index not known to be in bounds}}
  for (int k = 0; k < n; ++k) s += buf[k];           // expected-error {{indexing a C array with an index not known to be in bounds}}
  for (int k = -1; k < 8; ++k) s += buf[k];          // expected-error {{indexing a C array with an index not known to be in bounds}}
  if (i < 8) s += buf[i];                            // expected-error {{indexing a C array with an index not known to be in bounds}}
  for (int k = 0; k < 8; ++k) { ++k; s += buf[k]; }  // expected-error {{indexing a C array with an index not known to be in bounds}}
  return s;
}

// The test holds at the access only for a local that changes by its name:
// a global (a call in between may write it), a local bound to a non-const
// reference, whose address is taken, or captured by reference by a lambda
// stays reported; const-reference arguments (std::min) are reads.
int tested_index;
void shuffle_index();
int aliases_of_the_index(int i, int j, int k) {
  int a[10] = {};  // expected-note 3 {{'a' is a C array declared here}}
  int s = 0;
  if (tested_index >= 0 && tested_index < 10) {
    shuffle_index();
    s += a[tested_index];  // expected-error {{indexing a C array with an index not known to be in bounds}}
  }
  int& alias = i;
  if (i >= 0 && i < 10) {
    alias = 100;
    s += a[i];             // expected-error {{indexing a C array with an index not known to be in bounds}}
  }
  auto jump = [&j] { j = 99; };
  if (j >= 0 && j < 10) {
    jump();
    s += a[j];             // expected-error {{indexing a C array with an index not known to be in bounds}}
  }
  if (k >= 0 && k < 10) s += a[k] + std::min(k, 3);
  return s;
}

// The bound may be a local variable initialised with a constant that the
// function never writes (`int size = sizeof(arr) / sizeof(arr[0]);`), or
// one whose every constant reaching the test keeps the index inside: given
// again for the next array (`size = sizeof(more) / sizeof(more[0]);`),
// written after the loop. Not one that may be larger there: a write before
// the loop, on one branch, or in the loop itself.
int sized_by_variable(bool b) {
  int arr[] = {-22, 100, 150, 35, -10, 99};  // expected-note 4 {{'arr' is a C array declared here}}
  int size = sizeof(arr) / sizeof(arr[0]);
  int total = 0;
  for (int i = 0; i < size; i++) total += arr[i];
  double more[6] = {};
  size = sizeof(more) / sizeof(more[0]);
  for (int i = 0; i < size; i++) total += static_cast<int>(more[i]);
  int changed = 6;
  for (int i = 0; i < changed; i++) total += arr[i];
  changed = 7;
  for (int i = 0; i < changed; i++) total += arr[i];  // expected-error {{indexing a C array with an index not known to be in bounds}}
  int maybe = 6;
  if (b) maybe = 8;
  for (int i = 0; i < maybe; i++) total += arr[i];  // expected-error {{indexing a C array with an index not known to be in bounds}}
  int too_big = 7;
  for (int i = 0; i < too_big; i++) total += arr[i];  // expected-error {{indexing a C array with an index not known to be in bounds}}
  int grows = 6;
  for (int i = 0; i < grows; i++) {
    total += arr[i];  // expected-error {{indexing a C array with an index not known to be in bounds}}
    grows = 9;
  }
  return total + changed;
}

// The usual range test, `x >= 0 && x < 5`, shows a signed index not
// negative by itself.
int range_tested(int x, int y) {
  int grid[5][5] = {};  // expected-note 3 {{'grid' is a C array declared here}}
  int s = 0;
  if (x >= 0 && x < 5 && y >= 0 && y < 5) s += grid[x][y];
  if (0 <= x && x < 5) s += grid[x][0];
  if (x > -1 && x <= 4) s += grid[x][1];
  if (x >= -1 && x < 5) s += grid[x][2];  // expected-error {{indexing a C array with an index not known to be in bounds}}
  if (x >= 0 || x < 5) s += grid[x][3];   // expected-error {{indexing a C array with an index not known to be in bounds}}
  if (x >= 0 && x < 6) s += grid[x][4];   // expected-error {{indexing a C array with an index not known to be in bounds}}
  return s;
}

// Where a test is false: the else branch, the right of `||`, the false arm
// of `?:`, and the statements after `if (x < 0 || x >= n) continue;` (or
// break / return / throw) in the same block. A grid search's neighbours.
int grid_neighbours(int sr, int sc) {
  int grid[5][5] = {};
  const int dr[] = {1, -1, 0, 0};
  const int dc[] = {0, 0, 1, -1};
  std::vector<bool> seen(25, false);
  int count = 0;
  for (int k = 0; k < 4; ++k) {
    int nr = sr + dr[k], nc = sc + dc[k];
    if (nr < 0 || nr >= 5 || nc < 0 || nc >= 5) continue;
    if (grid[nr][nc] != 0) continue;
    int id = nr * 5 + nc;
    if (id < 0 || id >= 25 || seen[id]) continue;
    seen[id] = true;
    ++count;
  }
  if (sr < 0 || sr >= 5) return -1;
  else count += grid[sr][0];
  return count + (sc < 0 || sc > 4 ? 0 : grid[0][sc]);
}
int exits_that_do_not_bound(int x, int y) {
  int g[5] = {};  // expected-note 4 {{'g' is a C array declared here}}
  int s = 0;
  if (x < 0 || x > 5) return 0;
  s += g[x];      // expected-error {{indexing a C array with an index not known to be in bounds}}
  if (y < 0 && y >= 5) return 0;
  s += g[y];      // expected-error {{indexing a C array with an index not known to be in bounds}}
  int z = y;
  if (z < 0 || z >= 5) return 0;
  z += 1;
  s += g[z];      // expected-error {{indexing a C array with an index not known to be in bounds}}
  if (x < 0 || x >= 5) { ++s; }
  s += g[x];      // expected-error {{indexing a C array with an index not known to be in bounds}}
  return s;
}

// A local iterator whose first use steps it out of [begin(), end()]: ++
// of the end, -- of the beginning (of a reverse iterator the same).
int first_step_out_of_range(const std::vector<int>& v, const std::list<int>& l, std::map<int, int>& m) {
  auto last = v.end();         // expected-note {{'last' holds the end of 'v' here}}
  ++last;                      // expected-error {{this steps 'last' past the end of 'v', and iterator arithmetic is not bounds-checked (forming it is already undefined behaviour); stay within [begin(), end()], or index the container with .at() or operator[] (checked under -D_GLIBCXX_ASSERTIONS) [meshwa-unsafe-buffer]}}
  auto first = l.begin();      // expected-note {{'first' holds the beginning of 'l' here}}
  first--;                     // expected-error {{this steps 'first' before the beginning of 'l'}}
  auto back = v.rend();        // expected-note {{'back' holds the end of 'v' here}}
  back++;                      // expected-error {{this steps 'back' past the end of 'v'}}
  auto sized = v.begin() + v.size();  // expected-note {{'sized' holds the end of 'v' here}}
  int unrelated = 0;
  ++sized;                     // expected-error {{this steps 'sized' past the end of 'v'}}
  // Accepted: back from the end, on from the beginning, and a step after
  // another use (a test, a loop) of the iterator.
  auto end = v.end();
  --end;
  auto it = m.begin();
  ++it;
  auto tail = l.end();
  if (tail != l.begin()) --tail;
  auto walk = v.end();
  while (walk != v.begin()) {
    --walk;
    unrelated += *walk;
  }
  auto probe = v.begin();
  unrelated += static_cast<int>(v.size());
  if (!v.empty()) ++probe;
  return unrelated + static_cast<int>(it->first);
}

// An element read where the test just made says the container is empty,
// with nothing between that could fill it.
struct TestedEmpty {
  std::vector<int> items_;
  void reload();
  int first() const {
    if (items_.empty()) {      // expected-note {{where the read runs, this test says 'items_' is empty}}
      return items_.front();   // expected-error {{this 'front()' reads an element of 'items_' where the test says it is empty: there is no element; -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it (without it, it reaches past the buffer); read it only where it is not empty [meshwa-unsafe-buffer]}}
    }
    return 0;
  }
  int refilled() {
    if (items_.empty()) {
      reload();                // may fill it
      return items_.front();
    }
    return items_.back();
  }
};
int element_of_tested_empty(const std::vector<int>& v, std::string_view s, std::span<const int> sp,
                            const std::string& text, std::vector<int>& grows) {
  int t = 0;
  if (s.size() == 0) t += s[0];          // expected-error {{this index reads an element of 's' where the test says it is empty}} expected-note {{this test says 's' is empty}}
  t += v.size() > 0 ? 0 : v.back();      // expected-error {{this 'back()' reads an element of 'v'}} expected-note {{this test says 'v' is empty}}
  t += !v.empty() || v.front() == 0;     // expected-error {{this 'front()' reads an element of 'v'}} expected-note {{this test says 'v' is empty}}
  if (sp.size() != 0) return sp.front(); // expected-note {{this test says 'sp' is empty}}
  t += sp.back();                        // expected-error {{this 'back()' reads an element of 'sp'}}
  // Accepted: the other way round, a string's terminator, a container
  // filled between the test and the read.
  if (!v.empty() && v[0] > 0) t += v[0];
  t += v.empty() ? 0 : v.back();
  t += v.empty() || v.front() == 0;
  if (text.empty()) t += text[0];
  if (grows.empty()) grows.resize(1);
  t += grows[0];
  if (grows.size() == 0) {
    grows.push_back(1);
    t += grows.front();
  }
  return t;
}
// The same in a template, where the container's type, its test and its
// front() / back() are resolved only in the instantiation.
template <class C>
typename C::value_type element_of_tested_empty_in_template(const C& c) {
  if (c.empty()) return c.front();  // expected-error {{this 'front()' reads an element of 'c' where the test says it is empty}} expected-note {{where the read runs, this test says 'c' is empty}}
  if (c.size() > 1) return c.back();
  return c.front();
}
template <class C>
typename C::value_type element_of_tested_nonempty_in_template(const C& c) {
  if (!c.empty()) return c.back();
  return typename C::value_type{};
}
int uses_element_of_tested_empty_in_template(const std::vector<int>& v, const std::deque<int>& d) {
  return element_of_tested_empty_in_template(v)  // expected-note {{in the instantiation with C = std::vector<int>}}
         + element_of_tested_empty_in_template(d) + element_of_tested_nonempty_in_template(v);
}
// ... or just after it was emptied.
int element_after_clear(std::vector<int>& v, std::deque<int>& d) {
  v.clear();                   // expected-note {{'v' is emptied here}}
  int t = v[0];                // expected-error {{this index reads an element of 'v' just after it was emptied: there is no element}}
  d.resize(0);                 // expected-note {{'d' is emptied here}}
  t += d.front();              // expected-error {{this 'front()' reads an element of 'd' just after it was emptied}}
  v.clear();
  v.push_back(t);
  t += v.front();              // filled again
  d.resize(4);
  return t + d.back();
}
// A local iterator taken from another container, as the position.
void foreign_local_position(std::map<int, int>& a, std::map<int, int>& b, std::vector<int>& v,
                            std::vector<int>& w) {
  auto it = b.find(1);
  if (it != b.end()) a.erase(it);  // expected-error {{the position given to 'erase' is an iterator of 'b', not of 'a'}}
  auto own = a.find(2);
  if (own != a.end()) a.erase(own);
  auto moved = b.begin();
  moved = a.begin();               // assigned from elsewhere: not judged
  a.erase(moved);
  auto last = v.end();
  --last;                          // steps along v: erases v's last element
  if (!v.empty()) v.erase(last);
  for (auto at = w.begin(); at != w.end();) at = *at != 0 ? w.erase(at) : at + 1;
}
// Converted to a const_iterator (a constructor taking a reference to const)
// it is still the other container's.
void foreign_local_converted(std::vector<int>& a, std::vector<int>& b) {
  auto it = b.begin();
  a.erase(it);                     // expected-error {{the position given to 'erase' is an iterator of 'b', not of 'a'}}
  auto found = std::find(b.begin(), b.end(), 1);
  a.insert(found, 2);              // expected-error {{the position given to 'insert' is an iterator of 'b', not of 'a'}}
  auto mine = a.begin();
  a.insert(mine, 3);
}

// A library container's iterator that is a pointer, declared as its member
// typedef in a system header (absl::InlinedVector's): stepped and offset
// like std::array's (iterator arithmetic is trusted, docs/plugin.md,
// Limitations). Its data() is a raw pointer all the same.
#include "inputs/library_containers.hpp"
int library_iterator_steps(lib::SmallVector<int, 4>& v) {
  int r = 0;
  for (lib::SmallVector<int, 4>::const_iterator it = v.begin(); it != v.end(); ++it) r += *it;
  auto mid = v.begin() + v.size() / 2;
  r += mid != v.end() ? *mid : 0;
  return r + *(v.data() + 1);  // expected-error {{pointer arithmetic is not bounds-checked}}
}
