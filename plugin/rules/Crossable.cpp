// The type walk behind meshwa-boundary-type and meshwa gen's boundary errors.
// Keep the classification in step with include/meshwa/crossable.hpp: the
// generated stubs assert crossable<T> in C++, and both must agree.
#include "Crossable.h"

#include "Annotations.h"
#include "TypeUtil.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <set>
#include <utility>

namespace meshwa::rules {

llvm::StringRef describe(CrossProblem problem) {
  switch (problem) {
    case CrossProblem::reference:
      return "is a reference; a value or a borrowed `const T&` parameter is what may cross";
    case CrossProblem::raw_pointer:
      return "is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T>";
    case CrossProblem::c_array:
      return "is a C array; use std::array or std::vector";
    case CrossProblem::function:
      return "is a function; code cannot cross a boundary";
    case CrossProblem::view:
      return "is a view (std::string_view / std::span) into memory the receiver does not own; "
             "use std::string / std::vector (only a parameter may borrow, as a `const T&`)";
    case CrossProblem::std_function:
      return "is a std::function; code cannot cross a boundary, pass a meshwa::Ref<I> instead";
    case CrossProblem::mutable_shared_ptr:
      return "is a std::shared_ptr to mutable data; use meshwa::Shared<T> (immutable, shared)";
    case CrossProblem::unique_ptr:
      return "is a std::unique_ptr; use meshwa::Owned<T>, which lives in the exchange heap";
    case CrossProblem::weak_ptr:
      return "is a std::weak_ptr; use meshwa::Shared<T>";
    case CrossProblem::iterator:
      return "is an iterator into another service's container; pass the values instead";
    case CrossProblem::wide_integer:
      return "is a 128-bit integer, which a contract (JSON) cannot hold; split it into two std::uint64_t members or pass it as a std::string";
    case CrossProblem::mutable_member:
      return "is a mutable member: a message crosses inside meshwa::Shared<T>, immutable and shared by "
             "every service that holds it, and `mutable` lets each of them write it through a const path, "
             "at the same time; make it a plain member (and keep counters or caches in the service)";
    case CrossProblem::not_a_message:
      // CrossabilityProblem::message() adds "or give the <holder> a crossable type".
      return "is a class that is not a message; mark it MESHWA_MESSAGE (meshwa gen adapts it)";
    case CrossProblem::template_specialization:
      return "is a specialization of a class template, which MESHWA_MESSAGE cannot mark (the generator writes "
             "code for classes, not for templates of them); declare a MESHWA_MESSAGE struct with the members it "
             "needs instead (one struct per element type)";
    case CrossProblem::anonymous_union:
      return "holds an anonymous union: a union's members share their storage, so neither the generated code "
             "nor a reader knows which one holds the value; hold the alternatives in one named member, a "
             "std::variant";
    case CrossProblem::anonymous_struct:
      return "holds an anonymous struct, which the generated code cannot name (its members belong to it, not "
             "to the message); declare its members in the message itself";
    case CrossProblem::unnamed_class:
      return "has an unnamed class type, which cannot be marked MESHWA_MESSAGE; name the class and mark it "
             "MESHWA_MESSAGE (for a union, use a std::variant)";
    case CrossProblem::lambda:
      return "is a lambda; code cannot cross a boundary, pass a meshwa::Ref<I> to an interface instead (the callee "
             "calls its methods, which run in the service that provides it)";
    case CrossProblem::incomplete:
      return "is an incomplete type here: the class is only declared, its definition is not in this translation "
             "unit, so its members can be neither checked nor carried; include the header that defines it";
    case CrossProblem::library_class:
      return "is a standard library class that meshwa cannot carry across (it cannot be marked MESHWA_MESSAGE); "
             "pass what it holds as numbers, std::string, containers, or in a MESHWA_MESSAGE of your own";
  }
  return "may not cross";
}

namespace {

using clang::QualType;

/// The namespace a declaration sits in, skipping inline namespaces
/// (libstdc++'s std::__cxx11).
const clang::NamespaceDecl* enclosing_namespace(const clang::Decl* d) {
  for (const clang::DeclContext* dc = d->getDeclContext(); dc != nullptr; dc = dc->getParent()) {
    if (const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(dc)) {
      if (!ns->isInline()) return ns;
    } else if (!dc->isTransparentContext()) {
      return nullptr;  // nested in a class or function
    }
  }
  return nullptr;
}

bool is_top_namespace(const clang::NamespaceDecl* ns, llvm::StringRef name) {
  if (ns == nullptr || ns->getName() != name) return false;
  for (const clang::DeclContext* dc = ns->getParent(); dc != nullptr; dc = dc->getParent()) {
    if (dc->isTranslationUnit()) return true;
    const auto* inner = llvm::dyn_cast<clang::NamespaceDecl>(dc);
    if (inner == nullptr || !inner->isInline()) return false;
  }
  return false;
}

/// std::<name>, meshwa::<name>, std::chrono::<name>: the namespace of a record.
enum class Home { other, std_ns, meshwa_ns, chrono_ns };

Home home_of(const clang::Decl* d) {
  const clang::NamespaceDecl* ns = enclosing_namespace(d);
  if (ns == nullptr) return Home::other;
  if (is_top_namespace(ns, "std")) return Home::std_ns;
  if (is_top_namespace(ns, "meshwa")) return Home::meshwa_ns;
  if (ns->getName() == "chrono" && is_top_namespace(enclosing_namespace(ns), "std")) return Home::chrono_ns;
  return Home::other;
}

/// Is `d` declared in namespace std or one nested in it (std::filesystem,
/// std::chrono, std::pmr)?
bool in_std(const clang::Decl* d) {
  const clang::NamespaceDecl* top = nullptr;
  for (const clang::NamespaceDecl* ns = enclosing_namespace(d); ns != nullptr; ns = enclosing_namespace(ns)) top = ns;
  return top != nullptr && top->getName() == "std";
}

/// Does the class declare `iterator_category` (what std::iterator_traits
/// looks for)? Pointers are classified before this is asked.
bool is_iterator_like(const clang::CXXRecordDecl* rd) {
  if (rd == nullptr) return false;
  const clang::CXXRecordDecl* def = rd->getDefinition();
  if (def == nullptr) {
    // A specialization only named so far (a return type needs no complete
    // type): look at the template it would be instantiated from.
    if (const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(rd)) {
      if (const clang::ClassTemplateDecl* tmpl = spec->getSpecializedTemplate()) {
        def = tmpl->getTemplatedDecl() != nullptr ? tmpl->getTemplatedDecl()->getDefinition() : nullptr;
      }
    }
  }
  if (def == nullptr) return false;
  for (const clang::Decl* member : def->decls()) {
    if (const auto* named = llvm::dyn_cast<clang::NamedDecl>(member)) {
      if (named->getIdentifier() != nullptr && named->getName() == "iterator_category" &&
          llvm::isa<clang::TypedefNameDecl>(named)) {
        return true;
      }
    }
  }
  return false;
}

/// A class declared and never defined (`struct Order;`), not a template
/// specialization that is merely not instantiated yet (a result type needs
/// no complete type) while its template is defined.
bool is_only_declared(const clang::CXXRecordDecl* rd) {
  if (rd->getDefinition() != nullptr) return false;
  if (const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(rd)) {
    const clang::ClassTemplateDecl* tmpl = spec->getSpecializedTemplate();
    return tmpl == nullptr || tmpl->getTemplatedDecl() == nullptr || !tmpl->getTemplatedDecl()->hasDefinition();
  }
  return true;
}

class Walker {
 public:
  explicit Walker(clang::ASTContext& ctx) : policy_(ctx.getPrintingPolicy()) {
    policy_.SuppressTagKeyword = true;
    policy_.SuppressScope = false;
    policy_.FullyQualifiedName = false;
  }

