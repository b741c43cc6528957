-- The first answer for a call wins; later computations for the same call get that answer back.
-- KEYS: 1 located; ARGV: 1 answer json, 2 lifetime ms
local first = redis.call('GET', KEYS[1])
if first then
  return first
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
