// Does a constructor's body give a field its value before anything can read
// it? The uninitialized rule asks this of a field without a default member
// initialiser that a constructor leaves out of its mem-initialiser list:
// `P() { x = 0; }`, `R() { a.fill(0); }`, `Q(int v) { if (v) x = v; else x =
// 1; }` set the field before the object is used, so no read sees an
// indeterminate value.
#pragma once

namespace clang {
class ASTContext;
class CXXConstructorDecl;
class FieldDecl;
}

namespace meshwa::rules {

/// True when, on every path through the body of `ctor` that finishes the
/// object, `field` is written whole before the body reads it or lets
/// anything else read it (a call of a member function, `this` handed
/// out): an assignment of the field, `std::array::fill`, `std::fill` over
/// its whole range, or a counting loop writing each element. A path that
/// throws builds no object. Conservative: anything else before the write
/// (a return, a goto, a loop that may not run) answers false.
bool constructor_body_sets(const clang::CXXConstructorDecl& ctor, const clang::FieldDecl& field,
                           clang::ASTContext& ast);

}  // namespace meshwa::rules
