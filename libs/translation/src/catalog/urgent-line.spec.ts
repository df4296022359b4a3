import { CATALOG_RESOURCES } from './locales';
import { untranslatedEmergency, urgentLine } from './urgent-line';

describe('the catalog line that opens an untranslated emergency', () => {
  it('is written in every catalog language, naming the district', () => {
    for (const resource of CATALOG_RESOURCES) {
      expect([resource.language, resource.lines.urgent_from.includes('{{district}}')]).toEqual([resource.language, true]);
      expect(urgentLine(resource.language, 'Riverside USD')).toEqual({ text: expect.stringContaining('Riverside USD'), language: resource.language });
    }
    expect(new Set(CATALOG_RESOURCES.map((r) => r.lines.urgent_from)).size).toBe(CATALOG_RESOURCES.length);
  });

  it('falls back to the base language, then English, and puts the line before the source as written', () => {
    expect(urgentLine('pt-BR', 'Riverside USD')).toEqual({ text: 'Mensagem urgente de Riverside USD:', language: 'pt' });
    expect(urgentLine('am', 'Riverside USD')).toEqual({ text: 'Urgent message from Riverside USD:', language: 'en' });
    expect(untranslatedEmergency('es', 'Riverside USD', 'Shelter in place now.')).toBe('Mensaje urgente de Riverside USD:\nShelter in place now.');
  });
});
