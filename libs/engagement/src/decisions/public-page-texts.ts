/** The words of the public "you said, we did" page around the district's own texts. */
export interface PageTexts {
  heading: string;
  intro: string;
  decided: string;
  told: string;
  communicated: string;
  none: string;
  untranslated: string;
  otherLanguages: string;
}

/**
 * Written by hand for English and Spanish; other languages go through the district's engine (and
 * its cache), else English. A person reviewing them is welcome.
 */
export const PAGE_TEXTS: Record<string, PageTexts> = {
  en: {
    heading: 'You said, we did',
    intro: 'Decisions our district made with what families told us.',
    decided: 'What we decided',
    told: 'What we told families',
    communicated: 'Shared on',
    none: 'No decisions have been shared yet.',
    untranslated: 'Not translated yet: shown in the language it was written in.',
    otherLanguages: 'Read this page in',
  },
  es: {
    heading: 'Ustedes dijeron, nosotros actuamos',
    intro: 'Decisiones que nuestro distrito tomó con lo que las familias nos dijeron.',
    decided: 'Lo que decidimos',
    told: 'Lo que dijimos a las familias',
    communicated: 'Compartido el',
    none: 'Todavía no se ha compartido ninguna decisión.',
    untranslated: 'Aún sin traducir: se muestra en el idioma en que se escribió.',
    otherLanguages: 'Leer esta página en',
  },
};
