-- wrk script: disbursement POSTs with unique vouchers, spread over the appropriations A00000..A{lines-1}
-- (or all on one when lines is 1). Arguments: base path, token, voucher prefix, number of lines.
-- Prints one JSON line at the end: requests, failed (answers outside 2xx/3xx and socket errors), seconds, latency percentiles in ms.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  base, token, prefix, lines = args[1], args[2], args[3], tonumber(args[4])
  counter = 0
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
end

function request()
  counter = counter + 1
  local line = (counter * 7919 + id * 104729) % lines
  local body = string.format(
    '{"voucherNo":"%s-%d-%d","amount":"1.00","paidOn":"2020-05-20","costItem":"印刷费","payee":"北京某印刷有限公司"}',
    prefix, id, counter)
  return wrk.format("POST", string.format("%s/appropriations/A%05d/disbursements", base, line), headers, body)
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
