-- wrk script: the purchase flow, one simulated customer per connection (run with as many threads as connections:
-- wrk keeps the state per thread). Each customer loops:
--   PUT /api/v1/cart/items/{random item} {"quantity": 1}  ->  POST /api/v1/checkout  ->  POST /api/v1/orders
-- Environment:
--   BENCH_TOKENS      file of customer tokens, one per line (thread n uses line n)
--   BENCH_ITEMS_FILE  file of item ids with stock, one per line
--   BENCH_TRACE       prefix of the trace files: thread n writes BENCH_TRACE.n, one line per response,
--                     "epoch_ms step status latency_us" (bench/driver/Driver.java chart draws them)
--   BENCH_RATE        optional: requests per second over all threads (a fixed rate instead of a closed loop)
-- Anything unexpected (a non-2xx answer, a checkout that reserved nothing) counts as an error; the customer
-- cancels a checkout it could not turn into an order and starts over, so one error does not stop the loop.
-- At the end it prints "BENCH_RESULT key=value ..." (bench/lib/measure.sh parses it).

local benchlib = require("benchlib")
local clock_us = benchlib.clock_us

local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_number", #threads)
end

local function read_lines(file)
    local lines = {}
    for line in io.lines(file) do
        if #line > 0 then
            lines[#lines + 1] = line
        end
    end
    if #lines == 0 then
        error("no lines in " .. file)
    end
    return lines
end

local auth, items, trace, trace_lines
local step = "cancel" -- first clear whatever an earlier run left (an active checkout)
local checkout_id
local sent_us = 0
local sequence = 0
orders, errors, error_detail = 0, 0, ""

local address = '{"name":"Bench Customer","line1":"1 Main St","city":"Springfield","region":"IL",' ..
    '"postalCode":"62701","country":"US"}'

function init(args)
    local tokens = read_lines(os.getenv("BENCH_TOKENS") or error("BENCH_TOKENS is not set"))
    auth = "Bearer " .. tokens[(thread_number - 1) % #tokens + 1]
    items = read_lines(os.getenv("BENCH_ITEMS_FILE") or error("BENCH_ITEMS_FILE is not set"))
    math.randomseed(clock_us(0) % 1000000007 + thread_number * 7919)
    trace = io.open((os.getenv("BENCH_TRACE") or error("BENCH_TRACE is not set")) .. "." .. thread_number, "w")
    trace_lines = 0
end

local function headers(json)
    local h = { ["Authorization"] = auth }
    if json then
        h["Content-Type"] = "application/json"
    end
    return h
end

function request()
    sent_us = clock_us(1)
    if step == "cart" then
        return wrk.format("PUT", "/api/v1/cart/items/" .. items[math.random(#items)], headers(true), '{"quantity":1}')
    elseif step == "checkout" then
        return wrk.format("POST", "/api/v1/checkout", headers(false))
    elseif step == "order" then
        sequence = sequence + 1
        local h = headers(true)
        h["Idempotency-Key"] = string.format("bench-%d-%d-%d", thread_number, sequence, math.random(1000000000))
        return wrk.format("POST", "/api/v1/orders", h, '{"checkoutId":"' .. checkout_id ..
            '","shippingAddress":' .. address .. ',"payment":{"method":"card","token":"tok_visa"}}')
    else -- "cancel": a checkout is left over from a failed step
        return wrk.format("DELETE", "/api/v1/checkout", headers(false))
    end
end

local function failed(status, body)
    errors = errors + 1
    if #error_detail < 300 then
        error_detail = error_detail .. string.format("%s:%d:%s;", step, status, (body or ""):match('"code"%s*:%s*"([A-Z_]+)"') or "")
    end
end

function response(status, headers, body)
    local latency = clock_us(1) - sent_us
    trace:write(string.format("%d %s %d %d\n", math.floor(clock_us(0) / 1000), step, status, latency))
    trace_lines = trace_lines + 1
    if trace_lines % 256 == 0 then
        trace:flush()
    end
    if step == "cart" then
        if status == 200 then
            step = "checkout"
        elseif status == 409 and body:find('"CHECKOUT_ACTIVE"', 1, true) then
            failed(status, body)
            step = "cancel"
        else
            failed(status, body) -- e.g. the random item sold out: try another one
        end
    elseif step == "checkout" then
        checkout_id = (status == 201 or status == 200) and body:match('"id"%s*:%s*"([0-9a-f-]+)"')
        if checkout_id and body:find('"reserved"%s*:%s*%[%s*{') then
            step = "order"
        else
            failed(status, body)
            step = checkout_id and "cancel" or "cart"
        end
    elseif step == "order" then
        if status == 201 then
            orders = orders + 1
        else
            failed(status, body)
        end
        step = status == 201 and "cart" or "cancel"
    else
        if status ~= 204 and status ~= 404 and status ~= 409 then
            failed(status, body)
        end
        step = "cart"
    end
end

delay = benchlib.fixed_rate_delay()

function done(summary, latency, requests)
    local total_orders, total_errors, detail = 0, 0, ""
    for _, thread in ipairs(threads) do
        total_orders = total_orders + thread:get("orders")
        total_errors = total_errors + thread:get("errors")
        local d = thread:get("error_detail")
        if #detail < 300 and #d > 0 then
            detail = detail .. d
        end
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f " ..
        "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d orders=%d flow_errors=%d " ..
        "error_detail='%s'\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        latency:percentile(99.9), latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout,
        total_orders, total_errors, detail:gsub("'", "")))
end
