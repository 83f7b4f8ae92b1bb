// CWE-590 free of memory not on the heap, CWE-761 free of pointer not at
// start of buffer, CWE-762 mismatched memory management routines, CWE-401
// memory leak, in the shape of NIST Juliet's test cases
// (CWE590_Free_Memory_Not_on_Heap__*, CWE761_Free_Pointer_Not_at_Start_of_Buffer__*,
// CWE762_Mismatched_Memory_Management_Routines__*, CWE401_Memory_Leak__*).
// Every allocation and release by hand is rejected; the good variants let
// an owner (container, std::unique_ptr) free the memory.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);

struct TwoIntsStruct {
  int intOne = 0;
  int intTwo = 0;
};

// CWE590_Free_Memory_Not_on_Heap__delete_int_declare
void CWE590_delete_int_declare_bad() {
  int dataBuffer = 5;
  int* data = &dataBuffer; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  delete data; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
}

// CWE590__free_char_static
void CWE590_free_char_static_bad() {
  static char dataBuffer[100] = {}; // expected-error-re {{mutable static local variable 'dataBuffer' is{{.*}}[meshwa-mutable-global]}} expected-note {{'dataBuffer' is a C array declared}}
  free(dataBuffer); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE590__delete_array_struct_alloca
void CWE590_delete_array_alloca_bad() {
  auto* data = static_cast<TwoIntsStruct*>(alloca(10 * sizeof(TwoIntsStruct))); // expected-error-re {{variable of raw pointer type 'TwoIntsStruct{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{'__builtin_alloca' allocates an unbounded stack buffer{{.*}}[meshwa-banned-function]}}
  delete[] data; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
}

// CWE761_Free_Pointer_Not_at_Start_of_Buffer__char_environment_while
void CWE761_free_not_at_start_bad() {
  char* data = static_cast<char*>(malloc(100 * sizeof(char))); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note 2 {{'data' is a raw pointer declared}}
  data[0] = '\0'; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  while (*data != '\0') {
    if (*data == 'S') break;
    data++; // expected-error-re {{incrementing or decrementing a pointer is{{.*}}[meshwa-unsafe-buffer]}}
  }
  free(data); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}

// CWE762_Mismatched_Memory_Management_Routines__new_free_int
void CWE762_new_free_bad() {
  int* data = new int; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new allocates memory that must be{{.*}}[meshwa-manual-memory]}}
  free(data); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}

// CWE762__new_array_delete_char
void CWE762_new_array_delete_bad() {
  char* data = new char[100]; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}}
  delete data; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
}

// CWE762__malloc_delete_struct
void CWE762_malloc_delete_bad() {
  auto* data = static_cast<TwoIntsStruct*>(calloc(100, sizeof(TwoIntsStruct))); // expected-error-re {{variable of raw pointer type 'TwoIntsStruct{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{calloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  delete data; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
}

// CWE762 through a smart pointer with the wrong deleter: unique_ptr<T> of new[].
void CWE762_unique_ptr_of_array_bad() {
  std::unique_ptr<int> data(new int[10]); // expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}}
}

// CWE401_Memory_Leak__new_array_int
void CWE401_new_array_int_bad() {
  int* data = new int[100]; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}} expected-note 2 {{'data' is a raw pointer declared}}
  data[0] = 5; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  printIntLine(data[0]); // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE401__strdup_char / realloc
void CWE401_strdup_bad(const std::string& s) {
  char* copy = strdup(s.c_str()); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{strdup manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  printLine(copy);
  copy = static_cast<char*>(realloc(copy, 200)); // expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{realloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}

// CWE401__new_TwoIntsStruct / placement new.
void CWE401_new_struct_bad() {
  TwoIntsStruct* data = new TwoIntsStruct; // expected-error-re {{variable of raw pointer type 'TwoIntsStruct{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new allocates memory that must be{{.*}}[meshwa-manual-memory]}}
  alignas(TwoIntsStruct) unsigned char storage[sizeof(TwoIntsStruct)] = {};  // expected-note {{'storage' is a C array declared}}
  new (storage) TwoIntsStruct(); // expected-error-re {{placement new constructs an object in{{.*}}[meshwa-manual-memory]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  printIntLine(data->intOne);
}

// Explicit operator new / std::allocator.
void CWE762_operator_new_bad() {
  void* raw = ::operator new(64); // expected-error-re {{variable of raw pointer type 'void{{.*}}[meshwa-raw-pointer]}} expected-error-re {{calling operator new/delete directly manages raw{{.*}}[meshwa-manual-memory]}}
  ::operator delete(raw); // expected-error-re {{calling operator new/delete directly manages raw{{.*}}[meshwa-manual-memory]}}
  std::allocator<int> alloc;
  int* p = alloc.allocate(4); // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{std::allocator::allocate manages raw memory by hand{{.*}}[meshwa-manual-memory]}}
  alloc.deallocate(p, 4); // expected-error-re {{std::allocator::deallocate manages raw memory by hand{{.*}}[meshwa-manual-memory]}}
}

// --- good variants -----------------------------------------------------------

void CWE590_good() {
  auto data = std::make_unique<int>(5);
  printIntLine(*data);
}

void CWE761_good() {
  std::string data = "Some data";
  const auto pos = data.find('S');
  printIntLine(pos == std::string::npos ? -1 : static_cast<int>(pos));
}

void CWE762_good() {
  auto single = std::make_unique<int>(1);
  std::vector<char> array(100);
  auto structs = std::vector<TwoIntsStruct>(100);
  printIntLine(*single + static_cast<int>(array.size() + structs.size()));
}

void CWE401_good() {
  std::vector<int> data(100);
  data[0] = 5;
  printIntLine(data[0]);
  auto shared = std::make_shared<TwoIntsStruct>();
  auto owned = meshwa::make_owned<TwoIntsStruct>();
  printIntLine(shared->intOne + owned->intTwo);
}
