// Integer errors that become a buffer size or an index, in the shape of NIST
// Juliet's CWE194_Unexpected_Sign_Extension, CWE195_Signed_to_Unsigned_
// Conversion_Error, CWE196_Unsigned_to_Signed_Conversion_Error,
// CWE197_Numeric_Truncation_Error, CWE680_Integer_Overflow_to_Buffer_
// Overflow, CWE789_Uncontrolled_Mem_Alloc and CWE467_Use_of_sizeof_on_
// Pointer_Type: each bad() hands the wrong number to an unchecked write
// (malloc/new[], memcpy, a raw pointer, std::copy_n / std::fill_n into a
// std::array); each good*() is the same logic in the safe subset, the
// goodB2G ones with a sink that validates the number before use. The
// number's arithmetic itself is not judged: what meshwa rejects is the
// unchecked access it feeds (a std::vector sized by a wrapped count throws
// std::length_error, and its operator[] is checked under _GLIBCXX_ASSERTIONS).
#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <istream>
#include <memory>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);
void printSizeTLine(std::size_t value);
int readIntFromInput();
short readShortFromInput();
// CWE194_Unexpected_Sign_Extension__fgets_malloc_01
void CWE194_fgets_malloc_bad() {
  short data = 0;
  char inputBuffer[16] = ""; // expected-note 2 {{'inputBuffer' is a C array declared here}}
  if (fgets(inputBuffer, 16, stdin) != NULL) data = (short)atoi(inputBuffer); // expected-error-re {{'fgets' reads or writes through a{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  if (data < 100) {
    char* dataBuffer = (char*)malloc(data); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'void *' to 'char *'}} expected-note {{'dataBuffer' is a raw pointer declared here}}
    memset(dataBuffer, 'A', data - 1); // expected-error-re {{'memset' writes raw bytes without bounds{{.*}}[meshwa-banned-function]}}
    dataBuffer[data - 1] = '\0'; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
    printLine(dataBuffer);
    free(dataBuffer); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  }
}
// CWE194__negative_memcpy
void CWE194_negative_memcpy_bad() {
  short data = -1;
  char source[100]; // expected-error-re {{'source' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note 2 {{'source' is a C array declared here}}
  char dest[100] = ""; // expected-note 3 {{'dest' is a C array declared here}}
  memset(source, 'A', 99); // expected-error-re {{'memset' writes raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'source' is used here before it is given a value}}
  source[99] = '\0';
  if (data < 100) {
    memcpy(dest, source, data); // expected-error-re {{'memcpy' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
    dest[data] = '\0'; // expected-error-re {{indexing a C array with an{{.*}}[meshwa-unsafe-buffer]}}
    printLine(dest); // expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  }
}
// service rewrite: short -> size_t count into a std::array through copy_n
void CWE194_array_copy_n_bad() {
  short data = readShortFromInput(); // expected-note {{'data' is declared here, and no condition before the call}}
  std::array<char, 100> source{};
  std::array<char, 100> dest{};
  if (data < 100) {
    std::copy_n(source.begin(), static_cast<std::size_t>(data), dest.begin()); // expected-error-re {{'std::copy_n' writes as many elements as{{.*}}[meshwa-unsafe-buffer]}}
  }
  printLine(std::string(dest.begin(), dest.end()));
}
// service rewrite: new[] sized with a sign-extended short
void CWE194_new_bad() {
  short data = readShortFromInput();
  if (data < 100) {
    char* buf = new char[data]; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}} expected-note {{'buf' is a raw pointer declared here}}
    buf[0] = 'a'; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
    delete[] buf; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
  }
}
// CWE195_Signed_to_Unsigned_Conversion_Error__rand_memmove
void CWE195_rand_memmove_bad() {
  int data = rand() - RAND_MAX / 2;
  char source[100]; // expected-error-re {{'source' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note 2 {{'source' is a C array declared here}}
  char dest[100] = ""; // expected-note 2 {{'dest' is a C array declared here}}
  memset(source, 'A', 100 - 1); // expected-error-re {{'memset' writes raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'source' is used here before it is given a value}}
  if (data < 100) {
    memmove(dest, source, data); // expected-error-re {{'memmove' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
    printLine(dest); // expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  }
}
// CWE195__negative_strncpy
void CWE195_negative_strncpy_bad() {
  int data = -1;
  char source[100]; // expected-error-re {{'source' is declared without a value,{{.*}}[meshwa-uninitialized]}} expected-note 2 {{'source' is a C array declared here}}
  char dest[100] = ""; // expected-note 3 {{'dest' is a C array declared here}}
  memset(source, 'A', 100 - 1); // expected-error-re {{'memset' writes raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-note {{'source' is used here before it is given a value}}
  source[100 - 1] = '\0';
  if (data < 100) {
    strncpy(dest, source, data); // expected-error-re {{'strncpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
    dest[data] = '\0'; // expected-error-re {{indexing a C array with an{{.*}}[meshwa-unsafe-buffer]}}
    printLine(dest); // expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  }
}
// service rewrite: signed index into raw pointer from a vector
void CWE195_vector_data_bad(std::vector<int>& v) {
  int data = readIntFromInput();
  if (data < 10) {
    int* p = v.data(); // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-note {{'p' is a raw pointer declared here}}
    p[data] = 1; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  }
}
// service rewrite: unique_ptr<char[]> sized by int
void CWE195_unique_array_bad() {
  int data = readIntFromInput();
  if (data < 100) {
    auto buf = std::make_unique<char[]>(static_cast<std::size_t>(data));
    buf[99] = 'x'; // expected-error-re {{indexing a std::unique_ptr<T[]> is not bounds-checked{{.*}}[meshwa-unsafe-buffer]}}
  }
}
// CWE196_Unsigned_to_Signed_Conversion_Error__basic_01
void CWE196_basic_bad() {
  unsigned int data = UINT_MAX;
  int intData = (int)data;
  int buffer[10] = {0}; // expected-note {{'buffer' is a C array declared here}}
  if (intData < 10) {
    buffer[intData] = 1; // expected-error-re {{indexing a C array with an{{.*}}[meshwa-unsafe-buffer]}}
  }
  printIntLine(buffer[0]);
}
// CWE196 service rewrite: pointer arithmetic by a signed conversion
void CWE196_pointer_bad(std::vector<char>& v) {
  unsigned int data = static_cast<unsigned int>(readIntFromInput());
  int offset = static_cast<int>(data);
  if (offset < static_cast<int>(v.size())) {
    char* p = v.data() + offset; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{pointer arithmetic is not bounds-checked; use{{.*}}[meshwa-unsafe-buffer]}}
    *p = 'x';
  }
}
// CWE197_Numeric_Truncation_Error__int_fgets_to_short_01
void CWE197_int_to_short_bad() {
  int data = readIntFromInput();
  {
    short shortData = (short)data;
    char* buf = (char*)malloc(shortData); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'void *' to 'char *'}}
    free(buf); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  }
}
// CWE197 __int_large_to_char
void CWE197_int_to_char_index_bad() {
  int data = readIntFromInput();
  char charData = (char)data;
  int buffer[10] = {0}; // expected-note {{'buffer' is a C array declared here}}
  if (charData < 10) buffer[charData] = 1; // expected-error-re {{indexing a C array with an{{.*}}[meshwa-unsafe-buffer]}}
  printIntLine(buffer[0]);
}
// CWE197 with size truncation: size_t to int then new int[]
void CWE197_size_to_int_new_bad(std::size_t n) {
  int count = static_cast<int>(n);
  int* arr = new int[count]; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}} expected-note {{'arr' is a raw pointer declared here}}
  for (std::size_t i = 0; i < n; i++) arr[i] = 0; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  delete[] arr; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
}
// CWE197 service rewrite: truncated count, then a raw loop over data()
void CWE197_truncate_loop_bad(const std::vector<int>& src) {
  unsigned short len = static_cast<unsigned short>(src.size());
  std::vector<int> dst(len);
  const int* s = src.data(); // expected-error-re {{variable of raw pointer type 'const{{.*}}[meshwa-raw-pointer]}} expected-note {{'s' is a raw pointer declared here}}
  for (std::size_t i = 0; i < src.size(); i++) dst[i] = s[i]; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
}

