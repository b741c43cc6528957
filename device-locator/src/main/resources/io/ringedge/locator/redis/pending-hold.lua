-- Record a pending call once; a second hold of the same call changes nothing.
-- KEYS: 1 pending (hash), 2 tried (set of device ids)
-- ARGV: 1 tenant, 2 user, 3 holding edge, 4 deadline (epoch ms), 5 lifetime ms, 6.. devices tried
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'tenant', ARGV[1], 'user', ARGV[2], 'edge', ARGV[3], 'deadline', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('DEL', KEYS[2])
if #ARGV > 5 then
  redis.call('SADD', KEYS[2], unpack(ARGV, 6))
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
return 1
