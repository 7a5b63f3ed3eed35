-- wrk script: GETs of one path, or of a path with %05d filled with 0..count-1 in turn (one appropriation after another).
-- Arguments: path (absolute), token, count (optional). Prints one JSON line at the end, like post.lua.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  path, token, count = args[1], args[2], tonumber(args[3] or "0")
  counter, failed = id, 0
  headers = { ["Authorization"] = "Bearer " .. token }
end

function request()
  counter = counter + 1
  local target = path
  if count > 0 then target = string.format(path, counter % count) end
  return wrk.format("GET", target, headers)
end

function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
    if failed <= 3 then io.stderr:write("answer " .. status .. ": " .. body:sub(1, 300) .. "\n") end
  end
end

function done(summary, latency, requests)
  local failures = 0
  for _, t in ipairs(threads) do failures = failures + t:get("failed") end
  io.write(string.format(
    '{"requests":%d,"failed":%d,"seconds":%.3f,"p50":%.3f,"p99":%.3f,"p999":%.3f}\n',
    summary.requests, failures, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency:percentile(99.9) / 1e3))
end
