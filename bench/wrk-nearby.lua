-- wrk client for the nearby search (bench/stations-nearby.ts, COMPARE_WORKERS): random points over China as the
-- autocannon client sends them, PIPELINING requests written at once per connection. wrk is C: it leaves the CPUs
-- to the server processes on a machine where client and servers share two.
local depth = tonumber(os.getenv("PIPELINING") or "10")
local batches = {}

local function nearby()
  local lat = string.format("%.5f", 22 + 28 * math.random())
  local lng = string.format("%.5f", 100 + 22 * math.random())
  local open = math.random() < 0.3 and "&openNow=true" or ""
  return wrk.format("GET", "/api/v1/stations/nearby?lat=" .. lat .. "&lng=" .. lng .. "&limit=20" .. open)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  for b = 1, 500 do
    local parts = {}
    for i = 1, depth do parts[i] = nearby() end
    batches[b] = table.concat(parts)
  end
end

local next = 0
function request()
  next = next % #batches + 1
  return batches[next]
end