// --- good variants: the same logic in the safe subset ---
void CWE194_goodB2G() {
  short data = readShortFromInput();
  if (data > 0 && data < 100) {
    std::vector<char> dataBuffer(static_cast<std::size_t>(data), 'A');
    dataBuffer.back() = '\0';
    printLine(std::string(dataBuffer.begin(), dataBuffer.end()));
  }
}
void CWE194_goodG2B() {
  short data = 100 - 1;
  std::array<char, 100> source{};
  std::array<char, 100> dest{};
  source.fill('A');
  if (data < 100) {
    std::copy_n(source.begin(), data, dest.begin());
    dest.at(static_cast<std::size_t>(data)) = '\0';
  }
  printLine(std::string(dest.begin(), dest.end()));
}
void CWE195_goodB2G() {
  int data = rand() - RAND_MAX / 2;
  std::string source(99, 'A');
  std::string dest;
  if (data > 0 && data < 100) {
    dest.assign(source, 0, static_cast<std::size_t>(data));
  }
  printLine(dest);
}
void CWE195_goodG2B_vector() {
  int data = 50;
  std::vector<char> dest(100, '\0');
  if (data < 100) {
    dest[static_cast<std::size_t>(data)] = 'x';
    dest.at(static_cast<std::size_t>(data)) = 'y';
  }
  printIntLine(dest[50]);
}
void CWE196_good() {
  unsigned int data = static_cast<unsigned int>(readIntFromInput());
  std::array<int, 10> buffer{};
  if (data < buffer.size()) buffer[data] = 1;
  printIntLine(buffer[0]);
}
void CWE197_good() {
  int data = readIntFromInput();
  if (data >= 0 && data <= SHRT_MAX) {
    short shortData = static_cast<short>(data);
    std::vector<char> buf(static_cast<std::size_t>(shortData));
    printSizeTLine(buf.size());
  }
}
void CWE197_good_at() {
  int data = readIntFromInput();
  char charData = static_cast<char>(data);
  std::array<int, 10> buffer{};
  if (charData >= 0 && charData < 10) buffer[static_cast<std::size_t>(charData)] = 1;
  buffer.at(static_cast<std::size_t>(charData) % buffer.size()) = 2;
  printIntLine(buffer[0]);
}
void CWE197_truncate_good(const std::vector<int>& src) {
  std::vector<int> dst(src.size());
  for (std::size_t i = 0; i < src.size(); i++) dst[i] = src[i];
  std::copy(src.begin(), src.end(), dst.begin());
}

