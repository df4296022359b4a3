import { measureSms } from '../segments/measure-sms';
import { smartenToGsm } from '../segments/smart-encoding';
import { KEYWORD_LANGUAGES, KeywordLanguage } from './keyword-table';
import { canonicalLanguageTag } from './language-tag';
import { foldDiacritics } from './normalize-keyword-text';

export type ComplianceReplyKind = 'opt_out' | 'opt_in' | 'help';

export interface ComplianceReplyDistrict {
  name: string;
  /** Sent verbatim in HELP replies: pass the text already in the family's language. */
  helpText?: string | null;
  /** A phone number, e-mail or web address families can reach a person at. */
  contact?: string | null;
}

/** `detail` is the contact / help text as a finished sentence followed by a space, or ''. */
type Template = (district: string, detail: string) => string;

interface ReplyTemplates {
  /** Full stop (or 。) and the space after it, for turning the detail into a sentence. */
  stop: string;
  opt_out: readonly Template[];
  opt_in: readonly Template[];
  help: readonly Template[];
}

/**
 * CTIA wording, translated; the keywords themselves stay in Latin letters because that is what
 * carriers act on. Each kind lists a full text and a compact one: the first that fits two SMS
 * segments is sent. Spanish and French are worded to stay within GSM-7 (é and ñ are GSM-7;
 * á, í, ó, ú and ê are not), which keeps them cheap without misspelling anything.
 * The non-English texts deserve a native speaker's review before launch.
 */
