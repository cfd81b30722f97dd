import type { Label, PhaseId, StepId } from './phases.ts';

/**
 * The model as an aid to setting the agenda: per phase, what it asks of the roles and of the conversation; per
 * step, the points of attention to keep in mind. Our own wording of the circular process model, Dutch and
 * English each written for facilitators, not translated word for word.
 */
export const PHASE_AGENDA: Readonly<Record<PhaseId, { roles: Label; conversation: Label }>> = Object.freeze({
  verkennen: {
    roles: {
      nl: 'Een verbinder die partijen uitnodigt en bij elkaar brengt. Elke partner vertelt vanuit de eigen organisatie.',
      en: 'A convenor who invites the parties and brings them together. Each partner speaks for its own organisation.',
    },
    conversation: {
      nl: 'Open en nieuwsgierig: vragen stellen, rondkijken, nog niets vastleggen. Wat hebben we met elkaar te doen?',
      en: 'Open and curious: ask, look around, settle nothing yet. What do we have to do with each other?',
    },
  },
  richten: {
    roles: {
      nl: 'Een facilitator die het gesprek open houdt en zorgt dat ieders belang op tafel komt, en partners die kunnen zeggen wat hun organisatie wil.',
      en: 'A facilitator who keeps the conversation open and sees that every interest is voiced, and partners who can say what their organisation wants.',
    },
    conversation: {
      nl: 'Een verkennend gesprek over belangen: elk belang mag er zijn, ook het maatschappelijke. Zoek wat jullie verbindt voordat je kiest.',
      en: "An exploring conversation about interests: everyone's interest may be voiced, society's too. Find what connects you before you choose.",
    },
  },
  inrichten: {
    roles: {
      nl: 'Partners met mandaat om te besluiten en middelen in te zetten, en iemand die het ontwerp trekt.',
      en: 'Partners with a mandate to decide and to commit means, and someone who leads the design.',
    },
    conversation: {
      nl: 'Besluiten en organiseren: kiezen, rollen en verantwoordelijkheden afspreken en vastleggen wie wat doet.',
      en: 'Deciding and organising: choose, agree on roles and responsibilities, and write down who does what.',
    },
  },
  'aan-de-slag': {
    roles: {
      nl: 'Partners die samen uitvoeren, en iemand die geregeld tijd maakt om terug te kijken en de samenwerking gezond houdt.',
      en: 'Partners who do the work together, and someone who regularly makes time to look back and keeps the collaboration healthy.',
    },
    conversation: {
      nl: 'Doen en reflecteren: hoe gaat het werk, en hoe gaat de samenwerking? Investeer in elkaar, zodat de samenwerking vitaal blijft.',
      en: 'Doing and reflecting: how is the work going, and how is the collaboration? Invest in each other, so the collaboration stays vital.',
    },
  },
});

