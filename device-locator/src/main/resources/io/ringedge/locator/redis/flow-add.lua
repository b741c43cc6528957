-- Index a device under the WebSocket flow that carries it, so a closed connection finds its bindings.
-- KEYS: 1 flow set (members "tenant:user:device", escaped)
-- ARGV: 1 member, 2 lifetime ms of the binding just made
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
