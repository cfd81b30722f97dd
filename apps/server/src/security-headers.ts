import type { IncomingMessage } from 'node:http';

/** A year: the time browsers keep to https once told; the usual value for sites that stay on https. */
const HSTS_MAX_AGE_SECONDS = 31_536_000;
/** A Host header that can go into the policy as it is: a name or address and a port, nothing that ends a source. */
const PLAIN_HOST = /^(?:[a-z\d.-]+|\[[a-f\d:.]+\])(?::\d{1,5})?$/i;

export interface SecurityHeaderOptions {
  /** CSP frame-ancestors sources, space-separated (see FRAME_ANCESTORS). */
  frameAncestors: string;
  /** The base of invite links; https turns on Strict-Transport-Security. */
  publicUrl: string;
}

/**
 * The headers every response carries. The policy lets the page run only the app's own scripts, styles,
 * images and connections; an injected script or a form posting elsewhere does nothing.
 */
export function securityHeaders(
  req: IncomingMessage,
  options: SecurityHeaderOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(req.headers.host, options.frameAncestors),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (options.publicUrl.startsWith('https:')) {
    headers['Strict-Transport-Security'] = `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`;
  }
  return headers;
}

function contentSecurityPolicy(host: string | undefined, frameAncestors: string): string {
  // 'self' covers the WebSocket to the same host in current browsers (CSP 3); older Safari wants it named.
  const webSocket = host !== undefined && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self'${webSocket}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}
