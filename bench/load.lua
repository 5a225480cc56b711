-- wrk script for the benchmark (bench/clients.py): go through the URLs in the file given after "--"
-- (in order, starting at the offset given second, and again from the top if time remains),
-- as a client behind the TLS-terminating proxy production has (X-Forwarded-Proto: https),
-- with caching off for these requests when the third argument is "off", count the answers the
-- page cache gave (X-Bench-Cache: hit), and print a JSON summary at the end.

local urls = {}
local position = 0
local headers = {}
local threads = {}
hits = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      urls[#urls + 1] = line
    end
  end
  -- Each thread starts at its own place in the list.
  position = (tonumber(args[2]) or 0) % #urls
  headers = {
    ["Host"] = "127.0.0.1",
    ["X-Forwarded-Proto"] = "https",
    ["X-Forwarded-For"] = "127.0.0.1",
  }
  if args[3] == "off" then
    headers["X-Bench-Cache"] = "off"
  end
end

function request()
  position = position % #urls + 1
  return wrk.format("GET", urls[position], headers)
end

function response(status, response_headers, body)
  if response_headers["X-Bench-Cache"] == "hit" then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local cached = 0
  for _, thread in ipairs(threads) do
    cached = cached + (thread:get("hits") or 0)
  end
  io.write(string.format(
    '{"requests": %d, "bytes": %d, "duration_us": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, "hits": %d}\n',
    summary.requests, summary.bytes, summary.duration, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, cached))
end
