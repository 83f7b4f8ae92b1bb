// Views, references and iterators stored in this object's members:
// assigned (views_ = v), inserted (push_back, emplace, try_emplace, a map's
// key and mapped value judged apart, pairs built piecewise), copied in by a
// std algorithm (std::copy into std::back_inserter(views_)); reported with
// the parameter or local they refer into (report_member).
#include <optional>
#include <string>
#include <vector>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::escaping_reference {

namespace {

/// The member of this whose element `e` is (views_[i], by_name_[key],
/// groups_.at(i), groups_.back()), for a standard container member.
const clang::FieldDecl* member_element_of_this(const clang::Expr* e) {
  if (e == nullptr) return nullptr;
  e = e->IgnoreParenImpCasts();
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
    if (op->getOperator() != clang::OO_Subscript || op->getNumArgs() != 2) return nullptr;
    return is_std_container(op->getArg(0)->getType()) ? member_of_this(op->getArg(0)) : nullptr;
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr ||
        !llvm::is_contained({"at", "front", "back"}, method->getName())) {
      return nullptr;
    }
    const clang::Expr* object = call->getImplicitObjectArgument();
    return is_std_container(object->getType()) ? member_of_this(object) : nullptr;
  }
  return nullptr;
}

/// A container whose elements (or mapped values) are containers of views:
/// std::vector<std::vector<std::string_view>>, std::map<std::string,
/// std::vector<std::string_view>>.
bool holds_view_containers(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !is_std_container(type)) return false;
  return holds_handles(container_value_type(type)) || holds_handles(member_typedef(record, "mapped_type"));
}

/// The left and right side of `s` when it is a plain assignment (the
/// built-in one or a class's operator=), else nulls.
std::pair<const clang::Expr*, const clang::Expr*> assigned_sides(const clang::Stmt* s) {
  const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s);
  if (e == nullptr) return {};
  e = e->IgnoreImplicit();
  if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(e); assign != nullptr && assign->getOpcode() == clang::BO_Assign) {
    return {assign->getLHS(), assign->getRHS()};
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
      op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
    return {op->getArg(0), op->getArg(1)};
  }
  return {};
}

/// `data = dataCopy; data = "home";`: the store `at` is replaced by the
/// very next statement of its block, a plain assignment of the whole
/// member `field` whose right side does not name it: nothing can read
/// the first value, which does not outlive the call.
bool overwritten_next(const clang::Stmt& at, const clang::FieldDecl* field, RuleContext& ctx) {
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const auto* block = parents.empty() ? nullptr : llvm::dyn_cast<clang::CompoundStmt>(parents.back());
  if (block == nullptr) return false;
  const auto* it = std::find_if(block->body_begin(), block->body_end(), [&](const clang::Stmt* s) {
    return llvm::isa<clang::Expr>(s) && llvm::cast<clang::Expr>(s)->IgnoreImplicit() == &at;
  });
  if (it == block->body_end() || it + 1 == block->body_end()) return false;
  const auto [lhs, rhs] = assigned_sides(*(it + 1));
  if (lhs == nullptr || member_of_this(lhs) != field) return false;
  return !flow::contains(rhs, [&](const clang::Stmt& sub) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(&sub);
    return member != nullptr && member->getMemberDecl() == field;
  });
}

}  // namespace

void EscapingReference::check_member_store(const clang::Expr* lhs, const clang::Expr* rhs, const clang::Stmt& at,
                                           RuleContext& ctx) {
  const clang::FieldDecl* field = member_of_this(lhs);
  clang::QualType stored = field != nullptr ? field->getType() : clang::QualType();
  if (field == nullptr) {
    // views_[i] = v; by_name_[key] = inner: an element of a member.
    field = member_element_of_this(lhs);
    if (field == nullptr) return;
    stored = lhs->getType().getNonReferenceType();
  }
  if (!is_reference_like(stored) && !holds_reference_like(stored) && !holds_view_containers(stored) &&
      !is_view_holder(stored)) {
    return;
  }
  // views_ = local; views_ = std::move(local): the elements are copied,
  // so what they refer into counts, not the local container.
  const bool elements = !keeps_view_object(stored) && holds_handles(stored) && is_std_container(rhs->getType());
  if (const clang::VarDecl* source =
          elements ? referents_.of_elements(rhs) : referents_.of(rhs, !keeps_view_object(stored))) {
    if (member_of_this(lhs) == field && overwritten_next(at, field, ctx)) return;
    report_member(at.getBeginLoc(), field, source, ctx);
  }
}

