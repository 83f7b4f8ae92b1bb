// Memory misuse from NIST Juliet's smaller families that had no file here:
// CWE123_Write_What_Where_Condition, CWE188_Reliance_on_Data_Memory_Layout,
// CWE475_Undefined_Behavior_for_Input_to_API, CWE588_Attempt_to_Access_
// Child_of_Non_Structure_Pointer (more variants than cwe468_469_587),
// CWE665_Improper_Initialization and CWE758_Undefined_Behavior. Each bad()
// keeps Juliet's flaw (a raw pointer written through, a layout assumed, an
// overlapping memcpy, a buffer used before it is initialised, memory read
// before it is written); each good*() is the same logic in the safe subset.
// CWE-369 (divide by zero) is not here: it is not a memory-safety property,
// and no meshwa rule judges it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);
void printSizeTLine(std::size_t value);
int readIntFromInput();
struct LinkedList { LinkedList* next; LinkedList* prev; }; // expected-error-re {{member of raw pointer type 'LinkedList{{.*}}[meshwa-raw-pointer]}} expected-error-re {{member of raw pointer type 'LinkedList{{.*}}[meshwa-raw-pointer]}}
struct BadStruct { LinkedList list; };
// CWE123_Write_What_Where_Condition__fgets_01
void CWE123_fgets_bad() {
  BadStruct data; // expected-error-re {{'data' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  LinkedList head = {&head, &head}; // expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  data.list.next = head.next;  // expected-note {{'data' is used here before it is given a value}}
  data.list.prev = head.prev;
  head.next = &data.list; // expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  head.prev = &data.list; // expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  char buf[sizeof(data)]; // expected-error-re {{'buf' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note 2 {{'buf' is a C array declared here}}
  if (fgets(buf, sizeof(data), stdin) != NULL) memcpy(&data, buf, sizeof(data)); // expected-error-re {{'fgets' reads or writes through a{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-error-re {{'memcpy' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'buf' is used here before it is given a value}}
  LinkedList* postNext = data.list.next; // expected-error-re {{variable of raw pointer type 'LinkedList{{.*}}[meshwa-raw-pointer]}}
  LinkedList* postPrev = data.list.prev; // expected-error-re {{variable of raw pointer type 'LinkedList{{.*}}[meshwa-raw-pointer]}}
  postNext->prev = postPrev;
  postPrev->next = postNext;
}
// service rewrite: an index from input picks the slot written through a pointer table
void CWE123_pointer_table_bad(std::array<int*, 4>& slots, int value) { // expected-error-re {{parameter type 'std::array<int *, 4> &'{{.*}}[meshwa-raw-pointer]}}
  int where = readIntFromInput();
  if (where < 4) *slots[static_cast<std::size_t>(where)] = value;
}
// service rewrite: write-what-where via an integer turned into an address
void CWE123_int_to_address_bad() {
  std::uintptr_t where = static_cast<std::uintptr_t>(readIntFromInput());
  int what = readIntFromInput();
  *reinterpret_cast<int*>(where) = what; // expected-error-re {{reinterpret_cast makes the compiler treat memory{{.*}}[meshwa-unsafe-cast]}}
}
// CWE188_Reliance_on_Data_Memory_Layout__modify_local_01
void CWE188_modify_local_bad() {
  struct { char charFirst; int intSecond; } structCharInt; // expected-error-re {{'structCharInt' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  char* charPtr; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-note {{'charPtr' is a raw pointer declared here}}
  structCharInt.charFirst = 1;  // expected-note {{'structCharInt' is used here before it is given a value}}
  charPtr = &structCharInt.charFirst; // expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  *(charPtr + sizeof(int)) = 5; // expected-error-re {{pointer arithmetic is not bounds-checked; use{{.*}}[meshwa-unsafe-buffer]}}
  printIntLine(structCharInt.intSecond);
}
// CWE188__union_01-ish: two locals assumed adjacent
void CWE188_adjacent_locals_bad() {
  int first = 1;
  int second = 2;
  int* p = &first; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}} expected-note {{'p' is a raw pointer declared here}}
  p[1] = 5; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  printIntLine(second);
}
// service rewrite: member assumed after another, offsetof arithmetic
struct Header { std::uint32_t len; std::uint32_t type; };
void CWE188_member_offset_bad(Header& h) {
  auto* bytes = reinterpret_cast<unsigned char*>(&h); // expected-error-re {{variable of raw pointer type 'unsigned{{.*}}[meshwa-raw-pointer]}} expected-error-re {{reinterpret_cast makes the compiler treat memory{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}} expected-note {{'bytes' is a raw pointer declared here}}
  bytes[sizeof(std::uint32_t)] = 7; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
}
// service rewrite: std::array of a struct read as another layout
void CWE188_bit_cast_wrong_bad(const std::array<char, 8>& raw) {
  const Header* h = reinterpret_cast<const Header*>(raw.data()); // expected-error-re {{variable of raw pointer type 'const{{.*}}[meshwa-raw-pointer]}} expected-error-re {{reinterpret_cast makes the compiler treat memory{{.*}}[meshwa-unsafe-cast]}}
  printIntLine(static_cast<int>(h->type));
}
// CWE588_Attempt_to_Access_Child_of_Non_Structure_Pointer__struct_01
void CWE588_struct_bad() {

  int dataBadBuffer = 100;
  void* data = &dataBadBuffer; // expected-error-re {{variable of raw pointer type 'void{{.*}}[meshwa-raw-pointer]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  struct TI { int intOne; int intTwo; };
  printIntLine(((TI*)data)->intTwo); // expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-note {{casting from 'void *' to 'TI *'}}
}
// CWE588 __class via static_cast from void*
struct TwoIntsClass { int intOne; int intTwo; };
void CWE588_class_static_cast_bad() {
  long long value = 5;
  void* data = &value; // expected-error-re {{variable of raw pointer type 'void{{.*}}[meshwa-raw-pointer]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  TwoIntsClass* p = static_cast<TwoIntsClass*>(data); // expected-error-re {{variable of raw pointer type 'TwoIntsClass{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}}
  printIntLine(p->intTwo);
}
// CWE588 via reference reinterpretation
void CWE588_reference_bad() {
  int data = 5;
  TwoIntsClass& r = reinterpret_cast<TwoIntsClass&>(data); // expected-error-re {{reinterpret_cast makes the compiler treat memory{{.*}}[meshwa-unsafe-cast]}}
  printIntLine(r.intTwo);
}
// CWE588 via std::bit_cast-like memcpy into a struct from an int
void CWE588_memcpy_bad() {
  int data = 5;
  TwoIntsClass t{};
  std::memcpy(&t, &data, sizeof(t)); // expected-error-re {{'memcpy' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
  printIntLine(t.intTwo);
}

