// meshwa-iterator-invalidation: iterators, references and views into a
// container used after a call that may have invalidated them.
#include <algorithm>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <variant>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

void use(int);
bool bad(int);

void push_while_iterating(std::vector<int>& v) {
  for (auto it = v.begin(); it != v.end(); ++it) {  // expected-error {{iterator 'it' into 'v' is used after 'push_back' may have invalidated it; iterate by index, or collect the changes and apply them after the loop (for removals: std::erase_if) [meshwa-iterator-invalidation]}}
    if (*it == 0) v.push_back(1);  // expected-note {{'push_back' on 'v' is here}}
  }
}

void range_for_push(std::vector<int>& v) {
  for (int x : v) {  // expected-note {{the range-for loop over 'v' is here}}
    if (x > 3) v.push_back(x / 2);  // expected-error {{'push_back' on 'v' may invalidate the iterators of the range-for loop that is walking it; iterate by index}}
  }
}

void erase_then_increment(std::vector<int>& v) {
  for (auto it = v.begin(); it != v.end(); ++it) {  // expected-error {{iterator 'it' into 'v' is used after 'erase' may have invalidated it; continue from the iterator erase returns (it = c.erase(it)), or use the erase-remove idiom / std::erase_if}}
    if (bad(*it)) v.erase(it);  // expected-note {{'erase' on 'v' is here}}
  }
}

void map_erase_then_increment(std::map<int, int>& m) {
  for (auto it = m.begin(); it != m.end(); ++it) {  // expected-error {{iterator 'it' into 'm' is used after 'erase' may have invalidated it}}
    if (bad(it->second)) m.erase(it);  // expected-note {{'erase' on 'm' is here}}
  }
}

void reference_after_growth(std::vector<std::string>& names) {
  std::string& first = names.front();
  names.emplace_back("x");  // expected-note {{'emplace_back' on 'names' is here}}
  first += "!";  // expected-error {{reference 'first' into 'names' is used after 'emplace_back' may have invalidated it}}
}

void view_after_append(std::string s) {
  std::string_view head = s;
  s += "tail";  // expected-note {{'operator+=' on 's' is here}}
  use(static_cast<int>(head.size()));  // expected-error {{view 'head' into 's' is used after 'operator+=' may have invalidated it}}
}

struct Inventory {
  std::vector<int> items_;
  std::unordered_map<std::string, int> index_;

  void restock() {
    for (int& n : items_) {  // expected-note {{the range-for loop over 'items_' is here}}
      if (n == 0) items_.resize(items_.size() * 2);  // expected-error {{'resize' on 'items_' may invalidate the iterators of the range-for loop}}
    }
  }
  void rehash_while_walking() {
    for (auto& [name, count] : index_) {  // expected-note {{the range-for loop over 'index_' is here}}
      if (count == 0) index_[name + "-old"] = 1;  // expected-error {{'operator[]' on 'index_' may invalidate the iterators of the range-for loop}}
    }
  }
};

void clear_then_use(std::vector<int>& v) {
  auto it = std::find(v.begin(), v.end(), 3);
  v.clear();  // expected-note {{'clear' on 'v' is here}}
  if (it != v.end()) use(*it);  // expected-error {{iterator 'it' into 'v' is used after 'clear' may have invalidated it}}
}

void erase_if_then_use(std::vector<int>& v) {
  auto& last = v.back();
  std::erase_if(v, bad);  // expected-note {{'std::erase_if' on 'v' is here}}
  use(last);  // expected-error {{reference 'last' into 'v' is used after 'std::erase_if' may have invalidated it}}
}

void reference_into_owner(std::unique_ptr<std::string> p, std::optional<std::string> o) {
  std::string& text = *p;
  const std::string& value = o.value();
  p.reset();  // expected-note {{'reset' on 'p' is here}}
  o = "next";  // expected-note {{'operator=' on 'o' is here}}
  use(static_cast<int>(text.size()));  // expected-error {{reference 'text' into 'p' is used after 'reset' may have invalidated it}}
  use(static_cast<int>(value.size()));  // expected-error {{reference 'value' into 'o' is used after 'operator=' may have invalidated it}}
}