// --- CWE-467, CWE-680, CWE-789 ---
struct TwoIntsStruct { int intOne; int intTwo; };
// CWE467_Use_of_sizeof_on_Pointer_Type__char_01
void CWE467_char_bad() {
  char* badChar = NULL; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}}
  badChar = (char*)malloc(sizeof(badChar)); // expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'void *' to 'char *'}}
  *badChar = 'B';
  free(badChar); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}
// CWE467__int64_t
void CWE467_int64_bad() {
  int64_t* badInt64 = NULL; // expected-error-re {{variable of raw pointer type 'int64_t{{.*}}[meshwa-raw-pointer]}}
  badInt64 = (int64_t*)malloc(sizeof(badInt64)); // expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'void *' to 'int64_t *'}}
  *badInt64 = 2147483643LL;
  free(badInt64); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}
// CWE467__struct
void CWE467_struct_bad() {
  TwoIntsStruct* badStruct = NULL; // expected-error-re {{variable of raw pointer type 'TwoIntsStruct{{.*}}[meshwa-raw-pointer]}}
  badStruct = (TwoIntsStruct*)malloc(sizeof(badStruct)); // expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'void *' to 'TwoIntsStruct *'}}
  badStruct->intOne = 1;
  badStruct->intTwo = 2;
  free(badStruct); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
}
// memset with sizeof of a pointer parameter
void CWE467_memset_param_bad(char* buffer) { // expected-error-re {{parameter of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}}
  memset(buffer, 0, sizeof(buffer)); // expected-error-re {{'memset' writes raw bytes without bounds{{.*}}[meshwa-banned-function]}}
}
// service rewrite: vector sized by sizeof a pointer, then raw copy
void CWE467_vector_bytes_bad(const TwoIntsStruct& s) {
  std::vector<unsigned char> bytes(sizeof(&s));
  std::memcpy(bytes.data(), &s, sizeof(s)); // expected-error-re {{'memcpy' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}} expected-error-re {{taking an address makes a raw{{.*}}[meshwa-raw-pointer]}}
}
// CWE680_Integer_Overflow_to_Buffer_Overflow__malloc_fixed_01
void CWE680_malloc_fixed_bad() {
  int data = INT_MAX / 2 + 2;
  {
    size_t i; // given its value by the loop's init before any read: not uninitialized's
    int* intPointer; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-note 2 {{'intPointer' is a raw pointer declared here}}
    intPointer = (int*)malloc(data * sizeof(int)); // expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'void *' to 'int *'}}
    for (i = 0; i < (size_t)data; i++) intPointer[i] = 0; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
    printIntLine(intPointer[0]); // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
    free(intPointer); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
  }
}
// CWE680__new_rand
void CWE680_new_rand_bad() {
  int data = rand();
  {
    size_t dataBytes, i; // both assigned before any read (the next statement, the loop's init)
    int* intPointer; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-note 2 {{'intPointer' is a raw pointer declared here}}
    dataBytes = data * sizeof(int);
    intPointer = (int*)new char[dataBytes]; // expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'char *' to 'int *'}}
    for (i = 0; i < (size_t)data; i++) intPointer[i] = 0; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
    printIntLine(intPointer[0]); // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
    delete[] intPointer; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
  }
}
// service rewrite: new int[n*4]
void CWE680_new_mul_bad(int n) {
  int* p = new int[n * 4]; // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}} expected-note {{'p' is a raw pointer declared here}}
  for (int i = 0; i < n; i++) p[i] = 0; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  delete[] p; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
}
// service rewrite: byte count overflows, vector then indexed as int via data()
void CWE680_vector_bytes_bad() {
  int data = readIntFromInput();
  std::vector<char> bytes(static_cast<std::size_t>(data * static_cast<int>(sizeof(int))));
  int* ints = reinterpret_cast<int*>(bytes.data()); // expected-error-re {{variable of raw pointer type 'int{{.*}}[meshwa-raw-pointer]}} expected-error-re {{reinterpret_cast makes the compiler treat memory{{.*}}[meshwa-unsafe-cast]}} expected-note {{'ints' is a raw pointer declared here}}
  for (int i = 0; i < data; i++) ints[i] = 0; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
}
// service rewrite: unique_ptr<int[]> of an overflowing count
void CWE680_unique_bad() {
  int data = readIntFromInput();
  auto ints = std::make_unique<int[]>(static_cast<std::size_t>(data * 4));
  for (int i = 0; i < data; i++) ints[i] = 0; // expected-error-re {{indexing a std::unique_ptr<T[]> is not bounds-checked{{.*}}[meshwa-unsafe-buffer]}}
}
// CWE789_Uncontrolled_Mem_Alloc__malloc_char_rand_01
void CWE789_malloc_char_rand_bad() {
  size_t data = rand();
  {
    char* myString; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}}
    if (data > strlen("hello")) {
      myString = (char*)malloc(data * sizeof(char)); // expected-error-re {{this C-style cast of a pointer{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{malloc manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}} expected-note {{casting from 'void *' to 'char *'}}
      strcpy(myString, "hello"); // expected-error-re {{'strcpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}}
      printLine(myString);
      free(myString); // expected-error-re {{free manages memory by hand (leaks,{{.*}}[meshwa-manual-memory]}}
    }
  }
}
// CWE789__new_wchar_t_fgets
void CWE789_new_wchar_bad() {
  size_t data = static_cast<size_t>(readIntFromInput());
  if (data > wcslen(L"hello")) {
    wchar_t* myString = new wchar_t[data]; // expected-error-re {{variable of raw pointer type 'wchar_t{{.*}}[meshwa-raw-pointer]}} expected-error-re {{new[] allocates an array that must{{.*}}[meshwa-manual-memory]}}
    wcscpy(myString, L"hello"); // expected-error-re {{'wcscpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}}
    delete[] myString; // expected-error-re {{delete frees memory by hand (double{{.*}}[meshwa-manual-memory]}}
  }
}
// service: alloca of an input size
void CWE789_alloca_bad() {
  size_t data = static_cast<size_t>(readIntFromInput());
  char* p = static_cast<char*>(alloca(data)); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{static_cast from a void pointer is{{.*}}[meshwa-unsafe-cast]}} expected-error-re {{'__builtin_alloca' allocates an unbounded stack buffer{{.*}}[meshwa-banned-function]}} expected-note {{'p' is a raw pointer declared here}}
  p[0] = 0; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
}

