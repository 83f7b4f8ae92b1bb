// What the standard containers' (and meshwa's handles') member functions do
// to the iterators, references and views into them: the table of the
// standard's invalidation rules that meshwa-iterator-invalidation applies.
// Separate from the rule's analysis (the IteratorInvalidation/ folder), which
// decides which handles a change reaches and when they are used.
#include "ContainerEffects.h"

#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace meshwa::rules::containers {

namespace {

/// meshwa::<name><...> (Owned, Shared, Result).
bool is_meshwa_template(const clang::CXXRecordDecl* record, llvm::StringRef name) {
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  if (spec == nullptr || spec->getIdentifier() == nullptr || spec->getName() != name) return false;
  const clang::DeclContext* dc = spec->getDeclContext();
  while (dc != nullptr && dc->isInlineNamespace()) dc = dc->getParent();
  const auto* ns = llvm::dyn_cast_or_null<clang::NamespaceDecl>(dc);
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "meshwa" &&
         ns->getParent()->getRedeclContext()->isTranslationUnit();
}

/// meshwa::Owned<T>: the one handle on a value in the exchange heap. Moving
/// it away hands the value to whoever receives it (who may free it).
bool is_meshwa_owned(const clang::CXXRecordDecl* record) { return is_meshwa_template(record, "Owned"); }

/// The type a std::reference_wrapper refers to (a container named through
/// the wrapper's get(), see container_path); any other type itself.
clang::QualType unwrapped(clang::QualType type) {
  if (!is_reference_wrapper(type)) return type;
  const clang::QualType referee = first_type_argument(type.getNonReferenceType()->getAsCXXRecordDecl());
  return referee.isNull() || is_reference_wrapper(referee) ? clang::QualType() : referee;
}

/// std::vector<bool>'s iterators, whose iterator_category is inherited
/// (libstdc++ _Bit_iterator, libc++ __bit_iterator, MSVC _Vb_iterator).
bool is_bit_iterator(const clang::CXXRecordDecl* record) {
  if (record == nullptr || !record->isInStdNamespace() || record->getIdentifier() == nullptr) return false;
  const llvm::StringRef name = record->getName();
  return name == "_Bit_iterator" || name == "_Bit_const_iterator" || name == "__bit_iterator" ||
         name == "_Vb_iterator" || name == "_Vb_const_iterator";
}

}  // namespace

bool is_reference_wrapper(clang::QualType type) {
  if (type.isNull()) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return record != nullptr && record->isInStdNamespace() && record->getIdentifier() != nullptr &&
         record->getName() == "reference_wrapper";
}

bool is_optional_wrapper(clang::QualType type) {
  if (type.isNull()) return false;
  const clang::CXXRecordDecl* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return is_std_class(record, {"optional"}) && is_reference_wrapper(first_type_argument(record));
}

Kind container_kind(clang::QualType type) {
  type = unwrapped(type);
  if (type.isNull()) return Kind::none;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (is_meshwa_owned(record)) return Kind::owned;
  // meshwa::Shared: reassigning or resetting it may drop the last reference,
  // which frees the value; meshwa::Result: a new value or error destroys the
  // old one. Like std::unique_ptr and std::optional.
  if (is_meshwa_template(record, "Shared") || is_meshwa_template(record, "Result")) return Kind::owner;
  if (record == nullptr || !record->isInStdNamespace() || record->getIdentifier() == nullptr) return Kind::none;
  if (is_optional_wrapper(type)) return Kind::none;  // a nullable reference owns nothing
  return llvm::StringSwitch<Kind>(record->getName())
      .Cases("vector", "basic_string", Kind::contiguous)
      .Case("deque", Kind::deque)
      .Cases("list", "forward_list", "map", "multimap", "set", "multiset", Kind::node)
      .Cases("unordered_map", "unordered_multimap", "unordered_set", "unordered_multiset", Kind::unordered)
      .Cases("unique_ptr", "optional", "variant", "any", Kind::owner)
      // A node handle (what extract() returns) owns its node until it is
      // inserted into a container; assigning it destroys the node.
      .Cases("_Node_handle", "__basic_node_handle", Kind::owner)
      .Cases("queue", "stack", "priority_queue", Kind::adaptor)
      .Default(Kind::none);
}

