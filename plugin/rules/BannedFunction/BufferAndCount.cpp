// meshwa-banned-function: members of the standard streams and strings that
// read or write through a raw pointer as many characters as a separate
// count says (istream::read, ostream::write, string::copy, s.append(p, n),
// s.find(p, pos, n), ...), the pairs accepted because the count cannot
// exceed the buffer (v.data() with v.size(), std::min(n, v.size()), a
// buffer sized to n just before), and rdbuf(buffer) / tie(stream) on the
// standard streams.
#include <optional>

#include "Annotations.h"
#include "BannedFunction/BannedFunctionChecks.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"

namespace meshwa::rules::banned_function {

namespace {

/// std::string's and std::string_view's searches: find, rfind and the
/// find_first/last_(not_)of.
bool is_string_search(const clang::CXXMethodDecl& method) {
  static const llvm::StringRef kSearches[] = {"find",         "rfind",         "find_first_of",
                                              "find_last_of", "find_first_not_of", "find_last_not_of"};
  const clang::CXXRecordDecl* record = method.getParent();
  return method.getIdentifier() != nullptr && is_std_class(record, {"basic_string", "basic_string_view"}) &&
         llvm::is_contained(kSearches, method.getName());
}

/// The argument that counts the characters read through the pointer
/// argument `pointer`: the one right after it, but for the searches,
/// where the position to search from comes between them (s.find(p, pos,
/// n)); none for a search given only a position (s.find(p, pos) reads p up
/// to a null character, however long the buffer behind it is).
std::optional<unsigned> count_argument(const clang::CXXMethodDecl& method, unsigned pointer) {
  if (!is_string_search(method)) return pointer + 1;
  if (pointer == 0 && method.getNumParams() == 3) return 2U;
  return std::nullopt;
}

/// out.write(v.data(), v.size()), in.read(s.data(), s.size()),
/// s.copy(buf.data(), buf.size()): the pointer is the start of a standard
/// container's own storage and the count its size, of the same object, so
/// the count cannot exceed the buffer (the element type is fixed by the
/// parameter: a char buffer for a char stream).
bool is_data_size_pair(const clang::CXXMemberCallExpr& call) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  for (unsigned i = 0; i + 1 < method->getNumParams() && i + 1 < call.getNumArgs(); ++i) {
    if (!method->getParamDecl(i)->getType()->isPointerType()) continue;
    const std::optional<unsigned> count = count_argument(*method, i);
    return count && *count < call.getNumArgs() &&
           is_data_and_size_of_one_object(call.getArg(i), call.getArg(*count));
  }
  return false;
}

/// The statement before the one, in the innermost enclosing block, that
/// holds `node` (the node being checked); nullptr when it is the block's
/// first or `node` is in no block.
/// `statement`, when given, is a statement of that block whose previous
/// one is wanted instead (walking further back).
const clang::Stmt* statement_before(const clang::Stmt& node, RuleContext& ctx,
                                    const clang::Stmt* statement = nullptr) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  for (size_t k = parents.size(); k-- > 0;) {
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parents[k]);
    if (block == nullptr) continue;
    const clang::Stmt* current = statement != nullptr ? statement : k + 1 < parents.size() ? parents[k + 1] : &node;
    const clang::Stmt* previous = nullptr;
    for (const clang::Stmt* s : block->body()) {
      if (s == current) return previous;
      previous = s;
    }
    return nullptr;
  }
  return nullptr;
}

