// A service's command-line front end written with CLI11 (Debian's
// libcli11-dev) the way its README shows: the library's pointers bound as
// references where they are kept (docs/rules/raw-pointer.md, "A library
// that hands out pointers"), a required option read after the parse
// (docs/rules/uninitialized.md) and subcommand callbacks capturing locals of
// the function that owns the App (docs/rules/escaping-reference.md).
// expected-no-diagnostics
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

struct Settings {
  int workers = 1;
  int port = 8080;
  std::string name = "default";
  bool verbose = false;
  bool serve = false;
};

// CLI11 parses a vector of arguments back to front.
std::vector<std::string> reversed(const std::vector<std::string>& args) { return {args.rbegin(), args.rend()}; }

int parse_options(const std::vector<std::string>& args, Settings& out) {
  CLI::App app{"inventory service"};
  int workers;
  app.add_option("--workers", workers, "worker threads")->required()->check(CLI::Range(1, 64));
  CLI::Option& port = *app.add_option("--port", out.port, "port to listen on")->envname("PORT");
  app.add_flag("-v,--verbose", out.verbose, "more output");
  try {
    app.parse(reversed(args));
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  out.workers = workers;
  return static_cast<int>(port.count());
}

int parse_commands(const std::vector<std::string>& args, Settings& out) {
  CLI::App app{"inventory service"};
  CLI::App& serve = *app.add_subcommand("serve", "serve requests");
  serve.add_option("--name", out.name, "instance name");
  int chosen = 0;
  serve.callback([&] { chosen = 1; });
  app.add_subcommand("check", "check the configuration")->callback([&chosen] { chosen = 2; });
  try {
    app.parse(reversed(args));
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  out.serve = chosen == 1;
  return chosen;
}
