// Initialisers that read what they initialise, or what is initialised after
// them: `int n = n + 1;`, a default member initialiser or a mem-initialiser
// reading its own member or a later one, a base initialiser reading any
// member; also through a member function of the class or a constructor of
// the user's that reads the reference it is given.
#include "Uninitialized.h"
#include "Annotations.h"
#include "Flow.h"
#include "TypeUtil.h"

namespace meshwa::rules::uninitialized {

namespace {

std::vector<Read> reads_of(const clang::Expr* init, const NotYetInitialised& target, RuleContext& ctx, int depth = 0);

/// `std::reference_wrapper`, or Boost's (`boost::reference_wrapper`, what
/// `boost::ref` makes, the pre-C++11 original that Boost's own classes
/// keep references in): holds the address of what it is built from.
bool is_reference_wrapper(const clang::CXXRecordDecl* record) {
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "reference_wrapper") {
    return false;
  }
  if (is_std_class(record, {"reference_wrapper"})) return true;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext()->getRedeclContext());
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "boost" &&
         ns->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

/// `std::begin(arr)`, `std::end(arr)`, `std::data(arr)` (and the c/r
/// forms) of a C array: the address of an element, computed from where the
/// array is, not from what it holds, like `arr` decaying to a pointer.
/// Also in a template pattern, where the call is not resolved yet and every
/// candidate is std's. Returns the argument, else nullptr.
const clang::Expr* array_position_call(const clang::Stmt& s) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
  if (call == nullptr || call->getNumArgs() != 1 || llvm::isa<clang::CXXMemberCallExpr, clang::CXXOperatorCallExpr>(call)) {
    return nullptr;
  }
  const clang::Expr* arg = call->getArg(0);
  const clang::QualType type = arg->IgnoreParenImpCasts()->getType();
  if (type.isNull() || (!type->isArrayType() && !type->isDependentType())) return nullptr;
  const llvm::StringRef name = std_function_name(*call);
  const bool position = name == "begin" || name == "end" || name == "cbegin" || name == "cend" || name == "rbegin" ||
                        name == "rend" || name == "crbegin" || name == "crend" || name == "data";
  return position ? arg : nullptr;
}

/// The C array of `target` (the expression naming it) whose place `e`
/// is: `arr` decaying, `std::begin(arr)`, `arr + n`, `std::end(arr) - 1`.
const clang::Expr* array_place(const clang::Expr* e, const NotYetInitialised& target) {
  for (int depth = 0; e != nullptr && depth < 16; ++depth) {
    e = e->IgnoreParens();
    if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(e)) {
      if (cast->getCastKind() == clang::CK_ArrayToPointerDecay) {
        return target.is_path_to(cast->getSubExpr()) ? cast->getSubExpr()->IgnoreParens() : nullptr;
      }
      if (cast->getCastKind() != clang::CK_NoOp) return nullptr;
      e = cast->getSubExpr();
      continue;
    }
    if (const clang::Expr* array = array_position_call(*e)) {
      return target.is_path_to(array) ? array->IgnoreParenImpCasts() : nullptr;
    }
    const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(e);
    if (binary == nullptr || !binary->isAdditiveOp() || binary->getLHS()->getType().isNull()) return nullptr;
    e = binary->getLHS()->getType()->isPointerType() ? binary->getLHS() : binary->getRHS();
  }
  return nullptr;
}

/// The pointer `e` goes through to an element: of `*p`, `p[i]`, `p->x`;
/// else nullptr.
const clang::Expr* dereferenced(const clang::Expr& e) {
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&e)) {
    return unary->getOpcode() == clang::UO_Deref ? unary->getSubExpr() : nullptr;
  }
  if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(&e)) return subscript->getBase();
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&e)) return member->isArrow() ? member->getBase() : nullptr;
  return nullptr;
}

/// Whether `s` names a member of the object under construction (`ref_`,
/// `this->ref_`).
bool mentions_own_member(const clang::Stmt* s) {
  return flow::contains(s, [](const clang::Stmt& e) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(&e);
    return member != nullptr && llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts());
  });
}