/// `std::string s(n, '\0');`, `std::vector<char> v(n);`: the size
/// constructor (its first parameter a count, so not `std::vector<char>{n}`,
/// a list of one element).
bool constructs_with_size(const clang::Stmt& s, const clang::VarDecl& buffer, const clang::VarDecl& n) {
  const auto* decl = llvm::dyn_cast<clang::DeclStmt>(&s);
  if (decl == nullptr || !decl->isSingleDecl() || decl->getSingleDecl() != &buffer || buffer.getInit() == nullptr) {
    return false;
  }
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(buffer.getInit()->IgnoreImplicit());
  if (construct == nullptr || construct->getNumArgs() == 0 || construct->isListInitialization()) return false;
  const clang::CXXConstructorDecl* ctor = construct->getConstructor();
  // `std::vector<char> v(static_cast<std::size_t>(n))`: a cast that keeps
  // every value of n (a negative n becomes a size no vector can have).
  return ctor->getNumParams() > 0 && ctor->getParamDecl(0)->getType()->isIntegerType() &&
         flow::names_variable(without_widening_integer_casts(construct->getArg(0), buffer.getASTContext()), n);
}

/// `buffer.resize(n);` as a statement of its own.
bool resizes_to(const clang::Stmt& s, const clang::VarDecl& buffer, const clang::VarDecl& n) {
  const auto* e = llvm::dyn_cast<clang::Expr>(&s);
  const auto* resize = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
  if (resize == nullptr || resize->getMethodDecl() == nullptr || resize->getMethodDecl()->getIdentifier() == nullptr ||
      resize->getMethodDecl()->getName() != "resize" || resize->getNumArgs() == 0) {
    return false;
  }
  return flow::names_variable(resize->getImplicitObjectArgument(), buffer) && flow::names_variable(resize->getArg(0), n);
}

/// A variable of automatic storage and of non-reference type named by `e`
/// (parentheses and casts skipped), or nullptr: no other name can change it.
const clang::VarDecl* local_value(const clang::Expr* e) {
  const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType()) return nullptr;
  return var;
}

/// `std::min(n, v.size())` or `std::min(v.size(), n)` with `pointer` v.data().
bool is_min_with_size_of(const clang::Expr* pointer, const clang::Expr* count) {
  const auto* min = llvm::dyn_cast<clang::CallExpr>(count);
  const clang::FunctionDecl* callee = min != nullptr ? min->getDirectCallee() : nullptr;
  if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
      callee->getName() != "min" || min->getNumArgs() != 2) {
    return false;
  }
  return is_data_and_size_of_one_object(pointer, min->getArg(0)) ||
         is_data_and_size_of_one_object(pointer, min->getArg(1));
}

/// `const auto n = in.tellg(); std::vector<char> v(n); in.seekg(0); if
/// (!in.read(v.data(), n)) ...`: the declaration that sizes `buffer` to a
/// const `n` comes a few statements before, and none between names either.
/// Nothing else can change them: `buffer` did not exist before its
/// declaration (so no lambda or reference has it), and `n` is const. A
/// label between (a jump past the declaration) ends the search.
bool declared_with_size_earlier(const clang::CXXMemberCallExpr& call, const clang::VarDecl& buffer,
                                const clang::VarDecl& n, RuleContext& ctx) {
  if (!n.getType().isConstQualified()) return false;
  constexpr int kStatementsLooked = 8;
  const auto names_either = [&](const clang::Stmt& node) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node);
    return ref != nullptr && (ref->getDecl() == &buffer || ref->getDecl() == &n);
  };
  const clang::Stmt* at = &call;
  for (int looked = 0; looked < kStatementsLooked; ++looked) {
    const clang::Stmt* before = statement_before(*at, ctx, at == &call ? nullptr : at);
    if (before == nullptr || llvm::isa<clang::LabelStmt>(before)) return false;
    if (constructs_with_size(*before, buffer, n)) return true;
    if (flow::contains(before, names_either)) return false;
    at = before;
  }
  return false;
}

