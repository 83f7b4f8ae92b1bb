// The plugin's own arguments (plugin.robustness.args.*): compiled with
// -fplugin-arg-meshwa-only=meshwa-union (the rule named as its diagnostics
// show it) and, in args.main_action, with the plugin as clang's main action
// (-Xclang -plugin -Xclang meshwa). Either way the union rule runs, once,
// and the raw-pointer rule does not: its error below must not appear.
union Bits {  // expected-error {{union}}
  int whole;
  float real;
};

// Accepted with only=union: a raw-pointer parameter is another rule's.
int first(int* values) { return values == nullptr ? 0 : 1; }
