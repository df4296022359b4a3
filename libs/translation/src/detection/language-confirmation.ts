import { ProjectLanguage, toProjectLanguage } from '../languages';

/** "From now on, messages come in <language>", written in that language. */
const CONFIRMATIONS: Record<ProjectLanguage, string> = {
  en: 'OK, we will text you in English from now on.',
  es: 'Listo, desde ahora le escribiremos en español.',
  'zh-Hans': '好的，以后我们会用简体中文给您发短信。',
  'zh-Hant': '好的，以後我們會用繁體中文給您發短訊。',
  vi: 'Đã xong, từ nay chúng tôi sẽ nhắn tin cho quý vị bằng tiếng Việt.',
  ar: 'تم، سنراسلكم باللغة العربية من الآن فصاعدًا.',
  so: 'Waa hagaag, hadda wixii ka dambeeya waxaan kuugu soo qori doonnaa Af-Soomaali.',
  ht: 'Dakò, apati kounye a n ap ekri w an kreyòl ayisyen.',
  pt: 'Pronto, a partir de agora vamos escrever para você em português.',
  ru: 'Готово, теперь мы будем писать вам по-русски.',
  ko: '알겠습니다. 앞으로 한국어로 문자를 보내 드리겠습니다.',
  tl: 'Sige, mula ngayon ay magte-text kami sa inyo sa Tagalog.',
  fr: 'C’est noté, nous vous écrirons désormais en français.',
};

/** The confirmation a family gets after choosing its language by text, in the language chosen. */
export function languageConfirmation(language: string): string {
  return CONFIRMATIONS[toProjectLanguage(language) ?? 'en'];
}
