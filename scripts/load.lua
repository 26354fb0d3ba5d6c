-- wrk script for scripts/load.sh: each connection plays a client's loop of submit -> query -> cancel
-- (cancelling keeps the queue bounded, so the run measures the API rather than filling the 1000-task
-- queue limit). Every reply is checked: an HTTP status other than 200 or a non-empty errorCode / non-zero
-- v1 code counts as an error, and the totals are printed at the end.
local key = os.getenv("VEDIT_LOAD_KEY")
local submit_body = '{"prompt":"make it black and white and slow it down to half speed","videoUrl":"https://example.com/in.mp4"}'
local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  to_query = {}
  to_cancel = {}
  submits, queries, cancels, errors = 0, 0, 0, 0
  first_error = ""
end

function request()
  if #to_cancel > 0 then
    local id = table.remove(to_cancel, 1)
    return wrk.format("POST", "/task/openapi/cancel", headers, '{"taskId":"' .. id .. '"}')
  elseif #to_query > 0 then
    local id = table.remove(to_query, 1)
    return wrk.format("POST", "/openapi/v2/query", headers, '{"taskId":"' .. id .. '"}')
  end
  return wrk.format("POST", "/openapi/v2/kling-video-o3-pro/video-edit", headers, submit_body)
end

local function failed(body)
  errors = errors + 1
  if first_error == "" then first_error = body end
end

function response(status, headers, body)
  if status ~= 200 then
    failed("HTTP " .. status .. " " .. body)
    return
  end
  local id = body:match('"taskId":"(%d+)"')
  if body:find('"failedReason"', 1, true) then          -- a query reply
    queries = queries + 1
    if not body:find('"errorCode":""', 1, true) then failed(body) end
    if id then table.insert(to_cancel, id) end
  elseif body:find('"taskId"', 1, true) then            -- a submit reply
    submits = submits + 1
    if not body:find('"errorCode":""', 1, true) or not id then failed(body) else table.insert(to_query, id) end
  else                                                  -- a v1 cancel reply
    cancels = cancels + 1
    if not body:find('"code":0', 1, true) then failed(body) end
  end
end

function done(summary, latency, requests)
  local s, q, c, e, first = 0, 0, 0, 0, ""
  for _, t in ipairs(threads) do
    s = s + t:get("submits"); q = q + t:get("queries"); c = c + t:get("cancels"); e = e + t:get("errors")
    if first == "" then first = t:get("first_error") end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("\nvedit load: %d requests in %.1f s = %.0f req/s (submit %d, query %d, cancel %d)\n",
    summary.requests, seconds, summary.requests / seconds, s, q, c))
  io.write(string.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
  local transport = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("errors: %d in replies, %d socket (connect %d, read %d, write %d, timeout %d), %d non-2xx\n",
    e, transport, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  if first ~= "" then io.write("first error: " .. first .. "\n") end
end
