/**
 * Connection pools that can only connect to an address the guard checked:
 * one undici Agent per (host, checked address), whose `lookup` answers with
 * that address and nothing else. Reused across requests so keep-alive works;
 * a host that resolves differently next time gets a different agent.
 */
import type { LookupFunction } from 'node:net';
import { Agent, ProxyAgent } from 'undici';
import type { CheckedAddress } from './address.guard.js';

const MAX_AGENTS = 64;
const agents = new Map<string, Agent>();

/** A `lookup` for net.connect that answers with the address the guard checked, and nothing else. */
export function pinnedLookup(checked: CheckedAddress): LookupFunction {
  return ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (opts?.all) cb(null, [{ address: checked.address, family: checked.family }]);
    else cb(null, checked.address, checked.family);
  }) as unknown as LookupFunction;
}

/** The agent for `host` pinned to `checked` (created on first use, least recently used closed past 64). */
export function pinnedAgent(host: string, checked: CheckedAddress): Agent {
  const key = `${host}|${checked.address}`;
  let agent = agents.get(key);
  if (agent) {
    agents.delete(key);
  } else {
    agent = new Agent({ connect: { lookup: pinnedLookup(checked) }, keepAliveTimeout: 10_000 });
    if (agents.size >= MAX_AGENTS) {
      const [oldKey, old] = agents.entries().next().value as [string, Agent];
      agents.delete(oldKey);
      void old.close().catch(() => {});
    }
  }
  agents.set(key, agent);
  return agent;
}

const proxies = new Map<string, ProxyAgent>();

/**
 * The agent for a platform proxy. Through a proxy the proxy resolves the
 * target's name, so the target is checked by the guard but cannot be pinned.
 */
export function proxyAgent(proxyUrl: string): ProxyAgent {
  let agent = proxies.get(proxyUrl);
  if (!agent) proxies.set(proxyUrl, (agent = new ProxyAgent(proxyUrl)));
  return agent;
}
