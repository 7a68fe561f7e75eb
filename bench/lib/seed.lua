-- wrk script that seeds Inkan: each request issues a certificate with unique names (s<thread>-<n>.seed.test),
-- and each thread stops after BENCH_SEED_PER_THREAD responses. BENCH_TOKEN as in wrk.lua.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local count = 0
local limit = tonumber(os.getenv("BENCH_SEED_PER_THREAD") or "1000")
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "") }
local path = os.getenv("BENCH_PATH") or "/api/v1/certificates"
local run = os.getenv("BENCH_SEED_RUN") or "0"

function request()
  count = count + 1
  local name = string.format("s%s-%d-%d.seed.test", run, tid, count)
  local body = string.format('{"commonName":"%s","dnsNames":["%s","www.%s"],"ipAddresses":["10.%d.%d.%d"],'
      .. '"profile":"server","keyType":"ecdsa-p256","validityDays":90}', name, name, name,
      tid % 256, math.floor(count / 256) % 256, count % 256)
  return wrk.format("POST", path, headers, body)
end

local done_count = 0
function response(status, headers, body)
  done_count = done_count + 1
  if done_count >= limit then
    wrk.thread:stop()
  end
end

done = function(summary, latency, requests)
  io.write(string.format('BENCHJSON {"requests": %d, "duration_us": %d, "non2xx": %d, "errors": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