  /// The type as written, without its own cv-qualifiers. Only the local
  /// ones are dropped: getUnqualifiedType() would desugar a type whose
  /// const sits inside an alias or a decltype (`decltype(kConstexprLambda)`)
  /// and print what the user never wrote ("(lambda at /abs/path:3:4)").
  std::string name_of(QualType t) const {
    return t.getNonReferenceType().getLocalUnqualifiedType().getAsString(policy_);
  }
  /// The type as written, reference and qualifiers included ("std::string &").
  std::string written(QualType t) const { return t.getAsString(policy_); }

  /// Every problem of the walk so far, in walk order.
  std::vector<CrossabilityProblem> problems;

  /// Walks `t`, adding every part of it that may not cross to `problems`
  /// (up to limit_, then the walk stops).
  ///
  /// A type found crossable is not walked again (unless with less depth
  /// used): a message of eight members of a message of eight members, and
  /// so on, has 8^depth member paths but only depth types. A message is
  /// walked once per walk (walk_members), and a type that may not cross is
  /// said once per member holding it (or once for the checked type outside
  /// members), at the first path it is met at: a bad member of a message met
  /// twice (std::pair<Item, Item>), or a template nested ten deep with eight
  /// alternatives each, is one problem, not one per path.
  void walk(QualType t, const std::string& path, const clang::Decl* field, unsigned depth) {
    if (t.isNull() || full()) return;
    const clang::Type* key = t.getCanonicalType().getUnqualifiedType().getTypePtr();
    if (const auto known = crossable_.find(key); known != crossable_.end() && known->second <= depth) return;
    // Its parts are said at the path it was first met at (in the same
    // member: another member of the same type is a part of its own).
    if (said_.count({field, key}) != 0) return;
    const std::size_t before = problems.size();
    walk_uncached(t, path, field, depth);
    if (problems.size() == before && !full()) crossable_[key] = depth;
    if (problems.size() != before) said_.insert({field, key});
  }

