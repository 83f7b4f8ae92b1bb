#include "TypeUtil.h"

#include "LeastDepth.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Builtins.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

namespace meshwa::rules {

namespace {

/// Declared somewhere inside namespace std (also as a member of a std class).
bool in_std(const clang::Decl* decl) {
  for (const clang::DeclContext* dc = decl->getDeclContext(); dc != nullptr; dc = dc->getParent()) {
    if (dc->isStdNamespace()) return true;
  }
  return false;
}

}  // namespace

namespace {

/// A member of a class declared in a system header: a library's own
/// declaration (absl::InlinedVector<T, N>::iterator,
/// fmt::format_parse_context::iterator), not one of service code.
bool is_library_class_member(const clang::Decl* decl) {
  if (!llvm::isa<clang::CXXRecordDecl>(decl->getDeclContext())) return false;
  const clang::SourceManager& sources = decl->getASTContext().getSourceManager();
  return sources.isInSystemHeader(sources.getExpansionLoc(decl->getLocation()));
}

/// The sugar walk behind is_library_iterator_pointer and
/// is_spelled_std_iterator: a std typedef or alias template named like an
/// iterator anywhere in `type`'s sugar, or such a typedef that a library
/// container declares in a system header; with `deduced`, also a std
/// template's iterator parameter (_InputIterator, _Iter) as substituted.
bool iterator_sugar(clang::QualType type, bool deduced) {
  // Walk the sugar: `auto` keeps the deduced, still sugared, type.
  for (int depth = 0; depth < 16 && !type.isNull(); ++depth) {
    const clang::Type* t = type.getTypePtr();
    if (const auto* typedef_type = llvm::dyn_cast<clang::TypedefType>(t)) {
      const clang::TypedefNameDecl* decl = typedef_type->getDecl();
      if (decl->getName().contains_insensitive("iterator") && (in_std(decl) || is_library_class_member(decl))) {
        return true;
      }
    }
    // std::ranges::borrowed_iterator_t<R>, an alias template.
    if (const auto* alias = llvm::dyn_cast<clang::TemplateSpecializationType>(t); alias && alias->isTypeAlias()) {
      const clang::TemplateDecl* decl = alias->getTemplateName().getAsTemplateDecl();
      if (decl != nullptr && decl->getName().contains_insensitive("iterator") && in_std(decl)) return true;
    }
    // What a std algorithm returns: its iterator template parameter
    // (_InputIterator, _ForwardIterator, _Iter) deduced from the caller's
    // iterators, e.g. std::find(arr.begin(), arr.end(), x) on a std::array.
    if (const auto* subst = llvm::dyn_cast<clang::SubstTemplateTypeParmType>(t); deduced && subst != nullptr) {
      const clang::TemplateTypeParmDecl* param = subst->getReplacedParameter();
      const clang::Decl* owner = subst->getAssociatedDecl();
      if (param != nullptr && param->getIdentifier() != nullptr && param->getName().contains_insensitive("iter") &&
          owner != nullptr && in_std(owner)) {
        return true;
      }
    }
    const clang::QualType next = t->getLocallyUnqualifiedSingleStepDesugaredType();
    if (next.getTypePtr() == t) break;
    type = next;
  }
  return false;
}

}  // namespace

std::optional<Assignment> as_assignment(const clang::Expr* e) {
  if (const auto* binary = llvm::dyn_cast_or_null<clang::BinaryOperator>(e);
      binary != nullptr && binary->getOpcode() == clang::BO_Assign) {
    return Assignment{binary->getLHS(), binary->getRHS(), nullptr};
  }
  if (const auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(e);
      op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
    return Assignment{op->getArg(0), op->getArg(1), op};
  }
  return std::nullopt;
}

std::optional<llvm::ArrayRef<const clang::Expr*>> std_tie_arguments(const clang::Expr* lhs) {
  const auto* tie = lhs != nullptr ? llvm::dyn_cast<clang::CallExpr>(lhs->IgnoreImplicit()->IgnoreParens()) : nullptr;
  const clang::FunctionDecl* fn = tie != nullptr ? tie->getDirectCallee() : nullptr;
  if (fn == nullptr || fn->getIdentifier() == nullptr || fn->getName() != "tie" || !declared_in_std(fn)) {
    return std::nullopt;
  }
  return llvm::ArrayRef<const clang::Expr*>(tie->getArgs(), tie->getNumArgs());
}

std::optional<Subscript> as_subscript(const clang::Expr* e) {
  if (const auto* sub = llvm::dyn_cast_or_null<clang::ArraySubscriptExpr>(e)) {
    return Subscript{sub->getBase(), sub->getIdx(), nullptr};
  }
  if (const auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(e);
      op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2) {
    return Subscript{op->getArg(0), op->getArg(1), op};
  }
  return std::nullopt;
}

const clang::FunctionDecl* definition_with_body(const clang::FunctionDecl* fn) {
  const clang::FunctionDecl* definition = nullptr;
  if (fn == nullptr || !fn->hasBody(definition) || definition == nullptr || definition->getBody() == nullptr) {
    return nullptr;
  }
  return definition;
}

bool is_c_library_function(const clang::FunctionDecl& fn) {
  const clang::SourceManager& sources = fn.getASTContext().getSourceManager();
  if (!sources.isInSystemHeader(fn.getLocation())) return false;
  if (fn.getIdentifier() == nullptr || fn.getName().starts_with("__")) return false;
  const clang::DeclContext* where = fn.getDeclContext()->getRedeclContext();
  if (!where->isTranslationUnit() && !where->isStdNamespace()) return false;
  return fn.isExternC() || where->isTranslationUnit();
}

// Besides std's, a pointer that another library's class declares as its
// iterator in a system header (absl::InlinedVector<T, N>::iterator,
// fmt::format_parse_context::iterator): library code is trusted like the
// standard library, and such an iterator is the very pointer std::vector's
// iterator wraps, unchecked all the same. A typedef of service code, or one
// outside a class, is no such iterator.
bool is_library_iterator_pointer(clang::QualType type) { return iterator_sugar(type, /*deduced=*/true); }

bool is_spelled_std_iterator(clang::QualType type) { return iterator_sugar(type, /*deduced=*/false); }

bool is_raw_pointer(clang::QualType type) {
  if (type.isNull()) return false;
  if (!type->isAnyPointerType() && !type->isMemberPointerType()) return false;
  return !is_library_iterator_pointer(type);
}

namespace {

// `searched`: `Foo<B, B, B>` with `using B = Foo<A, A, A>` and so on names
// each type many times (LeastDepth.h).
clang::QualType find_in(clang::QualType type, int depth, LeastDepth& searched) {
  if (type.isNull() || depth > 12 || !searched.worth_walking(type.getAsOpaquePtr(), depth)) return {};
  if (type->isReferenceType()) return find_in(type->getPointeeType(), depth + 1, searched);
  if (is_library_iterator_pointer(type)) return {};  // typedef ... iterator in std
  if (is_raw_pointer(type)) return type;
  if (type->isAnyPointerType()) return {};  // an iterator pointer
  if (const clang::ArrayType* array = type->getAsArrayTypeUnsafe()) {
    return find_in(array->getElementType(), depth + 1, searched);
  }
  if (const auto* fn = type->getAs<clang::FunctionProtoType>()) {
    if (auto found = find_in(fn->getReturnType(), depth + 1, searched); !found.isNull()) return found;
    for (clang::QualType param : fn->getParamTypes()) {
      if (auto found = find_in(param, depth + 1, searched); !found.isNull()) return found;
    }
    return {};
  }
  // Template arguments as written (std::vector<int*>, std::function<void(int*)>);
  // not those of iterator templates (__gnu_cxx::__normal_iterator<int*, ...>):
  // an iterator is accepted like the container it walks.
  if (const auto* spec = type->getAs<clang::TemplateSpecializationType>()) {
    const clang::TemplateDecl* tmpl = spec->getTemplateName().getAsTemplateDecl();
    if (tmpl != nullptr && tmpl->getName().contains_insensitive("iterator")) return {};
    // An alias template is the type it stands for, not the arguments it is
    // spelled with: std::remove_pointer_t<int*> and std::conditional_t<false,
    // int*, int> are int, std::add_pointer_t<int> is int* (found above, the
    // type being a pointer). Only a dependent one (in a template pattern,
    // where what it stands for is not known yet) is judged by its arguments.
    if (spec->isTypeAlias() && !spec->getAliasedType()->isDependentType()) {
      return find_in(spec->getAliasedType(), depth + 1, searched);
    }
    const clang::TemplateParameterList* params = tmpl != nullptr ? tmpl->getTemplateParameters() : nullptr;
    for (unsigned i = 0; i < spec->template_arguments().size(); ++i) {
      const clang::TemplateArgument& arg = spec->template_arguments()[i];
      if (arg.getKind() != clang::TemplateArgument::Type) continue;
      // A std template's iterator parameter (std::match_results<_Bi_iter>,
      // std::sub_match, std::ranges::subrange<_It>): std::cmatch is
      // std::match_results<const char*>, iterators into the searched text,
      // as std::smatch's are; spelled with std::string_view::const_iterator
      // it was accepted already.
      if (params != nullptr && i < params->size() && in_std(tmpl)) {
        const clang::NamedDecl* param = params->getParam(i);
        if (param->getIdentifier() != nullptr && param->getName().contains_insensitive("iter")) continue;
      }
      // transform_view<V, std::string Item::*>, what `v |
      // std::views::transform(&Item::name)` makes: the member pointer handed
      // to the view adaptor (accepted there), a constant offset, never null.
      if (arg.getAsType()->isMemberPointerType() && declared_in_std_ranges(tmpl)) continue;
      if (auto found = find_in(arg.getAsType(), depth + 1, searched); !found.isNull()) return found;
    }
    return {};
  }
  return {};
}

/// The records garbage_in judged already: the least depth each was judged
/// at, and whether default-initialising it leaves garbage.
using Judged = llvm::DenseMap<const clang::CXXRecordDecl*, std::pair<int, bool>>;

bool record_leaves_garbage(const clang::CXXRecordDecl& record, clang::ASTContext& ctx, int depth, Judged& judged);

bool garbage_in(clang::QualType type, clang::ASTContext& ctx, int depth, Judged& judged) {
  if (type.isNull() || depth > 12) return false;
  if (type->isDependentType()) return false;
  type = type.getCanonicalType();
  if (type->isReferenceType()) return false;  // must be initialised anyway
  if (type->isScalarType()) return true;
  if (const clang::ArrayType* array = ctx.getAsArrayType(type)) {
    return garbage_in(array->getElementType(), ctx, depth + 1, judged);
  }
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition()) return false;
  record = record->getDefinition();
  // A record met again is judged once (unless with more depth left): a
  // struct of eight fields of a struct of eight fields, and so on, has
  // 8^depth field paths but only depth records.
  if (const auto known = judged.find(record); known != judged.end() && known->second.first <= depth) {
    return known->second.second;
  }
  const bool garbage = record_leaves_garbage(*record, ctx, depth, judged);
  judged[record] = {depth, garbage};
  return garbage;
}

bool record_leaves_garbage(const clang::CXXRecordDecl& record, clang::ASTContext& ctx, int depth, Judged& judged) {
  if (record.isUnion()) return !record.hasInClassInitializer();
  // A user-provided default constructor decides for itself (a constructor
  // that leaves a field uninitialised is reported at the field), and so
  // does a constructor template that may be called without arguments
  // (toml::value<T>'s `template <class... Args> explicit value(Args&&...)`:
  // `value<int64_t> v;` calls it with none).
  for (const clang::CXXConstructorDecl* ctor : declared_constructors(record)) {
    if (ctor->isDefaultConstructor() && ctor->isUserProvided()) return false;
  }
  if (record.needsImplicitDefaultConstructor() == false && !record.hasDefaultConstructor()) return false;
  for (const clang::CXXBaseSpecifier& base : record.bases()) {
    if (garbage_in(base.getType(), ctx, depth + 1, judged)) return true;
  }
  for (const clang::FieldDecl* field : record.fields()) {
    if (field->hasInClassInitializer()) continue;
    if (field->isUnnamedBitField()) continue;
    if (garbage_in(field->getType(), ctx, depth + 1, judged)) return true;
  }
  return false;
}

}  // namespace

