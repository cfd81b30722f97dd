import { PERSON_ID } from './tokens.ts';

/**
 * The actor recorded with every update in a room's log: the writer's role and person id (`participant:<id>`),
 * stamped by the server from the person token, never taken from what a client sends. Logs written before
 * people existed hold a role and a connection id instead.
 */
export function actorOf(role: string, person: string): string {
  return `${role}:${person}`;
}

/** The person an actor names, or undefined for the server itself and for logs from before people existed. */
export function personOfActor(actor: string): string | undefined {
  const person = actor.slice(actor.indexOf(':') + 1);
  return actor.includes(':') && PERSON_ID.test(person) ? person : undefined;
}