  [[nodiscard]] bool full() const { return problems.size() >= limit_; }
  void set_limit(std::size_t limit) { limit_ = limit; }

  /// The members of message `rd`, each path starting at `path`.
  void walk_message(const clang::CXXRecordDecl* rd, const std::string& path) { walk_members(rd, path, 0); }

 private:
  void walk_uncached(QualType t, const std::string& path, const clang::Decl* field, unsigned depth) {
    if (t.isNull()) return;
    if (depth > kMaxDepth) return;  // absurdly deep nesting: nothing more to learn
    const QualType canon = t.getCanonicalType().getUnqualifiedType();
    const clang::Type* ty = canon.getTypePtr();
    if (ty->isDependentType()) return;

    if (ty->isReferenceType()) return fail(path, CrossProblem::reference, field);
    if (ty->isAnyPointerType() || ty->isMemberPointerType() || ty->isNullPtrType() || ty->isBlockPointerType()) {
      return fail(path, CrossProblem::raw_pointer, field);
    }
    if (ty->isArrayType()) return fail(path, CrossProblem::c_array, field);
    if (ty->isFunctionType()) return fail(path, CrossProblem::function, field);
    if (ty->isSpecificBuiltinType(clang::BuiltinType::Int128) ||
        ty->isSpecificBuiltinType(clang::BuiltinType::UInt128)) {
      return fail(path, CrossProblem::wide_integer, field);
    }
    if (ty->isArithmeticType() || ty->isEnumeralType()) return;
    if (ty->isVoidType()) return;

    const auto* rd = ty->getAsCXXRecordDecl();
    if (rd == nullptr) return fail(path, CrossProblem::not_a_message, field);

    const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(rd);
    const llvm::StringRef name = rd->getIdentifier() != nullptr ? rd->getName() : llvm::StringRef();
    switch (home_of(rd)) {
      case Home::std_ns:
        if (walk_std(name, spec, path, field, depth)) return;
        break;
      case Home::meshwa_ns:
        if (walk_meshwa(name, spec, path, field, depth)) return;
        break;
      case Home::chrono_ns:
        if (name == "duration" || name == "time_point") return;
        break;
      case Home::other:
        break;
    }
    if (is_iterator_like(rd)) return fail(path, CrossProblem::iterator, field);
    if (is_only_declared(rd)) {
      fail(path, CrossProblem::incomplete, field);
      if (added_) problems.back().declared = rd;
      return;
    }
    // Code, not data: before the unnamed-class advice below, which would
    // ask to name and mark a closure.
    if (rd->isLambda()) return fail(path, CrossProblem::lambda, field);
    if (is_message(rd)) return walk_members(rd, path, depth);
    if (in_std(rd)) {
      fail(path, CrossProblem::library_class, field);
      if (added_) problems.back().hint = library_hint(name);
      return;
    }
    // `struct { ... } s;` (not a typedef's `typedef struct { ... } S;`,
    // which has a name to mark).
    if (rd->getDeclName().isEmpty() && rd->getTypedefNameForAnonDecl() == nullptr) {
      return fail(path, CrossProblem::unnamed_class, field);
    }
    // `Page<Sock>`: asking to mark it MESHWA_MESSAGE would send the user to
    // a marker error (a template cannot be a message); name the template,
    // since an alias (`SockPage`) hides it.
    if (spec != nullptr) {
      fail(path, CrossProblem::template_specialization, field);
      if (added_) problems.back().hint = template_hint(*spec, path);
      return;
    }
    return fail(path, CrossProblem::not_a_message, field);
  }

