-- wrk script of the benchmark. The first argument says what each request is:
--   post <base path> <token> <voucher prefix> <lines>  disbursement POSTs with unique vouchers, spread over the
--                                                      appropriations A00000..A{lines-1} (all on one when lines is 1)
--   get <path> <token> [count]                         GETs of one path, or of a path with %05d filled with 0..count-1
-- No response() callback: with one, wrk hands every body to Lua, which cost more than the reads measured. Prints one
-- JSON line at the end: requests, failed (answers outside 2xx/3xx and socket errors), seconds, latency percentiles in ms.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  mode, target, token = args[1], args[2], args[3]
  counter = id
  headers = { ["Authorization"] = "Bearer " .. token }
  if mode == "post" then
    prefix, lines = args[4], tonumber(args[5])
    headers["Content-Type"] = "application/json"
  else
    count = tonumber(args[4] or "0")
  end
end

function request()
  counter = counter + 1
  if mode == "get" then
    local path = target
    if count > 0 then path = string.format(target, counter % count) end
    return wrk.format("GET", path, headers)
  end
  local line = (counter * 7919 + id * 104729) % lines
  local body = string.format(
    '{"voucherNo":"%s-%d-%d","amount":"1.00","paidOn":"2020-05-20","costItem":"印刷费","payee":"北京某印刷有限公司"}',
    prefix, id, counter)
  return wrk.format("POST", string.format("%s/appropriations/A%05d/disbursements", target, line), headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"failed":%d,"seconds":%.3f,"p50":%.3f,"p99":%.3f,"p999":%.3f}\n',
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency:percentile(99.9) / 1e3))
end
