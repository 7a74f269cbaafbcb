-- wrk script of the channel benchmark (bench/channels/run.sh): every request is one customer
-- message of the channel named by the first argument, with a platform message id of its own, so
-- that each acknowledged webhook must become one stored message (the hub drops a repeat by its id).
--
--   wrk ... -s post-channel.lua URL -- CHANNEL PREFIX THREADS [POOL_FILE]
-- CHANNEL  telegram | vk | zadarma | webform: the body is built here, the id rewritten per request.
--          whatsapp | instagram | mango: signed bodies read from POOL_FILE (bench/channels/make_pool.py),
--          one "<signature header>\t<body>" a line; thread k of THREADS takes every THREADS-th line,
--          so the threads never send the same body. A thread that has used up its share starts
--          again and counts the repeats (the hub drops them as repeats: run.sh subtracts them).
-- PREFIX   digits that keep the ids of the warm-up and of the measured run apart.
--
-- done() prints one line that run.sh reads:
--   BENCH requests=N http_errors=N socket_errors=N duration_us=N rps=X p50_us=N p99_us=N repeats=N

local channel, prefix, thread_count, pool_file
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local TEXT = "Здравствуйте! Есть окошко на маникюр в субботу после 14:00?"
local form_head = "name=" .. urlencode("Анна Смирнова") .. "&phone="
local form_tail = "&message=" .. urlencode(TEXT) .. "&utm_source=yandex&utm_medium=cpc&utm_campaign=manicure_spring"
-- The secrets are the plugins' test fixtures', which run.sh puts into the hub's config.
local TELEGRAM_SECRET = "lead-hub_tg_9Xq2Lm7v"
local VK_SECRET = "vk_s3cr3t_b2c4e6"
local ZADARMA_SIGNATURE = "YjVkMmI1OWE2NGYwNGNkMGU0NWQ1MGZkMWU4MzJlY2ZhN2MyN2M5Ng=="

local pool_headers, pool_bodies, pool_size = {}, {}, 0
local sent = 0
repeats = 0  -- global: done() reads it from each thread with thread:get
local build  -- function(n) -> headers, body for the thread's n-th request (n from 1)

-- A number unique to this request among every thread and both runs (PREFIX, thread, count):
-- Telegram's chat and message ids and VK's ids are integers. Kept below 2,000,000,000: VK's peer
-- ids from there on are group chats, which the vk plugin answers "ok" and ignores.
local function unique(n)
  return tonumber(prefix) * 100000000 + (thread_number or 1) * 10000000 + n
end

local builders = {
  telegram = function(n)
    local id = unique(n)
    -- external_message_id is "<chat.id>:<message_id>"; a new chat per request: a new customer.
    return { ["Content-Type"] = "application/json", ["X-Telegram-Bot-Api-Secret-Token"] = TELEGRAM_SECRET },
      string.format('{"update_id":%d,"message":{"message_id":%d,"date":1773136800,"chat":{"id":%d,"type":"private","first_name":"Анна","last_name":"Смирнова"},"from":{"id":%d,"is_bot":false,"first_name":"Анна","last_name":"Смирнова","language_code":"ru"},"text":"%s"}}',
        id, n, id, id, TEXT)
  end,
  vk = function(n)
    local id = unique(n)
    return { ["Content-Type"] = "application/json" },
      string.format('{"group_id":218000123,"type":"message_new","event_id":"bench%040d","v":"5.199","object":{"message":{"date":1773136800,"from_id":%d,"id":%d,"out":0,"version":1,"attachments":[],"conversation_message_id":%d,"fwd_messages":[],"important":false,"is_hidden":false,"peer_id":%d,"random_id":0,"text":"%s"},"client_info":{"button_actions":["text"],"keyboard":true,"inline_keyboard":true,"carousel":true,"lang_id":0}},"secret":"%s"}',
        id, id, id, n, id, TEXT, VK_SECRET)
  end,
  zadarma = function(n)
    -- Zadarma signs caller_id + called_did + call_start only, so the call id (the message id) can
    -- change per request under the fixture's signature: every call a missed call of one caller.
    return { ["Content-Type"] = "application/x-www-form-urlencoded", ["Signature"] = ZADARMA_SIGNATURE },
      string.format("event=NOTIFY_END&call_start=2026-03-10+13%%3A05%%3A12&pbx_call_id=in_bench_%d&caller_id=79161234567&called_did=74951234567&internal=100&duration=0&disposition=no+answer&status_code=19&is_recorded=0&call_id_with_rec=",
        unique(n))
  end,
  webform = function(n)
    -- As bench/ingest/post-webform.lua: a form carries no message id; phone and e-mail per request.
    -- The constant fields are encoded once (form_head, form_tail): encoding the text per request
    -- took so much of wrk's CPU that it held the bare server back, flattering the ratio.
    local digits = string.format("%d%08d", (thread_number or 1) % 10, n % 100000000)
    return { ["Content-Type"] = "application/x-www-form-urlencoded" },
      form_head .. "%2B7%209" .. digits .. "&email=anna." .. prefix .. "." .. digits .. "%40example.ru" .. form_tail
  end,
}

local signature_header = { whatsapp = "X-Hub-Signature-256", instagram = "X-Hub-Signature-256" }

local function load_pool()
  local index = 0
  for line in io.lines(pool_file) do
    if index % thread_count == (thread_number or 1) - 1 then
      local tab = line:find("\t", 1, true)
      pool_size = pool_size + 1
      pool_headers[pool_size] = line:sub(1, tab - 1)
      pool_bodies[pool_size] = line:sub(tab + 1)
    end
    index = index + 1
  end
  assert(pool_size > 0, "empty pool " .. pool_file)
  local content_type = channel == "mango" and "application/x-www-form-urlencoded" or "application/json"
  return function(n)
    local i = (n - 1) % pool_size + 1
    if n > pool_size then repeats = repeats + 1 end
    local headers = { ["Content-Type"] = content_type }
    if signature_header[channel] then headers[signature_header[channel]] = pool_headers[i] end
    return headers, pool_bodies[i]
  end
end

function init(args)
  channel, prefix, thread_count, pool_file = args[1], args[2], tonumber(args[3]), args[4]
  assert(channel and prefix and thread_count, "usage: -- CHANNEL PREFIX THREADS [POOL_FILE]")
  if builders[channel] then
    build = builders[channel]
  else
    assert(pool_file, channel .. " needs a POOL_FILE of signed bodies")
    build = load_pool()
  end
end

function request()
  sent = sent + 1
  local headers, body = build(sent)
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local total_repeats = 0
  for _, thread in ipairs(threads) do total_repeats = total_repeats + (thread:get("repeats") or 0) end
  local e = summary.errors
  io.write(string.format("BENCH requests=%d http_errors=%d socket_errors=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d repeats=%d\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, summary.duration,
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), total_repeats))
end
