-- Remove a device's push handle only if it is still the one the provider rejected:
-- a handle the device registered since then stays.
-- KEYS: 1 handles, 2 handle-expiry; ARGV: 1 device, 2 rejected handle json
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 1
end
return 0
