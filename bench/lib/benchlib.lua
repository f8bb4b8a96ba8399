-- Shared by the wrk scripts (loaded with require("benchlib"); bench/lib/measure.sh puts bench/lib on LUA_PATH):
-- a microsecond clock and a fixed request rate.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local timespec = ffi.new("bench_timespec")

local benchlib = {}

-- Microseconds of CLOCK_REALTIME (0) or CLOCK_MONOTONIC (1).
function benchlib.clock_us(clock_id)
    ffi.C.clock_gettime(clock_id, timespec)
    return tonumber(timespec.tv_sec) * 1000000 + math.floor(tonumber(timespec.tv_nsec) / 1000)
end

-- A delay() for wrk when BENCH_RATE (requests per second over all BENCH_THREADS threads) is set, else nil.
-- A fixed schedule per thread: request k is due at start + k * interval whatever the latency of the ones before
-- (when the service falls behind, requests go out back to back until it catches up; more than a second behind,
-- the schedule restarts instead of bursting).
function benchlib.fixed_rate_delay()
    local rate = tonumber(os.getenv("BENCH_RATE") or "")
    if not rate then
        return nil
    end
    local interval = 1000000 * (tonumber(os.getenv("BENCH_THREADS") or "") or 1) / rate
    local next_due
    return function()
        local now = benchlib.clock_us(1)
        if not next_due then
            next_due = now + math.random() * interval
        end
        local wait = next_due - now
        next_due = next_due + interval
        if wait < -1000000 then
            next_due = now + interval
        end
        return wait > 0 and math.floor(wait / 1000) or 0
    end
end

return benchlib