/// The definition of a library constructor (outside service code) that can
/// be looked into: visible (instantiated from a header), with an empty
/// body and mem-initialisers that use no member of the object, so that a
/// reference it keeps is not used through that member either
/// (`std::lock_guard<std::mutex>(m) : _M_device(m) { _M_device.lock(); }`
/// keeps `m` and locks it: not this). Else nullptr.
const clang::CXXConstructorDecl* library_constructor_definition(const clang::FunctionDecl* fn) {
  const auto* def = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(definition_with_body(fn));
  if (def == nullptr || def->isDeleted() || def->isDefaulted()) return nullptr;
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(def->getBody());
  if (body == nullptr || !body->body_empty()) return nullptr;
  for (const clang::CXXCtorInitializer* init : def->inits()) {
    if (init->isWritten() && init->getInit() != nullptr && mentions_own_member(init->getInit())) return nullptr;
  }
  return def;
}

/// The definition of `fn` when it is written in service code, else nullptr.
const clang::FunctionDecl* service_definition(const clang::FunctionDecl* fn, RuleContext& ctx) {
  if (fn == nullptr) return nullptr;
  const clang::FunctionDecl* def = definition_with_body(fn);
  if (def == nullptr || def->isDeleted() || def->isDefaulted()) return nullptr;
  if (!ctx.service_code.contains(def->getLocation())) return nullptr;
  return def;
}

/// The reads in a function body: reads_of on each expression of its
/// statements (declarations' initialisers included).
std::vector<Read> reads_in_body(const clang::Stmt* body, const NotYetInitialised& target, RuleContext& ctx,
                                int depth) {
  std::vector<Read> reads;
  std::vector<const clang::Stmt*> pending{body};
  while (!pending.empty()) {
    const clang::Stmt* s = pending.back();
    pending.pop_back();
    if (s == nullptr) continue;
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
      std::vector<Read> more = reads_of(e, target, ctx, depth);
      reads.insert(reads.end(), more.begin(), more.end());
      continue;
    }
    for (const clang::Stmt* child : s->children()) pending.push_back(child);
  }
  return reads;
}

/// Where a read found in the body of `fn` really happens: in `fn`, or in
/// a function it calls. (`inner` and `inner_fn` of the result.)
Read innermost(const Read& read, const clang::FunctionDecl& fn) {
  Read result;
  result.inner = read.inner != nullptr ? read.inner : read.at;
  result.inner_fn = read.inner_fn != nullptr ? read.inner_fn : &fn;
  return result;
}

/// `text_(text)`, `int& r = v;`: a reference member bound to the object
/// itself (or a part of it) names it without reading it. A conversion that
/// makes a temporary (`const long& r = an_int;`) reads it.
bool binds_reference_member(const clang::ValueDecl* member, const clang::Expr* init,
                            const NotYetInitialised& target) {
  if (member == nullptr || init == nullptr || !member->getType()->isReferenceType()) return false;
  const clang::Expr* bound = init->IgnoreParens();
  if (!bound->isGLValue() || llvm::isa<clang::MaterializeTemporaryExpr>(bound)) return false;
  // Casts left on a glvalue only adjust its type (const, a base): no read.
  bound = bound->IgnoreParenImpCasts();
  // Through a reference member not bound yet (`r1(r2)` before `r2`), the
  // binding reads what that reference refers to: there is nothing yet.
  for (const clang::Expr* e = bound; const auto* part = llvm::dyn_cast<clang::MemberExpr>(e);
       e = part->getBase()->IgnoreParenImpCasts()) {
    if (part->getMemberDecl()->getType()->isReferenceType()) return false;
  }
  return target.is_path_to(bound);
}

/// The first read of the reference parameter `param` in the constructor
/// `def` (its mem-initialisers and body), or nullptr when it only keeps it:
/// binds a reference member to it (`text_(text)`), takes its address, hands
/// it on to a constructor that keeps it, or captures it by reference.
Read reads_parameter(const clang::CXXConstructorDecl& def, const clang::ParmVarDecl& param, RuleContext& ctx,
                     int depth) {
  NotYetInitialised target;
  target.var = &param;
  for (const clang::CXXCtorInitializer* init : def.inits()) {
    if (!init->isWritten() || init->getInit() == nullptr) continue;
    const clang::FieldDecl* member = init->getMember();
    if (binds_reference_member(member, init->getInit(), target)) continue;
    const std::vector<Read> reads = reads_of(init->getInit(), target, ctx, depth + 1);
    if (!reads.empty()) return innermost(reads.front(), def);
  }
  const std::vector<Read> reads = reads_in_body(def.getBody(), target, ctx, depth + 1);
  if (!reads.empty()) return innermost(reads.front(), def);
  return {};
}