  static constexpr unsigned kMaxDepth = 64;

  /// Adds a problem (added_ says whether it was: not past the limit).
  void fail(const std::string& path, CrossProblem p, const clang::Decl* field) {
    added_ = !full();
    if (!added_) return;
    CrossabilityProblem problem{path, p, field, {}, nullptr, {}};
    problem.member = member_;
    problems.push_back(std::move(problem));
  }

  /// What the common standard classes that may not cross become instead.
  static std::string library_hint(llvm::StringRef name) {
    if (name == "bitset") return "std::bitset<N>: its to_ullong() as a std::uint64_t, or its to_string()";
    if (name == "complex") return "std::complex<T>: its real() and imag() as two members of a message";
    if (name == "any") return "std::any: a std::variant of the types it may hold";
    if (name == "atomic") return "std::atomic<T>: its load(), a T";
    if (name == "path") return "std::filesystem::path: its string()";
    if (name == "year_month_day") return "std::chrono::year_month_day: the std::chrono::sys_days time point of it";
    return "";
  }

  /// "SockPage is probe::Page<probe::Sock>, of class template probe::Page":
  /// the type as it resolves and its template, which an alias hides.
  static std::string template_hint(const clang::ClassTemplateSpecializationDecl& spec, const std::string& path) {
    clang::PrintingPolicy policy(spec.getASTContext().getLangOpts());
    policy.SuppressTagKeyword = true;
    policy.FullyQualifiedName = true;
    const std::string type = clang::QualType(spec.getTypeForDecl(), 0).getAsString(policy);
    const clang::ClassTemplateDecl* tmpl = spec.getSpecializedTemplate();
    const std::string name = tmpl != nullptr ? tmpl->getQualifiedNameAsString() : spec.getQualifiedNameAsString();
    std::string hint = type == path ? type : path + " is " + type;
    return hint + ", of class template " + name;
  }

  static QualType arg_type(const clang::ClassTemplateSpecializationDecl* spec, unsigned i) {
    if (spec == nullptr) return {};
    const auto& args = spec->getTemplateArgs();
    if (i >= args.size() || args[i].getKind() != clang::TemplateArgument::Type) return {};
    return args[i].getAsType();
  }

  /// Walks the type arguments of a pack (std::variant<Ts...>, std::tuple<Ts...>)
  /// or of a plain list (std::pair<A, B>), naming element i `open i close`.
  void walk_elements(const clang::ClassTemplateSpecializationDecl* spec, const std::string& path, const char* open,
                     const char* close, const clang::Decl* field, unsigned depth) {
    if (spec == nullptr) return;
    unsigned index = 0;
    for (const clang::TemplateArgument& arg : flat_template_arguments(*spec)) {
      if (arg.getKind() != clang::TemplateArgument::Type) continue;
      std::string sub = path + open + std::to_string(index % 10) + close;  // crossable.hpp prints one digit
      ++index;
      walk(arg.getAsType(), sub, field, depth + 1);
    }
  }

