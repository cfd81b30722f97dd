
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's2463ac1a86ba618f': `Verbinden met het bord…`,
's5208745cd4708233': `Verbinden…`,
'sb08517c1c0031cd6': `Offline. Je wijzigingen blijven op dit apparaat en gaan mee zodra de verbinding terug is.`,
'sbb1f13a0e675022a': `Verbonden: wijzigingen worden direct gedeeld.`,
'sc999fade9ee65d44': `Opnieuw verbinden…`,
'scde3342a428aaee8': `Offline`,
'se39cd902f6a16bef': `Verbinding verbroken. Je wijzigingen blijven op dit apparaat en gaan mee zodra de verbinding terug is.`,
'seadeb3a807d7478a': `Online`,
    };
  