/// A reference parameter or reference member bound to the object itself:
/// `Parser parser_{buffer_};` with `Parser(std::string& buffer)` declared in
/// service code, an aggregate with a `Node& self` member. The object is
/// named, not read: a class of the user's that keeps a reference to a
/// member declared after it is the usual way to wire parts together. When
/// the constructor's definition is in the file, it is looked into: one
/// that reads the parameter (`Base(const int& x) : v_(x) {}`) reads the
/// object, and `read_in`/`reader` are set to the read and the constructor.
/// A standard library constructor or any other function taking a reference
/// (the copy constructor, operator+) reads through it and is not excused.
bool binds_reference_for_later(const clang::Stmt& parent, const clang::Expr& arg, RuleContext& ctx, int depth,
                               Read& read_in, const clang::FunctionDecl*& reader) {
  read_in = {};
  reader = nullptr;
  const clang::FunctionDecl* callee = nullptr;
  unsigned index = 0;
  bool found = false;
  // std::ref(x), std::cref(x), std::reference_wrapper<T>(x): kept, not read.
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&parent)) {
    const clang::FunctionDecl* fn = call->getDirectCallee();
    return fn != nullptr && fn->isInStdNamespace() && fn->getIdentifier() != nullptr &&
           (fn->getName() == "ref" || fn->getName() == "cref");
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&parent)) {
    callee = construct->getConstructor();
    if (callee != nullptr && is_reference_wrapper(construct->getConstructor()->getParent()) &&
        !llvm::cast<clang::CXXConstructorDecl>(callee)->isCopyOrMoveConstructor()) {
      return true;
    }
    for (unsigned i = 0; i < construct->getNumArgs() && !found; ++i) {
      if (construct->getArg(i) == &arg) index = i, found = true;
    }
    if (callee != nullptr && llvm::cast<clang::CXXConstructorDecl>(callee)->isCopyOrMoveConstructor()) return false;
  } else if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(&parent)) {
    // An aggregate's reference member.
    const clang::RecordDecl* record = list->getType()->getAsRecordDecl();
    if (record == nullptr || list->getType()->isDependentType()) return false;
    unsigned i = 0;
    for (const clang::FieldDecl* field : record->fields()) {
      if (i < list->getNumInits() && list->getInit(i) == &arg) return field->getType()->isReferenceType();
      ++i;
    }
    return false;
  }
  if (!found || callee == nullptr) return false;
  if (index >= callee->getNumParams() || !callee->getParamDecl(index)->getType()->isReferenceType()) return false;
  // A library constructor is trusted only as far as its visible body shows
  // that it keeps the reference and reads nothing through it
  // (`qi::grammar<It, Sig>(start_rule)` of a Spirit grammar keeps its start
  // rule in a reference_wrapper); one it cannot see into, or deeper than
  // kMaxCallDepthForInitialiserReads, reads. A service constructor defined
  // in another file is trusted, as before.
  const bool library = !ctx.service_code.contains(callee->getLocation());
  if (depth >= kMaxCallDepthForInitialiserReads) return !library;
  const clang::CXXConstructorDecl* def =
      library ? library_constructor_definition(callee)
              : llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(service_definition(callee, ctx));
  if (def == nullptr || index >= def->getNumParams()) return !library;  // defined elsewhere
  read_in = reads_parameter(*def, *def->getParamDecl(index), ctx, depth);
  if (read_in.inner == nullptr) return true;
  if (library) {
    read_in = {};  // reported as a read of the argument: the library's body is no place for a note
    return false;
  }
  reader = def;
  return false;
}

/// `compute()`, `this->compute()`: a call of a member function of `record`
/// on the object under construction, whose definition is in the file. While
/// the object is being built, even a virtual call runs this class's own
/// function.
const clang::FunctionDecl* own_member_call(const clang::Stmt& s, const clang::RecordDecl* record, RuleContext& ctx) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  if (call == nullptr || record == nullptr) return nullptr;
  const clang::CXXMethodDecl* method = call->getMethodDecl();
  if (method == nullptr || method->isStatic() || method->getParent() != record) return nullptr;
  const clang::Expr* object = call->getImplicitObjectArgument();
  if (object == nullptr || !llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) return nullptr;
  return service_definition(method, ctx);
}