// --- good variants: the same logic in the safe subset ---
void CWE467_good() {
  auto goodChar = std::make_unique<char>('G');
  auto goodInt64 = std::make_unique<int64_t>(2147483643LL);
  auto goodStruct = std::make_unique<TwoIntsStruct>();
  goodStruct->intOne = 1;
  printIntLine(*goodChar + static_cast<int>(*goodInt64 % 7) + goodStruct->intOne);
}
void CWE467_good_sizeof(const TwoIntsStruct& s) {
  std::array<unsigned char, sizeof(TwoIntsStruct)> bytes{};
  printSizeTLine(bytes.size() + sizeof(s));
}
void CWE680_goodB2G() {
  int data = rand();
  if (data > 0 && data < (INT_MAX / static_cast<int>(sizeof(int)))) {
    std::vector<int> ints(static_cast<std::size_t>(data));
    for (std::size_t i = 0; i < static_cast<std::size_t>(data); i++) ints[i] = 0;
    printIntLine(ints[0]);
  }
}
void CWE680_goodG2B() {
  int data = 20;
  std::vector<int> ints(static_cast<std::size_t>(data) * 4);
  for (int i = 0; i < data; i++) ints.at(static_cast<std::size_t>(i)) = 0;
  printIntLine(ints[0]);
}
void CWE680_good_vector_index(int n) {
  std::vector<int> v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; i++) v[static_cast<std::size_t>(i)] = i;
  printSizeTLine(v.size());
}
void CWE789_goodB2G() {
  size_t data = static_cast<size_t>(rand());
  if (data > std::strlen("hello") && data < 100) {
    std::string myString;
    myString.reserve(data);
    myString = "hello";
    printLine(myString);
  }
}
void CWE789_goodG2B() {
  size_t data = 20;
  std::vector<wchar_t> myString(data, L'\0');
  std::wstring w = L"hello";
  std::copy(w.begin(), w.end(), myString.begin());
  printSizeTLine(myString.size());
}

