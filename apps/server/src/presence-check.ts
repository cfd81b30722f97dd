import { cleanPresence } from '@kompas/model';
import type { PresenceCheck } from '@kompas/relay';
import type { People } from './people.ts';
import { parseRoom } from './rooms.ts';

/**
 * What the relay checks presence in a board's rooms against: the model's presence schema (cleanPresence),
 * published by the connection's own person under the name the server registered for them, so nobody shows a
 * name, a cursor or a view as someone else.
 */
export function roomPresenceCheck(people: People): (name: string) => PresenceCheck | undefined {
  return (name) => {
    const room = parseRoom(name);
    if (room === undefined) return undefined;
    return (state, writer) =>
      cleanPresence(state, writer.person, people.get(room.boardId, writer.person)?.name);
  };
}