/// std::copy(first, last, std::back_inserter(views_)),
/// std::ranges::copy(local, std::back_inserter(views_)), or into
/// views_.begin(): the copied elements are kept in the member.
void EscapingReference::check_copy_into_member(const clang::CallExpr& call, const clang::Stmt& at, RuleContext& ctx) {
  llvm::StringRef name;
  llvm::ArrayRef<const clang::Expr*> args;
  if (!std_algorithm(call, name, args) || !is_copy_algorithm(name)) return;
  const unsigned out = copy_output_index(args);
  if (out >= args.size()) return;
  const clang::Expr* target = strip_handle(args[out]);
  while (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(target)) {
    if (construct->getNumArgs() != 1) break;
    target = strip_handle(construct->getArg(0));
  }
  const clang::Expr* container = nullptr;
  if (const auto* inserter = llvm::dyn_cast<clang::CallExpr>(target);
      inserter != nullptr && inserter->getNumArgs() >= 1 && inserter->getDirectCallee() != nullptr &&
      inserter->getDirectCallee()->isInStdNamespace() && inserter->getDirectCallee()->getIdentifier() != nullptr &&
      llvm::is_contained({"back_inserter", "front_inserter", "inserter"}, inserter->getDirectCallee()->getName())) {
    container = inserter->getArg(0);
  } else {
    container = range_of_iterator(target);
  }
  const clang::FieldDecl* field = member_of_this(container);
  if (field == nullptr || keeps_view_object(field->getType()) || !holds_handles(field->getType())) return;
  for (unsigned k = 0; k < out; ++k) {
    const clang::Expr* source = args[k];
    if (is_plain_scalar(source->getType())) continue;  // copy_n's count
    const clang::VarDecl* var = is_std_container(source->getType()) ? referents_.of_elements(source)
                                                                    : referents_.of_range_end(source);
    if (var != nullptr) {
      report_member(at.getBeginLoc(), field, var, ctx);
      return;
    }
  }
}

/// Each argument of an insertion into `container` checked against the
/// part of the element it initialises (null: the whole element, or not
/// known).
void EscapingReference::check_member_insert(const clang::Expr* object, llvm::ArrayRef<const clang::Expr*> args,
                                            llvm::ArrayRef<clang::QualType> parts, const clang::Stmt& at,
                                            RuleContext& ctx, const clang::CXXMethodDecl* method) {
  const clang::FieldDecl* field = member_of_this(object);
  clang::QualType container = field != nullptr ? field->getType() : clang::QualType();
  if (field == nullptr) {
    // by_name_[key].push_back(s), groups_.back().push_back(s): a
    // container that is an element of a member.
    field = member_element_of_this(object);
    if (field == nullptr) return;
    container = object->getType().getNonReferenceType();
  }
  // std::vector<std::string_view>, or of pairs of views and numbers
  // (entries_.emplace_back(name, n)), or of containers of views
  // (groups_.push_back(inner)).
  if (!holds_reference_like(container) && !holds_only_handles(std_class_value_type(container)) &&
      !holds_view_containers(container)) {
    return;
  }
  const bool copies_views = !keeps_view_object(container);
  for (unsigned k = 0; k < args.size(); ++k) {
    const clang::QualType part = k < parts.size() ? parts[k] : clang::QualType();
    const clang::VarDecl* source = nullptr;
    if (method != nullptr && copies_views && is_range_end_parameter(*method, k)) {
      // insert(pos, first, last), assign(first, last): the elements of
      // the range are copied in; what they refer into counts.
      source = referents_.of_range_end(args[k]);
    } else if (k > 0 && is_piecewise(args[k - 1]) && k + 1 < args.size()) {
      // emplace(std::piecewise_construct, std::forward_as_tuple(key...),
      // std::forward_as_tuple(value...)): each tuple builds one part.
      source = piecewise_source(args[k], part, copies_views);
    } else if (k > 1 && is_piecewise(args[k - 2])) {
      source = piecewise_source(args[k], part, copies_views);
    } else {
      source = inserted_source(args[k], part, copies_views, 0);
    }
    if (source != nullptr) {
      report_member(at.getBeginLoc(), field, source, ctx);
      return;
    }
  }
}

