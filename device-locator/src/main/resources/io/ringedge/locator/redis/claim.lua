-- Claim (call, device) exactly once: 1 claimed now, 0 claimed before, -1 no such pending call.
-- KEYS: 1 pending, 2 tried; ARGV: 1 device
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -2 then
  return -1
end
local added = redis.call('SADD', KEYS[2], ARGV[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return added
