// CWE-476 NULL pointer dereference and CWE-690 unchecked return value to
// NULL pointer dereference, in the shape of NIST Juliet's test cases
// (CWE476_NULL_Pointer_Dereference__*, CWE690_NULL_Deref_From_Return__*).
// A raw pointer that may be null is rejected where it is declared (there is
// no null in the safe subset's handles: references, std::optional,
// std::unique_ptr that is tested); the good variants use those.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include <vector>
#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);

struct TwoIntsStruct {
  int intOne = 0;
  int intTwo = 0;
};

// CWE476_NULL_Pointer_Dereference__int_01
void CWE476_int_bad() {
  int* data = nullptr; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}}
  printIntLine(*data);
}

// CWE476__struct_01
void CWE476_struct_bad() {
  TwoIntsStruct* data = NULL; // expected-error-re {{variable of raw pointer type 'TwoIntsStruct{{.*}}[meshwa-raw-pointer]}}
  printIntLine(data->intOne);
}

// CWE476__deref_after_check: the check is the wrong way round.
void CWE476_deref_after_check_bad(int* intPointer) { // expected-error-re {{parameter of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}}
  if (intPointer == nullptr) printIntLine(*intPointer);
}

// CWE476__null_check_after_deref (a member pointer this time).
class Holder {
 public:
  int value() const { return *data_ + (data_ != nullptr ? 1 : 0); }

 private:
  int* data_ = nullptr; // expected-error-re {{member of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}}
};

// CWE690_NULL_Deref_From_Return__char_malloc
void CWE690_malloc_bad() {
  char* data = static_cast<char*>(malloc(20 * sizeof(char))); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  strcpy(data, "Initialize"); // expected-error-re {{'strcpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}}
  printLine(data);
  free(data); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}

// CWE690__char_getenv / strchr: library functions returning null.
void CWE690_getenv_bad() {
  const char* data = getenv("PATH"); // expected-error-re {{variable of raw pointer type 'const{{.*}}[meshwa-raw-pointer]}}
  printIntLine(static_cast<int>(strlen(data)));
}

// CWE690 via a service helper that returns a pointer.
const std::string* find_name(int id); // expected-error-re {{result of raw pointer type 'const{{.*}}[meshwa-raw-pointer]}} expected-note {{the pointer comes from 'find_name', declared}}
void CWE690_helper_bad() {
  const std::string* name = find_name(3); // expected-error-re {{variable of raw pointer type 'const{{.*}}[meshwa-raw-pointer]}}
  printLine(*name);
}

// --- good variants -----------------------------------------------------------

void CWE476_int_good() {
  std::optional<int> data;
  if (data) printIntLine(*data);
  data = 5;
  printIntLine(data.value_or(0));
}

void CWE476_struct_good() {
  auto data = std::make_unique<TwoIntsStruct>();
  if (data != nullptr) printIntLine(data->intOne);
}

void CWE476_deref_after_check_good(const int& intReference) { printIntLine(intReference); }

std::optional<std::string> find_name_good(int id);
void CWE690_good() {
  std::string data = "Initialize";
  printLine(data);
  if (auto name = find_name_good(3)) printLine(*name);
  const std::string path = std::getenv("PATH") != nullptr ? std::string(std::getenv("PATH")) : std::string();
  printLine(path);
}

// --- service-code rewrites that keep the flaw ---------------------------------

struct TwoInts {
  int intOne = 0;
  int intTwo = 0;
};
// CWE476__unique_ptr_null: an empty std::unique_ptr dereferenced through ->,
// which libstdc++ does not check even with _GLIBCXX_ASSERTIONS.
void CWE476_unique_ptr_empty_bad() {
  std::unique_ptr<TwoInts> data; // expected-note {{'data' is declared empty here}}
  if (1) {
    printIntLine(data->intOne); // expected-error-re {{'data' is dereferenced while it is empty on every path{{.*}}[meshwa-use-after-move]}}
  }
}
void CWE476_shared_ptr_moved_bad() {
  auto data = std::make_shared<TwoInts>();
  std::vector<std::shared_ptr<TwoInts>> kept;
  kept.push_back(std::move(data)); // expected-note {{'data' was moved from here}}
  printIntLine(data->intTwo); // expected-error-re {{'data' is dereferenced while it is empty on every path{{.*}}[meshwa-use-after-move]}}
}
void CWE476_unique_ptr_reset_bad() {
  auto data = std::make_unique<TwoInts>();
  data.reset(); // expected-note {{'data' was left empty here}}
  printIntLine(data->intOne); // expected-error-re {{'data' is dereferenced while it is empty on every path{{.*}}[meshwa-use-after-move]}}
}
void CWE476_smart_ptr_good() {
  std::unique_ptr<TwoInts> data;
  if (data != nullptr) printIntLine(data->intOne);
  data = std::make_unique<TwoInts>();
  printIntLine(data->intOne);
  auto kept = std::make_shared<TwoInts>();
  std::vector<std::shared_ptr<TwoInts>> all;
  all.push_back(kept);
  printIntLine(kept->intTwo);
}

// Juliet's source `data = NULL;` over an optional: emptied again
// (`= std::nullopt`, `= {}`, reset()) it still holds nothing to read.
void CWE476_optional_01_bad() {
  std::optional<int> data{};
  data = std::nullopt;
  printIntLine(*data); // expected-error-re {{'data' is an empty std::optional here, and nothing in the function gives it a value{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE476_optional_reset_bad() {
  std::optional<TwoIntsStruct> data;
  data.reset();
  data = {};
  printIntLine(data->intOne); // expected-error-re {{'data' is an empty std::optional here{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE476_optional_01_goodG2B() {
  std::optional<int> data{};
  data = 5;
  printIntLine(*data);
}
void CWE476_optional_01_goodB2G() {
  std::optional<int> data{};
  data = std::nullopt;
  if (data.has_value()) printIntLine(*data);
  std::optional<int> given{5};
  given.reset();
  given.emplace(6);
  printIntLine(*given);
}
// Flow variant 31: a copy of an optional that is always empty is empty.
void CWE476_optional_31_bad() {
  std::optional<int> data{};
  data = std::nullopt;
  std::optional<int> dataCopy = data;
  printIntLine(*dataCopy); // expected-error-re {{'dataCopy' is an empty std::optional here{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE476_optional_31_good() {
  std::optional<int> data{};
  data = 5;
  std::optional<int> dataCopy = data;
  printIntLine(*dataCopy);
  std::optional<int> empty;
  std::optional<int> filled = empty;
  filled = 3;
  printIntLine(*filled);
}
// Flow variants 41 and 51-54: a sink only this file calls, handed an
// empty optional by every call.
static void CWE476_optional_52_badSink2(std::optional<int> data) {
  printIntLine(*data); // expected-error-re {{'data' is an empty std::optional here{{.*}}[meshwa-unsafe-buffer]}}
}
static void CWE476_optional_52_badSink1(std::optional<int> data) { CWE476_optional_52_badSink2(data); }
void CWE476_optional_52_bad() {
  std::optional<int> data{};
  data = std::nullopt;
  CWE476_optional_52_badSink1(data);
}
// One call with a value, or a sink other files may call: not judged.
static void CWE476_optional_41_sink(std::optional<int> data) { printIntLine(*data); }
void CWE476_optional_41_good() {
  CWE476_optional_41_sink(std::nullopt);
  CWE476_optional_41_sink(5);
}
void CWE476_optional_41_exported_good(std::optional<int> data) { printIntLine(*data); }
