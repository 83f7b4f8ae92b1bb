// MESHWA_MESSAGE classes and their members (Walker.h).
#include "frontend/Walker.h"

#include <algorithm>
#include <set>

#include "clang/AST/DeclFriend.h"
#include "frontend/AstQueries.h"
#include "llvm/Support/Path.h"

namespace meshwa::gen::frontend {

// Is an operator with this name declared for `rd` (member, friend, or in
// its namespace with `rd` as a parameter)?
bool Walker::declares_operator(const CXXRecordDecl& rd, OverloadedOperatorKind op) const {
  return declares_function(rd, ctx_.DeclarationNames.getCXXOperatorName(op));
}

// Is a function of this name declared for `rd`: a member, a friend, or a
// function of its namespace with `rd` as a parameter?
bool Walker::declares_function(const CXXRecordDecl& rd, DeclarationName name) const {
  for (const CXXMethodDecl* m : rd.methods()) {
    if (m->getDeclName() == name) return true;
  }
  for (const FriendDecl* f : rd.friends()) {
    if (const NamedDecl* nd = f->getFriendDecl(); nd && nd->getDeclName() == name) return true;
  }
  const DeclContext* ns = rd.getDeclContext()->getRedeclContext();
  const QualType self = ctx_.getRecordType(&rd);
  for (const NamedDecl* nd : ns->lookup(name)) {
    const auto* fn = dyn_cast<FunctionDecl>(nd->getUnderlyingDecl());
    if (!fn) continue;
    for (const ParmVarDecl* p : fn->parameters()) {
      if (ctx_.hasSameUnqualifiedType(p->getType().getNonReferenceType(), self)) return true;
    }
  }
  return false;
}

/// A message member the generated code cannot name: an anonymous union
/// or struct (`union { int32_t x; float y; };`, no member name), or a
/// member of an unnamed class type (`struct { int32_t x; } s;`). Said
/// as a reader sees it, with a remedy that applies (a named std::variant
/// for a union, a named MESHWA_MESSAGE struct), instead of "member ''".
/// True when reported; the member's other checks are then left out.
bool Walker::report_unnamed_member(const FieldDecl& f, const Message& m) {
  const CXXRecordDecl* type = f.getType()->getAsCXXRecordDecl();
  if (type == nullptr || !(f.isAnonymousStructOrUnion() || type->getDeclName().isEmpty())) return false;
  // A closure is code, not a class to name: the shared boundary walk says
  // so (a lambda; pass a meshwa::Ref<I>).
  if (type->isLambda()) return false;
  if (type->hasDefinition()) type = type->getDefinition();
  const char* kind = type->isUnion() ? "union" : type->isStruct() ? "struct" : "class";
  const Location at = where(type->getLocation());
  const std::string place =
      (at.file.empty() ? std::string() : std::string(llvm::sys::path::filename(at.file)) + ":") +
      std::to_string(at.line) + ":" + std::to_string(at.column);
  // The members, as `T name;` and as the types a std::variant would hold.
  std::string members;
  std::string alternatives;
  for (const FieldDecl* inner : type->fields()) {
    const std::string t = spell(inner->getType());
    members += (members.empty() ? "" : " ") + t + " " + inner->getNameAsString() + ";";
    if (alternatives.find(t) == std::string::npos) alternatives += (alternatives.empty() ? "" : ", ") + t;
  }
  if (alternatives.empty()) alternatives = "A, B";
  std::string what;
  std::string remedy;
  if (f.isAnonymousStructOrUnion()) {
    what = std::string("the anonymous ") + kind + " at " + place + " in message " + m.qualified_name;
    remedy = type->isUnion()
                 ? "hold the alternatives in one named member, `std::variant<" + alternatives + "> value;`"
                 : "declare its members in the message itself" + (members.empty() ? "" : " (`" + members + "`)");
    what += type->isUnion()
                ? " cannot cross a service boundary: a union's members share their storage, so neither the "
                  "generated code nor a reader knows which one holds the value, and it names no member"
                : " cannot cross a service boundary: it is no member the generated code can name (its "
                  "members belong to it, not to the message)";
  } else {
    what = "member '" + f.getNameAsString() + "' of message " + m.qualified_name + " has the unnamed " + kind +
           " at " + place + " as its type, which";
    if (type->isUnion()) {
      what += " cannot cross a service boundary: a union's members share their storage, so neither the generated "
              "code nor a reader knows which one holds the value";
      remedy = "make the member a std::variant (`std::variant<" + alternatives + "> " + f.getNameAsString() + ";`)";
    } else {
      what += " the generated code cannot name";
      remedy = "name the " + std::string(kind) + " and mark it a message (`struct MESHWA_MESSAGE Part { " +
               (members.empty() ? std::string("...") : members) + " }; Part " + f.getNameAsString() + ";`)";
    }
  }
  out_.report(where(f.getLocation()), "error", what + "; " + remedy + " [meshwa-gen]");
  return true;
}

void Walker::add_message(const CXXRecordDecl& rd) {
  Message m;
  m.name = rd.getNameAsString();
  m.qualified_name = rd.getQualifiedNameAsString();
  m.header = header_of(rd);
  m.location = where(rd.getLocation());
  m.scope = enclosing_namespace_name(rd);
  std::set<const FieldDecl*> unnamed;  // reported in words of their own
  for (const FieldDecl* f : rd.fields()) {
    if (report_unnamed_member(*f, m)) {
      unnamed.insert(f);
      continue;
    }
    if (f->getAccess() != AS_public) {
      out_.report(where(f->getLocation()), "error",
                  "member '" + f->getNameAsString() + "' of message " + m.qualified_name + " is " +
                      (f->getAccess() == AS_private ? "private" : "protected") +
                      "; make it public: a message's generated reflection, equality and JSON name every "
                      "member [meshwa-gen]");
    }
    if (f->getType().isConstQualified()) {
      out_.report(where(f->getLocation()), "error",
                  "member '" + f->getNameAsString() + "' of message " + m.qualified_name +
                      " is const; make it a plain member: reading a message from JSON and property tests make it "
                      "empty, then set each member [meshwa-gen]");
    }
    if (f->isBitField()) {
      out_.report(where(f->getLocation()), "error",
                  "member '" + f->getNameAsString() + "' of message " + m.qualified_name +
                      " is a bit-field; make it a whole member (" + spell(f->getType()) + " " +
                      f->getNameAsString() +
                      ";): a message's generated reflection and JSON reading take a reference to every member, "
                      "which a bit-field cannot give [meshwa-gen]");
    }
    // `struct Inner {...}; Inner Inner;` is valid C++, but from then on
    // Outer::Inner names the member, and generated code names the type so.
    for (const Decl* d : rd.decls()) {
      const auto* type = dyn_cast<TypeDecl>(d);
      if (type == nullptr || type->getDeclName() != f->getDeclName()) continue;
      out_.report(where(f->getLocation()), "error",
                  "member '" + f->getNameAsString() + "' of message " + m.qualified_name +
                      " has the name of a type declared in the message, which it hides (" + m.qualified_name +
                      "::" + f->getNameAsString() + " names the member); rename the member or the type [meshwa-gen]");
      out_.report(where(type->getLocation()), "note", "the type '" + type->getNameAsString() + "' is declared here");
      break;
    }
    m.fields.push_back(Field{f->getNameAsString(), spell(f->getType()), where(f->getLocation()),
                             speller_.spell_resolved(f->getType())});
    collect_enums(f->getType());
    const std::string what = "member '" + f->getNameAsString() + "' of message " + m.name;
    check_nameable(f->getType(), f->getLocation(), what);
    check_empty_variant(f->getType(), f->getLocation(), what);
  }
  // Every member that may not cross, each once, at the member.
  check_message_boundary(rd, unnamed);
  for (const CXXBaseSpecifier& base : rd.bases()) {
    // As the plugin's boundary-type says it: composition is the remedy
    // (marking the base MESHWA_MESSAGE would not make its members cross).
    const std::string base_name = spell(base.getType().getUnqualifiedType());
    const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
    std::string member = "base";
    if (b != nullptr && b->getIdentifier() != nullptr && b->getName().lower() != b->getName()) {
      member = b->getName().lower();
    }
    out_.report(base.getBeginLoc().isValid() ? where(base.getBeginLoc()) : m.location, "error",
                "message " + m.qualified_name + " has a base class, '" + base_name +
                    "': only a message's own members cross a service boundary (meshwa gen adapts those, not a "
                    "base's); hold it as a member instead (composition: `" + base_name + " " + member +
                    ";`) [meshwa-gen]");
  }
  if (!default_constructible(rd)) {
    out_.report(m.location, "error",
                "message " + m.qualified_name +
                    " has no default constructor; add `" + m.name +
                    "() = default;`: reading a message from JSON and property tests make it empty, then set "
                    "each member [meshwa-gen]");
  }
  m.has_equality = declares_operator(rd, OO_EqualEqual);
  m.has_printing = declares_operator(rd, OO_LessLess);
  // The team's own JSON (nlohmann's NLOHMANN_DEFINE_TYPE_* macros, or
  // written by hand): generated code uses it, and defining another
  // to_json/from_json of the message would not compile.
  m.has_to_json = declares_function(rd, DeclarationName(&ctx_.Idents.get("to_json")));
  m.has_from_json = declares_function(rd, DeclarationName(&ctx_.Idents.get("from_json")));
  out_.headers.insert(m.header);
  out_.messages.emplace(m.qualified_name, std::move(m));
}

}  // namespace meshwa::gen::frontend
