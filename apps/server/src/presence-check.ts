import { cleanPresence, cleanPresenceShape } from '@kompas/model';
import type { PresenceCheck, Writer } from '@kompas/relay';
import { parseRoom } from './rooms.ts';

/**
 * What the relay checks presence in a board's rooms against: the model's presence schema (cleanPresence),
 * published by the connection's own person, so nobody shows a name, a cursor or a view as someone else.
 */
export function roomPresenceCheck(name: string): PresenceCheck | undefined {
  return parseRoom(name) === undefined ? undefined : checkPresence;
}

const checkPresence: PresenceCheck = (state, writer) => {
  const person = personOf(writer);
  return person === null ? cleanPresenceShape(state) : cleanPresence(state, person);
};

/**
 * The person a connection's presence must name. The upgrade does not name one yet (persons come with the
 * person tokens): the relay's default writer, the actor with no role, has none, and only the shape is checked.
 */
function personOf(writer: Writer): string | null {
  return writer.role === '' ? null : writer.person;
}
