
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's04e96fe40ff9bba6': str`Notitie schrijven in ${0}`,
's0e84b8421dbe6a46': `Stem terugnemen`,
's2463ac1a86ba618f': `Verbinden met het bord…`,
's2ceb11be2290bb1b': `Annuleren`,
's33f85f24c0f5f008': `Opslaan`,
's379c18aec5654894': `Verplaatsen`,
's388e31aa8ebc8cb7': str`Notities in ${0}`,
's39c96a2a0568a844': `Nieuwe tekst`,
's3d0f4a30917e917f': str`${0} (1 notitie)`,
's5208745cd4708233': `Verbinden…`,
's5e6dd3c872dbb65d': `Naar stap`,
's64ef2a6c2dd1d3d1': `Bewerken`,
's6946629c1f250ee6': str`van ${0}`,
's7f7bdd4edaf82746': `Bord als lijst`,
's82cb8014a6aab2fd': `(privé, nog niet onthuld)`,
's8c8241f39960ce9a': `Vergrendeld: je kunt de notities lezen, niet wijzigen.`,
's987776425d77dad3': `(nog niet verstuurd)`,
's9b5f250458350f18': str`${0} (huidige fase)`,
's9d1b38a1047773b0': str`Nieuwe notitie in ${0}`,
'sa78546c282e6550f': str`${0} (${1} notities)`,
'sb08517c1c0031cd6': `Offline. Je wijzigingen blijven op dit apparaat en gaan mee zodra de verbinding terug is.`,
'sb23eed07fcaf3095': `Stemmen`,
'sbb1f13a0e675022a': `Verbonden: wijzigingen worden direct gedeeld.`,
'sc999fade9ee65d44': `Opnieuw verbinden…`,
'scde3342a428aaee8': `Offline`,
'sd9a480c8910339cd': str`jouw stemmen: ${0}`,
'se39cd902f6a16bef': `Verbinding verbroken. Je wijzigingen blijven op dit apparaat en gaan mee zodra de verbinding terug is.`,
'seadeb3a807d7478a': `Online`,
'sf554564d75243b0a': `Hierheen verplaatsen`,
'sfec834e632479735': `Notitie schrijven`,
    };
  