void reference_into_variant(std::variant<int, std::string> v) {
  if (auto* s = std::get_if<std::string>(&v)) {
    v = 5;  // expected-note {{'operator=' on 'v' is here}}
    use(static_cast<int>(s->size()));  // expected-error {{pointer 's' into 'v' is used after 'operator=' may have invalidated it; copy what you need out of it before the change, or take the reference again after it [meshwa-iterator-invalidation]}}
  }
  auto& text = std::get<std::string>(v);
  v.emplace<int>(3);  // expected-note {{'emplace' on 'v' is here}}
  use(static_cast<int>(text.size()));  // expected-error {{reference 'text' into 'v' is used after 'emplace' may have invalidated it}}
  if (const auto* n = std::get_if<int>(&v)) use(*n);  // accepted: nothing changes v meanwhile
}

// Still accepted.
void index_loop(std::vector<int>& v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == 0) v.push_back(1);
  }
}

void erase_returned_iterator(std::vector<int>& v, std::map<int, int>& m) {
  for (auto it = v.begin(); it != v.end();) {
    if (bad(*it)) it = v.erase(it);
    else ++it;
  }
  for (auto it = m.begin(); it != m.end();) {
    if (bad(it->first)) m.erase(it++);
    else ++it;
  }
  v.erase(std::remove_if(v.begin(), v.end(), bad), v.end());
}

void collect_then_insert(std::vector<int>& v) {
  std::vector<int> extra;
  for (int x : v) {
    if (x > 3) extra.push_back(x / 2);
  }
  v.insert(v.end(), extra.begin(), extra.end());
}

void node_containers_keep_iterators(std::map<int, std::string>& m, std::list<int>& l) {
  auto it = m.find(1);
  m.emplace(2, "two");  // map insertion invalidates nothing
  if (it != m.end()) it->second += "!";
  auto& front = l.front();
  l.push_back(3);
  use(front);
}

void deque_push_keeps_references(std::deque<int>& d) {
  int& first = d.front();
  d.push_back(2);
  use(first);
}

void break_after_growth(std::vector<int>& v) {
  for (int x : v) {
    if (x == 0) {
      v.push_back(1);
      break;
    }
  }
}

void fresh_iterator(std::vector<int>& v) {
  auto it = v.begin();
  v.push_back(4);
  it = v.begin();
  use(*it);
}

void owner_reassigned_then_reread(std::unique_ptr<std::string> p) {
  std::string& text = *p;
  use(static_cast<int>(text.size()));
  p = std::make_unique<std::string>("new");
  std::string& again = *p;
  use(static_cast<int>(again.size()));
}

void sort_is_not_invalidation(std::vector<int>& v) {
  auto first = v.begin();
  std::sort(v.begin(), v.end());
  use(*first);
  for (auto& x : v) x += 1;
}

// Templates and generic lambdas are analysed through their instantiations,
// each finding reported once.
template <class Container>
void duplicate_all(Container& c) {
  for (const auto& x : c) {  // expected-note {{the range-for loop over 'c' is here}}
    c.push_back(x);          // expected-error {{'push_back' on 'c' may invalidate the iterators of the range-for loop}}
  }
}
void use_templates(std::vector<int>& v, std::deque<int>& d, std::vector<std::string>& s) {
  duplicate_all(v);
  duplicate_all(d);
  duplicate_all(s);
  auto drain = [](auto& c) {
    auto first = c.begin();
    c.clear();      // expected-note {{'clear' on 'c' is here}}
    return *first;  // expected-error {{iterator 'first' into 'c' is used after 'clear' may have invalidated it}}
  };
  (void)drain(v);
  (void)drain(s);
}
