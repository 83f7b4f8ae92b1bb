-- socialNetwork's mixed workload for wrk, as in DeathStarBench's
-- wrk2/scripts/social-network/mixed-workload.lua: 60 % read home timeline,
-- 30 % read user timeline, 10 % compose post. A post is 256 random
-- characters with up to 5 mentions, up to 5 URLs and up to 4 media.
-- Users are the loader's: username_<i>, i in [0, 962).
--
--   wrk -t2 -c8 -d20s -s mixed-workload.lua http://127.0.0.1:8080
--   WORKLOAD=compose-post wrk ... (compose only)

local max_user_index = tonumber(os.getenv("MAX_USER_INDEX")) or 962
-- WORKLOAD=compose-post sends compose requests only (for the breakdown).
local compose_only = os.getenv("WORKLOAD") == "compose-post"

local charset = {}
for c in ("qwertyuiopasdfghjklzxcvbnmQWERTYUIOPASDFGHJKLZXCVBNM1234567890"):gmatch(".") do
  table.insert(charset, c)
end
local decset = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}

local function string_random(length)
  local out = {}
  for i = 1, length do out[i] = charset[math.random(1, #charset)] end
  return table.concat(out)
end

local function dec_random(length)
  local out = {}
  for i = 1, length do out[i] = decset[math.random(1, #decset)] end
  return table.concat(out)
end

local form_headers = {["Content-Type"] = "application/x-www-form-urlencoded"}

local function compose_post()
  local user_index = math.random(0, max_user_index - 1)
  local parts = {string_random(256)}
  for _ = 1, math.random(0, 5) do
    local mention
    repeat mention = math.random(0, max_user_index - 1) until mention ~= user_index
    parts[#parts + 1] = " @username_" .. mention
  end
  for _ = 1, math.random(0, 5) do
    parts[#parts + 1] = " http://" .. string_random(64)
  end
  local ids, types = {}, {}
  for i = 1, math.random(0, 4) do
    ids[i] = '"' .. dec_random(18) .. '"'
    types[i] = '"png"'
  end
  local body = "username=username_" .. user_index .. "&user_id=" .. user_index ..
      "&text=" .. table.concat(parts) ..
      "&media_ids=[" .. table.concat(ids, ",") .. "]" ..
      "&media_types=[" .. table.concat(types, ",") .. "]&post_type=0"
  return wrk.format("POST", "/wrk2-api/post/compose", form_headers, body)
end

local function read_timeline(which)
  local user_id = math.random(0, max_user_index - 1)
  local start = math.random(0, 100)
  local path = "/wrk2-api/" .. which .. "/read?user_id=" .. user_id ..
      "&start=" .. start .. "&stop=" .. (start + 10)
  return wrk.format("GET", path)
end

-- per-thread state, collected in done()
local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
  failures = 0
end

function request()
  local coin = math.random()
  if compose_only then
    return compose_post()
  elseif coin < 0.6 then
    return read_timeline("home-timeline")
  elseif coin < 0.9 then
    return read_timeline("user-timeline")
  else
    return compose_post()
  end
end

function response(status, headers, body)
  if status >= 400 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + (thread:get("failures") or 0) end
  local seconds = summary.duration / 1e6
  io.write(string.format("result: requests=%d seconds=%.1f throughput_rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f http_errors=%d socket_errors=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, failed,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
