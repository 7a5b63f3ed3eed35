-- wrk script: disbursement POSTs with unique vouchers, spread over the appropriations A00000..A{lines-1}
-- (or all on one when lines is 1). Arguments: base path, token, voucher prefix, number of lines.
-- Prints one JSON line at the end: requests, non-201 answers, seconds, latency percentiles in ms.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  base, token, prefix, lines = args[1], args[2], args[3], tonumber(args[4])
  counter, failed = 0, 0
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

function response(status, headers, body)
  if status ~= 201 then
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