/// `a.zero()`, `a.kLimit`, `a.ONE` for a static member function, a static
/// data member or an enumerator: the object is named, not read.
bool names_static_member(const clang::MemberExpr& member) {
  const clang::ValueDecl* decl = member.getMemberDecl();
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(decl)) return method->isStatic();
  if (const auto* var = llvm::dyn_cast<clang::VarDecl>(decl)) return var->isStaticDataMember();
  return llvm::isa<clang::EnumConstantDecl>(decl);
}

/// The reads of not-yet-initialised storage in `init`, outside unevaluated
/// operands (sizeof, decltype, noexcept, a non-polymorphic typeid), the
/// operand of & or std::addressof, lambda bodies and by-reference captures
/// (they run, or read, later), the left side of a plain assignment to a
/// scalar (a write), and references a user's constructor keeps without
/// reading them. Member functions of the class called on the object under
/// construction are looked into (`a_(compute())` where compute() reads
/// `b_`), as are constructors of the user's taking a reference to it.
/// Iterative: initialisers can be deeper than the stack.
std::vector<Read> reads_of(const clang::Expr* init, const NotYetInitialised& target, RuleContext& ctx, int depth) {
  std::vector<Read> reads;
  // A C array as the whole initialiser (`T* p = data_;` in a class
  // template's pattern, where no decay is written yet; a reference bound
  // to it) initialises a pointer or a reference: its place, no element.
  if (init != nullptr && !init->IgnoreParens()->getType().isNull() && init->IgnoreParens()->getType()->isArrayType() &&
      target.is_path_to(init->IgnoreParens())) {
    return reads;
  }
  std::vector<const clang::Stmt*> pending{init};
  std::set<const clang::FunctionDecl*> followed;
  while (!pending.empty()) {
    const clang::Stmt* s = pending.back();
    pending.pop_back();
    if (s == nullptr) continue;
    if (llvm::isa<clang::UnaryExprOrTypeTraitExpr, clang::CXXNoexceptExpr>(s)) continue;
    if (const auto* type_id = llvm::dyn_cast<clang::CXXTypeidExpr>(s); type_id && !type_id->isPotentiallyEvaluated()) {
      continue;
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(s);
        op != nullptr && op->getOpcode() == clang::UO_AddrOf && target.is_path_to(op->getSubExpr())) {
      continue;
    }
    if (const clang::CallExpr* call = address_of_call(*s); call != nullptr && target.is_path_to(call->getArg(0))) {
      continue;
    }
    // `T* p = m_data;`, `T* b = std::begin(m_data);`, `m_data + 4` of a C
    // array: its place, not its elements; `*p`, `p[i]` and `p->x` of such a
    // place read an element.
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
      if (const clang::Expr* array = array_place(dereferenced(*e), target)) {
        reads.push_back({array, array, nullptr, nullptr});
        continue;
      }
      if (array_place(e, target) != nullptr) continue;
    }
    if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(s);
        assign != nullptr && assign->getOpcode() == clang::BO_Assign && target.named(assign->getLHS()) != nullptr) {
      pending.push_back(assign->getRHS());  // a write of a scalar
      continue;
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(s);
        member != nullptr && names_static_member(*member) && target.is_path_to(member->getBase())) {
      continue;
    }
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(s)) {
      // The body runs later; a by-copy capture (or init-capture) reads now.
      auto init_it = lambda->capture_init_begin();
      for (const clang::LambdaCapture& capture : lambda->captures()) {
        const clang::Expr* capture_init = *init_it++;
        if (capture.getCaptureKind() == clang::LCK_ByRef) continue;
        pending.push_back(capture_init);
      }
      continue;
    }
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s); e != nullptr && target.named(e) != nullptr) {
      reads.push_back({e, e, nullptr, nullptr});
      continue;
    }
    if (depth < kMaxCallDepthForInitialiserReads) {
      if (const clang::FunctionDecl* method = own_member_call(*s, target.record, ctx);
          method != nullptr && followed.insert(method).second) {
        for (const Read& r : reads_in_body(method->getBody(), target, ctx, depth + 1)) {
          const Read where = innermost(r, *method);
          reads.push_back({llvm::cast<clang::Expr>(s), r.member, method, where.inner, where.inner_fn});
        }
      }
    }
    for (const clang::Stmt* child : s->children()) {
      const auto* arg = llvm::dyn_cast_or_null<clang::Expr>(child);
      if (arg != nullptr && target.named(arg) != nullptr) {
        Read read_in;
        const clang::FunctionDecl* reader = nullptr;
        if (binds_reference_for_later(*s, *arg, ctx, depth, read_in, reader)) continue;
        if (reader != nullptr) {
          reads.push_back({arg, arg, reader, read_in.inner, read_in.inner_fn});
          continue;
        }
      }
      pending.push_back(child);
    }
  }
  return reads;
}

}  // namespace