llvm::SmallVector<const clang::CXXConstructorDecl*, 8> declared_constructors(const clang::CXXRecordDecl& record) {
  llvm::SmallVector<const clang::CXXConstructorDecl*, 8> found;
  for (const clang::Decl* member : record.decls()) {
    if (const auto* tmpl = llvm::dyn_cast<clang::FunctionTemplateDecl>(member)) member = tmpl->getTemplatedDecl();
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(member)) found.push_back(ctor);
  }
  return found;
}

clang::QualType find_raw_pointer(clang::QualType type) {
  LeastDepth searched;
  return find_in(type, 0, searched);
}

bool default_init_leaves_garbage(clang::QualType type, clang::ASTContext& ctx) {
  Judged judged;
  return garbage_in(type, ctx, 0, judged);
}

bool is_std_class(const clang::CXXRecordDecl* record, std::initializer_list<llvm::StringRef> names) {
  if (record == nullptr || !record->isInStdNamespace() || record->getIdentifier() == nullptr) return false;
  for (llvm::StringRef name : names) {
    if (record->getName() == name) return true;
  }
  return false;
}

bool is_std_function(clang::QualType type) {
  return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(),
                      {"function", "move_only_function", "copyable_function"});
}

bool is_iterator_class(const clang::CXXRecordDecl* record) {
  const clang::CXXRecordDecl* def = record != nullptr ? record->getDefinition() : nullptr;
  if (def == nullptr) return false;
  for (const clang::Decl* member : def->decls()) {
    const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(member);
    if (alias != nullptr && alias->getIdentifier() != nullptr && alias->getName() == "iterator_category") return true;
  }
  return false;
}