const REPLIES: Readonly<Record<KeywordLanguage, ReplyTemplates>> = {
  en: {
    stop: '. ',
    opt_out: [(d) => `${d}: You are unsubscribed and will get no more messages. Reply START to resubscribe.`],
    opt_in: [
      (d) => `${d}: You are subscribed to school messages again. Msg frequency varies. Msg & data rates may apply. Reply HELP for help, STOP to end.`,
      (d) => `${d}: Resubscribed. Msg frequency varies. Msg & data rates may apply. HELP for help, STOP to end.`,
    ],
    help: [
      (d, x) => `${d} school messages. ${x}Msg frequency varies. Msg & data rates may apply. Reply STOP to end.`,
      (d, x) => `${d} school msgs. ${x}Msg freq varies. Msg & data rates may apply. STOP to end.`,
    ],
  },
  es: {
    stop: '. ',
    opt_out: [(d) => `${d}: Se ha dado de baja. No le enviaremos mensajes nuevos. Responda START para volver a suscribirse.`],
    opt_in: [
      (d) =>
        `${d}: Se ha vuelto a suscribir a los mensajes escolares. Frecuencia de mensajes variable. Pueden aplicarse tarifas de mensajes y datos. Responda HELP para obtener ayuda, STOP para cancelar.`,
      (d) => `${d}: Suscrito de nuevo. Frecuencia variable. Pueden aplicarse tarifas de mensajes y datos. HELP: ayuda. STOP: cancelar.`,
    ],
    help: [
      (d, x) => `Mensajes escolares de ${d}. ${x}Frecuencia de mensajes variable. Pueden aplicarse tarifas de mensajes y datos. Responda STOP para cancelar.`,
      (d, x) => `${d}: mensajes escolares. ${x}Frecuencia variable. Pueden aplicarse tarifas de mensajes y datos. STOP para cancelar.`,
    ],
  },
  vi: {
    stop: '. ',
    opt_out: [(d) => `${d}: Bạn đã hủy đăng ký và sẽ không nhận thêm tin nhắn. Nhắn START để đăng ký lại.`],
    opt_in: [
      (d) =>
        `${d}: Bạn đã đăng ký lại tin nhắn của trường. Tần suất tin nhắn thay đổi. Có thể mất phí tin nhắn và dữ liệu. Nhắn HELP để được trợ giúp, STOP để hủy.`,
      (d) => `${d}: Đã đăng ký lại. Số tin nhắn thay đổi. Có thể mất phí tin nhắn/dữ liệu. HELP: trợ giúp. STOP: hủy.`,
    ],
    help: [
      (d, x) => `Tin nhắn trường học của ${d}. ${x}Tần suất tin nhắn thay đổi. Có thể mất phí tin nhắn và dữ liệu. Nhắn STOP để hủy.`,
      (d, x) => `${d}: tin nhắn trường. ${x}Số tin thay đổi. Có thể mất phí tin nhắn/dữ liệu. STOP để hủy.`,
    ],
  },
  'zh-Hans': {
    stop: '。',
    opt_out: [(d) => `${d}：您已退订，将不再收到短信。回复START重新订阅。`],
    opt_in: [(d) => `${d}：您已重新订阅学校短信。短信频率不定。可能产生短信和数据费用。回复HELP获取帮助，回复STOP退订。`],
    help: [(d, x) => `${d}学校短信。${x}短信频率不定。可能产生短信和数据费用。回复STOP退订。`],
  },
  'zh-Hant': {
    stop: '。',
    opt_out: [(d) => `${d}：您已取消訂閱，將不再收到簡訊。回覆START重新訂閱。`],
    opt_in: [(d) => `${d}：您已重新訂閱學校簡訊。簡訊頻率不定。可能需支付簡訊及數據費用。回覆HELP取得協助，回覆STOP取消訂閱。`],
    help: [(d, x) => `${d}學校簡訊。${x}簡訊頻率不定。可能需支付簡訊及數據費用。回覆STOP取消訂閱。`],
  },
  ar: {
    stop: '. ',
    opt_out: [(d) => `${d}: تم إلغاء اشتراكك ولن تصلك رسائل أخرى. أرسل START لإعادة الاشتراك.`],
    opt_in: [
      (d) => `${d}: تمت إعادة اشتراكك في رسائل المدرسة. عدد الرسائل متغير. قد تطبق رسوم الرسائل والبيانات. أرسل HELP للمساعدة أو STOP للإلغاء.`,
      (d) => `${d}: أعيد اشتراكك. عدد الرسائل متغير. قد تطبق رسوم الرسائل والبيانات. HELP للمساعدة، STOP للإلغاء.`,
    ],
    help: [
      (d, x) => `${d}: رسائل المدرسة. ${x}عدد الرسائل متغير. قد تطبق رسوم الرسائل والبيانات. أرسل STOP للإلغاء.`,
      (d, x) => `${d}: ${x}عدد الرسائل متغير. قد تطبق رسوم الرسائل والبيانات. STOP للإلغاء.`,
    ],
  },
  so: {
    stop: '. ',
    opt_out: [(d) => `${d}: Waad ka baxday. Fariimo dambe ma heli doontid. Ku jawaab START si aad dib ugu biirto.`],
    opt_in: [
      (d) =>
        `${d}: Waad dib ugu biirtay fariimaha dugsiga. Tirada fariimaha way kala duwan tahay. Khidmadda fariimaha iyo xogta ayaa laga yaabaa inay khuseyso. Ku jawaab HELP si aad caawimo u hesho, STOP si aad u joojiso.`,
      (d) => `${d}: Waad dib ugu biirtay. Tirada fariimaha way kala duwan tahay. Khidmadda fariimaha iyo xogta ayaa khusayn karta. HELP: caawimo. STOP: jooji.`,
    ],
    help: [
      (d, x) =>
        `Fariimaha dugsiga ee ${d}. ${x}Tirada fariimaha way kala duwan tahay. Khidmadda fariimaha iyo xogta ayaa laga yaabaa inay khuseyso. Ku jawaab STOP si aad u joojiso.`,
      (d, x) => `${d}: fariimaha dugsiga. ${x}Tirada fariimaha way kala duwan tahay. Khidmadda fariimaha iyo xogta ayaa khusayn karta. STOP si aad u joojiso.`,
    ],
  },
  ht: {
    stop: '. ',
    opt_out: [(d) => `${d}: Ou dezabòne, ou p ap resevwa lòt mesaj ankò. Reponn START pou w abòne ankò.`],
    opt_in: [
      (d) => `${d}: Ou abòne ankò pou mesaj lekòl yo. Kantite mesaj yo varye. Frè pou mesaj ak done ka aplike. Reponn HELP pou èd, STOP pou kanpe.`,
      (d) => `${d}: Ou abòne ankò. Kantite mesaj varye. Frè mesaj ak done ka aplike. HELP pou èd, STOP pou kanpe.`,
    ],
    help: [
      (d, x) => `Mesaj lekòl ${d}. ${x}Kantite mesaj yo varye. Frè pou mesaj ak done ka aplike. Reponn STOP pou kanpe.`,
      (d, x) => `${d}: mesaj lekòl. ${x}Kantite mesaj varye. Frè mesaj ak done ka aplike. STOP pou kanpe.`,
    ],
  },
  pt: {
    stop: '. ',
    opt_out: [
      (d) => `${d}: Sua inscrição foi cancelada e você não receberá mais mensagens. Responda START para voltar.`,
      (d) => `${d}: Inscrição cancelada. Você não receberá mais mensagens. START para voltar.`,
    ],
    opt_in: [
      (d) =>
        `${d}: Você voltou a receber mensagens escolares. Frequência variável. Podem ser cobradas tarifas de mensagens e dados. Responda HELP para ajuda, STOP para sair.`,
      (d) => `${d}: Inscrição reativada. Frequência variável. Pode haver tarifas de msg e dados. HELP: ajuda. STOP: sair.`,
    ],
    help: [
      (d, x) => `Mensagens escolares de ${d}. ${x}Frequência variável. Podem ser cobradas tarifas de mensagens e dados. Responda STOP para sair.`,
      (d, x) => `${d}: msgs escolares. ${x}Frequência variável. Pode haver tarifas de msg e dados. STOP para sair.`,
    ],
  },
  fr: {
    stop: '. ',
    opt_out: [(d) => `${d} : Votre désabonnement est confirmé, vous ne recevrez plus de messages. Répondez START pour vous réabonner.`],
    opt_in: [
      (d) =>
        `${d} : Votre réabonnement aux messages scolaires est confirmé. Fréquence variable. Des frais de messagerie et de données peuvent s'appliquer. Répondez HELP pour de l'aide, STOP pour vous désabonner.`,
      (d) => `${d} : Réabonnement confirmé. Fréquence variable. Des frais de messagerie et de données peuvent s'appliquer. HELP : aide. STOP : désabonnement.`,
    ],
    help: [
      (d, x) =>
        `Messages scolaires de ${d}. ${x}Fréquence variable. Des frais de messagerie et de données peuvent s'appliquer. Répondez STOP pour vous désabonner.`,
      (d, x) => `${d} : messages scolaires. ${x}Fréquence variable. Frais de messagerie et de données possibles. STOP pour vous désabonner.`,
    ],
  },
  ru: {
    stop: '. ',
    opt_out: [
      (d) => `${d}: Вы отписались и больше не будете получать сообщения. Чтобы подписаться снова, ответьте START.`,
      (d) => `${d}: Вы отписались от сообщений. Ответьте START, чтобы подписаться снова.`,
    ],
    opt_in: [
      (d) => `${d}: Вы снова подписаны на сообщения школы. Частота сообщений разная. Может взиматься плата за SMS и данные. HELP — помощь, STOP — отписка.`,
      (d) => `${d}: Подписка возобновлена. Частота SMS разная. Возможна плата за SMS и данные. HELP — помощь, STOP — отписка.`,
      (d) => `${d}: Вы подписаны. Частота SMS разная. Возможна плата за SMS/данные. HELP—помощь, STOP—отказ.`,
    ],
    help: [
      (d, x) => `${d}: школьные сообщения. ${x}Частота сообщений разная. Может взиматься плата за SMS и данные. Ответьте STOP, чтобы отписаться.`,
      (d, x) => `${d}: школьные SMS. ${x}Частота SMS разная. Возможна плата за SMS и данные. STOP — отписка.`,
      (d, x) => `${d}: ${x}Частота SMS разная. Возможна плата за SMS/данные. STOP—отказ.`,
    ],
  },
  ko: {
    stop: '. ',
    opt_out: [(d) => `${d}: 수신 거부되었습니다. 더 이상 메시지가 발송되지 않습니다. 다시 받으려면 START를 보내세요.`],
    opt_in: [
      (d) =>
        `${d}: 학교 메시지 수신이 다시 시작되었습니다. 메시지 빈도는 다를 수 있습니다. 메시지 및 데이터 요금이 부과될 수 있습니다. 도움말은 HELP, 수신 거부는 STOP을 보내세요.`,
      (d) => `${d}: 수신 재개됨. 메시지 빈도는 다를 수 있음. 메시지 및 데이터 요금 부과 가능. 도움말 HELP, 수신 거부 STOP.`,
    ],
    help: [
      (d, x) => `${d} 학교 메시지. ${x}메시지 빈도는 다를 수 있습니다. 메시지 및 데이터 요금이 부과될 수 있습니다. 수신 거부는 STOP을 보내세요.`,
      (d, x) => `${d} 학교 메시지. ${x}메시지 빈도 다를 수 있음. 메시지 및 데이터 요금 부과 가능. 수신 거부 STOP.`,
    ],
  },
  tl: {
    stop: '. ',
    opt_out: [(d) => `${d}: Hindi ka na naka-subscribe at hindi ka na makakatanggap ng mga mensahe. I-reply ang START para mag-subscribe muli.`],
    opt_in: [
      (d) =>
        `${d}: Naka-subscribe ka na muli sa mga mensahe ng paaralan. Nag-iiba ang dalas ng mensahe. Maaaring may singil sa mensahe at data. I-reply ang HELP para sa tulong, STOP para huminto.`,
      (d) => `${d}: Naka-subscribe ka na muli. Nag-iiba ang dalas ng mensahe. Maaaring may singil sa mensahe at data. HELP para sa tulong, STOP para huminto.`,
    ],
    help: [
      (d, x) =>
        `Mga mensahe ng paaralan mula sa ${d}. ${x}Nag-iiba ang dalas ng mensahe. Maaaring may singil sa mensahe at data. I-reply ang STOP para huminto.`,
      (d, x) => `${d}: mensahe ng paaralan. ${x}Nag-iiba ang dalas ng mensahe. Maaaring may singil sa mensahe at data. STOP para huminto.`,
    ],
  },
};