/// A tuple of the arguments that build the element part `part` (null: not
/// known), handed after std::piecewise_construct: each argument judged by
/// that part (std::forward_as_tuple(42) into a number keeps nothing).
const clang::VarDecl* EscapingReference::piecewise_source(const clang::Expr* tuple, clang::QualType part,
                                                          bool copies_views) {
  if (!part.isNull() && !may_refer(part)) return nullptr;
  if (std::optional<std::vector<const clang::Expr*>> pieces = tuple_arguments(tuple)) {
    for (const clang::Expr* piece : *pieces) {
      // std::string_view(p, n) built from a pointer into a local.
      const clang::VarDecl* source = piece->getType()->isPointerType() && !part.isNull()
                                         ? referents_.of(piece, copies_views)
                                         : inserted_source(piece, part, copies_views, 1);
      if (source != nullptr) return source;
    }
    return nullptr;
  }
  return inserted_source(tuple, clang::QualType(), copies_views, 0);
}

/// The arguments a tuple is made of here: std::forward_as_tuple(a, b),
/// std::make_tuple(a), std::tie(a), std::tuple<K>(a), {a}; nullopt
/// otherwise.
std::optional<std::vector<const clang::Expr*>> EscapingReference::tuple_arguments(const clang::Expr* tuple) {
  const clang::Expr* e = strip_handle(tuple);
  if (const auto* functional = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(e)) e = strip_handle(functional->getSubExpr());
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
        llvm::is_contained({"forward_as_tuple", "make_tuple", "tie"}, callee->getName())) {
      return std::vector<const clang::Expr*>(call->arg_begin(), call->arg_end());
    }
    return std::nullopt;
  }
  return built_pieces(tuple);
}

/// Is parameter `index` of the std container method `method` one end of
/// an iterator range (insert(pos, first, last), assign(first, last),
/// insert(first, last)): a template parameter taken by value?
bool EscapingReference::is_range_end_parameter(const clang::CXXMethodDecl& method, unsigned index) {
  const clang::FunctionDecl* pattern = method.getTemplateInstantiationPattern();
  if (pattern == nullptr || index >= pattern->getNumParams()) return false;
  const clang::QualType type = pattern->getParamDecl(index)->getType();
  return !type->isReferenceType() && type->getAs<clang::TemplateTypeParmType>() != nullptr;
}

/// What `arg`, initialising the element part `part` (null: not known),
/// leaves the element referring into.
const clang::VarDecl* EscapingReference::inserted_source(const clang::Expr* arg, clang::QualType part,
                                                         bool copies_views, unsigned depth) {
  // A part that is itself a container of views (the inner vector of a
  // std::vector<std::vector<std::string_view>>): what its elements view.
  if (!part.isNull() && copies_views && holds_handles(part)) return referents_.of_container_argument(arg, part);
  if (!part.isNull()) {
    // Copied into a part that owns its value (the std::uint32_t of a
    // std::map<std::string_view, std::uint32_t>, a std::string): whatever
    // the argument is, the element keeps no reference to it.
    if (!may_refer(part)) return nullptr;
    // A number or an enum only stays referred to by a part bound to it
    // (std::reference_wrapper<int>, int&), never by a view or an iterator.
    if (is_plain_scalar(arg->getType()) && !binds_reference(part)) return nullptr;
    // insert({key, value}), push_back({view, n}): a pair or tuple built
    // in place, each of its arguments judged by the part it initialises.
    if (depth < 4) {
      if (std::optional<std::vector<const clang::Expr*>> pieces = built_pieces(arg)) {
        const std::vector<clang::QualType> subparts = tuple_parts(part);
        if (pieces->size() == subparts.size()) {
          for (size_t k = 0; k < pieces->size(); ++k) {
            if (const clang::VarDecl* source = inserted_source((*pieces)[k], subparts[k], copies_views, depth + 1)) {
              return source;
            }
          }
          return nullptr;
        }
        // std::pair<K, V>{k, v} converted to the element's pair.
        if (pieces->size() == 1 && !tuple_parts(arg->getType().getNonReferenceType()).empty() &&
            !tuple_parts((*pieces)[0]->getType().getNonReferenceType()).empty()) {
          return inserted_source((*pieces)[0], part, copies_views, depth + 1);
        }
      }
    }
  }
  // Only what becomes an element: a view or reference argument.
  if (!is_reference_like(arg->getType()) && !arg->isGLValue()) return nullptr;
  return referents_.of(arg, copies_views);
}

