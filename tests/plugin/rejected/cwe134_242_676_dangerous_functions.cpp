// CWE-134 use of externally-controlled format string, CWE-242 use of
// inherently dangerous function, CWE-676 use of potentially dangerous
// function, in the shape of NIST Juliet's test cases
// (CWE134_Uncontrolled_Format_String__*, CWE242_Use_of_Inherently_Dangerous_Function__*,
// CWE676_Use_of_Potentially_Dangerous_Function__*). Every C variadic call and
// every function of the banned list is rejected; the good variants format
// with streams and std::string.
#include <csetjmp>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <iostream>
#include <sstream>
#include <string>

#include <meshwa/meshwa.hpp>

void printLine(const std::string& line);

// CWE134_Uncontrolled_Format_String__char_console_printf
void CWE134_printf_bad(const std::string& data) {
  printf(data.c_str()); // expected-error-re {{'printf' is a C variadic function:{{.*}}[meshwa-banned-function]}}
  fprintf(stderr, data.c_str()); // expected-error-re {{'fprintf' is a C variadic function:{{.*}}[meshwa-banned-function]}}
  std::printf("%s\n", data.c_str()); // expected-error-re {{'printf' is a C variadic function:{{.*}}[meshwa-banned-function]}}
}

// CWE134__char_environment_snprintf / vprintf through a va_list.
void CWE134_snprintf_bad(const std::string& data) {
  std::string dest(100, '\0');
  snprintf(dest.data(), 100, data.c_str()); // expected-error-re {{'snprintf' formats into a raw buffer{{.*}}[meshwa-banned-function]}}
}
static void badVaSink(const char* format, ...) { // expected-error-re {{a C variadic function (...) receives{{.*}}[meshwa-banned-function]}} expected-error-re {{parameter of raw pointer type 'const{{.*}}[meshwa-raw-pointer]}}
  va_list args; // expected-error-re {{a va_list walks C variadic arguments{{.*}}[meshwa-banned-function]}} (va_start below gives it a value: not uninitialized's; its decay into va_start, vprintf and va_end is the va_list's, not unsafe-buffer's)
  va_start(args, format); // expected-error-re {{va_start opens the C variadic arguments{{.*}}[meshwa-banned-function]}}
  vprintf(format, args); // expected-error-re {{'vprintf' reads the arguments of a va_list{{.*}}[meshwa-banned-function]}}
  va_end(args);
}

// CWE134__wchar_t_file_fwprintf
void CWE134_wprintf_bad(const std::wstring& data) {
  wprintf(data.c_str()); // expected-error-re {{'wprintf' is a C variadic function:{{.*}}[meshwa-banned-function]}}
}

// CWE242_Use_of_Inherently_Dangerous_Function__basic (gets has been removed
// from C++14's library; Juliet's test reaches it through a declaration).
extern "C" char* gets(char* s); // expected-error-re {{result of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}} expected-error-re {{parameter of raw pointer type 'char{{.*}}[meshwa-raw-pointer]}}
void CWE242_gets_bad() {
  char dest[100] = "";  // expected-note {{'dest' is a C array declared}}
  (void)gets(dest); // expected-error-re {{'gets' cannot bound its input (it{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}

// CWE676_Use_of_Potentially_Dangerous_Function__basic (strcpy)
void CWE676_strcpy_bad(const std::string& data) {
  char dest[100] = "";  // expected-note 2 {{'dest' is a C array declared}}
  strcpy(dest, data.c_str()); // expected-error-re {{'strcpy' works on unbounded C strings{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  std::string token = strtok(dest, " "); // expected-error-re {{'strtok' keeps hidden global state and{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  printLine(token);
}

// scanf family: unbounded %s.
void CWE676_scanf_bad() {
  char name[16] = "";  // expected-note 2 {{'name' is a C array declared}}
  scanf("%s", name); // expected-error-re {{'scanf' is a C variadic function:{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  sscanf("abc", "%15s", name); // expected-error-re {{'sscanf' is a C variadic function:{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}

// Process-wide functions that reach around every other service.
static jmp_buf env; // expected-error-re {{mutable global variable 'env' is state{{.*}}[meshwa-mutable-global]}} expected-note 2 {{'env' is a C array declared}}
void CWE676_process_wide_bad(int code) {
  if (setjmp(env) != 0) return; // expected-error-re {{'_setjmp' jumps across stack frames without{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
  signal(SIGINT, SIG_IGN); // expected-error-re {{'signal' replaces a process-wide signal handler{{.*}}[meshwa-banned-function]}}
  if (code != 0) exit(code); // expected-error-re {{'exit' ends the whole process, and{{.*}}[meshwa-banned-function]}}
  std::system("rm -rf /tmp/x"); // expected-error-re {{'system' runs a shell command from{{.*}}[meshwa-banned-function]}}
  longjmp(env, 1); // expected-error-re {{'longjmp' jumps across stack frames without{{.*}}[meshwa-banned-function]}} expected-error-re {{this C array decays to a{{.*}}[meshwa-unsafe-buffer]}}
}

// --- good variants -----------------------------------------------------------

void CWE134_good(const std::string& data) {
  std::cout << data << '\n';
  std::ostringstream os;
  os << "value: " << data << ' ' << 42;
  printLine(os.str());
  std::wcout << L"wide" << std::endl;
}

void CWE242_good() {
  std::string line;
  std::getline(std::cin, line);
  printLine(line);
}

void CWE676_good(const std::string& data) {
  std::string dest = data;
  const auto space = dest.find(' ');
  std::string token = dest.substr(0, space);
  std::istringstream in("abc 42");
  std::string name;
  int number = 0;
  in >> name >> number;
  printLine(token + name + std::to_string(number));
}
