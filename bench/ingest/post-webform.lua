-- wrk script of the ingest benchmark: every request POSTs one plain HTML web form submission,
-- urlencoded, as a salon's site sends it. A web form carries no message id, so each post is a new
-- lead; the phone number and the e-mail differ in every request (per thread, per request) so
-- that nothing downstream takes two posts for the same customer.
--
-- done() prints one machine-readable line that bench/ingest/run.sh reads:
--   BENCH requests=N http_errors=N (answers >= 400) socket_errors=N duration_us=N rps=X p50_us=N p99_us=N

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function form(fields)
  local parts = {}
  for _, pair in ipairs(fields) do
    parts[#parts + 1] = urlencode(pair[1]) .. "=" .. urlencode(pair[2])
  end
  return table.concat(parts, "&")
end

-- Everything but the phone and the e-mail is the same in every post, so it is encoded once.
local before_phone = form({
  {"name", "Анна Смирнова"},
}) .. "&phone="
local after_email = "&" .. form({
  {"message", "Здравствуйте! Хочу записаться на маникюр с покрытием гель-лак в субботу после 14:00. Если есть окно у Марины, буду рада."},
  {"utm_source", "yandex"},
  {"utm_medium", "cpc"},
  {"utm_campaign", "manicure_spring"},
  {"utm_content", "banner_2"},
  {"page", "https://salon-liliya.example.ru/manikyur"},
})

local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

-- The main state keeps the threads so done() could reach them; each thread learns its number.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local sent = 0

function request()
  sent = sent + 1
  -- "8 9T NNN-NN-NN": a Russian mobile number, T the thread, N the request count in the thread.
  local digits = string.format("%d%08d", (thread_number or 0) % 10, sent % 100000000)
  local phone = string.format("8 9%s %s-%s-%s", digits:sub(1, 2), digits:sub(3, 5), digits:sub(6, 7), digits:sub(8, 9))
  local email = "anna." .. digits .. "@example.ru"
  return wrk.format("POST", nil, headers, before_phone .. urlencode(phone) .. "&email=" .. urlencode(email) .. after_email)
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("BENCH requests=%d http_errors=%d socket_errors=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, summary.duration,
    summary.requests / seconds, latency:percentile(50), latency:percentile(99)))
end
