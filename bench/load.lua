-- wrk script for the benchmark (bench/clients.py): cycle through the URLs in the file given after "--",
-- as a client behind the TLS-terminating proxy production has (X-Forwarded-Proto: https),
-- and print a JSON summary at the end.

local urls = {}
local position = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      urls[#urls + 1] = line
    end
  end
  -- Each thread starts at its own place in the list.
  position = (tonumber(args[2]) or 0) % #urls
end

function request()
  position = position % #urls + 1
  return wrk.format("GET", urls[position], {
    ["Host"] = "127.0.0.1",
    ["X-Forwarded-Proto"] = "https",
    ["X-Forwarded-For"] = "127.0.0.1",
  })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "bytes": %d, "duration_us": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.bytes, summary.duration, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean))
end
