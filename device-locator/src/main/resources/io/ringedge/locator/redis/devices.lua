-- Live bindings and live push handles of one user, expired entries pruned on the way.
-- KEYS: 1 bindings, 2 binding-expiry, 3 handles, 4 handle-expiry (see bind.lua)
-- ARGV: 1 now
-- Returns { {device, binding json, ...}, {device, handle json, ...} }
local now = tonumber(ARGV[1])

local function prune(hash, zset)
  -- one HDEL each: unpack() of a long list would overflow Lua's stack
  for _, device in ipairs(redis.call('ZRANGEBYSCORE', zset, '-inf', now)) do
    redis.call('HDEL', hash, device)
  end
  redis.call('ZREMRANGEBYSCORE', zset, '-inf', now)
end

local function live(hash, zset)
  local out = {}
  for _, device in ipairs(redis.call('ZRANGEBYSCORE', zset, '(' .. ARGV[1], '+inf')) do
    local value = redis.call('HGET', hash, device)
    if value then
      out[#out + 1] = device
      out[#out + 1] = value
    end
  end
  return out
end

prune(KEYS[1], KEYS[2])
prune(KEYS[3], KEYS[4])
return { live(KEYS[1], KEYS[2]), live(KEYS[3], KEYS[4]) }
