// Pointer misuse from NIST Juliet's smaller families: CWE-468 incorrect
// pointer scaling, CWE-469 use of pointer subtraction to determine size,
// CWE-587 assignment of a fixed address to a pointer, CWE-588 access of a
// child of a non-structure pointer, CWE-685/686 function call with wrong
// arguments through function pointers, plus inline assembly and the boundary
// rules of meshwa itself (non-crossable interface types, a call into
// another service's implementation). The good variants use values,
// containers, lambdas and interfaces.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <meshwa/meshwa.hpp>

void printIntLine(int value);

// CWE468_Incorrect_Pointer_Scaling__int_01
void CWE468_bad() {
  int intArray[5] = {1, 2, 3, 4, 5};  // expected-note {{'intArray' is a C array declared}}
  int* intPointer = intArray; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'intPointer' is a raw pointer declared}}
  int toPrint = *(intPointer + (2 * sizeof(int))); // expected-error-re {{pointer arithmetic is not bounds-checked{{.*}}[meshwa-unsafe-buffer]}}
  printIntLine(toPrint);
}

// CWE469_Use_of_Pointer_Subtraction_to_Determine_Size__char_01
int CWE469_bad(std::string& s) {
  char* first = s.data(); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}}
  char* slash = first; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-note {{'slash' is a raw pointer declared}}
  while (*slash != '/') ++slash; // expected-error-re {{incrementing or decrementing a pointer is{{.*}}[meshwa-unsafe-buffer]}}
  // The difference itself reads no memory and forms no pointer (an integer,
  // meaningless if the two point into different objects); the pointers and
  // the walk above are what is rejected.
  return static_cast<int>(slash - first);
}

// CWE469__char_01 in service code: the slash is searched in one string and
// measured from the start of another.
std::string CWE469_iterator_bad(const std::string& buffer, const std::string& path) {
  auto slash = std::find(path.begin(), path.end(), '/');
  const auto length = slash - buffer.begin(); // expected-error-re {{this subtracts an iterator of 'buffer' from one of 'path'{{.*}}[meshwa-unsafe-buffer]}}
  return buffer.substr(0, static_cast<std::size_t>(length));
}

// CWE587_Assignment_of_Fixed_Address_to_Pointer__basic_01
void CWE587_bad() {
  int* data = (int*)0x400000; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-note {{casting from 'int' to 'int *'}}
  printIntLine(*data);
}

// CWE588_Attempt_to_Access_Child_of_Non_Structure_Pointer__class_01
struct TwoInts {
  int intOne = 0;
  int intTwo = 0;
};
void CWE588_bad() {
  int data = 5;
  TwoInts* twoInts = reinterpret_cast<TwoInts*>(&data); // expected-error-re {{variable of raw pointer type 'TwoInts{{.*}}[meshwa-raw-pointer]}} expected-error-re {{reinterpret_cast makes the compiler treat memory{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  printIntLine(twoInts->intTwo);
}

// Function pointers and member pointers (CWE-685/686 through a cast).
using Handler = void (*)(int);  // (a type alias alone declares nothing: its uses are judged)
void call_through(void (*fn)(int), int v) { fn(v); } // expected-error-re {{parameter of function pointer type 'void{{.*}}[meshwa-raw-pointer]}}
void CWE686_bad() {
  auto fn = reinterpret_cast<void (*)(int)>(&CWE468_bad); // expected-error-re {{variable of function pointer type 'void{{.*}}[meshwa-raw-pointer]}} expected-error-re {{reinterpret_cast makes the compiler treat memory{{.*}}[meshwa-unsafe-cast]}}
  call_through(fn, 1);
  int TwoInts::*member = &TwoInts::intTwo; // expected-error-re {{variable of member pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{taking a member pointer (&Class::member) makes{{.*}}[meshwa-raw-pointer]}}
  (void)member;
}

// Inline assembly (reading or writing the protection-key register).
unsigned read_pkru() {
  unsigned value = 0;
  asm volatile("rdpkru" : "=a"(value) : "c"(0) : "rdx"); // expected-error-re {{inline assembly is invisible to the{{.*}}[meshwa-inline-asm]}}
  return value;
}

// meshwa's boundary: raw pointers, non-const references, views in results.
class MESHWA_INTERFACE Storage {
 public:
  virtual ~Storage() = default;
  virtual void put(char* data, int len) = 0; // expected-error-re {{parameter 'data' of interface method 'Storage::put'{{.*}}[meshwa-boundary-type]}} (once: not also [meshwa-raw-pointer])
  virtual void fill(std::vector<int>& out) = 0; // expected-error-re {{parameter 'out' of interface method 'Storage::fill'{{.*}}[meshwa-boundary-type]}}
  virtual std::string_view peek() = 0; // expected-error-re {{the result of interface method 'Storage::peek'{{.*}}[meshwa-boundary-type]}}
  virtual std::function<void()> callback() = 0; // expected-error-re {{the result of interface method 'Storage::callback'{{.*}}[meshwa-boundary-type]}}
};

class MESHWA_SERVICE("store") StoreService final : public Storage {  // expected-note {{'StoreService' implements service 'store' here}}
 public:
  explicit StoreService(meshwa::Context&) {}
  void put(char* data, int len) override { (void)data; (void)len; }
  void fill(std::vector<int>& out) override { out.push_back(1); }
  std::string_view peek() override { return "x"; }
  std::function<void()> callback() override { return [] {}; }
};

class MESHWA_SERVICE("reader") ReaderService final {
 public:
  explicit ReaderService(meshwa::Context&) {}
  void read(StoreService& store) { store.fill(cache_); } // expected-error-re {{this service holds the implementation of{{.*}}[meshwa-service-impl-call]}}

 private:
  std::vector<int> cache_;
};

// --- good variants -----------------------------------------------------------

std::string CWE469_iterator_good(const std::string& buffer) {
  auto slash = std::find(buffer.begin(), buffer.end(), '/');
  return buffer.substr(0, static_cast<std::size_t>(slash - buffer.begin()));
}

void CWE468_good() {
  std::vector<int> ints = {1, 2, 3, 4, 5};
  printIntLine(ints.at(2));
}

int CWE469_good(const std::string& s) {
  const auto slash = s.find('/');
  return slash == std::string::npos ? -1 : static_cast<int>(slash);
}

void CWE686_good() {
  std::function<void(int)> handler = [](int v) { printIntLine(v); };
  auto twice = [&handler](int v) { handler(v); handler(v); };
  twice(2);
  TwoInts t;
  printIntLine(t.intTwo);
}

class MESHWA_INTERFACE GoodStorage {
 public:
  virtual ~GoodStorage() = default;
  virtual void put(std::vector<char> data) = 0;
  virtual std::vector<int> fill() = 0;
  virtual std::string peek(const std::string& key) = 0;
};

class MESHWA_SERVICE("good-reader") GoodReaderService final {
 public:
  explicit GoodReaderService(meshwa::Context& ctx) : store_(ctx.ref<GoodStorage>()) {}
  void read() { cache_ = store_->fill(); }

 private:
  meshwa::Ref<GoodStorage> store_;
  std::vector<int> cache_;
};
