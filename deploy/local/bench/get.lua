-- wrk script: GETs of one path, or of a path with %05d filled with 0..count-1 in turn (one appropriation after another).
-- Arguments: path (absolute), token, count (optional). Prints one JSON line at the end, like post.lua.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  path, token, count = args[1], args[2], tonumber(args[3] or "0")
  counter = id
  headers = { ["Authorization"] = "Bearer " .. token }
end

function request()
  counter = counter + 1
  local target = path
  if count > 0 then target = string.format(path, counter % count) end
  return wrk.format("GET", target, headers)
end

function done(summary, latency, requests)
  -- Counted by wrk itself: a response() callback makes wrk hand every body to Lua, which cost more than the service.
  local e = summary.errors
  local failures = e.status + e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    '{"requests":%d,"failed":%d,"seconds":%.3f,"p50":%.3f,"p99":%.3f,"p999":%.3f}\n',
    summary.requests, failures, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency:percentile(99.9) / 1e3))
end