/// `int n = n + 1;`, `std::string s = s + "x";`: the variable is read in
/// its own initialiser, before it holds a value (for a class type, before
/// it is even constructed).
void Uninitialized::check_self_initialisation(const clang::VarDecl& var, RuleContext& ctx) {
  const clang::Expr* init = var.getInit();
  if (init == nullptr || llvm::isa<clang::ParmVarDecl>(var)) return;
  NotYetInitialised target;
  target.var = &var;
  const std::vector<Read> reads = reads_of(init, target, ctx);
  if (reads.empty()) return;
  // A variable of static storage of scalar type holds zero before its
  // initialiser runs (static storage is zeroed first): defined, but
  // surely not what was meant. Anything else holds nothing yet.
  const bool zeroed = !var.hasLocalStorage() && var.getType()->isScalarType();
  ctx.report.error(reads.front().at->getExprLoc(), kName,
                   "'" + var.getName().str() + "' is read in its own initialiser, " +
                       (zeroed ? "where it still holds the zero static storage starts with"
                               : "before it holds a value (undefined behaviour)") +
                       "; initialise it from other values")
      << reads.front().at->getSourceRange();
  note_reader(reads.front(), "'" + var.getName().str() + "'", ctx);
}

/// For a read inside a called function: a note at that read.
void Uninitialized::note_reader(const Read& read, const std::string& name, RuleContext& ctx) {
  if (read.via == nullptr || read.inner == nullptr) return;
  const clang::FunctionDecl& fn = read.inner_fn != nullptr ? *read.inner_fn : *read.via;
  ctx.report.note(read.inner->getExprLoc(), reader_name(fn) + " reads " + name + " here");
}

std::string Uninitialized::reader_name(const clang::FunctionDecl& fn) {
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn)) {
    return "the constructor of '" + ctor->getParent()->getNameAsString() + "'";
  }
  return "'" + fn.getNameAsString() + "'";
}

/// `struct S { int a = b + 1; int b = 2; };`: members are initialised in
/// declaration order, so `b` holds nothing yet when `a`'s initialiser runs
/// (and `std::string head = tail;` copies a string not yet constructed).
void Uninitialized::check_default_member_initialiser(const clang::FieldDecl& field, RuleContext& ctx) {
  const clang::Expr* init = field.getInClassInitializer();
  if (init == nullptr) return;
  NotYetInitialised target;
  target.record = field.getParent();
  target.first_field = field.getFieldIndex();
  if (binds_reference_member(&field, init, target)) return;
  report_member_reads(reads_of(init, target, ctx), "'" + field.getName().str() + "'", &field, ctx);
}

/// `S() : a(b), b(1) {}`: the order of the mem-initialisers is not the
/// order of initialisation; declaration order is. A base initialiser runs
/// before every member.
void Uninitialized::check_mem_initialisers(const clang::CXXConstructorDecl& ctor, RuleContext& ctx) {
  if (!ctor.doesThisDeclarationHaveABody()) return;
  const clang::CXXRecordDecl* record = ctor.getParent();
  for (const clang::CXXCtorInitializer* init : ctor.inits()) {
    if (!init->isWritten() || init->getInit() == nullptr) continue;
    NotYetInitialised target;
    target.record = record;
    std::string what;
    const clang::FieldDecl* member = init->getMember();
    if (member != nullptr) {
      if (member->getParent() != record) continue;  // a member of an anonymous struct or union
      target.first_field = member->getFieldIndex();
      what = "'" + member->getName().str() + "'";
    } else if (init->isDelegatingInitializer() || is_own_type_initialiser(*init, *record)) {
      // `S() : S(x_) {}`: the target constructor initialises everything,
      // after its arguments are evaluated, with no member initialised yet.
      target.first_field = 0;
      report_member_reads(reads_of(init->getInit(), target, ctx), "the delegating constructor call", nullptr, ctx,
                          false, /*delegated=*/true);
      continue;
    } else if (init->isBaseInitializer()) {
      target.first_field = 0;
      what = "base '" + clang::QualType(init->getBaseClass(), 0).getAsString(ctx.ast.getPrintingPolicy()) + "'";
      if (init->getBaseClass()->isDependentType()) {
        check_dependent_base_initialiser(ctor, *init, what, ctx);
        continue;
      }
    } else {
      continue;
    }
    if (binds_reference_member(member, init->getInit(), target)) continue;
    report_member_reads(reads_of(init->getInit(), target, ctx), what, member, ctx, init->isBaseInitializer());
  }
}