bool in_std_namespace(const clang::DeclContext* dc, llvm::StringRef name) {
  for (; dc != nullptr; dc = dc->getParent()) {
    const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(dc);
    if (ns == nullptr) return false;
    if (ns->isInline() || (ns->getIdentifier() != nullptr && ns->getName().starts_with("__"))) continue;
    if (ns->getIdentifier() == nullptr || ns->getName() != name) return false;
    return ns->getParent() != nullptr && ns->getParent()->isStdNamespace();
  }
  return false;
}

bool is_owning_iterator_class(const clang::CXXRecordDecl* record) {
  if (record == nullptr || record->getIdentifier() == nullptr) return false;
  const llvm::StringRef name = record->getName();
  if (name != "directory_iterator" && name != "recursive_directory_iterator") return false;
  return in_std_namespace(record->getDeclContext(), "filesystem");
}

llvm::StringRef std_function_name(const clang::CallExpr& call) {
  if (const clang::FunctionDecl* callee = call.getDirectCallee()) {
    if (callee->getIdentifier() == nullptr || !callee->isInStdNamespace()) return {};
    return callee->getName();
  }
  const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(call.getCallee()->IgnoreParenImpCasts());
  if (lookup == nullptr || !lookup->getName().isIdentifier() || lookup->getNumDecls() == 0) return {};
  for (const clang::NamedDecl* found : lookup->decls()) {
    if (!found->getUnderlyingDecl()->isInStdNamespace()) return {};
  }
  return lookup->getName().getAsIdentifierInfo()->getName();
}

