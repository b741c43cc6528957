-- A pending call's record and the devices already tried.
-- KEYS: 1 pending, 2 tried.  Returns { {field, value, ...}, {device, ...} }
return { redis.call('HGETALL', KEYS[1]), redis.call('SMEMBERS', KEYS[2]) }