  /// True when the class is decided here (its problems, if any, added).
  bool walk_std(llvm::StringRef name, const clang::ClassTemplateSpecializationDecl* spec, const std::string& path,
                const clang::Decl* field, unsigned depth) {
    if (name == "basic_string") {
      // Only std::string itself, like crossable.hpp (is_same<U, std::string>).
      const QualType ch = arg_type(spec, 0);
      const QualType alloc = arg_type(spec, 2);
      const auto* alloc_rd = alloc.isNull() ? nullptr : alloc->getAsCXXRecordDecl();
      const bool plain_char = !ch.isNull() && (ch->isSpecificBuiltinType(clang::BuiltinType::Char_S) ||
                                               ch->isSpecificBuiltinType(clang::BuiltinType::Char_U));
      if (plain_char) {
        if (alloc_rd != nullptr && alloc_rd->getName() == "allocator" && home_of(alloc_rd) == Home::std_ns) {
          return true;
        }
      }
      fail(path, CrossProblem::library_class, field);
      if (added_) problems.back().hint = "only std::string crosses, as UTF-8: convert to it";
      return true;
    }
    if (name == "monostate") return true;
    if (name == "basic_string_view" || name == "span") return fail(path, CrossProblem::view, field), true;
    if (name == "function" || name == "move_only_function" || name == "copyable_function") {
      return fail(path, CrossProblem::std_function, field), true;
    }
    if (name == "shared_ptr") {
      const QualType element = arg_type(spec, 0);
      if (element.isNull()) return false;
      if (!element.isConstQualified()) return fail(path, CrossProblem::mutable_shared_ptr, field), true;
      return walk(element, path + "->", field, depth + 1), true;
    }
    if (name == "unique_ptr") return fail(path, CrossProblem::unique_ptr, field), true;
    if (name == "weak_ptr") return fail(path, CrossProblem::weak_ptr, field), true;
    if (name == "optional") return walk(arg_type(spec, 0), path + "?", field, depth + 1), true;
    if (name == "vector" || name == "deque" || name == "list" || name == "set" || name == "multiset" ||
        name == "unordered_set" || name == "array") {
      return walk(arg_type(spec, 0), path + "[]", field, depth + 1), true;
    }
    if (name == "map" || name == "multimap" || name == "unordered_map") {
      walk(arg_type(spec, 0), path + "{key}", field, depth + 1);
      return walk(arg_type(spec, 1), path + "[]", field, depth + 1), true;
    }
    if (name == "variant") return walk_elements(spec, path, "<", ">", field, depth), true;
    if (name == "pair" || name == "tuple") return walk_elements(spec, path, ".", "", field, depth), true;
    return false;  // not decided: iterators, messages-by-mistake, ... below
  }

  bool walk_meshwa(llvm::StringRef name, const clang::ClassTemplateSpecializationDecl* spec,
                   const std::string& path, const clang::Decl* field, unsigned depth) {
    if (name == "Error" && spec == nullptr) return true;
    if (name == "Ref") return true;  // a capability
    if (name == "Owned" || name == "Shared") return walk(arg_type(spec, 0), path + "->", field, depth + 1), true;
    if (name == "Result") {
      const QualType value = arg_type(spec, 0);
      if (value.isNull() || value->isVoidType()) return true;
      return walk(value, path + "?", field, depth + 1), true;
    }
    return false;
  }

  void walk_members(const clang::CXXRecordDecl* rd, const std::string& path, unsigned depth) {
    const clang::CXXRecordDecl* def = rd->getDefinition();
    if (def == nullptr) return;  // incomplete: the compiler reports that already
    // Once per walk: a recursive message, or one met again on another
    // path, whose members are said already.
    if (!walked_.insert(def->getCanonicalDecl()).second) return;
    // Base classes are not walked: a message crosses as its own members
    // (crossable.hpp's Hana adaptation lists only those), and a message with
    // a base class is an error of its own, reported once at the message
    // (meshwa-boundary-type at the base, [meshwa-gen] in the generator), not
    // again at every interface method whose type holds the message.
    for (const clang::FieldDecl* f : def->fields()) {
      if (full()) break;
      // The outermost message member on the path: where a report at the
      // member of the checked message goes.
      const clang::Decl* const outer = member_;
      if (member_ == nullptr) member_ = f;
      QualType ft = f->getType();
      if (f->isAnonymousStructOrUnion()) {
        // Its members are written `message.member`, as if the message's
        // own, so the path stops at the message that holds it.
        const clang::RecordDecl* anonymous = ft->getAsRecordDecl();
        const bool is_union = anonymous != nullptr && anonymous->isUnion();
        fail(path, is_union ? CrossProblem::anonymous_union : CrossProblem::anonymous_struct, f);
      } else {
        const std::string name = f->getIdentifier() != nullptr ? f->getName().str() : std::string("(unnamed)");
        if (f->isMutable()) {
          // Writable through every const path to the shared message.
          fail(path + "." + name, CrossProblem::mutable_member, f);
        } else if (ft->isReferenceType()) {
          fail(path + "." + name, CrossProblem::reference, f);
        } else {
          walk(ft, path + "." + name, f, depth + 1);
        }
      }
      member_ = outer;
    }
  }