/// Can a value of `type` refer to memory it does not own: a view, an
/// iterator, a reference, a pointer, or a std template holding one?
bool EscapingReference::may_refer(clang::QualType type, unsigned depth) {
  if (type.isNull() || type->isDependentType() || depth > 4) return true;
  if (type->isReferenceType() || type->isPointerType() || is_reference_like(type)) return true;
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return false;
  for (const clang::TemplateArgument& arg : flat_template_arguments(*spec)) {
    if (arg.getKind() == clang::TemplateArgument::Type && may_refer(arg.getAsType(), depth + 1)) return true;
  }
  return false;
}

/// Is a value of `type` bound to an object (T&, std::reference_wrapper<T>,
/// or a std template holding one), so that a lone scalar handed to it
/// stays referred to?
bool EscapingReference::binds_reference(clang::QualType type, unsigned depth) {
  if (type.isNull() || type->isDependentType() || depth > 4) return true;
  if (type->isReferenceType()) return true;
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return false;
  if (is_std_class(spec, {"reference_wrapper"})) return true;
  for (const clang::TemplateArgument& arg : flat_template_arguments(*spec)) {
    if (arg.getKind() == clang::TemplateArgument::Type && binds_reference(arg.getAsType(), depth + 1)) return true;
  }
  return false;
}

/// The parts of a std::pair or std::tuple type, in order; empty for
/// anything else.
std::vector<clang::QualType> EscapingReference::tuple_parts(clang::QualType type) {
  std::vector<clang::QualType> parts;
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr || !is_std_class(spec, {"pair", "tuple"})) return parts;
  for (const clang::TemplateArgument& arg : flat_template_arguments(*spec)) {
    if (arg.getKind() != clang::TemplateArgument::Type) return {};
    parts.push_back(arg.getAsType());
  }
  return parts;
}

/// The arguments a pair or tuple argument is built from in place
/// ({k, v}, std::pair<K, V>(k, v)); nullopt when it is not built here.
std::optional<std::vector<const clang::Expr*>> EscapingReference::built_pieces(const clang::Expr* arg) {
  const clang::Expr* e =
      flow::skip_carriers(arg, {clang::CK_NoOp}, flow::AtOtherCast::stop, flow::WrittenCasts::functional_only);
  if (e == nullptr) return std::nullopt;
  if (tuple_parts(e->getType().getNonReferenceType()).empty()) return std::nullopt;
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    return std::vector<const clang::Expr*>(list->inits().begin(), list->inits().end());
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
      construct != nullptr && !construct->getConstructor()->isCopyOrMoveConstructor()) {
    return std::vector<const clang::Expr*>(construct->arg_begin(), construct->arg_end());
  }
  return std::nullopt;
}