const clang::CallExpr* address_of_call(const clang::Stmt& stmt) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt);
  if (call == nullptr || call->getNumArgs() != 1 || llvm::isa<clang::CXXOperatorCallExpr>(call)) return nullptr;
  if (call->getBuiltinCallee() == clang::Builtin::BI__builtin_addressof) return call;
  // libstdc++'s internal name too; in a template pattern, std::addressof(t)
  // with a dependent t is the unresolved call std_function_name sees through.
  const llvm::StringRef name = std_function_name(*call);
  return name == "addressof" || name == "__addressof" ? call : nullptr;
}

namespace {

// A local reference initialised from a named object is that object.
const clang::Expr* through_references(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  for (int depth = 0; depth < 8; ++depth) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->getType()->isReferenceType() || llvm::isa<clang::ParmVarDecl>(var) ||
        var->getInit() == nullptr) {
      break;
    }
    e = var->getInit()->IgnoreParenImpCasts();
  }
  return e;
}

bool same_object_at(const clang::Expr* a, const clang::Expr* b, int depth) {
  if (a == nullptr || b == nullptr || depth > 8) return false;
  const auto* named_a = llvm::dyn_cast<clang::DeclRefExpr>(a->IgnoreParenImpCasts());
  const auto* named_b = llvm::dyn_cast<clang::DeclRefExpr>(b->IgnoreParenImpCasts());
  if (named_a != nullptr && named_b != nullptr && named_a->getDecl() == named_b->getDecl()) return true;
  a = through_references(a);
  b = through_references(b);
  if (llvm::isa<clang::CXXThisExpr>(a) && llvm::isa<clang::CXXThisExpr>(b)) return true;
  if (const auto* ra = llvm::dyn_cast<clang::DeclRefExpr>(a)) {
    const auto* rb = llvm::dyn_cast<clang::DeclRefExpr>(b);
    return rb != nullptr && ra->getDecl() == rb->getDecl();
  }
  if (const auto* ma = llvm::dyn_cast<clang::MemberExpr>(a)) {
    const auto* mb = llvm::dyn_cast<clang::MemberExpr>(b);
    return mb != nullptr && ma->getMemberDecl() == mb->getMemberDecl() &&
           same_object_at(ma->getBase(), mb->getBase(), depth + 1);
  }
  return false;
}

}  // namespace

bool same_object(const clang::Expr* a, const clang::Expr* b) { return same_object_at(a, b, 0); }

/// `static_cast<std::streamsize>(s.size())`, `(long)v.size()`: an explicit
/// cast of an integer to an integer type at least as wide keeps the value of
/// any real size, so the count still names the whole range. A narrowing cast
/// (`static_cast<int>(v.size())`) is kept: it can wrap to a negative count
/// that a size_t parameter reads as huge.
const clang::Expr* without_widening_integer_casts(const clang::Expr* e, const clang::ASTContext& ctx) {
  e = e->IgnoreParenImpCasts();
  while (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(e)) {
    const clang::Expr* inner = cast->getSubExpr()->IgnoreParenImpCasts();
    const clang::QualType to = cast->getType();
    const clang::QualType from = inner->getType();
    if (!to->isIntegerType() || !from->isIntegerType() || to->isBooleanType()) break;
    if (ctx.getTypeSize(to) < ctx.getTypeSize(from)) break;
    e = inner;
  }
  return e;
}

bool is_data_and_size_of_one_object(const clang::Expr* data_expr, const clang::Expr* size_expr) {
  if (data_expr == nullptr || size_expr == nullptr) return false;
  const auto* data = llvm::dyn_cast<clang::CXXMemberCallExpr>(data_expr->IgnoreParenImpCasts());
  if (data == nullptr || data->getMethodDecl() == nullptr) return false;
  const auto* size = llvm::dyn_cast<clang::CXXMemberCallExpr>(
      without_widening_integer_casts(size_expr, data->getMethodDecl()->getASTContext()));
  if (data == nullptr || size == nullptr) return false;
  const clang::CXXMethodDecl* data_fn = data->getMethodDecl();
  const clang::CXXMethodDecl* size_fn = size->getMethodDecl();
  if (data_fn == nullptr || size_fn == nullptr || data_fn->getIdentifier() == nullptr ||
      size_fn->getIdentifier() == nullptr) {
    return false;
  }
  if (data_fn->getName() != "data" && data_fn->getName() != "c_str") return false;
  if (size_fn->getName() != "size" && size_fn->getName() != "length") return false;
  const clang::CXXRecordDecl* record = data_fn->getParent();
  if (record == nullptr || !record->isInStdNamespace() || record != size_fn->getParent()) return false;
  // A string_view's data() may not own what it shows, but data()/size() of
  // one view are still one range.
  return same_object(data->getImplicitObjectArgument(), size->getImplicitObjectArgument());
}

