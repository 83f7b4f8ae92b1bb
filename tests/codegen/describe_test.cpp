// --list and --graph text (codegen/support/src/describe.cpp): the domain
// each unsafe service runs in follows the configuration's "mpk_group"
// settings, as the runtime's mpk::open_domain does.
#include <gtest/gtest.h>

#include <string>

#include "meshwa/gen/deployment.hpp"

namespace {

using meshwa::gen::DeploymentInfo;
using meshwa::gen::graph_dot;
using meshwa::gen::list_text;
using meshwa::gen::MpkGroups;

DeploymentInfo three_unsafe() {
  DeploymentInfo info;
  info.name = "legacy";
  info.services.push_back({"front", "app::Front", {"app::Front"}, {"app::Codec"}, ""});
  info.services.push_back({"codec-a", "app::CodecA", {"app::Codec"}, {}, "wraps zlib"});
  info.services.push_back({"codec-b", "app::CodecB", {"app::CodecB"}, {}, "wraps lz4"});
  info.services.push_back({"parser", "app::Parser", {"app::Parser"}, {}, "hand-written C"});
  return info;
}

TEST(DescribeList, WithoutGroupsEveryUnsafeServiceHasADomainOfItsOwn) {
  const std::string text = list_text(three_unsafe(), "", true);
  EXPECT_NE(text.find("service codec-a (app::CodecA)\n  domain: MPK domain of its own (unsafe: wraps zlib)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("service parser (app::Parser)\n  domain: MPK domain of its own (unsafe: hand-written C)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("service front (app::Front)\n  domain: safe (proven by the compiler; direct calls)\n"),
            std::string::npos)
      << text;
}

TEST(DescribeList, ServicesOfOneGroupShareItsDomain) {
  const MpkGroups groups{{"codec-a", "codecs"}, {"codec-b", "codecs"}, {"front", "ignored-for-safe"}};
  const std::string text = list_text(three_unsafe(), "", true, groups);
  EXPECT_NE(text.find("service codec-a (app::CodecA)\n  domain: MPK domain 'codecs' (mpk_group) shared with codec-b "
                      "(unsafe: wraps zlib)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("service codec-b (app::CodecB)\n  domain: MPK domain 'codecs' (mpk_group) shared with codec-a "
                      "(unsafe: wraps lz4)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("service parser (app::Parser)\n  domain: MPK domain of its own (unsafe: hand-written C)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("service front (app::Front)\n  domain: safe"), std::string::npos) << text;
}

TEST(DescribeList, AGroupNamedAfterAnotherServiceIsThatServicesDomain) {
  // The runtime names a domain by the group, or else by the service: a
  // group "parser" is the domain of the ungrouped service parser too.
  const std::string text = list_text(three_unsafe(), "", false, {{"codec-b", "parser"}});
  EXPECT_NE(text.find("service codec-b (app::CodecB)\n  domain: MPK domain 'parser' (mpk_group) shared with parser "
                      "(software-only here: no MPK) (unsafe: wraps lz4)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("service parser (app::Parser)\n  domain: MPK domain 'parser' (mpk_group) shared with codec-b "
                      "(software-only here: no MPK) (unsafe: hand-written C)\n"),
            std::string::npos)
      << text;
}

TEST(DescribeList, AGroupOfOneIsNamed) {
  const std::string text = list_text(three_unsafe(), "", true, {{"codec-a", "zlib"}});
  EXPECT_NE(text.find("  domain: MPK domain 'zlib' (mpk_group) (unsafe: wraps zlib)\n"), std::string::npos) << text;
}

TEST(DescribeGraph, AGroupIsOneCluster) {
  const std::string dot = graph_dot(three_unsafe(), {{"codec-a", "codecs"}, {"codec-b", "codecs"}});
  EXPECT_NE(dot.find("  subgraph cluster_domain0 {\n    label=\"MPK domain 'codecs' (mpk_group)\";\n    style=filled;\n"
                     "    color=mistyrose;\n    \"codec-a\";\n    \"codec-b\";\n  }\n"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("  subgraph cluster_domain1 {\n    label=\"MPK domain: hand-written C\";\n    style=filled;\n"
                     "    color=mistyrose;\n    \"parser\";\n  }\n"),
            std::string::npos)
      << dot;
  EXPECT_EQ(dot.find("cluster_domain2"), std::string::npos) << dot;
}

TEST(DescribeGraph, WithoutGroupsEachUnsafeServiceIsACluster) {
  const std::string dot = graph_dot(three_unsafe());
  EXPECT_NE(dot.find("label=\"MPK domain: wraps zlib\";"), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"MPK domain: wraps lz4\";"), std::string::npos) << dot;
  EXPECT_NE(dot.find("cluster_domain2"), std::string::npos) << dot;
}

// A line break or tab in a reason (`MESHWA_UNSAFE("wraps\nzlib")`) is shown
// as a space: --list keeps one line per domain, and the DOT label holds no
// raw line break.
DeploymentInfo with_reason(const std::string& reason) {
  DeploymentInfo info;
  info.name = "legacy";
  info.services.push_back({"codec", "app::Codec", {"app::Codec"}, {}, reason});
  return info;
}

TEST(DescribeList, AReasonWithControlCharactersIsOneLine) {
  const std::string text = list_text(with_reason("wraps\nzlib\tby\r\nhand"), "", true);
  EXPECT_NE(text.find("  domain: MPK domain of its own (unsafe: wraps zlib by  hand)\n  provides: app::Codec\n"),
            std::string::npos)
      << text;
}

TEST(DescribeGraph, AReasonWithControlCharactersIsOneLabelLine) {
  const std::string dot = graph_dot(with_reason("wraps\nzlib \"v1\""));
  EXPECT_NE(dot.find("    label=\"MPK domain: wraps zlib \\\"v1\\\"\";\n"), std::string::npos) << dot;
}

// The safe cluster holds the safe services, and is left out when there is
// none (it was drawn as an empty box); the near miss keeps it for one.
TEST(DescribeGraph, ADeploymentWithoutSafeServicesHasNoSafeCluster) {
  const std::string dot = graph_dot(with_reason("wraps zlib"));
  EXPECT_EQ(dot.find("cluster_safe"), std::string::npos) << dot;
  EXPECT_NE(dot.find("  subgraph cluster_domain0 {\n    label=\"MPK domain: wraps zlib\";"), std::string::npos) << dot;
  EXPECT_NE(graph_dot(three_unsafe()).find("  subgraph cluster_safe {\n    label=\"safe (one address space, direct "
                                           "calls)\";\n    \"front\";\n  }\n"),
            std::string::npos);
}

// A hub that calls its subscribers back through the Ref<Listener> they
// passed to subscribe() (api16's chat notifier): the call is drawn, dashed,
// to the deployment's provider of Listener, which no ctx.ref<I>() shows.
DeploymentInfo hub_and_subscriber() {
  DeploymentInfo info;
  info.name = "chat";
  info.services.push_back({"notifier", "chat::Notifier", {"chat::Hub"}, {}, "", {"chat::Listener"}});
  info.services.push_back({"bot", "chat::Bot", {"chat::Listener", "chat::Control"}, {"chat::Hub"}, ""});
  return info;
}

TEST(DescribeGraph, ACallBackThroughARefArgumentIsADashedEdgeToItsProvider) {
  const std::string dot = graph_dot(hub_and_subscriber());
  EXPECT_NE(dot.find("  \"notifier\" -> \"bot\" [label=\"chat::Listener (callback)\", style=dashed];\n"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("  \"bot\" -> \"notifier\" [label=\"chat::Hub\"];\n"), std::string::npos) << dot;
}

// Near misses: without a provider of Listener nobody can pass such a Ref,
// so no edge (nor a "not in this deployment" node, which a dependency
// gets); a service that asks for the interface itself keeps its one edge.
TEST(DescribeGraph, ACallBackWithoutAProviderOrAlsoADependencyAddsNoEdge) {
  DeploymentInfo alone = hub_and_subscriber();
  alone.services.pop_back();
  EXPECT_EQ(graph_dot(alone).find("->"), std::string::npos) << graph_dot(alone);
  DeploymentInfo asks = hub_and_subscriber();
  asks.services.front().dependencies = {"chat::Listener"};
  const std::string dot = graph_dot(asks);
  EXPECT_NE(dot.find("  \"notifier\" -> \"bot\" [label=\"chat::Listener\"];\n"), std::string::npos) << dot;
  EXPECT_EQ(dot.find("(callback)"), std::string::npos) << dot;
}

// A client that asks a directory for a Ref<Listener> and calls it: that
// capability reaches it from outside like an argument does, and is drawn
// the same way, dashed, to the provider of Listener; not twice where the
// service asks for the interface itself or receives it as an argument.
DeploymentInfo directory_and_client() {
  DeploymentInfo info;
  info.name = "chat";
  info.services.push_back({"client", "chat::Client", {"chat::Front"}, {"chat::Directory"}, "", {}, {"chat::Listener"}});
  info.services.push_back({"directory", "chat::Dir", {"chat::Directory"}, {}, ""});
  info.services.push_back({"bot", "chat::Bot", {"chat::Listener"}, {}, ""});
  return info;
}

TEST(DescribeGraph, ACallThroughARefAResultBroughtIsADashedEdgeToItsProvider) {
  const std::string dot = graph_dot(directory_and_client());
  EXPECT_NE(dot.find("  \"client\" -> \"bot\" [label=\"chat::Listener (returned Ref)\", style=dashed];\n"),
            std::string::npos)
      << dot;
  DeploymentInfo asks = directory_and_client();
  asks.services.front().dependencies.push_back("chat::Listener");
  EXPECT_EQ(graph_dot(asks).find("(returned Ref)"), std::string::npos) << graph_dot(asks);
  DeploymentInfo handed = directory_and_client();
  handed.services.front().callbacks = {"chat::Listener"};
  EXPECT_EQ(graph_dot(handed).find("(returned Ref)"), std::string::npos) << graph_dot(handed);
  EXPECT_NE(graph_dot(handed).find("(callback)"), std::string::npos) << graph_dot(handed);
  DeploymentInfo without = directory_and_client();
  without.services.pop_back();
  EXPECT_EQ(graph_dot(without).find("(returned Ref)"), std::string::npos) << graph_dot(without);
}

TEST(DescribeList, NamesTheInterfacesAServiceCallsThroughReturnedRefs) {
  const std::string text = list_text(directory_and_client(), "", true);
  EXPECT_NE(text.find("  provides: chat::Front\n  uses: chat::Directory\n"
                      "  calls: chat::Listener (through Refs its calls return)\n"),
            std::string::npos)
      << text;
}

TEST(DescribeList, NamesTheInterfacesAServiceCallsBack) {
  const std::string text = list_text(hub_and_subscriber(), "", true);
  EXPECT_NE(text.find("service notifier (chat::Notifier)\n  domain: safe (proven by the compiler; direct calls)\n"
                      "  provides: chat::Hub\n  calls back: chat::Listener (through Ref arguments it receives)\n"),
            std::string::npos)
      << text;
}

// A service that asks for its own interface from a method (ctx.ref<I>() is
// the service itself then, called through its stub) calls itself: --graph
// draws a loop on its node, --list says whose interface it is. Another
// service's use of it stays a plain edge.
DeploymentInfo calls_itself() {
  DeploymentInfo info;
  info.name = "loop";
  info.services.push_back({"ping", "lazy::PingService", {"lazy::Ping"}, {"lazy::Ping"}, ""});
  info.services.push_back({"pong", "lazy::PongService", {"lazy::Pong"}, {"lazy::Ping"}, ""});
  return info;
}

TEST(DescribeGraph, AServiceCallingItsOwnInterfaceHasALoop) {
  const std::string dot = graph_dot(calls_itself());
  EXPECT_NE(dot.find("  \"ping\" -> \"ping\" [label=\"lazy::Ping (itself)\"];\n"), std::string::npos) << dot;
  EXPECT_NE(dot.find("  \"pong\" -> \"ping\" [label=\"lazy::Ping\"];\n"), std::string::npos) << dot;
}

TEST(DescribeList, AServiceCallingItsOwnInterfaceSaysSo) {
  const std::string text = list_text(calls_itself(), "", true);
  EXPECT_NE(text.find("service ping (lazy::PingService)\n  domain: safe (proven by the compiler; direct calls)\n"
                      "  provides: lazy::Ping\n  uses: lazy::Ping (its own interface: it calls itself, from a method)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  provides: lazy::Pong\n  uses: lazy::Ping\n"), std::string::npos) << text;
}

}  // namespace
