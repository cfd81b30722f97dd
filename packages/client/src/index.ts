export { reconnectDelay } from './backoff.ts';
export type { StateVector } from './delivery.ts';
export type { ConnectionStatus, Refusal, RoomConnectionOptions } from './room-connection.ts';
export { RoomConnection } from './room-connection.ts';