  clang::PrintingPolicy policy_;
  llvm::SmallPtrSet<const clang::Decl*, 8> walked_;          // messages whose members were walked
  llvm::DenseMap<const clang::Type*, unsigned> crossable_;  // type -> least depth it was walked at
  std::set<std::pair<const clang::Decl*, const clang::Type*>> said_;  // (member, type) whose problems are added
  std::size_t limit_ = 1;
  bool added_ = false;                  // did the last fail() add its problem?
  const clang::Decl* member_ = nullptr;  // the outermost message member on the current path
};

/// The reasons alone, without a remedy: at most `limit`.
std::vector<CrossabilityProblem> problems_of_type(clang::QualType type, clang::ASTContext& ctx, Position position,
                                                  std::size_t limit) {
  if (type.isNull() || type->isDependentType()) return {};
  Walker walker(ctx);
  walker.set_limit(limit);
  if (const auto* ref = type->getAs<clang::ReferenceType>()) {
    const QualType pointee = ref->getPointeeType();
    const bool borrow = position == Position::param && llvm::isa<clang::LValueReferenceType>(ref) &&
                        pointee.isConstQualified();
    if (!borrow) return {CrossabilityProblem{walker.written(type), CrossProblem::reference, nullptr, {}, nullptr, {}}};
    walker.walk(pointee, walker.name_of(pointee), nullptr, 0);
    return std::move(walker.problems);
  }
  if (position != Position::result && type->isVoidType()) {
    return {CrossabilityProblem{walker.name_of(type), CrossProblem::not_a_message, nullptr, {}, nullptr, {}}};
  }
  walker.walk(type, walker.name_of(type), nullptr, 0);
  return std::move(walker.problems);
}

/// For the most common C++ habit at a boundary, a pointer or reference
/// parameter the callee writes through or reads, or a pointer or reference
/// result: what replaces it ("" when there is nothing more to say than the
/// reason, or the problem lies deeper than the top of the type).
std::string top_level_remedy(QualType type, Position position, const CrossabilityProblem& problem) {
  if (position == Position::member || problem.field != nullptr) return "";
  if (!type->isPointerType() && !type->isReferenceType()) return "";
  if (problem.problem != CrossProblem::raw_pointer && problem.problem != CrossProblem::reference) return "";
  const QualType pointee = type->getPointeeType();
  const bool text = type->isPointerType() && pointee->isAnyCharacterType();
  if (position == Position::result) {
    return std::string("return ") + (text ? "a std::string" : "the value itself") +
           " (as meshwa::Result<T> if there may be none)";
  }
  if (type->isRValueReferenceType()) return "to take it over, take the parameter by value";
  if (pointee.isConstQualified()) {
    if (!type->isPointerType()) return "";
    return text ? "for text, take a `const std::string&`" : "to lend the callee an object, take a `const T&`";
  }
  return "to hand a result back, return it (as meshwa::Result<T> if the call can fail)";
}

}  // namespace

std::vector<CrossabilityProblem> crossability_problems(clang::QualType type, clang::ASTContext& ctx,
                                                       Position position) {
  std::vector<CrossabilityProblem> problems = problems_of_type(type, ctx, position, kMaxProblems);
  for (CrossabilityProblem& problem : problems) {
    problem.remedy = top_level_remedy(type, position, problem);
    // Found inside a message: a member of it holds the part, whatever the
    // checked type was.
    problem.holder = problem.field != nullptr ? Position::member : position;
  }
  return problems;
}

std::optional<CrossabilityProblem> why_not_crossable(clang::QualType type, clang::ASTContext& ctx,
                                                     Position position) {
  std::vector<CrossabilityProblem> problems = problems_of_type(type, ctx, position, 1);
  if (problems.empty()) return std::nullopt;
  CrossabilityProblem& problem = problems.front();
  problem.remedy = top_level_remedy(type, position, problem);
  problem.holder = problem.field != nullptr ? Position::member : position;
  return std::move(problem);
}

std::vector<CrossabilityProblem> message_member_problems(const clang::CXXRecordDecl& message,
                                                         clang::ASTContext& ctx) {
  if (message.isDependentContext()) return {};
  Walker walker(ctx);
  walker.set_limit(kMaxProblems);
  walker.walk_message(&message, walker.name_of(ctx.getRecordType(&message)));
  for (CrossabilityProblem& problem : walker.problems) problem.holder = Position::member;
  return std::move(walker.problems);
}

bool checked_at_members(const clang::CXXRecordDecl& record, WrittenHere written_here) {
  if (!is_message(&record) || record.isDependentContext()) return false;
  if (llvm::isa<clang::ClassTemplateSpecializationDecl>(record) || record.getTemplateInstantiationPattern() != nullptr) {
    return false;
  }
  return written_here(record);
}

bool said_at_its_member(const clang::Decl* field, WrittenHere written_here) {
  if (field == nullptr) return false;
  const auto* message = llvm::dyn_cast<clang::CXXRecordDecl>(field->getDeclContext());
  return message != nullptr && checked_at_members(*message, written_here);
}

std::vector<CrossabilityProblem> member_reports(const clang::CXXRecordDecl& record, clang::ASTContext& ctx,
                                                WrittenHere written_here) {
  std::vector<CrossabilityProblem> out;
  for (CrossabilityProblem& problem : message_member_problems(record, ctx)) {
    const auto* member = llvm::dyn_cast_or_null<clang::FieldDecl>(problem.member);
    if (member == nullptr) continue;
    if (problem.field != member && said_at_its_member(problem.field, written_here)) continue;
    out.push_back(std::move(problem));
  }
  return out;
}

CrossabilityProblem mutable_member_problem(const clang::FieldDecl& member, clang::ASTContext& ctx) {
  CrossabilityProblem problem;
  const auto* message = llvm::dyn_cast<clang::CXXRecordDecl>(member.getParent());
  const std::string name = member.getIdentifier() != nullptr ? member.getName().str() : std::string("(unnamed)");
  problem.path = (message != nullptr ? Walker(ctx).name_of(ctx.getRecordType(message)) : std::string("?")) + "." + name;
  problem.problem = CrossProblem::mutable_member;
  problem.field = &member;
  problem.member = &member;
  return problem;
}

std::string param_subject(llvm::StringRef param, llvm::StringRef method) {
  return (param.empty() ? std::string("a parameter") : "parameter '" + param.str() + "'") + " of interface method '" +
         method.str() + "'";
}

std::string result_subject(llvm::StringRef method) { return "the result of interface method '" + method.str() + "'"; }

std::string member_subject(const clang::FieldDecl& member, clang::ASTContext& ctx) {
  const auto* message = llvm::dyn_cast<clang::CXXRecordDecl>(member.getParent());
  const std::string name = message != nullptr ? Walker(ctx).name_of(ctx.getRecordType(message)) : std::string("?");
  if (member.isAnonymousStructOrUnion()) {
    const clang::RecordDecl* anonymous = member.getType()->getAsRecordDecl();
    return std::string("the anonymous ") + (anonymous != nullptr && anonymous->isUnion() ? "union" : "struct") +
           " in message '" + name + "'";
  }
  const std::string field = member.getIdentifier() != nullptr ? member.getName().str() : std::string("(unnamed)");
  return "member '" + field + "' of message '" + name + "'";
}

std::string boundary_error(llvm::StringRef subject, const CrossabilityProblem& problem) {
  return subject.str() + " cannot cross a service boundary: " + problem.message();
}

std::string declared_here(const clang::Decl& member) {
  const auto* field = llvm::dyn_cast<clang::FieldDecl>(&member);
  if (field != nullptr && field->isAnonymousStructOrUnion()) {
    // Its qualified name would be the type's, printed with the scope
    // twice ("Msg::Msg::(anonymous union at f.cpp:4:3)").
    const clang::RecordDecl* anonymous = field->getType()->getAsRecordDecl();
    return std::string("the anonymous ") + (anonymous != nullptr && anonymous->isUnion() ? "union" : "struct") +
           " in '" + field->getParent()->getQualifiedNameAsString() + "' is declared here";
  }
  if (const auto* named = llvm::dyn_cast<clang::NamedDecl>(&member)) {
    return "'" + named->getQualifiedNameAsString() + "' is declared here";
  }
  return "the member is declared here";
}

}  // namespace meshwa::rules
