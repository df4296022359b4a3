/**
 * The compliance keywords, one entry per language (BCP 47). Write words as people spell them,
 * with their accents; `classifyKeyword` matches them with or without accents, in any case,
 * with surrounding punctuation, emoji and the `polite` words of any language around them.
 *
 * A word may appear under several languages ("stop" is English and French, "parar" Spanish and
 * Portuguese) but never under two kinds: the index refuses to load if it does, and the spec
 * checks it. Translations of the longer phrases deserve a native speaker's review.
 */
export const KEYWORD_LANGUAGES = [
  'en', 'es', 'vi', 'zh-Hans', 'zh-Hant', 'ar', 'so', 'ht', 'pt', 'fr', 'ru', 'ko', 'tl',
] as const;

export type KeywordLanguage = (typeof KEYWORD_LANGUAGES)[number];

export interface LanguageKeywords {
  optOut: readonly string[];
  /**
   * CTIA and Twilio count YES as an opt-in keyword, and its translations here follow suit.
   * An opt-in only changes anything for a phone that is opted out; for a subscribed phone
   * "yes" is an ordinary reply and must be delivered to staff as such.
   */
  optIn: readonly string[];
  help: readonly string[];
  /** Words that may precede or follow a keyword without changing it ("please stop"). */
  polite: readonly string[];
  /** Language names written in this language: requested language → names. */
  languageNames: Readonly<Partial<Record<KeywordLanguage, readonly string[]>>>;
}