// --- good variants: the same logic in the safe subset ---
void CWE123_good() {
  std::list<int> items{1, 2, 3};
  items.remove(2);
  printSizeTLine(items.size());
}
void CWE123_goodB2G(std::array<int, 4>& slots, int value) {
  int where = readIntFromInput();
  if (where >= 0 && where < 4) slots[static_cast<std::size_t>(where)] = value;
}
void CWE188_good() {
  struct { char charFirst; int intSecond; } structCharInt{};
  structCharInt.charFirst = 1;
  structCharInt.intSecond = 5;
  printIntLine(structCharInt.intSecond);
}
void CWE188_good_parse(const std::array<char, 8>& raw) {
  Header h{};
  h.len = static_cast<std::uint32_t>(static_cast<unsigned char>(raw[0]));
  h.type = static_cast<std::uint32_t>(static_cast<unsigned char>(raw[4]));
  printIntLine(static_cast<int>(h.type));
}
void CWE588_good() {
  TwoIntsClass dataGoodBuffer{};
  dataGoodBuffer.intOne = 0;
  dataGoodBuffer.intTwo = 0;
  TwoIntsClass& data = dataGoodBuffer;
  printIntLine(data.intTwo);
}

// --- CWE-665, CWE-758, CWE-475 ---
// CWE665_Improper_Initialization__char_cat_01
void CWE665_char_cat_bad() {
  char* data; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}}
  char dataBuffer[100]; // expected-error-re {{'dataBuffer' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note {{'dataBuffer' is a C array declared here}}
  data = dataBuffer; // expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'dataBuffer' is used here before it is given a value}}
  {
    char source[100]; // expected-error-re {{'source' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note 2 {{'source' is a C array declared here}}
    memset(source, 'C', 100 - 1); // expected-error-re {{'memset' writes raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'source' is used here before it is given a value}}
    source[100 - 1] = '\0';
    strcat(data, source); // expected-error-re {{'strcat' works on unbounded C strings{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
    printLine(data);
  }
}
// CWE665__wchar_t_ncat
void CWE665_wchar_ncat_bad() {
  wchar_t dataBuffer[100]; // expected-error-re {{'dataBuffer' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note {{'dataBuffer' is a C array declared here}}
  wchar_t* data = dataBuffer; // expected-error-re {{variable of raw pointer type 'wchar_t{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'dataBuffer' is used here before it is given a value}}
  wchar_t source[100]; // expected-error-re {{'source' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note 2 {{'source' is a C array declared here}}
  wmemset(source, L'C', 100 - 1); // expected-error-re {{'wmemset' writes raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'source' is used here before it is given a value}}
  source[100 - 1] = L'\0';
  wcsncat(data, source, 100); // expected-error-re {{'wcsncat' works on unbounded C strings{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}
// service rewrite: std::array not initialised, read as a string
void CWE665_array_uninit_bad() {
  std::array<char, 100> buf; // expected-error-re {{'buf' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  printLine(std::string(buf.data())); // expected-error-re {{building a std::string from a bare{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'data' is called on 'buf' here, before it is given a value; a member function may read it}}
}
// service rewrite: member left uninitialised, used as index
struct Cursor {
  int pos;
  std::array<int, 10> cells{};
};
void CWE665_member_uninit_bad() {
  Cursor c; // expected-error-re {{'c' is declared without a value,{{.*}}[meshwa-uninitialized]}}
  printIntLine(c.cells[static_cast<std::size_t>(c.pos)]);  // expected-note {{'c' is used here before it is given a value}}
}
// CWE758_Undefined_Behavior__int_malloc_use_01
void CWE758_int_malloc_use_bad() {
  int* pointer = (int*)malloc(sizeof(int)); // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'void *' to 'int *'}}
  int data = *pointer;
  free(pointer); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  printIntLine(data);
}
// CWE758__int_new_use
void CWE758_int_new_use_bad() {
  int* pointer = new int; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new allocates memory that must be{{.*}}[meshwa-manual-memory]}}
  int data = *pointer;
  delete pointer; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
  printIntLine(data);
}
// CWE758__char_alloca_use
void CWE758_char_alloca_use_bad() {
  char* pointer = (char*)alloca(sizeof(char)); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{'__builtin_alloca' allocates an unbounded stack buffer{{.*}}[meshwa-banned-function]}} expected-note {{casting from 'void *' to 'char *'}}
  char data = *pointer;
  printIntLine(data);
}
// CWE758__class_new_use
void CWE758_class_new_use_bad() {
  TwoIntsClass* pointer = new TwoIntsClass; // expected-error-re {{variable of raw pointer type 'TwoIntsClass{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new allocates memory that must be{{.*}}[meshwa-manual-memory]}}
  TwoIntsClass data = *pointer;
  delete pointer; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
  printIntLine(data.intOne);
}
// CWE758__int_pointer_malloc_use
void CWE758_int_pointer_malloc_use_bad() {
  int** pointer = (int**)malloc(sizeof(int*)); // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'void *' to 'int **'}}
  int* data = *pointer; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}}
  free(pointer); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  printIntLine(*data);
}
// service rewrite: make_unique_for_overwrite read before written
void CWE758_for_overwrite_bad() {
  auto pointer = std::make_unique_for_overwrite<int>(); // expected-error-re {{std::make_unique_for_overwrite leaves the new int indeterminate,{{.*}}[meshwa-uninitialized]}}
  int data = *pointer;
  printIntLine(data);
}
// service rewrite: unique_ptr<int[]> for_overwrite read
void CWE758_for_overwrite_array_bad() {
  auto pointer = std::make_unique_for_overwrite<int[]>(10); // expected-error-re {{std::make_unique_for_overwrite leaves the new int indeterminate,{{.*}}[meshwa-uninitialized]}}
  printIntLine(pointer[0]); // expected-error-re {{indexing a std::unique_ptr<T[]> is not bounds-checked{{.*}}[meshwa-unsafe-buffer]}}
}
// service rewrite: shift by a count out of range used as index
void CWE758_shift_index_bad(std::vector<int>& v) {
  int n = readIntFromInput();
  int* p = v.data(); // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-note {{'p' is a raw pointer declared here}}
  p[1 << n] = 0; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
}
// CWE475_Undefined_Behavior_for_Input_to_API__char_01
void CWE475_char_bad() {
  char dataBuffer[100] = ""; // expected-note {{'dataBuffer' is a C array declared here}}
  char* data = dataBuffer; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note 2 {{'data' is a raw pointer declared here}}
  strcpy(data, "abcdefghijklmnopqrstuvwxyz"); // expected-error-re {{'strcpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}}
  memcpy(data + 6, data + 4, 10 * sizeof(char)); // expected-error-re {{'memcpy' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{pointer arithmetic is not bounds-checked; use{{.*}}[meshwa-unsafe-buffer]}} expected-error-re {{pointer arithmetic is not bounds-checked; use{{.*}}[meshwa-unsafe-buffer]}}
  printLine(data);
}
// CWE475__wchar_t
void CWE475_wchar_bad() {
  wchar_t data[100] = L"abcdefghijklmnopqrstuvwxyz"; // expected-note 2 {{'data' is a C array declared here}}
  memcpy(data + 6, data + 4, 10 * sizeof(wchar_t)); // expected-error-re {{'memcpy' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{pointer arithmetic is not bounds-checked; use{{.*}}[meshwa-unsafe-buffer]}} expected-error-re {{pointer arithmetic is not bounds-checked; use{{.*}}[meshwa-unsafe-buffer]}}
}
// service rewrite: memcpy with overlapping ranges in a std::vector
void CWE475_vector_overlap_bad(std::vector<char>& v) {
  std::memcpy(v.data() + 2, v.data(), 10); // expected-error-re {{'memcpy' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{pointer arithmetic is not bounds-checked; use{{.*}}[meshwa-unsafe-buffer]}}
}

