/**
 * Every Chromium this system starts — the crawler's pool and the notice
 * printer — runs without a network of its own: all it may load is answered
 * by a route handler (the crawler's guard fetching from Node, stored
 * evidence, or nothing). Here because both crawler/ and enforcement/ start one.
 */
/**
 * Chromium itself reaches nothing: every request a page makes is answered by
 * a route handler (the guard fetches it from Node, or the stored-page
 * renderer answers it from evidence), so Chromium's own network stack is
 * closed. What it would fetch outside those handlers (link prefetch of a
 * page drawn from evidence, speculation-rules prefetch and prerender,
 * WebRTC's TURN over TCP and STUN over UDP) fails here instead of reaching
 * an internal address (test/security/chromium-egress.test.ts):
 *   - every name and address literal resolves to nothing, loopback included;
 *   - all traffic goes to a proxy that does not exist (its name does not
 *     resolve either), and loopback is not exempt from it as it is by default;
 *   - WebRTC uses no UDP but through that proxy, so ICE reaches nothing (the
 *     headless shell reads the `force-` switch, the full browser the other,
 *     a preference set from the command line).
 * The first two are independent: each alone (with the WebRTC policy) kept
 * every vector of that test away from the listener on Chromium 156; the
 * proxy without `<-loopback>` kept none. Switching the features off instead
 * does not work there (`Prerender2`, blink's `SpeculationRules`: speculation
 * rules still fetched), nor does a CSP `default-src 'none'` for link prefetch.
 * No CPU cost per page measured (routed goto and stored-page draw, 25 demo
 * pages, headless shell: within noise).
 */
export const CLOSED_NETWORK_ARGS: readonly string[] = ['--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=http://chromium-egress-refused.invalid:9', '--proxy-bypass-list=<-loopback>',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp', '--webrtc-ip-handling-policy=disable_non_proxied_udp'];