/// See count_fits_buffer: `pointer` is buffer.data() of a local std::string
/// or std::vector, `count` a local integer, and the statement before the
/// call's own sized that buffer to that count.
bool sized_just_before(const clang::CXXMemberCallExpr& call, const clang::Expr* pointer,
                       const clang::Expr* count, RuleContext& ctx) {
  const auto* data = llvm::dyn_cast<clang::CXXMemberCallExpr>(pointer->IgnoreParenImpCasts());
  if (data == nullptr || data->getMethodDecl() == nullptr || data->getMethodDecl()->getIdentifier() == nullptr ||
      data->getMethodDecl()->getName() != "data" ||
      !is_std_class(data->getMethodDecl()->getParent(), {"basic_string", "vector"})) {
    return false;
  }
  const clang::VarDecl* buffer = local_value(data->getImplicitObjectArgument());
  const clang::VarDecl* n = local_value(count);
  if (buffer == nullptr || n == nullptr || !n->getType()->isIntegerType()) return false;
  const clang::Stmt* before = statement_before(call, ctx);
  if (before == nullptr) return false;
  if (constructs_with_size(*before, *buffer, *n) || resizes_to(*before, *buffer, *n)) return true;
  return declared_with_size_earlier(call, *buffer, *n, ctx);
}

/// The count of `call` cannot exceed the buffer whose data() its pointer
/// is, though it is not that buffer's size():
///   - `std::min(n, v.size())` (either order): never more than v holds;
///   - `n`, a local or parameter, when the statement just before, in the
///     same block, sized the local std::string / std::vector `v` to `n`:
///     `std::string s(n, '\0'); in.read(s.data(), n);` or
///     `s.resize(n); in.read(s.data(), n);`. Nothing runs in between that
///     could change `v` or `n`; a statement between them is not accepted.
bool count_fits_buffer(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  for (unsigned i = 0; i + 1 < method->getNumParams() && i + 1 < call.getNumArgs(); ++i) {
    if (!method->getParamDecl(i)->getType()->isPointerType()) continue;
    const std::optional<unsigned> count_index = count_argument(*method, i);
    if (!count_index || *count_index >= call.getNumArgs()) return false;
    const clang::Expr* pointer = call.getArg(i);
    const clang::Expr* count = without_widening_integer_casts(call.getArg(*count_index), ctx.ast);
    return is_min_with_size_of(pointer, count) || sized_just_before(call, pointer, count, ctx);
  }
  return false;
}

/// s.append(p, n), s.assign(p, n), s.insert(i, p, n), s.replace(i, k, p, n):
/// n characters read from p, whatever p points into. A string literal for
/// p is its own bound (the compiler knows its length).
bool takes_pointer_and_count(const clang::CXXMemberCallExpr& call) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  for (unsigned i = 0; i + 1 < method->getNumParams() && i < call.getNumArgs(); ++i) {
    if (!method->getParamDecl(i)->getType()->isPointerType()) continue;
    if (!method->getParamDecl(i + 1)->getType()->isIntegerType()) continue;
    const clang::Expr* arg = call.getArg(i)->IgnoreParenImpCasts();
    return !llvm::isa<clang::StringLiteral>(arg);
  }
  return false;
}

/// std::cout.rdbuf(buffer), std::cin.tie(stream): a stream of the library
/// (a global every service shares) keeps a pointer to the service's
/// object, which dangles once the service stops or restarts. The getters
/// rdbuf() and tie() take no argument; a stream the service owns may be
/// pointed anywhere.
void check_shared_stream_setter(const clang::CXXMemberCallExpr& call, llvm::StringRef name,
                                RuleContext& ctx) {
  const clang::Expr* object = call.getImplicitObjectArgument();
  if (object == nullptr) return;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->hasGlobalStorage() || var->getIdentifier() == nullptr ||
      ctx.service_code.contains(var->getLocation())) {
    return;
  }
  const std::string stream = (var->isInStdNamespace() ? "std::" : "") + var->getName().str();
  ctx.report.error(call.getExprLoc(), kName,
                   (stream + "." + name + "(...) makes a stream that every service shares keep a pointer to " +
                    (name == "rdbuf" ? "this service's buffer" : "this service's stream") +
                    ", which dangles once the service stops or restarts; write to a std::ostringstream the "
                    "service owns and copy its text out")
                       .str())
      << call.getSourceRange();
}

}  // namespace

