-- SPDX-License-Identifier: GPL-2.0-or-later
-- wrk script: GET /api/search with the queries of a file (one a line, the
-- file named by the environment variable VK_QUERIES), in turn, each thread
-- starting at a different line; with VK_FACETS=1, facets are asked for too.
local queries = {}
local counter = 0

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

function init(args)
  local path = os.getenv("VK_QUERIES") or "bench/queries.txt"
  for line in io.lines(path) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local facets = os.getenv("VK_FACETS") == "1" and "&facets=1" or ""
      queries[#queries + 1] = "/api/search?limit=10" .. facets .. "&q=" .. urlencode(line)
    end
  end
  counter = math.random(#queries)
end

function request()
  counter = counter % #queries + 1
  return wrk.format("GET", queries[counter])
end

function done(summary, latency, requests)
  io.write(string.format("requests/s: %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency ms: median %.2f, p95 %.2f, p99 %.2f, max %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
