// CWE-415 double free, CWE-416 use after free, CWE-825 expired pointer
// dereference, in the shape of NIST Juliet's test cases
// (CWE415_Double_Free__*, CWE416_Use_After_Free__*): the second delete/free
// or the use after it is undefined behaviour. Manual memory is rejected at
// the allocation and the release; the good variants own memory through
// std::unique_ptr / containers and are accepted.
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);

struct TwoIntsClass {
  int intOne = 0;
  int intTwo = 0;
};

// CWE415_Double_Free__new_delete_array_char
void CWE415_new_delete_array_char_bad() {
  char* data = new char[100]; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}}
  delete[] data; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
  delete[] data; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
}

// CWE415_Double_Free__malloc_free_int
void CWE415_malloc_free_int_bad() {
  int* data = static_cast<int*>(malloc(100 * sizeof(int))); // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  free(data); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  free(data); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}

// CWE416_Use_After_Free__new_delete_class
void CWE416_new_delete_class_bad() {
  TwoIntsClass* data = new TwoIntsClass; // expected-error-re {{variable of raw pointer type 'TwoIntsClass{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new allocates memory that must be{{.*}}[meshwa-manual-memory]}}
  data->intOne = 1;
  delete data; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
  printIntLine(data->intOne);
}

// CWE416_Use_After_Free__return_freed_ptr
char* helperBad(char* aString) { // expected-error-re {{result of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{parameter of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}}
  char* reversedString = static_cast<char*>(malloc(16)); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  free(reversedString); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  (void)aString;
  return reversedString;
}

// A unique_ptr handing out its pointer and being reset (CWE-825).
int CWE825_unique_ptr_get_bad() {
  auto owner = std::make_unique<TwoIntsClass>();
  TwoIntsClass* alias = owner.get(); // expected-error-re {{variable of raw pointer type 'TwoIntsClass{{.*}}[meshwa-raw-pointer]}}
  owner.reset();  // expected-note {{'reset' on 'owner' is here}}
  return alias->intTwo; // expected-error-re {{pointer 'alias' into 'owner' is used{{.*}}[meshwa-iterator-invalidation]}}
}

// release() leaves a raw pointer someone must delete (and may delete twice).
void CWE415_release_bad() {
  auto owner = std::make_unique<int>(5);
  int* raw = owner.release(); // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{release() hands the object to a{{.*}}[meshwa-manual-memory]}}
  std::unique_ptr<int> again(raw);  // expected-error-re {{constructing a std::unique_ptr from a raw pointer{{.*}}[meshwa-manual-memory]}} expected-note {{this pointer is not known}}
  std::unique_ptr<int> twice(raw);  // expected-error-re {{constructing a std::unique_ptr from a raw pointer{{.*}}[meshwa-manual-memory]}} expected-note {{this pointer is not known}}
}

// A reference kept across the owner's reset (CWE-416 through std::unique_ptr).
int CWE416_unique_ptr_reference_bad() {
  auto owner = std::make_unique<TwoIntsClass>();
  TwoIntsClass& ref = *owner;
  owner.reset();  // expected-note {{'reset' on 'owner' is here}}
  return ref.intOne; // expected-error-re {{reference 'ref' into 'owner' is used{{.*}}[meshwa-iterator-invalidation]}}
}

// --- good variants -----------------------------------------------------------

void CWE415_goodG2B() {
  std::vector<char> data(100);
  data.clear();
  printIntLine(static_cast<int>(data.size()));
}

void CWE416_goodG2B() {
  auto data = std::make_unique<TwoIntsClass>();
  data->intOne = 1;
  printIntLine(data->intOne);
  data.reset();
  if (data) printIntLine(data->intTwo);
}

std::string helperGood(const std::string& aString) { return std::string(aString.rbegin(), aString.rend()); }

int CWE416_unique_ptr_reference_good() {
  auto owner = std::make_unique<TwoIntsClass>();
  const int value = owner->intOne;
  owner.reset();
  return value;
}

void CWE415_transfer_good() {
  auto owner = std::make_unique<int>(5);
  std::unique_ptr<int> next = std::move(owner);
  if (next) printIntLine(*next);
}
