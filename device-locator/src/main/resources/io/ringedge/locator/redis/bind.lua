-- Create or refresh one device's binding, and its push handle, in the user's slot.
-- KEYS: 1 bindings (hash device -> binding json), 2 binding-expiry (zset device by expiry ms),
--       3 handles (hash device -> handle json),   4 handle-expiry (zset device by expiry ms)
-- ARGV: 1 device, 2 binding json, 3 binding expiry, 4 handle json or '', 5 handle expiry, 6 now
-- Returns the user's live bindings and handles afterwards, as devices.lua does: the registrar's 200
-- lists them (RFC 3261 §10.3 step 8) without a second round trip.
local now = tonumber(ARGV[6])

local function prune(hash, zset)
  -- one HDEL each: unpack() of a long list would overflow Lua's stack
  for _, device in ipairs(redis.call('ZRANGEBYSCORE', zset, '-inf', now)) do
    redis.call('HDEL', hash, device)
  end
  redis.call('ZREMRANGEBYSCORE', zset, '-inf', now)
end

local function live(hash, zset)
  local out = {}
  for _, device in ipairs(redis.call('ZRANGEBYSCORE', zset, '(' .. ARGV[6], '+inf')) do
    local value = redis.call('HGET', hash, device)
    if value then
      out[#out + 1] = device
      out[#out + 1] = value
    end
  end
  return out
end

-- The key holds other devices too: extend its lifetime, never shorten it.
local function keepUntil(key, at)
  local ttl = at - now
  if redis.call('PTTL', key) < ttl then
    redis.call('PEXPIRE', key, ttl)
  end
end

prune(KEYS[1], KEYS[2])
prune(KEYS[3], KEYS[4])

redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
keepUntil(KEYS[1], tonumber(ARGV[3]))
keepUntil(KEYS[2], tonumber(ARGV[3]))

if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
  redis.call('ZADD', KEYS[4], ARGV[5], ARGV[1])
  keepUntil(KEYS[3], tonumber(ARGV[5]))
  keepUntil(KEYS[4], tonumber(ARGV[5]))
else
  -- registered without pn-* parameters: the device no longer asks to be woken
  redis.call('HDEL', KEYS[3], ARGV[1])
  redis.call('ZREM', KEYS[4], ARGV[1])
end
return { live(KEYS[1], KEYS[2]), live(KEYS[3], KEYS[4]) }
