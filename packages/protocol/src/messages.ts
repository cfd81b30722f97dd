/**
 * Message types of the y-websocket protocol: the first varuint of every frame. Sync messages carry
 * y-protocols/sync's own sub-types (step 1, step 2, update) after it.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  /** Sent by servers that refuse access; Kompas decides access at the upgrade instead, so it is ignored. */
  auth: 2,
  /** Asks for everyone's presence; the answer also proves the connection is alive. */
  queryAwareness: 3,
} as const;

export type MessageType = (typeof MessageType)[keyof typeof MessageType];
