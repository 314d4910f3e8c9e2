/** 127.0.0.0/8 in dotted form, as URL parsing leaves it. */
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Hosts whose traffic never leaves the machine: plain http to them exposes no credential, and no
 * proxy from the environment should capture them. Takes a URL's `hostname` (`[::1]` for IPv6) or a
 * bare address (`::1`).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '::1' || host === '[::1]' || IPV4_LOOPBACK.test(host);
}