export const KEYWORD_TABLE: Readonly<Record<KeywordLanguage, LanguageKeywords>> = {
  en: {
    optOut: [
      'stop', 'stopall', 'stop all', 'unsubscribe', 'end', 'quit', 'cancel', 'revoke', 'optout',
      'opt out', 'opt me out', 'unsubscribe me', 'unsub', 'cancel subscription', 'remove',
      'remove me', 'remove me from the list', 'remove me from this list',
      'remove me from your list', 'take me off', 'take me off the list', 'take me off your list',
      'stop texting', 'stop texting me', 'stop messaging', 'stop messaging me', 'stop sending',
      'stop sending me messages', 'stop sending messages', 'stop sending texts', 'stop texts',
      'stop messages', 'stop msgs', 'end texts', 'end messages', 'no more texts',
      'no more messages', 'do not text', 'do not text me', "don't text me", 'leave me alone',
    ],
    optIn: [
      'start', 'unstop', 'yes', 'subscribe', 'resubscribe', 'subscribe me', 'opt in', 'optin',
      'opt me in', 'start again', 'resume',
    ],
    help: ['help', 'info', 'information'],
    polite: ['please', 'pls', 'plz', 'thanks', 'thank you', 'thx', 'ty', 'now'],
    languageNames: {
      en: ['english'],
      es: ['spanish'],
      vi: ['vietnamese'],
      'zh-Hans': ['chinese', 'mandarin', 'simplified chinese', 'chinese simplified'],
      // Cantonese speakers in the US mostly read traditional characters.
      'zh-Hant': ['traditional chinese', 'chinese traditional', 'cantonese'],
      ar: ['arabic'],
      so: ['somali'],
      ht: ['haitian creole', 'haitian', 'creole'],
      pt: ['portuguese', 'brazilian portuguese'],
      fr: ['french'],
      ru: ['russian'],
      ko: ['korean'],
      tl: ['tagalog', 'filipino'],
    },
  },
  es: {
    optOut: [
      'parar', 'para', 'pare', 'alto', 'basta', 'basta ya', 'cancelar', 'detener', 'detén', 'fin',
      'terminar', 'anular', 'salir', 'baja', 'dar de baja', 'darme de baja', 'desuscribir',
      'desuscribirme', 'quitarme', 'eliminarme', 'borrarme', 'no más', 'no más mensajes',
      'no más textos', 'no quiero más mensajes', 'no me manden más mensajes',
    ],
    optIn: [
      'comenzar', 'empezar', 'iniciar', 'inicio', 'sí', 'suscribir', 'suscribirme', 'alta',
      'darme de alta', 'reanudar',
    ],
    help: ['ayuda', 'información', 'info'],
    polite: ['por favor', 'porfavor', 'porfa', 'gracias', 'ya'],
    languageNames: { es: ['español', 'castellano'], en: ['inglés'] },
  },
  vi: {
    optOut: [
      'dừng', 'dừng lại', 'ngừng', 'ngừng lại', 'ngưng', 'hủy', 'huỷ', 'hủy bỏ', 'huỷ bỏ',
      'hủy đăng ký', 'huỷ đăng ký', 'hủy đăng kí', 'huỷ đăng kí', 'dừng nhắn tin',
      'ngừng nhắn tin', 'ngừng gửi', 'đừng nhắn tin nữa', 'không nhận tin nhắn', 'thoát',
    ],
    optIn: ['bắt đầu', 'bắt đầu lại', 'đăng ký', 'đăng kí', 'đăng ký lại', 'đăng kí lại', 'có'],
    help: ['trợ giúp', 'giúp', 'giúp đỡ', 'hỗ trợ', 'thông tin'],
    polite: ['vui lòng', 'xin', 'làm ơn', 'cảm ơn', 'cám ơn', 'ạ', 'nhé', 'nha', 'giùm', 'dùm'],
    languageNames: { vi: ['tiếng việt', 'việt'], en: ['tiếng anh'] },
  },
  'zh-Hans': {
    optOut: [
      '停止', '退订', '取消订阅', '取消', '退出', '拒收', '退订短信', '停止短信', '停止发送',
      '不要再发', '不要再发了', '别再发了', '别发了',
      // "回复TD退订" is the mainland convention for unsubscribing.
      'td',
    ],
    optIn: ['开始', '订阅', '重新订阅', '恢复', '是', '是的'],
    help: ['帮助', '帮忙', '求助', '说明'],
    polite: ['请', '麻烦', '谢谢', '吧'],
    languageNames: {
      'zh-Hans': ['中文', '简体', '简体中文', '中文简体', '普通话', '汉语', '华语', '国语'],
      en: ['英语', '英文'],
    },
  },
  'zh-Hant': {
    optOut: [
      '停止', '退訂', '取消訂閱', '取消', '退出', '拒收', '退訂簡訊', '停止簡訊', '停止發送',
      '不要再發', '不要再發了', '別再發了', '別發了',
    ],
    optIn: ['開始', '訂閱', '重新訂閱', '恢復', '是', '是的'],
    help: ['幫助', '幫忙', '求助', '說明'],
    polite: ['請', '麻煩', '謝謝', '吧'],
    languageNames: {
      'zh-Hant': [
        '繁體', '繁體中文', '中文繁體', '繁体', '繁体中文', '正體中文', '國語', '廣東話', '粵語', '粤语',
      ],
      en: ['英語', '英文'],
    },
  },
  ar: {
    optOut: [
      'توقف', 'قف', 'إيقاف', 'أوقف', 'إلغاء', 'إلغاء الاشتراك', 'الغ الاشتراك', 'إنهاء', 'خروج',
      'كفى', 'لا أريد رسائل',
    ],
    optIn: ['ابدأ', 'بدء', 'اشترك', 'اشتراك', 'إعادة الاشتراك', 'تفعيل', 'نعم'],
    help: ['مساعدة', 'ساعدني', 'معلومات'],
    polite: ['من فضلك', 'لو سمحت', 'رجاء', 'الرجاء', 'أرجو', 'شكرا'],
    languageNames: { ar: ['العربية', 'عربي', 'اللغة العربية'], en: ['الإنجليزية', 'انجليزي'] },
  },
  so: {
    optOut: ['jooji', 'joojin', 'i jooji', 'iska jooji', 'joogso', 'baaji', 'iga saar', 'ka saar', 'ka bax'],
    optIn: ['bilow', 'bilaab', 'dib u bilow', 'ku biir', 'isdiiwaangeli', 'haa'],
    help: ['caawimo', 'caawin', 'i caawi', 'gargaar', 'macluumaad'],
    polite: ['fadlan', 'mahadsanid'],
    languageNames: { so: ['af soomaali', 'soomaali', 'somaali'], en: ['ingiriisi', 'af ingiriis'] },
  },
  ht: {
    optOut: [
      'sispann', 'kanpe', 'rete', 'anile', 'dezabòne', 'sispann voye mesaj', 'pa voye mesaj ankò',
    ],
    optIn: ['kòmanse', 'koumanse', 'rekòmanse', 'abòne', 'wi'],
    help: ['èd', 'ede', 'ede m', 'enfòmasyon'],
    polite: ['tanpri', 'souple', 'silvouple', 'mèsi'],
    languageNames: { ht: ['kreyòl', 'kreyòl ayisyen'], en: ['angle'] },
  },
  pt: {
    optOut: [
      'pare', 'parar', 'parem', 'cancelar', 'cancela', 'sair', 'descadastrar', 'descadastre',
      'descadastrar-me', 'desinscrever', 'remover', 'remova-me', 'chega', 'basta', 'fim',
      'não quero mais', 'não quero mais mensagens',
    ],
    optIn: ['começar', 'iniciar', 'inscrever', 'assinar', 'reativar', 'voltar a receber', 'sim'],
    help: ['ajuda', 'informação', 'informações', 'info'],
    polite: ['por favor', 'pf', 'pfv', 'obrigado', 'obrigada'],
    languageNames: { pt: ['português'], en: ['inglês'] },
  },
  fr: {
    optOut: [
      'arrêt', 'arrêter', 'arrêtez', 'stop', 'stop sms', 'arrêt sms', 'fin', 'annuler',
      'désabonner', 'me désabonner', 'désabonnement', 'désinscrire', 'me désinscrire',
      'désinscription',
    ],
    optIn: ['commencer', 'démarrer', 'reprendre', 'abonner', "s'abonner", 'réabonner', 'me réabonner', 'oui'],
    help: ['aide', 'aidez-moi', 'info', 'infos'],
    polite: ["s'il vous plaît", "s'il te plaît", 'svp', 'stp', 'merci'],
    languageNames: { fr: ['français'], en: ['anglais'] },
  },
  ru: {
    optOut: [
      'стоп', 'отписаться', 'отписка', 'отпишите', 'отписать', 'отменить', 'отмена', 'хватит',
      'прекратить', 'прекратите', 'остановить', 'остановите', 'не присылайте', 'не пишите',
      'больше не присылать',
    ],
    optIn: ['старт', 'начать', 'подписаться', 'возобновить', 'да'],
    help: ['помощь', 'помогите', 'справка', 'инфо', 'информация'],
    polite: ['пожалуйста', 'спасибо', 'плиз'],
    languageNames: { ru: ['русский', 'русский язык', 'по-русски'], en: ['английский'] },
  },
  ko: {
    optOut: [
      '중지', '중단', '정지', '수신거부', '수신 거부', '거부', '취소', '구독취소', '구독 취소', '해지',
      '탈퇴', '그만', '그만해', '그만하세요', '멈춰', '멈춰요', '스톱', '그만 보내세요',
      '보내지 마세요', '중지해 주세요', '중지해주세요',
    ],
    optIn: ['시작', '다시 시작', '구독', '재구독', '수신동의', '수신 동의', '가입', '네', '예'],
    help: ['도움말', '도움', '도와주세요', '안내', '정보', '헬프'],
    polite: ['감사합니다'],
    languageNames: { ko: ['한국어', '한국말', '한글'], en: ['영어'] },
  },
  tl: {
    optOut: [
      'tigil', 'itigil', 'tumigil', 'tigilan', 'hinto', 'ihinto', 'tama na', 'ayoko na',
      'ayaw ko na', 'huwag na', 'kanselahin', 'alisin', 'alisin mo ako',
    ],
    optIn: ['simula', 'simulan', 'magsimula', 'sumali', 'mag-subscribe', 'oo', 'opo'],
    help: ['tulong', 'tulungan', 'saklolo', 'impormasyon'],
    polite: ['po', 'pakiusap', 'paki', 'salamat', 'na', 'naman'],
    languageNames: { tl: ['tagalog', 'filipino', 'pilipino', 'wikang tagalog'], en: ['ingles'] },
  },
};
