import { protectPlaceholders, restorePlaceholders } from './placeholders';

describe('placeholders', () => {
  it('protects variables, links, phones and glossary terms, and restores them', () => {
    const source = 'Hi {{firstName}}, Lincoln Elementary PTA meets Tuesday. Details: https://district.example/pta or call (555) 123-4567.';
    const protectedText = protectPlaceholders(source, { terms: [{ source: 'Lincoln Elementary' }, { source: 'PTA', target: 'APM' }] });
    expect(protectedText.text).toBe('Hi ⟦1⟧, ⟦4⟧ ⟦5⟧ meets Tuesday. Details: ⟦2⟧ or call ⟦3⟧.');
    const translated = 'Hola ⟦1⟧, la ⟦5⟧ de ⟦4⟧ se reúne el martes. Detalles: ⟦2⟧ o llame al ⟦ 3 ⟧.';
    expect(restorePlaceholders(translated, protectedText)).toEqual({
      text: 'Hola {{firstName}}, la APM de Lincoln Elementary se reúne el martes. Detalles: https://district.example/pta o llame al (555) 123-4567.',
      intact: true,
      missing: [],
    });
  });

  it('matches glossary terms whole and case-insensitively, longest first', () => {
    const { text, replacements } = protectPlaceholders('The pta and PTA Board; not PTAs', { terms: [{ source: 'PTA' }, { source: 'PTA Board' }] });
    expect(text).toBe('The ⟦2⟧ and ⟦1⟧; not PTAs');
    expect(replacements).toEqual(['PTA Board', 'pta']);
  });

  it('flags a dropped, duplicated or invented token for review', () => {
    const p = protectPlaceholders('Pay {amount} by {date}');
    expect(restorePlaceholders('Paga ⟦1⟧', p)).toMatchObject({ intact: false, missing: [2] });
    expect(restorePlaceholders('Paga ⟦1⟧ ⟦1⟧ antes de ⟦2⟧', p).intact).toBe(false);
    expect(restorePlaceholders('Paga ⟦1⟧ antes de ⟦2⟧ ⟦7⟧', p).intact).toBe(false);
    expect(restorePlaceholders('Paga ⟦1⟧ antes de ⟦2⟧', p)).toEqual({ text: 'Paga {amount} antes de {date}', intact: true, missing: [] });
  });

  it('leaves a text without placeholders alone', () => {
    const p = protectPlaceholders('School is closed tomorrow.');
    expect(p).toEqual({ text: 'School is closed tomorrow.', replacements: [] });
    expect(restorePlaceholders('La escuela está cerrada mañana.', p).intact).toBe(true);
  });
});
