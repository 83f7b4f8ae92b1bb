// Does a service need an MPK protection domain? The generator's question
// ("which services are proven safe"), answered from the AST.
#pragma once

#include <string>
#include <vector>

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"

namespace clang {
class ASTContext;
class CXXRecordDecl;
class FunctionDecl;
}  // namespace clang

namespace meshwa::rules {

/// One MESHWA_UNSAFE that the service depends on.
struct UnsafeMark {
  std::string reason;     // the annotation's reason ("" when missing: an error the plugin reports)
  std::string decl_name;  // qualified name of the annotated declaration
  clang::SourceLocation loc;
};

struct ServiceVerdict {
  bool needs_domain = false;  // true iff marks is not empty
  std::vector<UnsafeMark> marks;
};

/// A service needs a domain when MESHWA_UNSAFE covers the class itself, any
/// declaration inside it (methods, fields, nested classes, locals and lambdas
/// of its method bodies), a non-interface base class, the class of a field,
/// or anything its code uses: a function, variable or class annotated unsafe
/// that its methods call, construct or name, a class with an unsafe method
/// or destructor whose values it uses, a template argument of a function it
/// calls (std::make_unique<Fast>), followed transitively through
/// the service-code functions defined in this translation unit. So an unsafe
/// helper defined outside the class still puts its callers into a domain.
/// Marks are unique per declaration, in discovery order.
ServiceVerdict service_verdict(const clang::CXXRecordDecl& service, clang::ASTContext& ctx);

/// The same question for code outside a service class: the MESHWA_UNSAFE
/// declarations that the definitions of `functions` depend on (a function's
/// own mark or its class's, and whatever its body uses, followed as above).
/// meshwa gen asks it of the functions a unit exports, which services in
/// other files of the unit may call through declarations that show none of
/// it. Marks are unique per declaration, in discovery order.
std::vector<UnsafeMark> unsafe_code_of(llvm::ArrayRef<const clang::FunctionDecl*> functions, clang::ASTContext& ctx);

}  // namespace meshwa::rules