/// Member functions of the standard streams and strings that take a raw
/// buffer and a length: istream::read/readsome/get/getline(char*, n),
/// ostream::write, streambuf::sgetn/sputn, string::copy.
void check_buffer_and_count_call(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  if (method == nullptr || method->getIdentifier() == nullptr) return;
  const clang::CXXRecordDecl* record = method->getParent();
  if (record == nullptr || record->getIdentifier() == nullptr || !record->isInStdNamespace()) return;
  const llvm::StringRef cls = record->getName();
  const llvm::StringRef name = method->getName();
  if (cls == "basic_ios" && (name == "rdbuf" || name == "tie") && method->getNumParams() == 1) {
    check_shared_stream_setter(call, name, ctx);
    return;
  }
  bool raw_buffer = false;
  for (const clang::ParmVarDecl* param : method->parameters()) {
    if (param->getType()->isPointerType()) raw_buffer = true;
  }
  if (!raw_buffer) return;
  const bool stream = cls == "basic_istream" || cls == "basic_ostream" || cls == "basic_iostream" ||
                      cls == "basic_streambuf" || cls == "basic_filebuf" || cls == "basic_stringbuf";
  const bool banned = (stream && (name == "read" || name == "readsome" || name == "get" || name == "getline" ||
                                  name == "write" || name == "sgetn" || name == "sputn" || name == "pubsetbuf")) ||
                      ((cls == "basic_string" || cls == "basic_string_view") && name == "copy") ||
                      ((cls == "basic_string" || cls == "basic_string_view") && takes_pointer_and_count(call));
  if (!banned) return;
  if (name != "pubsetbuf" && (is_data_size_pair(call) || count_fits_buffer(call, ctx))) return;
  if (name == "copy") {
    const bool view = cls == "basic_string_view";
    ctx.report.error(call.getExprLoc(), kName,
                     std::string(view ? "std::string_view::copy" : "std::string::copy") +
                         " writes as many characters as a separate count says through a raw "
                         "pointer, unchecked against the destination; take the characters as a " +
                         (view ? "std::string_view (sv.substr(pos, n))" : "std::string (s.substr(pos, n))") +
                         ", or std::copy them into a container (std::copy(s.begin(), s.end(), "
                         "std::back_inserter(v))); s.copy(v.data(), v.size()) into the same v is accepted")
        << call.getSourceRange();
    return;
  }
  const std::string string_class = cls == "basic_string_view" ? "std::string_view::" : "std::string::";
  if (is_string_search(*method) && !count_argument(*method, 0)) {
    ctx.report.error(call.getExprLoc(), kName,
                     string_class + name.str() +
                         "(pointer, position) reads through a raw pointer up to a null character, which the "
                         "buffer behind it may not have; pass a std::string or std::string_view (s." +
                         name.str() + "(v, pos))")
        << call.getSourceRange();
    return;
  }
  if (cls == "basic_string" || cls == "basic_string_view") {
    ctx.report.error(call.getExprLoc(), kName,
                     string_class + name.str() +
                         "(pointer, count) reads count characters through a raw pointer, unchecked against its "
                         "buffer; " +
                         (cls == "basic_string_view"
                              ? "pass the characters as a std::string or std::string_view (sv." + name.str() +
                                    "(other, pos))"
                              : "pass a std::string or a range of iterators (s." + name.str() +
                                    "(v.begin(), v.end()))"))
        << call.getSourceRange();
    return;
  }
  ctx.report.error(call.getExprLoc(), kName,
                   ("std::" + cls + "::" + name +
                    " reads or writes through a raw pointer as many bytes as a separate length says; read into "
                    "a std::string / std::vector (std::getline, operator>>, std::istreambuf_iterator) or "
                    "write one (operator<<)")
                       .str())
      << call.getSourceRange();
}

}  // namespace meshwa::rules::banned_function
