// CWE-562 return of stack variable address (and the dangling views of the
// same family: CWE-825 through std::string_view / std::span / references),
// in the shape of NIST Juliet's CWE562_Return_of_Stack_Variable_Address__*.
// The good variants return values.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);

// CWE562_Return_of_Stack_Variable_Address__return_buf
char* CWE562_return_buf_bad() { // expected-error-re {{result of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}}
  char buffer[8] = {};  // expected-note {{'buffer' is a C array declared}} expected-note {{'buffer' is declared here}}
  return buffer; // expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-error-re {{returning a pointer to local variable 'buffer'{{.*}}[meshwa-dangling]}}
}

// The address of a local.
int* CWE562_return_local_address_bad() { // expected-error-re {{result of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}}
  int value = 5;  // expected-note {{'value' is declared here}}
  return &value; // expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}} expected-error-re {{returning a pointer to local variable 'value'{{.*}}[meshwa-dangling]}}
}

// The same with references, views and spans.
const int& CWE562_return_local_reference_bad() {
  int value = 5;  // expected-note {{'value' is declared here}}
  return value; // expected-error-re {{returning a reference to local variable{{.*}}[meshwa-dangling]}}
}

std::string_view CWE562_return_view_of_local_bad() {
  std::string text = "local";  // expected-note {{'text' is declared here}}
  return text; // expected-error-re {{returning a view to local variable{{.*}}[meshwa-dangling]}}
}

std::span<const int> CWE562_return_span_of_local_bad() {
  std::vector<int> values = {1, 2, 3};  // expected-note {{'values' is declared here}}
  return values; // expected-error-re {{returning a view to local variable{{.*}}[meshwa-dangling]}}
}

const std::string& CWE562_return_temporary_bad() {
  return std::string("temporary"); // expected-error-re {{returning a reference to a temporary{{.*}}[meshwa-dangling]}} expected-note {{the temporary is created here}}
}

// A view bound to a temporary: dangles from the next statement (CWE-825).
void CWE825_view_of_temporary_bad() {
  std::string_view view = std::string("temporary") + "!"; // expected-error-re {{'view' refers to a temporary that{{.*}}[meshwa-dangling]}} expected-note {{the temporary is created here}}
  printLine(std::string(view));
  const std::vector<int>& ref = std::vector<int>{1, 2, 3};  // lifetime-extended: fine
  printIntLine(ref[0]);
}

// --- good variants -----------------------------------------------------------

std::string CWE562_good() {
  std::string text = "local";
  return text;
}

std::vector<int> CWE562_values_good() {
  std::vector<int> values = {1, 2, 3};
  return values;
}

std::string_view CWE562_literal_view_good() { return "static storage"; }

void CWE825_good() {
  const std::string owned = std::string("temporary") + "!";
  std::string_view view = owned;
  printLine(std::string(view));
}

// Juliet's flow variants 31 and 33: the view of the local reaches the
// return through a copy of the view, or a reference to it.
std::string_view CWE562_view_31_bad() {
  std::string owner(64, 'a');  // expected-note {{'owner' is declared here}}
  std::string_view data{};
  data = owner; // expected-error-re {{a view of local variable 'owner' is stored in 'data', which the function returns{{.*}}[meshwa-dangling]}}
  std::string_view dataCopy = data;
  return dataCopy;  // expected-note {{'data' is returned here}}
}
std::string_view CWE562_view_33_bad() {
  std::string owner(64, 'a');  // expected-note {{'owner' is declared here}}
  std::string_view data{};
  std::string_view& dataRef = data;
  data = owner; // expected-error-re {{a view of local variable 'owner' is stored in 'data', which the function returns{{.*}}[meshwa-dangling]}}
  return dataRef;  // expected-note {{'data' is returned here}}
}
// A copy given other data before it is returned, and a copy of an owner
// (storage of its own) return no view of the local.
std::string_view CWE562_view_31_good() {
  std::string owner(64, 'a');
  std::string_view data{};
  data = owner;
  printLine(std::string(data));
  std::string_view dataCopy = data;
  dataCopy = "static text";
  return dataCopy;
}
std::string CWE562_owner_copy_good() {
  std::string owner(64, 'a');
  std::string_view data{};
  data = owner;
  std::string copy = std::string(data);
  return copy;
}

// Juliet's flow variant 41: the view goes through a function that gives
// back the view it is handed; the local it views dies all the same.
static std::string_view CWE562_view_41_badSink(std::string_view data) { return data; }
static std::string_view CWE562_view_41_bad() {
  std::string owner(64, 'a'); // expected-note {{'owner' is declared here}}
  std::string_view data{};
  data = owner; // expected-error-re {{a view of local variable 'owner' is stored in 'data', which the function returns{{.*}}[meshwa-dangling]}}
  return CWE562_view_41_badSink(data); // expected-note {{'data' is returned here}}
}
// A function that returns something else, or a view of static text: accepted.
static std::string_view CWE562_view_41_otherSink(std::string_view data) { return data.empty() ? "none" : "some"; }
static std::string_view CWE562_view_41_goodG2B() {
  std::string owner(64, 'a');
  std::string_view data{};
  data = owner;
  std::string_view text{};
  text = "static text";
  printLine(std::string(CWE562_view_41_badSink(text)));
  return CWE562_view_41_otherSink(data);
}
std::string_view CWE562_view_41_use() { return CWE562_view_41_bad().empty() ? CWE562_view_41_goodG2B() : "x"; }
