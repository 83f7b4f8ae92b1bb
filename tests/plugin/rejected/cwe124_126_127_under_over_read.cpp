// CWE-124 buffer underwrite, CWE-126 buffer over-read, CWE-127 buffer
// under-read, in the shape of NIST Juliet's test cases: a pointer moved
// before the start of a buffer or read past its end. bad() is rejected,
// good() is the safe-subset rewrite.
#include <cstring>
#include <string>
#include <vector>

#include <array>
#include <iterator>
#include <strings.h>
#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);
void printIntLine(int value);

// CWE124_Buffer_Underwrite__char_declare_cpy
void CWE124_char_declare_cpy_bad() {
  char dataBuffer[100] = {};  // expected-note {{'dataBuffer' is a C array declared}}
  char* data = dataBuffer - 8; // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{pointer arithmetic is not bounds-checked{{.*}}[meshwa-unsafe-buffer]}}
  char source[100] = {};  // expected-note {{'source' is a C array declared}}
  strcpy(data, source); // expected-error-re {{'strcpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE124_Buffer_Underwrite__CWE839_rand: negative index, checked only above.
void CWE124_CWE839_negative_index_bad(int data) {
  int buffer[10] = {0};  // expected-note {{'buffer' is a C array declared}}
  if (data < 10) buffer[data] = 1; // expected-error-re {{indexing a C array with an{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE126_Buffer_Overread__char_alloca_loop: reads 100 bytes of a 50-byte buffer.
void CWE126_char_loop_bad(const char* data) { // expected-error-re {{parameter of raw pointer type 'const{{.*}}[meshwa-raw-pointer]}} expected-note {{'data' is a raw pointer declared}}
  char dest[100] = {};  // expected-note 3 {{'dest' is a C array declared}}
  size_t destLen = strlen(dest); // expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  for (size_t i = 0; i < destLen; i++) dest[i] = data[i]; // expected-error-re {{indexing a C array with an{{.*}}[meshwa-unsafe-buffer]}} expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
  printLine(dest); // expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE126_Buffer_Overread__CWE129_large: an index read from input.
int CWE126_CWE129_large_bad(int data) {
  int buffer[10] = {0};  // expected-note {{'buffer' is a C array declared}}
  return buffer[data]; // expected-error-re {{indexing a C array with an{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE126__wchar_t_declare_memmove: the length of the bigger buffer.
void CWE126_memmove_bad(const std::wstring& small) {
  std::wstring dest(100, L'A');
  memmove(dest.data(), small.data(), dest.size() * sizeof(wchar_t)); // expected-error-re {{'memmove' copies raw bytes without bounds{{.*}}[meshwa-banned-function]}}
}

// CWE127_Buffer_Underread__char_declare_loop
void CWE127_char_declare_loop_bad(std::vector<char>& buffer) {
  char* data = buffer.data(); // expected-error-re {{variable of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-note 2 {{'data' is a raw pointer declared}}
  data = data - 8; // expected-error-re {{pointer arithmetic is not bounds-checked{{.*}}[meshwa-unsafe-buffer]}}
  char dest[100] = {};  // dest[i] under i < 100: in bounds
  for (size_t i = 0; i < 100; i++) dest[i] = data[i]; // expected-error-re {{indexing a raw pointer is not{{.*}}[meshwa-unsafe-buffer]}}
}

// std::string_view over-read: a view built from a pointer and a longer length.
std::string CWE126_string_view_bad(const std::string& s) {
  std::string_view view(s.data(), s.size() + 10); // expected-error-re {{building a std::string_view from a pointer{{.*}}[meshwa-unsafe-buffer]}}
  return std::string(view);
}

// --- good variants -----------------------------------------------------------

void CWE124_goodG2B() {
  std::vector<char> dataBuffer(100, 'A');
  std::string source(99, 'C');
  std::copy(source.begin(), source.end(), dataBuffer.begin());
  printLine(std::string(dataBuffer.begin(), dataBuffer.end()));
}

void CWE124_CWE839_goodB2G(int data) {
  std::vector<int> buffer(10, 0);
  if (data >= 0 && data < 10) buffer[static_cast<size_t>(data)] = 1;
  for (int v : buffer) printIntLine(v);
}

void CWE126_goodG2B(const std::string& data) {
  std::string dest = data.substr(0, 99);
  printLine(dest);
}

int CWE126_CWE129_goodB2G(int data) {
  std::vector<int> buffer(10, 0);
  if (data < 0 || static_cast<size_t>(data) >= buffer.size()) return -1;
  return buffer.at(static_cast<size_t>(data));
}

std::string CWE126_string_view_good(const std::string& s) {
  std::string_view view(s);
  return std::string(view.substr(0, 10));
}

// --- service-code rewrites that keep the flaw ---------------------------------

// CWE126__char_array_strncmp: a prefix test reads 4 characters of a
// std::array<char, 2> (the literal is long enough, the buffer is not).
void CWE126_std_array_strncmp_bad() {
  std::array<char, 2> method{};
  if (std::strncmp(method.data(), "GET ", 4) == 0) printLine("get"); // expected-error-re {{'strncmp' reads this buffer as far as a separate count says{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE126_std_array_strncmp_02_bad() {
  std::array<char, 3> method{};
  if (1) {
    printIntLine(strncasecmp("POST", method.data(), 4)); // expected-error-re {{'strncasecmp' reads this buffer as far as a separate count says{{.*}}[meshwa-unsafe-buffer]}}
  }
}
void CWE126_std_array_strncmp_good() {
  std::array<char, 8> method{};
  if (std::strncmp(method.data(), "GET ", 4) == 0) printLine("get");
  const std::string line = "GE";
  if (std::strncmp(line.c_str(), "GET ", 4) == 0) printLine("get");  // stops at the string's NUL
}

// CWE127__vector_iterator_minus / CWE124__vector_iterator_minus_write: an
// iterator moved before begin() by a constant.
void CWE127_iterator_before_begin_bad() {
  std::vector<int> data(10, 1);
  printIntLine(*(data.begin() - 5)); // expected-error-re {{this iterator is moved before the beginning of 'data'{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE124_iterator_before_begin_write_15_bad() {
  std::vector<char> data(100);
  switch (6) {
    case 6:
      *std::prev(data.begin(), 8) = 'A'; // expected-error-re {{this iterator is moved before the beginning of 'data'{{.*}}[meshwa-unsafe-buffer]}}
      break;
    default:
      break;
  }
}
void CWE127_string_range_before_begin_bad() {
  const std::string data = "hello";
  printLine(std::string(data.begin() - 2, data.end())); // expected-error-re {{this iterator is moved before the beginning of 'data'{{.*}}[meshwa-unsafe-buffer]}}
}
// CWE126: past the end of a std::array, and the end iterator read.
void CWE126_iterator_past_array_bad() {
  std::array<int, 4> data{};
  printIntLine(*(data.begin() + 6)); // expected-error-re {{this iterator is moved past the end of 'data'{{.*}}[meshwa-unsafe-buffer]}}
  std::vector<int> more{1, 2};
  printIntLine(*more.end()); // expected-error-re {{dereferencing the end iterator of 'more'{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE127_iterator_steps_good() {
  std::vector<int> data(10, 1);
  printIntLine(*(data.end() - 5) + *std::prev(data.end()) + data.back());
  std::array<int, 4> four{};
  printIntLine(*(four.begin() + 3));
  const std::string text = "hello";
  printLine(std::string(text.begin() + 2, text.end()));
}
// Juliet's flow variants 05 and 07: a static flag (or five) the file never
// changes is the constant it was given; both branches of the test are not
// followed, only the one taken.
static bool staticTrue = true; // expected-error-re {{mutable global variable 'staticTrue'{{.*}}[meshwa-mutable-global]}}
static int staticFive = 5; // expected-error-re {{mutable global variable 'staticFive'{{.*}}[meshwa-mutable-global]}}
void CWE127_CWE129_05_bad() {
  int data = 0;
  if (staticTrue) {
    data = -1;
  }
  std::array<int, 10> buffer{};
  printIntLine(buffer[data]); // expected-error-re {{index -1 is before the start of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
void CWE126_CWE129_07_bad() {
  int data = 0;
  if (staticFive == 5) {
    data = 10;
  }
  std::array<int, 10> buffer{};
  printIntLine(buffer[data]); // expected-error-re {{index 10 is past the end of 'buffer'{{.*}}[meshwa-unsafe-buffer]}}
}
// A static the file writes (or lets be written through a reference) may be
// either: 0 may reach the read, and the index is not judged.
static bool staticLater = true; // expected-error-re {{mutable global variable 'staticLater'{{.*}}[meshwa-mutable-global]}}
static int staticShared = 5; // expected-error-re {{mutable global variable 'staticShared'{{.*}}[meshwa-mutable-global]}}
void CWE126_turn_off() { staticLater = false; }
int& CWE126_shared_five() { return staticShared; }
void CWE126_CWE129_07_good() {
  int data = 0;
  if (staticLater) {
    data = 10;
  }
  int other = 0;
  if (staticShared == 5) {
    other = 10;
  }
  std::array<int, 10> buffer{};
  printIntLine(buffer[data] + buffer[other]);
}
