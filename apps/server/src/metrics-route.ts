import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** `GET /metrics`: Prometheus' scrape of the server's figures. */
export const METRICS_PATH = '/metrics';

/** Why a scrape is refused: the status and message to answer with. */
export interface MetricsDenial {
  status: 401 | 403;
  message: string;
}

/** Headers that a proxy in front adds: a request carrying one came from elsewhere, whatever the socket says. */
const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Who may read /metrics. With a token set, whoever sends it as `Authorization: Bearer <token>`; without,
 * only a scraper on this machine. The figures tell how busy the server is and how it refuses clients: not
 * secret, but not for everyone, so by default they stay off the network, a proxy on this machine included.
 */
export function metricsDenial(req: IncomingMessage, token: string | undefined): MetricsDenial | null {
  if (token !== undefined) {
    const sent = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    return sent !== undefined && sameSecret(sent, token)
      ? null
      : { status: 401, message: 'metrics need the METRICS_TOKEN as a bearer token' };
  }
  const proxied = FORWARDED_HEADERS.some((name) => req.headers[name] !== undefined);
  return isLoopback(req.socket.remoteAddress) && !proxied
    ? null
    : {
        status: 403,
        message: 'metrics are served to this machine only; set METRICS_TOKEN to scrape from elsewhere',
      };
}

/** Compared by digest, in constant time: the answer tells nothing about how much of a guess was right. */
function sameSecret(sent: string, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(sent), digest(token));
}

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
