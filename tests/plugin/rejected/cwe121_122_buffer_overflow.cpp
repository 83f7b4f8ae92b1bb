// CWE-121 stack-based and CWE-122 heap-based buffer overflow, in the shape
// of NIST Juliet's test cases (CWE121_Stack_Based_Buffer_Overflow__*,
// CWE122_Heap_Based_Buffer_Overflow__*): each bad() writes past the end of a
// buffer; each good() is the same logic in the safe subset.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <memory>
#include <string>
#include <vector>

#include <iterator>
#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);
bool globalReturnsTrue();

// CWE121_Stack_Based_Buffer_Overflow__char_type_overrun_memcpy
struct CharVoid {
  char charFirst[16]; // expected-note 3 {{'charFirst' is a C array declared}}
  int voidSecond;
};
void CWE121_char_type_overrun_memcpy_bad() {
  CharVoid structCharVoid{};
  memcpy(structCharVoid.charFirst, "0123456789abcdef0123456789abcdef", sizeof(structCharVoid)); // expected-error-re {{'memcpy' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  printLine(structCharVoid.charFirst); // expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE121__CWE805_char_declare_loop: data points at a too small buffer.
void CWE121_CWE805_char_declare_loop_bad() {
  char dataBadBuffer[50]; // expected-error-re {{'dataBadBuffer' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note {{'dataBadBuffer' is a C array declared}}
  char dataGoodBuffer[100]; // expected-error-re {{'dataGoodBuffer' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  char* data; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-note 2 {{'data' is a raw pointer declared}} (given a value right below: not uninitialized's)
  data = dataBadBuffer; // expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'dataBadBuffer' is used here before it is given a value}}
  data[0] = '\0'; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  char source[100]; // every element written by the loop below before any read: not uninitialized's; the loops' i < 100 keeps source[i] in bounds
  for (size_t i = 0; i < 100; i++) source[i] = 'C';
  for (size_t i = 0; i < 100; i++) data[i] = source[i]; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  (void)dataGoodBuffer;  // expected-note {{'dataGoodBuffer' is used here before it is given a value}}
}

// CWE121__CWE131_loop: int buffer sized in bytes, not elements.
void CWE121_CWE131_loop_bad() {
  int* data = static_cast<int*>(alloca(10)); // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{'__builtin_alloca' allocates an unbounded stack buffer{{.*}}[meshwa-banned-function]}} expected-note 2 {{'data' is a raw pointer declared}}
  int source[10] = {0};  // source[i] under i < 10: in bounds
  for (size_t i = 0; i < 10; i++) data[i] = source[i]; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  printIntLine(data[0]); // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE121__CWE129_rand: an index from outside, checked only from below.
void CWE121_CWE129_rand_bad() {
  int data = rand();
  int buffer[10] = {0};  // expected-note {{'buffer' is a C array declared}}
  if (data >= 0) {
    buffer[data] = 1; // expected-error-re {{indexing a C array with an{{.*}}[meshwa-unsafe-buffer]}}
    for (int i = 0; i < 10; i++) printIntLine(buffer[i]);  // i < 10: in bounds
  }
}

// CWE121__dest_char_declare_cpy / CWE122__c_dest_char_cat
void CWE121_dest_char_cpy_bad(const std::string& input) {
  char dest[10] = "";  // expected-note 3 {{'dest' is a C array declared}}
  strcpy(dest, input.c_str()); // expected-error-re {{'strcpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  strcat(dest, "overflow!"); // expected-error-re {{'strcat' works on unbounded C strings{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  strncat(dest, input.c_str(), input.size()); // expected-error-re {{'strncat' works on unbounded C strings{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  wchar_t wide[10] = L"";  // expected-note {{'wide' is a C array declared}}
  wcscpy(wide, L"AAAAAAAAAAAAAAAAAAAA"); // expected-error-re {{'wcscpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE122_Heap_Based_Buffer_Overflow__cpp_CWE805_char_memmove
void CWE122_cpp_CWE805_char_memmove_bad() {
  char* data = new char[50]; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}} expected-note {{'data' is a raw pointer declared}}
  data[0] = '\0'; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  char source[100]; // expected-error-re {{'source' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note 2 {{'source' is a C array declared}}
  memset(source, 'C', 100 - 1); // expected-error-re {{'memset' writes raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'source' is used here before it is given a value}}
  memmove(data, source, 100 * sizeof(char)); // expected-error-re {{'memmove' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  delete[] data; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
}

// CWE122__c_CWE193_char_ncpy: off-by-one from malloc(strlen(src)).
void CWE122_c_CWE193_char_ncpy_bad(const std::string& src) {
  char* data = static_cast<char*>(malloc(src.size())); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  strncpy(data, src.c_str(), src.size() + 1); // expected-error-re {{'strncpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}}
  free(data); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}

// CWE122__sizeof_int64: malloc(sizeof(pointer)) instead of the object.
void CWE122_sizeof_int64_bad() {
  int64_t* data = static_cast<int64_t*>(malloc(sizeof(data))); // expected-error-re {{variable of raw pointer type 'int64_t{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  *data = 2147483643LL;
  free(data); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}

// CWE122__char_type_overrun_memmove on the heap.
void CWE122_char_type_overrun_bad() {
  auto structCharVoid = std::make_unique<CharVoid>();
  memmove(structCharVoid->charFirst, "0123456789abcdef0123456789abcdef", sizeof(*structCharVoid)); // expected-error-re {{'memmove' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}

// Pointer arithmetic walking off a buffer (CWE121__*_loop with pointers).
int CWE121_pointer_walk_bad(const std::vector<int>& v) {
  const int* p = v.data(); // expected-error-re {{variable of raw pointer type 'const{{.*}}[meshwa-raw-pointer]}} expected-note 2 {{'p' is a raw pointer declared}}
  int sum = 0;
  for (size_t i = 0; i <= v.size(); i++) sum += *(p + i); // expected-error-re {{pointer arithmetic is not bounds-checked{{.*}}[meshwa-unsafe-buffer]}}
  p++; // expected-error-re {{incrementing or decrementing a pointer is{{.*}}[meshwa-unsafe-buffer]}}
  return sum;
}

// --- good variants: the same logic in the safe subset ---------------------

void CWE121_CWE805_goodG2B() {
  std::vector<char> data(100, '\0');
  std::vector<char> source(100, 'C');
  for (size_t i = 0; i < source.size(); i++) data.at(i) = source[i];
  printLine(std::string(data.begin(), data.end()));
}

void CWE121_CWE129_goodB2G() {
  int data = rand();
  std::array<int, 10> buffer{};
  if (data >= 0 && static_cast<size_t>(data) < buffer.size()) {
    buffer[static_cast<size_t>(data)] = 1;
  }
  for (int value : buffer) printIntLine(value);
}

void CWE121_dest_char_cpy_good(const std::string& input) {
  std::string dest;
  dest = input;
  dest += "no overflow";
  dest.append(input, 0, std::min<size_t>(input.size(), 5));
  std::wstring wide = L"AAAAAAAAAAAAAAAAAAAA";
  printLine(dest);
  printIntLine(static_cast<int>(wide.size()));
}

void CWE122_CWE805_goodG2B() {
  std::vector<char> data(100);
  std::vector<char> source(100, 'C');
  std::copy(source.begin(), source.end(), data.begin());
  std::fill(source.begin(), source.end(), 'D');
  printLine(std::string(data.begin(), data.end()));
}

void CWE122_sizeof_good() {
  auto data = std::make_unique<int64_t>(2147483643LL);
  printIntLine(static_cast<int>(*data % 1000));
}

int CWE121_pointer_walk_good(const std::vector<int>& v) {
  int sum = 0;
  for (size_t i = 0; i < v.size(); i++) sum += v[i];
  for (auto it = v.begin(); it != v.end(); ++it) sum += *it;
  return sum;
}

// --- service-code rewrites that keep the flaw ---------------------------------

// CWE121__std_array_copy: a std::copy of 100 elements into 50.
void CWE121_std_array_copy_bad() {
  std::array<int, 100> source{};
  std::array<int, 50> data{};
  if (globalReturnsTrue()) {
    std::copy(source.begin(), source.end(), data.begin()); // expected-error-re {{'std::copy' writes 100 elements through this iterator into 'data', which has 50{{.*}}[meshwa-unsafe-buffer]}}
  }
  printIntLine(data[0]);
}
void CWE121_std_array_fill_n_bad() {
  std::array<char, 10> data{};
  std::fill_n(data.begin(), 11, 'A'); // expected-error-re {{'std::fill_n' writes 11 elements{{.*}}[meshwa-unsafe-buffer]}}
  printIntLine(data[0]);
}
void CWE121_std_array_copy_good() {
  std::array<int, 100> source{};
  std::array<int, 100> data{};
  std::copy(source.begin(), source.end(), data.begin());
  std::vector<int> grown;
  std::copy(source.begin(), source.end(), std::back_inserter(grown));
  std::array<char, 10> text{};
  std::fill_n(text.begin(), text.size(), 'A');
  printIntLine(data[0] + grown[0] + text[0]);
}

// --- Juliet's flow variants: the index is a local given a constant on the
// way (CWE121__CWE129_large_01..18, CWE122__CWE129_large, data = 10 after
// data = -1), written through the control flow Juliet wraps it in ---------

void CWE121_CWE129_large_01_bad() {
  int data = -1;
  data = 10;
  std::array<int, 10> buffer{};
  buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer', which has 10 elements{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE121_CWE129_large_11_bad() {
  int data = -1;
  if (globalReturnsTrue()) {
    data = 10;
  }
  if (globalReturnsTrue()) {
    std::array<int, 10> buffer{};
    buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
  }
}
static bool staticFlag = true; // expected-error-re {{{{.*}}[meshwa-mutable-global]}}
void CWE122_CWE129_large_05_bad() {
  int data = -1;  // -1 or 10 below: both outside
  if (staticFlag) {
    data = 10;
  }
  std::vector<int> buffer(10);
  buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
  int under = 0;
  under = -1;
  buffer[under] = 2; // expected-error-re {{index -1 is before the start of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE122_CWE129_large_15_bad() {
  int data = -1;
  switch (6) {
    case 6:
      data = 10;
      break;
    default:
      data = 1;
      break;
  }
  std::vector<int> buffer(10);
  buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE121_CWE129_large_16_17_18_bad() {
  int data = -1;
  while (1) {
    data = 10;
    break;
  }
  for (int j = 0; j < 1; j++) {
    data = 11;
  }
  goto sink;
sink:
  std::array<int, 10> buffer{};
  buffer[data] = 1; // expected-error-re {{index 11 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE121_CWE129_large_31_bad() {
  int data = -1;
  data = 10;
  int dataCopy = data;
  int index = dataCopy;
  std::array<int, 10> buffer{};
  printIntLine(buffer[index]); // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
// The good variants: an index in bounds, a flag that may leave an in-bounds
// value, or the index checked before the access (goodB2G).
void CWE121_CWE129_large_flows_good(int input) {
  int data = -1;
  data = 7;
  std::array<int, 10> buffer{};
  buffer[data] = 1;
  int maybe = 0;  // 0 or 10: not every value is outside
  if (staticFlag) maybe = 10;
  printIntLine(buffer.at(maybe));
  std::vector<int> grown(10);
  int checked = 10;
  if (checked >= 0 && checked < 10) grown[checked] = 1;
  int guarded = 10;
  if (guarded >= 10) return;
  grown[guarded] = 2;
  int looped = 10;
  for (int i = 0; i < input; ++i) {
    grown[looped] = 3;
    looped = i % 10;
  }
  int aliased = 10;
  int& alias = aliased;
  alias = 3;
  grown[aliased] = 4;
  int late = 10;
  if (input > 0) late = 2;
  grown[late] = 5;
}
// CWE121__CWE129_large goodG2B over a C array: every value the writes
// leave in the index is in bounds (a test in between only narrows them).
static bool staticReturnsTrue() { return true; }
void CWE121_CWE129_carray_goodG2B() {
  int data = -1;
  if (staticReturnsTrue()) {
    data = 7;
  }
  int buffer[10] = {0};
  if (data >= 0) {
    buffer[data] = 1;
  }
  int other = 3;
  other = 9;
  printIntLine(buffer[other]);
}
// One value that may stay outside (-1 when the flag is false) is not proof.
void CWE121_CWE129_carray_05_bad(bool flag) {
  int data = -1;
  if (flag) data = 7;
  int buffer[10] = {0}; // expected-note {{'buffer' is a C array declared}}
  buffer[data] = 1; // expected-error-re {{indexing a C array with an{{.*}}[meshwa-unsafe-buffer]}}
}

// Juliet's flow variants 41 and 51-54: the index handed to a sink function
// (or a chain of them) that only this file can call. Every call passes a
// constant past the end.
static void CWE121_CWE129_large_52_badSink2(int data) {
  std::array<int, 10> buffer{};
  buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
static void CWE121_CWE129_large_52_badSink1(int data) { CWE121_CWE129_large_52_badSink2(data); }
void CWE121_CWE129_large_52_bad() {
  int data = -1;
  data = 10;
  CWE121_CWE129_large_52_badSink1(data);
}
namespace {
void CWE122_CWE129_large_41_badSink(int data) {
  std::vector<int> buffer(10);
  printIntLine(buffer[data]); // expected-error-re {{index -1 is before the start of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
}  // namespace
void CWE122_CWE129_large_41_bad() { CWE122_CWE129_large_41_badSink(-1); }
// Not judged: a caller passing an index in bounds, a function other files
// may call, a function whose address is taken (called from anywhere).
static void CWE121_CWE129_41_mixedSink(int data) {
  std::array<int, 10> buffer{};
  buffer[data] = 1;
}
void CWE121_CWE129_41_mixed_good() {
  CWE121_CWE129_41_mixedSink(10 - 1);
  int data = -1;
  data = 9;
  CWE121_CWE129_41_mixedSink(data);
}
void CWE121_CWE129_41_exported_good(int data) {
  std::array<int, 10> buffer{};
  buffer[data] = 1;
}
static void CWE121_CWE129_44_sink(int data) {
  std::array<int, 10> buffer{};
  buffer[data] = 1;
}
void CWE121_CWE129_44_good(void (*&out)(int)) { // expected-error-re {{{{.*}}[meshwa-raw-pointer]}}
  out = CWE121_CWE129_44_sink;
  CWE121_CWE129_41_exported_good(10);
}

// Juliet's flow variants 42 and 61: the index comes back from a source
// function only this file can call, every return of which gives a constant
// past the end.
static int CWE121_CWE129_large_42_badSource(int data) {
  data = 10;
  return data;
}
void CWE121_CWE129_large_42_bad() {
  int data = -1;
  data = CWE121_CWE129_large_42_badSource(data);
  std::array<int, 10> buffer{};
  buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
static int CWE121_CWE129_large_61_badSource() {
  int data = -1;
  data = 10;
  return data;
}
void CWE121_CWE129_large_61_bad() {
  int data = CWE121_CWE129_large_61_badSource();
  std::vector<int> buffer(10);
  buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
// A source that may return an index in bounds, or input, is not judged.
static int CWE121_CWE129_61_source(bool small) {
  if (small) return 3;
  return 10;
}
void CWE121_CWE129_61_good(bool small) {
  int data = CWE121_CWE129_61_source(small);
  std::vector<int> buffer(10);
  buffer[data] = 1;
  int other = CWE121_CWE129_large_61_badSource();
  if (other < 10) buffer[other] = 2;
}

// Juliet's flow variant 62: the source gives the index through a reference
// parameter of a function only this file calls.
static void CWE121_CWE129_large_62_badSource(int& data) { data = 10; }
void CWE121_CWE129_large_62_bad() {
  int data = -1;
  CWE121_CWE129_large_62_badSource(data);
  std::array<int, 10> buffer{};
  buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
// A source that may leave the value as it was (an early return, a branch)
// is not followed.
static void CWE121_CWE129_62_maybeSource(int& data, bool big) {
  if (big) data = 10;
}
static void CWE121_CWE129_62_goodSource(int& data) { data = 3; }
void CWE121_CWE129_62_good(bool big) {
  int data = 0;
  CWE121_CWE129_62_maybeSource(data, big);
  std::array<int, 10> buffer{};
  buffer[data] = 1;
  int other = -1;
  CWE121_CWE129_62_goodSource(other);
  buffer[other] = 2;
}
// Juliet's flow variant 33: a reference bound to the index and only read
// reads the index.
void CWE121_CWE129_large_33_bad() {
  int data = -1;
  int& dataRef = data;
  data = 10;
  {
    int data = dataRef;
    std::array<int, 10> buffer{};
    buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
  }
}
// A reference that writes the index (`dataRef = 3;`) is another way to
// change it: the writes seen are not all there are.
void CWE121_CWE129_33_good() {
  int data = 10;
  int& dataRef = data;
  dataRef = 3;
  std::array<int, 10> buffer{};
  buffer[data] = 1;
  const int& view = data;
  buffer[view] = 2;
}
// Juliet's flow variant 63: the sink takes the index by const reference.
static void CWE121_CWE129_large_63_badSink(const int& dataRef) {
  int data = dataRef;
  std::array<int, 10> buffer{};
  buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE121_CWE129_large_63_bad() {
  int data = -1;
  data = 10;
  CWE121_CWE129_large_63_badSink(data);
}
// Bound to a const reference (std::max, the sink), the index keeps its
// value: in bounds here. A sink also given a value not known is not judged.
static void CWE121_CWE129_63_goodSink(const int& dataRef) {
  std::array<int, 10> buffer{};
  buffer[dataRef] = 1;
}
void CWE121_CWE129_63_good(int input) {
  int data = 9;
  const int biggest = std::max(data, 0);
  CWE121_CWE129_63_goodSink(data);
  CWE121_CWE129_63_goodSink(biggest);
  std::array<int, 10> buffer{};
  buffer[data] = 1;
  if (input < 5) CWE121_CWE129_63_goodSink(input);
}
// Juliet's flow variants 83 and 84: a constructor leaves a constant in a
// private member that nothing else writes; the destructor indexes with it.
class CWE121_CWE129_large_83_bad {
 public:
  explicit CWE121_CWE129_large_83_bad(int dataCopy) {
    data = dataCopy;
    data = 10;
  }
  ~CWE121_CWE129_large_83_bad() {
    std::array<int, 10> buffer{};
    buffer[data] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
  }

 private:
  int data;
};
// A member function that writes it, one defined in another file (which
// may), or a test of it before the read: not judged.
class CWE121_CWE129_84_setter_good {
 public:
  CWE121_CWE129_84_setter_good() { data = 10; }
  void set(int value) { data = value % 10; }
  ~CWE121_CWE129_84_setter_good() {
    std::array<int, 10> buffer{};
    buffer[data] = 1;
  }

 private:
  int data;
};
class CWE121_CWE129_84_elsewhere_good {
 public:
  CWE121_CWE129_84_elsewhere_good() : data(10) {}
  void reload();
  ~CWE121_CWE129_84_elsewhere_good() {
    std::array<int, 10> buffer{};
    buffer[data] = 1;
  }

 private:
  int data;
};
class CWE121_CWE129_84_goodB2G {
 public:
  CWE121_CWE129_84_goodB2G() { data = 10; }
  ~CWE121_CWE129_84_goodB2G() {
    std::array<int, 10> buffer{};
    if (data >= 0 && data < 10) buffer[data] = 1;
  }

 private:
  int data;
};
// (Over a C array too: every value the constructors leave is in bounds.)
class CWE121_CWE129_84_goodG2B {
 public:
  CWE121_CWE129_84_goodG2B() { data = 9; }
  explicit CWE121_CWE129_84_goodG2B(int) : data(3) {}
  ~CWE121_CWE129_84_goodG2B() {
    std::array<int, 10> buffer{};
    buffer[data] = 1;
    int raw[10] = {0};
    raw[data] = 1;
    printIntLine(raw[0]);
  }

 private:
  int data;
};
// A case label between the write and the read: the jump to it skips the
// write (here `index` is still 1 at `case 2`).
void CWE121_switch_jump_good(int mode) {
  std::array<int, 10> buffer{};
  int index = 1;
  switch (mode) {
    case 1:
      index = 20;
      break;
    case 2:
      buffer[index] = 1;
      break;
    default:
      index = 30;
      printIntLine(mode);
      [[fallthrough]];
    case 3:
      printIntLine(buffer[index]);
      break;
  }
}
void CWE121_switch_body_bad(int mode) {
  std::array<int, 10> buffer{};
  int index = 10;
  switch (mode) {
    case 1:
      buffer[index] = 1; // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
      break;
    default:
      break;
  }
}
// A write in the try block reaches its handler; the value before the try
// is not all that may be there.
void CWE121_try_handler_good(const std::vector<int>& input) {
  std::array<int, 10> buffer{};
  int index = 12;
  try {
    index = 3;
    printIntLine(input.at(5));
  } catch (...) {
    buffer[index] = 1;
  }
}