bool defaulted_and_used(const clang::CXXRecordDecl& record, CopyMove op) {
  auto matches = [op](const clang::CXXMethodDecl* m) {
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(m)) {
      return op == CopyMove::copy_constructor ? ctor->isCopyConstructor()
                                              : op == CopyMove::move_constructor && ctor->isMoveConstructor();
    }
    return op == CopyMove::copy_assignment ? m->isCopyAssignmentOperator()
                                           : op == CopyMove::move_assignment && m->isMoveAssignmentOperator();
  };
  for (const clang::CXXMethodDecl* m : record.methods()) {
    if (!matches(m) || m->isDeleted() || m->isUserProvided()) continue;
    if (m->isUsed()) return true;
  }
  return false;
}

// --- handles: what refers to memory it does not own (escaping-reference, dangling)

/// meshwa::Context: the runtime's, alive as long as every service.
bool is_meshwa_context(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "Context") return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext());
  return ns != nullptr && ns->getName() == "meshwa";
}

/// A type whose value refers to memory it does not own.
bool is_reference_like(clang::QualType type, unsigned depth) {
  if (type.isNull() || type->isDependentType() || depth > 4) return false;
  if (type->isReferenceType()) return !is_meshwa_context(type);
  const auto* record = type->getAsCXXRecordDecl();
  if (record == nullptr) return false;
  if (is_std_class(record, {"basic_string_view", "span", "reference_wrapper"})) return true;
  return is_iterator_class(record) && !is_owning_iterator_class(record);
}

/// A value of this type refers to nothing: integers, floating point, bool,
/// enums (not pointers, which point at something).
bool is_plain_scalar(clang::QualType type) {
  // A null type is not only a caller's "unknown": some expressions have none
  // (the ParenListExpr of `[&...refs(args)]` in a template).
  if (type.isNull()) return false;
  type = type.getNonReferenceType();
  return type->isArithmeticType() || type->isEnumeralType() || type->isNullPtrType() || type->isMemberPointerType();
}

/// std::pair<iterator, bool>, std::tuple<std::string_view, int>,
/// std::optional<std::string_view>: a std pair, tuple or optional whose parts
/// are handles (views, iterators, references, pointers) and plain scalars,
/// at least one a handle. A copy of it refers to what its handles refer to;
/// it owns nothing a handle taken from it could point into, except its
/// scalars.
bool holds_only_handles(clang::QualType type, unsigned depth) {
  if (type.isNull() || type->isDependentType() || depth > 4) return false;
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr || !is_std_class(spec, {"pair", "tuple", "optional"})) return false;
  bool handle = false;
  for (const clang::TemplateArgument& arg : flat_template_arguments(*spec)) {
    if (arg.getKind() != clang::TemplateArgument::Type) return false;
    const clang::QualType part = arg.getAsType();
    if (is_reference_like(part) || part->isPointerType() || holds_only_handles(part, depth + 1)) {
      handle = true;
    } else if (!is_plain_scalar(part)) {
      return false;
    }
  }
  return handle;
}

/// Declared in namespace std or one nested in it (std::ranges).
clang::QualType first_type_argument(const clang::CXXRecordDecl* record) {
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  if (spec == nullptr || spec->getTemplateArgs().size() == 0) return {};
  const clang::TemplateArgument& arg = spec->getTemplateArgs()[0];
  return arg.getKind() == clang::TemplateArgument::Type ? arg.getAsType() : clang::QualType();
}

clang::QualType member_typedef(const clang::CXXRecordDecl* record, llvm::StringRef name) {
  if (record == nullptr) return {};
  for (const clang::Decl* d : record->decls()) {
    const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(d);
    if (alias != nullptr && alias->getIdentifier() != nullptr && alias->getName() == name) {
      return alias->getUnderlyingType().getCanonicalType();
    }
  }
  return {};
}

bool declared_in_std(const clang::Decl* decl) {
  for (const clang::DeclContext* dc = decl->getDeclContext(); dc != nullptr; dc = dc->getParent()) {
    if (dc->isStdNamespace()) return true;
  }
  return false;
}

bool declared_in_std_ranges(const clang::Decl* decl) {
  if (decl == nullptr) return false;
  for (const clang::DeclContext* dc = decl->getDeclContext(); dc != nullptr; dc = dc->getParent()) {
    const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(dc);
    if (ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "ranges" && ns->getParent() != nullptr &&
        ns->getParent()->isStdNamespace()) {
      return true;
    }
  }
  return false;
}

