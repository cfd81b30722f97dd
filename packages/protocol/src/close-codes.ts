/** What a WebSocket close code means in Kompas, and whether a client that gets it connects again. */
export interface CloseCodeMeaning {
  code: number;
  meaning: string;
  /** False when connecting again would be refused the same way: the client reports a refusal instead. */
  retry: boolean;
}

/**
 * Every close code the relay, the server and the client use. 44xx are refusals that mirror an HTTP status
 * (the client does not reconnect; it would send the same), except 4400, a stream out of step; 45xx ask the
 * client to reconnect and sync. The official y-websocket client (3.x) also stops after 4400–4499.
 */
export const CLOSE_CODES = {
  normal: { code: 1000, meaning: 'closed on purpose, e.g. a client that leaves the board', retry: true },
  goingAway: { code: 1001, meaning: 'the server is shutting down', retry: true },
  unsupportedData: { code: 1003, meaning: 'a text frame, where the protocol sends binary ones', retry: true },
  abnormal: {
    code: 1006,
    meaning: 'the connection ended without a close frame, or fell silent',
    retry: true,
  },
  tooLarge: { code: 1009, meaning: 'a frame larger than the relay accepts', retry: true },
  internalError: { code: 1011, meaning: 'the server failed to handle a frame', retry: true },
  malformed: {
    code: 4400,
    meaning: 'a frame that cannot be decoded: reconnect and sync afresh',
    retry: true,
  },
  unauthorized: {
    code: 4401,
    meaning: 'no token, or an invite token where a person token is needed',
    retry: false,
  },
  forbidden: { code: 4403, meaning: 'a token that is invalid, expired, or not for this room', retry: false },
  notFound: { code: 4404, meaning: 'no such board or room', retry: false },
  /** A well-formed update whose content the room's rules refused; the reason says which rule. */
  invalidData: { code: 4422, meaning: 'a change the board’s rules refuse', retry: false },
  /** Frame size aside (1009), the budgets that protect everyone from one client; the reason names it. */
  overBudget: { code: 4429, meaning: 'the client passed one of its budgets', retry: false },
  missingParts: {
    code: 4509,
    meaning: 'an update that depends on changes the room does not have: reconnect and sync',
    retry: true,
  },
} as const satisfies Record<string, CloseCodeMeaning>;

export type CloseCodeName = keyof typeof CLOSE_CODES;

/** The close codes by name, e.g. `ws.close(CloseCode.invalidData, reason)`. */
export const CloseCode = Object.fromEntries(
  Object.entries(CLOSE_CODES).map(([name, { code }]) => [name, code]),
) as { readonly [Name in CloseCodeName]: (typeof CLOSE_CODES)[Name]['code'] };

export type CloseCode = (typeof CloseCode)[CloseCodeName];

/** Codes servers use to refuse a client, Kompas's or not: the client does not reconnect after them. */
const REFUSAL_RANGE = { min: 4400, max: 4499 };

/** Whether a client connects again after the server closed with `code`; unknown 44xx codes are refusals. */
export function retriesAfter(code: number): boolean {
  const known = Object.values(CLOSE_CODES).find((entry) => entry.code === code);
  return known ? known.retry : code < REFUSAL_RANGE.min || code > REFUSAL_RANGE.max;
}
