export { reconnectDelay } from './backoff.ts';
export { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './protocol.ts';
export type { ConnectionStatus, Refusal, RoomConnectionOptions } from './room-connection.ts';
export { RoomConnection } from './room-connection.ts';
