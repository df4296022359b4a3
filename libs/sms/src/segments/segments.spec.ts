import { measureSms } from './measure-sms';
import { smartenToGsm } from './smart-encoding';

describe('measureSms', () => {
  it.each([
    ['plain English', 'Reminder: school is closed Monday.', 'GSM-7', 1],
    ['160 GSM characters', 'a'.repeat(160), 'GSM-7', 1],
    ['161 GSM characters', 'a'.repeat(161), 'GSM-7', 2],
    ['306 GSM characters (2 x 153)', 'a'.repeat(306), 'GSM-7', 2],
    ['307 GSM characters', 'a'.repeat(307), 'GSM-7', 3],
    ['GSM accents such as é ñ ü', 'Café, niño, Müller', 'GSM-7', 1],
    ['70 UCS-2 characters', 'ệ'.repeat(70), 'UCS-2', 1],
    ['71 UCS-2 characters', 'ệ'.repeat(71), 'UCS-2', 2],
    ['134 UCS-2 characters (2 x 67)', '学'.repeat(134), 'UCS-2', 2],
    ['135 UCS-2 characters', '学'.repeat(135), 'UCS-2', 3],
  ])('%s', (_name, text, encoding, segments) => {
    const result = measureSms(text);
    expect(result.encoding).toBe(encoding);
    expect(result.segments).toBe(segments);
  });

  it('counts GSM extension characters such as € twice', () => {
    expect(measureSms('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(measureSms('€'.repeat(81))).toMatchObject({ encoding: 'GSM-7', characters: 162, segments: 2 });
    expect(measureSms('Cost: 5€ {room} [2]').characters).toBe(19 + 5);
  });

  it('lists the characters that force UCS-2, each once', () => {
    const result = measureSms('It’s the “last” day’s plan');
    expect(result.encoding).toBe('UCS-2');
    expect(result.unicodeCharacters).toEqual(['’', '“', '”']);
    expect(measureSms('Hello').unicodeCharacters).toEqual([]);
  });

  it('measures Vietnamese, Chinese and emoji as UCS-2', () => {
    expect(measureSms('Trường học đóng cửa hôm nay.').encoding).toBe('UCS-2');
    expect(measureSms('学校今天关闭。').encoding).toBe('UCS-2');
    expect(measureSms('See you there 🎉').encoding).toBe('UCS-2');
  });
});

describe('smartenToGsm', () => {
  it('turns an English text with a curly apostrophe from UCS-2 into GSM-7', () => {
    const result = smartenToGsm('Don’t forget: picture day is Friday… bring a “smile” – thanks!');
    expect(result).toEqual({
      text: 'Don\'t forget: picture day is Friday... bring a "smile" - thanks!',
      replaced: true,
      encodingBefore: 'UCS-2',
      encodingAfter: 'GSM-7',
    });
    expect(measureSms(result.text).encoding).toBe('GSM-7');
  });

  it('replaces non-breaking spaces, em dashes and bullets', () => {
    expect(smartenToGsm('Room\u00a012 — bring:\n• pencils').text).toBe('Room 12 - bring:\n- pencils');
  });

  it('saves segments: 100 characters with one ’ go from 2 UCS-2 segments to 1 GSM-7 segment', () => {
    const text = `${'a'.repeat(99)}’`;
    expect(measureSms(text).segments).toBe(2);
    expect(measureSms(smartenToGsm(text).text).segments).toBe(1);
  });

  it('leaves Vietnamese alone: it stays UCS-2 either way', () => {
    const text = 'Xin chào “phụ huynh” – trường đóng cửa…';
    expect(smartenToGsm(text)).toEqual({
      text,
      replaced: false,
      encodingBefore: 'UCS-2',
      encodingAfter: 'UCS-2',
    });
  });

  it('leaves text that is already GSM-7 alone', () => {
    expect(smartenToGsm('Plain "ASCII" text - ok')).toEqual({
      text: 'Plain "ASCII" text - ok',
      replaced: false,
      encodingBefore: 'GSM-7',
      encodingAfter: 'GSM-7',
    });
  });

  it('does not strip accents that GSM-7 lacks: a Portuguese text stays as written', () => {
    const text = 'Reunião às 18h – não falte';
    expect(smartenToGsm(text).text).toBe(text);
  });
});