bool std_algorithm(const clang::CallExpr& call, llvm::StringRef& name, llvm::ArrayRef<const clang::Expr*>& args) {
  if (llvm::isa<clang::CXXMemberCallExpr>(call)) return false;
  args = llvm::ArrayRef<const clang::Expr*>(call.getArgs(), call.getNumArgs());
  const clang::NamedDecl* named = call.getDirectCallee();
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call)) {
    if (op->getOperator() != clang::OO_Call || args.empty()) return false;
    const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(args.front()->IgnoreParenImpCasts());
    named = object != nullptr ? object->getDecl() : nullptr;
    if (!declared_in_std_ranges(named)) return false;
    args = args.drop_front();
  }
  if (named == nullptr || named->getIdentifier() == nullptr || !declared_in_std(named)) return false;
  name = named->getName();
  return true;
}

namespace {

bool has_begin_member(const clang::CXXRecordDecl& record, unsigned depth) {
  const clang::CXXRecordDecl* def = record.getDefinition();
  if (def == nullptr || depth > 8) return false;
  for (const clang::Decl* member : def->decls()) {
    const auto* named = llvm::dyn_cast<clang::NamedDecl>(member);
    if (named != nullptr && named->getIdentifier() != nullptr && named->getName() == "begin") return true;
  }
  return llvm::any_of(def->bases(), [&](const clang::CXXBaseSpecifier& base) {
    const clang::CXXRecordDecl* parent = base.getType()->getAsCXXRecordDecl();
    return parent != nullptr && has_begin_member(*parent, depth + 1);
  });
}

}  // namespace

bool is_range_argument(const clang::Expr* e) {
  const clang::QualType type = e->getType().getNonReferenceType();
  if (type->isArrayType()) return true;
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  return record != nullptr && has_begin_member(*record, 0);
}

namespace {

/// A class that writes its own copy constructor and destructor: a copy and
/// the end of a copy do something to what it points to (boost::shared_ptr,
/// boost::weak_ptr and their counts, boost::intrusive_ptr, a program's own
/// reference-counted handle): it takes part in that object's lifetime
/// rather than viewing it, like std::shared_ptr. One that writes its
/// destructor and deletes its copy constructor is the only owner, like
/// std::unique_ptr.
bool manages_what_it_points_to(const clang::CXXRecordDecl& record) {
  const clang::CXXDestructorDecl* dtor = record.getDestructor();
  if (dtor == nullptr || !dtor->isUserProvided()) return false;
  for (const clang::CXXConstructorDecl* ctor : record.ctors()) {
    // A deleted copy constructor: the one owner of what it points to
    // (PEGTL's file_mapper unmaps its mapping), like std::unique_ptr.
    if (ctor->isCopyConstructor() && (ctor->isUserProvided() || ctor->isDeleted())) return true;
  }
  return false;
}

/// A class holding nothing but numbers, directly or in bases and fields of
/// the same kind, or nothing at all (Eigen's `variable_if_dynamic<Index,
/// Dynamic>`, a `struct Stride { long v; };`, an empty tag): part of a
/// cursor's own numbers, like a plain `long`.
bool holds_only_numbers(clang::QualType type, unsigned depth) {
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition() || depth > 4) return false;
  record = record->getDefinition();
  if (record->isUnion() || record->isLambda() || record->isDependentContext()) return false;
  for (const clang::CXXBaseSpecifier& base : record->bases()) {
    if (!holds_only_numbers(base.getType(), depth + 1)) return false;
  }
  for (const clang::FieldDecl* field : record->fields()) {
    const clang::QualType part = field->getType();
    if (part->isReferenceType() || (!is_plain_scalar(part) && !holds_only_numbers(part, depth + 1))) return false;
  }
  return true;
}

}  // namespace

/// A class of the program (not of std) whose fields are all handles (views,
/// iterators, references, pointers, std pairs/optionals of them, other such
/// classes) or plain numbers, at least one a handle: a cursor or reader over
/// data it does not own (`struct Cur { std::string_view buf; std::size_t
/// pos; };`). Like a std::pair of handles, a copy of what it views refers to
/// what it was made from; only its numbers are its own storage.
namespace {

bool view_holder(clang::QualType type, unsigned depth, bool number_classes) {
  if (type.isNull() || type->isDependentType() || type->isReferenceType() || depth > 4) return false;
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition()) return false;
  record = record->getDefinition();
  if (record->isUnion() || record->isLambda() || declared_in_std(record) || record->isDependentContext()) return false;
  // meshwa::Ref<I> (a pointer to the runtime's exit of a service) and the
  // framework's other handles are no views of the caller's data.
  if (in_top_namespace(*record, "meshwa")) return false;
  if (manages_what_it_points_to(*record)) return false;
  bool handle = false;
  for (const clang::CXXBaseSpecifier& base : record->bases()) {
    const clang::CXXRecordDecl* base_record = base.getType()->getAsCXXRecordDecl();
    if (base_record == nullptr) return false;
    if (view_holder(base.getType(), depth + 1, number_classes)) {
      handle = true;
    } else if (number_classes ? !holds_only_numbers(base.getType(), depth + 1)
                              : !base_record->hasDefinition() || !base_record->field_empty() ||
                                    base_record->getNumBases() != 0) {
      return false;
    }
  }
  for (const clang::FieldDecl* field : record->fields()) {
    const clang::QualType part = field->getType();
    if (is_reference_like(part) || part->isPointerType() || holds_only_handles(part) ||
        view_holder(part, depth + 1, number_classes)) {
      handle = true;
    } else if (!is_plain_scalar(part) &&
               (!number_classes || part->isReferenceType() || !holds_only_numbers(part, depth + 1))) {
      return false;
    }
  }
  return handle;
}

}  // namespace

