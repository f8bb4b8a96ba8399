-- wrk script: requests the URL paths listed in a file (env BENCH_PATHS, one per line).
--   BENCH_ORDER=seq     each thread walks the list in order from its own offset (no path repeats until the list
--                       is used up: distinct queries, so nothing comes from the service's page cache)
--   BENCH_ORDER=random  each request picks a random line (per-thread seed)
--   BENCH_TOKENS        optional: a file of tokens, one per line; each request sends a random one as a bearer token
--   BENCH_RATE          optional: requests per second over all BENCH_THREADS threads (a fixed rate, not a closed loop)
-- At the end it prints one line "BENCH_RESULT key=value ..." that bench/lib/measure.sh parses.

local benchlib = require("benchlib")

local paths = {}
local tokens = {}
local next_index = 1
local random_order = (os.getenv("BENCH_ORDER") or "random") == "random"
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_number", #threads)
end

function init(args)
    local file = os.getenv("BENCH_PATHS") or error("BENCH_PATHS is not set")
    for line in io.lines(file) do
        if #line > 0 then
            paths[#paths + 1] = line
        end
    end
    if #paths == 0 then
        error("no paths in " .. file)
    end
    local token_file = os.getenv("BENCH_TOKENS")
    if token_file then
        for line in io.lines(token_file) do
            if #line > 0 then
                tokens[#tokens + 1] = "Bearer " .. line
            end
        end
    end
    local n = thread_number or 1
    math.randomseed(os.time() * 1000 + n * 7919)
    -- Threads start far apart in the list; a random start keeps repeated runs from replaying the same queries.
    next_index = (math.random(#paths) + (n - 1) * math.floor(#paths / 8)) % #paths + 1
end

function request()
    local path
    if random_order then
        path = paths[math.random(#paths)]
    else
        path = paths[next_index]
        next_index = next_index % #paths + 1
    end
    if #tokens > 0 then
        return wrk.format("GET", path, { ["Authorization"] = tokens[math.random(#tokens)] })
    end
    return wrk.format("GET", path)
end

delay = benchlib.fixed_rate_delay()

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f " ..
        "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        latency:percentile(99.9), latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
