// CWE-457 use of uninitialized variable, in the shape of NIST Juliet's test
// cases (CWE457_Use_of_Uninitialized_Variable__*): a local or a member read
// before anything was written to it. The rule rejects the declaration that
// leaves the value indeterminate; the good variants initialise where they
// declare.
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);
bool globalReturnsTrueOrFalse();

// CWE457__int_01
void CWE457_int_bad() {
  int data; // expected-error-re {{'data' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  printIntLine(data);  // expected-note {{'data' is used here before it is given a value}}
}

// CWE457__double_array_alloca_partial_init
void CWE457_array_partial_init_bad() {
  double data[10]; // expected-error-re {{'data' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  for (int i = 0; i < 5; i++) data[i] = static_cast<double>(i);  // i < 5 of 10: in bounds expected-note {{'data' is used here before it is given a value}}
  printIntLine(static_cast<int>(data[7]));
}

// CWE457__struct_declare_no_init
struct TwoIntsStruct {
  int intOne; // (an aggregate: reported where it is default-initialised, below)
  int intTwo;
};
void CWE457_struct_no_init_bad() {
  TwoIntsStruct data; // expected-error-re {{'data' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  printIntLine(data.intOne);  // expected-note {{'data' is used here before it is given a value}}
}

// CWE457__twointsclass_array_declare_partial_init: a class whose
// constructor forgets a member.
class TwoIntsClass {
 public:
  TwoIntsClass() : intOne(0) {}                  // expected-note {{this constructor leaves 'intTwo' without a value}}
  int intOne;
  int intTwo; // expected-error-re {{member 'intTwo' has no default member{{.*}}[meshwa-uninitialized]}}
};

// Written only on one branch (Juliet's _15 switch variants).
int CWE457_conditional_bad() {
  int data; // expected-error-re {{'data' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  if (globalReturnsTrueOrFalse()) data = 5;  // expected-note {{'data' is given a value here, but not on every path to where it is read}}
  return data;
}

// A pointer left uninitialised (CWE457__char_pointer).
void CWE457_pointer_bad() {
  char* data; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{'data' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  printLine(data);  // expected-note {{'data' is used here before it is given a value}}
}

// std::array of scalars default-initialised.
#include <array>
int CWE457_std_array_bad() {
  std::array<int, 4> values; // expected-error-re {{'values' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  return values[0];  // expected-note {{'values' is used here before it is given a value}}
}

// --- good variants -----------------------------------------------------------

void CWE457_int_good() {
  int data = 5;
  printIntLine(data);
  int zero{};
  printIntLine(zero);
}

void CWE457_struct_good() {
  TwoIntsStruct data{};
  data.intOne = 1;
  printIntLine(data.intOne + data.intTwo);
}

struct InitStruct {
  int intOne = 0;
  int intTwo{};
  std::string name;
  std::vector<int> values;
};

int CWE457_conditional_good() {
  const int data = globalReturnsTrueOrFalse() ? 5 : 0;
  std::array<int, 4> values{};
  InitStruct s;
  return data + values[0] + s.intOne;
}

// Juliet's own good variants give the value right after the declaration
// (goodG2B: `int data; data = 5;`), also through a constant branch: accepted.
void CWE457_int_goodG2B() {
  int data;
  data = 5;
  printIntLine(data);
}
void CWE457_int_02_goodG2B() {
  int data;
  if (1) {
    data = 5;
  }
  printIntLine(data);
}
void CWE457_int_15_goodG2B() {
  int data;
  switch (6) {
    case 6:
      data = 5;
      break;
    default:
      printLine("Benign, fixed string");
      break;
  }
  printIntLine(data);
}
void CWE457_int_16_goodG2B() {
  int data;
  while (1) {
    data = 5;
    break;
  }
  printIntLine(data);
}
// ... but a value on the path not taken is still reported.
void CWE457_int_15_bad() {
  int data; // expected-error-re {{'data' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  switch (7) {
    case 6:
      data = 5;  // expected-note {{'data' is given a value here, but not on every path to where it is read}}
      break;
    default:
      printLine("Benign, fixed string");
      break;
  }
  printIntLine(data);
}

// Juliet's flow variants 08 and 11: the write and the read under the same
// call of a function whose whole body returns a constant. Every call gives
// the same, so the read runs only where the write did (goodG2B).
static bool staticReturnsTrue() { return true; }
inline bool globalReturnsTrue() { return true; }
void CWE457_int_08_goodG2B() {
  int data;
  if (staticReturnsTrue()) {
    data = 5;
  }
  if (staticReturnsTrue()) {
    printIntLine(data);
  }
}
void CWE457_int_11_goodG2B() {
  int data;
  if (globalReturnsTrue()) data = 5;
  if (globalReturnsTrue()) printIntLine(data);
}
// A function whose result may differ from call to call tests nothing the
// second time.
void CWE457_int_12_bad() {
  int data; // expected-error-re {{'data' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  if (globalReturnsTrueOrFalse()) data = 5;  // expected-note {{'data' is given a value here, but not on every path to where it is read}}
  if (globalReturnsTrueOrFalse()) printIntLine(data);
}

// Juliet's flow variant 33: a reference bound to the local reads nothing;
// named before the local has a value, it reads (or writes) it.
void CWE457_int_33_goodG2B() {
  int data;
  int& dataRef = data;
  data = 5;
  {
    int copy = dataRef;
    printIntLine(copy);
  }
}
void CWE457_int_33_bad() {
  int data; // expected-error-re {{'data' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  int& dataRef = data;  // expected-note {{'data' is used here before it is given a value}}
  printIntLine(dataRef);
  data = 5;
  printIntLine(data);
}