bool is_view_holder(clang::QualType type, unsigned depth) { return view_holder(type, depth, false); }

bool is_view_holder_with_number_classes(clang::QualType type) { return view_holder(type, 0, true); }

bool in_top_namespace(const clang::Decl& decl, llvm::StringRef name) {
  const clang::NamespaceDecl* outermost = nullptr;
  for (const clang::DeclContext* dc = decl.getDeclContext(); dc != nullptr && !dc->isTranslationUnit();
       dc = dc->getParent()) {
    if (const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(dc)) outermost = ns;
  }
  return outermost != nullptr && outermost->getIdentifier() != nullptr && outermost->getName() == name;
}

bool is_cli11_class(const clang::CXXRecordDecl* record, llvm::StringRef name) {
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != name) return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext()->getRedeclContext());
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "CLI" &&
         ns->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

std::optional<std::pair<uint64_t, clang::QualType>> elements_of(clang::QualType type, clang::ASTContext& ast) {
  if (const auto* array = ast.getAsConstantArrayType(type)) {
    return std::make_pair(array->getSize().getZExtValue(), array->getElementType());
  }
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr || !is_std_class(spec, {"array"})) return std::nullopt;
  const clang::TemplateArgumentList& args = spec->getTemplateArgs();
  if (args.size() != 2 || args[0].getKind() != clang::TemplateArgument::Type ||
      args[1].getKind() != clang::TemplateArgument::Integral) {
    return std::nullopt;
  }
  return std::make_pair(args[1].getAsIntegral().getZExtValue(), args[0].getAsType());
}

/// The element count fixed by the type: N of std::array<T, N>, and of a
/// std::span<T, N> with a static extent (not std::dynamic_extent).
std::optional<uint64_t> static_element_count(const clang::CXXRecordDecl* record) {
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  if (spec == nullptr || (record->getName() != "array" && record->getName() != "span") ||
      spec->getTemplateArgs().size() < 2 ||
      spec->getTemplateArgs()[1].getKind() != clang::TemplateArgument::Integral) {
    return std::nullopt;
  }
  const llvm::APSInt extent = spec->getTemplateArgs()[1].getAsIntegral();
  if (record->getName() == "span" && extent.isMaxValue()) return std::nullopt;  // std::dynamic_extent
  return extent.getZExtValue();
}

bool is_allocation_operator(const clang::FunctionDecl& fn) {
  const clang::OverloadedOperatorKind op = fn.getOverloadedOperator();
  return op == clang::OO_New || op == clang::OO_Array_New || op == clang::OO_Delete || op == clang::OO_Array_Delete;
}

bool is_va_list(clang::QualType type, const clang::ASTContext& ast) {
  if (type.isNull()) return false;
  const clang::QualType va = ast.getBuiltinVaListType();
  if (va.isNull()) return false;
  const clang::QualType t = type.getNonReferenceType();
  if (ast.hasSameUnqualifiedType(t, va)) return true;
  // As a parameter, va_list (an array type on x86-64) decays to a pointer.
  return ast.hasSameUnqualifiedType(t, ast.getDecayedType(va));
}

bool is_literal_text(const clang::Expr* e) {
  e = e->IgnoreParens();
  if (llvm::isa<clang::StringLiteral, clang::PredefinedExpr>(e)) return true;
  if (const auto* conditional = llvm::dyn_cast<clang::ConditionalOperator>(e)) {
    return is_literal_text(conditional->getTrueExpr()->IgnoreParenImpCasts()) &&
           is_literal_text(conditional->getFalseExpr()->IgnoreParenImpCasts());
  }
  return false;
}

llvm::SmallVector<clang::TemplateArgument, 4> flat_template_arguments(const clang::ClassTemplateSpecializationDecl& spec) {
  llvm::SmallVector<clang::TemplateArgument, 4> flat;
  for (const clang::TemplateArgument& arg : spec.getTemplateArgs().asArray()) {
    if (arg.getKind() == clang::TemplateArgument::Pack) {
      flat.append(arg.pack_begin(), arg.pack_end());
    } else {
      flat.push_back(arg);
    }
  }
  return flat;
}

// --- C strings: parameters that read a pointer up to its NUL (unsafe-buffer, raw-pointer)

