import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsMeasurement {
  encoding: SmsEncoding;
  /** Segments the carrier bills: 160/153 GSM-7 septets or 70/67 UCS-2 characters per segment. */
  segments: number;
  /** GSM-7: septets, so extension characters (€ [ ] { } ~ ^ | \) count twice. UCS-2: characters. */
  characters: number;
  /** The characters that force UCS-2, each once, in order of first appearance. */
  unicodeCharacters: string[];
}

/** How Twilio will encode and split `text`, using Twilio's own segment calculator. */
export function measureSms(text: string): SmsMeasurement {
  const message = new SegmentedMessage(text);
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    characters: message.numberOfCharacters,
    unicodeCharacters: [...new Set(message.getNonGsmCharacters())],
  };
}
