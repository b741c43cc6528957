-- One device's live push handle, or false.
-- KEYS: 1 handles, 2 handle-expiry; ARGV: 1 device, 2 now
local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
if score and tonumber(score) > tonumber(ARGV[2]) then
  return redis.call('HGET', KEYS[1], ARGV[1])
end
return false