/// `template <class It> struct G : qi::grammar<It, Sig> { G() :
/// G::base_type(start) {} Rule start; };`: which constructor of a
/// dependent base runs, and whether it reads the member it is handed or
/// only keeps a reference to it, is known only in an instantiation of the
/// class. Judged in each instantiation that defines this constructor,
/// reported once, at the template; a constructor no instantiation uses
/// never runs.
void Uninitialized::check_dependent_base_initialiser(const clang::CXXConstructorDecl& ctor,
                                                     const clang::CXXCtorInitializer& init, const std::string& what,
                                                     RuleContext& ctx) {
  for (const clang::ClassTemplateSpecializationDecl* spec : instantiations(*ctor.getParent())) {
    for (const clang::CXXConstructorDecl* made : spec->ctors()) {
      const clang::FunctionDecl* pattern = made->getTemplateInstantiationPattern();
      if (pattern == nullptr || pattern->getCanonicalDecl() != ctor.getCanonicalDecl() ||
          !made->doesThisDeclarationHaveABody()) {
        continue;
      }
      for (const clang::CXXCtorInitializer* made_init : made->inits()) {
        if (!made_init->isWritten() || !made_init->isBaseInitializer() || made_init->getInit() == nullptr ||
            made_init->getSourceLocation() != init.getSourceLocation()) {
          continue;
        }
        NotYetInitialised target;
        target.record = spec;
        target.first_field = 0;
        const std::vector<Read> reads = reads_of(made_init->getInit(), target, ctx);
        if (reads.empty()) continue;
        report_member_reads(reads, what, nullptr, ctx, true);
        return;
      }
    }
  }
}

void Uninitialized::report_member_reads(const std::vector<Read>& reads, const std::string& what,
                                        const clang::FieldDecl* initialised, RuleContext& ctx, bool base,
                                        bool delegated) {
  std::set<const clang::Decl*> seen;
  for (const Read& read : reads) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(read.member->IgnoreParenImpCasts());
    const clang::ValueDecl* field = member != nullptr ? member->getMemberDecl() : nullptr;
    if (field == nullptr || !seen.insert(field).second) continue;
    const std::string name = "'" + field->getName().str() + "'";
    const bool self = field == initialised;
    // `compute()` reading it, or a constructor of the user's reading
    // its reference parameter.
    std::string how = "is read in ";
    if (read.via != nullptr) {
      how = "is read by " + reader_name(*read.via) +
            (llvm::isa<clang::CXXConstructorDecl>(read.via) ? " through a reference parameter, in "
                                                             : ", called in ");
    }
    std::string message;
    if (self) {
      message = "member " + name + " " + how + "its own initialiser, before it holds a value (undefined "
                "behaviour); initialise it from other values";
    } else if (delegated) {
      message = "member " + name + " " + how + "the arguments of " + what + ", which run before any member is "
                "initialised (the constructor called initialises them all); pass a value from this "
                "constructor's parameters or a constant instead";
    } else if (base) {
      // Bases are built before every member: the members' order does
      // not matter.
      message = "member " + name + " " + how + "the initialiser of " + what + ", which runs before " + name +
                " is initialised (bases are initialised before every member, whatever the order of the members "
                "or of the initialiser list, so declaring " + name + " first does not help); pass the value " +
                name + " would be given instead (from the constructor's parameters or a constant), or move " +
                name + " into a base listed before " + what.substr(std::string("base ").size()) +
                " (the base-from-member idiom)";
    } else {
      message = "member " + name + " " + how + "the initialiser of " + what + ", which runs before " + name +
                " is initialised (members are initialised in the order they are declared, after the bases); "
                "declare " + name + " first, or compute the value from the constructor's parameters";
    }
    ctx.report.error(read.at->getExprLoc(), kName, message) << read.at->getSourceRange();
    note_reader(read, name, ctx);
    if (!self) ctx.report.note(field->getLocation(), name + " is declared here");
  }
}

}  // namespace meshwa::rules::uninitialized