/** Two or three points of attention per step. */
export const STEP_ATTENTION: Readonly<Record<StepId, readonly Label[]>> = Object.freeze({
  'verkennen.eigen-situatie': [
    {
      nl: 'Laat elke partner eerst vanuit de eigen organisatie vertellen, nog zonder oordeel.',
      en: 'Let each partner speak from its own organisation first, without judging yet.',
    },
    {
      nl: 'Benoem ook wat lastig is: waar lopen jullie zelf tegenaan?',
      en: 'Name what is hard as well: what do you struggle with yourselves?',
    },
  ],
  'verkennen.partners': [
    {
      nl: 'Kijk verder dan de vaste partners, in de regio en daarbuiten.',
      en: 'Look beyond the usual partners, in the region and further away.',
    },
    { nl: 'Vraag je af wie er nog ontbreekt aan tafel.', en: 'Ask who is still missing from the table.' },
  ],
  'verkennen.opgave': [
    {
      nl: 'Zoek wat jullie alleen samen kunnen, niet wat ieder al doet.',
      en: 'Look for what you can only do together, not for what each of you already does.',
    },
    {
      nl: 'Vat de opgave samen in één zin die iedereen herkent.',
      en: 'Put the task into one sentence that everyone recognises.',
    },
  ],
  'richten.belangen': [
    {
      nl: 'Geef elk belang ruimte, ook als het schuurt.',
      en: 'Give every interest room, even when they rub.',
    },
    {
      nl: 'Houd het belang van je eigen organisatie en het maatschappelijke belang allebei in beeld.',
      en: "Keep both your own organisation's interest and society's interest in view.",
    },
    { nl: 'Nog niet kiezen: eerst begrijpen.', en: 'Do not choose yet: understand first.' },
  ],
  'richten.ambitie': [
    {
      nl: 'Toets of de ambitie recht doet aan de maatschappij én aan elke partner.',
      en: 'Check that the ambition serves society as well as every partner.',
    },
    { nl: 'Ga na of elke partner zich erin herkent.', en: 'Make sure each partner recognises itself in it.' },
  ],
  'richten.uitgangspunten': [
    {
      nl: 'Leg vast wat richting geeft aan de vorm van de samenwerking.',
      en: 'Write down what steers the form of the collaboration.',
    },
    {
      nl: 'Denk ook aan groei: hoe mag de samenwerking zich ontwikkelen?',
      en: 'Think about growth too: how may the collaboration develop?',
    },
  ],
  'inrichten.vorm': [
    { nl: 'Toets elke vorm aan de uitgangspunten.', en: 'Test each form against the principles.' },
    {
      nl: 'Weeg samen voor- en nadelen af voordat je kiest.',
      en: 'Weigh the pros and cons together before you choose.',
    },
  ],
  'inrichten.ontwerp': [
    {
      nl: 'Maak helder wie wat doet en wie waarover beslist.',
      en: 'Make clear who does what and who decides what.',
    },
    {
      nl: 'Zorg dat wie aan tafel zit mandaat heeft om afspraken te maken.',
      en: 'Make sure the people at the table have a mandate to make agreements.',
    },
  ],
  'inrichten.implementatie': [
    {
      nl: 'Spreek af wie de eerste stappen zet, en wanneer.',
      en: 'Agree who takes the first steps, and when.',
    },
    { nl: 'Maak de middelen vrij die de vorm nodig heeft.', en: 'Free up the means the form needs.' },
  ],
  'aan-de-slag.realiseren': [
    {
      nl: 'Houd de gezamenlijke ambitie voor ogen bij alles wat je doet.',
      en: 'Keep the shared ambition in sight in all you do.',
    },
    { nl: 'Maak resultaten zichtbaar voor alle partners.', en: 'Make results visible to every partner.' },
  ],
  'aan-de-slag.reflectie': [
    { nl: 'Maak geregeld tijd om terug te kijken.', en: 'Make time to look back, regularly.' },
    { nl: 'Kijk naar het werk én naar de samenwerking.', en: 'Look at the work and at the collaboration.' },
  ],
  'aan-de-slag.vitaliteit': [
    {
      nl: 'Investeer in elkaar, niet alleen in het werk.',
      en: 'Invest in each other, not only in the work.',
    },
    { nl: 'Let op signalen dat de energie wegzakt.', en: 'Watch for signs that the energy is fading.' },
  ],
});

/** Why a step is suggested, in both languages; phase names are the model's Dutch names in both. */
export const BECAUSE = {
  planned: (): Label => ({
    nl: 'Dit is het volgende punt op de agenda van deze bijeenkomst.',
    en: "This is the next item on this meeting's agenda.",
  }),
  skippedOnAgenda: (): Label => ({
    nl: 'Deze stap is op de agenda van deze bijeenkomst overgeslagen.',
    en: "This step was skipped on this meeting's agenda.",
  }),
  skippedInRound: (phase: string, round: number): Label => ({
    nl: `De groep ging in ronde ${round} verder na ${phase}, terwijl deze stap nog open stond.`,
    en: `The group moved on from ${phase} in round ${round} while this step was still open.`,
  }),
  neglected: (phase: string): Label => ({
    nl: `De groep is in ${phase} geweest, maar bij deze stap staat nog geen notitie.`,
    en: `The group has been in ${phase}, but this step has no notes yet.`,
  }),
  neverReturned: (phase: string, round: number): Label => ({
    nl: `In ronde ${round} ging de groep aan ${phase} voorbij zonder er te stoppen.`,
    en: `In round ${round} the group went past ${phase} without stopping there.`,
  }),
  circleStart: (): Label => ({
    nl: 'Hier begint de cirkel: eerst verkennen.',
    en: 'This is where the circle begins: explore first.',
  }),
  nextInCircle: (phase: string): Label => ({
    nl: `De volgende stap op de cirkel, na ${phase}.`,
    en: `The next step round the circle, after ${phase}.`,
  }),
};
