-- Take (read and delete) the devices indexed under a flow that has closed.
-- KEYS: 1 flow set
local members = redis.call('SMEMBERS', KEYS[1])
redis.call('DEL', KEYS[1])
return members