// --- good variants: the same logic in the safe subset ---
void CWE665_good() {
  std::string data;
  std::string source(99, 'C');
  data += source;
  printLine(data);
}
void CWE665_good_array() {
  std::array<char, 100> buf{};
  buf.fill('a');
  printLine(std::string(buf.begin(), buf.end()));
}
void CWE665_good_member() {
  Cursor c{};
  c.pos = 3;
  printIntLine(c.cells.at(static_cast<std::size_t>(c.pos)));
}
void CWE758_good() {
  auto pointer = std::make_unique<int>(5);
  int data = *pointer;
  printIntLine(data);
  auto two = std::make_unique<TwoIntsClass>();
  printIntLine(two->intOne);
}
void CWE758_goodB2G_shift(std::vector<int>& v) {
  int n = readIntFromInput();
  if (n >= 0 && n < 8) {
    std::size_t idx = std::size_t{1} << n;
    if (idx < v.size()) v[idx] = 0;
  }
}
void CWE475_good_copy_backward(std::vector<char>& v) {
  if (v.size() >= 12) std::copy_backward(v.begin(), v.begin() + 10, v.begin() + 12);
  std::string s = "abcdefghijklmnopqrstuvwxyz";
  s.replace(6, 10, s.substr(4, 10));
  printLine(s);
}
