-- Remove one device's binding; optionally its push handle; optionally only if a given flow holds it.
-- KEYS: 1 bindings, 2 binding-expiry, 3 handles, 4 handle-expiry (see bind.lua)
-- ARGV: 1 device, 2 now, 3 '1' to remove the push handle too,
--       4 expected edge or '' for any, 5 expected flow
-- Returns { removed binding json or '', the device's live handle json or '' }
local now = tonumber(ARGV[2])
local device = ARGV[1]

local function liveValue(hash, zset)
  local score = redis.call('ZSCORE', zset, device)
  if score and tonumber(score) > now then
    return redis.call('HGET', hash, device)
  end
  return nil
end

local binding = liveValue(KEYS[1], KEYS[2])
if binding and ARGV[4] ~= '' then
  -- the device may have re-registered over another connection since: that binding stays
  local b = cjson.decode(binding)
  if b.edge ~= ARGV[4] or b.flow ~= ARGV[5] then
    return { '', '' }
  end
end
redis.call('HDEL', KEYS[1], device)
redis.call('ZREM', KEYS[2], device)

local handle = liveValue(KEYS[3], KEYS[4])
if ARGV[3] == '1' then
  redis.call('HDEL', KEYS[3], device)
  redis.call('ZREM', KEYS[4], device)
end
return { binding or '', handle or '' }
