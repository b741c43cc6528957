-- Claim (call, device) exactly once. With ARGV[2] set, only if edge ARGV[2] holds the call: a device
-- attaching on the holding edge is claimed in the same round trip that finds the call.
-- KEYS: 1 pending, 2 tried; ARGV: 1 device, 2 claiming edge or ''
-- Returns {code, holding edge}: code 1 claimed now, 0 claimed before, -1 no such pending call,
-- 2 held by another edge than ARGV[2] (nothing claimed)
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -2 then
  return {-1, ''}
end
local edge = redis.call('HGET', KEYS[1], 'edge') or ''
if ARGV[2] ~= '' and edge ~= ARGV[2] then
  return {2, edge}
end
local added = redis.call('SADD', KEYS[2], ARGV[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return {added, edge}
