import type { PageTexts, PublicDecisionsPage } from '@porchlight/engagement';
import { renderPublicDecisions } from './public-page.html';

const PAGE_TEXTS: Record<'en', PageTexts> = {
  en: {
    heading: 'You said, we did',
    intro: 'Intro',
    decided: 'Decided',
    told: 'Told',
    communicated: 'Shared on',
    none: 'Nothing yet.',
    untranslated: 'Not translated.',
    otherLanguages: 'Read in',
  },
};

const page = (overrides: Partial<PublicDecisionsPage>): PublicDecisionsPage => ({
  district: 'Fixture District',
  language: 'en',
  languages: ['en', 'es', 'ar'],
  slug: 'fixture',
  texts: PAGE_TEXTS.en,
  decisions: [],
  ...overrides,
});

describe('renderPublicDecisions', () => {
  it('escapes what staff wrote, so no text becomes markup', () => {
    const html = renderPublicDecisions(
      page({
        district: 'A & B <District>',
        decisions: [
          {
            title: { text: '<script>alert(1)</script>', translated: true, language: 'en' },
            outcome: { text: '"8:30" & \'later\'', translated: true, language: 'en' },
            message: null,
            communicatedAt: null,
          },
        ],
      }),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(html).toContain('<p>&quot;8:30&quot; &amp; &#39;later&#39;</p>');
    expect(html).toContain('A &amp; B &lt;District&gt;');
  });

  it('says the language and direction of the page and of every text not in it', () => {
    const html = renderPublicDecisions(
      page({
        language: 'ar',
        texts: PAGE_TEXTS.en,
        decisions: [
          { title: { text: 'Start time', translated: false, language: 'en' }, outcome: null, message: null, communicatedAt: '2026-11-02T10:00:00.000Z' },
        ],
      }),
    );
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('<h2 lang="en" dir="ltr">Start time</h2>');
    expect(html).toContain('<time datetime="2026-11-02T10:00:00.000Z">');
    expect(html).toContain('href="/p/fixture/decisions?lang=es"');
    expect(html).not.toContain('?lang=ar"');
  });

  it('says when nothing has been shared yet', () => {
    expect(renderPublicDecisions(page({}))).toContain(`<p>${PAGE_TEXTS.en.none}</p>`);
  });
});
