import type { Agent } from 'node:http';
import { getProxyForUrl } from 'proxy-from-env';

/**
 * The proxy a corporate network routes through, as the environment names it (HTTPS_PROXY,
 * HTTP_PROXY, NO_PROXY, in either case): https targets through a CONNECT tunnel (axios' own proxy
 * support sends https requests to the proxy in the clear), plain http ones forwarded. A
 * TLS-inspecting proxy's certificate is trusted through NODE_EXTRA_CA_CERTS, which Node reads at
 * start. The agents' modules (~9 ms to load) are loaded only when a proxy is named.
 */
export class ProxyAgents {
  private readonly agents = new Map<string, Promise<Agent>>();

  /** The agent for a request to `url`: none for a direct connection. */
  async agentsFor(url: string): Promise<{ httpAgent?: Agent; httpsAgent?: Agent }> {
    const proxy = getProxyForUrl(url);
    if (!proxy) return {};
    const secure = url.startsWith('https:');
    const key = `${secure ? 'tunnel' : 'forward'} ${proxy}`;
    let agent = this.agents.get(key);
    if (!agent) this.agents.set(key, (agent = secure ? tunnelling(proxy) : forwarding(proxy)));
    return secure ? { httpsAgent: await agent } : { httpAgent: await agent };
  }
}

async function tunnelling(proxy: string): Promise<Agent> {
  const { HttpsProxyAgent } = await import('https-proxy-agent');
  return new HttpsProxyAgent(proxy);
}

async function forwarding(proxy: string): Promise<Agent> {
  const { HttpProxyAgent } = await import('http-proxy-agent');
  return new HttpProxyAgent(proxy);
}

/** The proxy the environment names, as it may be shown: scheme, host and port, never a user or password. */
export function proxyShown(env: NodeJS.ProcessEnv): string | undefined {
  const text = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  if (!text) return undefined;
  try {
    const url = new URL(text.includes('://') ? text : `http://${text}`);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'set, but not a URL';
  }
}

/** Codes of a certificate chain Node does not trust: what a TLS-inspecting proxy looks like without its CA. */
export const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);