// --- service-code rewrites that keep the flaw ---
void CWE194_istream_read_bad(std::istream& in) {
  std::array<char, 100> buf{};
  short data = readShortFromInput();
  if (data < 100) in.read(buf.data(), data); // expected-error-re {{std::basic_istream::read reads or writes through a{{.*}}[meshwa-banned-function]}}
}

void CWE197_fill_n_data_bad(int n) { // expected-note {{'n' is declared here, and no condition before the call}}
  std::array<int, 10> arr{};
  std::fill_n(arr.data(), n * 4, 0); // expected-error-re {{'std::fill_n' writes as many elements as{{.*}}[meshwa-unsafe-buffer]}}
}

void CWE680_fill_n_iter_bad(int n) { // expected-note {{'n' is declared here, and no condition before the call}}
  std::array<int, 10> arr{};
  std::fill_n(arr.begin(), n * 4, 0); // expected-error-re {{'std::fill_n' writes as many elements as{{.*}}[meshwa-unsafe-buffer]}}
}

void CWE195_string_view_bad(const std::vector<char>& v) {
  int data = readIntFromInput();
  if (data < 100) {
    std::string_view sv(v.data(), static_cast<std::size_t>(data)); // expected-error-re {{building a std::string_view from a pointer{{.*}}[meshwa-unsafe-buffer]}}
    printLine(std::string(sv));
  }
}

