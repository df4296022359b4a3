/**
 * The fixed lines of a survey conversation, in each language Porchlight speaks: how to answer
 * ("Reply 1, 2 or 3"), the ask again, the thank-you, the reminder and the answer after closing.
 * Written once here rather than machine-translated per survey; a native speaker's review is welcome.
 */
export interface SurveyPhrases {
  /** Numbers of the options, as a reply instruction: (['1', '2', '3']) → "Reply 1, 2 or 3". */
  replyChoice(numbers: string[]): string;
  replyYesNo: string;
  replyScale(min: number, max: number): string;
  /** Before a question asked again. */
  again: string;
  thanks: string;
  /** To an answer that came after the survey closed. */
  closed: string;
  /** Before the question of a reminder. */
  reminder: string;
}

/** "1, 2 or 3" with a list separator and the word for "or". */
const list = (separator: string, or: string) => (numbers: string[]) =>
  numbers.length < 2 ? numbers.join('') : `${numbers.slice(0, -1).join(separator)}${or}${numbers[numbers.length - 1]}`;

const PHRASES: Record<string, SurveyPhrases> = {
  en: {
    replyChoice: (n) => `Reply ${list(', ', ' or ')(n)}`,
    replyYesNo: 'Reply YES or NO',
    replyScale: (a, b) => `Reply with a number from ${String(a)} to ${String(b)}`,
    again: 'Sorry, we did not understand that answer.',
    thanks: 'Thank you for your answers!',
    closed: 'Thank you. This survey has closed.',
    reminder: 'Reminder:',
  },
  es: {
    replyChoice: (n) => `Responda ${list(', ', ' o ')(n)}`,
    replyYesNo: 'Responda SÍ o NO',
    replyScale: (a, b) => `Responda con un número del ${String(a)} al ${String(b)}`,
    again: 'Perdón, no entendimos su respuesta.',
    thanks: '¡Gracias por sus respuestas!',
    closed: 'Gracias. Esta encuesta ya cerró.',
    reminder: 'Recordatorio:',
  },
  vi: {
    replyChoice: (n) => `Trả lời ${list(', ', ' hoặc ')(n)}`,
    replyYesNo: 'Trả lời CÓ hoặc KHÔNG',
    replyScale: (a, b) => `Trả lời bằng một số từ ${String(a)} đến ${String(b)}`,
    again: 'Xin lỗi, chúng tôi chưa hiểu câu trả lời của quý vị.',
    thanks: 'Cảm ơn quý vị đã trả lời!',
    closed: 'Cảm ơn. Khảo sát này đã kết thúc.',
    reminder: 'Nhắc nhở:',
  },
  'zh-Hans': {
    replyChoice: (n) => `请回复 ${list('、', ' 或 ')(n)}`,
    replyYesNo: '请回复“是”或“否”',
    replyScale: (a, b) => `请回复 ${String(a)} 到 ${String(b)} 之间的数字`,
    again: '抱歉，我们没有看懂您的回答。',
    thanks: '感谢您的回答！',
    closed: '谢谢。本调查已结束。',
    reminder: '提醒：',
  },
  'zh-Hant': {
    replyChoice: (n) => `請回覆 ${list('、', ' 或 ')(n)}`,
    replyYesNo: '請回覆「是」或「否」',
    replyScale: (a, b) => `請回覆 ${String(a)} 到 ${String(b)} 之間的數字`,
    again: '抱歉，我們沒有看懂您的回答。',
    thanks: '感謝您的回答！',
    closed: '謝謝。本調查已結束。',
    reminder: '提醒：',
  },
  ar: {
    replyChoice: (n) => `أرسل ${list(' أو ', ' أو ')(n)}`,
    replyYesNo: 'أرسل نعم أو لا',
    replyScale: (a, b) => `أرسل رقمًا من ${String(a)} إلى ${String(b)}`,
    again: 'عذرًا، لم نفهم إجابتك.',
    thanks: 'شكرًا على إجاباتك!',
    closed: 'شكرًا. انتهى هذا الاستطلاع.',
    reminder: 'تذكير:',
  },
  so: {
    replyChoice: (n) => `Ku jawaab ${list(', ', ' ama ')(n)}`,
    replyYesNo: 'Ku jawaab HAA ama MAYA',
    replyScale: (a, b) => `Ku jawaab lambar u dhexeeya ${String(a)} ilaa ${String(b)}`,
    again: 'Waan ka xunnahay, ma aanan fahmin jawaabtaada.',
    thanks: 'Waad ku mahadsan tahay jawaabahaaga!',
    closed: 'Mahadsanid. Sahankan wuu xirmay.',
    reminder: 'Xusuusin:',
  },
  ht: {
    replyChoice: (n) => `Reponn ${list(', ', ' oswa ')(n)}`,
    replyYesNo: 'Reponn WI oswa NON',
    replyScale: (a, b) => `Reponn ak yon nimewo ant ${String(a)} ak ${String(b)}`,
    again: 'Eskize nou, nou pa t konprann repons ou.',
    thanks: 'Mèsi pou repons ou yo!',
    closed: 'Mèsi. Sondaj sa a fèmen.',
    reminder: 'Rapèl:',
  },
  pt: {
    replyChoice: (n) => `Responda ${list(', ', ' ou ')(n)}`,
    replyYesNo: 'Responda SIM ou NÃO',
    replyScale: (a, b) => `Responda com um número de ${String(a)} a ${String(b)}`,
    again: 'Desculpe, não entendemos sua resposta.',
    thanks: 'Obrigado pelas suas respostas!',
    closed: 'Obrigado. Esta pesquisa foi encerrada.',
    reminder: 'Lembrete:',
  },
  fr: {
    replyChoice: (n) => `Répondez ${list(', ', ' ou ')(n)}`,
    replyYesNo: 'Répondez OUI ou NON',
    replyScale: (a, b) => `Répondez par un chiffre de ${String(a)} à ${String(b)}`,
    again: "Désolé, nous n'avons pas compris votre réponse.",
    thanks: 'Merci pour vos réponses !',
    closed: 'Merci. Ce sondage est terminé.',
    reminder: 'Rappel :',
  },
  ko: {
    replyChoice: (n) => `${list(', ', ' 또는 ')(n)} 중 하나로 답해 주세요`,
    replyYesNo: '예 또는 아니요로 답해 주세요',
    replyScale: (a, b) => `${String(a)}에서 ${String(b)} 사이의 숫자로 답해 주세요`,
    again: '죄송합니다. 답변을 이해하지 못했습니다.',
    thanks: '답변해 주셔서 감사합니다!',
    closed: '감사합니다. 이 설문은 마감되었습니다.',
    reminder: '알림:',
  },
  ru: {
    replyChoice: (n) => `Ответьте ${list(', ', ' или ')(n)}`,
    replyYesNo: 'Ответьте ДА или НЕТ',
    replyScale: (a, b) => `Ответьте числом от ${String(a)} до ${String(b)}`,
    again: 'Извините, мы не поняли ваш ответ.',
    thanks: 'Спасибо за ваши ответы!',
    closed: 'Спасибо. Этот опрос закрыт.',
    reminder: 'Напоминание:',
  },
  tl: {
    replyChoice: (n) => `Sumagot ng ${list(', ', ' o ')(n)}`,
    replyYesNo: 'Sumagot ng OO o HINDI',
    replyScale: (a, b) => `Sumagot ng numero mula ${String(a)} hanggang ${String(b)}`,
    again: 'Paumanhin, hindi namin naintindihan ang iyong sagot.',
    thanks: 'Salamat sa iyong mga sagot!',
    closed: 'Salamat. Sarado na ang survey na ito.',
    reminder: 'Paalala:',
  },
};

export const SURVEY_PHRASE_LANGUAGES = Object.keys(PHRASES);

/** The lines in `language` (or its base language; Chinese without a script reads simplified), else English. */
export function surveyPhrases(language: string): SurveyPhrases {
  if (Object.hasOwn(PHRASES, language)) return PHRASES[language];
  const lower = language.toLowerCase();
  if (lower.startsWith('zh')) return /hant|tw|hk|mo/.test(lower) ? PHRASES['zh-Hant'] : PHRASES['zh-Hans'];
  return PHRASES[lower.split('-')[0]] ?? PHRASES.en;
}
