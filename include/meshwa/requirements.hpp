// What code that includes meshwa's headers must be compiled with, checked
// once at the top of each header that needs it, so that a wrong mode gives
// one error that says what to change instead of a cascade of template
// errors from inside meshwa. Checked by the test compile_modes
// (tests/unit/CompileModes.cmake):
//  - C++20: Owned, Shared, Ref and Result are constrained with concepts and
//    requires-clauses, crossable<T> names std::span;
//  - exceptions: the generated stubs turn a service's exceptions into
//    meshwa::Error, and the handles and the registry report misuse by
//    throwing (EmptyHandle, StartError);
//  - aligned allocation (C++17's aligned operator new, which
//    -fno-aligned-allocation turns off): the default exchange allocator
//    allocates each value with its alignment;
//  - RTTI, only where an interface is looked up (context.hpp, registry.hpp
//    define MESHWA_REQUIRE_RTTI around their include of this file): an
//    interface is identified by typeid(I) across the deployment. The
//    handles and messages alone compile with -fno-rtti.
// Deliberately without #pragma once: a header that needs RTTI includes it
// again after one that does not. It only tests and reports.
#if !defined(__cplusplus) || __cplusplus < 202002L
#error "meshwa needs C++20 (compile with -std=c++20 or later): its handles (Owned, Shared, Ref, Result) are constrained with concepts and requires-clauses"
#define MESHWA_UNSUPPORTED_MODE
#endif
#if !defined(__cpp_exceptions)
#error "meshwa needs C++ exceptions (remove -fno-exceptions): the generated stubs turn a service's exceptions into meshwa::Error, and meshwa reports misuse (an empty Ref, an unmet dependency) by throwing"
#define MESHWA_UNSUPPORTED_MODE
#endif
#if !defined(__cpp_aligned_new)
#error "meshwa needs aligned allocation (remove -fno-aligned-allocation): Owned and Shared allocate their values, whatever their alignment, through the exchange allocator"
#define MESHWA_UNSUPPORTED_MODE
#endif
#if defined(MESHWA_REQUIRE_RTTI) && !defined(__cpp_rtti)
#error "meshwa's Context and registry need RTTI (remove -fno-rtti): they find the service behind an interface I by typeid(I)"
#define MESHWA_UNSUPPORTED_MODE
#endif
// Stop here: the rest of meshwa would only add errors that hide the one
// above. A missing #include is a fatal error in clang and GCC alike.
#ifdef MESHWA_UNSUPPORTED_MODE
#include "meshwa: compilation stopped at the error above"
#endif