/// The element part each argument of `method` (an insertion into a std
/// container or optional of type `container`) initialises: for a map, the
/// key and the mapped value (emplace(k, v), try_emplace(k, args...),
/// insert_or_assign(k, v), after a hint); for an element that is a pair
/// or tuple built in place (emplace_back(a, b)), its parts; otherwise
/// the element. Null where it is not known.
llvm::SmallVector<clang::QualType, 4> EscapingReference::element_parts(clang::QualType container,
                                                                       const clang::CXXMethodDecl& method,
                                                                       llvm::ArrayRef<const clang::Expr*> args) {
  llvm::SmallVector<clang::QualType, 4> parts(args.size());
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
      container.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace() || spec->getIdentifier() == nullptr) return parts;
  const clang::QualType element = member_typedef(spec, "value_type");
  if (element.isNull()) return parts;
  // A hint or a position first: judged as the element, as before (an
  // iterator into this container refers to nothing else).
  unsigned first = 0;
  if (method.getNumParams() > 0 && !args.empty()) {
    const clang::QualType param = method.getParamDecl(0)->getType().getNonReferenceType().getUnqualifiedType();
    const clang::QualType position = param.getCanonicalType();
    if (!param->isDependentType() &&
        (position == member_typedef(spec, "const_iterator") || position == member_typedef(spec, "iterator"))) {
      parts[0] = element;
      first = 1;
    }
  }
  const llvm::StringRef name = method.getName();
  const bool map = is_std_class(spec, {"map", "multimap", "unordered_map", "unordered_multimap"});
  const clang::QualType key = member_typedef(spec, "key_type");
  const clang::QualType mapped = member_typedef(spec, "mapped_type");
  const unsigned rest = args.size() - first;
  if (map && !key.isNull() && !mapped.isNull() && rest >= 1 &&
      (name == "try_emplace" || name == "insert_or_assign" ||
       ((name == "emplace" || name == "emplace_hint") && rest == 2 && !is_piecewise(args[first])))) {
    parts[first] = key;
    for (unsigned k = first + 1; k < args.size(); ++k) parts[k] = mapped;
    return parts;
  }
  const std::vector<clang::QualType> pieces = tuple_parts(element.getCanonicalType());
  // emplace(std::piecewise_construct, key_args, value_args): the tuples
  // build the first and the second part of the pair.
  if (name.starts_with("emplace") && rest == 3 && pieces.size() == 2 && is_piecewise(args[first])) {
    parts[first] = element;
    parts[first + 1] = pieces[0];
    parts[first + 2] = pieces[1];
    return parts;
  }
  const bool in_place = name.starts_with("emplace") && rest >= 2;
  if (in_place && pieces.size() == rest && !is_piecewise(args[first])) {
    for (unsigned k = 0; k < rest; ++k) parts[first + k] = pieces[k];
    return parts;
  }
  // Anything else (an element copied, moved or built from several
  // arguments, insert(first, last), assign(n, value)): the element.
  for (unsigned k = first; k < args.size(); ++k) parts[k] = in_place && !pieces.empty() ? clang::QualType() : element;
  return parts;
}

/// The value_type of any std class template (a container, std::optional),
/// or null; container_value_type asks only the containers.
clang::QualType EscapingReference::std_class_value_type(clang::QualType container) {
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
      container.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return {};
  return member_typedef(spec, "value_type");
}

bool EscapingReference::is_piecewise(const clang::Expr* arg) {
  const auto* record = arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return is_std_class(record, {"piecewise_construct_t"});
}

void EscapingReference::report_member(clang::SourceLocation loc, const clang::FieldDecl* field,
                                      const clang::VarDecl* source, RuleContext& ctx) {
  // `Conn& c = *p; conns_.push_back(std::move(p)); by_id_.emplace(id, c);`:
  // the object lives on in its new owner, not with the local `p`.
  if (flow::hands_on_ownership(*source)) return;
  if (!reported_.insert(loc).second) return;
  const char* kind = llvm::isa<clang::ParmVarDecl>(source)            ? "parameter"
                     : llvm::isa<clang::DecompositionDecl>(source) ? "structured binding"
                                                                    : "local variable";
  // The hidden `auto&& __range = <temporary>` of a range-for loop.
  const std::string what = source->isImplicit() ? std::string("the temporary range of a for loop")
                                                : std::string(kind) + " '" + display_name(source) + "'";
  // A reference member (or std::reference_wrapper) bound to an object the
  // caller hands in is usually a collaborator (a logger, a registry): a
  // copy would change what it does, so the ways to share it come first.
  const clang::QualType type = field->getType();
  const bool collaborator = llvm::isa<clang::ParmVarDecl>(source) &&
                            (type->isReferenceType() || is_std_class(type->getAsCXXRecordDecl(), {"reference_wrapper"}));
  const std::string remedy =
      collaborator
          ? "hold it through a std::shared_ptr<T> that the caller shares with this object (a meshwa::Ref<I> for "
            "another service), or pass it to each call that uses it instead of keeping it; if a copy will do, "
            "store a copy"
          : "store a copy instead (std::string, std::vector, a value member), or share it as meshwa::Shared<T> or a "
            "meshwa::Ref<I>";
  ctx.report.error(loc, kName,
                   "member '" + field->getNameAsString() + "' keeps a reference into " + what +
                       " beyond this call, which dangles once the caller's object is gone; " + remedy);
  ctx.report.note(field->getLocation(), "'" + field->getNameAsString() + "' is declared here with a reference or view type");
}

}  // namespace meshwa::rules::escaping_reference