void CWE680_counted_bad(std::vector<int>& v, int n) {
  for (int& x : std::views::counted(v.begin(), n * 4)) x = 0; // expected-error-re {{std::views::counted(it, n) trusts n, which nobody{{.*}}[meshwa-unsafe-buffer]}}
}

void CWE195_string_ctor_ptr_len_bad(const std::array<char, 10>& a) {
  int data = readIntFromInput();
  if (data < 10) printLine(std::string(a.data(), static_cast<std::size_t>(data))); // expected-error-re {{building a std::string from a pointer{{.*}}[meshwa-unsafe-buffer]}}
}
// service rewrite: a range whose length is a sign-extended short
void CWE194_copy_range_bad(const std::vector<char>& src) {
  std::array<char, 10> dest{};
  short data = readShortFromInput(); // expected-note {{'data' is declared here, and no condition before the call bounds it from both sides}}
  if (data < 10) std::copy(src.begin(), src.begin() + data, dest.data()); // expected-error-re {{'std::copy' writes as many elements{{.*}}[meshwa-unsafe-buffer]}}
}

// goodB2G sinks of the service rewrites: the count is checked from both
// sides before it is made a size_t, or taken from the destination's size.
void CWE195_goodB2G_resize() {
  int data = readIntFromInput();
  std::vector<char> dest;
  if (data > 0 && data < 100) dest.resize(static_cast<std::size_t>(data));
  printSizeTLine(dest.size());
}
void CWE194_goodB2G_copy_n() {
  short data = readShortFromInput();
  std::array<char, 100> source{};
  std::array<char, 100> dest{};
  if (data > 0 && data < 100) std::copy_n(source.begin(), data, dest.begin());
  printLine(std::string(dest.begin(), dest.end()));
}
void CWE680_goodB2G_mul() {
  int data = readIntFromInput();
  if (data > 0 && data < 1000) {
    std::vector<int> v(static_cast<std::size_t>(data) * 4);
    for (std::size_t i = 0; i < v.size(); i++) v[i] = 0;
  }
}
void CWE789_goodB2G_string() {
  std::size_t data = static_cast<std::size_t>(readIntFromInput());
  if (data > 5 && data < 100) {
    std::string s(data, 'x');
    printLine(s);
  }
}
void CWE197_fill_n_goodB2G(int n) {
  std::array<int, 10> arr{};
  if (n > 0 && n <= static_cast<int>(arr.size()) / 4) std::fill_n(arr.data(), n * 4, 0);
  std::fill_n(arr.begin(), std::min<std::size_t>(static_cast<std::size_t>(n), arr.size()), 1);
}
void CWE194_copy_range_goodB2G(const std::vector<char>& src) {
  std::array<char, 10> dest{};
  short data = readShortFromInput();
  if (data >= 0 && data < 10 && static_cast<std::size_t>(data) <= src.size()) {
    std::copy(src.begin(), src.begin() + data, dest.data());
  }
}
