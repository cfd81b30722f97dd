import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { isAway, type ListedPeer } from '../core/away-people.ts';
import { initials, peopleList } from '../core/presence.ts';
import { cssProperties } from '../ui/css-properties.ts';
import { sharedStyles } from '../ui/shared-styles.ts';

/** Avatars beyond this collapse into a "+N" chip (they stay in the accessible list). */
const MAX_AVATARS = 5;

/**
 * Who is on the board: an accessible list "People", shown as overlapping avatars. Someone who follows
 * another person's view is named so, and their avatar carries a small marker. Someone who dropped out
 * stays a while, dimmed, after those present, named as away.
 */
export class PeopleList extends LitElement {
  static override properties = { peers: { attribute: false } };

  declare peers: readonly ListedPeer[];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.peers = [];
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        align-items: center;
      }
      ul {
        display: flex;
        align-items: center;
        margin: 0;
        padding: 0 0 0 6px;
        list-style: none;
      }
      li {
        margin-left: -6px;
      }
      .avatar {
        display: grid;
        place-items: center;
        width: 30px;
        height: 30px;
        border-radius: 50%;
        color: #fff;
        font-size: 11.5px;
        font-weight: 650;
        letter-spacing: 0.02em;
        box-shadow: 0 0 0 2px var(--k-color-surface);
        cursor: default;
      }
      .self .avatar {
        box-shadow:
          0 0 0 2px var(--k-color-surface),
          0 0 0 3.5px var(--k-color-border-strong);
      }
      li {
        position: relative;
      }
      .following::after {
        content: '';
        position: absolute;
        right: -1px;
        bottom: -1px;
        width: 9px;
        height: 9px;
        border-radius: 50%;
        background: var(--k-color-accent);
        box-shadow: 0 0 0 2px var(--k-color-surface);
      }
      .away .avatar {
        opacity: 0.4;
        filter: grayscale(0.6);
        box-shadow:
          0 0 0 2px var(--k-color-surface),
          inset 0 0 0 1.5px rgba(255, 255, 255, 0.7);
      }
      .more {
        display: grid;
        place-items: center;
        min-width: 30px;
        height: 30px;
        padding: 0 6px;
        margin-left: -6px;
        border-radius: 15px;
        background: var(--k-color-surface-muted);
        color: var(--k-color-text-muted);
        font-size: 11.5px;
        font-weight: 600;
        box-shadow: 0 0 0 2px var(--k-color-surface);
      }
    `,
  ];

  override render() {
    const listed = peopleList(this.peers);
    const people = [...listed.filter((peer) => !isAway(peer)), ...listed.filter(isAway)];
    const hidden = Math.max(0, people.length - MAX_AVATARS);
    return html`<ul aria-label=${msg('People')}>
        ${people.map((peer, index) => {
          const leader = peer.following && people.find((other) => other.user.id === peer.following);
          const label = personLabel(peer, leader || undefined);
          return html`<li
            class=${[
              peer.isSelf ? 'self' : '',
              leader ? 'following' : '',
              isAway(peer) ? 'away' : '',
              index >= MAX_AVATARS ? 'visually-hidden' : '',
            ].join(' ')}
            title=${label}
          >
            <span class="avatar" ${cssProperties({ background: peer.user.color })} aria-hidden="true"
              >${initials(peer.user.name)}</span
            ><span class="visually-hidden">${label}</span>
          </li>`;
        })}
      </ul>
      ${hidden > 0 ? html`<span class="more" aria-hidden="true">+${hidden}</span>` : nothing}`;
  }
}

/** "Pim (you)", "Pim, following Fay", "Fay, away": who a round face stands for, read out and in its tooltip. */
function personLabel(peer: ListedPeer, leader: ListedPeer | undefined): string {
  const name = peer.user.name;
  const who = peer.isSelf ? msg(str`${name} (you)`) : name;
  const leaderName = leader?.user.name ?? '';
  const following = !leader
    ? who
    : leader.isSelf
      ? msg(str`${who}, following you`)
      : msg(str`${who}, following ${leaderName}`);
  return isAway(peer) ? msg(str`${following}, away`) : following;
}

customElements.define('kompas-people-list', PeopleList);

declare global {
  interface HTMLElementTagNameMap {
    'kompas-people-list': PeopleList;
  }
}
