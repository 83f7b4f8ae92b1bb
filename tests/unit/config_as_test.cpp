// Context::config_as: a whole number, a boolean and a floating-point
// number, each read all of it and refused (SettingError, which fails the
// start naming the setting at its key in the file) when it is not one,
// instead of taken silently (std::stoul takes "-3" and "8k"; probe api21:
// `"featured_only": false` had no reader but config(key) == "true", which
// reads "False" as false).
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <vector>
#include <meshwa/meshwa.hpp>
#include <meshwa/registry.hpp>

namespace {

class Settings final : public meshwa::Context {
 public:
  explicit Settings(std::map<std::string, std::string, std::less<>> values) : values_(std::move(values)) {}
  const std::string& service_name() const noexcept override { return name_; }
  std::string config(std::string_view key, std::string_view fallback) const override {
    auto it = values_.find(key);
    return it == values_.end() ? std::string(fallback) : it->second;
  }

 protected:
  void* resolve(std::type_index, std::string_view) override { throw std::logic_error("no services here"); }

 private:
  std::string name_ = "settings";
  std::map<std::string, std::string, std::less<>> values_;
};

// ctx.config_as<T>() reads a whole number, all of it, within T's range.
TEST(ConfigAs, ReadsAWholeNumberOrTheFallback) {
  Settings ctx({{"size", "8"}, {"low", "-40"}, {"empty", ""}});
  EXPECT_EQ(ctx.config_as<std::size_t>("size", 64), 8u);
  EXPECT_EQ(ctx.config_as<int32_t>("low", 0), -40);
  EXPECT_EQ(ctx.config_as<std::size_t>("unset", 64), 64u);
  EXPECT_EQ(ctx.config_as<std::size_t>("empty", 64), 64u);
}

// config_as hands config() its fallback as text, which is what a start
// error shows of a setting read unset, and reads back as the same value.
TEST(ConfigAs, AskConfigWithTheFallbackAsText) {
  class Asked final : public meshwa::Context {
   public:
    const std::string& service_name() const noexcept override { return name_; }
    std::string config(std::string_view, std::string_view fallback) const override {
      fallbacks.emplace_back(fallback);
      return std::string(fallback);
    }
    mutable std::vector<std::string> fallbacks;

   protected:
    void* resolve(std::type_index, std::string_view) override { throw std::logic_error("no services here"); }

   private:
    std::string name_ = "asked";
  } ctx;
  EXPECT_EQ(ctx.config_as<uint64_t>("seed", 18446744073709551615u), 18446744073709551615u);
  EXPECT_EQ(ctx.config_as<int8_t>("low", -128), -128);
  EXPECT_EQ(ctx.config_as<uint8_t>("level", 7), 7);
  EXPECT_EQ(ctx.config_as<bool>("strict", false), false);
  EXPECT_EQ(ctx.config_as<double>("ratio", 0.1), 0.1);
  EXPECT_EQ(ctx.config_as<float>("f", 0.1f), 0.1f);
  EXPECT_EQ(ctx.config_as<double>("tiny", 5e-324), 5e-324);
  // Not finite: config_as would refuse its text, so it asks with "" and
  // returns the fallback itself.
  EXPECT_EQ(ctx.config_as<double>("inf", std::numeric_limits<double>::infinity()),
            std::numeric_limits<double>::infinity());
  EXPECT_EQ(ctx.fallbacks,
            (std::vector<std::string>{"18446744073709551615", "-128", "7", "false", "0.1", "0.1", "5e-324", ""}));
}

TEST(ConfigAs, RefusesWhatIsNoWholeNumberOfTheType) {
  // What std::stoul and std::stoll take silently: a sign on an unsigned
  // value, a tail, a leading space, an exponent; and what does not fit.
  for (const char* text : {"-3", "8k", " 8", "1e3", "2.5", "ten", "+"}) {
    Settings ctx({{"size", text}});
    try {
      static_cast<void>(ctx.config_as<std::size_t>("size", 64));
      ADD_FAILURE() << "\"" << text << "\" was read as a size";
    } catch (const meshwa::SettingError& e) {
      EXPECT_EQ(e.key(), "size");
      EXPECT_EQ(e.value(), text);
      EXPECT_EQ(std::string(e.what()), "setting \"size\" is \"" + std::string(text) +
                                           "\", which is not a whole number from 0 to 18446744073709551615");
    }
  }
  Settings ctx({{"level", "300"}});
  EXPECT_THROW(static_cast<void>(ctx.config_as<uint8_t>("level", 1)), meshwa::SettingError);
}

TEST(ConfigAsBool, ReadsJsonBooleansOrTheFallback) {
  Settings ctx({{"on", "true"}, {"off", "false"}, {"empty", ""}});
  EXPECT_TRUE(ctx.config_as<bool>("on", false));
  EXPECT_FALSE(ctx.config_as<bool>("off", true));
  EXPECT_TRUE(ctx.config_as("unset", true));
  EXPECT_FALSE(ctx.config_as("empty", false));
}

TEST(ConfigAsBool, RefusesWhatIsNotTrueOrFalse) {
  for (const char* text : {"True", "yes", "1", "0", " true", "false "}) {
    Settings ctx({{"featured", text}});
    try {
      static_cast<void>(ctx.config_as<bool>("featured", false));
      ADD_FAILURE() << "\"" << text << "\" was read as a boolean";
    } catch (const meshwa::SettingError& e) {
      EXPECT_EQ(e.key(), "featured");
      EXPECT_EQ(e.value(), text);
      EXPECT_EQ(e.expected(), "true or false");
    }
  }
}

TEST(ConfigAsFloat, ReadsAWholeNumberTextOrTheFallback) {
  Settings ctx({{"ratio", "0.25"}, {"tiny", "1e-3"}, {"whole", "8"}, {"neg", "-2.5"}, {"empty", ""}});
  EXPECT_DOUBLE_EQ(ctx.config_as<double>("ratio", 1.0), 0.25);
  EXPECT_DOUBLE_EQ(ctx.config_as<double>("tiny", 1.0), 1e-3);
  EXPECT_FLOAT_EQ(ctx.config_as<float>("whole", 1.0f), 8.0f);
  EXPECT_DOUBLE_EQ(ctx.config_as<double>("neg", 1.0), -2.5);
  EXPECT_DOUBLE_EQ(ctx.config_as("unset", 0.5), 0.5);
  EXPECT_DOUBLE_EQ(ctx.config_as("empty", 0.5), 0.5);
}

TEST(ConfigAsFloat, RefusesWhatIsNoFiniteNumberOfTheType) {
  for (const char* text : {"0.5s", " 1", "+1", "fast", "inf", "nan", "1e999"}) {
    Settings ctx({{"ratio", text}});
    try {
      static_cast<void>(ctx.config_as<double>("ratio", 0.5));
      ADD_FAILURE() << "\"" << text << "\" was read as a double";
    } catch (const meshwa::SettingError& e) {
      EXPECT_EQ(std::string(e.what()), "setting \"ratio\" is \"" + std::string(text) + "\", which is not a finite number");
    }
  }
  Settings ctx({{"big", "1e39"}});
  EXPECT_THROW(static_cast<void>(ctx.config_as<float>("big", 1.0f)), meshwa::SettingError);
}

class MESHWA_INTERFACE Shelf {
 public:
  virtual ~Shelf() = default;
};
class MESHWA_SERVICE("shelf") ShelfService final : public Shelf {
 public:
  explicit ShelfService(meshwa::Context& ctx)
      : featured_(ctx.config_as<bool>("featured_only", false)), ratio_(ctx.config_as<double>("ratio", 0.5)) {}
  bool featured_;
  double ratio_;
};

TEST(ConfigAsBool, AValueThatIsNotABooleanFailsTheStartNamingTheSettingAndTheFile) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<ShelfService, Shelf>("shelf"));
  auto config = meshwa::Config::from_json_text(R"({"services": {"shelf": {"featured_only": "yes"}}})", "deploy.json");
  try {
    meshwa::Deployment dep(reg, config);
    FAIL() << "\"yes\" was read as a boolean";
  } catch (const meshwa::StartError& e) {
    EXPECT_EQ(std::string(e.what()),
              "service 'shelf' ((anonymous namespace)::ShelfService) failed to start: its setting "
              "services.shelf.featured_only = \"yes\" of deploy.json:1:25 is not true or false; correct the value");
  }
}

TEST(ConfigAsBool, JsonBooleansAndNumbersOfTheFileAreRead) {
  meshwa::Registry reg;
  reg.add(meshwa::bind<ShelfService, Shelf>("shelf"));
  auto config = meshwa::Config::from_json_text(R"({"services": {"shelf": {"featured_only": true, "ratio": 1e-1}}})",
                                               "deploy.json");
  meshwa::Deployment dep(reg, config);
  EXPECT_TRUE(dep.unread_config().empty());
}

}  // namespace
