/**
 * The device locator over Redis, with Lettuce.
 *
 * <h2>Key layout</h2>
 * Every key starts with {@code redis.key-prefix} (default {@code ringedge}) and carries a hash tag
 * in braces. Redis Cluster hashes only the tag, so the keys of one user (or flow, or call) share a
 * slot and the Lua scripts that touch several of them run on one node. Ids are escaped inside keys
 * ({@code % : { }} → {@code %25 %3A %7B %7D}).
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>type</th><th>content</th><th>lifetime</th></tr>
 *   <tr><td>{@code P:{u:T:U}:bindings}</td><td>hash</td>
 *       <td>device id → binding JSON {@code {"edge","flow","contact"}}: which edge node and WebSocket
 *           flow hold the device</td>
 *       <td rowspan="2">entry: the registration expiry, as the device's score in {@code binding-expiry};
 *           key: TTL ≥ its longest-lived entry</td></tr>
 *   <tr><td>{@code P:{u:T:U}:binding-expiry}</td><td>zset</td><td>device id scored by binding expiry (epoch ms)</td></tr>
 *   <tr><td>{@code P:{u:T:U}:handles}</td><td>hash</td>
 *       <td>device id → RFC 8599 push handle JSON {@code {"provider","prid","param"}}</td>
 *       <td rowspan="2">entry: {@code locator.push-handle-ttl} after the last REGISTER carrying it
 *           (never before the binding); key: TTL ≥ its longest-lived entry</td></tr>
 *   <tr><td>{@code P:{u:T:U}:handle-expiry}</td><td>zset</td><td>device id scored by handle expiry (epoch ms)</td></tr>
 *   <tr><td>{@code P:{f:E:F}:devices}</td><td>set</td>
 *       <td>{@code T:U:D} of every device bound over WebSocket flow F of edge node E, so a closed
 *           connection finds its bindings without a scan</td>
 *       <td>TTL ≥ its longest binding; taken whole when the flow closes</td></tr>
 *   <tr><td>{@code P:{c:C}:pending}</td><td>hash</td>
 *       <td>pending call C: {@code tenant}, {@code user}, {@code edge} (holding edge), {@code deadline} (epoch ms)</td>
 *       <td rowspan="2">until the call's deadline, or release</td></tr>
 *   <tr><td>{@code P:{c:C}:tried}</td><td>set</td><td>device ids already tried or claimed for call C</td></tr>
 *   <tr><td>{@code P:{c:C}:located}</td><td>string</td>
 *       <td>the first device list computed for call C (JSON), repeated on redelivery</td>
 *       <td>{@code locator.located-ttl}</td></tr>
 * </table>
 *
 * <h2>Why this shape</h2>
 * <ul>
 *   <li>The edge's connections route DID → user (edge config), so the locator's question is
 *       "user → devices": one user slot answers it in one script, one round trip, no scan.</li>
 *   <li>A user's devices expire one by one although they share keys: the expiry is a sorted-set
 *       score, and every script first prunes entries whose score has passed (lazily, O(log n)).</li>
 *   <li>Bindings and handles are kept apart because a handle outlives its binding: a device whose
 *       WebSocket closed or expired but whose handle is live is <em>asleep</em> and can be woken.</li>
 *   <li>Expiry scores use the writer's clock (edges run NTP); Redis TTLs only bound the garbage.</li>
 *   <li>Operations that span slots ({@code bind}: user then flow; {@code unbindFlow}: flow then each
 *       user) are separate steps, ordered so that a step lost in between leaves only entries that
 *       expire on their own.</li>
 * </ul>
 *
 * <p>{@code redis.cluster=true} connects through Lettuce's cluster client; {@code RedisClusterTest}
 * runs every script on a real three-node cluster.
 */
package io.ringedge.locator.redis;