const MAX_SEGMENTS = 2;

/**
 * The confirmation a family receives after STOP, START or HELP, in their language (English when
 * the language has no translation; es-MX → es, zh-TW → zh-Hant). Picks the fullest wording
 * that fits two SMS segments; failing that, for Latin-script languages, the same wording without
 * accents (GSM-7 holds more than twice as much); failing that, the shortest — only a very long
 * district name or contact gets there.
 */
export function complianceReply(kind: ComplianceReplyKind, language: string, district: ComplianceReplyDistrict): string {
  const replies = REPLIES[replyLanguage(language)];
  const name = district.name.trim();
  const details = [helpDetail(district, replies.stop), helpDetail({ ...district, helpText: null }, replies.stop)];
  const texts = [...new Set(details)].flatMap((detail) => replies[kind].map((template) => smartenToGsm(template(name, detail)).text));
  const candidates = [...texts, ...texts.map(foldLatinToGsm).filter((text): text is string => !!text)];
  const measured = candidates.map((text) => ({ text, ...measureSms(text) }));
  const fitting = measured.find((candidate) => candidate.segments <= MAX_SEGMENTS);
  if (fitting) return fitting.text;
  measured.sort((a, b) => a.segments - b.segments || a.characters - b.characters);
  return measured[0].text;
}

/** The reply language for any BCP 47 tag: exact, then by primary language, then English. */
export function replyLanguage(language: string): KeywordLanguage {
  const canonical = canonicalLanguageTag(language);
  if (!canonical) return 'en';
  const supported = KEYWORD_LANGUAGES as readonly string[];
  if (supported.includes(canonical)) return canonical as KeywordLanguage;
  const primary = canonical.split('-')[0];
  return supported.includes(primary) ? (primary as KeywordLanguage) : 'en';
}

function helpDetail(district: ComplianceReplyDistrict, stop: string): string {
  const helpText = district.helpText?.trim() ?? '';
  const contact = district.contact?.trim() ?? '';
  const parts = [helpText, contact && !helpText.includes(contact) ? contact : ''].filter(Boolean);
  return parts.map((part) => (/[。！？]$/u.test(part) ? part : /[.!?]$/u.test(part) ? `${part} ` : `${part}${stop}`)).join('');
}

/** The text without Latin accents, if that makes it GSM-7; undefined for other scripts. */
function foldLatinToGsm(text: string): string | undefined {
  if (measureSms(text).encoding === 'GSM-7') return undefined;
  const folded = foldDiacritics(text);
  return measureSms(folded).encoding === 'GSM-7' ? folded : undefined;
}