/// Parameter `p` of `fn` reads a C string: its type is `const CharT*`
/// (written as a pointer in the template it comes from, not a deduced
/// iterator such as std::find's), and no length follows it: the next
/// parameter is not an integer, and no later one is a size_t.
bool is_c_string_parameter(const clang::FunctionDecl& fn, const clang::FunctionDecl* pattern, unsigned p) {
  const clang::QualType type = fn.getParamDecl(p)->getType();
  if (!type->isPointerType() || !type->getPointeeType().isConstQualified() ||
      !type->getPointeeType()->isAnyCharacterType()) {
    return false;
  }
  if (pattern != nullptr) {
    if (p >= pattern->getNumParams() || !pattern->getParamDecl(p)->getType()->isPointerType()) return false;
  }
  if (p + 1 < fn.getNumParams() && is_length_parameter(*fn.getParamDecl(p + 1))) return false;
  // (first, last), (begin, end): a range (std::from_chars, std::to_chars).
  if (is_range_parameter(*fn.getParamDecl(p)) ||
      (p + 1 < fn.getNumParams() && is_range_parameter(*fn.getParamDecl(p + 1)))) {
    return false;
  }
  for (unsigned k = p + 1; k < fn.getNumParams(); ++k) {
    if (is_size_type(fn.getParamDecl(k)->getType())) return false;
  }
  return true;
}

/// An integer parameter that is a length: as wide as a pointer
/// (size_t, std::streamsize, ssize_t), or named like one (`int len`,
/// `int nByte`, `__n`). Not open()'s `int flags` nor setenv's `int
/// replace`, after which the string is still read up to its NUL.
bool is_length_parameter(const clang::ParmVarDecl& param) {
  const clang::QualType type = param.getType();
  if (!type->isIntegerType() || type->isBooleanType() || type->isEnumeralType() || type->isAnyCharacterType()) {
    return false;
  }
  const auto* builtin = type.getCanonicalType()->getAs<clang::BuiltinType>();
  if (builtin != nullptr && (builtin->getKind() == clang::BuiltinType::Long ||
                             builtin->getKind() == clang::BuiltinType::LongLong || is_size_type(type))) {
    return true;
  }
  if (param.getIdentifier() == nullptr) return false;
  const std::string name = param.getName().ltrim('_').lower();
  return name == "n" || name == "sz" || llvm::StringRef(name).contains("len") ||
         llvm::StringRef(name).contains("size") || llvm::StringRef(name).contains("count") ||
         llvm::StringRef(name).contains("byte") || llvm::StringRef(name).contains("max") ||
         llvm::StringRef(name).starts_with("num") || name == "nelem" || name == "nmemb" || name == "nitems" ||
         name == "nfds";
}

/// A parameter named as one end of a range: first, last, begin, end.
bool is_range_parameter(const clang::ParmVarDecl& param) {
  if (param.getIdentifier() == nullptr) return false;
  const llvm::StringRef name = param.getName().ltrim('_');
  return name == "first" || name == "last" || name == "begin" || name == "end";
}

/// size_t (std::size_t, size_type, ...): an unsigned integer as wide as
/// a pointer.
bool is_size_type(clang::QualType type) {
  const auto* builtin = type.getCanonicalType()->getAs<clang::BuiltinType>();
  return builtin != nullptr && (builtin->getKind() == clang::BuiltinType::ULong ||
                                builtin->getKind() == clang::BuiltinType::ULongLong);
}

bool is_checked_arithmetic_builtin(const clang::FunctionDecl& fn) {
  switch (fn.getBuiltinID()) {
    case clang::Builtin::BI__builtin_add_overflow:
    case clang::Builtin::BI__builtin_sub_overflow:
    case clang::Builtin::BI__builtin_mul_overflow:
    case clang::Builtin::BI__builtin_sadd_overflow:
    case clang::Builtin::BI__builtin_saddl_overflow:
    case clang::Builtin::BI__builtin_saddll_overflow:
    case clang::Builtin::BI__builtin_uadd_overflow:
    case clang::Builtin::BI__builtin_uaddl_overflow:
    case clang::Builtin::BI__builtin_uaddll_overflow:
    case clang::Builtin::BI__builtin_ssub_overflow:
    case clang::Builtin::BI__builtin_ssubl_overflow:
    case clang::Builtin::BI__builtin_ssubll_overflow:
    case clang::Builtin::BI__builtin_usub_overflow:
    case clang::Builtin::BI__builtin_usubl_overflow:
    case clang::Builtin::BI__builtin_usubll_overflow:
    case clang::Builtin::BI__builtin_smul_overflow:
    case clang::Builtin::BI__builtin_smull_overflow:
    case clang::Builtin::BI__builtin_smulll_overflow:
    case clang::Builtin::BI__builtin_umul_overflow:
    case clang::Builtin::BI__builtin_umull_overflow:
    case clang::Builtin::BI__builtin_umulll_overflow:
      return true;
    default:
      return false;
  }
}

}  // namespace meshwa::rules