bool is_node_handle(clang::QualType type) {
  const auto* record = type.isNull() ? nullptr : type.getNonReferenceType()->getAsCXXRecordDecl();
  return record != nullptr && record->isInStdNamespace() && record->getIdentifier() != nullptr &&
         (record->getName() == "_Node_handle" || record->getName() == "__basic_node_handle");
}

bool is_unique_ptr(clang::QualType type) {
  const auto* record = type.isNull() ? nullptr : type.getNonReferenceType()->getAsCXXRecordDecl();
  return record != nullptr && record->isInStdNamespace() && record->getIdentifier() != nullptr &&
         record->getName() == "unique_ptr";
}

bool owns_pointee(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (is_meshwa_owned(record) || is_meshwa_template(record, "Shared")) return true;
  return record != nullptr && record->isInStdNamespace() && record->getIdentifier() != nullptr &&
         (record->getName() == "unique_ptr" || record->getName() == "shared_ptr");
}

bool is_shared_ptr(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return record != nullptr && record->isInStdNamespace() && record->getIdentifier() != nullptr &&
         record->getName() == "shared_ptr";
}

Effect swap_effect(clang::QualType type) {
  switch (container_kind(type)) {
    case Kind::deque:
    case Kind::node:
    case Kind::unordered: return Effect::iterators;
    case Kind::contiguous: {
      const auto* record = unwrapped(type).getNonReferenceType()->getAsCXXRecordDecl();
      return record != nullptr && record->getName() == "vector" ? Effect::iterators : Effect::all;
    }
    default: return Effect::all;
  }
}

const clang::ClassTemplateSpecializationDecl* adaptor_of(clang::QualType type) {
  type = unwrapped(type);
  if (container_kind(type) != Kind::adaptor) return nullptr;
  return llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
}

bool is_bit_reference(const clang::CXXRecordDecl* record) {
  if (record == nullptr || !record->isInStdNamespace() || record->getIdentifier() == nullptr) return false;
  const llvm::StringRef name = record->getName();
  return name == "_Bit_reference" || name == "__bit_reference" || name == "_Vb_reference";
}

Handle handle_kind(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return Handle::none;
  if (type->isReferenceType()) return Handle::reference;
  if (type->isPointerType()) return Handle::pointer;
  const auto* record = type->getAsCXXRecordDecl();
  if (record == nullptr) return Handle::none;
  if (is_bit_reference(record)) return Handle::reference;
  if (is_bit_iterator(record)) return Handle::iterator;
  if (is_reference_wrapper(type) || is_optional_wrapper(type)) return Handle::wrapper;
  if (record->isInStdNamespace() && record->getIdentifier() != nullptr &&
      (record->getName() == "basic_string_view" || record->getName() == "span")) {
    return Handle::view;
  }
  return is_iterator_class(record) ? Handle::iterator : Handle::none;
}

