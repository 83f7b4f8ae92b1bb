#include "compose.hpp"

#include <string>
#include <utility>

#include "../errors.hpp"
#include "../parallel.hpp"

namespace social {
namespace {

const std::string kShortUrlPrefix = "http://short-url/";
const std::string kAlphanumerics = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::size_t kShortUrlLength = 10;

std::int64_t parse_machine_id(const std::string& text) {
  const long long value = std::stoll(text);  // throws on garbage: the service does not start
  if (value < 0 || value >= (1LL << Snowflake::kMachineBits)) {
    throw std::out_of_range("machine_id " + text + " is outside 0..1023");
  }
  return value;
}

}  // namespace

// ------------------------------------------------------------- UniqueId

UniqueIdHandler::UniqueIdHandler(meshwa::Context& ctx)
    : ids_(parse_machine_id(ctx.config("machine_id", "0")), fixed_time_from_setting(ctx.config("fixed_time_ms", "-1"))) {}

meshwa::Result<std::int64_t> UniqueIdHandler::compose_unique_id(std::int64_t /*req_id*/, PostType /*post_type*/) {
  return ids_.next();
}

// ------------------------------------------------------------- UrlShorten

namespace {

/// The setting "seed" fixes the short URLs (for repeatable contracts);
/// unset, every start draws a new seed.
std::uint64_t url_seed(const std::string& setting) {
  return setting.empty() ? (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}()
                         : std::stoull(setting);
}

}  // namespace

UrlShortenHandler::UrlShortenHandler(meshwa::Context& ctx)
    : store_(ctx.ref<UrlStore>()), random_(url_seed(ctx.config("seed", ""))) {}

std::string UrlShortenHandler::random_suffix() {
  std::string suffix(kShortUrlLength, '0');
  std::uniform_int_distribution<std::size_t> pick(0, kAlphanumerics.size() - 1);
  std::lock_guard lock(random_mutex_);
  for (char& c : suffix) c = kAlphanumerics[pick(random_)];
  return suffix;
}

meshwa::Result<std::vector<Url>> UrlShortenHandler::compose_urls(std::int64_t /*req_id*/,
                                                                 std::vector<std::string> urls) {
  std::vector<Url> shortened;
  shortened.reserve(urls.size());
  for (std::string& url : urls) {
    if (url.empty()) return errors::handler(meshwa::Code::invalid_argument, "cannot shorten an empty URL");
    shortened.push_back(Url{kShortUrlPrefix + random_suffix(), std::move(url)});
  }
  if (!shortened.empty()) {
    auto stored = store_->put(shortened);
    if (!stored) return stored.error();
  }
  return shortened;
}

meshwa::Result<std::vector<std::string>> UrlShortenHandler::get_extended_urls(
    std::int64_t /*req_id*/, std::vector<std::string> shortened_urls) {
  return store_->expand(std::move(shortened_urls));
}

// ------------------------------------------------------------- UserMention

UserMentionHandler::UserMentionHandler(meshwa::Context& ctx) : users_(ctx.ref<UserStore>()) {}

meshwa::Result<std::vector<UserMention>> UserMentionHandler::compose_user_mentions(
    std::int64_t /*req_id*/, std::vector<std::string> usernames) {
  std::vector<UserMention> mentions;
  mentions.reserve(usernames.size());
  for (std::string& name : usernames) {
    auto user = users_->find_by_username(name);
    if (!user) {
      return errors::handler(user.error().code(), "cannot mention @" + name + ": " + user.error().message());
    }
    mentions.push_back(UserMention{user->user_id, std::move(name)});
  }
  return mentions;
}

// ------------------------------------------------------------- Media

MediaHandler::MediaHandler(meshwa::Context& /*ctx*/) {}

meshwa::Result<std::vector<Media>> MediaHandler::compose_media(std::int64_t /*req_id*/,
                                                               std::vector<std::string> media_types,
                                                               std::vector<std::int64_t> media_ids) {
  if (media_types.size() != media_ids.size()) {
    return errors::handler(meshwa::Code::invalid_argument,
                           "The lengths of media_id list and media_type list are not equal (" +
                               std::to_string(media_ids.size()) + " ids, " + std::to_string(media_types.size()) +
                               " types)");
  }
  std::vector<Media> media;
  media.reserve(media_ids.size());
  for (std::size_t i = 0; i < media_ids.size(); ++i) {
    media.push_back(Media{media_ids[i], std::move(media_types[i])});
  }
  return media;
}

// ------------------------------------------------------------- Text

TextHandler::TextHandler(meshwa::Context& ctx)
    : url_shorten_(ctx.ref<UrlShortenService>()),
      user_mention_(ctx.ref<UserMentionService>()),
      branches_(branches_from_config(ctx.config("branches", "parallel"))),
      mention_pattern_("@[a-zA-Z0-9_-]+"),
      // The original's class, plus the path characters / ? # : ; , (it cut
      // "http://example.com/a" after ".com"; its benchmark URLs have no path).
      url_pattern_("(http://|https://)([a-zA-Z0-9_!~*'().&=+$%/?#:;,-]+)") {}

meshwa::Result<TextServiceReturn> TextHandler::compose_text(std::int64_t req_id, std::string text) {
  // Whole matches, collected without naming an iterator into `text`.
  std::vector<std::string> usernames(std::sregex_token_iterator(text.begin(), text.end(), mention_pattern_),
                                     std::sregex_token_iterator());
  for (std::string& name : usernames) name.erase(0, 1);  // without the '@'
  std::vector<std::string> urls(std::sregex_token_iterator(text.begin(), text.end(), url_pattern_),
                                std::sregex_token_iterator());

  // Shorten the URLs on another thread while this one resolves the mentions.
  auto shortened_future = run_branch(branches_, [shorten = url_shorten_, req_id, urls]() mutable {
    return shorten->compose_urls(req_id, std::move(urls));
  });
  auto mentions = user_mention_->compose_user_mentions(req_id, std::move(usernames));
  auto shortened = shortened_future.get();
  if (!mentions) return mentions.error();
  if (!shortened) return shortened.error();

  // Each URL in order of appearance is replaced by its short form; searching
  // on from the end of the previous replacement keeps repeated URLs apart.
  std::string rewritten;
  rewritten.reserve(text.size());
  std::size_t from = 0;
  for (const Url& url : *shortened) {
    const std::size_t at = text.find(url.expanded_url, from);
    if (at == std::string::npos) continue;
    rewritten.append(text, from, at - from);
    rewritten.append(url.shortened_url);
    from = at + url.expanded_url.size();
  }
  rewritten.append(text, from, std::string::npos);
  return TextServiceReturn{std::move(rewritten), std::move(*mentions), std::move(*shortened)};
}

// ------------------------------------------------------------- ComposePost

ComposePostHandler::ComposePostHandler(meshwa::Context& ctx)
    : text_(ctx.ref<TextService>()),
      unique_id_(ctx.ref<UniqueIdService>()),
      media_(ctx.ref<MediaService>()),
      user_(ctx.ref<UserService>()),
      post_storage_(ctx.ref<PostStorageService>()),
      user_timeline_(ctx.ref<UserTimelineService>()),
      home_timeline_(ctx.ref<HomeTimelineService>()),
      branches_(branches_from_config(ctx.config("branches", "parallel"))),
      fixed_time_ms_(fixed_time_from_setting(ctx.config("fixed_time_ms", "-1"))) {}

meshwa::Result<void> ComposePostHandler::compose_post(std::int64_t req_id, std::string username,
                                                      std::int64_t user_id, std::string text,
                                                      std::vector<std::int64_t> media_ids,
                                                      std::vector<std::string> media_types, PostType post_type) {
  // Text (the longest branch: it fans out itself) on another thread; the
  // unique id, the media and the creator on this one meanwhile.
  auto text_future = run_branch(branches_, [service = text_, req_id, text = std::move(text)]() mutable {
    return service->compose_text(req_id, std::move(text));
  });
  auto post_id = unique_id_->compose_unique_id(req_id, post_type);
  auto media = media_->compose_media(req_id, std::move(media_types), std::move(media_ids));
  auto creator = user_->compose_creator_with_user_id(req_id, user_id, std::move(username));
  auto composed_text = text_future.get();
  if (!composed_text) return composed_text.error();
  if (!post_id) return post_id.error();
  if (!media) return media.error();
  if (!creator) return creator.error();

  Post post;
  post.post_id = *post_id;
  post.creator = std::move(*creator);
  post.req_id = req_id;
  post.text = std::move(composed_text->text);
  post.user_mentions = std::move(composed_text->user_mentions);
  post.media = std::move(*media);
  post.urls = std::move(composed_text->urls);
  post.timestamp = time_ms(fixed_time_ms_);
  post.post_type = post_type;

  std::vector<std::int64_t> mention_ids;
  mention_ids.reserve(post.user_mentions.size());
  for (const UserMention& mention : post.user_mentions) mention_ids.push_back(mention.user_id);
  const std::int64_t timestamp = post.timestamp;
  const std::int64_t id = post.post_id;

  // The post is stored before any timeline names it, so a reader never sees
  // an id whose post is missing (the original writes the three in parallel
  // and a timeline read can race ahead of the store).
  auto stored = post_storage_->store_post(req_id, std::move(post));
  if (!stored) return stored.error();
  auto user_written = user_timeline_->write_user_timeline(req_id, id, user_id, timestamp);
  if (!user_written) return user_written.error();
  return home_timeline_->write_home_timeline(req_id, id, user_id, timestamp, std::move(mention_ids));
}

}  // namespace social