Effect effect_of(Kind kind, llvm::StringRef method, unsigned args, bool by_key) {
  const bool insertion = llvm::StringSwitch<bool>(method)
                             .Cases("push_back", "emplace_back", "push_front", "emplace_front", true)
                             .Cases("insert", "emplace", "emplace_hint", "insert_or_assign", "try_emplace", true)
                             .Cases("insert_range", "append_range", "prepend_range", true)
                             .Default(false);
  const bool erasure = llvm::StringSwitch<bool>(method).Cases("erase", "pop_back", "pop_front", true).Default(false);
  const bool wholesale = llvm::StringSwitch<bool>(method)
                             .Cases("clear", "assign", "swap", "operator=", "assign_range", true)
                             .Default(false);
  switch (kind) {
    case Kind::contiguous:
      if (insertion) return Effect::relocation;
      if (erasure || wholesale) return Effect::all;
      return llvm::StringSwitch<Effect>(method)
          .Cases("reserve", "shrink_to_fit", Effect::relocation)
          .Case("resize", Effect::all)
          .Cases("append", "replace", "operator+=", "resize_and_overwrite", Effect::all)
          .Default(Effect::none);
    case Kind::deque:
      if (method == "push_back" || method == "emplace_back" || method == "push_front" || method == "emplace_front") {
        return Effect::iterators;
      }
      if (insertion || method == "shrink_to_fit") return Effect::relocation;
      if (erasure || wholesale || method == "resize") return Effect::all;
      return Effect::none;
    case Kind::node:
      if (method == "erase" || method == "extract") {
        if (args != 1) return Effect::all;
        return by_key ? Effect::key : Effect::argument;
      }
      if (wholesale) return Effect::all;
      // pop_back/pop_front and list::remove/remove_if/unique destroy
      // elements that no argument names (which ones is a matter of position
      // or value): every handle, as erase(key) with an unknown key.
      if (method == "pop_back" || method == "pop_front" || method == "remove" || method == "remove_if" ||
          method == "unique") {
        return Effect::key;
      }
      return Effect::none;  // merge and splice move elements, they destroy none
    case Kind::unordered:
      if (method == "erase" || method == "extract") {
        if (args != 1) return Effect::all;
        return by_key ? Effect::key : Effect::argument;
      }
      if (wholesale) return Effect::all;
      if (insertion || method == "operator[]" || method == "rehash" || method == "reserve" || method == "merge") {
        return Effect::iterators;
      }
      return Effect::none;
    case Kind::owner:
      // std::unique_ptr / std::optional: a new or no value destroys the old one.
      return llvm::StringSwitch<Effect>(method)
          .Cases("reset", "release", "emplace", "swap", "operator=", Effect::all)
          .Default(Effect::none);
    case Kind::owned:
      // meshwa::Owned: a new value destroys the old one (moves: see transfer).
      return method == "operator=" ? Effect::all : Effect::none;
    case Kind::adaptor:  // see effect_on
    case Kind::none:
      return Effect::none;
  }
  return Effect::none;
}

Effect effect_on(clang::QualType type, llvm::StringRef method, unsigned args, bool by_key) {
  const Kind kind = container_kind(type);
  if (kind != Kind::adaptor) return effect_of(kind, method, args, by_key);
  const auto* spec = adaptor_of(type);
  if (spec == nullptr) return Effect::none;
  if (method == "swap" || method == "operator=") return Effect::all;
  // pop() destroys the element front()/top() refer to; priority_queue's
  // pop_heap moves every other element as well.
  if (method == "pop") return Effect::all;
  Kind underlying = Kind::contiguous;
  const auto& targs = spec->getTemplateArgs();
  if (targs.size() >= 2 && targs[1].getKind() == clang::TemplateArgument::Type) {
    underlying = container_kind(targs[1].getAsType());
    if (underlying == Kind::none || underlying == Kind::owner || underlying == Kind::adaptor ||
        underlying == Kind::owned) {
      underlying = Kind::contiguous;
    }
  }
  if (method == "push" || method == "emplace") return effect_of(underlying, "push_back", 1, false);
  if (method == "push_range") return effect_of(underlying, "append_range", 1, false);
  return Effect::none;
}

bool takes_key(const clang::CXXMethodDecl& method) {
  if (method.getNumParams() == 0) return false;
  const clang::QualType param = method.getParamDecl(0)->getType().getNonReferenceType();
  return !is_iterator_class(param->getAsCXXRecordDecl());
}

std::optional<std::string> constant_key(const clang::Expr* e, const clang::ASTContext& ast) {
  for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
    e = e->IgnoreParenImpCasts();
    if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
      e = temporary->getSubExpr();
    } else if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) {
      e = bind->getSubExpr();
    } else if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(e)) {
      e = cast->getSubExpr();
    } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
               construct != nullptr && construct->getNumArgs() >= 1 &&
               (construct->getNumArgs() == 1 || llvm::isa<clang::CXXDefaultArgExpr>(construct->getArg(1)))) {
      e = construct->getArg(0);
    } else {
      break;
    }
  }
  if (e == nullptr || e->isValueDependent()) return std::nullopt;
  if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(e)) {
    if (!literal->isOrdinary() && !literal->isUTF8()) return std::nullopt;
    return "s:" + literal->getString().str();
  }
  if (!e->getType()->isIntegralOrEnumerationType()) return std::nullopt;
  clang::Expr::EvalResult result;
  if (!e->EvaluateAsInt(result, ast)) return std::nullopt;
  return "i:" + llvm::toString(result.Val.getInt(), 10);
}

}  // namespace meshwa::rules::containers
